// Batched greedy decoding over the KV-cache graph of docs/model-format.md, for any onnxruntime
// that fits ./ort.ts. Rows are left-padded so every row's next token sits in the last column;
// attention_mask hides the padding and position_ids restart at 0 on each row's first real token.
// Finished rows leave the batch (their cache slices are dropped, and so is padding no row
// still needs), so a long row does not make the short ones keep paying. Caps (max new tokens,
// wall-clock budget, AbortSignal) end rows with a partial result and a stop_reason; they never
// throw.
import type { Model } from "./model";
import type { OrtTensor } from "./ort";

export type StopReason = "eos" | "end" | "max_tokens" | "time_budget" | "aborted";

export interface DecodeOptions {
  /** New tokens per row at most (default: the manifest's max_new_tokens). */
  maxNewTokens?: number;
  /** Wall-clock budget for the whole call, in ms; rows still running then stop. */
  timeBudgetMs?: number;
  signal?: AbortSignal;
  /** Called for every generated token, in order within a row (for streaming). */
  onToken?: (row: number, token: number, step: number) => void;
  /** Injected clock (tests); default performance.now. */
  now?: () => number;
}

export interface DecodedRow {
  /** Generated ids, the stop token (`end` or `<|eos|>`) included when there is one. */
  tokens: Int32Array;
  stop_reason: StopReason;
}

export interface DecodeTiming {
  /** The first run over the prompts (and the first token of each row). */
  prefill_ms: number;
  /** All later runs, one token per running row each. */
  decode_ms: number;
  /** Tokens generated over all rows. */
  tokens: number;
  /** decode_ms per decode step (one step serves every running row). */
  ms_per_step: number;
  /** decode_ms per token generated after the prefill. */
  ms_per_token: number;
  steps: number;
}

export interface DecodeResult {
  rows: DecodedRow[];
  timing: DecodeTiming;
}

/** One row of the running batch. */
interface Running {
  row: number;
  out: number[];
  /** Absolute position of the next token fed (= tokens in context so far). */
  position: number;
  /** Left padding of this row in the cache (columns masked out forever). */
  pad: number;
}

function argmaxRow(logits: Float32Array, offset: number, vocab: number): number {
  let best = 0,
    bestValue = logits[offset];
  for (let v = 1; v < vocab; v++) {
    const x = logits[offset + v];
    if (x > bestValue) {
      bestValue = x;
      best = v;
    }
  }
  return best;
}

/** Keeps only the batch rows `keep` of a [layers, batch, heads, len, head_dim] cache, and only
 *  its columns from `from` on (padding that no remaining row needs). */
function selectBatch(
  cache: Float32Array,
  dims: { layers: number; batch: number; heads: number; len: number; headDim: number },
  keep: number[],
  from: number,
): Float32Array {
  const { layers, batch, heads, len, headDim } = dims;
  const span = (len - from) * headDim,
    stride = len * headDim;
  const out = new Float32Array(layers * keep.length * heads * span);
  let w = 0;
  for (let l = 0; l < layers; l++) {
    for (const b of keep) {
      for (let h = 0, at = (l * batch + b) * heads * stride + from * headDim; h < heads; h++, at += stride) {
        out.set(cache.subarray(at, at + span), w);
        w += span;
      }
    }
  }
  return out;
}

