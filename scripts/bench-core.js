#!/usr/bin/env node
// Engine throughput on this machine, one thread: `npm run bench:core` (after `npm run build`).
//   - mazes/s: Wilson stream, generate + A* + serialize to JSONL (the dataset hot path), 30x30 and
//     10x10, median of several timed rounds;
//   - validated tokens/s: see benchValidator() below.
// `--json` prints one JSON object instead of the human summary.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = 7;
const ROUND_MS = 700;

// The typed engine API is TypeScript: bundle it once into build/ (ignored) and import that.
async function loadEngine() {
  if (!existsSync(join(root, "build", "core.wasm"))) {
    console.error("bench-core: build/core.wasm is missing; run `npm run build` first");
    process.exit(1);
  }
  const outfile = join(root, "build", "bench", "engine.mjs");
  await build({
    entryPoints: [join(root, "src/core/node.ts")],
    outfile, bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning",
  });
  const mod = await import(pathToFileURL(outfile).href);
  return mod.loadEngine();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

// Rounds of ROUND_MS each, after a warm-up round; returns per-round rates (items/s).
function rounds(step) {
  const rates = [];
  for (let r = -1; r < ROUNDS; r++) {
    let items = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < ROUND_MS) {
      for (let i = 0; i < 64; i++) items += step();
      t = performance.now();
    }
    if (r >= 0) rates.push(items / ((t - t0) / 1000));
  }
  return rates;
}

function benchMazes(engine, size) {
  const stream = engine.openStream({ generator: "wilson", rows: size, cols: size, seed: 42 });
  let bytes = 0;
  const rates = rounds(() => {
    bytes += stream.nextLine().length;
    return 1;
  });
  stream.close();
  return { size: `${size}x${size}`, generator: "wilson", median: median(rates), min: Math.min(...rates), max: Math.max(...rates), bytes };
}

// ==== VALIDATOR: validated tokens/s ==========================================================
// Owned by the validator engineer: return { median, min, max, ... } in tokens/s (use rounds()
// and median() above), or null while it is not measured yet. It gets the typed engine.
// eslint-disable-next-line no-unused-vars
function benchValidator(engine) {
  return null;
}
// =============================================================================================

const engine = await loadEngine();
const machine = `${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores)`;
const buildInfo = JSON.parse(readFileSync(join(root, "build", "core-build.json"), "utf8"));
const mazes = [benchMazes(engine, 30), benchMazes(engine, 10)];
const validator = benchValidator(engine);

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ machine, node: process.version, engine: buildInfo.sha256, rounds: ROUNDS, mazes, validator }));
} else {
  const fmt = (n) => Math.round(n).toLocaleString("en-US");
  console.log(`machine: ${machine}, Node ${process.version}, engine ${buildInfo.sha256.slice(0, 16)}, one thread`);
  console.log(`mazes/s (wilson, generate + A* + serialize to JSONL; median of ${ROUNDS} rounds):`);
  for (const m of mazes) console.log(`  ${m.size.padEnd(6)} ${fmt(m.median).padStart(9)}   (min ${fmt(m.min)}, max ${fmt(m.max)})`);
  console.log(validator
    ? `validated tokens/s: ${fmt(validator.median)}   (min ${fmt(validator.min)}, max ${fmt(validator.max)})`
    : "validated tokens/s: not measured yet (benchValidator in scripts/bench-core.js)");
}
