#!/usr/bin/env node
// HTTP throughput of POST /v1/verify on a 30x30 Wilson instance (the paper's setting):
// `npm run bench:http` (after `npm run build`). Starts `wrangler dev` on loopback with the rate
// limit off, loads it with autocannon for a bounded time, prints requests/s, p50/p99 latency and
// the non-2xx count, writes build/bench/http.json, stops the server. Exits 1 on any non-2xx.
//   --duration S (10)  --connections N (8)  --port P (8788)
//   --url URL          bench a server that is already running instead (its rate limit must be off)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const duration = Number(opt("duration", "10"));
const connections = Number(opt("connections", "8"));
const port = Number(opt("port", "8788"));
const STARTUP_MS = 90_000;

async function waitForHealth(base, server) {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/v1/health`);
      if (res.ok) return res.json();
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${base}/v1/health within ${STARTUP_MS / 1000} s`);
}

function startServer() {
  if (!existsSync(join(root, "build", "core.wasm"))) throw new Error("build/core.wasm is missing; run `npm run build` first");
  const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  const server = spawn(process.execPath, [
    wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--var", "RATE_LIMIT:off", "--log-level", "warn",
  ], {
    cwd: root,
    detached: true, // its own process group, so stopping it stops workerd too
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  return server;
}

function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch { /* already gone */ }
}

async function postJson(base, path, body) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const external = opt("url", undefined);
  const base = external ?? `http://127.0.0.1:${port}`;
  const server = external ? undefined : startServer();
  const stop = () => stopServer(server);
  process.on("SIGINT", () => { stop(); process.exit(130); });
  try {
    const health = await waitForHealth(base, server);
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
      instance: { generator: "wilson", rows: 30, cols: 30, split: "test", seed: 42, index: 0, response_tokens: counts.response_tokens, body_bytes: body.length },
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

main().then((code) => process.exit(code), (err) => {
  console.error(`bench-http: ${err.message}`);
  process.exit(1);
});
