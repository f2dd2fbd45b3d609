#!/usr/bin/env node
// Bundles the TypeScript CLI (src/cli/main.ts) into dist/cli.js for Node, and the library the
// scripts import (src/lib.ts: engine, benchmarks, decoder) into dist/lib.js.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOptions } from "./lib/options.js";

// No options; parsed anyway so that --help answers and a stray argument is not silently ignored.
parseOptions("build-cli", {
  usage: `Usage: node scripts/build-cli.js   (npm run build:cli; part of npm run build)

Bundles the TypeScript CLI (src/cli/main.ts) into dist/cli.js for Node, and the library the
scripts import (src/lib.ts: engine, benchmarks, decoder) into dist/lib.js.`,
  options: {},
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const [entry, out] of [
  ["src/cli/main.ts", "dist/cli.js"],
  ["src/lib.ts", "dist/lib.js"],
])
  await build({
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
