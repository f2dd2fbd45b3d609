#!/usr/bin/env node
// The gzip-bomb check (issue 15, finding 1): POST /v1/submissions with a gzip body that inflates
// ~1000x, while /v1/health is polled and workerd's memory sampled. Passes when the bomb is
// refused with 413, the server's memory rises by less than --max-rise-mib and every health
// check during the refusal (and for 2 s after it) answers within --max-health-ms.
import { parseOptions } from "./lib/options.js";
import { gzipBomb, newKey, send, serverRss, sleep, throwawayServer, verdict } from "./harness/common.js";
import { startHealthPoller } from "./harness/health-poller.js";

const { values: o } = parseOptions("harness-bomb", {
  usage: `Usage: node scripts/harness-bomb.js [options]   (after npm run build)

Starts wrangler dev on loopback with an empty state, creates an account, and sends a gzip bomb
(--wire-mib MiB on the wire, about 1000 times that inflated) to POST /v1/submissions while
polling /v1/health every 20 ms (from a thread of its own) and sampling workerd's resident memory,
after a control phase of polling alone (the memory baseline). Prints one verdict line: the status, time to the answer,
memory rise over the control phase, slowest health check in each phase.`,
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
  // Health polling (in a thread of its own: health-poller.js) and memory sampling run throughout.
  // workerd's resident memory creeps up by a few MiB over any run of requests (health checks
  // included), which is not the bomb's doing: so after a warm-up of the same path
  // (authentication, the inflater), a control phase of polling alone sets the baseline (its
  // peak), and the bomb phase is measured against it.
  let running = true,
    phase = "warm";
  const peak = { control: 0, bomb: 0 },
    proxyPeak = { control: 0, bomb: 0 };
  const poller = startHealthPoller(server.base);
  const sampler = (async () => {
    while (running) {
      if (phase !== "warm") {
        const rss = serverRss(server.pid, o.port);
        peak[phase] = Math.max(peak[phase], rss.worker);
        proxyPeak[phase] = Math.max(proxyPeak[phase], rss.proxy);
      }
      await sleep(20);
    }
  })();
  const submit = (body) =>
    send(server.base, {
      method: "POST",
      path: "/v1/submissions",
      body,
      timeoutMs: 120_000,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-encoding": "gzip" },
    });
  const small = await gzipBomb(1 << 20);
  for (let i = 0; i < 5; i++) await submit(small);
  await sleep(1000);
  phase = "control";
  poller.phase(phase);
  await sleep(4000);
  phase = "bomb";
  poller.phase(phase);
  const res = await submit(bomb);
  await sleep(2000); // anything still inflating behind the 413 shows up here
  running = false;
  await sampler;
  const polled = await poller.stop();
  const slowest = { control: 0, bomb: 0, ...polled.slowest },
    checks = { control: 0, bomb: 0, ...polled.checks };
  const mib = (b) => (b / (1 << 20)).toFixed(0);
  const riseMib = (peak.bomb - peak.control) / (1 << 20);
  const ok = res.status === 413 && riseMib < o["max-rise-mib"] && slowest.bomb < o["max-health-ms"];
  verdict(
    "gzip bomb",
    ok,
    `${(bomb.length / (1 << 20)).toFixed(1)} MiB on the wire (~${((bomb.length * 1010) / (1 << 30)).toFixed(1)} GiB inflated) -> ` +
      `${res.status ?? res.error} ${res.json?.error?.code ?? ""} in ${res.ms.toFixed(0)} ms; the Worker's workerd peak memory ${mib(peak.control)} MiB polling alone, ` +
      `${mib(peak.bomb)} MiB with the bomb (rise ${riseMib.toFixed(1)} MiB, limit ${o["max-rise-mib"]}; wrangler's proxy workerd ` +
      `${mib(proxyPeak.control)} -> ${mib(proxyPeak.bomb)} MiB); slowest /v1/health ` +
      `${slowest.bomb.toFixed(0)} ms of ${checks.bomb} during the bomb and 2 s after (limit ${o["max-health-ms"]}), ${slowest.control.toFixed(0)} ms of ${checks.control} polling alone`,
  );
} finally {
  server.stop();
}
