#!/usr/bin/env node
// Engine throughput on this machine, one thread: `npm run bench:core` (after `npm run build`).
//   - mazes/s: Wilson stream, generate + A* + serialize to JSONL (the dataset hot path), 30x30 and
//     10x10, median of several timed rounds;
//   - validated tokens/s: see benchValidator() below.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";

const { values: options } = parseOptions("bench-core", {
  usage: `Usage: node scripts/bench-core.js [options]   (npm run bench:core; after npm run build)

Engine throughput on this machine, one thread: mazes/s (Wilson stream, generate + A* + serialize
to JSONL, 30x30 and 10x10) and validated tokens/s (engine.validate over 30x30 and 10x10 test
responses), each the median of several timed rounds.`,
  options: { json: { type: "boolean", help: "print one JSON object instead of the human summary" } },
  examples: ["npm run bench:core -- --json"],
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = 7;
const ROUND_MS = 700;

async function loadEngine() {
  return (await loadLib("bench-core")).loadEngine();
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
// The headline is the typed call a service makes, engine.validate(maze, ids) with its defaults
// (paper rules + strict checks, full report), over 30x30 Wilson test responses: 200 own A*
// traces and 200 swapped ones (the trace of the next maze), ids already tokenized. The other
// cases show the spread: paper rules only, 10x10, and text input (tokenized inside the call).
function benchValidator(engine) {
  const cases = [];
  const responses = (size) => {
    const stream = engine.openStream({ generator: "wilson", rows: size, cols: size, split: "test", seed: 42 });
    const items = Array.from({ length: 200 }, () => {
      const maze = stream.next();
      const text = engine.serialize(maze);
      const at = text.indexOf(" reasoning ") + 1,
        sol = text.indexOf(" solution ");
      return { maze, trace: text.slice(at, sol), plan: text.slice(sol) };
    });
    stream.close();
    const out = [];
    items.forEach((it, i) => {
      for (const trace of [it.trace, items[(i + 1) % items.length].trace]) {
        const text = trace + it.plan;
        out.push({ maze: it.maze, text, ids: engine.tokenize(text, size, size) });
      }
    });
    return out;
  };
  const r30 = responses(30),
    r10 = responses(10);
  /** @type {Array<[string, number, any[], "ids" | "text", { strict: boolean } | undefined]>} */
  const specs = [
    ["validate(maze, ids): paper rules + strict, full report", 30, r30, "ids", undefined],
    ["validate(maze, ids, { strict: false }): paper rules only", 30, r30, "ids", { strict: false }],
    ["validate(maze, ids): paper rules + strict", 10, r10, "ids", undefined],
    ["validate(maze, text): tokenized inside the call", 30, r30, "text", undefined],
  ];
  // Rounds interleave the cases (after one warm-up round of each), so that a burst of load on a
  // shared machine, or the JIT warming up, does not land on one case only.
  const rates = specs.map(() => []);
  for (let round = -1; round < ROUNDS; round++) {
    specs.forEach(([, , list, input, opts], c) => {
      let tokens = 0,
        k = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < ROUND_MS / 2) {
        for (let i = 0; i < 64; i++) {
          const r = list[k++ % list.length];
          tokens += engine.validate(r.maze, r[input], opts).tokens;
        }
        t = performance.now();
      }
      if (round >= 0) rates[c].push(tokens / ((t - t0) / 1000));
    });
  }
  specs.forEach(([name, size, list, input], c) => {
    const tokens = list.reduce((a, r) => a + r.ids.length, 0) / list.length;
    cases.push({
      name,
      size: `${size}x${size}`,
      input,
      mean_tokens: Math.round(tokens),
      median: median(rates[c]),
      min: Math.min(...rates[c]),
      max: Math.max(...rates[c]),
    });
  });
  const head = cases[0];
  for (const c of cases) {
    const fmt = (n) => Math.round(n).toLocaleString("en-US");
    if (!options.json) console.log(`validator ${c.size} ${c.input.padEnd(4)} ${fmt(c.median).padStart(12)} tokens/s (max ${fmt(c.max)})  ${c.name}`);
  }
  return { median: head.median, min: head.min, max: head.max, headline: head.name, size: head.size, cases };
}
// =============================================================================================

const engine = await loadEngine();
const machine = `${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores)`;
const buildInfo = JSON.parse(readFileSync(join(root, "build", "core-build.json"), "utf8"));
const mazes = [benchMazes(engine, 30), benchMazes(engine, 10)];
const validator = benchValidator(engine);

if (options.json) {
  console.log(JSON.stringify({ machine, node: process.version, engine: buildInfo.sha256, rounds: ROUNDS, mazes, validator }));
} else {
  const fmt = (n) => Math.round(n).toLocaleString("en-US");
  console.log(`machine: ${machine}, Node ${process.version}, engine ${buildInfo.sha256.slice(0, 16)}, one thread`);
  console.log(`mazes/s (wilson, generate + A* + serialize to JSONL; median of ${ROUNDS} rounds):`);
  for (const m of mazes) console.log(`  ${m.size.padEnd(6)} ${fmt(m.median).padStart(9)}   (min ${fmt(m.min)}, max ${fmt(m.max)})`);
  console.log(
    validator
      ? `validated tokens/s: ${fmt(validator.median)}   (min ${fmt(validator.min)}, max ${fmt(validator.max)})`
      : "validated tokens/s: not measured yet (benchValidator in scripts/bench-core.js)",
  );
}
