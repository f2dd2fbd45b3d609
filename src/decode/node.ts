// Node side of the decoder: reads models/<name>.json + its ONNX file and opens it with
// onnxruntime-node (imported lazily, so commands without inference never load the native addon).
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Engine } from "../core/load";
import { type Model, ModelError, checkManifest, createModel } from "./model";
import type { Ort, OrtSessionOptions } from "./ort";

export async function nodeOrt(): Promise<Ort> {
  const ort: Ort = await import("onnxruntime-node");
  return ort;
}

/** The manifest path for a model given as `models/X.onnx`, `models/X.json` or `models/X`. */
export function manifestPath(model: string): string {
  return model.replace(/\.(onnx|json)$/, "") + ".json";
}

/** Loads a model from its manifest (or ONNX) path; its vocabulary must be the engine's. */
export async function loadModelFile(engine: Engine, model: string, options: OrtSessionOptions = {}): Promise<Model> {
  const path = manifestPath(model);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new ModelError(`cannot read the model manifest ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  checkManifest(manifest);
  const onnx = join(dirname(path), manifest.onnx?.file ?? "");
  const bytes = await readFile(onnx).catch(() => {
    throw new ModelError(`cannot read the model file ${onnx} (named by ${path})`);
  });
  const ort = await nodeOrt();
  return createModel(ort, manifest, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), engine.vocab(manifest.rows, manifest.cols), {
    intraOpNumThreads: 1,
    ...options,
  });
}
