// Host-facing exports of the generation half. Everything crosses the boundary as numbers:
// results land in wasm memory and their addresses/lengths in the EXCHANGE slots below, which a
// host reads through one Int32Array view (see src/core/mazes.ts). Strings only cross for the
// registry and error messages, off the hot path.
import { Maze, MAX_SIZE, MIN_SIZE } from "../maze";
import { Lcg, streamSeed } from "../prng";
import {
  eventCount as solvedEvents, lastEvents, lastPlan, planCells as solvedPlanCells, solve, solveInPlace, Solution,
} from "../astar";
import { GENERATORS, Generate, registryJson as describeRegistry } from "../generators/registry";
import { GenOptions } from "../generators/common";
import {
  outBuffer, parseError as lastParseError, parsePrompt,
  writeFull, writeJsonLine, writePlan, writePrompt, writeTrace,
} from "../serialize";

// Grid sizes the engine takes, and the format of an A* trace (flat kind, x, y, g, h events).
export { MIN_SIZE, MAX_SIZE } from "../maze";
export { EVENT_CREATE, EVENT_CLOSE, EVENT_WIDTH } from "../astar";

// Slots of the exchange area.
export const X_PTR: i32 = 0; // address of the main result (text bytes, cells, or events)
export const X_LEN: i32 = 1; // its length (bytes or i32 elements)
export const X_PTR2: i32 = 2; // address of the second result (plan)
export const X_LEN2: i32 = 3;
export const X_ROWS: i32 = 4;
export const X_COLS: i32 = 5;
export const X_SX: i32 = 6;
export const X_SY: i32 = 7;
export const X_GX: i32 = 8;
export const X_GY: i32 = 9;
export const EXCHANGE_SLOTS: i32 = 16;
const EXCHANGE = new StaticArray<i32>(EXCHANGE_SLOTS);

export function exchangeAddress(): usize {
  return changetype<usize>(EXCHANGE);
}

export function registryJson(): string {
  return describeRegistry();
}

// ---- Streams: one stateful PRNG each, any number open at once. ----------------------------

class Stream {
  rng: Lcg;
  maze: Maze;
  opts: GenOptions = new GenOptions();
  constructor(public generate: Generate, rows: i32, cols: i32, seed: u32) {
    this.rng = new Lcg(seed);
    this.maze = new Maze(rows, cols);
  }
}

const streams = new Array<Stream | null>();

export const ERR_GENERATOR: i32 = -1;
export const ERR_SIZE: i32 = -2;
export const ERR_COVERAGE: i32 = -3;
export const ERR_HANDLE: i32 = -4;
export const ERR_EXHAUSTED: i32 = -5;

// Returns a handle >= 0, or an ERR_ code (the host validates first; these are the last guard).
export function streamOpen(generator: i32, rows: i32, cols: i32, seed: u32, test: bool, coverage: f64, strict: bool): i32 {
  if (generator < 0 || generator >= GENERATORS.length) return ERR_GENERATOR;
  if (rows < MIN_SIZE || cols < MIN_SIZE || rows > MAX_SIZE || cols > MAX_SIZE) return ERR_SIZE;
  if (!(coverage >= 0 && coverage <= 1)) return ERR_COVERAGE;
  const s = new Stream(GENERATORS[generator].generate, rows, cols, streamSeed(seed, test));
  s.opts.coverage = coverage;
  s.opts.strict = strict;
  for (let i = 0; i < streams.length; i++) {
    if (streams[i] === null) {
      streams[i] = s;
      return i;
    }
  }
  streams.push(s);
  return streams.length - 1;
}

export function streamClose(handle: i32): void {
  if (handle >= 0 && handle < streams.length) streams[handle] = null;
}

function advance(handle: i32): Maze | null {
  if (handle < 0 || handle >= streams.length) return null;
  const s = streams[handle];
  if (s === null) return null;
  const generate = s.generate;
  return generate(s.rng, s.maze, s.opts) ? s.maze : null;
}

function publishMaze(maze: Maze): void {
  EXCHANGE[X_PTR] = <i32>maze.cells.dataStart;
  EXCHANGE[X_LEN] = maze.cells.length;
  EXCHANGE[X_ROWS] = maze.rows;
  EXCHANGE[X_COLS] = maze.cols;
  EXCHANGE[X_SX] = maze.sx;
  EXCHANGE[X_SY] = maze.sy;
  EXCHANGE[X_GX] = maze.gx;
  EXCHANGE[X_GY] = maze.gy;
}

// Next maze of the stream: cells at X_PTR (valid until the stream's next call), endpoints in
// X_SX..X_GY. Returns 0, ERR_HANDLE, or ERR_EXHAUSTED (a generator gave up).
export function streamNext(handle: i32): i32 {
  if (handle < 0 || handle >= streams.length || streams[handle] === null) return ERR_HANDLE;
  const maze = advance(handle);
  if (maze === null) return ERR_EXHAUSTED;
  publishMaze(maze);
  return 0;
}

