#!/usr/bin/env node
// The gzip-bomb check (issue 15, finding 1): POST /v1/submissions with a gzip body that inflates
// ~1000x, while /v1/health is polled and workerd's memory sampled. Passes when the bomb is
// refused with 413, the server's memory rises by less than --max-rise-mib and every health
// check during the refusal (and for 2 s after it) answers within --max-health-ms.
import { parseOptions } from "./lib/options.js";
import { gzipBomb, newKey, serverRss, sleep, throwawayServer, verdict } from "./harness/common.js";

const { values: o } = parseOptions("harness-bomb", {
  usage: `Usage: node scripts/harness-bomb.js [options]   (after npm run build)

Starts wrangler dev on loopback with an empty state, creates an account, and sends a gzip bomb
(--wire-mib MiB on the wire, about 1000 times that inflated) to POST /v1/submissions while
polling /v1/health every 20 ms and sampling workerd's resident memory. Prints one verdict line:
the status, time to the answer, memory rise, slowest health check.`,
  options: {
    "wire-mib": { type: "number", default: 32, min: 0.01, max: 32, value: "MIB", help: "bomb size on the wire, MiB" },
    "max-rise-mib": { type: "number", default: 64, min: 1, value: "MIB", help: "largest accepted rise of workerd's memory" },
    "max-health-ms": { type: "number", default: 100, min: 1, value: "MS", help: "slowest accepted /v1/health answer" },
    port: { type: "int", default: 8793, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
  },
  examples: ["node scripts/harness-bomb.js --wire-mib 8"],
});

const server = await throwawayServer(o.port);
try {
  const key = await newKey(server.base);
  const bomb = await gzipBomb(o["wire-mib"] * (1 << 20) * 1010);
  // Health polling and memory sampling start first, and the same path (authentication, the
  // inflater) is warmed with small gzip bodies: workerd's resident memory grows by a few MiB
  // over its first requests whatever they are, and that is not the bomb's doing.
  let running = true, sampling = false;
  let before = 0, peak = 0, slowest = 0, checks = 0;
  const sampler = (async () => { while (running) { if (sampling) peak = Math.max(peak, serverRss(server.pid)); await sleep(20); } })();
  const poller = (async () => {
    while (running) {
      const t = performance.now();
      const res = await fetch(`${server.base}/v1/health`);
      await res.arrayBuffer();
      if (sampling) {
        slowest = Math.max(slowest, performance.now() - t);
        checks++;
      }
      await sleep(20);
    }
  })();
  const small = await gzipBomb(1 << 20);
  for (let i = 0; i < 5; i++) {
    await (await fetch(`${server.base}/v1/submissions`, {
      method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-encoding": "gzip" }, body: small,
    })).arrayBuffer();
  }
  await sleep(2000);
  before = peak = serverRss(server.pid);
  sampling = true;
  const t0 = performance.now();
  const res = await fetch(`${server.base}/v1/submissions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-encoding": "gzip" },
    body: bomb,
  });
  const body = await res.json().catch(() => null);
  const answerMs = performance.now() - t0;
  await sleep(2000); // anything still inflating behind the 413 shows up here
  running = false;
  await Promise.all([sampler, poller]);
  const riseMib = (peak - before) / (1 << 20);
  const ok = res.status === 413 && riseMib < o["max-rise-mib"] && slowest < o["max-health-ms"];
  verdict("gzip bomb", ok,
    `${(bomb.length / (1 << 20)).toFixed(1)} MiB on the wire (~${(bomb.length * 1010 / (1 << 30)).toFixed(1)} GiB inflated) -> HTTP ${res.status} ` +
    `${body?.error?.code ?? ""} in ${answerMs.toFixed(0)} ms; workerd memory ${(before / (1 << 20)).toFixed(0)} -> peak ${(peak / (1 << 20)).toFixed(0)} MiB ` +
    `(rise ${riseMib.toFixed(1)} MiB, limit ${o["max-rise-mib"]}); slowest of ${checks} /v1/health ${slowest.toFixed(0)} ms (limit ${o["max-health-ms"]})`);
} finally {
  server.stop();
}
