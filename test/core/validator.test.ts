// The paper's validator (spec section 6) on small hand-built mazes: every error code with its
// exact first error, the parsing rules, strict mode, the report shape and the hard limits.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import { EngineInputError, type GeneratorName } from "../../src/core/mazes";
import type { ValidationReport } from "../../src/core/validate";

const engine = await loadEngine();

// Maze A, 3 rows x 4 columns (so coordinate 3 exists in the vocabulary but y = 3 is off-grid):
//   y0: S . . #
//   y1: . # . .
//   y2: . . . G
const A = engine.mazeFromWalls(
  3,
  4,
  [0, 0],
  [3, 2],
  [
    [3, 0],
    [1, 1],
  ],
);
// Its A* trace (event k starts at token 1 + 5k of the response) and plan.
const A_EVENTS = [
  "close 0 0 c0 c5",
  "create 1 0 c1 c4",
  "create 0 1 c1 c4",
  "close 1 0 c1 c4",
  "create 2 0 c2 c3",
  "close 0 1 c1 c4",
  "create 0 2 c2 c3",
  "close 2 0 c2 c3",
  "create 2 1 c3 c2",
  "close 0 2 c2 c3",
  "create 1 2 c3 c2",
  "close 2 1 c3 c2",
  "create 3 1 c4 c1",
  "create 2 2 c4 c1",
  "close 1 2 c3 c2",
  "close 3 1 c4 c1",
  "create 3 2 c5 c0",
  "close 2 2 c4 c1",
  "close 3 2 c5 c0",
];
const A_PLAN = "plan 0 0 plan 1 0 plan 2 0 plan 2 1 plan 3 1 plan 3 2";

// Maze B, 3 rows x 5 columns, start (0, 1), goal (4, 1): open nodes with different f values.
const B = engine.mazeFromWalls(
  3,
  5,
  [0, 1],
  [4, 1],
  [
    [2, 0],
    [2, 2],
  ],
);
const B_EVENTS = [
  "close 0 1 c0 c4",
  "create 0 0 c1 c5",
  "create 1 1 c1 c3",
  "create 0 2 c1 c5",
  "close 1 1 c1 c3",
  "create 1 0 c2 c4",
  "create 2 1 c2 c2",
  "create 1 2 c2 c4",
  "close 2 1 c2 c2",
  "create 3 1 c3 c1",
  "close 3 1 c3 c1",
  "create 3 0 c4 c2",
  "create 4 1 c4 c0",
  "create 3 2 c4 c2",
  "close 4 1 c4 c0",
];
const B_PLAN = "plan 0 1 plan 1 1 plan 2 1 plan 3 1 plan 4 1";

const response = (events: string[], plan: string) => ["reasoning", ...events, "solution", plan, "end"].filter(Boolean).join(" ");
const tokenOf = (event: number) => 1 + 5 * event;
const first = (r: ValidationReport) =>
  r.first_trace_error && { code: r.first_trace_error.code, event: r.first_trace_error.event, token: r.first_trace_error.token };
const firstStrict = (r: ValidationReport) => r.strict?.first_error && { code: r.strict.first_error.code, event: r.strict.first_error.event };
const codes = (errors: { code: string }[]) => errors.map((e) => e.code);
const withEvent = (events: string[], at: number, ...inserted: string[]) => [...events.slice(0, at), ...inserted, ...events.slice(at)];
const replaced = (events: string[], at: number, by: string) => events.map((e, i) => (i === at ? by : e));

describe("the fixtures", () => {
  it("are the engine's A* traces", () => {
    const a = engine.serialize(A),
      b = engine.serialize(B);
    expect(a.slice(a.indexOf("reasoning"))).toBe(response(A_EVENTS, A_PLAN));
    expect(b.slice(b.indexOf("reasoning"))).toBe(response(B_EVENTS, B_PLAN));
  });
});

