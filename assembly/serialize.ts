// The paper's token format (spec section 5), written as ASCII bytes into one reusable buffer so
// that a host crosses the wasm boundary once per maze and never builds strings on the hot path:
//   query start SX SY goal GX GY wall x y ... reasoning <events> solution plan x y ... end
// A JSONL line wraps that text as {"text":"..."} plus "\n", byte for byte as the released
// generator's JSON.stringify writes it (the text never needs escaping). Also: the reverse,
// prompt text -> maze, for hosts that receive prompts.
import { MAX_SIZE, MIN_SIZE, Maze } from "./maze";
import { EVENT_CREATE, EVENT_WIDTH } from "./astar";

let out = new Uint8Array(1 << 16);

// The buffer every writer fills from offset 0; valid until the next write.
export function outBuffer(): Uint8Array {
  return out;
}

// Words are written without touching managed objects in the loops (the GC's shadow-stack
// bookkeeping would otherwise dominate): rare words are copied from a pinned static byte array,
// the per-token words (at most 8 bytes) are stored as one little-endian u64.

function bytesOf(s: string): StaticArray<u8> {
  const b = new StaticArray<u8>(s.length);
  for (let i = 0; i < s.length; i++) b[i] = <u8>s.charCodeAt(i);
  return b;
}

function packed(s: string): u64 {
  let v: u64 = 0;
  for (let i = s.length - 1; i >= 0; i--) v = (v << 8) | <u64>s.charCodeAt(i);
  return v;
}

// Once-per-text words (kept alive by these globals, so their addresses are stable).
const QUERY_START = bytesOf("query start ");
const REASONING = bytesOf(" reasoning");
const SOLUTION = bytesOf(" solution");
const END = bytesOf(" end");
const JSON_OPEN = bytesOf('{"text":"');
const JSON_CLOSE = bytesOf('"}\n');

// Per-token words.
const GOAL = packed(" goal ");
const WALL = packed(" wall ");
const CLOSE = packed(" close ");
const CREATE = packed(" create ");
const PLAN = packed(" plan ");

@inline function put(p: usize, word: StaticArray<u8>): usize {
  const n = <usize>word.length;
  memory.copy(p, changetype<usize>(word), n);
  return p + n;
}

// Stores all 8 bytes (the buffer has slack) and advances by the word's length.
@inline function putWord(p: usize, word: u64, len: usize): usize {
  store<u64>(p, word);
  return p + len;
}

// Decimal integer; coordinates and costs are small, so the first two branches carry the load.
function putInt(p: usize, v: i32): usize {
  if (<u32>v < 10) {
    store<u8>(p, 48 + v);
    return p + 1;
  }
  if (<u32>v < 100) {
    store<u8>(p, 48 + v / 10);
    store<u8>(p + 1, 48 + v % 10);
    return p + 2;
  }
  if (v < 0) {
    store<u8>(p, 45); // '-'
    p++;
  }
  let u = <u32>abs(v);
  let digits: usize = 1;
  for (let t = u; t >= 10; t /= 10) digits++;
  for (let i = digits; i > 0; i--) {
    store<u8>(p + i - 1, 48 + u % 10);
    u /= 10;
  }
  return p + digits;
}

// Room for a text with this many events and plan cells: no token of ours exceeds 12 bytes
// with its space (a negative 32-bit cost from a host-given trace), keywords included, plus
// slack for the 8-byte word stores.
function reserve(maze: Maze, events: i32, planCells: i32): usize {
  const tokens = 16 + 3 * maze.rows * maze.cols + 5 * events + 3 * planCells;
  const need = tokens * 13 + 64;
  if (out.length < need) out = new Uint8Array(max(need, out.length * 2));
  return out.dataStart;
}

function putPrompt(p: usize, maze: Maze): usize {
  p = put(p, QUERY_START);
  p = putInt(p, maze.sx);
  store<u8>(p++, 32);
  p = putInt(p, maze.sy);
  p = putWord(p, GOAL, 6);
  p = putInt(p, maze.gx);
  store<u8>(p++, 32);
  p = putInt(p, maze.gy);
  const rows = maze.rows, cols = maze.cols, cells = maze.cells.dataStart;
  // Walls row-major: y outer, x inner.
  for (let y = 0, i = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++, i++) {
      if (load<u8>(cells + <usize>i)) continue;
      p = putWord(p, WALL, 6);
      p = putInt(p, x);
      store<u8>(p++, 32);
      p = putInt(p, y);
    }
  }
  return p;
}

