// Offline evaluation: regenerate the first N instances of a generator's stream with the engine,
// decode each prompt greedily, score every response with the engine's validator, and aggregate
// (plan validity, optimal rate, trace validity, the plan x trace table, first errors, truncation,
// generated vs A* trace length). Aggregation is pure so it can be tested without a model.
import type { Engine } from "../core/load";
import type { GeneratorName, Maze, Split } from "../core/mazes";
import type { ValidationReport } from "../core/validate";
import { type DecodeOptions, type StopReason, greedyDecode } from "../decode/greedy";
import { type Model, startIds } from "../decode/model";

/** What aggregation needs from one scored instance. */
export interface Scored {
  report: Pick<ValidationReport, "plan_valid" | "trace_valid" | "optimal" | "first_trace_error" | "first_plan_error" | "events"> & {
    strict?: { trace_valid: boolean } | null;
  };
  stop_reason: StopReason;
  /** Tokens the model generated. */
  generated: number;
  /** Events in the paper's A* trace of this instance. */
  astar_events: number;
}

export interface GeneratorSummary {
  count: number;
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
  /** Our strict mode: the trace is exactly the paper's A* trace. */
  strict_trace_validity: number;
  /** Counts: plan valid/invalid x trace valid/invalid. */
  table: { plan_valid_trace_valid: number; plan_valid_trace_invalid: number; plan_invalid_trace_valid: number; plan_invalid_trace_invalid: number };
  first_trace_errors: Record<string, number>;
  first_plan_errors: Record<string, number>;
  /** Rows that reached a cap (tokens, time, abort) before `end` / `<|eos|>`: no finished plan. */
  no_plan_within_cap: number;
  stop_reasons: Partial<Record<StopReason, number>>;
  /** create/close events the model wrote vs the paper's A*, means over instances. */
  mean_trace_events: number;
  mean_astar_trace_events: number;
  mean_generated_tokens: number;
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Sorted by count, largest first, so the histogram reads top-down. */
function sortedHistogram(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export function aggregate(items: readonly Scored[]): GeneratorSummary {
  const n = items.length;
  const frac = (k: number) => (n ? k / n : 0);
  const mean = (f: (s: Scored) => number) => (n ? items.reduce((a, s) => a + f(s), 0) / n : 0);
  const table = { plan_valid_trace_valid: 0, plan_valid_trace_invalid: 0, plan_invalid_trace_valid: 0, plan_invalid_trace_invalid: 0 };
  const firstTrace: Record<string, number> = {},
    firstPlan: Record<string, number> = {};
  const stops: Partial<Record<StopReason, number>> = {};
  let plan = 0,
    trace = 0,
    optimal = 0,
    strict = 0,
    capped = 0;
  for (const { report: r, stop_reason } of items) {
    if (r.plan_valid) plan++;
    if (r.trace_valid) trace++;
    if (r.optimal) optimal++;
    if (r.strict?.trace_valid) strict++;
    table[`plan_${r.plan_valid ? "valid" : "invalid"}_trace_${r.trace_valid ? "valid" : "invalid"}`]++;
    if (r.first_trace_error) bump(firstTrace, r.first_trace_error.code);
    if (r.first_plan_error) bump(firstPlan, r.first_plan_error.code);
    stops[stop_reason] = (stops[stop_reason] ?? 0) + 1;
    if (stop_reason !== "eos" && stop_reason !== "end") capped++;
  }
  return {
    count: n,
    plan_validity: frac(plan),
    trace_validity: frac(trace),
    optimal_rate: frac(optimal),
    strict_trace_validity: frac(strict),
    table,
    first_trace_errors: sortedHistogram(firstTrace),
    first_plan_errors: sortedHistogram(firstPlan),
    no_plan_within_cap: frac(capped),
    stop_reasons: stops,
    mean_trace_events: mean((s) => s.report.events),
    mean_astar_trace_events: mean((s) => s.astar_events),
    mean_generated_tokens: mean((s) => s.generated),
  };
}

export interface Instance {
  index: number;
  maze: Maze;
  /** Prompt ids `query ... wall x y` (no `<|bos|>`, no `reasoning`). */
  prompt: Int32Array;
  astar_events: number;
}

/** The first `count` instances of a stream, as the dataset builder stored its test splits. */
export function streamInstances(
  engine: Engine,
  opts: { generator: GeneratorName; rows: number; cols: number; seed: number; split: Split; count: number },
): Instance[] {
  const stream = engine.openStream({ generator: opts.generator, rows: opts.rows, cols: opts.cols, seed: opts.seed, split: opts.split });
  try {
    return Array.from({ length: opts.count }, (_, index) => {
      const maze = stream.next();
      return {
        index,
        maze,
        prompt: engine.tokenize(engine.promptText(maze), maze.rows, maze.cols),
        astar_events: engine.solve(maze).events.length / engine.EVENT_WIDTH,
      };
    });
  } finally {
    stream.close();
  }
}

export interface Prediction {
  generator: string;
  index: number;
  prompt: string;
  response: string;
  stop_reason: StopReason;
  plan_valid: boolean;
  trace_valid: boolean;
  optimal: boolean;
}

export interface EvalGeneratorOptions {
  batch: number;
  decode?: Omit<DecodeOptions, "onToken">;
  /** Called after each batch with instances done so far. */
  onBatch?: (done: number) => void;
  /** Called per instance (e.g. to write predictions). */
  onPrediction?: (p: Prediction) => void;
}

export interface GeneratorEval {
  summary: GeneratorSummary;
  timing: { prefill_ms: number; decode_ms: number; tokens: number; seconds: number };
}

/** Decodes and scores one generator's instances in batches. */
export async function evaluateInstances(
  engine: Engine,
  model: Model,
  generator: string,
  instances: readonly Instance[],
  opts: EvalGeneratorOptions,
): Promise<GeneratorEval> {
  const { rows, cols } = model.manifest;
  const scored: Scored[] = [];
  const timing = { prefill_ms: 0, decode_ms: 0, tokens: 0, seconds: 0 };
  const t0 = performance.now();
  for (let at = 0; at < instances.length; at += opts.batch) {
    const chunk = instances.slice(at, at + opts.batch);
    const result = await greedyDecode(
      model,
      chunk.map((x) => startIds(model, x.prompt)),
      opts.decode,
    );
    timing.prefill_ms += result.timing.prefill_ms;
    timing.decode_ms += result.timing.decode_ms;
    timing.tokens += result.timing.tokens;
    chunk.forEach((x, k) => {
      const row = result.rows[k];
      // The response as the validator reads it: from `reasoning`, which decoding started after.
      const response = new Int32Array(row.tokens.length + 1);
      response[0] = model.reasoning;
      response.set(row.tokens, 1);
      const report = engine.validate(x.maze, response, { strict: true });
      scored.push({ report, stop_reason: row.stop_reason, generated: row.tokens.length, astar_events: x.astar_events });
      opts.onPrediction?.({
        generator,
        index: x.index,
        prompt: engine.detokenize(x.prompt, rows, cols),
        response: engine.detokenize(response, rows, cols),
        stop_reason: row.stop_reason,
        plan_valid: report.plan_valid,
        trace_valid: report.trace_valid,
        optimal: report.optimal,
      });
    });
    opts.onBatch?.(at + chunk.length);
  }
  timing.seconds = (performance.now() - t0) / 1000;
  return { summary: aggregate(scored), timing };
}

/** What changed when stored predictions were scored again: verdict flips per direction. */
export interface RescoreChanges {
  responses: number;
  trace_valid_to_invalid: number;
  trace_invalid_to_valid: number;
  plan_valid_to_invalid: number;
  plan_invalid_to_valid: number;
  /** Responses whose trace or plan verdict changed. */
  changed: number;
}

/**
 * Scores stored predictions (the JSONL of `reasonless eval --predictions`) again with this engine
 * instead of decoding again: same responses, same stop reasons, today's validator. `instances`
 * must be the stream the predictions were made on (index = position); returns the summary and
 * how the verdicts moved against the ones stored in the predictions.
 */
/** A tally of no verdict changes, to add rescorePredictions' counts into. */
export function noRescoreChanges(): RescoreChanges {
  return { responses: 0, trace_valid_to_invalid: 0, trace_invalid_to_valid: 0, plan_valid_to_invalid: 0, plan_invalid_to_valid: 0, changed: 0 };
}

export function rescorePredictions(
  engine: Engine,
  instances: readonly Instance[],
  predictions: readonly Prediction[],
): { eval: GeneratorEval; changes: RescoreChanges } {
  const t0 = performance.now();
  const changes = noRescoreChanges();
  const scored: Scored[] = predictions.map((p) => {
    const x = instances[p.index];
    if (!x) throw new Error(`prediction ${p.generator} #${p.index} has no instance in the stream`);
    const response = engine.tokenize(p.response, x.maze.rows, x.maze.cols);
    const report = engine.validate(x.maze, response, { strict: true });
    changes.responses++;
    if (p.trace_valid && !report.trace_valid) changes.trace_valid_to_invalid++;
    if (!p.trace_valid && report.trace_valid) changes.trace_invalid_to_valid++;
    if (p.plan_valid && !report.plan_valid) changes.plan_valid_to_invalid++;
    if (!p.plan_valid && report.plan_valid) changes.plan_invalid_to_valid++;
    if (p.trace_valid !== report.trace_valid || p.plan_valid !== report.plan_valid) changes.changed++;
    // The stored response starts with the `reasoning` that decoding started after.
    return { report, stop_reason: p.stop_reason, generated: response.length - 1, astar_events: x.astar_events };
  });
  const seconds = (performance.now() - t0) / 1000;
  return { eval: { summary: aggregate(scored), timing: { prefill_ms: 0, decode_ms: 0, tokens: 0, seconds } }, changes };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The markdown report: one row per generator, then the first-error histograms. */
export function markdownReport(title: string, results: Record<string, GeneratorSummary>): string {
  const lines = [
    `## ${title}`,
    "",
    "| generator | n | plan valid | optimal | trace valid | strict trace | PV&TV | PV&TI | PI&TV | PI&TI | no plan (cap) | trace events (model / A*) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [g, s] of Object.entries(results)) {
    const t = s.table;
    lines.push(
      `| ${g} | ${s.count} | ${pct(s.plan_validity)} | ${pct(s.optimal_rate)} | ${pct(s.trace_validity)} | ${pct(s.strict_trace_validity)} | ` +
        `${t.plan_valid_trace_valid} | ${t.plan_valid_trace_invalid} | ${t.plan_invalid_trace_valid} | ${t.plan_invalid_trace_invalid} | ` +
        `${pct(s.no_plan_within_cap)} | ${s.mean_trace_events.toFixed(1)} / ${s.mean_astar_trace_events.toFixed(1)} |`,
    );
  }
  const hist = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([c, k]) => `${c} ${k}`)
      .join(", ") || "none";
  lines.push("", "First errors (PV/PI = plan valid/invalid, TV/TI = trace valid/invalid):", "");
  for (const [g, s] of Object.entries(results)) {
    lines.push(`- ${g}: trace: ${hist(s.first_trace_errors)}; plan: ${hist(s.first_plan_errors)}`);
  }
  return lines.join("\n") + "\n";
}
