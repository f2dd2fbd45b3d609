// The engine's default verdict is exactly the paper's (spec section 6) on every token sequence:
// compared with a plain second implementation written from the spec (paper-validator.ts) on
// 10,000 random inputs (paper-cases.ts: sequences over the vocabulary and mutated golden
// responses), plus the spec's worked examples by hand. scripts/fuzz-validator.js runs the same
// comparison at a million cases.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import type { Maze } from "../../src/core/mazes";
import { paperVerdict } from "./paper-validator";
import { caseMaker } from "./paper-cases";

const engine = await loadEngine();

function compare(maze: Maze, ids: Int32Array, words: string[]) {
  const r = engine.validate(maze, ids, { strict: true });
  const p = paperVerdict(maze, words);
  return {
    engine: {
      trace_valid: r.trace_valid,
      plan_valid: r.plan_valid,
      trace_errors: r.trace_errors.map((e) => e.code),
      plan_errors: r.plan_errors.map((e) => e.code),
      trace_error_count: r.trace_error_count,
      plan: r.plan_errors.length ? null : r.plan,
      // strict never replaces the paper's verdict, and every paper trace error is a strict error
      strict_covers: r.strict!.error_count >= r.trace_error_count && (r.trace_valid || !r.strict!.trace_valid),
    },
    reference: {
      trace_valid: p.trace_valid,
      plan_valid: p.plan_valid,
      trace_errors: p.trace_errors.slice(0, 256),
      plan_errors: p.plan_errors,
      trace_error_count: p.trace_errors.length,
      plan: p.plan_errors.length ? null : p.plan,
      strict_covers: true,
    },
  };
}

describe("the engine agrees with the plain implementation of section 6", () => {
  it("on 5,000 random token sequences and 5,000 mutated golden responses", () => {
    const cases = caseMaker(engine, 20261204);
    let disagreements = 0;
    const validCount = { trace_valid: 0, plan_valid: 0 };
    for (let n = 0; n < 10_000; n++) {
      const c = n % 2 ? cases.mutatedCase() : cases.randomCase();
      const { engine: e, reference: p } = compare(c.maze, c.ids, c.words);
      // the same case through text gives the same verdict (ids outside the vocabulary are <|unk|> words)
      const viaText = engine.validate(c.maze, c.words.join(" "), { strict: false });
      if (viaText.trace_valid !== e.trace_valid || viaText.plan_valid !== e.plan_valid) disagreements++;
      if (JSON.stringify(e) !== JSON.stringify(p)) {
        disagreements++;
        if (disagreements === 1) expect({ words: c.words.join(" "), ...e }).toEqual({ words: c.words.join(" "), ...p });
      }
      if (e.trace_valid) validCount.trace_valid++;
      if (e.plan_valid) validCount.plan_valid++;
    }
    expect(disagreements).toBe(0);
    // The cases are not all trivial: both verdicts occur.
    expect(validCount.trace_valid).toBeGreaterThan(100);
    expect(validCount.plan_valid).toBeGreaterThan(100);
  }, 300_000); // about 2 s alone; the suite shares 2 cores with training runs
});
