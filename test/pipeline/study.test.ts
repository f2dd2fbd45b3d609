// study.py runs a pool of trainers against a session's deadline. Near the deadline it must not
// start a run: it would train a few dozen steps and `park` would commit a 33 MB checkpoint of them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/core/node";

const PYTHON = "/usr/bin/python3";

describe.skipIf(!existsSync(PYTHON))("study.py run", () => {
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-study-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function spec(name: string, over: Record<string, unknown> = {}) {
    const path = join(tmp, `${name}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        name: `test-${process.pid}-${name}`,
        config: "6x6-cpu",
        data: join(tmp, name, "data"),
        dataset: ["--rows", "4", "--cols", "4", "--train", "10", "--val", "2", "--test", "2"],
        conditions: ["correct", "swapped"],
        seeds: [1],
        max_steps: 10,
        eval_count: 1,
        runs_dir: join(tmp, name, "runs"),
        results_dir: join(tmp, name, "results"),
        ...over,
      }),
    );
    return path;
  }

  function run(specs: string[], budgetSeconds: number) {
    const done = spawnSync(PYTHON, ["scripts/train/study.py", specs.join(","), "run", "--time-budget", String(budgetSeconds)], {
      cwd: packageRoot(),
      encoding: "utf8",
      timeout: 60_000,
    });
    const lines = done.stdout.trim().split("\n").filter(Boolean);
    return { status: done.status, stderr: done.stderr, outcomes: lines.map((l) => JSON.parse(l)) };
  }

  const study = (name: string, budgetSeconds: number, over: Record<string, unknown> = {}) => run([spec(name, over)], budgetSeconds);

  it("starts no run with under 10 minutes of the time budget left, and creates no run folder", () => {
    const { status, outcomes } = study("late", 599);
    expect(status).toBe(0);
    expect(outcomes.map((o) => o.run)).toEqual(["correct-s1", "swapped-s1"]);
    for (const o of outcomes) expect(o.outcome).toMatch(/^not started: under 600 s of the time budget left/);
    expect(existsSync(join(tmp, "late", "runs"))).toBe(false);
  });

  it("builds a missing dataset from the study's own arguments, then starts its runs", () => {
    // the config does not exist, so train.py stops at once: the test is about what comes before
    const { status, outcomes } = study("fresh", 3600, { config: "no-such-config" });
    expect(status).toBe(0);
    expect(existsSync(join(tmp, "fresh", "data", "manifest.json"))).toBe(true);
    for (const o of outcomes) expect(o.outcome).toMatch(/^train failed/);
    expect(existsSync(join(tmp, "fresh", "runs", `test-${process.pid}-fresh-correct-s1`, "study.log"))).toBe(true);
  });

  it("gives a lone run the spare workers as threads, and leaves the study's setting when every worker has a run", () => {
    // the config does not exist, so train.py stops at once; its command line is in the run's log
    const trainCommand = (name: string, id: string) =>
      readFileSync(join(tmp, name, "runs", `test-${process.pid}-${name}-${id}`, "study.log"), "utf8")
        .split("\n")
        .find((l) => l.includes("scripts/train/train.py"))!;
    expect(study("lone", 3600, { config: "no-such-config", conditions: ["correct"], set: { threads: 1 } }).status).toBe(0);
    expect(trainCommand("lone", "correct-s1")).toMatch(/--set threads=1 --set threads=2(\s|$)/);
    expect(study("pair", 3600, { config: "no-such-config", set: { threads: 1 } }).status).toBe(0);
    for (const id of ["correct-s1", "swapped-s1"]) {
      const cmd = trainCommand("pair", id);
      expect(cmd).toContain("--set threads=1");
      expect(cmd).not.toContain("threads=2");
    }
  });

  it("stops with one readable line when the dataset cannot be built", () => {
    const { status, stderr, outcomes } = study("broken", 3600, { dataset: ["--rows", "-3"] });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/building the dataset of study test-\d+-broken failed \(see .*data\.log\)/);
    expect(outcomes).toEqual([]);
  });

  it("status reads a finished run's progress from its filed curve once its checkpoint is gone", () => {
    const path = spec("finished", { conditions: ["correct"] });
    const results = join(tmp, "finished", "results");
    mkdirSync(results, { recursive: true });
    const point = (step: number) => JSON.stringify({ step, tokens: step * 1000, elapsed: step / 2 });
    writeFileSync(join(results, "correct-s1.curve.jsonl"), `${point(5)}\n${point(10)}\n`);
    writeFileSync(join(results, "correct-s1.eval.json"), "{}");
    const done = spawnSync(PYTHON, ["scripts/train/study.py", path, "status"], { cwd: packageRoot(), encoding: "utf8", timeout: 60_000 });
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      run: "correct-s1",
      evaluated: true,
      step: 10,
      max_steps: 10,
      final: true,
      tokens: 10_000,
      wall_seconds: 5,
    });
  });

  it("queues several studies in one pool, in the order given, naming each run's study", () => {
    const { status, outcomes } = run([spec("first"), spec("second", { conditions: ["no-trace"] })], 599);
    expect(status).toBe(0);
    expect(outcomes.map((o) => `${o.study}/${o.run}`)).toEqual([
      `test-${process.pid}-first/correct-s1`,
      `test-${process.pid}-first/swapped-s1`,
      `test-${process.pid}-second/no-trace-s1`,
    ]);
  });
});
