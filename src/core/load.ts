// Builds the typed engine from a compiled WebAssembly.Module. The same function serves Node
// (module compiled from build/core.wasm), workerd (module imported by the bundler) and browsers.
import { instantiate } from "../../build/core.js";
import { mazeApi } from "./mazes";
import { validatorApi } from "./validate";

export type Engine = ReturnType<typeof mazeApi> & ReturnType<typeof validatorApi>;

export async function createEngine(module: WebAssembly.Module): Promise<Engine> {
  const raw = await instantiate(module, { env: {} });
  return { ...mazeApi(raw), ...validatorApi(raw) };
}
