// The typed maze API over the raw wasm exports: generator registry, dataset streams, the A*
// solver and the paper's text format. Every input is checked here so that bad input surfaces
// as an EngineInputError naming the field, never as a wasm trap.
import type { RawEngine } from "./load";

export type GeneratorName = "wilson" | "kruskal" | "dfs" | "drunkards_walk" | "searchformer";
export type Split = "train" | "test";

export interface Maze {
  rows: number;
  cols: number;
  /** [x, y]: x = column, y = row. */
  start: [number, number];
  goal: [number, number];
  /** Row-major, rows * cols entries: 1 free, 0 wall. */
  cells: Uint8Array;
}

/** The paper's A* output: events are flat (kind, x, y, g, h), kind 0 = create, 1 = close;
 *  plan is flat (x, y) from start to goal (empty when the goal is unreachable). */
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
  /** drunkards_walk: fraction of cells carved, in [0, 1]. Default 0.5. */
  coverage?: number;
  /** searchformer: never accept a plan shorter than max(rows, cols). Default false (parity). */
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

export const EVENT_CREATE = 0;
export const EVENT_CLOSE = 1;
export const EVENT_WIDTH = 5;

/** Walls of a maze as [x, y], row-major (the order of the prompt). */
export function wallsOf(maze: Maze): Array<[number, number]> {
  const walls: Array<[number, number]> = [];
  for (let y = 0, i = 0; y < maze.rows; y++) {
    for (let x = 0; x < maze.cols; x++, i++) if (!maze.cells[i]) walls.push([x, y]);
  }
  return walls;
}

/** A maze from its wall list (any order); the same checks as every engine input. */
export function mazeFromWalls(rows: number, cols: number, start: [number, number], goal: [number, number], walls: Iterable<[number, number]>): Maze {
  checkSize("rows", rows);
  checkSize("cols", cols);
  const cells = new Uint8Array(rows * cols).fill(1);
  for (const w of walls) {
    checkPoint("walls", w, rows, cols);
    cells[w[1] * cols + w[0]] = 0;
  }
  const maze: Maze = { rows, cols, start: [start?.[0], start?.[1]], goal: [goal?.[0], goal?.[1]], cells };
  checkMaze(maze);
  return maze;
}

// ---- Checks shared by every entry point ----------------------------------------------------

const MIN_SIZE = 2;
const MAX_SIZE = 64;
const MAX_TEXT_BYTES = 16 << 20;
// Far above any real trace (a 64x64 A* emits at most 5 * 4096 events), low enough that a
// hostile solution cannot make the engine grow memory until it traps.
const MAX_EVENTS = 1 << 20;
const MAX_PLAN_CELLS = 1 << 20;

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** Throws EngineInputError naming the field unless `v` is a supported grid dimension. */
export function checkSize(field: string, v: unknown): asserts v is number {
  if (!isInt(v) || v < MIN_SIZE || v > MAX_SIZE) {
    throw new EngineInputError(field, `${field} must be an integer from ${MIN_SIZE} to ${MAX_SIZE}, got ${show(v)}`);
  }
}

function checkPoint(field: string, p: unknown, rows: number, cols: number): asserts p is [number, number] {
  const ok = Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]) && p[0] >= 0 && p[0] < cols && p[1] >= 0 && p[1] < rows;
  if (!ok) throw new EngineInputError(field, `${field} must be [x, y] inside the ${rows}x${cols} grid, got ${show(p)}`);
}