describe("valid traces and plans", () => {
  it("reports the full shape for a correct A* response", () => {
    const r = engine.validate(A, response(A_EVENTS, A_PLAN));
    expect(Object.keys(r).sort()).toEqual([
      "events",
      "extracted_plan",
      "first_plan_error",
      "first_trace_error",
      "optimal",
      "optimal_plan_length",
      "plan",
      "plan_error_count",
      "plan_errors",
      "plan_length",
      "plan_valid",
      "strict",
      "tokens",
      "trace_error_count",
      "trace_errors",
      "trace_valid",
    ]);
    const path: Array<[number, number]> = [
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 1],
      [3, 1],
      [3, 2],
    ];
    expect(r).toEqual({
      trace_valid: true,
      plan_valid: true,
      optimal: true,
      trace_errors: [],
      plan_errors: [],
      trace_error_count: 0,
      plan_error_count: 0,
      first_trace_error: null,
      first_plan_error: null,
      plan: path,
      extracted_plan: path,
      plan_length: 6,
      optimal_plan_length: 6,
      events: 19,
      tokens: 1 + 95 + 1 + 18 + 1,
      strict: { trace_valid: true, errors: [], error_count: 0, first_error: null },
    });
  });

  it("gives the same report for ids and for text", () => {
    const text = response(B_EVENTS, B_PLAN);
    expect(engine.validate(B, engine.tokenize(text, 3, 5))).toEqual(engine.validate(B, text));
    expect(engine.validate(B, Array.from(engine.tokenize(text, 3, 5)))).toEqual(engine.validate(B, text));
  });

  it("skips <|bos|>, a leading prompt, and everything after <|eos|>", () => {
    const full = engine.serialize(A);
    for (const text of [`<|bos|> ${full} <|eos|>`, `${response(A_EVENTS, A_PLAN)} <|eos|> close 9 9 wall plan`]) {
      const r = engine.validate(A, text);
      expect([r.trace_valid, r.plan_valid, r.events]).toEqual([true, true, 19]);
    }
  });

  it("drops solution and end even inside a window (strict: a malformed event)", () => {
    const events = replaced(A_EVENTS, 0, "close 0 solution 0 end c0 solution c5");
    const r = engine.validate(A, response(events, A_PLAN.replace("plan 3 1", "plan 3 end 1")));
    expect([r.trace_valid, r.plan_valid, r.strict?.trace_valid]).toEqual([true, true, false]);
    expect(firstStrict(r)).toEqual({ code: "strict_malformed_event", event: 0 });
  });

  it("removes only the leading reasoning: any other is a stray token", () => {
    const r = engine.validate(A, response(replaced(A_EVENTS, 3, "reasoning close 1 0 c1 c4"), A_PLAN));
    expect(r.trace_errors.map((e) => [e.code, e.token])).toEqual([["operation_syntax_error", tokenOf(3)]]);
    const inside = engine.validate(A, response(replaced(A_EVENTS, 0, "close 0 0 c0 reasoning"), A_PLAN));
    expect(codes(inside.trace_errors)[0]).toBe("operation_syntax_error");
  });

  it("accepts another plan of the same length (the rules compare lengths only)", () => {
    const r = engine.validate(A, response(A_EVENTS, "plan 0 0 plan 0 1 plan 0 2 plan 1 2 plan 2 2 plan 3 2"));
    expect([r.trace_valid, r.plan_valid, r.optimal]).toEqual([true, true, true]);
  });

  it("handles start == goal (the trace is a single close)", () => {
    const m = engine.mazeFromWalls(3, 3, [1, 1], [1, 1], []);
    const r = engine.validate(m, "reasoning close 1 1 c0 c0 solution plan 1 1 end");
    expect([r.trace_valid, r.plan_valid, r.optimal, r.optimal_plan_length]).toEqual([true, true, true, 1]);
  });
});

