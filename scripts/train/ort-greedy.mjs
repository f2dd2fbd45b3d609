// Greedy decoding with onnxruntime-node over the KV-cache interface of docs/model-format.md.
// Used by parity.py on machines without Python onnxruntime (this one).
//   node scripts/train/ort-greedy.mjs in.json out.json
// in.json:  {model, prompts: [[ids]], max_new_tokens, stop_ids: [ids], logit_rows: K}
// out.json: {decodes: [[ids]], logits: [{positions: [...], rows: [[V floats]]}]}
//   logits rows are the last K prefill positions and the first K cached decode steps, so the
//   comparison covers both the prefill and the cache path.
import { readFileSync, writeFileSync } from "node:fs";
import * as ort from "onnxruntime-node";

const [inPath, outPath] = process.argv.slice(2);
const job = JSON.parse(readFileSync(inPath, "utf8"));
const session = await ort.InferenceSession.create(job.model, { intraOpNumThreads: 1 });
const pastMeta = session.inputMetadata?.find?.((m) => m.name === "past_key");
const K = job.logit_rows ?? 8;

// layers, heads, head_dim come from the graph's static dims of past_key
const dims = (pastMeta?.isTensor ? pastMeta.shape : undefined) ?? job.past_shape;
const [L, , H, , Dh] = dims;
const stop = new Set(job.stop_ids);

function ids(arr) {
  return new ort.Tensor("int64", BigInt64Array.from(arr.map(BigInt)), [1, arr.length]);
}

const decodes = [];
const logits = [];
for (const prompt of job.prompts) {
  /** @type {ort.Tensor} */
  let pastK = new ort.Tensor("float32", new Float32Array(0), [L, 1, H, 0, Dh]);
  /** @type {ort.Tensor} */
  let pastV = new ort.Tensor("float32", new Float32Array(0), [L, 1, H, 0, Dh]);
  let input = prompt;
  let pos = 0;
  const out = [];
  const rec = { positions: [], rows: [] };
  for (let step = 0; step < job.max_new_tokens; step++) {
    const T = input.length;
    const total = pos + T;
    const feeds = {
      input_ids: ids(input),
      position_ids: ids(Array.from({ length: T }, (_, i) => pos + i)),
      attention_mask: new ort.Tensor("float32", new Float32Array(total).fill(1), [1, total]),
      past_key: pastK,
      past_value: pastV,
    };
    const r = await session.run(feeds);
    const V = r.logits.dims[2];
    const data = /** @type {Float32Array} */ (r.logits.data);
    const firstRow = step === 0 ? Math.max(0, T - K) : 0;
    for (let t = firstRow; t < T; t++) {
      if (step < K + 1) {
        rec.positions.push(pos + t);
        rec.rows.push(Array.from(data.subarray(t * V, (t + 1) * V)));
      }
    }
    const last = data.subarray((T - 1) * V, T * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    out.push(best);
    pastK = r.present_key;
    pastV = r.present_value;
    pos = total;
    input = [best];
    if (stop.has(best)) break;
  }
  decodes.push(out);
  logits.push(rec);
}
writeFileSync(outPath, JSON.stringify({ decodes, logits }));