/** Decodes every context (`<|bos|> prompt reasoning`, see startIds) greedily in one batch. */
export async function greedyDecode(model: Model, contexts: ArrayLike<number>[], opts: DecodeOptions = {}): Promise<DecodeResult> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const { Tensor, session, manifest } = model;
  const arch = manifest.architecture;
  const L = arch.n_layers,
    H = arch.n_heads,
    Dh = arch.head_dim;
  const cap = Math.max(0, opts.maxNewTokens ?? manifest.max_new_tokens);
  // Learned positions end at max_positions - 1: running past it would be an ONNX error, so it is
  // a max_tokens stop like the manifest's cap.
  const maxPosition = arch.positional === "learned" ? arch.max_positions : Infinity;
  const deadline = opts.timeBudgetMs === undefined ? Infinity : t0 + opts.timeBudgetMs;

  const results: DecodedRow[] = contexts.map(() => ({ tokens: new Int32Array(0), stop_reason: "max_tokens" }));
  const timing: DecodeTiming = { prefill_ms: 0, decode_ms: 0, tokens: 0, ms_per_step: 0, ms_per_token: 0, steps: 0 };
  const finish = (r: Running, reason: StopReason) => {
    results[r.row] = { tokens: Int32Array.from(r.out), stop_reason: reason };
  };
  const interrupted = (): StopReason | null => (opts.signal?.aborted ? "aborted" : now() >= deadline ? "time_budget" : null);

  // Rows that cannot take a single token stop before any run.
  let running: Running[] = [];
  contexts.forEach((ctx, row) => {
    if (ctx.length === 0) throw new RangeError(`context ${row} is empty; start from <|bos|> prompt reasoning`);
    if (cap === 0 || ctx.length > maxPosition) finish({ row, out: [], position: ctx.length, pad: 0 }, "max_tokens");
    else running.push({ row, out: [], position: ctx.length, pad: 0 });
  });
  const stopped = interrupted();
  if (stopped) {
    for (const r of running) finish(r, stopped);
    running = [];
  }
  if (!running.length) return { rows: results, timing };

  // Prefill: left-pad to the longest context.
  const width = Math.max(...running.map((r) => contexts[r.row].length));
  let batch = running.length;
  const prefilled = batch;
  const ids = new BigInt64Array(batch * width).fill(BigInt(model.pad));
  const positions = new BigInt64Array(batch * width);
  const mask = new Float32Array(batch * width);
  running.forEach((r, b) => {
    const ctx = contexts[r.row];
    r.pad = width - ctx.length;
    for (let i = 0; i < ctx.length; i++) {
      const at = b * width + r.pad + i;
      ids[at] = BigInt(ctx[i]);
      positions[at] = BigInt(i);
      mask[at] = 1;
    }
  });
  const emptyCache = () => new Tensor("float32", new Float32Array(0), [L, batch, H, 0, Dh]);
  let feeds: Record<string, OrtTensor> = {
    input_ids: new Tensor("int64", ids, [batch, width]),
    position_ids: new Tensor("int64", positions, [batch, width]),
    attention_mask: new Tensor("float32", mask, [batch, width]),
    past_key: emptyCache(),
    past_value: emptyCache(),
  };
  let past = 0; // cache length after the last run
  let step = 0;
  for (;;) {
    const tRun = now();
    const out = await session.run(feeds);
    const tDone = now();
    if (step === 0) timing.prefill_ms = tDone - tRun;
    else timing.decode_ms += tDone - tRun;
    const seq = step === 0 ? width : 1;
    past += seq;
    const logits = out.logits.data as Float32Array;
    const V = out.logits.dims[2];

    // Pick each row's token; decide who stops (stop tokens and caps first, then interruptions,
    // checked after the callbacks so an abort raised in onToken lands on this step).
    let keep: number[] = [];
    running.forEach((r, b) => {
      const token = argmaxRow(logits, (b * seq + seq - 1) * V, V);
      r.out.push(token);
      r.position++;
      timing.tokens++;
      opts.onToken?.(r.row, token, step);
      if (token === model.eos) finish(r, "eos");
      else if (token === model.end) finish(r, "end");
      // the token just chosen would be fed at position r.position - 1
      else if (r.out.length >= cap || r.position > maxPosition) finish(r, "max_tokens");
      else keep.push(b);
    });
    const stopReason = interrupted();
    if (stopReason) {
      for (const b of keep) finish(running[b], stopReason);
      keep = [];
    }
    step++;
    if (!keep.length) break;

    // Drop finished rows from the cache, and the leading columns that are padding for every row
    // left (a copy, paid only on steps where someone finished).
    let presentKey = out.present_key.data as Float32Array,
      presentValue = out.present_value.data as Float32Array;
    if (keep.length < batch) {
      const trim = Math.min(...keep.map((b) => running[b].pad));
      const dims = { layers: L, batch, heads: H, len: past, headDim: Dh };
      presentKey = selectBatch(presentKey, dims, keep, trim);
      presentValue = selectBatch(presentValue, dims, keep, trim);
      running = keep.map((b) => running[b]);
      for (const r of running) r.pad -= trim;
      past -= trim;
      batch = running.length;
    }
    const nextIds = new BigInt64Array(batch),
      nextPos = new BigInt64Array(batch);
    const nextMask = new Float32Array(batch * (past + 1));
    running.forEach((r, b) => {
      nextIds[b] = BigInt(r.out[r.out.length - 1]);
      nextPos[b] = BigInt(r.position - 1);
      nextMask.fill(1, b * (past + 1) + r.pad, (b + 1) * (past + 1));
    });
    feeds = {
      input_ids: new Tensor("int64", nextIds, [batch, 1]),
      position_ids: new Tensor("int64", nextPos, [batch, 1]),
      attention_mask: new Tensor("float32", nextMask, [batch, past + 1]),
      past_key: new Tensor("float32", presentKey, [L, batch, H, past, Dh]),
      past_value: new Tensor("float32", presentValue, [L, batch, H, past, Dh]),
    };
  }
  timing.steps = step - 1;
  timing.ms_per_step = timing.steps ? timing.decode_ms / timing.steps : 0;
  const later = timing.tokens - prefilled;
  timing.ms_per_token = later > 0 ? timing.decode_ms / later : 0;
  return { rows: results, timing };
}