describe("trace errors: the first one, exactly", () => {
  const cases: Array<[string, string[], { code: string; event: number | null; token: number | null }]> = [
    ["invalid_coordinates (y = 3 on a 3-row grid)", withEvent(A_EVENTS, 1, "create 0 3 c1 c5"), { code: "invalid_coordinates", event: 1, token: tokenOf(1) }],
    [
      "create_close_wall (checked before the neighbour rule)",
      withEvent(A_EVENTS, 1, "create 1 1 c2 c3"),
      { code: "create_close_wall", event: 1, token: tokenOf(1) },
    ],
    ["first_create_not_last_closed (the start's close dropped)", A_EVENTS.slice(1), { code: "first_create_not_last_closed", event: 0, token: tokenOf(0) }],
    ["create_non_neighbor", withEvent(A_EVENTS, 1, "create 2 0 c2 c3"), { code: "create_non_neighbor", event: 1, token: tokenOf(1) }],
    ["create_already_closed", withEvent(A_EVENTS, 4, "create 0 0 c2 c5"), { code: "create_already_closed", event: 4, token: tokenOf(4) }],
    ["close_not_in_open_list (wrong g)", replaced(A_EVENTS, 3, "close 1 0 c2 c4"), { code: "close_not_in_open_list", event: 3, token: tokenOf(3) }],
    ["close_not_in_open_list (duplicated close)", withEvent(A_EVENTS, 4, "close 1 0 c1 c4"), { code: "close_not_in_open_list", event: 4, token: tokenOf(4) }],
    ["goal_not_reached (the goal's close dropped)", A_EVENTS.slice(0, -1), { code: "goal_not_reached", event: null, token: null }],
  ];
  for (const [name, events, want] of cases) {
    it(name, () => {
      const r = engine.validate(A, response(events, A_PLAN));
      expect(first(r)).toEqual(want);
      expect(r.plan_valid).toBe(true);
      expect(r.trace_valid).toBe(false);
    });
  }

  it("close_not_lowest_f_value (f = 6 closed while f = 4 is open)", () => {
    const r = engine.validate(B, response(replaced(B_EVENTS, 4, "close 0 0 c1 c5"), B_PLAN));
    expect(first(r)).toEqual({ code: "close_not_lowest_f_value", event: 4, token: tokenOf(4) });
    expect(r.first_trace_error?.message).toMatch(/f=6 .* minimum f=4/);
  });

  it("plan_length_mismatch: a valid but longer plan", () => {
    const r = engine.validate(A, response(A_EVENTS, `plan 0 0 plan 1 0 plan 0 0 ${A_PLAN.slice(9)}`));
    expect(first(r)).toEqual({ code: "plan_length_mismatch", event: null, token: null });
    expect([r.plan_valid, r.optimal, r.plan_length, r.optimal_plan_length]).toEqual([true, false, 8, 6]);
    expect(r.extracted_plan).toHaveLength(6);
  });

  it("records every error and skips the bad events (counts stay exact)", () => {
    const r = engine.validate(A, response(A_EVENTS.slice(1), A_PLAN));
    expect(r.trace_error_count).toBe(r.trace_errors.length);
    expect(r.trace_errors.every((e, i, all) => i === 0 || (e.token ?? Infinity) >= (all[i - 1].token ?? Infinity))).toBe(true);
    expect(codes(r.trace_errors)).toContain("goal_not_reached");
  });

  it("never fires plan_extraction_error / extracted_plan_invalid on engine traces and their mutations", () => {
    for (const ev of [A_EVENTS, A_EVENTS.slice(2), [...A_EVENTS].reverse()]) {
      const r = engine.validate(A, response(ev, A_PLAN));
      expect(codes(r.trace_errors)).not.toContain("plan_extraction_error");
      expect(codes(r.trace_errors)).not.toContain("extracted_plan_invalid");
    }
  });
});

