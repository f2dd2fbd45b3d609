// globalSetup of the Worker tests (runs in Node): the tokens the Node evaluator's decoder
// (onnxruntime-node, src/decode/node.ts) produces for fixed prompts with every model the Worker
// serves (build/models/manifests.json), handed to test/worker/predict.test.ts via inject().
// Nothing is hard-coded, so the tests stay true when the models are replaced.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadEngine, packageRoot } from "../../src/core/node";
import { greedyDecode } from "../../src/decode/greedy";
import { startIds } from "../../src/decode/model";
import { loadModelFile } from "../../src/decode/node";
import { streamInstances } from "../../src/pipeline/eval";
import { EXPECTED_MAX_NEW_TOKENS, type ExpectedCase, type ExpectedModel } from "./predict-types";

export const CASES = 2;

export default async function setup({ provide }: TestProject): Promise<void> {
  const root = packageRoot();
  const index = join(root, "build", "models", "manifests.json");
  const manifests = existsSync(index) ? (JSON.parse(readFileSync(index, "utf8")) as ExpectedModel[] & { onnx: { file: string } }[]) : [];
  const out: ExpectedModel[] = [];
  if (manifests.length) {
    const engine = await loadEngine();
    for (const m of manifests as Array<ExpectedModel & { onnx: { file: string } }>) {
      const model = await loadModelFile(engine, join(root, "models", m.onnx.file));
      const instances = streamInstances(engine, { generator: "wilson", rows: m.rows, cols: m.cols, seed: 42, split: "test", count: CASES });
      const cases: ExpectedCase[] = [];
      for (const x of instances) {
        const { rows } = await greedyDecode(model, [startIds(model, x.prompt)], { maxNewTokens: EXPECTED_MAX_NEW_TOKENS });
        cases.push({ index: x.index, prompt: engine.promptText(x.maze), tokens: Array.from(rows[0].tokens), stop_reason: rows[0].stop_reason });
      }
      await model.session.release?.();
      out.push({ name: m.name, condition: m.condition, rows: m.rows, cols: m.cols, max_new_tokens: m.max_new_tokens, cases });
    }
  }
  provide("predictExpected", out);
}
