#!/usr/bin/env node
// Seeds the leaderboard's reference rows through the public HTTP API (after `npm run build`):
//   npm run seed:baselines -- --url http://127.0.0.1:8787
// 1. an account "reasonless baselines" (its key is cached in build/baselines/account-<host>.json),
//    marked as the project's baseline account with `wrangler d1 execute` (local state by default,
//    --remote for a deployment, --no-mark to skip);
// then, for every benchmark suite (or the one --benchmark names):
// 2. the A* solver's responses: the ceiling (model "A* (ceiling)", condition other);
// 3. every reference model of the suite's grid size, found by its manifest in models/ (as the
//    Worker's build finds them: scripts/lib/models.js), greedy-decoded with the shared Node
//    decoder over the suite's instances; decodes are cached in
//    build/baselines/<model>-<benchmark>-<model sha>.jsonl (resumed when partial), so reruns are
//    quick. So a 6x6 model's rows land on maze6-v1, a 10x10 model's on maze10-v1.
// Submissions carry an Idempotency-Key derived from their content: a rerun replays the receipt
// instead of adding a row.
// Options: --help.
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadLib } from "./lib/dist.js";
import { indexModels } from "./lib/models.js";
import { parseOptions } from "./lib/options.js";
import { runWrangler } from "./lib/server.js";

const { values: options } = parseOptions("seed-baselines", {
  usage: `Usage: node scripts/seed-baselines.js [options]   (npm run seed:baselines; after npm run build)

Seeds the leaderboard's reference rows through the public HTTP API of a running server:
1. an account "reasonless baselines" (its key is cached in build/baselines/account-<host>.json),
   marked as the project's baseline account with \`wrangler d1 execute\`;
then for every benchmark suite (or the one --benchmark names):
2. the A* solver's responses: the ceiling (model "A* (ceiling)", condition other);
3. every model in <models> of the suite's grid size, found by its manifest (*.json with a
   condition, rows, cols and its ONNX file; docs/model-format.md), greedy-decoded over the
   suite's instances (decodes cached in build/baselines/, resumed when partial): 6x6 models on
   maze6-v1, 10x10 models on maze10-v1. A suite without models gets the ceiling only.
Submissions carry an Idempotency-Key derived from their content: a rerun adds no rows.`,
  options: {
    url: { type: "string", default: process.env.REASONLESS_URL ?? "http://127.0.0.1:8787", value: "URL", help: "the server; REASONLESS_URL sets the default" },
    benchmark: { type: "string", value: "ID", help: "seed only this benchmark (default: every suite)" },
    models: { type: "string", default: "models", value: "DIR", help: "where the reference models are" },
    batch: { type: "int", default: 32, min: 1, value: "B", help: "sequences per decode batch" },
    threads: { type: "int", default: 1, min: 1, value: "N", help: "onnxruntime intra-op threads" },
    key: { type: "string", value: "KEY", help: "API key of an existing account (or REASONLESS_API_KEY); such an account is not marked" },
    remote: { type: "boolean", help: "mark the account in the deployment's D1 (wrangler d1 execute --remote)" },
    "persist-to": { type: "string", value: "DIR", help: "local wrangler state to mark the account in (default .wrangler/state)" },
    "no-mark": { type: "boolean", help: "do not mark the account as the baseline account" },
    progress: { type: "boolean", help: "show a progress bar while decoding even when stderr is not a terminal" },
    "per-generator": {
      type: "int",
      min: 1,
      value: "N",
      help: "decode only the first N instances of each generator, the rest submitted as missing (a smoke run, not a baseline)",
    },
  },
  examples: [
    "npm run seed:baselines -- --url http://127.0.0.1:8787",
    "npm run seed:baselines -- --url http://127.0.0.1:8787 --benchmark maze6-v1",
    "npm run seed:baselines -- --url https://... --remote",
  ],
});
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const base = options.url.replace(/\/+$/, "");
const { batch, threads } = options;
const perGenerator = options["per-generator"];
const modelsDir = resolve(root, options.models);
const cacheDir = join(root, "build", "baselines");

const log = (msg) => process.stderr.write(`seed-baselines: ${msg}\n`);

