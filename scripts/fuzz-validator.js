#!/usr/bin/env node
// Fuzzes the engine's validator against the plain implementation of spec section 6
// (test/core/paper-validator.ts) on random token sequences and mutated golden responses
// (test/core/paper-cases.ts), and prints how many verdicts disagree (must be 0) and the engine's
// speed on these cases. The test suite runs the same comparison on 10,000 cases.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";

const { values: options } = parseOptions("fuzz-validator", {
  usage: `Usage: node scripts/fuzz-validator.js [options]   (after npm run build)

Compares the engine's default (paper) verdict with a plain second implementation of spec
section 6 on --count random inputs: token sequences over the vocabulary and golden A* responses
with 1-4 mutations (cut-off and missing plans, stray tokens, early eos, plan steps mid-trace,
keywords inside windows, coordinate tokens in cost slots). Compared per case: trace_valid,
plan_valid, both error-code lists in order, the trace error count, the model's plan. Prints the
disagreements (the first few in full) and the engine's validation speed (cases/s, tokens/s).
Exits 1 when any case disagrees.`,
  options: {
    count: { type: "int", default: 1_000_000, min: 1, value: "N", help: "cases to run" },
    seed: { type: "int", default: 1, min: 0, value: "N", help: "seed of the case generator" },
    show: { type: "int", default: 3, min: 0, value: "N", help: "disagreements to print in full" },
    json: { type: "boolean", help: "print one JSON object instead of the summary" },
  },
  examples: ["node scripts/fuzz-validator.js", "node scripts/fuzz-validator.js --count 20000 --seed 7"],
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// The reference and the case generator are TypeScript test modules: bundle them for Node.
async function loadTestModules() {
  const dir = mkdtempSync(join(tmpdir(), "fuzz-validator-"));
  try {
    await build({
      entryPoints: { reference: join(root, "test/core/paper-validator.ts"), cases: join(root, "test/core/paper-cases.ts") },
      outdir: dir,
      bundle: true,
      format: "esm",
      platform: "node",
      logLevel: "error",
    });
    const reference = await import(pathToFileURL(join(dir, "reference.js")).href);
    const cases = await import(pathToFileURL(join(dir, "cases.js")).href);
    return { paperVerdict: reference.paperVerdict, caseMaker: cases.caseMaker };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const slim = (v) => JSON.stringify(v);

const engine = await (await loadLib("fuzz-validator")).loadEngine();
const { paperVerdict, caseMaker } = await loadTestModules();
const maker = caseMaker(engine, options.seed);

let disagreements = 0,
  engineMs = 0,
  tokens = 0;
const shown = [];
const verdicts = { trace_valid: 0, plan_valid: 0 };
for (let n = 0; n < options.count; n++) {
  const c = n % 2 ? maker.mutatedCase() : maker.randomCase();
  const t0 = performance.now();
  const r = engine.validate(c.maze, c.ids, { strict: false });
  engineMs += performance.now() - t0;
  tokens += c.ids.length;
  const p = paperVerdict(c.maze, c.words);
  const got = [
    r.trace_valid,
    r.plan_valid,
    r.trace_errors.map((e) => e.code),
    r.plan_errors.map((e) => e.code),
    r.trace_error_count,
    r.plan_errors.length ? null : r.plan,
  ];
  const want = [p.trace_valid, p.plan_valid, p.trace_errors.slice(0, 256), p.plan_errors, p.trace_errors.length, p.plan_errors.length ? null : p.plan];
  if (r.trace_valid) verdicts.trace_valid++;
  if (r.plan_valid) verdicts.plan_valid++;
  if (slim(got) !== slim(want)) {
    disagreements++;
    if (shown.length < options.show) shown.push({ response: c.words.join(" "), engine: got, reference: want });
  }
}

const summary = {
  cases: options.count,
  seed: options.seed,
  disagreements,
  trace_valid: verdicts.trace_valid,
  plan_valid: verdicts.plan_valid,
  engine_cases_per_s: Math.round(options.count / (engineMs / 1000)),
  engine_tokens_per_s: Math.round(tokens / (engineMs / 1000)),
  mean_tokens: +(tokens / options.count).toFixed(1),
};
if (options.json) {
  process.stdout.write(JSON.stringify({ ...summary, shown }) + "\n");
} else {
  for (const s of shown) process.stdout.write(`DISAGREE ${s.response}\n  engine    ${slim(s.engine)}\n  reference ${slim(s.reference)}\n`);
  process.stdout.write(
    `${summary.cases} cases (seed ${summary.seed}, mean ${summary.mean_tokens} tokens): ${disagreements} disagreements; ` +
      `trace-valid ${summary.trace_valid}, plan-valid ${summary.plan_valid}\n` +
      `engine.validate (ids, paper verdict only): ${summary.engine_cases_per_s} cases/s, ${summary.engine_tokens_per_s} tokens/s\n`,
  );
}
process.exit(disagreements ? 1 : 0);