// The hot path: next maze, solved and written as one JSONL line. Returns the byte length (text
// at X_PTR, valid until the next text call) or an ERR_ code.
export function streamNextLine(handle: i32): i32 {
  if (handle < 0 || handle >= streams.length || streams[handle] === null) return ERR_HANDLE;
  const maze = advance(handle);
  if (maze === null) return ERR_EXHAUSTED;
  solveInPlace(maze); // no per-maze allocation on the hot path
  const len = writeJsonLine(maze, lastEvents(), solvedEvents(), lastPlan(), solvedPlanCells());
  EXCHANGE[X_PTR] = <i32>outBuffer().dataStart;
  EXCHANGE[X_LEN] = len;
  return len;
}

// ---- A maze given by the host (solve, serialize, parse). ----------------------------------

let input = new Maze(MIN_SIZE, MIN_SIZE);
let solution: Solution | null = null;
let givenEvents = new Int32Array(0);
let givenPlan = new Int32Array(0);
let textIn = new Uint8Array(0);

// Makes the input maze rows x cols with these endpoints; the host then writes its cells at the
// returned address (row-major, 1 free, 0 wall). Returns 0 for an invalid size.
export function inputMaze(rows: i32, cols: i32, sx: i32, sy: i32, gx: i32, gy: i32): usize {
  if (rows < MIN_SIZE || cols < MIN_SIZE || rows > MAX_SIZE || cols > MAX_SIZE) return 0;
  if (input.rows != rows || input.cols != cols) input = new Maze(rows, cols);
  if (!input.inside(sx, sy) || !input.inside(gx, gy)) return 0;
  input.sx = sx;
  input.sy = sy;
  input.gx = gx;
  input.gy = gy;
  return input.cells.dataStart;
}

// Solves the input maze: events (i32 x X_LEN) at X_PTR, plan (i32 x X_LEN2) at X_PTR2.
export function solveInput(): i32 {
  const sol = solve(input);
  solution = sol; // keeps the arrays alive while the host copies them
  EXCHANGE[X_PTR] = <i32>sol.events.dataStart;
  EXCHANGE[X_LEN] = sol.events.length;
  EXCHANGE[X_PTR2] = <i32>sol.plan.dataStart;
  EXCHANGE[X_LEN2] = sol.plan.length;
  return 0;
}

// Room for a host-given solution: events at the returned address, plan at X_PTR2.
export function inputSolution(eventInts: i32, planInts: i32): usize {
  if (givenEvents.length < eventInts) givenEvents = new Int32Array(eventInts);
  if (givenPlan.length < planInts) givenPlan = new Int32Array(planInts);
  EXCHANGE[X_PTR2] = <i32>givenPlan.dataStart;
  return givenEvents.dataStart;
}

export const TEXT_PROMPT: i32 = 0;
export const TEXT_FULL_ASTAR: i32 = 1; // full text with the engine's A* trace and plan
export const TEXT_FULL_GIVEN: i32 = 2; // full text with the host-given events and plan
export const TEXT_TRACE_GIVEN: i32 = 3;
export const TEXT_PLAN_GIVEN: i32 = 4;
export const TEXT_JSONL_ASTAR: i32 = 5;

// Writes a text about the input maze; bytes at X_PTR, length returned (and in X_LEN).
export function inputText(kind: i32, eventCount: i32, planCells: i32): i32 {
  let len = 0;
  if (kind == TEXT_FULL_ASTAR || kind == TEXT_JSONL_ASTAR) {
    solveInPlace(input);
    len = kind == TEXT_FULL_ASTAR
      ? writeFull(input, lastEvents(), solvedEvents(), lastPlan(), solvedPlanCells())
      : writeJsonLine(input, lastEvents(), solvedEvents(), lastPlan(), solvedPlanCells());
  } else if (kind == TEXT_FULL_GIVEN) {
    len = writeFull(input, givenEvents, eventCount, givenPlan, planCells);
  } else if (kind == TEXT_TRACE_GIVEN) {
    len = writeTrace(input, givenEvents, eventCount);
  } else if (kind == TEXT_PLAN_GIVEN) {
    len = writePlan(input, givenPlan, planCells);
  } else {
    len = writePrompt(input);
  }
  EXCHANGE[X_PTR] = <i32>outBuffer().dataStart;
  EXCHANGE[X_LEN] = len;
  return len;
}

// Room for `bytes` of prompt text (ASCII), to be parsed by parseInput.
export function textBuffer(bytes: i32): usize {
  if (textIn.length < bytes) textIn = new Uint8Array(max(bytes, 1024));
  return textIn.dataStart;
}

// Parses the text into the input maze (rows/cols <= 0: infer). Returns 0 and publishes the maze
// like streamNext, or -1: parseError() says why.
export function parseInput(bytes: i32, rows: i32, cols: i32): i32 {
  const maze = parsePrompt(textIn, min(bytes, textIn.length), rows, cols);
  if (maze === null) return -1;
  input = maze;
  publishMaze(maze);
  return 0;
}

export function parseError(): string {
  return lastParseError();
}