// Each event leads with a space: " close x y cG cH" / " create x y cG cH".
function putTrace(p: usize, events: Int32Array, count: i32): usize {
  let e = events.dataStart;
  for (let i = 0; i < count; i++, e += EVENT_WIDTH << 2) {
    p = load<i32>(e) == EVENT_CREATE ? putWord(p, CREATE, 8) : putWord(p, CLOSE, 7);
    p = putInt(p, load<i32>(e, 4));
    store<u8>(p++, 32);
    p = putInt(p, load<i32>(e, 8));
    store<u16>(p, 0x6320); // " c"
    p = putInt(p + 2, load<i32>(e, 12));
    store<u16>(p, 0x6320);
    p = putInt(p + 2, load<i32>(e, 16));
  }
  return p;
}

// Each step leads with a space: " plan x y".
function putPlan(p: usize, plan: Int32Array, cellCount: i32): usize {
  let q = plan.dataStart;
  for (let i = 0; i < cellCount; i++, q += 8) {
    p = putWord(p, PLAN, 6);
    p = putInt(p, load<i32>(q));
    store<u8>(p++, 32);
    p = putInt(p, load<i32>(q, 4));
  }
  return p;
}

function putFull(p: usize, maze: Maze, events: Int32Array, eventCount: i32, plan: Int32Array, planCells: i32): usize {
  p = putPrompt(p, maze);
  p = put(p, REASONING);
  p = putTrace(p, events, eventCount);
  p = put(p, SOLUTION);
  p = putPlan(p, plan, planCells);
  return put(p, END);
}

// Byte lengths of what was written at out[0..].

export function writeFull(maze: Maze, events: Int32Array, eventCount: i32, plan: Int32Array, planCells: i32): i32 {
  const start = reserve(maze, eventCount, planCells);
  return <i32>(putFull(start, maze, events, eventCount, plan, planCells) - start);
}

export function writeJsonLine(maze: Maze, events: Int32Array, eventCount: i32, plan: Int32Array, planCells: i32): i32 {
  const start = reserve(maze, eventCount, planCells);
  let p = put(start, JSON_OPEN);
  p = putFull(p, maze, events, eventCount, plan, planCells);
  return <i32>(put(p, JSON_CLOSE) - start);
}

export function writePrompt(maze: Maze): i32 {
  const start = reserve(maze, 0, 0);
  return <i32>(putPrompt(start, maze) - start);
}

// Trace alone ("close x y cG cH create ..."), without the leading space of the joined form.
export function writeTrace(maze: Maze, events: Int32Array, eventCount: i32): i32 {
  const start = reserve(maze, eventCount, 0);
  const end = putTrace(start, events, eventCount);
  return stripLeadingSpace(start, end);
}

// Plan alone ("plan x y plan x y ...").
export function writePlan(maze: Maze, plan: Int32Array, planCells: i32): i32 {
  const start = reserve(maze, 0, planCells);
  const end = putPlan(start, plan, planCells);
  return stripLeadingSpace(start, end);
}

function stripLeadingSpace(start: usize, end: usize): i32 {
  if (end == start) return 0;
  memory.copy(start, start + 1, end - start - 1);
  return <i32>(end - start - 1);
}

// ---------------------------------------------------------------------------------------------
// Prompt text -> maze. Grammar (tokens split on ASCII whitespace):
//   [<|bos|>] query start X Y goal X Y (wall X Y)* [reasoning ...ignored]
// Coordinates are decimal integers. Missing sizes are inferred (see parsePrompt). On failure the
// parser returns null and parseError() says why, with the byte offset of the offending token.

let parseErr = "";
let wallXY = new Int32Array(0);

export function parseError(): string {
  return parseErr;
}

class Cursor {
  pos: i32 = 0;
  tokStart: i32 = 0;
  tokEnd: i32 = 0;
  constructor(public text: Uint8Array, public len: i32) {}

  // Advances to the next token; false at the end of the text.
  next(): bool {
    const t = this.text;
    let p = this.pos;
    while (p < this.len && isSpace(unchecked(t[p]))) p++;
    this.tokStart = p;
    while (p < this.len && !isSpace(unchecked(t[p]))) p++;
    this.tokEnd = p;
    this.pos = p;
    return this.tokEnd > this.tokStart;
  }

  is(word: string): bool {
    const n = this.tokEnd - this.tokStart;
    if (n != word.length) return false;
    for (let i = 0; i < n; i++) {
      if (<i32>unchecked(this.text[this.tokStart + i]) != word.charCodeAt(i)) return false;
    }
    return true;
  }

