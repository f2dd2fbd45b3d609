// The paper's A* tracer (spec section 4), the source of every correct trace and of the optimal
// plan length the validator compares against.
import { Maze, manhattan, DX, DY } from "./maze";

export const EVENT_CREATE: i32 = 0;
export const EVENT_CLOSE: i32 = 1;
// Events are flat 5-tuples: kind, x, y, g, h.
export const EVENT_WIDTH: i32 = 5;

export class Solution {
  // Flat (kind, x, y, g, h) tuples in emission order.
  events: Int32Array;
  // Flat (x, y) pairs from start to goal; empty when the goal is unreachable.
  plan: Int32Array;
  constructor(events: Int32Array, plan: Int32Array) {
    this.events = events;
    this.plan = plan;
  }
  @inline get eventCount(): i32 {
    return this.events.length / EVENT_WIDTH;
  }
  @inline get planLength(): i32 {
    return this.plan.length >> 1;
  }
}

const INF: i32 = i32.MAX_VALUE;

// Scratch buffers reused across calls: solving is on the hot path of dataset generation. The
// loops below index them through raw addresses (`dataStart`): typed-array accessors carry the
// GC's shadow-stack bookkeeping and are not inlined, which tripled the solver's time.
let gScore = new Int32Array(0);
let fScore = new Int32Array(0);
let parent = new Int32Array(0);
let closed = new Uint8Array(0);
let inOpen = new Uint8Array(0);
let openList = new Int32Array(0);
let eventBuf = new Int32Array(0);
let planBuf = new Int32Array(0);
let lastEventCount: i32 = 0;
let lastPlanCells: i32 = 0;

function ensureCapacity(n: i32): void {
  if (gScore.length >= n) return;
  gScore = new Int32Array(n);
  fScore = new Int32Array(n);
  parent = new Int32Array(n);
  closed = new Uint8Array(n);
  inOpen = new Uint8Array(n);
  openList = new Int32Array(n);
  // Each cell is closed at most once and created at most 4 times.
  eventBuf = new Int32Array(n * 5 * EVENT_WIDTH);
  planBuf = new Int32Array(n * 2);
}

@inline function ld(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function st(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

// Solves into the scratch buffers without allocating: afterwards lastEvents()/lastPlan() hold
// eventCount() events and planCells() plan cells, valid until the next call.
export function solveInPlace(maze: Maze): void {
  const cols = maze.cols, rows = maze.rows;
  const n = rows * cols;
  ensureCapacity(n);
  const gx = maze.gx, gy = maze.gy;
  const cells = maze.cells.dataStart;
  const G = gScore.dataStart, F = fScore.dataStart, P = parent.dataStart;
  const CL = closed.dataStart, IO = inOpen.dataStart, OL = openList.dataStart, E = eventBuf.dataStart;
  for (let i = 0; i < n; i++) {
    st(G, i, INF);
    st(P, i, -1);
  }
  memory.fill(CL, 0, <usize>n);
  memory.fill(IO, 0, <usize>n);
  const start = maze.index(maze.sx, maze.sy);
  const goal = maze.index(gx, gy);
  st(G, start, 0);
  st(F, start, manhattan(maze.sx, maze.sy, gx, gy));
  st(OL, 0, start);
  store<u8>(IO + <usize>start, 1);
  let openLen = 1;
  let ev = 0;
  let reached = false;

  while (openLen > 0) {
    // First node with the strictly lowest f: FIFO among ties.
    let best = 0;
    let bestCell = ld(OL, 0);
    let bestF = ld(F, bestCell);
    for (let i = 1; i < openLen; i++) {
      const c = ld(OL, i);
      const f = ld(F, c);
      if (f < bestF) {
        bestF = f;
        best = i;
        bestCell = c;
      }
    }
    openLen--;
    memory.copy(OL + (<usize>best << 2), OL + (<usize>(best + 1) << 2), <usize>(openLen - best) << 2);
    store<u8>(IO + <usize>bestCell, 0);

    const x = bestCell % cols, y = bestCell / cols;
    const g = ld(G, bestCell);
    const e = E + (<usize>ev << 2);
    store<i32>(e, EVENT_CLOSE);
    store<i32>(e, x, 4);
    store<i32>(e, y, 8);
    store<i32>(e, g, 12);
    store<i32>(e, manhattan(x, y, gx, gy), 16);
    ev += EVENT_WIDTH;
    if (bestCell == goal) {
      reached = true;
      break;
    }
    store<u8>(CL + <usize>bestCell, 1);
    for (let d = 0; d < 4; d++) {
      const nx = x + unchecked(DX[d]), ny = y + unchecked(DY[d]);
      if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
      const nc = ny * cols + nx;
      if (!load<u8>(cells + <usize>nc) || load<u8>(CL + <usize>nc)) continue;
      const tentative = g + 1;
      if (tentative < ld(G, nc)) {
        const h = manhattan(nx, ny, gx, gy);
        st(P, nc, bestCell);
        st(G, nc, tentative);
        st(F, nc, tentative + h);
        const c = E + (<usize>ev << 2);
        store<i32>(c, EVENT_CREATE);
        store<i32>(c, nx, 4);
        store<i32>(c, ny, 8);
        store<i32>(c, tentative, 12);
        store<i32>(c, h, 16);
        ev += EVENT_WIDTH;
        if (!load<u8>(IO + <usize>nc)) {
          st(OL, openLen++, nc);
          store<u8>(IO + <usize>nc, 1);
        }
      }
    }
  }

  lastEventCount = ev / EVENT_WIDTH;
  lastPlanCells = 0;
  if (!reached) return;
  let len = 1;
  for (let c = goal; c != start; c = ld(P, c)) len++;
  const PL = planBuf.dataStart;
  let i = len - 1;
  for (let c = goal; ; c = ld(P, c)) {
    st(PL, 2 * i, c % cols);
    st(PL, 2 * i + 1, c / cols);
    if (c == start) break;
    i--;
  }
  lastPlanCells = len;
}

export function lastEvents(): Int32Array {
  return eventBuf;
}
export function eventCount(): i32 {
  return lastEventCount;
}
export function lastPlan(): Int32Array {
  return planBuf;
}
export function planCells(): i32 {
  return lastPlanCells;
}

export function solve(maze: Maze): Solution {
  solveInPlace(maze);
  return new Solution(
    eventBuf.slice(0, lastEventCount * EVENT_WIDTH),
    planBuf.slice(0, lastPlanCells * 2),
  );
}