describe("syntax", () => {
  const ev = A_EVENTS;
  it("a window that holds the other operation keyword is an operation_syntax_error; parsing resumes there", () => {
    const r = engine.validate(A, response(replaced(ev, 1, "close 1 0 c1"), A_PLAN));
    expect(r.trace_errors[0]).toMatchObject({ code: "operation_syntax_error", event: null, token: tokenOf(1) });
    // The next event (create 0 1) is parsed as event 1; only the dropped create is missing.
    expect(r.events).toBe(18);
    expect(r.first_trace_error?.message).toMatch(/keyword/);
  });

  it("a slot that cannot be read is an operation_syntax_error that consumes the window", () => {
    // `create` inside a create window is not a window error: the window is kept, its slot unreadable.
    for (const bad of [
      "create 1 c0 c1 c4",
      "create 1 0 1 c4",
      "create <|unk|> 0 c1 c4",
      "create 1 0 c1 <|pad|>",
      "create 1 0 c1 wall",
      "create 1 0 create c4",
    ]) {
      const r = engine.validate(A, response(replaced(ev, 1, bad), A_PLAN));
      expect(first(r)).toEqual({ code: "operation_syntax_error", event: null, token: tokenOf(1) });
      expect(r.events).toBe(18);
    }
  });

  it("a stray token is an operation_syntax_error and is skipped", () => {
    for (const stray of ["wall", "c3", "2", "<|unk|>", "<|pad|>", "query", "goal", "start"]) {
      const r = engine.validate(A, response(withEvent(ev, 1, stray), A_PLAN));
      expect(r.trace_errors.map((e) => [e.code, e.token])).toEqual([["operation_syntax_error", tokenOf(1)]]);
      expect([r.plan_valid, r.events]).toEqual([true, 19]);
    }
  });

  it("a plan step in the middle of the trace is ignored (strict: strict_plan_in_trace)", () => {
    for (const step of ["plan 0 0", "plan 9 c1", "plan wall goal"]) {
      const r = engine.validate(A, response(withEvent(ev, 1, step), A_PLAN));
      expect([r.trace_valid, r.plan_valid, r.plan_length, r.events]).toEqual([true, true, 6, 19]);
      expect(r.strict?.first_error).toMatchObject({ code: "strict_plan_in_trace", token: tokenOf(1) });
    }
  });

  it("a plan window that holds create/close is a plan_syntax_error (a plan error), wherever it is", () => {
    const r = engine.validate(A, response(withEvent(ev, 1, "plan 0"), A_PLAN));
    expect([r.trace_valid, codes(r.plan_errors)]).toEqual([true, ["plan_syntax_error"]]);
  });

  it("a stray token inside the plan is an operation_syntax_error (a trace error); the plan stays valid", () => {
    const r = engine.validate(A, response(ev, A_PLAN.replace("plan 2 1", "wall plan 2 1")));
    expect(codes(r.trace_errors)).toEqual(["operation_syntax_error"]);
    expect([r.plan_valid, r.plan_length]).toEqual([true, 6]);
  });

  it("a malformed plan step is a plan_syntax_error, and the trace's plan checks are skipped", () => {
    const r = engine.validate(A, response(ev, A_PLAN.replace("plan 2 1", "plan 2 c1")));
    expect(codes(r.plan_errors)).toEqual(["plan_syntax_error"]);
    expect(r.plan_length).toBe(2); // read from the back up to the unreadable step
    expect(r.trace_valid).toBe(true);
  });

  it("no plan at all, or a cut-off plan: plan_syntax_error, and a correct trace stays valid", () => {
    for (const plan of ["", "plan 0 0 plan 1 0 plan 2", "plan 0 0 plan 1 0 plan 2 <|eos|> 0 plan 2 1"]) {
      const r = engine.validate(A, response(ev, plan));
      expect(r.plan_errors.map((e) => e.code)).toEqual(["plan_syntax_error"]);
      expect([r.trace_valid, r.strict?.trace_valid]).toEqual([true, true]);
    }
    // Events after the plan: the trailing run is empty.
    const after = engine.validate(A, response(ev, A_PLAN) + " close 3 2 c5 c0");
    expect(codes(after.plan_errors)).toEqual(["plan_syntax_error"]);
  });

  it("a cost token reads as the integer after its first character (a coordinate 12 in a cost slot is 2)", () => {
    // 13 x 13 grid: coordinate tokens up to 12. start (0,0), goal (2,0): close 0 0 g=0 h=2.
    const M = engine.mazeFromWalls(13, 13, [0, 0], [2, 0], []);
    const r = engine.validate(
      M,
      "reasoning close 0 0 c0 12 create 1 0 c1 c1 close 1 0 c1 11 create 2 0 c2 10 close 2 0 c2 10 solution plan 0 0 plan 1 0 plan 2 0 end",
    );
    expect([r.trace_valid, r.plan_valid, r.events]).toEqual([true, true, 5]);
    expect(r.strict?.first_error?.code).toBe("strict_malformed_event");
    const oneDigit = engine.validate(M, "reasoning close 0 0 c0 2 solution plan 0 0 end");
    expect(codes(oneDigit.trace_errors)).toEqual(["operation_syntax_error", "goal_not_reached", "plan_length_mismatch"]);
  });

  it("operation_syntax_error is reported once and first, whatever the count", () => {
    const r = engine.validate(A, response(withEvent(withEvent(ev, 4, "wall", "wall"), 1, "close 0 0 c0 c5"), A_PLAN) + " wall");
    expect(codes(r.trace_errors)).toEqual(["operation_syntax_error", "close_not_in_open_list"]);
    expect(r.trace_errors[0].token).toBe(tokenOf(5));
  });

  it("the solution-only condition: goal_not_reached in the trace, plan valid", () => {
    const r = engine.validate(A, response([], A_PLAN));
    // The goal never closed: the extracted path is empty, so its length differs from the plan's.
    expect(codes(r.trace_errors)).toEqual(["goal_not_reached", "plan_length_mismatch"]);
    expect([r.plan_valid, r.optimal, r.events, r.extracted_plan]).toEqual([true, true, 0, null]);
  });

  it("a truncated response: the cut window, goal_not_reached and no plan", () => {
    const text = response(ev, A_PLAN);
    const cut = text
      .split(" ")
      .slice(0, 1 + 5 * 18 + 3)
      .join(" ");
    const r = engine.validate(A, cut);
    expect(codes(r.trace_errors)).toEqual(["operation_syntax_error", "goal_not_reached"]);
    expect(r.trace_errors[0].message).toMatch(/end of the response/);
    expect(codes(r.plan_errors)).toEqual(["plan_syntax_error"]);
  });

  it("the goal never closed with a readable plan: goal_not_reached, then plan_length_mismatch", () => {
    const r = engine.validate(A, response(ev.slice(0, 10), A_PLAN));
    expect(codes(r.trace_errors)).toEqual(["goal_not_reached", "plan_length_mismatch"]);
  });

  it("empty response", () => {
    for (const empty of ["", new Int32Array(0), "<|eos|> close 0 0 c0 c5"]) {
      const r = engine.validate(A, empty);
      expect(codes(r.trace_errors)).toEqual(["goal_not_reached"]);
      expect(codes(r.plan_errors)).toEqual(["plan_syntax_error"]);
    }
  });

  it("ids outside the vocabulary read as <|unk|>", () => {
    const ids = Array.from(engine.tokenize(response(ev, A_PLAN), 3, 4));
    const r = engine.validate(A, [...ids.slice(0, 6), 99999, -5, 2 ** 31 - 1, ...ids.slice(6)]);
    expect(r.trace_errors.map((e) => [e.code, e.token])).toEqual([["operation_syntax_error", 6]]);
    expect(r.trace_error_count).toBe(1);
    expect(r.plan_valid).toBe(true);
  });
});

