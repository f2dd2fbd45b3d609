#!/usr/bin/env node
// Per-token decoding speed of every served model in three runtimes, side by side in one run:
// workerd (`wrangler dev`, POST /v1/predict streamed as Server-Sent Events, timed by this client
// from the first token event to the last), onnxruntime-web under Node, and onnxruntime-node
// (the evaluator's runtime); then end-to-end POST /v1/predict latency (p50/p95, one condition).
// All runtimes use the one shared decoder (src/decode/greedy.ts), batch 1, one thread.
// Prints a table and JSON, writes build/bench/predict.json, names the machine and its load.
// Options: --help.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";
import { startWranglerDev, stopServer, waitForHealth } from "./lib/server.js";

const { values: options } = parseOptions("bench-predict", {
  usage: `Usage: node scripts/bench-predict.js [options]   (npm run bench:predict; after npm run build)

Per-token decoding speed of every served model in three runtimes, side by side in one run:
workerd (wrangler dev, POST /v1/predict streamed as Server-Sent Events, timed by this client from
the first token event to the last), onnxruntime-web under Node, and onnxruntime-node; then
end-to-end POST /v1/predict latency (p50/p95, one condition). All runtimes use the one shared
decoder, batch 1, one thread. Prints a table and JSON, writes build/bench/predict.json.`,
  options: {
    count: { type: "int", default: 2, min: 1, value: "N", help: "Wilson test instances per model" },
    "max-new-tokens": { type: "int", default: 200, min: 1, value: "T", help: "token cap of the per-token runs; the end-to-end requests are uncapped" },
    requests: { type: "int", default: 6, min: 1, value: "R", help: "sequential end-to-end POST /v1/predict requests" },
    condition: { type: "string", default: "correct", choices: ["correct", "no-trace", "swapped"], help: "model condition of the end-to-end requests" },
    port: { type: "int", default: 8789, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
    url: { type: "string", value: "URL", help: "bench a server that is already running instead (its rate limit must be off)" },
  },
  examples: ["npm run bench:predict -- --count 4 --requests 10"],
});
const { count, requests, condition, port } = options;
const maxNewTokens = options["max-new-tokens"];
const external = options.url;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STARTUP_MS = 120_000;
const WARMUP_TOKENS = 64;
const log = (s) => process.stderr.write(`${s}\n`);

/** fetch, retried once when a reused keep-alive connection turns out closed by the server
 *  (wrangler dev's proxy may close it after a streamed response). Predictions are idempotent. */
async function post(url, init) {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!/other side closed|ECONNRESET|socket/i.test(String(err.cause?.message ?? err.cause?.code ?? ""))) throw err;
    return fetch(url, init);
  }
}

