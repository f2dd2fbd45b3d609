// scripts/stop-at-goal.js: a response that walks the A* plan onto the goal and then keeps going
// counts as valid once cut at the goal; one that never steps onto the goal stays invalid; bad
// files give exit 2 and one line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";

const engine = await loadEngine();
const script = new URL("../../scripts/stop-at-goal.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "stop-at-goal-"));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function predictionsFile(lines: unknown[]): string {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}

describe("scripts/stop-at-goal.js", () => {
  it("cuts at the first step onto the goal and scores what is left", () => {
    const stream = engine.openStream({ generator: "wilson", rows: 10, cols: 10, split: "test", seed: 42 });
    const lines = [];
    for (let i = 0; i < 4; i++) {
      const maze = stream.next();
      const full = engine.serialize(maze);
      const at = full.indexOf("reasoning");
      const prompt = full.slice(0, at).trim(),
        astar = full.slice(at);
      const [gx, gy] = maze.goal;
      // 0, 1: the A* plan, then wandering instead of `end`; 2: the A* response as is;
      // 3: a plan that never reaches the goal (its start cell twice).
      const response =
        i < 2
          ? astar.replace(/ end$/, ` plan ${gx} ${gy} plan ${gx} ${gy} plan 0`)
          : i === 2
            ? astar
            : `reasoning solution plan ${maze.start[0]} ${maze.start[1]} plan ${maze.start[0]} ${maze.start[1]}`;
      lines.push({ rows: 10, cols: 10, generator: i < 2 ? "wilson" : "other", index: i, prompt, response });
    }
    const r = run("--predictions", predictionsFile(lines), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.generators.wilson).toMatchObject({ count: 2, reaches_goal: 2, plan_valid: 2, optimal: 2, plan_validity: 1 });
    expect(out.generators.other).toMatchObject({ count: 2, reaches_goal: 1, plan_valid: 1, optimal: 1, plan_validity: 0.5 });
  });

  it("refuses a missing option, an unreadable file and a line that is not a prediction (exit 2, one line)", () => {
    for (const args of [
      [],
      ["--predictions", join(dir, "missing.jsonl")],
      ["--predictions", predictionsFile(['{"x": 1}'])],
      ["--predictions", predictionsFile(["not json"])],
      ["--predictions", predictionsFile([{ prompt: "query start 1 1", response: "x" }])],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^stop-at-goal: /);
      expect(r.stdout).toBe("");
    }
  });
});
