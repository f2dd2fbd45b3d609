// study.py runs a pool of trainers against a session's deadline. Near the deadline it must not
// start a run: it would train a few dozen steps and `park` would commit a 33 MB checkpoint of them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/core/node";

const PYTHON = "/usr/bin/python3";

describe.skipIf(!existsSync(PYTHON))("study.py run --time-budget", () => {
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-study-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function study(budgetSeconds: number) {
    const spec = join(tmp, "tiny.json");
    writeFileSync(
      spec,
      JSON.stringify({
        name: `test-${process.pid}`,
        config: "6x6-cpu",
        data: join(tmp, "no-data"),
        conditions: ["correct", "swapped"],
        seeds: [1],
        max_steps: 10,
        eval_count: 1,
        runs_dir: join(tmp, "runs"),
        results_dir: join(tmp, "results"),
      }),
    );
    const run = spawnSync(PYTHON, ["scripts/train/study.py", spec, "run", "--time-budget", String(budgetSeconds)], {
      cwd: packageRoot(),
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: run.status, outcomes: run.stdout.trim().split("\n").map((l) => JSON.parse(l)) };
  }

  it("starts no run with under 10 minutes of budget left, and creates no run folder", () => {
    const { status, outcomes } = study(599);
    expect(status).toBe(0);
    expect(outcomes.map((o) => o.run)).toEqual(["correct-s1", "swapped-s1"]);
    for (const o of outcomes) expect(o.outcome).toMatch(/^not started: under 600 s of the time budget left/);
    expect(existsSync(join(tmp, "runs"))).toBe(false);
  });

  it("does start runs with more budget (here train.py fails at once on the missing data)", () => {
    const { outcomes } = study(3600);
    for (const o of outcomes) expect(o.outcome).toMatch(/^train failed/);
    expect(existsSync(join(tmp, "runs", `test-${process.pid}-correct-s1`, "study.log"))).toBe(true);
  });
});
