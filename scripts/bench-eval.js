#!/usr/bin/env node
// Greedy decoding throughput with onnxruntime-node: `npm run bench:eval -- --model models/X.onnx`
// (after `npm run build`). Decodes the same prompts (the first --count instances of the Wilson
// test stream at the model's size) batched and one sequence at a time, in one run, and prints
// generated tokens/s for each with the machine's name. Options: --help.
import { existsSync, readdirSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";

const { values: options } = parseOptions("bench-eval", {
  usage: `Usage: node scripts/bench-eval.js [options]   (npm run bench:eval; after npm run build)

Greedy decoding throughput with onnxruntime-node: decodes the same prompts (the first --count
instances of the Wilson test stream at the model's size) batched and one sequence at a time, in
one run, and prints generated tokens/s for each with the machine's name.`,
  options: {
    model: { type: "string", value: "FILE", help: "ONNX model with its .json manifest (default: the first models/*.onnx)" },
    count: { type: "int", default: 32, min: 1, value: "N", help: "prompts to decode" },
    batch: { type: "int", default: 32, min: 1, value: "B", help: "sequences per batched decode" },
    "max-new-tokens": { type: "int", min: 1, value: "T", help: "cap on generated tokens (default: the manifest's max_new_tokens)" },
    threads: { type: "int", default: 1, min: 1, value: "N", help: "onnxruntime intra-op threads" },
    json: { type: "boolean", help: "print the result as JSON" },
  },
  examples: ["npm run bench:eval -- --model models/10x10-correct.onnx --count 8"],
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function defaultModel() {
  const dir = join(root, "models");
  const found = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".onnx"))
        .sort()
    : [];
  return found.length ? join(dir, found[0]) : undefined;
}

const modelPath = options.model ?? defaultModel();
if (!modelPath) {
  console.error("bench-eval: no model; pass --model models/X.onnx (a trained model, or any export of the same size)");
  process.exit(1);
}
const { count, batch, threads, json } = options;

const m = await loadLib("bench-eval");
const engine = await m.loadEngine();
const model = await m.loadModelFile(engine, modelPath, { intraOpNumThreads: threads });
const { rows, cols } = model.manifest;
const maxNewTokens = options["max-new-tokens"] ?? model.manifest.max_new_tokens;
const contexts = m.streamInstances(engine, { generator: "wilson", rows, cols, seed: 42, split: "test", count }).map((x) => m.startIds(model, x.prompt));

// One warm-up decode so that session setup and first-run allocation land on neither side.
await m.greedyDecode(model, contexts.slice(0, 2), { maxNewTokens: 8 });

async function timed(groups) {
  const t0 = performance.now();
  let tokens = 0,
    prefill = 0,
    decode = 0;
  for (const group of groups) {
    const r = await m.greedyDecode(model, group, { maxNewTokens });
    tokens += r.timing.tokens;
    prefill += r.timing.prefill_ms;
    decode += r.timing.decode_ms;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { tokens, seconds, tokens_per_s: tokens / seconds, prefill_ms: prefill, decode_ms: decode };
}

const chunks = [];
for (let i = 0; i < contexts.length; i += batch) chunks.push(contexts.slice(i, i + batch));
const batched = await timed(chunks);
const single = await timed(contexts.map((c) => [c]));

const machine = `${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), onnxruntime-node, ${threads} intra-op thread(s)`;
const result = {
  machine,
  model: model.manifest.name,
  parameters: model.manifest.parameters ?? null,
  size: `${rows}x${cols}`,
  prompts: contexts.length,
  max_new_tokens: maxNewTokens,
  batched: { batch, ...batched },
  one_at_a_time: single,
  speedup: batched.tokens_per_s / single.tokens_per_s,
};
if (json) console.log(JSON.stringify(result, null, 1));
else {
  const fmt = (n) => Math.round(n).toLocaleString("en-US");
  console.log(`machine: ${machine}`);
  console.log(
    `model: ${result.model} (${result.parameters ?? "?"} parameters), ${result.size}, ${contexts.length} Wilson test prompts, cap ${maxNewTokens} tokens`,
  );
  console.log(
    `batched (batch ${batch}): ${fmt(batched.tokens_per_s).padStart(8)} generated tokens/s (${batched.tokens} tokens in ${batched.seconds.toFixed(1)} s)`,
  );
  console.log(`one at a time:      ${fmt(single.tokens_per_s).padStart(8)} generated tokens/s (${single.tokens} tokens in ${single.seconds.toFixed(1)} s)`);
  console.log(`speedup: ${result.speedup.toFixed(2)}x`);
}
await model.session.release?.();
