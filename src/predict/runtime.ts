// Model sessions for the Worker, one per model and isolate, built on first use. This module is
// only ever imported dynamically (src/routes/predict.ts), so onnxruntime-web (./ort-web.ts) loads
// on the first prediction, not before. The ONNX bytes are the Worker's static assets (the ASSETS
// binding, wrangler.toml; copied to build/assets/models/ by scripts/build-models.js), fetched
// once per model and isolate and checked against the manifest's sha256, so the hash
// GET /v1/models publishes is that of the bytes that run.
import type { Engine } from "../core";
import { type Model, type ModelManifest, createModel } from "../decode/model";
import type { OrtSession } from "../decode/ort";
import { sha256Hex } from "../leaderboard/benchmarks";
import { webOrt } from "./ort-web";

const sessions = new Map<string, Promise<Model>>();

/** The ONNX file of `manifest` from the static assets, checked against its sha256. */
async function onnxBytes(assets: Fetcher, manifest: ModelManifest): Promise<Uint8Array> {
  // Any origin works: the binding serves the assets directory by path.
  const res = await assets.fetch(`https://assets.invalid/models/${encodeURIComponent(manifest.onnx.file)}`);
  if (!res.ok) throw new Error(`model ${manifest.name}: its ONNX file ${manifest.onnx.file} is not among the Worker's assets (HTTP ${res.status})`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== manifest.onnx.sha256)
    throw new Error(
      `model ${manifest.name}: ${manifest.onnx.file} has sha256 ${sha256.slice(0, 16)}..., the manifest says ${String(manifest.onnx.sha256).slice(0, 16)}...`,
    );
  return bytes;
}

/** The isolate's model for `manifest`, created on first use (a failed load is retried later). */
export function loadModel(engine: Engine, manifest: ModelManifest, assets: Fetcher): Promise<Model> {
  let model = sessions.get(manifest.name);
  if (!model) {
    model = onnxBytes(assets, manifest)
      .then((bytes) => createModel(webOrt, manifest, bytes, engine.vocab(manifest.rows, manifest.cols), { executionProviders: ["wasm"] }))
      .catch((err: unknown) => {
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