async function api(path, init = {}) {
  let res;
  // GETs and submissions (which carry an Idempotency-Key) are safe to send twice: retry once when
  // a kept-alive connection was closed by the server meanwhile (e.g. while wrangler ran).
  const retry = !init.method || init.method === "GET" || Boolean(init.headers?.["idempotency-key"]);
  try {
    try {
      res = await fetch(`${base}${path}`, init);
    } catch (err) {
      if (!retry || err.cause?.code !== "UND_ERR_SOCKET") throw err;
      res = await fetch(`${base}${path}`, init);
    }
  } catch (err) {
    throw new Error(`${init.method ?? "GET"} ${path}: cannot reach ${base}: ${err.cause?.code ?? err.message} (is \`npm start\` running?)`);
  }
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok)
    throw new Error(`${init.method ?? "GET"} ${path}: HTTP ${res.status} ${body?.error ? `${body.error.code}: ${body.error.message}` : text.slice(0, 200)}`);
  return { body, res };
}

async function account() {
  const explicit = options.key ?? process.env.REASONLESS_API_KEY;
  if (explicit) return { key: explicit, id: undefined };
  const file = join(cacheDir, `account-${new URL(base).host.replace(/[^\w.-]/g, "_")}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, "utf8"));
    try {
      await api("/v1/accounts/me", { headers: { authorization: `Bearer ${cached.key}` } });
      return cached;
    } catch (err) {
      log(`the cached key in ${file} does not work (${err.message}); creating a new account`);
    }
  }
  const { body } = await api("/v1/accounts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "reasonless baselines" }),
  });
  const made = { key: body.api_key, id: body.account.id };
  writeFileSync(file, JSON.stringify(made) + "\n", { mode: 0o600 });
  log(`created account ${made.id} (key cached in ${file})`);
  return made;
}

function markBaseline(id) {
  if (options["no-mark"]) return;
  if (!id || !/^acc_[0-9a-f]{16}$/.test(id)) {
    log("not marking the account as baseline (its id is unknown with --key; mark it by hand, see docs/leaderboard.md)");
    return;
  }
  const persistTo = options["persist-to"];
  const where = options.remote ? ["--remote"] : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  const r = runWrangler(["d1", "execute", "reasonless", ...where, "--command", `UPDATE accounts SET baseline = 1 WHERE id = '${id}'`]);
  if (r.status === 0) log(`marked ${id} as the baseline account (${where.join(" ")})`);
  else log(`could not mark ${id} as baseline: ${(r.stderr || r.stdout).trim().split("\n").slice(-1)[0]}`);
}

async function submit(key, benchmark, model, predictions) {
  const json = JSON.stringify({ benchmark, model, predictions });
  const idem = `seed-${createHash("sha256").update(json).digest("hex").slice(0, 32)}`;
  const { body, res } = await api("/v1/submissions", {
    method: "POST",
    headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${key}`, "idempotency-key": idem },
    body: gzipSync(json),
  });
  const o = body.scores.overall;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  log(
    `${benchmark} ${model.name}: ${res.headers.get("idempotent-replayed") ? "already submitted" : "submitted"} ${body.id}: plan ${pct(o.plan_validity)}, trace ${pct(o.trace_validity)}, optimal ${pct(o.optimal_rate)}`,
  );
}

/** The instances a model decodes: all of them, or the first --per-generator of each generator. */
function chosenInstances(suite) {
  if (perGenerator === undefined) return suite.instances;
  const taken = {};
  return suite.instances.filter((inst) => (taken[inst.generator] = (taken[inst.generator] ?? 0) + 1) <= perGenerator);
}

