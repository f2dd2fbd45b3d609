// A stand-in for an ONNX session with the KV-cache interface of docs/model-format.md, so the
// decoder's batching, padding, cache compaction and caps can be tested without a trained model.
// Its "cache" stores the token ids themselves; the next token is a fixed function of the
// attended (unmasked, causal) tokens, and each call checks the shapes and that position_ids
// count the real tokens. A bug in masks, positions or cache slicing changes the output.
import type { Model, ModelManifest } from "../../src/decode/model";
import type { Ort, OrtSession, OrtTensor, TensorData, TensorType } from "../../src/decode/ort";

export class FakeTensor implements OrtTensor {
  constructor(
    readonly type: TensorType,
    readonly data: TensorData,
    readonly dims: readonly number[],
  ) {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new Error(`tensor of ${dims} needs ${size} values, got ${data.length}`);
  }
}

export const VOCAB = 50;
export const EOS = 49,
  END = 48,
  BOS = 47,
  REASONING = 46,
  PAD = 45;

/** The fake model's rule: the next token after a real sequence `seq`. */
export type Rule = (seq: readonly number[]) => number;

/** A varied rule that ends rows at different lengths: mostly small ids, sometimes END/EOS. */
export const defaultRule: Rule = (seq) => {
  let h = seq.length * 2654435761;
  for (const t of seq) h = Math.imul(h ^ t, 0x01000193) >>> 0;
  const v = h % 97;
  return v === 0 ? EOS : v === 1 ? END : v % 40;
};

/** Plain reference: decode one sequence by re-reading it whole each step. */
export function referenceDecode(rule: Rule, context: readonly number[], cap: number): { tokens: number[]; stop: string } {
  const seq = [...context],
    out: number[] = [];
  while (out.length < cap) {
    const t = rule(seq);
    out.push(t);
    seq.push(t);
    if (t === EOS) return { tokens: out, stop: "eos" };
    if (t === END) return { tokens: out, stop: "end" };
  }
  return { tokens: out, stop: "max_tokens" };
}

export class FakeSession implements OrtSession {
  readonly inputNames = ["input_ids", "position_ids", "attention_mask", "past_key", "past_value"];
  readonly outputNames = ["logits", "present_key", "present_value"];
  calls: Array<{ batch: number; seq: number; past: number }> = [];
  /** Artificial latency per run (ms), for time-budget tests. */
  delayMs = 0;

  constructor(private readonly rule: Rule = defaultRule) {}

  async run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const ids = feeds.input_ids.data as BigInt64Array,
      pos = feeds.position_ids.data as BigInt64Array;
    const mask = feeds.attention_mask.data as Float32Array,
      pastK = feeds.past_key.data as Float32Array;
    const [B, S] = feeds.input_ids.dims;
    const [L, Bp, H, P, Dh] = feeds.past_key.dims;
    if (L !== 1 || H !== 1 || Dh !== 1) throw new Error("fake model: layers, heads, head_dim must be 1");
    if (Bp !== B || feeds.attention_mask.dims[1] !== P + S || feeds.past_value.dims[3] !== P) throw new Error("fake model: shape mismatch");
    this.calls.push({ batch: B, seq: S, past: P });
    const T = P + S;
    const present = new Float32Array(B * T);
    const logits = new Float32Array(B * S * VOCAB);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < P; j++) present[b * T + j] = pastK[b * P + j];
      for (let s = 0; s < S; s++) present[b * T + P + s] = Number(ids[b * S + s]);
      for (let s = 0; s < S; s++) {
        // causal: new token s sees cache slots 0..P+s; the mask hides padding
        const seen: number[] = [];
        for (let j = 0; j <= P + s; j++) if (mask[b * T + j] === 1) seen.push(present[b * T + j]);
        if (mask[b * T + P + s] === 1 && Number(pos[b * S + s]) !== seen.length - 1) {
          throw new Error(`fake model: row ${b} token ${s} has position ${pos[b * S + s]}, expected ${seen.length - 1}`);
        }
        logits[(b * S + s) * VOCAB + this.rule(seen)] = 1;
      }
    }
    return {
      logits: new FakeTensor("float32", logits, [B, S, VOCAB]),
      present_key: new FakeTensor("float32", present, [1, B, 1, T, 1]),
      present_value: new FakeTensor("float32", present.slice(), [1, B, 1, T, 1]),
    };
  }
}

export function fakeManifest(over: Partial<ModelManifest> = {}): ModelManifest {
  const vocab = Array.from({ length: VOCAB }, (_, i) => `t${i}`);
  vocab[EOS] = "<|eos|>";
  vocab[END] = "end";
  vocab[BOS] = "<|bos|>";
  vocab[REASONING] = "reasoning";
  vocab[PAD] = "<|pad|>";
  return {
    name: "fake",
    condition: "correct",
    rows: 4,
    cols: 4,
    vocab,
    architecture: { d_model: 1, n_layers: 1, n_heads: 1, head_dim: 1, max_positions: 4096, vocab_size: VOCAB, positional: "rotary" },
    max_new_tokens: 200,
    bos_id: BOS,
    eos_id: EOS,
    onnx: { file: "fake.onnx" },
    ...over,
  };
}

export const fakeOrt = (session: FakeSession): Ort => ({
  Tensor: FakeTensor,
  InferenceSession: { create: async () => session },
});

export function fakeModel(session = new FakeSession(), over: Partial<ModelManifest> = {}): Model {
  return {
    manifest: fakeManifest(over),
    session,
    Tensor: FakeTensor,
    bos: BOS,
    eos: EOS,
    pad: PAD,
    reasoning: REASONING,
    end: END,
  };
}
