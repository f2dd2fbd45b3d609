// Writes a built dataset to its folder in the layout of docs/dataset-format.md: gzip-compressed
// little-endian arrays per split, vocab.json and manifest.json (counts, sha256 of every file,
// the engine build that made it, stream provenance, what deduplication dropped).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { GeneratorInfo } from "../core/mazes";
import type { Dataset, SplitData } from "./dataset";

export const DATASET_FORMAT = 1;

export interface WriteOptions {
  seed: number;
  swapSeed: number;
  /** Generator registry (names and parameter defaults) as the engine reports it. */
  generators: GeneratorInfo[];
  /** build/core-build.json of the engine that made the data. */
  engine: { sha256: string; bytes: number } | null;
  /** The command line, for the record. */
  command?: string;
  /** gzip level; 9 squeezes ~5% more out of token data than the default at ~2x the time. */
  level?: number;
}

export interface FileRecord {
  file: string;
  bytes: number;
  sha256: string;
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** The array's bytes in little-endian order (a copy with swapped bytes on big-endian hosts). */
function littleEndian(a: Uint16Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (endianness() === "LE") return bytes;
  const out = new Uint8Array(bytes.length);
  const w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += w) for (let k = 0; k < w; k++) out[i + k] = bytes[i + w - 1 - k];
  return out;
}

function writeFile(dir: string, file: string, data: Uint8Array | string): FileRecord {
  writeFileSync(join(dir, file), data);
  return { file, bytes: typeof data === "string" ? Buffer.byteLength(data) : data.length, sha256: sha256(data) };
}

function writeArray(dir: string, file: string, a: Uint16Array | Uint32Array, level: number): FileRecord {
  return writeFile(dir, file, gzipSync(littleEndian(a), { level }));
}

/** The engine build record (build/core-build.json), or null when it is missing. */
export function engineBuild(root: string): { sha256: string; bytes: number } | null {
  const path = join(root, "build", "core-build.json");
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

function splitManifest(s: SplitData, files: FileRecord[], seed: number) {
  return {
    count: s.count,
    tokens: s.tokens.length,
    generator: s.generator,
    // the stream as the engine names it, and the PRNG seed it starts from (spec section 2)
    stream: { split: s.stream, seed, prng_seed: (seed * 2 + (s.stream === "test" ? 1 : 0)) % 2 ** 32 },
    files: Object.fromEntries(files.map((f) => [f.file, { bytes: f.bytes, sha256: f.sha256 }])),
    stream_instances_read: s.read,
    stream_indices_kept: s.kept,
    dropped_duplicates: s.dropped,
    ...(s.kept_duplicates !== undefined ? { kept_duplicates: s.kept_duplicates } : {}),
    ...(s.swap ? { swap: { file: `${s.name}.swap.u32.gz`, seed: s.swapSeed } } : {}),
  };
}

/** Writes every file of the dataset into `dir` (created if needed); returns the manifest. */
export function writeDataset(dir: string, data: Dataset, opts: WriteOptions): Record<string, unknown> {
  mkdirSync(dir, { recursive: true });
  const level = opts.level ?? 9;
  const vocabText = JSON.stringify({ rows: data.rows, cols: data.cols, tokens: data.vocab }) + "\n";
  const vocab = writeFile(dir, "vocab.json", vocabText);
  const splits: Record<string, unknown> = {};
  for (const s of data.splits) {
    const files = [writeArray(dir, `${s.name}.tokens.u16.gz`, s.tokens, level), writeArray(dir, `${s.name}.offsets.u32.gz`, s.offsets, level)];
    if (s.swap) files.push(writeArray(dir, `${s.name}.swap.u32.gz`, s.swap, level));
    splits[s.name] = splitManifest(s, files, opts.seed);
  }
  const used = new Set(data.splits.map((s) => s.generator));
  const manifest = {
    format: DATASET_FORMAT,
    rows: data.rows,
    cols: data.cols,
    seed: opts.seed,
    engine: opts.engine,
    generators: Object.fromEntries(
      opts.generators.filter((g) => used.has(g.name)).map((g) => [g.name, Object.fromEntries(g.params.map((p) => [p.name, p.default]))]),
    ),
    dedup: "(layout, start, goal) across all splits; tests keep every instance, val then train drop mazes already seen",
    splits,
    swap: {
      seed: opts.swapSeed,
      method: "uniform derangement per split (mulberry32 Fisher-Yates, rejected while a fixed point remains)",
    },
    vocab_sha256: vocab.sha256,
    created_by: "reasonless dataset",
    ...(opts.command ? { command: opts.command } : {}),
  };
  writeFile(dir, "manifest.json", JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}
