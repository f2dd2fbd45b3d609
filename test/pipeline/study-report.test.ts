// The study report states the paper's claims from confidence intervals, so its statistics and its
// verdicts are pinned here on predictions made to order: A* responses (valid), empty ones
// (invalid), and swapped ones (another maze's A* trace before this maze's A* plan).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/core/load";
import type { GeneratorName } from "../../src/core/mazes";
import { loadEngine, packageRoot } from "../../src/core/node";

const N = 20; // instances per generator
const IN_DISTRIBUTION = new Set(["wilson", "kruskal", "dfs"]);
const INVALID = "reasoning solution end";

type Make = (g: string, i: number, own: string, swapped: string) => string;
// how many in-distribution instances each correct seed gets right
const CORRECT_VALID = { 1: 18, 2: 16 } as Record<number, number>;
const RUNS: Array<[string, number, Make]> = [
  ["correct", 1, (g, i, own) => (IN_DISTRIBUTION.has(g) && i < CORRECT_VALID[1] ? own : INVALID)],
  ["correct", 2, (g, i, own) => (IN_DISTRIBUTION.has(g) && i < CORRECT_VALID[2] ? own : INVALID)],
  ["no-trace", 1, () => INVALID],
  ["no-trace", 2, () => INVALID],
  // one swapped response keeps its own trace: the report must name it
  ["swapped", 1, (g, i, own, swapped) => (g === "wilson" && i === 3 ? own : swapped)],
  ["swapped", 2, (_g, _i, _own, swapped) => swapped],
];

interface Cell {
  mean: number;
  lo: number;
  hi: number;
  seeds: number;
}
interface Report {
  runs: string[];
  missing: string[];
  figures: Record<string, Record<string, { plan: Cell; trace: Cell; optimal: Cell }>>;
  claims: Record<string, { verdict: string; text: string }>;
}

describe("scripts/study-report.js", () => {
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-report-"));
  let report: Report;
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    const engine: Engine = await loadEngine();
    const results = join(tmp, "results");
    mkdirSync(results);
    const responses = (g: GeneratorName) => {
      const stream = engine.openStream({ generator: g, rows: 6, cols: 6, seed: 42, split: "test" });
      const mazes = Array.from({ length: N }, () => stream.next());
      const solved = mazes.map((m) => engine.solve(m));
      const response = (m: (typeof mazes)[number], events: Int32Array, plan: Int32Array) => {
        const full = engine.serialize(m, { events, plan });
        return full.slice(full.indexOf("reasoning"));
      };
      return mazes.map((m, i) => ({
        prompt: engine.promptText(m),
        own: response(m, solved[i].events, solved[i].plan),
        swapped: response(m, solved[(i + 7) % N].events, solved[i].plan),
      }));
    };
    const generators = engine.generators().map((g) => g.name);
    const byGenerator = Object.fromEntries(generators.map((g) => [g, responses(g)]));
    for (const [condition, seed, make] of RUNS) {
      const id = `${condition}-s${seed}`;
      const lines = generators.flatMap((g) =>
        byGenerator[g].map((x, i) => JSON.stringify({ rows: 6, cols: 6, generator: g, index: i, prompt: x.prompt, response: make(g, i, x.own, x.swapped) })),
      );
      writeFileSync(join(results, `${id}.predictions.jsonl.gz`), gzipSync(lines.join("\n")));
      writeFileSync(join(results, `${id}.eval.json`), JSON.stringify({ seed: 42, rows: 6, cols: 6, count: N }));
      const point = (step: number) => ({ step, tokens: step * 1000, elapsed: step, val_loss: 1 / step, val_acc: 0.9, plan_valid: 0.5 });
      writeFileSync(join(results, `${id}.curve.jsonl`), [point(10), point(20)].map((p) => JSON.stringify(p)).join("\n"));
    }
    const spec = join(tmp, "tiny.json");
    writeFileSync(
      spec,
      JSON.stringify({
        name: "tiny",
        config: "6x6-cpu",
        conditions: ["correct", "no-trace", "swapped"],
        seeds: [1, 2, 3],
        max_steps: 20,
        set: { batch_size: 48 },
        eval_count: N,
        results_dir: results,
      }),
    );
    const run = spawnSync(process.execPath, ["scripts/study-report.js", "--study", spec, "--out", join(tmp, "report.md"), "--json"], {
      cwd: packageRoot(),
      encoding: "utf8",
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`study-report exited ${run.status}: ${run.stderr}`);
    report = JSON.parse(run.stdout.trim().split("\n").at(-1) as string);
  }, 60_000);

  it("states the steps and the sequences per step the runs trained with (the study's --set over its config)", () => {
    expect(readFileSync(join(tmp, "report.md"), "utf8")).toContain("Training: 20 optimizer steps of 48 sequences for every condition");
  });

  it("labels the validity chart's axis with the study's own instance count", () => {
    const svg = readFileSync(join(tmp, "results", "tiny-validity.svg"), "utf8");
    expect(svg).toContain(`% of ${N} test instances`);
  });

  it("lists the finished runs and the missing seed", () => {
    expect(report.runs.sort()).toEqual(["correct-s1", "correct-s2", "no-trace-s1", "no-trace-s2", "swapped-s1", "swapped-s2"]);
    expect(report.missing.sort()).toEqual(["correct-s3", "no-trace-s3", "swapped-s3"]);
  });

  it("averages the seeds' rates and takes a Student t interval over them (df 1: t = 12.706)", () => {
    const c = report.figures.correct.wilson.plan;
    const [a, b] = [CORRECT_VALID[1] / N, CORRECT_VALID[2] / N];
    expect(c.mean).toBeCloseTo((a + b) / 2, 10);
    const half = (12.706 * Math.abs(a - b)) / Math.sqrt(2) / Math.sqrt(2);
    expect(c.lo).toBeCloseTo(Math.max(0, (a + b) / 2 - half), 10);
    expect(c.hi).toBeCloseTo(Math.min(1, (a + b) / 2 + half), 10);
  });

  it("never gives an interval of zero width when seeds agree exactly: the pooled Wilson score bounds it", () => {
    const t = report.figures["no-trace"].wilson.trace;
    expect(t.mean).toBe(0);
    expect(t.lo).toBe(0);
    // 0 of 40 pooled instances: the Wilson score upper bound is z^2 / (n + z^2)
    expect(t.hi).toBeCloseTo(1.96 ** 2 / (2 * N + 1.96 ** 2), 6);
  });

  it("states the claims from the intervals", () => {
    const claim = (letter: string) => Object.entries(report.claims).find(([k]) => k.startsWith(`(${letter})`))?.[1];
    expect(claim("a")?.verdict).toBe("holds (correct above no-trace, swapped above no-trace)");
    // swapped's plans are all valid out of distribution, correct's none
    expect(claim("c")?.verdict).toBe("holds (Drunkard's walk better; SF-style better)");
    // correct has no valid plan behind an invalid trace; the one valid swapped trace is named
    expect(claim("d")?.verdict).toBe("does not hold (no invalid trace behind a valid plan)");
    expect(claim("d")?.text).toContain("swapped: 1 valid traces in 200 responses (swapped-s1 wilson #3)");
    expect(report.figures.swapped.wilson.trace.mean).toBeCloseTo(1 / (2 * N), 10);
  });
});
