// The dataset builder: deduplication across and within splits, stream provenance, swap
// derangements, the files as the trainer reads them, and the three conditions.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadEngine, packageRoot } from "../../src/core/node";
import type { GeneratorName } from "../../src/core/mazes";
import { buildDataset, mazeKey } from "../../src/pipeline/dataset";
import { derangement, splitSeed } from "../../src/pipeline/random";
import { conditionSequence, readSplit, readVocab, segments } from "../../src/pipeline/read";
import { writeDataset } from "../../src/pipeline/write";

const engine = await loadEngine();
const tmp = mkdtempSync(join(tmpdir(), "reasonless-dataset-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 3x3 grids hold a few hundred distinct tasks, so collisions are certain.
const tiny = buildDataset(engine, { rows: 3, cols: 3, train: 40, val: 12, test: 20, seed: 42, swapSeed: 7 });
const byName = Object.fromEntries(tiny.splits.map((s) => [s.name, s]));

/** Maze i of a split, regenerated from its stream at the recorded index. */
function streamMazes(generator: GeneratorName, split: "train" | "test", upTo: number, rows = 3, cols = 3) {
  const stream = engine.openStream({ generator, rows, cols, seed: 42, split });
  const out = Array.from({ length: upTo }, () => stream.next());
  stream.close();
  return out;
}

function keptIndices(runs: Array<[number, number]>): number[] {
  return runs.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k));
}

describe("deduplication", () => {
  const mazesOf = (name: string) => {
    const s = byName[name];
    const indices = keptIndices(s.kept);
    const stream = streamMazes(s.generator, s.stream, indices[indices.length - 1] + 1);
    return indices.map((i) => stream[i]);
  };

  it("no maze of val or train appears in an earlier split or twice in its own", () => {
    const earlier = new Set<string>();
    for (const s of tiny.splits) {
      const keys = mazesOf(s.name).map(mazeKey);
      if (s.name === "val" || s.name === "train") {
        expect(new Set(keys).size).toBe(keys.length);
        for (const k of keys) expect(earlier.has(k)).toBe(false);
      }
      for (const k of keys) earlier.add(k);
    }
  });

  it("actually met collisions on 3x3 and counted them", () => {
    const { val, train } = byName;
    expect(val.dropped.seen_in_earlier_split + train.dropped.seen_in_earlier_split).toBeGreaterThan(0);
    expect(train.dropped.within_split).toBeGreaterThan(0);
    for (const s of [val, train]) {
      expect(s.read).toBe(s.count + s.dropped.seen_in_earlier_split + s.dropped.within_split);
      expect(keptIndices(s.kept)).toHaveLength(s.count);
    }
    // train continues the stream where val stopped
    expect(train.kept[0][0]).toBeGreaterThanOrEqual(val.kept[val.kept.length - 1][1] + 1);
  });

  it("test splits keep the first N instances of their stream, duplicates included", () => {
    for (const g of engine.generators().map((x) => x.name)) {
      const s = byName[`test-${g}`];
      expect(s.kept).toEqual([[0, 19]]);
      expect(s.count).toBe(20);
    }
    expect(byName["test-wilson"].kept_duplicates).toBeGreaterThan(0);
  });

  it("stores exactly the engine's prompt, trace and plan of the instance at each kept index", () => {
    for (const s of tiny.splits) {
      const mazes = mazesOf(s.name);
      mazes.forEach((maze, i) => {
        const o = s.offsets.subarray(4 * i, 4 * i + 4);
        const got = engine.detokenize(Int32Array.from(s.tokens.subarray(o[0], o[1])), 3, 3);
        expect(got).toBe(engine.promptText(maze));
        const trace = engine.detokenize(Int32Array.from(s.tokens.subarray(o[1], o[2])), 3, 3);
        expect(trace).toBe(engine.traceText(engine.solve(maze).events));
      });
    }
  });

  it("refuses to loop forever when a stream runs out of new mazes", () => {
    expect(() => buildDataset(engine, { rows: 2, cols: 2, train: 5, val: 0, test: 1, seed: 42, swapSeed: 1 })).toThrow(/only \d+ new/);
  });
});

describe("swap derangement", () => {
  it("is a permutation without fixed points, for any size and seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer(), (n, seed) => {
        const pi = derangement(n, seed);
        expect(pi).toHaveLength(n);
        expect(new Set(pi).size).toBe(n);
        for (let i = 0; i < n; i++) {
          expect(pi[i]).not.toBe(i);
          expect(pi[i]).toBeLessThan(n);
        }
      }),
    );
  });

  it("is fixed by its seed and differs between seeds and splits", () => {
    expect(derangement(100, 5)).toEqual(derangement(100, 5));
    expect(derangement(100, 5)).not.toEqual(derangement(100, 6));
    expect(splitSeed(42, "train")).not.toBe(splitSeed(42, "val"));
    expect(derangement(0, 1)).toHaveLength(0);
    expect(() => derangement(1, 1)).toThrow(RangeError);
  });

  it("covers train and val of a built dataset, seeded per split", () => {
    for (const name of ["train", "val"]) {
      const s = byName[name];
      expect(s.swap).toEqual(derangement(s.count, splitSeed(7, name)));
    }
    for (const g of engine.generators()) expect(byName[`test-${g.name}`].swap).toBeUndefined();
  });
});