  // The token as a small non-negative integer, or -1.
  int(): i32 {
    const n = this.tokEnd - this.tokStart;
    if (n < 1 || n > 6) return -1;
    let v = 0;
    for (let i = this.tokStart; i < this.tokEnd; i++) {
      const d = <i32>unchecked(this.text[i]) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  token(): string {
    let s = "";
    const n = min(this.tokEnd - this.tokStart, 24);
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.text[this.tokStart + i]);
    return this.tokEnd - this.tokStart > n ? s + "..." : s;
  }

  fail(expected: string): Maze | null {
    parseErr = this.tokEnd > this.tokStart
      ? "expected " + expected + " at byte " + this.tokStart.toString() + ", found '" + this.token() + "'"
      : "expected " + expected + " at byte " + this.tokStart.toString() + ", found the end of the text";
    return null;
  }
}

@inline function isSpace(c: u8): bool {
  return c == 32 || c == 9 || c == 10 || c == 13;
}

// Reads X and Y into xy[0..1]; false (with parseErr set) when either is not an integer.
function coords(c: Cursor, xy: StaticArray<i32>): bool {
  for (let k = 0; k < 2; k++) {
    const v = c.next() ? c.int() : -1;
    if (v < 0) {
      c.fail(k == 0 ? "an x coordinate" : "a y coordinate");
      return false;
    }
    xy[k] = v;
  }
  return true;
}

// rows/cols <= 0: infer. Both missing: a square of side max(coordinate) + 1. One missing: the
// larger of the given side and that axis's max coordinate + 1. Inferred sides are at least 2.
export function parsePrompt(text: Uint8Array, len: i32, rows: i32, cols: i32): Maze | null {
  const c = new Cursor(text, len);
  const xy = new StaticArray<i32>(2);
  if (!c.next()) return c.fail("'query'");
  if (c.is("<|bos|>") && !c.next()) return c.fail("'query'");
  if (!c.is("query")) return c.fail("'query'");
  if (!c.next() || !c.is("start")) return c.fail("'start'");
  if (!coords(c, xy)) return null;
  const sx = xy[0], sy = xy[1];
  if (!c.next() || !c.is("goal")) return c.fail("'goal'");
  if (!coords(c, xy)) return null;
  const gx = xy[0], gy = xy[1];
  let maxX = max(sx, gx), maxY = max(sy, gy);
  let walls = 0;
  while (c.next() && !c.is("reasoning")) {
    if (!c.is("wall")) return c.fail("'wall', 'reasoning' or the end");
    if (!coords(c, xy)) return null;
    if (xy[0] >= MAX_SIZE || xy[1] >= MAX_SIZE) return c.fail("a coordinate below " + MAX_SIZE.toString());
    if (wallXY.length < 2 * walls + 2) {
      const grown = new Int32Array(max(64, wallXY.length * 2));
      grown.set(wallXY);
      wallXY = grown;
    }
    unchecked((wallXY[2 * walls] = xy[0]));
    unchecked((wallXY[2 * walls + 1] = xy[1]));
    walls++;
    maxX = max(maxX, xy[0]);
    maxY = max(maxY, xy[1]);
  }

  if (rows <= 0 && cols <= 0) {
    rows = cols = max(MIN_SIZE, max(maxX, maxY) + 1);
  } else if (rows <= 0) {
    rows = max(MIN_SIZE, max(cols, maxY + 1));
  } else if (cols <= 0) {
    cols = max(MIN_SIZE, max(rows, maxX + 1));
  }
  if (rows < MIN_SIZE || cols < MIN_SIZE || rows > MAX_SIZE || cols > MAX_SIZE) {
    parseErr = "the maze must be between " + MIN_SIZE.toString() + "x" + MIN_SIZE.toString() + " and " +
      MAX_SIZE.toString() + "x" + MAX_SIZE.toString() + ", got " + rows.toString() + "x" + cols.toString();
    return null;
  }
  if (maxX >= cols || maxY >= rows) {
    parseErr = "a coordinate lies outside the " + rows.toString() + "x" + cols.toString() + " grid (x < cols, y < rows)";
    return null;
  }
  const maze = new Maze(rows, cols);
  maze.cells.fill(1);
  for (let i = 0; i < walls; i++) {
    unchecked((maze.cells[wallXY[2 * i + 1] * cols + wallXY[2 * i]] = 0));
  }
  maze.sx = sx;
  maze.sy = sy;
  maze.gx = gx;
  maze.gy = gy;
  if (!maze.isFree(sx, sy) || !maze.isFree(gx, gy)) {
    parseErr = "the start or the goal is a wall";
    return null;
  }
  return maze;
}
