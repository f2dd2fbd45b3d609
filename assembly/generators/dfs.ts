// Recursive backtracker (spec section 3): carving starts at (0, 0) and steps 2 cells to an
// uncarved neighbour chosen among up, right, down, left. Long corridors, long plans.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, fillWalls, ld32, ld8, rejectFree, scratchCells, setGoal, setStart, st32, st8 } from "./common";

let stack = new Int32Array(0);

export function generateDfs(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  if (stack.length < n) stack = new Int32Array(n);
  fillWalls(maze);
  // Raw addresses for the loop (see common.ts); nothing below allocates.
  const grid = maze.cells.dataStart, S = stack.dataStart, options = scratchCells(4).dataStart;

  st8(grid, 0, 1);
  st32(S, 0, 0);
  let top = 1;
  while (top > 0) {
    const c = ld32(S, top - 1);
    const x = c % cols, y = c / cols;
    let k = 0;
    if (y > 1 && !ld8(grid, c - 2 * cols)) st32(options, k++, c - 2 * cols);
    if (x < cols - 2 && !ld8(grid, c + 2)) st32(options, k++, c + 2);
    if (y < rows - 2 && !ld8(grid, c + 2 * cols)) st32(options, k++, c + 2 * cols);
    if (x > 1 && !ld8(grid, c - 2)) st32(options, k++, c - 2);
    if (k == 0) {
      top--;
      continue;
    }
    const next = ld32(options, rng.below(k));
    st8(grid, (c + next) >> 1, 1);
    st8(grid, next, 1);
    st32(S, top++, next);
  }

  const s = rejectFree(rng, maze);
  let g = s;
  // Distinct goal, redrawn until it differs. Grids of at most 2x2 carve a single cell, where the
  // released generator never returns; we end with start == goal there instead.
  if (rows > 2 || cols > 2) {
    do g = rejectFree(rng, maze);
    while (g == s);
  }
  setStart(maze, s);
  setGoal(maze, g);
  return true;
}
