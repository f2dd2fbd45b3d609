// The engine in the browser: the same build/core.wasm the Worker runs (copied beside the page by
// scripts/build-web.js), wrapped by the same src/core API, so verdicts match /v1/verify exactly.
import { createEngine, type Engine } from "../../src/core/load";

let engine: Promise<Engine> | undefined;

export function getEngine(): Promise<Engine> {
  engine ??= (async () => {
    const res = fetch("/core.wasm");
    // compileStreaming needs the application/wasm type; fall back to bytes when it is missing.
    const module = await WebAssembly.compileStreaming(res).catch(async () => WebAssembly.compile(await (await fetch("/core.wasm")).arrayBuffer()));
    return createEngine(module);
  })();
  return engine;
}
