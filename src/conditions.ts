// The paper's three training conditions: correct traces, no traces (solution only), swapped traces
// (another problem's trace, this problem's plan). Listed once, in ./conditions.json, which the
// Python trainer and the scripts read too; so TypeScript knows them as strings, not literals.
import shared from "./conditions.json";

export const CONDITIONS: readonly string[] = shared.conditions;
export type Condition = string;
/** A leaderboard submission names its model's training condition, or "other" for anything else. */
export const SUBMISSION_CONDITIONS = [...CONDITIONS, "other"] as const;
