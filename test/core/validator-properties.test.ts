// Property tests: mutations of real A* traces get exactly the verdict and first error that the
// rules of spec section 6 define, and no input of any shape crashes the validator.
//
// Two kinds of expectations: (1) for each single mutation, the error the rules name (worked out
// by hand below); (2) for any mix of mutations, agreement with paperVerdict (paper-validator.ts),
// a deliberately plain implementation of section 6 that shares no code with the wasm.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import type { GeneratorName, Maze } from "../../src/core/mazes";
import type { ValidationReport } from "../../src/core/validate";
import { paperVerdict } from "./paper-validator";

const engine = await loadEngine();
const GENERATORS: GeneratorName[] = ["wilson", "kruskal", "dfs", "drunkards_walk", "searchformer"];
const RUNS = { numRuns: 300 };

// ---- instances: generated mazes and their A* solutions ----

type Event = [kind: number, x: number, y: number, g: number, h: number]; // kind 0 create, 1 close
interface Instance {
  maze: Maze;
  events: Event[];
  plan: Array<[number, number]>;
}

const cache = new Map<string, Instance>();
function instance(generator: GeneratorName, rows: number, cols: number, seed: number): Instance {
  const key = `${generator} ${rows} ${cols} ${seed}`;
  let inst = cache.get(key);
  if (!inst) {
    const stream = engine.openStream({ generator, rows, cols, seed });
    const maze = stream.next();
    stream.close();
    const sol = engine.solve(maze);
    const events: Event[] = [];
    for (let i = 0; i < sol.events.length; i += 5) events.push(Array.from(sol.events.subarray(i, i + 5)) as Event);
    const plan: Array<[number, number]> = [];
    for (let i = 0; i < sol.plan.length; i += 2) plan.push([sol.plan[i], sol.plan[i + 1]]);
    cache.set(key, (inst = { maze, events, plan }));
  }
  return inst;
}

// Reachable instances with at least two events (a start that is not the goal).
const anInstance = fc
  .record({
    generator: fc.constantFrom(...GENERATORS),
    rows: fc.integer({ min: 3, max: 11 }),
    cols: fc.integer({ min: 3, max: 11 }),
    seed: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ generator, rows, cols, seed }) => instance(generator, rows, cols, seed))
  .filter((inst) => inst.plan.length > 1);

const eventWords = (events: Event[]) => events.flatMap(([k, x, y, g, h]) => [k === 0 ? "create" : "close", `${x}`, `${y}`, `c${g}`, `c${h}`]);
const planWords = (plan: Array<[number, number]>) => plan.flatMap(([x, y]) => ["plan", `${x}`, `${y}`]);
const responseWords = (events: Event[], plan: Array<[number, number]>) => ["reasoning", ...eventWords(events), "solution", ...planWords(plan), "end"];
const tokenOf = (event: number) => 1 + 5 * event;

function run(maze: Maze, words: string[]): ValidationReport {
  return engine.validate(maze, words.join(" "));
}
const firstTrace = (r: ValidationReport) => r.first_trace_error && [r.first_trace_error.code, r.first_trace_error.event, r.first_trace_error.token];

// ---- the oracle: the plain implementation of spec section 6 (paper-validator.ts), which shares
// no code with the wasm. Text reaches it as the engine reads text: words over the vocabulary
// (anything else is <|unk|>).

