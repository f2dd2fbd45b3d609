// The project's TypeScript (engine, benchmarks, decoder) as the Node tools in scripts/ use it:
// dist/lib.js, bundled from src/lib.ts by `npm run build` (scripts/build-cli.js). One bundle for
// every script, so a script never runs code older or newer than the CLI's.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Imports dist/lib.js; when it or the engine (build/core.wasm) is missing, says to build and exits 1. */
export async function loadLib(script) {
  for (const file of ["dist/lib.js", "build/core.wasm"]) {
    if (!existsSync(join(root, file))) {
      process.stderr.write(`${script}: ${file} is missing; run \`npm run build\` first\n`);
      process.exit(1);
    }
  }
  return import(pathToFileURL(join(root, "dist", "lib.js")).href);
}