describe("plan errors", () => {
  const cases: Array<[string, string, string[]]> = [
    ["illegal_start", "plan 1 0 plan 2 0 plan 2 1 plan 3 1 plan 3 2", ["illegal_start"]],
    ["illegal_move (diagonal)", "plan 0 0 plan 1 0 plan 2 1 plan 3 1 plan 3 2", ["illegal_move"]],
    // Only the step INTO the wall / off the grid is illegal: the rule looks at each step's target.
    ["illegal_move (into a wall)", "plan 0 0 plan 0 1 plan 1 1 plan 2 1 plan 3 1 plan 3 2", ["illegal_move"]],
    ["illegal_move (off the grid, y = 3)", "plan 0 0 plan 1 0 plan 2 0 plan 2 1 plan 3 1 plan 3 2 plan 3 3 plan 3 2", ["illegal_move"]],
    ["illegal_move (standing still)", "plan 0 0 plan 0 0 plan 1 0 plan 2 0 plan 2 1 plan 3 1 plan 3 2", ["illegal_move"]],
    ["goal_not_reached", "plan 0 0 plan 1 0 plan 2 0", ["goal_not_reached"]],
    ["all three wrong: the first error only", "plan 1 0 plan 2 1 plan 2 0", ["illegal_start"]],
    ["a bad move and a wrong end: the move only", "plan 0 0 plan 1 1 plan 2 1", ["illegal_move"]],
  ];
  for (const [name, plan, want] of cases) {
    it(name, () => {
      const r = engine.validate(A, response(A_EVENTS, plan));
      expect(codes(r.plan_errors)).toEqual(want);
      expect([r.plan_valid, r.optimal]).toEqual([false, false]);
    });
  }
});