function expectAgrees(maze: Maze, words: string[], astar?: Event[]): void {
  const r = run(maze, words);
  const vocab = engine.vocab(maze.rows, maze.cols);
  const o = paperVerdict(
    maze,
    Array.from(engine.tokenize(words.join(" "), maze.rows, maze.cols), (id) => vocab[id]),
  );
  expect(r.trace_errors.map((e) => e.code)).toEqual(o.trace_errors.slice(0, 256));
  expect(r.trace_error_count).toBe(o.trace_errors.length);
  expect(r.plan_errors.map((e) => e.code)).toEqual(o.plan_errors);
  if (o.plan) expect(r.plan).toEqual(o.plan);
  expect(r.trace_valid).toBe(o.trace_valid);
  expect(r.plan_valid).toBe(o.plan_valid);
  // Strict never passes what the paper's rules fail; an A* trace changed in any way fails it.
  if (!r.trace_valid) expect(r.strict?.trace_valid).toBe(false);
  if (astar && r.strict?.trace_valid) expect(r.events).toBe(astar.length);
  expect(r.strict!.error_count).toBeGreaterThanOrEqual(r.trace_error_count);
}

// ---- single mutations with the error the rules name ----

describe("single mutations of A* traces", () => {
  it("unmutated: trace-valid, plan-valid, optimal, strict-valid (and the oracle agrees)", () => {
    fc.assert(
      fc.property(anInstance, ({ maze, events, plan }) => {
        const words = responseWords(events, plan);
        const r = run(maze, words);
        expect([r.trace_valid, r.plan_valid, r.optimal, r.strict?.trace_valid]).toEqual([true, true, true, true]);
        expectAgrees(maze, words, events);
      }),
      RUNS,
    );
  });

  it("dropping the start's close: first_create_not_last_closed at event 0", () => {
    fc.assert(
      fc.property(anInstance, ({ maze, events, plan }) => {
        const r = run(maze, responseWords(events.slice(1), plan));
        expect(firstTrace(r)).toEqual(["first_create_not_last_closed", 0, tokenOf(0)]);
        expect(r.plan_valid).toBe(true);
      }),
      RUNS,
    );
  });

  it("dropping any other event: the oracle's verdict; dropping the goal's close: goal_not_reached", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), ({ maze, events, plan }, pick) => {
        const at = 1 + (pick % (events.length - 1));
        const mutated = events.filter((_, i) => i !== at);
        expectAgrees(maze, responseWords(mutated, plan), events);
        const r = run(maze, responseWords(mutated, plan));
        expect(r.strict?.trace_valid).toBe(false);
        if (at === events.length - 1) expect(firstTrace(r)).toEqual(["goal_not_reached", null, null]);
      }),
      RUNS,
    );
  });

  it("duplicating a create is legal under the paper's rules (no lower g); strict: strict_unexpected_create", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), ({ maze, events, plan }, pick) => {
        const creates = events.map((e, i) => [e, i] as const).filter(([e]) => e[0] === 0);
        fc.pre(creates.length > 0);
        const at = creates[pick % creates.length][1];
        const mutated = [...events.slice(0, at + 1), events[at], ...events.slice(at + 1)];
        const r = run(maze, responseWords(mutated, plan));
        expect([r.trace_valid, r.plan_valid, r.strict?.trace_valid]).toEqual([true, true, false]);
        expect(r.strict?.first_error).toMatchObject({ code: "strict_unexpected_create", event: at + 1 });
      }),
      RUNS,
    );
  });

  it("duplicating a close: close_not_in_open_list at the copy", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), ({ maze, events, plan }, pick) => {
        const closes = events.map((e, i) => [e, i] as const).filter(([e]) => e[0] === 1);
        const at = closes[pick % closes.length][1];
        const mutated = [...events.slice(0, at + 1), events[at], ...events.slice(at + 1)];
        expect(firstTrace(run(maze, responseWords(mutated, plan)))).toEqual(["close_not_in_open_list", at + 1, tokenOf(at + 1)]);
      }),
      RUNS,
    );
  });

  it("changing a close's g or h: close_not_in_open_list there", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 50 }), ({ maze, events, plan }, pick, changeG, delta) => {
        const closes = events.map((e, i) => [e, i] as const).filter(([e]) => e[0] === 1);
        const at = closes[pick % closes.length][1];
        const n = maze.rows * maze.cols;
        const ev = [...events[at]] as Event;
        const slot = changeG ? 3 : 4;
        ev[slot] = (ev[slot] + delta) % n;
        fc.pre(ev[slot] !== events[at][slot]);
        const mutated = events.map((e, i) => (i === at ? ev : e));
        expect(firstTrace(run(maze, responseWords(mutated, plan)))).toEqual(["close_not_in_open_list", at, tokenOf(at)]);
      }),
      RUNS,
    );
  });

  it("changing a create's g or h: the oracle's verdict (often legal: the rules do not check g and h); strict catches it", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 50 }), ({ maze, events, plan }, pick, changeG, delta) => {
        const creates = events.map((e, i) => [e, i] as const).filter(([e]) => e[0] === 0);
        fc.pre(creates.length > 0);
        const at = creates[pick % creates.length][1];
        const ev = [...events[at]] as Event;
        const slot = changeG ? 3 : 4;
        ev[slot] = (ev[slot] + delta) % (maze.rows * maze.cols);
        fc.pre(ev[slot] !== events[at][slot]);
        const mutated = events.map((e, i) => (i === at ? ev : e));
        expectAgrees(maze, responseWords(mutated, plan), events);
        const r = run(maze, responseWords(mutated, plan));
        expect(r.strict?.trace_valid).toBe(false);
        if (r.trace_valid) expect(r.strict?.first_error?.code).toMatch(/^strict_wrong_[gh]$/);
      }),
      RUNS,
    );
  });

  it("changing a coordinate: the oracle's verdict; off the grid: invalid_coordinates there", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.boolean(), fc.nat(), ({ maze, events, plan }, pick, changeX, value) => {
        const at = pick % events.length;
        const ev = [...events[at]] as Event;
        const m = Math.max(maze.rows, maze.cols);
        ev[changeX ? 1 : 2] = value % m;
        fc.pre(ev[1] !== events[at][1] || ev[2] !== events[at][2]);
        const mutated = events.map((e, i) => (i === at ? ev : e));
        expectAgrees(maze, responseWords(mutated, plan), events);
        const r = run(maze, responseWords(mutated, plan));
        if (ev[1] >= maze.cols || ev[2] >= maze.rows) expect(firstTrace(r)).toEqual(["invalid_coordinates", at, tokenOf(at)]);
        else if (!maze.cells[ev[2] * maze.cols + ev[1]]) expect(firstTrace(r)).toEqual(["create_close_wall", at, tokenOf(at)]);
        // Otherwise it can even stay valid (e.g. a create never closed, moved to another free
        // neighbour); strict always notices.
        expect(r.strict?.trace_valid).toBe(false);
      }),
      RUNS,
    );
  });

  it("creating a wall cell: create_close_wall there", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.nat(), fc.nat(), ({ maze, events, plan }, pick, wallPick, g) => {
        const walls = [...maze.cells.keys()].filter((i) => !maze.cells[i]);
        fc.pre(walls.length > 0);
        const at = pick % (events.length + 1);
        const w = walls[wallPick % walls.length];
        const n = maze.rows * maze.cols;
        const mutated = [...events.slice(0, at), [0, w % maze.cols, Math.floor(w / maze.cols), g % n, (g >> 3) % n] as Event, ...events.slice(at)];
        expect(firstTrace(run(maze, responseWords(mutated, plan)))).toEqual(["create_close_wall", at, tokenOf(at)]);
      }),
      RUNS,
    );
  });

  it("creating a free non-neighbour of the last closed node: create_non_neighbor there", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.nat(), ({ maze, events, plan }, pick, cellPick) => {
        const at = 1 + (pick % events.length); // after the start's close
        const lastClose = events
          .slice(0, at)
          .filter((e) => e[0] === 1)
          .at(-1)!;
        const cells = [...maze.cells.keys()].filter((i) => {
          const x = i % maze.cols,
            y = Math.floor(i / maze.cols);
          return maze.cells[i] && Math.abs(x - lastClose[1]) + Math.abs(y - lastClose[2]) !== 1;
        });
        fc.pre(cells.length > 0);
        const c = cells[cellPick % cells.length];
        const mutated = [...events.slice(0, at), [0, c % maze.cols, Math.floor(c / maze.cols), 1, 1] as Event, ...events.slice(at)];
        expect(firstTrace(run(maze, responseWords(mutated, plan)))).toEqual(["create_non_neighbor", at, tokenOf(at)]);
      }),
      RUNS,
    );
  });

  it("reordering events: the oracle's verdict, and strict-valid only if nothing changed", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), fc.nat(), ({ maze, events, plan }, a, b) => {
        const i = a % events.length,
          j = b % events.length;
        const mutated = [...events];
        const [moved] = mutated.splice(i, 1);
        mutated.splice(j, 0, moved);
        expectAgrees(maze, responseWords(mutated, plan), events);
      }),
      RUNS,
    );
  });

  it("truncating anywhere: the oracle's verdict; cut before the goal's close: goal_not_reached", () => {
    fc.assert(
      fc.property(anInstance, fc.nat(), ({ maze, events, plan }, pick) => {
        const words = responseWords(events, plan);
        const cut = words.slice(0, pick % words.length);
        expectAgrees(maze, cut, events);
        const r = run(maze, cut);
        if (cut.length <= tokenOf(events.length - 1) + 4) expect(r.trace_errors.map((e) => e.code)).toContain("goal_not_reached");
      }),
      RUNS,
    );
  });

  it("inserting a garbage word between events: operation_syntax_error at that token, nothing else", () => {
    const garbage = fc.constantFrom("wall", "start", "goal", "query", "<|pad|>", "<|unk|>", "c0", "c1", "0", "1", "banana", "-1", "c999999");
    fc.assert(
      fc.property(anInstance, fc.nat(), garbage, ({ maze, events, plan }, pick, word) => {
        const at = pick % events.length;
        const words = responseWords(events, plan);
        words.splice(tokenOf(at), 0, word);
        const r = run(maze, words);
        expect(r.trace_errors.map((e) => [e.code, e.token])).toEqual([["operation_syntax_error", tokenOf(at)]]);
        expect([r.plan_valid, r.events]).toEqual([true, events.length]);
      }),
      RUNS,
    );
  });
});

