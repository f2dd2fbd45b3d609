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

// Scratch buffers reused across calls: solving is on the hot path of dataset generation.
let gScore = new Int32Array(0);
let parent = new Int32Array(0);
let closed = new Uint8Array(0);
let inOpen = new Uint8Array(0);
let openList = new Int32Array(0);
let eventBuf = new Int32Array(0);

function ensureCapacity(n: i32): void {
  if (gScore.length >= n) return;
  gScore = new Int32Array(n);
  parent = new Int32Array(n);
  closed = new Uint8Array(n);
  inOpen = new Uint8Array(n);
  openList = new Int32Array(n);
  // Each cell is closed at most once and created at most 4 times.
  eventBuf = new Int32Array(n * 5 * EVENT_WIDTH);
}

export function solve(maze: Maze): Solution {
  const cols = maze.cols;
  const n = maze.rows * cols;
  ensureCapacity(n);
  const gx = maze.gx, gy = maze.gy;
  for (let i = 0; i < n; i++) {
    unchecked((gScore[i] = INF));
    unchecked((parent[i] = -1));
    unchecked((closed[i] = 0));
    unchecked((inOpen[i] = 0));
  }
  const start = maze.index(maze.sx, maze.sy);
  const goal = maze.index(gx, gy);
  unchecked((gScore[start] = 0));
  unchecked((openList[0] = start));
  unchecked((inOpen[start] = 1));
  let openLen = 1;
  let ev = 0;
  let reached = false;

  while (openLen > 0) {
    // First node with the strictly lowest f: FIFO among ties.
    let best = 0;
    let bestCell = unchecked(openList[0]);
    let bestF = unchecked(gScore[bestCell]) + manhattan(bestCell % cols, bestCell / cols, gx, gy);
    for (let i = 1; i < openLen; i++) {
      const c = unchecked(openList[i]);
      const f = unchecked(gScore[c]) + manhattan(c % cols, c / cols, gx, gy);
      if (f < bestF) {
        bestF = f;
        best = i;
        bestCell = c;
      }
    }
    for (let i = best + 1; i < openLen; i++) unchecked((openList[i - 1] = openList[i]));
    openLen--;
    unchecked((inOpen[bestCell] = 0));

    const x = bestCell % cols, y = bestCell / cols;
    const g = unchecked(gScore[bestCell]);
    unchecked((eventBuf[ev] = EVENT_CLOSE));
    unchecked((eventBuf[ev + 1] = x));
    unchecked((eventBuf[ev + 2] = y));
    unchecked((eventBuf[ev + 3] = g));
    unchecked((eventBuf[ev + 4] = manhattan(x, y, gx, gy)));
    ev += EVENT_WIDTH;
    if (bestCell == goal) {
      reached = true;
      break;
    }
    unchecked((closed[bestCell] = 1));
    for (let d = 0; d < 4; d++) {
      const nx = x + unchecked(DX[d]), ny = y + unchecked(DY[d]);
      if (!maze.isFree(nx, ny)) continue;
      const nc = ny * cols + nx;
      if (unchecked(closed[nc])) continue;
      const tentative = g + 1;
      if (tentative < unchecked(gScore[nc])) {
        unchecked((parent[nc] = bestCell));
        unchecked((gScore[nc] = tentative));
        unchecked((eventBuf[ev] = EVENT_CREATE));
        unchecked((eventBuf[ev + 1] = nx));
        unchecked((eventBuf[ev + 2] = ny));
        unchecked((eventBuf[ev + 3] = tentative));
        unchecked((eventBuf[ev + 4] = manhattan(nx, ny, gx, gy)));
        ev += EVENT_WIDTH;
        if (!unchecked(inOpen[nc])) {
          unchecked((openList[openLen++] = nc));
          unchecked((inOpen[nc] = 1));
        }
      }
    }
  }

  const events = eventBuf.slice(0, ev);
  if (!reached) return new Solution(events, new Int32Array(0));
  let len = 1;
  for (let c = goal; c != start; c = unchecked(parent[c])) len++;
  const plan = new Int32Array(len * 2);
  let i = len - 1;
  for (let c = goal; ; c = unchecked(parent[c])) {
    unchecked((plan[2 * i] = c % cols));
    unchecked((plan[2 * i + 1] = c / cols));
    if (c == start) break;
    i--;
  }
  return new Solution(events, plan);
}
