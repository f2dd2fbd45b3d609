// onnxruntime-web inside workerd, the precompiled-module recipe (docs/models.md, "onnxruntime-web inside workerd").
// workerd cannot compile WebAssembly from bytes at run time, and ORT compiles its wasm itself:
// we hand ORT a small marker as `wasmBinary` and wrap WebAssembly.instantiate so that, when it
// receives the marker, it instantiates the module wrangler compiled at build time (imported
// below as a CompiledWasm module) with the imports ORT gave it. Imported lazily (a dynamic
// import() from ./models.ts), so routes without inference never load ORT.
import * as ort from "onnxruntime-web/wasm";
import ortWasm from "onnxruntime-web/ort-wasm-simd-threaded.wasm";
import type { Ort } from "../decode/ort";

const MARKER = new TextEncoder().encode("reasonless:precompiled-ort-wasm");

function isMarker(bytes: unknown): boolean {
  const view = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
  return view !== null && view.length === MARKER.length && view.every((b, i) => b === MARKER[i]);
}

let patched = false;

function patchInstantiate(): void {
  if (patched) return;
  patched = true;
  const original = WebAssembly.instantiate.bind(WebAssembly) as (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;
  (WebAssembly as { instantiate: unknown }).instantiate = async (source: unknown, imports?: WebAssembly.Imports) => {
    if (isMarker(source)) {
      const instance = await WebAssembly.instantiate(ortWasm, imports);
      return { instance, module: ortWasm };
    }
    return original(source, imports);
  };
}

patchInstantiate();
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmBinary = MARKER.slice().buffer;
ort.env.logLevel = "error";

export const webOrt: Ort = ort as unknown as Ort;
