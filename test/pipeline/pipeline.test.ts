// The whole offline pipeline in seconds: our dataset builder writes a tiny 5x5 folder, the
// trainer's overfit script (scripts/train/overfit.py) memorises a few of its sequences and
// exports ONNX + manifest, and the Node decoder (onnxruntime-node) must reproduce the training
// sequences token for token, batched and one at a time; the evaluator then scores them as valid.
// Skipped where Debian's /usr/bin/python3 with torch is not installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine, packageRoot } from "../../src/core/node";
import { greedyDecode } from "../../src/decode/greedy";
import { type Model, createModel } from "../../src/decode/model";
import { loadModelFile } from "../../src/decode/node";
import { buildDataset } from "../../src/pipeline/dataset";
import { type Instance, evaluateInstances } from "../../src/pipeline/eval";
import { writeDataset } from "../../src/pipeline/write";

const PYTHON = "/usr/bin/python3";
const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import torch, onnx"]).status === 0;

describe.skipIf(!hasTorch)("dataset -> overfit.py -> ONNX -> Node decoder", () => {
  const engine = loadEngine();
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-pipeline-"));
  const data = join(tmp, "data"),
    out = join(tmp, "model");
  let model: Model;
  let sequences: { prompts: number[][]; expected: number[][]; stop_ids: number[]; max_new_tokens: number };

  beforeAll(async () => {
    const e = await engine;
    const built = buildDataset(e, { rows: 5, cols: 5, train: 24, val: 4, test: 2, seed: 42, swapSeed: 42 });
    writeDataset(data, built, { seed: 42, swapSeed: 42, generators: e.generators(), engine: null });
    const run = spawnSync(PYTHON, ["scripts/train/overfit.py", "--data", data, "--out", out, "--steps", "600"], {
      cwd: packageRoot(),
      encoding: "utf8",
      timeout: 110_000,
    });
    if (run.status !== 0) throw new Error(`overfit.py exited ${run.status}:\n${run.stderr.slice(-2000)}`);
    sequences = JSON.parse(readFileSync(join(out, "sequences.json"), "utf8"));
    model = await loadModelFile(e, join(out, "overfit.onnx"));
  }, 120_000);
  afterAll(async () => {
    await model?.session.release?.();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("the exported manifest names the engine's vocabulary for 5x5", async () => {
    expect(model.manifest.vocab).toEqual((await engine).vocab(5, 5));
    expect(sequences.prompts.length).toBeGreaterThan(1);
  });

  it("reproduces every training sequence token for token, batched with left padding", async () => {
    const { rows } = await greedyDecode(model, sequences.prompts, { maxNewTokens: sequences.max_new_tokens });
    expect(rows.map((r) => Array.from(r.tokens))).toEqual(sequences.expected);
    expect(rows.every((r) => r.stop_reason === "end" || r.stop_reason === "eos")).toBe(true);
  });

  it("reproduces them one sequence at a time too", async () => {
    for (const [i, prompt] of sequences.prompts.entries()) {
      const { rows } = await greedyDecode(model, [prompt], { maxNewTokens: sequences.max_new_tokens });
      expect(Array.from(rows[0].tokens)).toEqual(sequences.expected[i]);
    }
  });

  it("onnxruntime-web (the Worker's runtime) runs the same decoder to the same tokens", async () => {
    const web = await import("onnxruntime-web/wasm");
    web.env.wasm.numThreads = 1;
    const bytes = new Uint8Array(readFileSync(join(out, "overfit.onnx")));
    const viaWeb = await createModel(web, model.manifest, bytes, (await engine).vocab(5, 5));
    const { rows } = await greedyDecode(viaWeb, sequences.prompts, { maxNewTokens: sequences.max_new_tokens });
    expect(rows.map((r) => Array.from(r.tokens))).toEqual(sequences.expected);
  });

  it("stops a row at the token cap with a clean partial result", async () => {
    const { rows } = await greedyDecode(model, sequences.prompts, { maxNewTokens: 3 });
    rows.forEach((r, i) => {
      expect(Array.from(r.tokens)).toEqual(sequences.expected[i].slice(0, r.tokens.length));
      expect(r.tokens.length).toBeLessThanOrEqual(3);
    });
  });

  it("the evaluator scores the memorised responses as valid A* traces and optimal plans", async () => {
    const e = await engine;
    // the prompts are `<|bos|> prompt reasoning`: the engine parses the maze back from the prompt
    const instances: Instance[] = sequences.prompts.map((p, index) => {
      const prompt = Int32Array.from(p.slice(1, -1));
      const maze = e.parsePrompt(e.detokenize(prompt, 5, 5), 5, 5);
      return { index, maze, prompt, astar_events: e.solve(maze).events.length / 5 };
    });
    const predictions: string[] = [];
    const { summary } = await evaluateInstances(e, model, "wilson", instances, {
      batch: 3,
      decode: { maxNewTokens: sequences.max_new_tokens },
      onPrediction: (p) => predictions.push(p.response),
    });
    expect(summary).toMatchObject({ plan_validity: 1, trace_validity: 1, optimal_rate: 1, no_plan_within_cap: 0 });
    expect(summary.mean_trace_events).toBeCloseTo(summary.mean_astar_trace_events);
    expect(predictions[0]).toMatch(/^reasoning close .* end$/);
  });

  it.skipIf(!existsSync(join(packageRoot(), "dist", "cli.js")))("reasonless eval --json --predictions", () => {
    const preds = join(tmp, "preds.jsonl");
    const run = spawnSync(
      process.execPath,
      ["bin/reasonless.js", "eval", "--model", join(out, "overfit.onnx"), "--count", "3", "--batch", "2", "--json", "--predictions", preds],
      { cwd: packageRoot(), encoding: "utf8", timeout: 60_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report.generators)).toEqual(["wilson", "kruskal", "dfs", "drunkards_walk", "searchformer"]);
    for (const g of Object.values(report.generators) as Array<Record<string, number>>) {
      for (const k of ["plan_validity", "trace_validity", "optimal_rate"]) {
        expect(g[k]).toBeGreaterThanOrEqual(0);
        expect(g[k]).toBeLessThanOrEqual(1);
      }
      expect(g.count).toBe(3);
    }
    const lines = readFileSync(preds, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(15);
    expect(lines[0]).toMatchObject({ rows: 5, cols: 5, generator: "wilson", index: 0 });
    expect(lines[0].prompt).toMatch(/^query start/);
    expect(lines[0].response).toMatch(/^reasoning/);
  });

  it.skipIf(!existsSync(join(packageRoot(), "dist", "cli.js")))(
    "reasonless eval --rescore gives the decode's report from stored predictions, plain or gzipped",
    () => {
      const preds = join(tmp, "preds.jsonl");
      writeFileSync(`${preds}.gz`, gzipSync(readFileSync(preds)));
      const run = (...extra: string[]) =>
        spawnSync(process.execPath, ["bin/reasonless.js", "eval", "--model", join(out, "overfit.onnx"), "--count", "3", "--json", ...extra], {
          cwd: packageRoot(),
          encoding: "utf8",
          timeout: 60_000,
        });
      // the verdicts and every aggregate, not the decoding time (a re-score decodes nothing)
      const scores = (stdout: string) =>
        Object.fromEntries(Object.entries(JSON.parse(stdout).generators as Record<string, { timing: unknown }>).map(([g, { timing, ...r }]) => [g, r]));
      const decoded = scores(run().stdout);
      for (const file of [preds, `${preds}.gz`]) {
        const rescored = run("--rescore", file);
        expect(rescored.status).toBe(0);
        expect(rescored.stderr).toMatch(/rescored 15 stored responses: 0 changed verdict/);
        expect(scores(rescored.stdout)).toEqual(decoded);
      }
      writeFileSync(`${preds}.bad.gz`, gzipSync("not json\n"));
      const bad = run("--rescore", `${preds}.bad.gz`);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/line 1 is not JSON/);
    },
  );
});