// ---- mixes of mutations and arbitrary streams ----

describe("any mix of mutations", () => {
  const VOCAB_WORDS = ["create", "close", "plan", "start", "goal", "wall", "query", "reasoning", "solution", "end", "<|pad|>", "<|unk|>", "<|bos|>", "<|eos|>"];
  const mutation = fc.oneof(
    fc.record({ op: fc.constant("drop"), at: fc.nat() }),
    fc.record({ op: fc.constant("dup"), at: fc.nat() }),
    fc.record({ op: fc.constant("move"), at: fc.nat(), to: fc.nat() }),
    fc.record({ op: fc.constant("set"), at: fc.nat(), slot: fc.integer({ min: 1, max: 4 }), value: fc.nat() }),
    fc.record({
      op: fc.constant("word"),
      at: fc.nat(),
      word: fc.oneof(
        fc.constantFrom(...VOCAB_WORDS),
        fc.nat({ max: 140 }).map((n) => (n < 70 ? `c${n}` : `${n - 70}`)),
      ),
    }),
    fc.record({ op: fc.constant("cut"), at: fc.nat() }),
    fc.record({ op: fc.constant("plan"), at: fc.nat(), value: fc.nat() }),
  );

  it("agree with the oracle, error for error (wasm vs a plain statement of the rules)", () => {
    fc.assert(
      fc.property(anInstance, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ maze, events, plan }, mutations) => {
        const evs = events.map((e) => [...e] as Event);
        const cells = plan.map((p) => [...p] as [number, number]);
        const n = maze.rows * maze.cols,
          m = Math.max(maze.rows, maze.cols);
        const wordOps: Array<{ at: number; word?: string; cut?: boolean }> = [];
        for (const mu of mutations) {
          const at = evs.length ? mu.at % evs.length : 0;
          if (mu.op === "drop" && evs.length) evs.splice(at, 1);
          else if (mu.op === "dup" && evs.length) evs.splice(at, 0, [...evs[at]] as Event);
          else if (mu.op === "move" && evs.length) evs.splice(mu.to % evs.length, 0, ...evs.splice(at, 1));
          else if (mu.op === "set" && evs.length) evs[at][mu.slot] = mu.slot <= 2 ? mu.value % m : mu.value % n;
          else if (mu.op === "plan" && cells.length) cells[mu.at % cells.length] = [mu.value % m, (mu.value >> 4) % m];
          else if (mu.op === "word") wordOps.push({ at: mu.at, word: mu.word });
          else if (mu.op === "cut") wordOps.push({ at: mu.at, cut: true });
        }
        let words = responseWords(evs, cells);
        for (const w of wordOps) {
          const at = w.at % (words.length + 1);
          if (w.cut) words = words.slice(0, at);
          else words.splice(at, 0, w.word!);
        }
        expectAgrees(maze, words, events);
      }),
      { numRuns: 1500 },
    );
  });

  it("random keyword/number soup agrees with the oracle", () => {
    fc.assert(
      fc.property(
        anInstance,
        fc.array(
          fc.oneof(
            fc.constantFrom(...VOCAB_WORDS),
            fc.nat({ max: 20 }).map((k) => `c${k}`),
            fc.nat({ max: 12 }).map(String),
          ),
          { maxLength: 400 },
        ),
        ({ maze }, words) => expectAgrees(maze, words),
      ),
      { numRuns: 500 },
    );
  });
});

