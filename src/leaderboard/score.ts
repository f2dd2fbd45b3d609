// Scoring a submission against a suite with the engine's validator: per instance the verdicts
// and first errors, per generator and overall the rates, the 2x2 table and first-error
// histograms. The aggregation is also verify/batch's (`summarize`); instances without a prediction
// count as invalid in every rate and are reported as `missing`.
import type { Engine, ValidationReport } from "../core";
import type { Suite } from "./benchmarks";

/** One instance's result as stored and served (compact: no error lists). */
export interface InstanceResult {
  id: string;
  generator: string;
  missing: boolean;
  trace_valid: boolean;
  plan_valid: boolean;
  optimal: boolean;
  first_trace_error: string | null;
  first_plan_error: string | null;
  trace_error_count: number;
  plan_error_count: number;
  plan_length: number | null;
  optimal_plan_length: number | null;
  tokens: number | null;
}

/** The 2x2 table of plan x trace validity and the first-error histograms (also /v1/verify/batch's). */
export function summarize(reports: readonly ValidationReport[]) {
  const table = { plan_valid_trace_valid: 0, plan_valid_trace_invalid: 0, plan_invalid_trace_valid: 0, plan_invalid_trace_invalid: 0 };
  const firstTrace: Record<string, number> = {};
  const firstPlan: Record<string, number> = {};
  let optimal = 0;
  for (const r of reports) {
    table[`plan_${r.plan_valid ? "valid" : "invalid"}_trace_${r.trace_valid ? "valid" : "invalid"}`]++;
    if (r.optimal) optimal++;
    if (r.first_trace_error) firstTrace[r.first_trace_error.code] = (firstTrace[r.first_trace_error.code] ?? 0) + 1;
    if (r.first_plan_error) firstPlan[r.first_plan_error.code] = (firstPlan[r.first_plan_error.code] ?? 0) + 1;
  }
  return {
    table,
    plan_valid: table.plan_valid_trace_valid + table.plan_valid_trace_invalid,
    trace_valid: table.plan_valid_trace_valid + table.plan_invalid_trace_valid,
    optimal,
    first_trace_error: firstTrace,
    first_plan_error: firstPlan,
  };
}

export type Summary = ReturnType<typeof summarize>;

export interface GroupScores extends Summary {
  instances: number;
  scored: number;
  missing: number;
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
}

/** The rates a leaderboard ranks by. */
export const SORTS = ["plan_validity", "trace_validity", "optimal_rate"] as const;
export type Sort = (typeof SORTS)[number];

export interface Scores {
  overall: GroupScores;
  by_generator: Record<string, GroupScores>;
}

function group(instances: number, reports: ValidationReport[]): GroupScores {
  const s = summarize(reports);
  const rate = (n: number) => (instances === 0 ? 0 : n / instances);
  return {
    instances,
    scored: reports.length,
    missing: instances - reports.length,
    plan_validity: rate(s.plan_valid),
    trace_validity: rate(s.trace_valid),
    optimal_rate: rate(s.optimal),
    ...s,
  };
}

/** Scores `responses` (index in the suite -> response, already checked) with the validator. */
export function score(engine: Engine, suite: Suite, responses: ReadonlyMap<number, string | Int32Array>): { scores: Scores; results: InstanceResult[] } {
  const results: InstanceResult[] = [];
  const reportsBy = new Map<string, ValidationReport[]>(suite.generators.map((g) => [g, []]));
  const countBy = new Map<string, number>(suite.generators.map((g) => [g, 0]));
  const all: ValidationReport[] = [];
  suite.instances.forEach((inst, i) => {
    countBy.set(inst.generator, countBy.get(inst.generator)! + 1);
    const response = responses.get(i);
    if (response === undefined) {
      results.push({
        id: inst.id,
        generator: inst.generator,
        missing: true,
        trace_valid: false,
        plan_valid: false,
        optimal: false,
        first_trace_error: null,
        first_plan_error: null,
        trace_error_count: 0,
        plan_error_count: 0,
        plan_length: null,
        optimal_plan_length: null,
        tokens: null,
      });
      return;
    }
    const r = engine.validate(suite.mazes[i], response, { strict: false });
    all.push(r);
    reportsBy.get(inst.generator)!.push(r);
    results.push({
      id: inst.id,
      generator: inst.generator,
      missing: false,
      trace_valid: r.trace_valid,
      plan_valid: r.plan_valid,
      optimal: r.optimal,
      first_trace_error: r.first_trace_error?.code ?? null,
      first_plan_error: r.first_plan_error?.code ?? null,
      trace_error_count: r.trace_error_count,
      plan_error_count: r.plan_error_count,
      plan_length: r.plan_length,
      optimal_plan_length: r.optimal_plan_length,
      tokens: r.tokens,
    });
  });
  const by_generator: Record<string, GroupScores> = {};
  for (const g of suite.generators) by_generator[g] = group(countBy.get(g)!, reportsBy.get(g)!);
  return { scores: { overall: group(suite.instances.length, all), by_generator }, results };
}
