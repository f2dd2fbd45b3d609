// The leaderboard's benchmark suites, regenerated in Node: pinned content hashes (a released
// suite must never change), stable ids, deduplication, and each instance equal to its stream's.
import { describe, expect, it } from "vitest";
import { BENCHMARKS, benchmarkSpec, buildSuite, canonicalLine, sha256Hex } from "../../src/leaderboard/benchmarks";
import { loadEngine } from "../../src/core/node";

const engine = await loadEngine();

describe("benchmark suites", () => {
  it("are pinned: the same sha256 as when they were released", async () => {
    const pinned: Record<string, string> = {
      "maze6-v1": "c8241858e72b64bd7744568314a71add16191f95274a0f0e65f44faaa74b5a1b",
      "maze10-v1": "966a73926689a20a5e55664ac98e9c0fbb7cfb94421a9089c02c6d7c4554d06b",
      "maze30-v1": "e74699745834d34921049d19183a1af4cf26f4a806de1e4800e29d49b3080269",
    };
    expect(BENCHMARKS.map((b) => b.id)).toEqual(Object.keys(pinned));
    for (const spec of BENCHMARKS) {
      const suite = await buildSuite(engine, spec);
      expect(suite.sha256, spec.id).toBe(pinned[spec.id]);
      expect(await sha256Hex(suite.instances.map(canonicalLine).join(""))).toBe(suite.sha256);
    }
  });

  it.each(["maze6-v1", "maze10-v1"])("%s: unique ids and mazes, 200 per generator, each the stream's instance at its index", async (id) => {
    const spec = benchmarkSpec(id)!;
    const suite = await buildSuite(engine, spec);
    expect(suite.instances).toHaveLength(1000);
    expect(new Set(suite.instances.map((i) => i.id)).size).toBe(1000);
    expect(new Set(suite.instances.map((i) => `${i.prompt}`)).size).toBe(1000);
    for (const g of suite.generators) {
      const mine = suite.instances.filter((i) => i.generator === g);
      expect(mine.map((i) => i.id)).toEqual(mine.map((_, k) => `${g}-${String(k).padStart(4, "0")}`));
      expect(mine.every((i) => i.rows === spec.rows && i.cols === spec.cols)).toBe(true);
      const stream = engine.openStream({ generator: g, rows: spec.rows, cols: spec.cols, seed: 42, split: "test" });
      const prompts = Array.from({ length: mine.at(-1)!.index + 1 }, () => engine.promptText(stream.next()));
      stream.close();
      for (const inst of mine) expect(inst.prompt).toBe(prompts[inst.index]);
      // duplicates skipped while drawing account for the gap between stream index and suite position
      expect(mine.at(-1)!.index + 1 - mine.length).toBe(suite.skipped[g]);
    }
  });
});
