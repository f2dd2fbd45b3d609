#!/usr/bin/env node
// Compiles assembly/ into build/core.wasm with raw bindings (build/core.js), the form that
// works unchanged in Node, workerd (precompiled module) and browsers.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOptions } from "./lib/options.js";

// No options; parsed anyway so that --help answers and a stray argument is not silently ignored.
parseOptions("build-wasm", {
  usage: `Usage: node scripts/build-wasm.js   (npm run build:wasm; part of npm run build)

Compiles assembly/ into build/core.wasm with raw bindings (build/core.js), the form that works
unchanged in Node, workerd and browsers, and writes its sha256 to build/core-build.json.`,
  options: {},
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(root, "build"), { recursive: true });
const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
const args = [
  asc,
  "assembly/index.ts",
  "--outFile",
  "build/core.wasm",
  "--bindings",
  "raw",
  "--optimizeLevel",
  "3",
  "--shrinkLevel",
  "0",
  "--runtime",
  "incremental",
  "--exportRuntime",
  "--initialMemory",
  "64",
  "--noAssert",
  "--enable",
  "simd",
];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
const wasm = readFileSync(join(root, "build", "core.wasm"));
const hash = createHash("sha256").update(wasm).digest("hex");
// The build hash identifies the exact engine that produced a result (health endpoint, receipts).
writeFileSync(join(root, "build", "core-build.json"), JSON.stringify({ sha256: hash, bytes: wasm.length }) + "\n");
console.error(`build/core.wasm ${wasm.length} bytes, sha256 ${hash.slice(0, 16)}`);
