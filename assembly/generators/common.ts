// Helpers shared by the generators. Scratch buffers live at module level and only grow: a maze
// is generated in one call, so streams that interleave never see each other's scratch.
import { Maze } from "../maze";
import { Lcg } from "../prng";

let cellScratch = new Int32Array(0);

// A cell-sized Int32Array whose contents are undefined; callers initialise what they read.
export function scratchCells(n: i32): Int32Array {
  if (cellScratch.length < n) cellScratch = new Int32Array(n);
  return cellScratch;
}

export function fillWalls(maze: Maze): void {
  maze.cells.fill(0);
}

// Row-major list of free cells into `out`; returns how many there are.
export function listFree(maze: Maze, out: Int32Array): i32 {
  const n = maze.cells.length;
  const cells = maze.cells.dataStart, dst = out.dataStart;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (ld8(cells, i)) st32(dst, k++, i);
  }
  return k;
}

export function setStart(maze: Maze, cell: i32): void {
  maze.sx = cell % maze.cols;
  maze.sy = cell / maze.cols;
}

export function setGoal(maze: Maze, cell: i32): void {
  maze.gx = cell % maze.cols;
  maze.gy = cell / maze.cols;
}

// Rejection sampling of a free cell: x is drawn before y (kruskal, dfs).
export function rejectFree(rng: Lcg, maze: Maze): i32 {
  const cols = maze.cols, rows = maze.rows;
  let c: i32;
  do {
    const x = rng.below(cols);
    const y = rng.below(rows);
    c = y * cols + x;
  } while (!unchecked(maze.cells[c]));
  return c;
}

// Rooms of the parity-offset lattice (wilson, kruskal): x, y in {offset, offset + 2, ...}.
export class Rooms {
  perRow: i32;
  count: i32;
  constructor(public offset: i32, rows: i32, public cols: i32) {
    this.perRow = (cols - offset + 1) >> 1;
    this.count = this.perRow * ((rows - offset + 1) >> 1);
  }
  // Cell index of the room with row-major room number r.
  @inline cellOf(r: i32): i32 {
    const x = this.offset + 2 * (r % this.perRow);
    const y = this.offset + 2 * (r / this.perRow);
    return y * this.cols + x;
  }
}

// Every generator's parameters; each generator reads the ones it declares in the registry.
export class GenOptions {
  coverage: f64 = 0.5;
  strict: bool = false;
}

// Raw loads/stores for hot loops. Typed-array accessors carry the GC's shadow-stack bookkeeping
// and are not inlined, which made them most of the generators' time; callers take `dataStart`
// once (buffers do not move while a maze is generated) and index through these.
@inline export function ld8(base: usize, i: i32): i32 {
  return <i32>load<u8>(base + <usize>i);
}
@inline export function st8(base: usize, i: i32, v: i32): void {
  store<u8>(base + <usize>i, <u8>v);
}
@inline export function ld32(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline export function st32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