/** Throws EngineInputError naming the field unless `maze` is a well-formed Maze. */
export function checkMaze(maze: unknown): asserts maze is Maze {
  if (typeof maze !== "object" || maze === null) throw new EngineInputError("maze", "maze must be an object");
  const m = maze as Maze;
  checkSize("rows", m.rows);
  checkSize("cols", m.cols);
  if (!(m.cells instanceof Uint8Array) || m.cells.length !== m.rows * m.cols) {
    throw new EngineInputError("cells", `cells must be a Uint8Array of rows * cols = ${m.rows * m.cols} entries`);
  }
  checkPoint("start", m.start, m.rows, m.cols);
  checkPoint("goal", m.goal, m.rows, m.cols);
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
  const exchangeAddress = raw.exchangeAddress();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();

  // Views over engine memory are rebuilt whenever memory grows (growth detaches the old buffer).
  let u8 = new Uint8Array(raw.memory.buffer);
  let exchange = new Int32Array(raw.memory.buffer, exchangeAddress, 16);
  function bytes(): Uint8Array {
    if (u8.buffer !== raw.memory.buffer) {
      u8 = new Uint8Array(raw.memory.buffer);
      exchange = new Int32Array(raw.memory.buffer, exchangeAddress, 16);
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

  let registry: GeneratorInfo[] | undefined;
  function generators(): GeneratorInfo[] {
    registry ??= JSON.parse(raw.registryJson()) as GeneratorInfo[];
    return registry.map((g) => ({ ...g, params: g.params.map((p) => ({ ...p })) }));
  }
  function generatorId(name: unknown): number {
    registry ?? generators();
    const id = registry!.findIndex((g) => g.name === name);
    if (id < 0) {
      const names = registry!.map((g) => g.name).join(", ");
      throw new EngineInputError("generator", `unknown generator ${show(name)}; available: ${names}`);
    }
    return id;
  }

  const KNOWN_OPTIONS = new Set(["generator", "rows", "cols", "seed", "split", "coverage", "strict"]);
  // Closes streams that are dropped without close(), so wasm-side state cannot pile up (where
  // the host offers FinalizationRegistry; elsewhere close() is the only way).
  const finalizer = typeof FinalizationRegistry === "function" ? new FinalizationRegistry<number>((handle) => raw.streamClose(handle)) : undefined;

  function openStream(opts: StreamOptions): MazeStream {
    if (typeof opts !== "object" || opts === null) throw new EngineInputError("options", "options must be an object");
    for (const key of Object.keys(opts)) {
      if (!KNOWN_OPTIONS.has(key)) throw new EngineInputError(key, `unknown option ${show(key)}`);
    }
    const id = generatorId(opts.generator);
    checkSize("rows", opts.rows);
    checkSize("cols", opts.cols);
    const seed = opts.seed ?? 42;
    if (!Number.isSafeInteger(seed)) throw new EngineInputError("seed", `seed must be a safe integer, got ${show(seed)}`);
    const split = opts.split ?? "train";
    if (split !== "train" && split !== "test") throw new EngineInputError("split", `split must be "train" or "test", got ${show(split)}`);
    // Parameters are checked whatever the generator; a generator ignores those it does not take.
    const coverage = opts.coverage ?? 0.5;
    if (typeof coverage !== "number" || !(coverage >= 0 && coverage <= 1)) {
      throw new EngineInputError("coverage", `coverage must be a number from 0 to 1, got ${show(coverage)}`);
    }
    const strict = opts.strict ?? false;
    if (typeof strict !== "boolean") throw new EngineInputError("strict", `strict must be true or false, got ${show(strict)}`);

    // (seed * 2 + bit) mod 2^32 == ((seed mod 2^32) * 2 + bit) mod 2^32: fold exactly first.
    const seed32 = Number(BigInt.asUintN(32, BigInt(seed)));
    let handle = raw.streamOpen(id, opts.rows, opts.cols, seed32, split === "test", coverage, strict);
    if (handle < 0) throw new EngineInputError("options", `the engine refused the stream options (code ${handle})`);
    const token = {};
    finalizer?.register(token, handle, token);

    function check(status: number): number {
      if (status >= 0) return status;
      if (handle < 0) throw new EngineInputError("stream", "the stream is closed");
      throw new EngineInputError(
        id === generatorId("searchformer") ? "strict" : "generator",
        `${opts.generator} could not produce a ${opts.rows}x${opts.cols} maze that meets its rules`,
      );
    }
    return {
      next() {
        check(handle < 0 ? -4 : raw.streamNext(handle));
        return publishedMaze();
      },
      nextLine() {
        const len = check(handle < 0 ? -4 : raw.streamNextLine(handle));
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
    checkMaze(maze);
    const ptr = raw.inputMaze(maze.rows, maze.cols, maze.start[0], maze.start[1], maze.goal[0], maze.goal[1]);
    if (!ptr) throw new EngineInputError("maze", "the engine refused the maze");
    bytes().set(maze.cells, ptr);
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
        throw new EngineInputError("events", `event ${i / EVENT_WIDTH} has kind ${events[i]}; kinds are 0 (create) and 1 (close)`);
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
    if (rows !== undefined) checkSize("rows", rows);
    if (cols !== undefined) checkSize("cols", cols);
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
  };
}

export type MazeApi = ReturnType<typeof mazeApi>;
