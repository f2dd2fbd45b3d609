#!/usr/bin/env node
// Scores every stored leaderboard submission again with this checkout's engine build, from its
// stored predictions (migrations/0003), and records the build it used; see --help.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";
import { runWrangler } from "./lib/server.js";

const { values: options } = parseOptions("rescore-submissions", {
  usage: `Usage: node scripts/rescore-submissions.js [options]   (npm run rescore:submissions; after npm run build)

Re-scores the stored submissions of the leaderboard's D1 database with this checkout's engine
(build/core.wasm): for every submission scored by another build, reads its stored predictions,
scores them as POST /v1/submissions does, and updates its scores, per-instance results, receipt
and engine_build. The leaderboard ranks only the server's own build, so run this after deploying
a new engine. Submissions made before predictions were stored cannot be re-scored: they are
listed and left as they are (off the leaderboard of the new build). Goes through
\`wrangler d1 execute\` (local state by default, --remote for a deployment).`,
  options: {
    remote: { type: "boolean", help: "the deployment's D1 (wrangler d1 execute --remote)" },
    "persist-to": { type: "string", value: "DIR", help: "local wrangler state (default .wrangler/state)" },
    "dry-run": { type: "boolean", help: "score and report, write nothing" },
    all: { type: "boolean", help: "also re-score submissions already scored by this build" },
  },
  examples: ["npm run rescore:submissions", "npm run rescore:submissions -- --dry-run", "npm run rescore:submissions -- --remote"],
});

const where = options.remote ? ["--remote"] : ["--local", ...(options["persist-to"] ? ["--persist-to", options["persist-to"]] : [])];

function d1(args) {
  const r = runWrangler(["d1", "execute", "reasonless", ...where, "--json", ...args]);
  if (r.status !== 0) {
    process.stderr.write(`rescore-submissions: wrangler d1 execute failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ")}\n`);
    process.exit(1);
  }
  return JSON.parse(r.stdout).flatMap((x) => x.results ?? []);
}
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

const lib = await loadLib("rescore-submissions");
const engine = await lib.loadEngine();
const build = lib.engineBuild(lib.packageRoot());
if (!build) {
  process.stderr.write("rescore-submissions: build/core-build.json is missing; run `npm run build` first\n");
  process.exit(1);
}

const subs = d1(["--command", "SELECT id, benchmark, engine_build, receipt FROM submissions ORDER BY created_at"]);
const todo = subs.filter((s) => options.all || s.engine_build !== build.sha256);
process.stdout.write(`${subs.length} submissions; ${todo.length} to re-score with engine ${build.sha256.slice(0, 12)}\n`);
const dir = mkdtempSync(join(tmpdir(), "rescore-"));
let done = 0,
  skipped = 0;
try {
  for (const sub of todo) {
    const spec = lib.BENCHMARKS.find((b) => b.id === sub.benchmark);
    if (!spec) {
      process.stdout.write(`  ${sub.id}: unknown benchmark ${sub.benchmark}; left as it is\n`);
      skipped++;
      continue;
    }
    const rows = d1(["--command", `SELECT idx, response FROM submission_predictions WHERE submission_id = ${quote(sub.id)}`]);
    const receipt = JSON.parse(sub.receipt);
    if (rows.length === 0 && receipt.counts?.predictions > 0) {
      process.stdout.write(`  ${sub.id}: no stored predictions (made before they were stored); left as it is\n`);
      skipped++;
      continue;
    }
    const suite = await lib.getSuite(engine, spec);
    const { scores, results } = lib.score(engine, suite, new Map(rows.map((r) => [r.idx, r.response])));
    const before = receipt.scores?.overall ?? {};
    const fmt = (x) => (x === undefined ? "?" : (100 * x).toFixed(1));
    process.stdout.write(
      `  ${sub.id}: plan ${fmt(before.plan_validity)} -> ${fmt(scores.overall.plan_validity)}, ` +
        `trace ${fmt(before.trace_validity)} -> ${fmt(scores.overall.trace_validity)}, ` +
        `optimal ${fmt(before.optimal_rate)} -> ${fmt(scores.overall.optimal_rate)} (%)\n`,
    );
    if (options["dry-run"]) continue;
    receipt.scores = scores;
    receipt.engine = { ...receipt.engine, build: build.sha256 };
    // D1 refuses statements over 100 KB: long JSON goes in by appending chunks. The build and
    // the ranked columns change in the last statement, so a write cut short leaves the
    // submission on its old build (off the leaderboard) and a rerun completes it.
    const id = quote(sub.id);
    const sql = [];
    const setLong = (column, value) => {
      for (let at = 0; at < value.length || at === 0; at += 50_000) {
        const part = quote(value.slice(at, at + 50_000));
        sql.push(`UPDATE submissions SET ${column} = ${at === 0 ? part : `${column} || ${part}`} WHERE id = ${id};`);
      }
    };
    setLong("results", JSON.stringify(results));
    setLong("scores", JSON.stringify(scores));
    setLong("receipt", JSON.stringify(receipt));
    sql.push(
      `UPDATE submissions SET engine_build = ${quote(build.sha256)}, plan_validity = ${scores.overall.plan_validity}, ` +
        `trace_validity = ${scores.overall.trace_validity}, optimal_rate = ${scores.overall.optimal_rate} WHERE id = ${id};`,
    );
    const file = join(dir, `${sub.id}.sql`);
    writeFileSync(file, sql.join("\n") + "\n");
    d1(["--file", file, "--yes"]);
    done++;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${options["dry-run"] ? "would re-score" : "re-scored"} ${options["dry-run"] ? todo.length - skipped : done}, left ${skipped}\n`);
