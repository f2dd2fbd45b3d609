// The Worker's prediction loop (src/predict/predict.ts) in Node, over fake KV-cache sessions:
// models run in turn under one budget, tokens and predictions are reported in order, and each
// response is scored by the engine's validator.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import { predict, traceText } from "../../src/predict/predict";
import { FakeSession, fakeModel } from "./fake-model";

describe("predict", () => {
  it("traceText: the part between reasoning and solution", () => {
    expect(traceText("reasoning close 0 0 c0 c2 solution plan 0 0 end")).toBe("close 0 0 c0 c2");
    expect(traceText("reasoning close 0 0 c0")).toBe("close 0 0 c0");
    expect(traceText("reasoning solution plan 1 1 end")).toBe("");
  });

  it("runs the models in turn, streams tokens then each prediction, and scores each response", async () => {
    const engine = await loadEngine();
    const maze = engine.openStream({ generator: "wilson", rows: 10, cols: 10, seed: 42, split: "test" }).next();
    const a = fakeModel(new FakeSession(() => 4), { name: "a", condition: "correct" });
    const b = fakeModel(new FakeSession(() => 5), { name: "b", condition: "swapped" });
    const seen: string[] = [];
    const out = await predict(engine, maze, [a, b], {
      maxNewTokens: 3,
      timeBudgetMs: 10_000,
      onToken: (m, token, index) => seen.push(`${m.manifest.name}:${index}:${token}`),
      onPrediction: (p) => seen.push(`prediction:${p.model}`),
    });
    expect(seen).toEqual(["a:0:4", "a:1:4", "a:2:4", "prediction:a", "b:0:5", "b:1:5", "b:2:5", "prediction:b"]);
    expect(out.map((p) => [p.condition, p.stop_reason, p.complete, p.tokens])).toEqual([
      ["correct", "max_tokens", false, [4, 4, 4]],
      ["swapped", "max_tokens", false, [5, 5, 5]],
    ]);
    const ids = Int32Array.from([a.reasoning, 4, 4, 4]);
    expect(out[0].report).toEqual(engine.validate(maze, ids, { strict: false }));
    expect(out[0].response.split(" ")).toHaveLength(4);
  });

  it("one budget for the whole request: a model that starts after it ran out decodes nothing", async () => {
    const engine = await loadEngine();
    const maze = engine.openStream({ generator: "wilson", rows: 10, cols: 10, seed: 42, split: "test" }).next();
    const slow = fakeModel(Object.assign(new FakeSession(() => 4), { delayMs: 5 }), { name: "slow" });
    const next = fakeModel(new FakeSession(() => 4), { name: "next" });
    const out = await predict(engine, maze, [slow, next], { timeBudgetMs: 40 });
    expect(out.map((p) => p.stop_reason)).toEqual(["time_budget", "time_budget"]);
    expect(out[0].tokens.length).toBeGreaterThan(0);
    expect(out[1].tokens).toEqual([]);
  });
});
