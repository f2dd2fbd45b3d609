// A loaded model: the manifest of docs/model-format.md, its ONNX session, and the token ids the
// decoder needs, all looked up by name in the manifest's vocabulary. Shared by Node and Worker;
// reading files is the caller's business (see ./node.ts).
import type { Condition } from "../conditions";
import type { Ort, OrtSession, OrtSessionOptions } from "./ort";

export interface ModelManifest {
  name: string;
  condition: Condition;
  rows: number;
  cols: number;
  vocab: string[];
  vocab_sha256?: string;
  architecture: {
    d_model: number;
    n_layers: number;
    n_heads: number;
    head_dim: number;
    max_positions: number;
    vocab_size: number;
    positional: string;
  };
  parameters?: number;
  max_new_tokens: number;
  bos_id: number;
  eos_id: number;
  onnx: { file: string; sha256?: string; bytes?: number; opset?: number; weights_dtype?: string };
  [extra: string]: unknown;
}

export interface Model {
  manifest: ModelManifest;
  session: OrtSession;
  Tensor: Ort["Tensor"];
  bos: number;
  eos: number;
  pad: number;
  /** `reasoning`: decoding starts from `<|bos|> prompt reasoning`. */
  reasoning: number;
  /** `end`: the other stop token. */
  end: number;
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelError";
  }
}

/** Throws unless the manifest's vocabulary is exactly the engine's for its grid size: a model
 *  trained on another vocabulary would silently read every id wrong. */
export function checkVocab(manifest: ModelManifest, engineVocab: readonly string[]): void {
  const v = manifest.vocab;
  if (!Array.isArray(v) || v.length !== engineVocab.length || v.some((w, i) => w !== engineVocab[i])) {
    const at = Array.isArray(v) ? v.findIndex((w, i) => w !== engineVocab[i]) : -1;
    throw new ModelError(
      `model ${manifest.name}: its vocabulary (${Array.isArray(v) ? v.length : "none"} tokens) differs from the engine's ` +
        `${manifest.rows}x${manifest.cols} vocabulary (${engineVocab.length} tokens)` +
        (at >= 0 ? `, first at id ${at}: "${v[at]}" vs "${engineVocab[at]}"` : ""),
    );
  }
}

function idOf(manifest: ModelManifest, word: string): number {
  const id = manifest.vocab.indexOf(word);
  if (id < 0) throw new ModelError(`model ${manifest.name}: the vocabulary has no "${word}"`);
  return id;
}

/** Checks the manifest's shape (the fields the decoder relies on). */
export function checkManifest(m: unknown): asserts m is ModelManifest {
  const o = m as ModelManifest;
  const int = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
  const a = o?.architecture;
  if (
    typeof o !== "object" ||
    o === null ||
    !Array.isArray(o.vocab) ||
    !int(o.rows) ||
    !int(o.cols) ||
    typeof a !== "object" ||
    a === null ||
    !int(a.n_layers) ||
    !int(a.n_heads) ||
    !int(a.head_dim) ||
    !int(a.max_positions) ||
    !int(o.max_new_tokens) ||
    !int(o.bos_id) ||
    !int(o.eos_id)
  ) {
    throw new ModelError("not a model manifest (docs/model-format.md): missing rows/cols/vocab/architecture/max_new_tokens/bos_id/eos_id");
  }
  if (o.vocab[o.bos_id] !== "<|bos|>" || o.vocab[o.eos_id] !== "<|eos|>") {
    throw new ModelError(`model ${o.name}: bos_id/eos_id do not name <|bos|>/<|eos|> in its vocabulary`);
  }
}

/** Builds the session from model bytes or a path and binds the manifest's ids. `engineVocab`
 *  (the engine's `vocab(rows, cols)`) must equal the manifest's. */
export async function createModel(
  ort: Ort,
  manifest: unknown,
  onnx: string | Uint8Array,
  engineVocab: readonly string[],
  options: OrtSessionOptions = {},
): Promise<Model> {
  checkManifest(manifest);
  checkVocab(manifest, engineVocab);
  const session = await ort.InferenceSession.create(onnx, { graphOptimizationLevel: "all", ...options });
  for (const name of ["input_ids", "position_ids", "attention_mask", "past_key", "past_value"]) {
    if (!session.inputNames.includes(name)) throw new ModelError(`model ${manifest.name}: the ONNX graph has no input "${name}"`);
  }
  return {
    manifest,
    session,
    Tensor: ort.Tensor,
    bos: manifest.bos_id,
    eos: manifest.eos_id,
    pad: idOf(manifest, "<|pad|>"),
    reasoning: idOf(manifest, "reasoning"),
    end: idOf(manifest, "end"),
  };
}

/** What decoding starts from: `<|bos|> prompt reasoning`, with prompt = `query ... wall x y`. */
export function startIds(model: Model, prompt: ArrayLike<number>): Int32Array {
  const ids = new Int32Array(prompt.length + 2);
  ids[0] = model.bos;
  ids.set(prompt as ArrayLike<number>, 1);
  ids[ids.length - 1] = model.reasoning;
  return ids;
}
