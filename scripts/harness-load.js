#!/usr/bin/env node
// Bounded load (issue 15): autocannon on loopback for a fixed time against a mix of routes
// (health, generators, mazes, solve, verify, a benchmark listing, the leaderboard), rate limit
// off. Passes with 0 errors, 0 timeouts and 0 non-2xx answers; prints requests/s and latency.
import autocannon from "autocannon";
import { parseOptions } from "./lib/options.js";
import { send, throwawayServer, verdict } from "./harness/common.js";

const { values: o } = parseOptions("harness-load", {
  usage: `Usage: node scripts/harness-load.js [options]   (after npm run build)

Starts wrangler dev on loopback with an empty state and the rate limit off, loads it with
autocannon for --duration seconds over a mix of seven requests, and prints one verdict line:
requests/s, p50/p99 latency, errors, timeouts and non-2xx answers.`,
  options: {
    duration: { type: "number", default: 20, min: 1, max: 600, value: "S", help: "seconds of load" },
    connections: { type: "int", default: 8, min: 1, max: 256, value: "N", help: "concurrent connections" },
    timeout: { type: "int", default: 30, min: 1, value: "S", help: "seconds before a request counts as timed out" },
    port: { type: "int", default: 8796, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
  },
  examples: ["node scripts/harness-load.js --duration 60 --connections 16"],
});

const server = await throwawayServer(o.port);
try {
  const maze = (await send(server.base, { path: "/v1/mazes?generator=wilson&rows=10&cols=10&index=1" })).json;
  const mazeIn = JSON.stringify({ maze: { rows: 10, cols: 10, prompt: maze.prompt } });
  const solved = (await send(server.base, { method: "POST", path: "/v1/solve", headers: { "content-type": "application/json" }, body: mazeIn })).json;
  const post = (path, body) => ({ method: "POST", path, headers: { "content-type": "application/json" }, body });
  const requests = [
    { method: "GET", path: "/v1/health" },
    { method: "GET", path: "/v1/generators" },
    { method: "GET", path: "/v1/mazes?generator=kruskal&rows=10&cols=10&index=7" },
    post("/v1/solve", mazeIn),
    post("/v1/verify", JSON.stringify({ maze: { rows: 10, cols: 10, prompt: maze.prompt }, response: solved.response })),
    { method: "GET", path: "/v1/benchmarks/maze10-v1/instances?limit=10" },
    { method: "GET", path: "/v1/leaderboard/maze10-v1" },
  ];
  const result = await autocannon({ url: server.base, connections: o.connections, duration: o.duration, timeout: o.timeout, requests });
  const bad = result.errors + result.timeouts + result.non2xx;
  verdict(
    "bounded load",
    bad === 0 && result.requests.total > 0,
    `${result.requests.total} requests in ${o.duration} s over ${o.connections} connections (7-request mix): ` +
      `${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
  );
} finally {
  server.stop();
}