describe("never crashes", () => {
  const maze = instance("wilson", 10, 10, 1).maze;

  it("random id streams up to 100k tokens, in and out of the vocabulary", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer(), fc.constantFrom("vocab", "any", "small"), (length, seed, mode) => {
        // A cheap deterministic generator: fast-check picks the seed, the stream can be long.
        let s = seed | 0;
        const ids = new Int32Array(length);
        for (let i = 0; i < length; i++) {
          s = (Math.imul(s, 1664525) + 1013904223) | 0;
          ids[i] = mode === "vocab" ? (s >>> 8) % 124 : mode === "small" ? ((s >>> 8) % 140) - 8 : s;
        }
        const r = engine.validate(maze, ids);
        expect(r.tokens).toBe(length);
        expect(r.trace_errors.length).toBeLessThanOrEqual(256);
        expect(r.plan_errors.length).toBeLessThanOrEqual(256);
        expect(r.trace_error_count).toBeGreaterThanOrEqual(r.trace_errors.length);
        expect(r.first_trace_error).toEqual(r.trace_errors[0] ?? null);
        expect(r.trace_valid).toBe(r.trace_error_count === 0);
      }),
      { numRuns: 60 },
    );
  });

  it("arbitrary text, huge and negative numbers", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.bigInt().map(String),
            fc.integer().map((k) => `c${k}`),
            fc.constantFrom("close", "create", "plan", "<|eos|>"),
          ),
          { maxLength: 300 },
        ),
        (words) => {
          const r = engine.validate(maze, words.join(" "));
          expect(r.tokens).toBe(
            words
              .join(" ")
              .split(/[ \t\n\v\f\r]+/)
              .filter(Boolean).length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays correct after garbage (no state leaks between calls)", () => {
    const { maze: m, events, plan } = instance("dfs", 8, 8, 5);
    engine.validate(
      m,
      new Int32Array(50_000).map((_, i) => (i * 7919) % 90),
    );
    const r = engine.validate(m, responseWords(events, plan).join(" "));
    expect([r.trace_valid, r.plan_valid, r.strict?.trace_valid]).toEqual([true, true, true]);
  });
});
