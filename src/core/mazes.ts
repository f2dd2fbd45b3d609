// The typed maze API over the raw wasm exports: generator registry, dataset streams, the A*
// solver and the paper's text format. Every input is checked here so that bad input surfaces
// as an EngineInputError naming the field, never as a wasm trap.
import type { GeneratorName } from "../../build/core-names";
import type { RawEngine } from "./raw";

/** A generator of the engine's registry: the names come from the engine at build time
 *  (scripts/build-wasm.js), so none is listed here. */
export type { GeneratorName };
export type Split = "train" | "test";

/** What a stream's caller may leave out: `reasonless generate`, GET /v1/mazes and POST /v1/predict
 *  default to these; openStream defaults seed and split to them. */
export const STREAM_DEFAULTS: Readonly<{ rows: number; cols: number; seed: number; split: Split }> = { rows: 30, cols: 30, seed: 42, split: "train" };

export interface Maze {
  rows: number;
  cols: number;
  /** [x, y]: x = column, y = row. */
  start: [number, number];
  goal: [number, number];
  /** Row-major, rows * cols entries: 1 free, 0 wall. */
  cells: Uint8Array;
}

/** The paper's A* output: events are flat (kind, x, y, g, h), kind 0 = create, 1 = close (the
 *  engine's EVENT_WIDTH, EVENT_CREATE and EVENT_CLOSE, which every Engine carries); plan is flat
 *  (x, y) from start to goal (empty when the goal is unreachable). */
export interface Solution {
  events: Int32Array;
  plan: Int32Array;
}

export interface GeneratorParam {
  name: string;
  description: string;
  type: "number" | "boolean";
  default: number | boolean;
  min?: number;
  max?: number;
}

export interface GeneratorInfo {
  name: GeneratorName;
  description: string;
  minSize: number;
  maxSize: number;
  params: GeneratorParam[];
}

export interface StreamOptions {
  generator: GeneratorName;
  rows: number;
  cols: number;
  /** Any safe integer; folded modulo 2^32 like the released generator. Default 42. */
  seed?: number;
  split?: Split;
  /** The generators' parameters (the engine's streamOpen takes these two); each defaults to and is
   *  checked against its registry entry. drunkards_walk: fraction of cells carved, in [0, 1]. */
  coverage?: number;
  /** searchformer: never accept a plan shorter than max(rows, cols) (false keeps parity). */
  strict?: boolean;
}

export interface MazeStream {
  /** The next maze of the stream (a fresh copy). */
  next(): Maze;
  /** The next maze solved and written as one JSONL line `{"text":"..."}\n`, as ASCII bytes.
   *  The view points into engine memory: valid until the next call into the engine. */
  nextLine(): Uint8Array;
  close(): void;
}

/** Bad input to the engine: `field` names the offending option or argument. */
export class EngineInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "EngineInputError";
    this.field = field;
  }
}

/** Walls of a maze as [x, y], row-major (the order of the prompt). */
export function wallsOf(maze: Maze): Array<[number, number]> {
  const walls: Array<[number, number]> = [];
  for (let y = 0, i = 0; y < maze.rows; y++) {
    for (let x = 0; x < maze.cols; x++, i++) if (!maze.cells[i]) walls.push([x, y]);
  }
  return walls;
}

// ---- Checks shared by every entry point ----------------------------------------------------

const MAX_TEXT_BYTES = 16 << 20;
// Far above any real trace (a 64x64 A* emits at most 5 * 4096 events), low enough that a
// hostile solution cannot make the engine grow memory until it traps.
const MAX_EVENTS = 1 << 20;
const MAX_PLAN_CELLS = 1 << 20;

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** The checks of grids and mazes, with the grid sizes of one engine (its MIN_SIZE and MAX_SIZE). */
export class InputChecks {
  readonly minSize: number;
  readonly maxSize: number;
  constructor(raw: RawEngine) {
    this.minSize = raw.MIN_SIZE.value;
    this.maxSize = raw.MAX_SIZE.value;
  }

  /** Throws EngineInputError naming the field unless `v` is a supported grid dimension. */
  size(field: string, v: unknown): asserts v is number {
    if (!isInt(v) || v < this.minSize || v > this.maxSize) {
      throw new EngineInputError(field, `${field} must be an integer from ${this.minSize} to ${this.maxSize}, got ${show(v)}`);
    }
  }

