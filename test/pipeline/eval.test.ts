// The evaluator's aggregation (pure) and its scoring path on engine mazes with scripted responses.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import type { ErrorCode } from "../../src/core/validate";
import type { StopReason } from "../../src/decode/greedy";
import { type Scored, aggregate, markdownReport, streamInstances } from "../../src/pipeline/eval";

const engine = await loadEngine();

function item(
  plan: boolean,
  trace: boolean,
  opts: { optimal?: boolean; stop?: StopReason; te?: ErrorCode; pe?: ErrorCode; events?: number; astar?: number; generated?: number } = {},
): Scored {
  const err = (code?: ErrorCode) => (code ? { code, event: null, token: null, message: "" } : null);
  return {
    report: {
      plan_valid: plan,
      trace_valid: trace,
      optimal: opts.optimal ?? plan,
      first_trace_error: err(opts.te),
      first_plan_error: err(opts.pe),
      events: opts.events ?? 10,
      strict: { trace_valid: trace && (opts.optimal ?? true) },
    },
    stop_reason: opts.stop ?? "end",
    generated: opts.generated ?? 50,
    astar_events: opts.astar ?? 10,
  };
}

describe("aggregate", () => {
  const items = [
    item(true, true, { events: 12, astar: 12, generated: 70 }),
    item(true, false, { te: "close_not_in_open_list", optimal: false, events: 8, astar: 6 }),
    item(true, false, { te: "create_close_wall", events: 4, astar: 6 }),
    item(false, true, { pe: "goal_not_reached", stop: "max_tokens", events: 20, astar: 4, generated: 100 }),
    item(false, false, { te: "close_not_in_open_list", pe: "illegal_move", stop: "time_budget", events: 6, astar: 12, generated: 30 }),
  ];
  const s = aggregate(items);

  it("gives validity and optimal rates as fractions", () => {
    expect(s.count).toBe(5);
    expect(s.plan_validity).toBeCloseTo(3 / 5);
    expect(s.trace_validity).toBeCloseTo(2 / 5);
    expect(s.optimal_rate).toBeCloseTo(2 / 5);
    expect(s.strict_trace_validity).toBeCloseTo(2 / 5);
  });

  it("fills the plan x trace table", () => {
    expect(s.table).toEqual({ plan_valid_trace_valid: 1, plan_valid_trace_invalid: 2, plan_invalid_trace_valid: 1, plan_invalid_trace_invalid: 1 });
  });

  it("counts first errors, largest first", () => {
    expect(Object.entries(s.first_trace_errors)).toEqual([
      ["close_not_in_open_list", 2],
      ["create_close_wall", 1],
    ]);
    expect(s.first_plan_errors).toEqual({ goal_not_reached: 1, illegal_move: 1 });
  });

  it("counts rows that hit a cap as having no plan within it, and stop reasons", () => {
    expect(s.no_plan_within_cap).toBeCloseTo(2 / 5);
    expect(s.stop_reasons).toEqual({ end: 3, max_tokens: 1, time_budget: 1 });
  });

  it("averages generated vs A* trace lengths", () => {
    expect(s.mean_trace_events).toBeCloseTo(50 / 5);
    expect(s.mean_astar_trace_events).toBeCloseTo(40 / 5);
    expect(s.mean_generated_tokens).toBeCloseTo(300 / 5);
  });

  it("is all zeros for no instances", () => {
    expect(aggregate([])).toMatchObject({ count: 0, plan_validity: 0, trace_validity: 0, optimal_rate: 0, no_plan_within_cap: 0 });
  });

  it("renders a markdown table row per generator", () => {
    const md = markdownReport("m on 10x10", { wilson: s, dfs: aggregate([item(true, true)]) });
    expect(md).toContain("| wilson | 5 | 60.0% | 40.0% | 40.0% |");
    expect(md).toContain("| dfs | 1 | 100.0% |");
    expect(md).toContain("close_not_in_open_list 2");
  });
});

describe("scoring engine mazes", () => {
  it("regenerates the stream's first instances, the dataset's test split", () => {
    const xs = streamInstances(engine, { generator: "dfs", rows: 6, cols: 6, seed: 42, split: "test", count: 3 });
    const stream = engine.openStream({ generator: "dfs", rows: 6, cols: 6, seed: 42, split: "test" });
    for (const x of xs) {
      const maze = stream.next();
      expect(engine.detokenize(x.prompt, 6, 6)).toBe(engine.promptText(maze));
      expect(x.astar_events).toBe(engine.solve(maze).events.length / 5);
    }
    stream.close();
  });

  it("aggregates real validator reports: A* responses score 100%, swapped traces keep valid plans only", () => {
    const xs = streamInstances(engine, { generator: "wilson", rows: 6, cols: 6, seed: 42, split: "test", count: 20 });
    const response = (maze: (typeof xs)[0]["maze"], events: Int32Array) => {
      const plan = engine.solve(maze).plan;
      const full = engine.serialize(maze, { events, plan });
      return engine.tokenize(full.slice(full.indexOf("reasoning")), 6, 6);
    };
    const score = (swap: boolean) =>
      aggregate(
        xs.map((x, i) => {
          const events = engine.solve(swap ? xs[(i + 1) % xs.length].maze : x.maze).events;
          const report = engine.validate(x.maze, response(x.maze, events));
          return { report, stop_reason: "end" as const, generated: 0, astar_events: x.astar_events };
        }),
      );
    expect(score(false)).toMatchObject({ plan_validity: 1, trace_validity: 1, optimal_rate: 1, strict_trace_validity: 1 });
    const swapped = score(true);
    expect(swapped.plan_validity).toBe(1);
    expect(swapped.trace_validity).toBe(0);
  });
});
