// Wilson's algorithm (spec section 3): loop-erased random walks over the room lattice. The
// training distribution of the paper; draw order follows the released generator exactly.
//
// The walk runs on room coordinates (rx, ry), room r = ry * perRow + rx, which is exactly the
// released generator's row-major room list: a draw of a random room is a draw of r, and a step
// of 2 cells that stays inside the grid is a step of 1 room that stays inside the lattice.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, Rooms, fillWalls, ld32, ld8, listFree, scratchCells, setGoal, setStart, st32, st8 } from "./common";

let inMaze = new Uint8Array(0);
let path = new Int32Array(0);
let pathIndex = new Int32Array(0);
let roomCell = new Int32Array(0);

function ensure(n: i32): void {
  if (inMaze.length >= n) return;
  inMaze = new Uint8Array(n);
  path = new Int32Array(n);
  pathIndex = new Int32Array(n);
  roomCell = new Int32Array(n);
}

export function generateWilson(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  const cells = maze.cells;
  ensure(n);
  fillWalls(maze);

  const rooms = new Rooms(rng.next() < 0.5 ? 0 : 1, rows, cols);
  const perRow = rooms.perRow, count = rooms.count, roomRows = count / perRow;
  for (let r = 0; r < count; r++) unchecked((roomCell[r] = rooms.cellOf(r)));
  inMaze.fill(0, 0, count);
  pathIndex.fill(-1, 0, count);

  // Raw addresses for the hot loop (see common.ts); nothing below allocates.
  const inM = inMaze.dataStart, pth = path.dataStart, pidx = pathIndex.dataStart;
  const rcell = roomCell.dataStart, grid = cells.dataStart;

  const first = rng.below(count);
  st8(grid, ld32(rcell, first), 1);
  st8(inM, first, 1);
  let inCount = 1;

  while (inCount < count) {
    // A random room outside the maze: redraw while the draw is already in.
    let root: i32;
    do root = rng.below(count);
    while (ld8(inM, root));

    st32(pth, 0, root);
    st32(pidx, root, 0);
    let len = 1;
    let rx = root % perRow, ry = root / perRow;
    for (;;) {
      // Directions in the released order: +x, -x, +y, -y. A step off the grid is redrawn.
      const d = rng.below(4);
      let nx = rx, ny = ry;
      if (d == 0) { if (++nx >= perRow) continue; }
      else if (d == 1) { if (--nx < 0) continue; }
      else if (d == 2) { if (++ny >= roomRows) continue; }
      else if (--ny < 0) continue;
      rx = nx;
      ry = ny;
      const next = ny * perRow + nx;
      if (ld8(inM, next)) {
        st32(pth, len++, next);
        break;
      }
      const seen = ld32(pidx, next);
      if (seen >= 0) {
        // Erase the loop: keep the path up to the first visit of `next`.
        for (let i = seen + 1; i < len; i++) st32(pidx, ld32(pth, i), -1);
        len = seen + 1;
      } else {
        st32(pidx, next, len);
        st32(pth, len++, next);
      }
    }

    // Carve rooms and the walls between consecutive rooms (cells 2 apart: the wall's index is
    // the mean of the two indices, horizontally and vertically).
    let prevCell = -1;
    for (let i = 0; i < len; i++) {
      const r = ld32(pth, i);
      const c = ld32(rcell, r);
      st32(pidx, r, -1);
      if (!ld8(inM, r)) {
        st8(inM, r, 1);
        st8(grid, c, 1);
        inCount++;
      }
      if (i > 0) st8(grid, (prevCell + c) >> 1, 1);
      prevCell = c;
    }
  }

  // Start and goal from the row-major free list; a goal equal to the start is redrawn once only.
  const free = scratchCells(n);
  const k = listFree(maze, free);
  const s = unchecked(free[rng.below(k)]);
  let g = unchecked(free[rng.below(k)]);
  if (g == s) g = unchecked(free[rng.below(k)]);
  setStart(maze, s);
  setGoal(maze, g);
  return true;
}