  point(field: string, p: unknown, rows: number, cols: number): asserts p is [number, number] {
    const ok = Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]) && p[0] >= 0 && p[0] < cols && p[1] >= 0 && p[1] < rows;
    if (!ok) throw new EngineInputError(field, `${field} must be [x, y] inside the ${rows}x${cols} grid, got ${show(p)}`);
  }

  /** Throws EngineInputError naming the field unless `maze` is a well-formed Maze. */
  maze(maze: unknown): asserts maze is Maze {
    if (typeof maze !== "object" || maze === null) throw new EngineInputError("maze", "maze must be an object");
    const m = maze as Maze;
    this.size("rows", m.rows);
    this.size("cols", m.cols);
    if (!(m.cells instanceof Uint8Array) || m.cells.length !== m.rows * m.cols) {
      throw new EngineInputError("cells", `cells must be a Uint8Array of rows * cols = ${m.rows * m.cols} entries`);
    }
    this.point("start", m.start, m.rows, m.cols);
    this.point("goal", m.goal, m.rows, m.cols);
  }
}

function show(v: unknown): string {
  try {
    const s = typeof v === "string" ? JSON.stringify(v) : String(JSON.stringify(v) ?? v);
    return s.length > 40 ? s.slice(0, 40) + "..." : s;
  } catch {
    return typeof v;
  }
}

// ---- The API bound to one engine instance -------------------------------------------------

