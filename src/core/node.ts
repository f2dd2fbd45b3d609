// Node-only loader: compiles build/core.wasm once per process.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, type Engine } from "./load";

let cached: Promise<Engine> | undefined;

// The package root holds build/; find it from wherever this file was bundled to (src/ or dist/).
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "assembly"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("reasonless: cannot find the package root (build/core.wasm)");
    dir = up;
  }
}

export function loadEngine(): Promise<Engine> {
  cached ??= (async () => {
    const path = join(packageRoot(), "build", "core.wasm");
    if (!existsSync(path)) throw new Error(`reasonless: ${path} is missing; run \`npm run build\``);
    return createEngine(await WebAssembly.compile(await readFile(path)));
  })();
  return cached;
}
