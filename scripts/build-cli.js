#!/usr/bin/env node
// Bundles the TypeScript CLI (src/cli/main.ts) into dist/cli.js for Node, and the library the
// scripts import (src/lib.ts: engine, benchmarks, decoder) into dist/lib.js.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const [entry, out] of [["src/cli/main.ts", "dist/cli.js"], ["src/lib.ts", "dist/lib.js"]]) await build({
  entryPoints: [join(root, entry)],
  outfile: join(root, out),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
