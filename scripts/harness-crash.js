#!/usr/bin/env node
// The crash-restart check (issue 15): submissions in bursts, the server killed with SIGKILL
// (wrangler and workerd together) in the middle of a burst, restarted on the same local state.
// Passes when every 201 received before the crash is stored exactly once and whole (its receipt
// and its per-instance results read back), and when every submission cut off by the crash, sent
// again with the same Idempotency-Key, is either replayed (it was stored) or stored now: never
// twice, never partly.
import { parseOptions } from "./lib/options.js";
import { newKey, send, sleep, throwawayServer, verdict } from "./harness/common.js";

const { values: o } = parseOptions("harness-crash", {
  usage: `Usage: node scripts/harness-crash.js [options]   (after npm run build)

Starts wrangler dev on loopback with a throwaway state, sends bursts of submissions (several
accounts, one Idempotency-Key each), kills the server with SIGKILL once
a third of a burst answered, restarts it on the same state and checks what was stored. Prints one verdict line.`,
  options: {
    rounds: { type: "int", default: 2, min: 1, max: 10, value: "N", help: "crash-restart rounds" },
    burst: { type: "int", default: 30, min: 1, max: 200, value: "N", help: "submissions sent at once in each round" },
    "kill-after-ms": { type: "int", default: 20_000, min: 0, value: "MS", help: "the kill comes when a third of the burst has its 201, or after this long" },
    port: { type: "int", default: 8795, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
  },
  examples: ["node scripts/harness-crash.js --rounds 3 --burst 60"],
});

const server = await throwawayServer(o.port);
const JSON_TYPE = { "content-type": "application/json" };
try {
  const listing = (await send(server.base, { path: "/v1/benchmarks/maze10-v1/instances?limit=50" })).json;
  const { instances, total } = listing;
  // A quota is 20 a day per key: enough accounts for every submission (distinct client addresses,
  // since account creation is limited per address).
  const keys = [];
  for (let i = 0; i < Math.ceil((o.rounds * o.burst) / 20); i++) keys.push(await newKey(server.base, `crash ${i}`, { "cf-connecting-ip": `192.0.2.${i + 1}` }));
  const body = (n) =>
    JSON.stringify({
      benchmark: "maze10-v1",
      model: { name: `crash ${n}`, condition: "other" },
      predictions: instances.slice(0, 10 + (n % 40)).map((inst, j) => ({ id: inst.id, response: j % 2 ? "plan" : "reasoning end plan" })),
    });
  const sub = (n) =>
    send(server.base, {
      method: "POST",
      path: "/v1/submissions",
      timeoutMs: 60_000,
      body: body(n),
      headers: { ...JSON_TYPE, authorization: `Bearer ${keys[Math.floor(n / 20)]}`, "idempotency-key": `crash-${n}` },
    });

  const created = new Map(); // n -> receipt id of a 201
  const cut = []; // n of submissions with no answer (cut off by the crash)
  let sent = 0,
    other = 0;
  for (let round = 0; round < o.rounds; round++) {
    const burst = Array.from({ length: o.burst }, (_, i) => round * o.burst + i);
    // The kill comes once a third of the burst has its 201 (or after --kill-after-ms at most),
    // so that it lands among the submissions on any machine.
    let okThisRound = 0;
    const answers = burst.map(async (n) => {
      await sleep((n % o.burst) * 20); // spread over the burst
      const r = await sub(n);
      if (r.status === 201) okThisRound++;
      return [n, r];
    });
    const t = performance.now();
    while (okThisRound < Math.max(1, Math.floor(o.burst / 3)) && performance.now() - t < o["kill-after-ms"]) await sleep(5);
    server.crash();
    for (const [n, r] of await Promise.all(answers)) {
      sent++;
      if (r.status === 201) created.set(n, r.json.id);
      else if (r.status === undefined || r.status >= 500) cut.push(n);
      else other++;
    }
    await server.restart();
  }

  // Every 201 reads back whole, with as many per-instance results as predictions were sent.
  let whole = 0;
  const problems = [];
  for (const [n, id] of created) {
    const r = await send(server.base, { path: `/v1/submissions/${id}?limit=1000` });
    const expected = 10 + (n % 40);
    // Results cover the whole benchmark (missing predictions score as missing): whole means
    // every instance has its result and exactly the predictions sent are scored as given.
    const given = r.json?.results?.items?.filter((x) => x.missing === false).length;
    if (r.status === 200 && r.json.results.total === total && r.json.results.items.length === total && given === expected) whole++;
    else problems.push(`${id}: HTTP ${r.status}, ${r.json?.results?.total} results of ${total}, ${given} given of ${expected}`);
  }
  // Sending every submission again with its key: a stored one replays with the same id (once),
  // a cut one is either replayed (stored before the crash) or stored now.
  let replayedSame = 0,
    storedNow = 0,
    replayedCut = 0;
  for (const n of [...created.keys(), ...cut]) {
    const r = await sub(n);
    const replayed = r.headers?.["idempotent-replayed"] === "true";
    if (created.has(n)) {
      if (r.status === 201 && replayed && r.json.id === created.get(n)) replayedSame++;
      else problems.push(`retry of 201 ${created.get(n)}: HTTP ${r.status}, replayed ${replayed}, id ${r.json?.id}`);
    } else if (r.status === 201) replayed ? replayedCut++ : storedNow++;
    else problems.push(`retry of cut submission ${n}: HTTP ${r.status} ${r.text?.slice(0, 100)}`);
  }
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  verdict(
    "crash-restart",
    problems.length === 0 && created.size > 0,
    `${o.rounds} kill -9 during bursts of ${o.burst}: ${sent} sent, ${created.size} got 201, ${cut.length} cut off, ${other} other 4xx; ` +
      `${whole}/${created.size} 201s read back whole, ${replayedSame}/${created.size} replayed with the same id; of the cut: ` +
      `${replayedCut} had been stored (replayed), ${storedNow} stored on retry; ${problems.length} problems`,
  );
} finally {
  server.stop();
}