describe("files", () => {
  const dir = join(tmp, "5x5");
  const data = buildDataset(engine, { rows: 5, cols: 5, train: 30, val: 6, test: 4, seed: 42, swapSeed: 42 });
  const manifest = writeDataset(dir, data, { seed: 42, swapSeed: 42, generators: engine.generators(), engine: { sha256: "x", bytes: 1 } }) as {
    splits: Record<string, { count: number; tokens: number; files: Record<string, { bytes: number; sha256: string }> }>;
    vocab_sha256: string;
  };
  const vocab = readVocab(dir);

  it("vocab.json is the engine's vocabulary", () => {
    expect(vocab).toEqual({ rows: 5, cols: 5, tokens: engine.vocab(5, 5) });
    expect(manifest.vocab_sha256).toBe(
      createHash("sha256")
        .update(readFileSync(join(dir, "vocab.json")))
        .digest("hex"),
    );
  });

  it("the manifest records counts, tokens and the sha256 of every file", () => {
    expect(Object.keys(manifest.splits)).toEqual([...engine.generators().map((g) => `test-${g.name}`), "val", "train"]);
    for (const [name, s] of Object.entries(manifest.splits)) {
      const split = readSplit(dir, name);
      expect(split.count).toBe(s.count);
      expect(split.tokens.length).toBe(s.tokens);
      for (const [file, rec] of Object.entries(s.files)) {
        const bytes = readFileSync(join(dir, file));
        expect(bytes.length).toBe(rec.bytes);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(rec.sha256);
      }
    }
  });

  it("the three conditions share prompts and plans; correct is the engine's sequence, swapped takes pi[i]'s trace", () => {
    const split = readSplit(dir, "train");
    const { tokens } = vocab;
    const kept = keptIndices(data.splits.find((s) => s.name === "train")!.kept);
    const stream = streamMazes("wilson", "train", kept[kept.length - 1] + 1, 5, 5);
    const mazes = kept.map((k) => stream[k]);
    for (let i = 0; i < split.count; i++) {
      const [correct, none, swapped] = (["correct", "no-trace", "swapped"] as const).map((c) => conditionSequence(split, i, c, tokens));
      const text = (ids: number[]) => ids.map((t) => tokens[t]).join(" ");
      const { prompt, plan } = segments(split, i);
      const head = text([...correct.slice(0, prompt.length + 2)]);
      for (const seq of [none, swapped]) expect(text(seq.slice(0, prompt.length + 2))).toBe(head);
      const tail = text([...plan]);
      for (const seq of [correct, none, swapped]) expect(text(seq.slice(seq.length - plan.length - 2, seq.length - 2))).toBe(tail);
      expect(text(correct.slice(1, -1))).toBe(engine.serialize(mazes[i]));
      const other = segments(split, split.swap![i]).trace;
      expect(swapped.slice(prompt.length + 2, prompt.length + 2 + other.length)).toEqual([...other]);
      // the spec's sanity check: a swapped trace keeps the plan valid
      expect(engine.validate(mazes[i], Int32Array.from(swapped.slice(prompt.length + 1))).plan_valid).toBe(true);
      expect(engine.validate(mazes[i], Int32Array.from(correct.slice(prompt.length + 1)))).toMatchObject({ plan_valid: true, trace_valid: true });
    }
  });
});

describe.skipIf(!existsSync(join(packageRoot(), "dist", "cli.js")))("reasonless dataset", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/reasonless.js", "dataset", ...args], { cwd: packageRoot(), encoding: "utf8", timeout: 60_000 });

  it("writes the folder and reports each split on stderr", () => {
    const out = join(tmp, "cli");
    const run = cli("--rows", "4", "--cols", "4", "--train", "20", "--val", "4", "--test", "3", "--seed", "7", "--swap-seed", "9", "--out", out);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^train +20 instances/m);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ format: 1, rows: 4, cols: 4, seed: 7, swap: { seed: 9 } });
    expect(manifest.splits["test-searchformer"].stream).toEqual({ split: "test", seed: 7, prng_seed: 15 });
    expect(readSplit(out, "train").swap).toEqual(derangement(20, splitSeed(9, "train")));
  });

  it("refuses bad input with a one-line usage error", () => {
    expect(cli("--rows", "4").status).toBe(2);
    const one = cli("--rows", "4", "--cols", "4", "--val", "1", "--out", join(tmp, "x"));
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/derangement/);
    expect(cli("--help").stdout).toMatch(/Usage: reasonless dataset/);
  });
});
