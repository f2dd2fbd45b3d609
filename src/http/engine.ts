// The engine, instantiated once per isolate from the wasm module that wrangler compiled at
// build time (workerd cannot compile WebAssembly from bytes at run time).
import wasm from "../../build/core.wasm";
import build from "../../build/core-build.json";
import pkg from "../../package.json";
import { createEngine, type Engine, type GeneratorInfo } from "../core";

let engine: Promise<Engine> | undefined;

export function getEngine(): Promise<Engine> {
  engine ??= createEngine(wasm).catch((err: unknown) => {
    engine = undefined; // let the next request try again
    throw err;
  });
  return engine;
}

export const VERSION: string = pkg.version;
/** sha256 of build/core.wasm: identifies the exact engine behind every response. */
export const ENGINE_BUILD: { sha256: string; bytes: number } = build;

let registry: GeneratorInfo[] | undefined;
let grid: { min: number; max: number } | undefined;

/** The engine's generator registry (names, parameters, size limits), read once. */
export async function generators(): Promise<GeneratorInfo[]> {
  registry ??= (await getEngine()).generators();
  return registry;
}

/** Grid sizes any maze may have: the union of the generators' size ranges. */
export async function gridLimits(): Promise<{ min: number; max: number }> {
  if (!grid) {
    const gens = await generators();
    grid = { min: Math.min(...gens.map((g) => g.minSize)), max: Math.max(...gens.map((g) => g.maxSize)) };
  }
  return grid;
}