/** One streamed prediction: token arrival times seen by this client, and the final prediction. */
async function streamed(base, body) {
  const res = await post(`${base}/v1/predict`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/v1/predict: HTTP ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  const times = [];
  let buffer = "",
    prediction;
  for await (const chunk of res.body) {
    const now = performance.now();
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = block.match(/^event: (.*)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (event === "token") times.push(now);
      else if (event === "prediction") prediction = JSON.parse(data);
      else if (event === "error") throw new Error(`/v1/predict error event: ${data}`);
    }
  }
  return { times, prediction };
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const r2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

async function main() {
  const index = join(root, "build", "models", "manifests.json");
  if (!existsSync(index)) throw new Error("build/models/manifests.json is missing; run `npm run build` first");
  const manifests = JSON.parse(readFileSync(index, "utf8"));
  if (!manifests.length) throw new Error("no models are served (models/*.json); nothing to measure");
  const m = await loadLib("bench-predict");
  const engine = await m.loadEngine();
  const web = await import("onnxruntime-web/wasm");
  web.env.wasm.numThreads = 1;
  web.env.logLevel = "error";

  const base = external ?? `http://127.0.0.1:${port}`;
  const server = external ? undefined : startWranglerDev({ port });
  for (const sig of ["SIGINT", "SIGTERM"])
    process.on(sig, () => {
      stopServer(server);
      process.exit(130);
    });
  try {
    await waitForHealth(base, server, STARTUP_MS);
    const rows = [];
    for (const manifest of manifests) {
      const { rows: R, cols: C } = manifest;
      const instances = m.streamInstances(engine, { generator: "wilson", rows: R, cols: C, seed: 42, split: "test", count });
      const nodeModel = await m.loadModelFile(engine, join(root, "models", manifest.onnx.file), { intraOpNumThreads: 1 });
      const webModel = await m.createModel(web, manifest, new Uint8Array(readFileSync(join(root, "models", manifest.onnx.file))), engine.vocab(R, C));
      const req = (i) => ({
        generator: "wilson",
        rows: R,
        cols: C,
        seed: 42,
        split: "test",
        index: i,
        condition: manifest.condition,
        time_budget_ms: 30_000,
        max_new_tokens: Math.min(maxNewTokens, manifest.max_new_tokens),
      });
      // Warm-up: session creation, first runs and the wasm engines' tier-up (V8 compiles wasm
      // with a baseline compiler first and optimizes functions once they run hot) land on no side.
      for (const model of [nodeModel, webModel]) await m.greedyDecode(model, [m.startIds(model, instances[0].prompt)], { maxNewTokens: WARMUP_TOKENS });
      await streamed(base, { ...req(0), max_new_tokens: WARMUP_TOKENS });

      const acc = { node: [0, 0], web: [0, 0], workerd: [0, 0], workerd_server: [0, 0] };
      let tokens = 0,
        same = true;
      for (const [i, x] of instances.entries()) {
        const ids = {};
        for (const [name, model] of [
          ["node", nodeModel],
          ["web", webModel],
        ]) {
          const r = await m.greedyDecode(model, [m.startIds(model, x.prompt)], { maxNewTokens });
          acc[name][0] += r.timing.decode_ms;
          acc[name][1] += Math.max(0, r.timing.tokens - 1);
          ids[name] = Array.from(r.rows[0].tokens);
        }
        const { times, prediction } = await streamed(base, req(i));
        if (times.length > 1) {
          acc.workerd[0] += times.at(-1) - times[0];
          acc.workerd[1] += times.length - 1;
        }
        acc.workerd_server[0] += prediction.timing.decode_ms;
        acc.workerd_server[1] += Math.max(0, prediction.timing.tokens - 1);
        tokens += ids.node.length;
        same &&= JSON.stringify(ids.node) === JSON.stringify(ids.web) && JSON.stringify(ids.node) === JSON.stringify(prediction.tokens);
        log(`${manifest.name} wilson test ${i}: ${ids.node.length} tokens`);
      }
      await nodeModel.session.release?.();
      await webModel.session.release?.();
      const per = (/** @type {number[]} */ [ms, n]) => (n ? ms / n : null);
      const row = {
        model: manifest.name,
        condition: manifest.condition,
        parameters: manifest.parameters ?? null,
        instances: instances.length,
        tokens,
        tokens_identical: same,
        ms_per_token: {
          workerd: r2(per(acc.workerd)),
          workerd_server: r2(per(acc.workerd_server)),
          onnxruntime_web_node: r2(per(acc.web)),
          onnxruntime_node: r2(per(acc.node)),
        },
      };
      row.workerd_vs_node = r2(row.ms_per_token.workerd / row.ms_per_token.onnxruntime_node);
      rows.push(row);
    }

    // End to end: POST /v1/predict (JSON), one condition, sequential requests, warm isolate.
    const target = manifests.find((x) => x.condition === condition) ?? manifests[0];
    const latencies = [],
      generated = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const res = await post(`${base}/v1/predict`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          generator: "wilson",
          rows: target.rows,
          cols: target.cols,
          seed: 42,
          split: "test",
          index: i % Math.max(count, 1),
          condition: target.condition,
        }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(`/v1/predict: HTTP ${res.status} ${JSON.stringify(body)}`);
      latencies.push(performance.now() - t0);
      generated.push(body.predictions[0].tokens.length);
    }
    const e2e = {
      condition: target.condition,
      model: target.name,
      requests,
      instances: "wilson test 0.." + (Math.min(requests, count) - 1),
      p50_ms: r2(percentile(latencies, 50)),
      p95_ms: r2(percentile(latencies, 95)),
      mean_generated_tokens: r2(generated.reduce((a, b) => a + b, 0) / generated.length),
    };
    const machine = {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      node: process.version,
      load_average_1m: r2(loadavg()[0]),
      note: "server (wrangler dev), client and the Node runtimes share these cores",
    };
    const result = { machine, server: external ? base : `wrangler dev on ${base}`, count, max_new_tokens: maxNewTokens, models: rows, predict_end_to_end: e2e };
    mkdirSync(join(root, "build", "bench"), { recursive: true });
    writeFileSync(join(root, "build", "bench", "predict.json"), JSON.stringify(result, null, 2) + "\n");

    const pad = (s, n) => String(s).padEnd(n);
    console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.load_average_1m} (1 min)`);
    console.log(`ms per generated token, batch 1, ${count} Wilson test instance(s) of its grid size per model, at most ${maxNewTokens} tokens each:`);
    console.log(
      `| ${pad("model", 16)} | ${pad("workerd (client)", 16)} | ${pad("workerd (server)", 16)} | ${pad("ORT-web in Node", 15)} | ${pad("ORT-node", 8)} | workerd / ORT-node | tokens | identical |`,
    );
    console.log(`|${"-".repeat(18)}|${"-".repeat(18)}|${"-".repeat(18)}|${"-".repeat(17)}|${"-".repeat(10)}|--------------------|--------|-----------|`);
    for (const r of rows) {
      const t = r.ms_per_token;
      console.log(
        `| ${pad(r.model, 16)} | ${pad(t.workerd, 16)} | ${pad(t.workerd_server, 16)} | ${pad(t.onnxruntime_web_node, 15)} | ${pad(t.onnxruntime_node, 8)} | ${pad(`${r.workerd_vs_node}x`, 18)} | ${pad(r.tokens, 6)} | ${pad(r.tokens_identical ? "yes" : "NO", 9)} |`,
      );
    }
    console.log(
      `POST /v1/predict (${e2e.model}, JSON, ${requests} sequential requests): p50 ${e2e.p50_ms} ms, p95 ${e2e.p95_ms} ms, ${e2e.mean_generated_tokens} tokens per response on average`,
    );
    console.log(JSON.stringify(result));
    return rows.every((r) => r.tokens_identical) ? 0 : 1;
  } finally {
    stopServer(server);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench-predict: ${err.message}${err.cause ? ` (${err.cause.message ?? err.cause})` : ""}`);
    process.exit(1);
  },
);