describe("strict mode", () => {
  it("catches what the paper's rules allow: consistent wrong h", () => {
    const events = replaced(replaced(B_EVENTS, 2, "create 1 1 c1 c2"), 4, "close 1 1 c1 c2");
    const r = engine.validate(B, response(events, B_PLAN));
    expect([r.trace_valid, r.plan_valid, r.strict?.trace_valid]).toEqual([true, true, false]);
    expect(firstStrict(r)).toEqual({ code: "strict_wrong_h", event: 2 });
  });

  it("consistent wrong g", () => {
    const events = replaced(replaced(B_EVENTS, 2, "create 1 1 c0 c3"), 4, "close 1 1 c0 c3");
    const r = engine.validate(B, response(events, B_PLAN));
    expect([r.trace_valid, r.strict?.trace_valid]).toEqual([true, false]);
    expect(firstStrict(r)).toEqual({ code: "strict_wrong_g", event: 2 });
  });

  it("create order: a missing create, then an unexpected one, then a FIFO break", () => {
    const events = [A_EVENTS[0], A_EVENTS[2], A_EVENTS[1], ...A_EVENTS.slice(3)];
    const r = engine.validate(A, response(events, A_PLAN));
    expect(r.trace_valid).toBe(true);
    expect(r.strict?.errors.slice(0, 3).map((e) => [e.code, e.event])).toEqual([
      ["strict_missing_create", 1],
      ["strict_unexpected_create", 2],
      ["strict_not_fifo", 3],
    ]);
  });

  it("closing a later-inserted node among equal f (legal under the paper's rules)", () => {
    const events = [...A_EVENTS.slice(0, 3), A_EVENTS[5], A_EVENTS[6], A_EVENTS[3], A_EVENTS[4], ...A_EVENTS.slice(7)];
    const r = engine.validate(A, response(events, A_PLAN));
    expect(r.trace_valid).toBe(true);
    expect(firstStrict(r)).toEqual({ code: "strict_not_fifo", event: 3 });
  });

  it("a duplicated create (legal: the g does not improve)", () => {
    const r = engine.validate(A, response(withEvent(A_EVENTS, 2, A_EVENTS[1]), A_PLAN));
    expect(r.trace_valid).toBe(true);
    expect(firstStrict(r)).toEqual({ code: "strict_unexpected_create", event: 2 });
  });

  it("events after the goal's close", () => {
    const r = engine.validate(B, response([...B_EVENTS, "create 4 0 c5 c1"], B_PLAN));
    expect(r.trace_valid).toBe(true);
    expect(firstStrict(r)).toEqual({ code: "strict_event_after_goal", event: 15 });
  });

  it("strict errors include the paper-rule errors, in order", () => {
    const r = engine.validate(A, response(A_EVENTS.slice(0, -1), A_PLAN));
    expect(codes(r.strict!.errors)).toEqual(["goal_not_reached", "plan_length_mismatch"]);
    expect(r.strict!.error_count).toBe(2);
  });

  it("A* traces where an open node's g improves (it keeps its place in the list) are strict-valid", () => {
    let improved = 0;
    for (const generator of ["drunkards_walk", "searchformer"] as GeneratorName[]) {
      const stream = engine.openStream({ generator, rows: 16, cols: 16, seed: 9 });
      for (let i = 0; i < 60; i++) {
        const maze = stream.next();
        const { events } = engine.solve(maze);
        const created = new Set<number>();
        let again = false;
        for (let k = 0; k < events.length; k += 5) {
          if (events[k] !== 0) continue;
          const cell = events[k + 2] * 16 + events[k + 1];
          again ||= created.has(cell);
          created.add(cell);
        }
        if (!again) continue;
        improved++;
        const text = engine.serialize(maze);
        const r = engine.validate(maze, text);
        expect([r.trace_valid, r.strict?.trace_valid]).toEqual([true, true]);
      }
      stream.close();
    }
    expect(improved).toBeGreaterThan(5);
  });

  it("{ strict: false } skips it", () => {
    expect(engine.validate(A, response(A_EVENTS, A_PLAN), { strict: false }).strict).toBeNull();
  });
});

