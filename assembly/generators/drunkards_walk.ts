// Drunkard's walk (spec section 3): a random walk from a random cell carves until
// floor(R * C * coverage) cells are free (at least 2). Open caves with loops.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, fillWalls, ld8, listFree, scratchCells, setGoal, setStart, st8 } from "./common";

// Candidate steps in the released order: left, right, up, down (only those inside the grid).
let stepScratch = new StaticArray<i32>(4);

export function generateDrunkardsWalk(rng: Lcg, maze: Maze, opts: GenOptions): bool {
  const coverage = opts.coverage;
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  fillWalls(maze);
  const grid = maze.cells.dataStart; // raw address for the walk (see common.ts)
  // The product is taken in f64 and floored, as the released generator does.
  const target = max(2, min(n, <i32>Math.floor(<f64>n * coverage)));
  const steps = stepScratch;

  let x = rng.below(cols);
  let y = rng.below(rows);
  st8(grid, y * cols + x, 1);
  let carved = 1;
  while (carved < target) {
    let k = 0;
    if (x > 0) unchecked((steps[k++] = -1));
    if (x < cols - 1) unchecked((steps[k++] = 1));
    if (y > 0) unchecked((steps[k++] = -cols));
    if (y < rows - 1) unchecked((steps[k++] = cols));
    const step = unchecked(steps[rng.below(k)]);
    if (step == 1) x++;
    else if (step == -1) x--;
    else if (step > 0) y++;
    else y--;
    const c = y * cols + x;
    if (!ld8(grid, c)) {
      st8(grid, c, 1);
      carved++;
    }
  }

  // Two distinct indices into the row-major free list: the goal index is redrawn until it differs.
  const free = scratchCells(n);
  const k = listFree(maze, free);
  const a = rng.below(k);
  let b: i32;
  do b = rng.below(k);
  while (b == a);
  setStart(maze, unchecked(free[a]));
  setGoal(maze, unchecked(free[b]));
  return true;
}
