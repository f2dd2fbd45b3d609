// Wilson's algorithm (spec section 3): loop-erased random walks over the room lattice. The
// training distribution of the paper; draw order follows the released generator exactly.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, Rooms, fillWalls, listFree, scratchCells, setGoal, setStart } from "./common";

let inMaze = new Uint8Array(0);
let path = new Int32Array(0);
let pathIndex = new Int32Array(0);

// Walk directions in the released order: +x, -x, +y, -y (steps of 2).
const STEP_X: StaticArray<i32> = [2, -2, 0, 0];
const STEP_Y: StaticArray<i32> = [0, 0, 2, -2];

function ensure(n: i32): void {
  if (inMaze.length >= n) return;
  inMaze = new Uint8Array(n);
  path = new Int32Array(n);
  pathIndex = new Int32Array(n);
}

export function generateWilson(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  const cells = maze.cells;
  ensure(n);
  fillWalls(maze);
  inMaze.fill(0, 0, n);
  pathIndex.fill(-1, 0, n);

  const rooms = new Rooms(rng.next() < 0.5 ? 0 : 1, rows, cols);
  const first = rooms.cellOf(rng.below(rooms.count));
  unchecked((cells[first] = 1));
  unchecked((inMaze[first] = 1));
  let inCount = 1;

  while (inCount < rooms.count) {
    // A random room outside the maze: redraw while the draw is already in.
    let root: i32;
    do root = rooms.cellOf(rng.below(rooms.count));
    while (unchecked(inMaze[root]));

    unchecked((path[0] = root));
    unchecked((pathIndex[root] = 0));
    let len = 1;
    for (;;) {
      const cur = unchecked(path[len - 1]);
      const d = rng.below(4);
      const nx = cur % cols + unchecked(STEP_X[d]);
      const ny = cur / cols + unchecked(STEP_Y[d]);
      if (nx < 0 || nx >= cols || ny < 0 || ny >= rows) continue; // redraw
      const next = ny * cols + nx;
      if (unchecked(inMaze[next])) {
        unchecked((path[len++] = next));
        break;
      }
      const seen = unchecked(pathIndex[next]);
      if (seen >= 0) {
        // Erase the loop: keep the path up to the first visit of `next`.
        for (let i = seen + 1; i < len; i++) unchecked((pathIndex[path[i]] = -1));
        len = seen + 1;
      } else {
        unchecked((pathIndex[next] = len));
        unchecked((path[len++] = next));
      }
    }

    // Carve rooms and the walls between consecutive rooms (cells 2 apart: the midpoint index
    // is the mean of the two indices, horizontally and vertically).
    for (let i = 0; i < len; i++) {
      const c = unchecked(path[i]);
      unchecked((pathIndex[c] = -1));
      if (!unchecked(inMaze[c])) {
        unchecked((inMaze[c] = 1));
        unchecked((cells[c] = 1));
        inCount++;
      }
      if (i > 0) unchecked((cells[(unchecked(path[i - 1]) + c) >> 1] = 1));
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
