// Builds a training dataset (docs/dataset-format.md) in memory: train and val from the Wilson
// train stream, one test split per generator from its test stream, deduplicated by
// (layout, start, goal) across splits. Token ids come from the engine (serialize + tokenize);
// this module only cuts the engine's sequence at its keywords, looked up by name.
import type { Engine } from "../core/load";
import type { GeneratorName, Maze } from "../core/mazes";
import { derangement, splitSeed } from "./random";

export interface DatasetOptions {
  rows: number;
  cols: number;
  train: number;
  val: number;
  /** Instances per test split (the first `test` of each generator's test stream). */
  test: number;
  seed: number;
  swapSeed: number;
  /** Test generators; default every generator in the engine's registry. */
  generators?: GeneratorName[];
  /** The generator of train and val (the paper trains on Wilson). */
  trainGenerator?: GeneratorName;
  /** Called with instances kept so far, out of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/** [first, last] stream indices, inclusive: kept indices as runs (drops are rare at 10x10 and
 *  above, so a 200k split is a handful of runs rather than 200k numbers). */
export type IndexRun = [number, number];

export interface SplitData {
  name: string;
  generator: GeneratorName;
  stream: "train" | "test";
  count: number;
  /** Concatenated prompt, trace and plan ids of every instance. */
  tokens: Uint16Array;
  /** count x 4: prompt_start, trace_start, plan_start, plan_end. */
  offsets: Uint32Array;
  /** Stream positions of the kept instances. */
  kept: IndexRun[];
  /** Instances read from the stream, kept or not. */
  read: number;
  /** Dropped because an earlier split (or, for val/train, this one) already holds the maze. */
  dropped: { seen_in_earlier_split: number; within_split: number };
  /** Test splits keep every instance; this counts those equal to an earlier split's maze or to
   *  an earlier instance of the same split (possible on tiny grids). */
  kept_duplicates?: number;
  /** Swapped condition: instance i uses the trace of instance swap[i]. train and val only. */
  swap?: Uint32Array;
  swapSeed?: number;
}

export interface Dataset {
  rows: number;
  cols: number;
  vocab: string[];
  splits: SplitData[];
}

/** The (layout, start, goal) identity of a maze as a compact string key. */
export function mazeKey(maze: Maze): string {
  // cells are 0/1 bytes: latin1 keeps one char per cell; start and goal follow as char codes.
  let key = String.fromCharCode(maze.start[0], maze.start[1], maze.goal[0], maze.goal[1]);
  key += Buffer.from(maze.cells.buffer, maze.cells.byteOffset, maze.cells.length).toString("latin1");
  return key;
}

/** Growable uint16/uint32 buffers, so a split is built without per-instance arrays. */
class Growable<T extends Uint16Array | Uint32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = this.make(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Keyword ids of the engine's vocabulary (by name, never by number). */
function keywordIds(vocab: string[]): { reasoning: number; solution: number; end: number } {
  const id = (w: string) => {
    const i = vocab.indexOf(w);
    if (i < 0) throw new Error(`the engine's vocabulary has no "${w}"`);
    return i;
  };
  return { reasoning: id("reasoning"), solution: id("solution"), end: id("end") };
}

/** Appends one instance: the engine's full sequence `prompt reasoning trace solution plan end`
 *  is cut at its keywords and stored without them. */
function appendInstance(engine: Engine, maze: Maze, kw: ReturnType<typeof keywordIds>, tokens: Growable<Uint16Array>, offsets: Growable<Uint32Array>): void {
  const ids = engine.tokenize(engine.serialize(maze), maze.rows, maze.cols);
  const r = ids.indexOf(kw.reasoning);
  const s = ids.indexOf(kw.solution, r + 1);
  const last = ids.length - 1;
  if (r < 0 || s < 0 || ids[last] !== kw.end) throw new Error("the engine's sequence lacks reasoning/solution/end");
  const base = tokens.length;
  tokens.reserve(ids.length);
  const t = tokens.data;
  let w = base;
  for (let i = 0; i < r; i++) t[w++] = ids[i];
  for (let i = r + 1; i < s; i++) t[w++] = ids[i];
  for (let i = s + 1; i < last; i++) t[w++] = ids[i];
  tokens.length = w;
  offsets.reserve(4);
  const o = offsets.data,
    k = offsets.length;
  o[k] = base;
  o[k + 1] = base + r;
  o[k + 2] = base + r + (s - r - 1);
  o[k + 3] = w;
  offsets.length = k + 4;
}

function addToRuns(runs: IndexRun[], index: number): void {
  const last = runs[runs.length - 1];
  if (last && last[1] === index - 1) last[1] = index;
  else runs.push([index, index]);
}

interface SplitPlan {
  name: string;
  generator: GeneratorName;
  stream: "train" | "test";
  count: number;
  /** Keep every instance (tests) or drop seen mazes (val, train). */
  keepAll: boolean;
}

export function buildDataset(engine: Engine, opts: DatasetOptions): Dataset {
  const { rows, cols } = opts;
  const vocab = engine.vocab(rows, cols);
  if (vocab.length > 65536) throw new Error(`a ${rows}x${cols} vocabulary (${vocab.length} ids) does not fit uint16`);
  const kw = keywordIds(vocab);
  const generators = opts.generators ?? engine.generators().map((g) => g.name);
  const trainGen = opts.trainGenerator ?? "wilson";
  // Tests first (they keep their instances, so the evaluator can regenerate them from the stream),
  // then val before train, so val stays the same whatever --train is.
  const plans: SplitPlan[] = [
    ...generators.map((g): SplitPlan => ({ name: `test-${g}`, generator: g, stream: "test", count: opts.test, keepAll: true })),
    { name: "val", generator: trainGen, stream: "train", count: opts.val, keepAll: false },
    { name: "train", generator: trainGen, stream: "train", count: opts.train, keepAll: false },
  ];
  const total = plans.reduce((n, p) => n + p.count, 0);
  let done = 0;

  const seen = new Set<string>();
  // val and train read one stream in turn: train continues where val stopped.
  const streams = new Map<string, { next(): Maze; close(): void; position: number }>();
  const openAt = (generator: GeneratorName, split: "train" | "test") => {
    const id = `${generator}/${split}`;
    let s = streams.get(id);
    if (!s) {
      const raw = engine.openStream({ generator, rows, cols, seed: opts.seed, split });
      s = { next: () => raw.next(), close: () => raw.close(), position: 0 };
      streams.set(id, s);
    }
    return s;
  };

  const splits: SplitData[] = [];
  try {
    for (const plan of plans) {
      const stream = openAt(plan.generator, plan.stream);
      const tokens = new Growable(new Uint16Array(1024), (n) => new Uint16Array(n));
      const offsets = new Growable(new Uint32Array(4 * Math.max(plan.count, 1)), (n) => new Uint32Array(n));
      const inSplit = new Set<string>();
      const kept: IndexRun[] = [];
      const dropped = { seen_in_earlier_split: 0, within_split: 0 };
      let keptDuplicates = 0,
        count = 0;
      const start = stream.position;
      // A stream of tiny mazes can run out of new ones; stop rather than loop forever.
      const maxReads = plan.keepAll ? plan.count : 50 * plan.count + 10_000;
      while (count < plan.count) {
        if (stream.position - start >= maxReads) {
          throw new Error(`${plan.name}: only ${count} new ${rows}x${cols} ${plan.generator} mazes in ${maxReads} draws; ask for fewer`);
        }
        const index = stream.position++;
        const maze = stream.next();
        const key = mazeKey(maze);
        const within = inSplit.has(key);
        const earlier = !within && seen.has(key);
        if (within || earlier) {
          if (plan.keepAll) keptDuplicates++;
          else {
            if (within) dropped.within_split++;
            else dropped.seen_in_earlier_split++;
            continue;
          }
        }
        inSplit.add(key);
        appendInstance(engine, maze, kw, tokens, offsets);
        addToRuns(kept, index);
        count++;
        if ((++done & 255) === 0) opts.onProgress?.(done, total);
      }
      for (const key of inSplit) seen.add(key);
      const split: SplitData = {
        name: plan.name,
        generator: plan.generator,
        stream: plan.stream,
        count,
        tokens: tokens.view(),
        offsets: offsets.view(),
        kept,
        read: stream.position - start,
        dropped,
      };
      if (plan.keepAll) split.kept_duplicates = keptDuplicates;
      else if (count > 0) {
        split.swapSeed = splitSeed(opts.swapSeed, plan.name);
        split.swap = derangement(count, split.swapSeed);
      }
      splits.push(split);
    }
  } finally {
    for (const s of streams.values()) s.close();
  }
  opts.onProgress?.(total, total);
  return { rows, cols, vocab, splits };
}
