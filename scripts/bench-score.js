#!/usr/bin/env node
// How long the Worker takes to score a whole benchmark submission: `npm run bench:score` (after
// `npm run build`). Starts `wrangler dev` on loopback with the rate limit off and a throwaway D1
// state (migrated first), creates an account, and submits perfect predictions (the engine's A*
// responses, gzip-compressed as `reasonless submit` sends them) for maze10-v1 (1,000 10x10
// instances) and maze30-v1 (1,000 30x30 instances), one warm-up then --runs timed runs each.
// Reports the median client-measured time (request sent to receipt read) and the server's own
// Server-Timing figures; writes build/bench/score.json; stops the server.
// Options: --help.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";
import { startWranglerDev, stopServer, waitForHealth } from "./lib/server.js";

const { values: options } = parseOptions("bench-score", {
  usage: `Usage: node scripts/bench-score.js [options]   (npm run bench:score; after npm run build)

How long the Worker takes to score a whole benchmark submission: starts wrangler dev on loopback
with the rate limit off and a throwaway D1 state (migrated first), creates an account, and submits
perfect predictions (the engine's A* responses, gzip-compressed as \`reasonless submit\` sends
them) for maze10-v1 and maze30-v1 (1,000 instances each), one warm-up then --runs timed runs each.
Reports the median client-measured time and the server's own Server-Timing figures, writes
build/bench/score.json, stops the server.`,
  options: {
    // Each run is one submission: two benchmarks x (warm-up + 9 runs) is the key's daily quota, 20.
    runs: { type: "int", default: 5, min: 1, max: 9, value: "N", help: "timed runs per benchmark after one warm-up, at most 9 (the key's daily quota)" },
    port: { type: "int", default: 8790, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
    url: { type: "string", value: "URL", help: "bench a server that is already running instead (migrated, rate limit off)" },
  },
  examples: ["npm run bench:score -- --runs 9"],
});
const { runs, port } = options;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STARTUP_MS = 120_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function serverTiming(header) {
  const out = {};
  for (const part of (header ?? "").split(",")) {
    const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

// The bodies are built before the server starts: heavy work on this process's event loop between
// requests would let the server close the kept-alive connection under the next request.
async function perfectBody(lib, engine, id) {
  const suite = await lib.buildSuite(engine, lib.benchmarkSpec(id));
  const predictions = suite.instances.map((inst, i) => {
    const full = engine.serialize(suite.mazes[i]);
    return { id: inst.id, response: full.slice(inst.prompt.length + 1) };
  });
  const json = JSON.stringify({ benchmark: id, model: { name: "A* (bench)", condition: "other" }, predictions });
  return { json, gz: gzipSync(json), count: predictions.length, sha256: suite.sha256 };
}

async function main() {
  const lib = await loadLib("bench-score");
  const engine = await lib.loadEngine();
  const bodies = {};
  for (const id of ["maze10-v1", "maze30-v1"]) bodies[id] = await perfectBody(lib, engine, id);
  const external = options.url;
  const base = external ?? `http://127.0.0.1:${port}`;
  const state = external ? undefined : mkdtempSync(join(tmpdir(), "reasonless-bench-score-"));
  const server = external ? undefined : startWranglerDev({ port, persistTo: state, migrate: true });
  const stop = () => {
    stopServer(server);
    if (state) setTimeout(() => rmSync(state, { recursive: true, force: true }), 500).unref();
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    const health = await waitForHealth(base, server, STARTUP_MS);
    const acc = await fetch(`${base}/v1/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "bench-score" }),
    });
    if (acc.status !== 201) throw new Error(`POST /v1/accounts: HTTP ${acc.status} ${await acc.text()}`);
    const { api_key: key } = await acc.json();
    const results = [];
    for (const id of ["maze10-v1", "maze30-v1"]) {
      const manifest = await (await fetch(`${base}/v1/benchmarks/${id}`)).json();
      const body = bodies[id];
      if (manifest.sha256 !== body.sha256) throw new Error(`${id}: the server's instances (sha256 ${manifest.sha256}) are not this engine's (${body.sha256})`);
      const times = [];
      for (let run = 0; run <= runs; run++) {
        const t0 = performance.now();
        const res = await fetch(`${base}/v1/submissions`, {
          method: "POST",
          headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${key}` },
          body: body.gz,
        });
        const receipt = await res.json();
        const client = performance.now() - t0;
        if (res.status !== 201) throw new Error(`${id}: HTTP ${res.status} ${JSON.stringify(receipt).slice(0, 300)}`);
        if (receipt.scores.overall.plan_validity !== 1 || receipt.scores.overall.trace_validity !== 1)
          throw new Error(`${id}: the A* responses did not all validate`);
        if (run > 0) times.push({ client, ...serverTiming(res.headers.get("server-timing")) }); // run 0 warms the isolate (suite generation)
      }
      const pick = (k) => (times.every((t) => t[k] !== undefined) ? median(times.map((t) => t[k])) : null);
      const r = {
        benchmark: id,
        instances: body.count,
        body_bytes: body.json.length,
        gzip_bytes: body.gz.length,
        runs,
        client_ms: pick("client"),
        server_ms: { total: pick("total"), parse: pick("parse"), score: pick("score"), store: pick("store") },
        client_all_ms: times.map((t) => Math.round(t.client)),
      };
      results.push(r);
      console.log(
        `${id}: ${r.instances} instances, ${(r.body_bytes / 1e6).toFixed(1)} MB JSON (${(r.gzip_bytes / 1e6).toFixed(2)} MB gzip): ` +
          `median of ${runs} client ${r.client_ms.toFixed(0)} ms; server total ${r.server_ms.total} ms ` +
          `(parse ${r.server_ms.parse}, score ${r.server_ms.score}, store ${r.server_ms.store})`,
      );
    }
    const summary = {
      endpoint: "POST /v1/submissions (perfect A* predictions, gzip)",
      server: external ? base : `wrangler dev on ${base}`,
      engine: health.engine.build,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version, loadavg: loadavg().map((x) => Number(x.toFixed(2))) },
      results,
    };
    mkdirSync(join(root, "build", "bench"), { recursive: true });
    writeFileSync(join(root, "build", "bench", "score.json"), JSON.stringify(summary, null, 2) + "\n");
    console.log(`machine: ${summary.machine.cpus}x ${summary.machine.model}, Node ${summary.machine.node}, load average ${summary.machine.loadavg.join(" ")}`);
    return 0;
  } finally {
    stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench-score: ${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ""}`);
    process.exit(1);
  },
);
