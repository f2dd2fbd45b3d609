#!/usr/bin/env node
// HTTP throughput of POST /v1/verify on a 30x30 Wilson instance (the paper's setting):
// `npm run bench:http` (after `npm run build`). Starts `wrangler dev` on loopback with the rate
// limit off, loads it with autocannon for a bounded time, prints requests/s, p50/p99 latency and
// the non-2xx count, writes build/bench/http.json, stops the server. Exits 1 on any non-2xx.
// Options: --help.
import autocannon from "autocannon";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOptions } from "./lib/options.js";
import { startWranglerDev, stopServer, waitForHealth } from "./lib/server.js";

const { values: options } = parseOptions("bench-http", {
  usage: `Usage: node scripts/bench-http.js [options]   (npm run bench:http; after npm run build)

HTTP throughput of POST /v1/verify on a 30x30 Wilson instance (the paper's setting): starts
wrangler dev on loopback with the rate limit off, loads it with autocannon for a bounded time,
prints requests/s, p50/p99 latency and the non-2xx count, writes build/bench/http.json, stops the
server. Exits 1 on any non-2xx.`,
  options: {
    duration: { type: "number", default: 10, min: 1, value: "S", help: "seconds of load" },
    connections: { type: "int", default: 8, min: 1, value: "N", help: "concurrent connections" },
    port: { type: "int", default: 8788, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
    url: { type: "string", value: "URL", help: "bench a server that is already running instead (its rate limit must be off)" },
  },
  examples: ["npm run bench:http -- --duration 30 --connections 16"],
});
const { duration, connections, port } = options;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STARTUP_MS = 90_000;

async function postJson(base, path, body) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const external = options.url;
  const base = external ?? `http://127.0.0.1:${port}`;
  const server = external ? undefined : startWranglerDev({ port });
  const stop = () => stopServer(server);
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    const health = await waitForHealth(base, server, STARTUP_MS);
    // The instance: Wilson 30x30, test stream, seed 42, index 0; its A* response.
    const mazeRes = await fetch(`${base}/v1/mazes?generator=wilson&rows=30&cols=30&split=test&seed=42&index=0`);
    const maze = await mazeRes.json();
    const { response, counts } = await postJson(base, "/v1/solve", { maze: { rows: 30, cols: 30, prompt: maze.prompt } });
    const body = JSON.stringify({ maze: { rows: 30, cols: 30, start: maze.start, goal: maze.goal, walls: maze.walls }, response });
    const check = await postJson(base, "/v1/verify", JSON.parse(body));
    if (!check.trace_valid || !check.plan_valid) throw new Error("the reference response did not verify");

    const result = await autocannon({
      url: `${base}/v1/verify`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      connections,
      duration,
    });
    const summary = {
      endpoint: "POST /v1/verify",
      instance: {
        generator: "wilson",
        rows: 30,
        cols: 30,
        split: "test",
        seed: 42,
        index: 0,
        response_tokens: counts.response_tokens,
        body_bytes: body.length,
      },
      server: external ? base : `wrangler dev on ${base}`,
      engine: health.engine.build,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version },
      duration_s: duration,
      connections,
      requests: result.requests.total,
      requests_per_s: result.requests.average,
      latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      non_2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    mkdirSync(join(root, "build", "bench"), { recursive: true });
    writeFileSync(join(root, "build", "bench", "http.json"), JSON.stringify(summary, null, 2) + "\n");
    console.log(
      `POST /v1/verify (wilson 30x30, ${counts.response_tokens}-token response), ${connections} connections, ${duration} s: ` +
        `${summary.requests_per_s.toFixed(0)} requests/s, p50 ${summary.latency_ms.p50} ms, p99 ${summary.latency_ms.p99} ms, ` +
        `${summary.requests} requests, ${summary.non_2xx} non-2xx, ${summary.errors} errors`,
    );
    return summary.non_2xx === 0 && summary.errors === 0 && summary.requests > 0 ? 0 : 1;
  } finally {
    stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench-http: ${err.message}`);
    process.exit(1);
  },
);