export function mazeApi(raw: RawEngine) {
  const check: InputChecks = new InputChecks(raw);
  const X = {
    PTR: raw.X_PTR.value,
    LEN: raw.X_LEN.value,
    PTR2: raw.X_PTR2.value,
    LEN2: raw.X_LEN2.value,
    ROWS: raw.X_ROWS.value,
    COLS: raw.X_COLS.value,
    SX: raw.X_SX.value,
    SY: raw.X_SY.value,
    GX: raw.X_GX.value,
    GY: raw.X_GY.value,
  };
  const exchangeAddress = raw.exchangeAddress(),
    exchangeSlots = raw.EXCHANGE_SLOTS.value;
  const EVENT_CREATE = raw.EVENT_CREATE.value,
    EVENT_CLOSE = raw.EVENT_CLOSE.value,
    EVENT_WIDTH = raw.EVENT_WIDTH.value,
    ERR_HANDLE = raw.ERR_HANDLE.value;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();

  // Views over engine memory are rebuilt whenever memory grows (growth detaches the old buffer).
  let u8 = new Uint8Array(raw.memory.buffer);
  let exchange = new Int32Array(raw.memory.buffer, exchangeAddress, exchangeSlots);
  function bytes(): Uint8Array {
    if (u8.buffer !== raw.memory.buffer) {
      u8 = new Uint8Array(raw.memory.buffer);
      exchange = new Int32Array(raw.memory.buffer, exchangeAddress, exchangeSlots);
    }
    return u8;
  }
  function ex(slot: number): number {
    bytes();
    return exchange[slot];
  }
  function i32s(ptr: number, count: number): Int32Array {
    bytes();
    return new Int32Array(raw.memory.buffer, ptr >>> 0, count).slice();
  }
  function publishedMaze(): Maze {
    const ptr = ex(X.PTR) >>> 0,
      rows = ex(X.ROWS),
      cols = ex(X.COLS);
    return {
      rows,
      cols,
      start: [ex(X.SX), ex(X.SY)],
      goal: [ex(X.GX), ex(X.GY)],
      cells: bytes().slice(ptr, ptr + rows * cols),
    };
  }
  function text(len: number): string {
    const ptr = ex(X.PTR) >>> 0;
    return decoder.decode(bytes().subarray(ptr, ptr + len));
  }

  const registry = JSON.parse(raw.registryJson()) as GeneratorInfo[];
  function generators(): GeneratorInfo[] {
    return registry.map((g) => ({ ...g, params: g.params.map((p) => ({ ...p })) }));
  }
  function generatorId(name: unknown): number {
    const id = registry.findIndex((g) => g.name === name);
    if (id < 0) {
      const names = registry.map((g) => g.name).join(", ");
      throw new EngineInputError("generator", `unknown generator ${show(name)}; available: ${names}`);
    }
    return id;
  }
  // Every parameter any generator declares, by name (the registry's order), and so every option.
  const params = new Map(registry.flatMap((g) => g.params.map((p) => [p.name, p] as const)));
  const KNOWN_OPTIONS = new Set(["generator", "rows", "cols", "seed", "split", ...params.keys()]);
  // Closes streams that are dropped without close(), so wasm-side state cannot pile up (where
  // the host offers FinalizationRegistry; elsewhere close() is the only way).
  const finalizer = typeof FinalizationRegistry === "function" ? new FinalizationRegistry<number>((handle) => raw.streamClose(handle)) : undefined;

  function openStream(opts: StreamOptions): MazeStream {
    if (typeof opts !== "object" || opts === null) throw new EngineInputError("options", "options must be an object");
    for (const key of Object.keys(opts)) {
      if (!KNOWN_OPTIONS.has(key)) throw new EngineInputError(key, `unknown option ${show(key)}`);
    }
    const id = generatorId(opts.generator);
    check.size("rows", opts.rows);
    check.size("cols", opts.cols);
    const seed = opts.seed ?? STREAM_DEFAULTS.seed;
    if (!Number.isSafeInteger(seed)) throw new EngineInputError("seed", `seed must be a safe integer, got ${show(seed)}`);
    const split = opts.split ?? STREAM_DEFAULTS.split;
    if (split !== "train" && split !== "test") throw new EngineInputError("split", `split must be "train" or "test", got ${show(split)}`);
    // Parameters are checked whatever the generator; a generator ignores those it does not take.
    const given = new Map<string, number | boolean>();
    for (const p of params.values()) {
      const v: unknown = opts[p.name as keyof StreamOptions] ?? p.default;
      if (p.type === "boolean" && typeof v !== "boolean") throw new EngineInputError(p.name, `${p.name} must be true or false, got ${show(v)}`);
      if (p.type === "number" && (typeof v !== "number" || !(v >= (p.min ?? -Infinity) && v <= (p.max ?? Infinity)))) {
        throw new EngineInputError(p.name, `${p.name} must be a number from ${p.min} to ${p.max}, got ${show(v)}`);
      }
      given.set(p.name, v as number | boolean);
    }

    // (seed * 2 + bit) mod 2^32 == ((seed mod 2^32) * 2 + bit) mod 2^32: fold exactly first.
    const seed32 = Number(BigInt.asUintN(32, BigInt(seed)));
    const coverage = given.get("coverage") as number,
      strict = given.get("strict") as boolean;
    let handle = raw.streamOpen(id, opts.rows, opts.cols, seed32, split === "test", coverage, strict);
    if (handle < 0) throw new EngineInputError("options", `the engine refused the stream options (code ${handle})`);
    const token = {};
    finalizer?.register(token, handle, token);

    // A generator that gives up is refused by its rules; where it has a `strict` option, by that.
    const exhaustedField = registry[id].params.some((p) => p.name === "strict") ? "strict" : "generator";
    function status(code: number): number {
      if (code >= 0) return code;
      if (handle < 0) throw new EngineInputError("stream", "the stream is closed");
      throw new EngineInputError(exhaustedField, `${opts.generator} could not produce a ${opts.rows}x${opts.cols} maze that meets its rules`);
    }
    return {
      next() {
        status(handle < 0 ? ERR_HANDLE : raw.streamNext(handle));
        return publishedMaze();
      },
      nextLine() {
        const len = status(handle < 0 ? ERR_HANDLE : raw.streamNextLine(handle));
        const ptr = ex(X.PTR) >>> 0;
        return bytes().subarray(ptr, ptr + len);
      },
      close() {
        if (handle < 0) return;
        finalizer?.unregister(token);
        raw.streamClose(handle);
        handle = -1;
      },
    };
  }

  function load(maze: Maze): void {
    check.maze(maze);
    const ptr = raw.inputMaze(maze.rows, maze.cols, maze.start[0], maze.start[1], maze.goal[0], maze.goal[1]);
    if (!ptr) throw new EngineInputError("maze", "the engine refused the maze");
    bytes().set(maze.cells, ptr);
  }

  /** A maze from its wall list (any order); the same checks as every engine input. */
  function mazeFromWalls(rows: number, cols: number, start: [number, number], goal: [number, number], walls: Iterable<[number, number]>): Maze {
    check.size("rows", rows);
    check.size("cols", cols);
    const cells = new Uint8Array(rows * cols).fill(1);
    for (const w of walls) {
      check.point("walls", w, rows, cols);
      cells[w[1] * cols + w[0]] = 0;
    }
    const maze: Maze = { rows, cols, start: [start?.[0], start?.[1]], goal: [goal?.[0], goal?.[1]], cells };
    check.maze(maze);
    return maze;
  }

  function checkSolution(solution: Solution): void {
    if (typeof solution !== "object" || solution === null) throw new EngineInputError("solution", "solution must be an object");
    checkEvents(solution.events);
    checkPlan(solution.plan);
  }
  function checkEvents(events: unknown): asserts events is Int32Array {
    if (!(events instanceof Int32Array) || events.length % EVENT_WIDTH !== 0) {
      throw new EngineInputError("events", "events must be an Int32Array of (kind, x, y, g, h) tuples");
    }
    if (events.length > MAX_EVENTS * EVENT_WIDTH) throw new EngineInputError("events", `at most ${MAX_EVENTS} events`);
    for (let i = 0; i < events.length; i += EVENT_WIDTH) {
      if (events[i] !== EVENT_CREATE && events[i] !== EVENT_CLOSE) {
        throw new EngineInputError("events", `event ${i / EVENT_WIDTH} has kind ${events[i]}; kinds are ${EVENT_CREATE} (create) and ${EVENT_CLOSE} (close)`);
      }
    }
  }
  function checkPlan(plan: unknown): asserts plan is Int32Array {
    if (!(plan instanceof Int32Array) || plan.length % 2 !== 0) {
      throw new EngineInputError("plan", "plan must be an Int32Array of (x, y) pairs");
    }
    if (plan.length > MAX_PLAN_CELLS * 2) throw new EngineInputError("plan", `at most ${MAX_PLAN_CELLS} plan cells`);
  }
  // Copies a host-given trace and plan into the engine (either may be empty).
  function give(events: Int32Array, plan: Int32Array): void {
    const ptr = raw.inputSolution(events.length, plan.length);
    const mem = bytes();
    new Int32Array(mem.buffer, ptr, events.length).set(events);
    new Int32Array(mem.buffer, ex(X.PTR2) >>> 0, plan.length).set(plan);
  }

  function solve(maze: Maze): Solution {
    load(maze);
    raw.solveInput();
    return { events: i32s(ex(X.PTR), ex(X.LEN)), plan: i32s(ex(X.PTR2), ex(X.LEN2)) };
  }

  /** The prompt: `query start SX SY goal GX GY wall x y ...` (everything before `reasoning`). */
  function promptText(maze: Maze): string {
    load(maze);
    return text(raw.inputText(raw.TEXT_PROMPT.value, 0, 0));
  }

  /** The full sequence `query ... reasoning <trace> solution plan ... end`, with the engine's
   *  A* solution, or with the given one (e.g. a swapped trace). */
  function serialize(maze: Maze, solution?: Solution): string {
    load(maze);
    if (solution === undefined) return text(raw.inputText(raw.TEXT_FULL_ASTAR.value, 0, 0));
    checkSolution(solution);
    give(solution.events, solution.plan);
    const kind = raw.TEXT_FULL_GIVEN.value;
    return text(raw.inputText(kind, solution.events.length / EVENT_WIDTH, solution.plan.length / 2));
  }

  /** `close x y cG cH create ...` */
  function traceText(events: Int32Array): string {
    checkEvents(events);
    give(events, new Int32Array(0));
    return text(raw.inputText(raw.TEXT_TRACE_GIVEN.value, events.length / EVENT_WIDTH, 0));
  }

  /** `plan x y plan x y ...` */
  function planText(plan: Int32Array): string {
    checkPlan(plan);
    give(new Int32Array(0), plan);
    return text(raw.inputText(raw.TEXT_PLAN_GIVEN.value, 0, plan.length / 2));
  }

  /** Prompt text -> maze. Anything from `reasoning` on is ignored; a leading `<|bos|>` is
   *  allowed. Sizes not given are inferred: both missing, a square of side (max coordinate + 1);
   *  one missing, the larger of the other side and that axis's max coordinate + 1. */
  function parsePrompt(source: string, rows?: number, cols?: number): Maze {
    if (typeof source !== "string") throw new EngineInputError("text", "the prompt must be a string");
    if (rows !== undefined) check.size("rows", rows);
    if (cols !== undefined) check.size("cols", cols);
    const encoded = encoder.encode(source);
    if (encoded.length > MAX_TEXT_BYTES) throw new EngineInputError("text", `the prompt exceeds ${MAX_TEXT_BYTES} bytes`);
    const ptr = raw.textBuffer(encoded.length);
    bytes().set(encoded, ptr);
    if (raw.parseInput(encoded.length, rows ?? 0, cols ?? 0) < 0) {
      throw new EngineInputError("text", `not a maze prompt: ${raw.parseError()}`);
    }
    return publishedMaze();
  }

  return {
    generators,
    openStream,
    solve,
    promptText,
    serialize,
    traceText,
    planText,
    parsePrompt,
    wallsOf,
    mazeFromWalls,
    /** The trace format of `solve` and `serialize` (see Solution). */
    EVENT_CREATE,
    EVENT_CLOSE,
    EVENT_WIDTH,
  };
}

export type MazeApi = ReturnType<typeof mazeApi>;