async function decodeModel(lib, engine, suite, entry) {
  const benchmark = suite.spec.id;
  const model = await lib.loadModelFile(engine, entry.path, { intraOpNumThreads: threads });
  const { rows, cols, name } = model.manifest;
  const modelSha = entry.manifest.onnx.sha256.slice(0, 12);
  mkdirSync(cacheDir, { recursive: true });
  const cache = join(cacheDir, `${name}-${benchmark}-${modelSha}.jsonl`);
  const done = new Map();
  if (existsSync(cache)) {
    for (const line of readFileSync(cache, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const p = JSON.parse(line);
        done.set(p.id, p.response);
      } catch {
        /* a line cut short by an interrupted run: decoded again */
      }
    }
  }
  const chosen = chosenInstances(suite);
  const todo = chosen.filter((inst) => !done.has(inst.id));
  if (todo.length) {
    const cached = chosen.length - todo.length;
    log(`${name}: decoding ${todo.length} of ${chosen.length} ${benchmark} instances (${cached} cached in ${cache})`);
    const bar = lib.progressBar({ total: chosen.length, label: name, enabled: options.progress ? true : undefined });
    bar.update(cached);
    for (let at = 0; at < todo.length; at += batch) {
      const chunk = todo.slice(at, at + batch);
      const contexts = chunk.map((inst) => lib.startIds(model, engine.tokenize(inst.prompt, rows, cols)));
      const result = await lib.greedyDecode(model, contexts, { maxNewTokens: model.manifest.max_new_tokens });
      const lines = chunk.map((inst, k) => {
        const ids = new Int32Array(result.rows[k].tokens.length + 1);
        ids[0] = model.reasoning;
        ids.set(result.rows[k].tokens, 1);
        const response = engine.detokenize(ids, rows, cols);
        done.set(inst.id, response);
        return JSON.stringify({ id: inst.id, response }) + "\n";
      });
      appendFileSync(cache, lines.join(""));
      bar.update(cached + Math.min(at + batch, todo.length));
    }
    bar.finish();
  } else log(`${name}: all ${chosen.length} ${benchmark} decodes cached in ${cache}`);
  await model.session.release?.();
  return {
    model: {
      name,
      condition: model.manifest.condition,
      parameters: model.manifest.parameters ?? null,
      notes: `reference model ${entry.manifest.onnx.file} (sha256 ${modelSha}...), greedy decoding`,
    },
    predictions: chosen.map((inst) => ({ id: inst.id, response: done.get(inst.id) })),
  };
}

/** The ceiling and every model of the suite's size, submitted to one benchmark. */
async function seedSuite(lib, engine, key, spec, models) {
  const benchmark = spec.id;
  const suite = await lib.buildSuite(engine, spec);
  const { body: manifest } = await api(`/v1/benchmarks/${benchmark}`);
  if (manifest.sha256 !== suite.sha256)
    throw new Error(`the server's ${benchmark} (sha256 ${manifest.sha256}) is not this engine's (${suite.sha256}): rebuild one side`);

  const astar = suite.instances.map((inst, i) => ({ id: inst.id, response: engine.serialize(suite.mazes[i]).slice(inst.prompt.length + 1) }));
  await submit(
    key,
    benchmark,
    { name: "A* (ceiling)", condition: "other", notes: "the engine's A* responses: the ceiling every score is measured against" },
    astar,
  );

  const mine = models.filter((e) => e.manifest.rows === spec.rows && e.manifest.cols === spec.cols);
  if (!mine.length) log(`${benchmark}: no ${spec.rows}x${spec.cols} model in ${modelsDir}; only the ceiling`);
  for (const entry of mine) {
    const decoded = await decodeModel(lib, engine, suite, entry);
    await submit(key, benchmark, decoded.model, decoded.predictions);
  }
  log(`${benchmark}: ${base}/v1/leaderboard/${benchmark}`);
}

async function main() {
  const lib = await loadLib("seed-baselines");
  const specs = options.benchmark === undefined ? lib.BENCHMARKS : [lib.benchmarkSpec(options.benchmark)];
  if (!specs[0]) throw new Error(`unknown benchmark ${options.benchmark}; available: ${lib.BENCHMARKS.map((b) => b.id).join(", ")}`);
  const models = indexModels(modelsDir, (msg) => log(`${modelsDir}: ${msg}`));
  log(`${models.length} model(s) in ${modelsDir}${models.length ? `: ${models.map((e) => e.manifest.name).join(", ")}` : ""}`);
  const engine = await lib.loadEngine();
  await api("/v1/health"); // an unreachable server fails here, before an account is made
  mkdirSync(cacheDir, { recursive: true });
  const acc = await account();
  markBaseline(acc.id);
  for (const spec of specs) await seedSuite(lib, engine, acc.key, spec, models);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(err.message);
    process.exit(1);
  },
);