describe("optimal plan length", () => {
  it("equals the A* plan length on generated mazes", () => {
    for (const generator of ["wilson", "kruskal", "dfs", "drunkards_walk", "searchformer"] as GeneratorName[]) {
      const stream = engine.openStream({ generator, rows: 9, cols: 12, seed: 3 });
      for (let i = 0; i < 20; i++) {
        const maze = stream.next();
        const n = engine.solve(maze).plan.length / 2;
        expect(engine.validate(maze, "").optimal_plan_length).toBe(n === 0 ? null : n);
      }
      stream.close();
    }
  });

  it("is null when the goal is unreachable, and no plan is then optimal", () => {
    const m = engine.mazeFromWalls(
      3,
      3,
      [0, 0],
      [2, 2],
      [
        [0, 2],
        [1, 2],
        [2, 1],
        [1, 1],
      ],
    );
    const r = engine.validate(m, "reasoning close 0 0 c0 c4 solution plan 0 0 plan 1 0 plan 2 0 plan 2 1 plan 2 2 end");
    expect(r.optimal_plan_length).toBeNull();
    expect([r.plan_valid, r.optimal]).toEqual([false, false]);
  });
});

describe("limits", () => {
  it("caps stored errors at 256 but counts them all", () => {
    const r = engine.validate(A, `reasoning ${"close 1 0 c1 c4 ".repeat(100_000)} wall`);
    expect(r.trace_error_count).toBe(100_002); // operation_syntax_error once, 100,000 closes, goal_not_reached
    expect(r.trace_errors).toHaveLength(256);
    expect(r.trace_errors[0].code).toBe("operation_syntax_error");
    expect(r.strict?.errors).toHaveLength(256);
    expect(r.tokens).toBe(500_002);
  });

  it("survives a wall start and a wall goal", () => {
    const m = { rows: 2, cols: 2, start: [0, 0] as [number, number], goal: [1, 1] as [number, number], cells: new Uint8Array([0, 1, 1, 0]) };
    const r = engine.validate(m, "reasoning close 0 0 c0 c2 create 1 0 c1 c1 close 1 1 c2 c0 solution plan 0 0 plan 1 0 plan 1 1 end");
    expect(first(r)?.code).toBe("create_close_wall");
    expect(r.optimal_plan_length).toBeNull();
  });

  it("rejects a bad maze or response type with an EngineInputError", () => {
    expect(() => engine.validate({ ...A, cells: new Uint8Array(3) }, "")).toThrow(EngineInputError);
    expect(() => engine.validate({ ...A, start: [4, 0] }, "")).toThrow(EngineInputError);
    expect(() => engine.validate(A, 42 as unknown as string)).toThrow(EngineInputError);
    expect(() => engine.validate(A, "", { strict: "yes" as unknown as boolean })).toThrow(EngineInputError);
  });
});

describe("generated datasets (the engine reproduces the golden streams)", () => {
  for (const generator of ["wilson", "kruskal", "dfs", "drunkards_walk", "searchformer"] as GeneratorName[]) {
    it(`${generator}: A* traces are valid; swapped traces are trace-invalid and plan-valid`, () => {
      for (const size of [10, 20]) {
        const stream = engine.openStream({ generator, rows: size, cols: size, split: "test", seed: 42 });
        const items = Array.from({ length: 40 }, () => {
          const maze = stream.next();
          const text = engine.serialize(maze);
          return { maze, trace: text.slice(text.indexOf("reasoning"), text.indexOf("solution")), plan: text.slice(text.indexOf("solution")) };
        });
        stream.close();
        items.forEach((it, i) => {
          const own = engine.validate(it.maze, it.trace + it.plan);
          expect([own.trace_valid, own.plan_valid, own.optimal, own.strict?.trace_valid]).toEqual([true, true, true, true]);
          const swapped = engine.validate(it.maze, items[(i + 1) % items.length].trace + it.plan);
          expect([swapped.trace_valid, swapped.plan_valid]).toEqual([false, true]);
          expect(["close_not_in_open_list", "create_close_wall", "create_non_neighbor", "close_not_lowest_f_value"]).toContain(swapped.first_trace_error?.code);
        });
      }
    });
  }
});
