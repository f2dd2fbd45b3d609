// Reads a dataset folder back (docs/dataset-format.md) and derives the three training
// conditions the way the trainer does, so tests can check the files from the reader's side.
import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Condition } from "../conditions";

function readArray<T extends Uint16Array | Uint32Array>(path: string, make: (b: ArrayBuffer) => T, width: number): T {
  const bytes = gunzipSync(readFileSync(path));
  const copy = new Uint8Array(bytes); // aligned, owned buffer
  if (endianness() !== "LE") {
    for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  }
  return make(copy.buffer);
}

export interface ReadSplit {
  tokens: Uint16Array;
  offsets: Uint32Array;
  swap: Uint32Array | null;
  count: number;
}

export function readVocab(dir: string): { rows: number; cols: number; tokens: string[] } {
  return JSON.parse(readFileSync(join(dir, "vocab.json"), "utf8"));
}

export function readSplit(dir: string, name: string, withSwap = name === "train" || name === "val"): ReadSplit {
  const tokens = readArray(join(dir, `${name}.tokens.u16.gz`), (b) => new Uint16Array(b), 2);
  const offsets = readArray(join(dir, `${name}.offsets.u32.gz`), (b) => new Uint32Array(b), 4);
  const swap = withSwap ? readArray(join(dir, `${name}.swap.u32.gz`), (b) => new Uint32Array(b), 4) : null;
  return { tokens, offsets, swap, count: offsets.length / 4 };
}

/** Instance i's segments: prompt, trace, plan ids (no keywords). */
export function segments(s: ReadSplit, i: number): { prompt: Uint16Array; trace: Uint16Array; plan: Uint16Array } {
  const o = s.offsets.subarray(4 * i, 4 * i + 4);
  return { prompt: s.tokens.subarray(o[0], o[1]), trace: s.tokens.subarray(o[1], o[2]), plan: s.tokens.subarray(o[2], o[3]) };
}

/** The training sequence of instance i in one condition: `<|bos|> prompt reasoning trace
 *  solution plan end <|eos|>`, keyword ids looked up by name. */
export function conditionSequence(s: ReadSplit, i: number, condition: Condition, vocab: string[]): number[] {
  const id = (w: string) => vocab.indexOf(w);
  const own = segments(s, i);
  const trace = condition === "no-trace" ? [] : condition === "correct" ? own.trace : segments(s, s.swap![i]).trace;
  return [id("<|bos|>"), ...own.prompt, id("reasoning"), ...trace, id("solution"), ...own.plan, id("end"), id("<|eos|>")];
}
