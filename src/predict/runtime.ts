// Model sessions for the Worker, one per model and isolate, built on first use. This module is
// only ever imported dynamically (src/routes/predict.ts), so onnxruntime-web (./ort-web.ts) and
// the ONNX bytes (build/models/onnx.js, Data modules) load on the first prediction, not before.
import { ONNX } from "../../build/models/onnx.js";
import type { Engine } from "../core";
import { type Model, type ModelManifest, createModel } from "../decode/model";
import type { OrtSession } from "../decode/ort";
import { webOrt } from "./ort-web";

const sessions = new Map<string, Promise<Model>>();

/** The isolate's model for `manifest`, created on first use (a failed load is retried later). */
export function loadModel(engine: Engine, manifest: ModelManifest): Promise<Model> {
  let model = sessions.get(manifest.name);
  if (!model) {
    const bytes = ONNX[manifest.name];
    model = bytes === undefined
      ? Promise.reject(new Error(`model ${manifest.name}: no ONNX module was bundled`))
      : createModel(webOrt, manifest, new Uint8Array(bytes), engine.vocab(manifest.rows, manifest.cols), { executionProviders: ["wasm"] });
    model = model.catch((err: unknown) => {
      sessions.delete(manifest.name);
      throw err;
    });
    sessions.set(manifest.name, model);
  }
  return model;
}

/** Names of the models with a session in this isolate (loaded or loading). */
export function loadedModels(): string[] {
  return [...sessions.keys()];
}

/** Yields to workerd's event loop. workerd's clock only advances at I/O, and streamed chunks
 *  and a client's disconnect are only handled between tasks; a timer is the cheapest I/O. */
export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The same session, yielding to the event loop after every run, so the shared decoder's clock
 *  (time budget, timings), streaming and AbortSignal work inside workerd. */
export function yielding(model: Model): Model {
  const inner: OrtSession = model.session;
  const session: OrtSession = {
    inputNames: inner.inputNames,
    outputNames: inner.outputNames,
    run: async (feeds) => {
      const out = await inner.run(feeds);
      await tick();
      return out;
    },
  };
  return { ...model, session };
}
