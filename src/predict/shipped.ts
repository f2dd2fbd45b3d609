// The models this Worker ships, as indexed at build time by scripts/build-models.js from
// models/*.json: found by their manifest's `condition` and grid size, never by file name. Only
// the manifests live here (small); the ONNX bytes and onnxruntime-web load lazily (./runtime.ts).
import manifests from "../../build/models/manifests.json";
import { CONDITIONS } from "../conditions";
import type { ModelManifest } from "../decode/model";

const MODELS = manifests as unknown as ModelManifest[];

/** Every shipped model, in the order of CONDITIONS, then by size. */
export function shippedModels(): readonly ModelManifest[] {
  return [...MODELS].sort((a, b) => CONDITIONS.indexOf(a.condition) - CONDITIONS.indexOf(b.condition) || a.rows - b.rows || a.cols - b.cols);
}

export const sizeName = (rows: number, cols: number): string => `${rows}x${cols}`;

/** Grid sizes some model reads ("10x10"), sorted. */
export function supportedSizes(): string[] {
  const sizes = [...new Set(MODELS.map((m) => sizeName(m.rows, m.cols)))];
  return sizes.sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
}

/** The models for one grid size, in the order of CONDITIONS. */
export function modelsFor(rows: number, cols: number): ModelManifest[] {
  return shippedModels().filter((m) => m.rows === rows && m.cols === cols);
}
