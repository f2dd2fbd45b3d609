// Recursive backtracker (spec section 3): carving starts at (0, 0) and steps 2 cells to an
// uncarved neighbour chosen among up, right, down, left. Long corridors, long plans.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, fillWalls, rejectFree, scratchCells, setGoal, setStart } from "./common";

let stack = new Int32Array(0);

export function generateDfs(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  const cells = maze.cells;
  if (stack.length < n) stack = new Int32Array(n);
  fillWalls(maze);
  const options = scratchCells(4);

  unchecked((cells[0] = 1));
  unchecked((stack[0] = 0));
  let top = 1;
  while (top > 0) {
    const c = unchecked(stack[top - 1]);
    const x = c % cols, y = c / cols;
    let k = 0;
    if (y > 1 && !unchecked(cells[c - 2 * cols])) unchecked((options[k++] = c - 2 * cols));
    if (x < cols - 2 && !unchecked(cells[c + 2])) unchecked((options[k++] = c + 2));
    if (y < rows - 2 && !unchecked(cells[c + 2 * cols])) unchecked((options[k++] = c + 2 * cols));
    if (x > 1 && !unchecked(cells[c - 2])) unchecked((options[k++] = c - 2));
    if (k == 0) {
      top--;
      continue;
    }
    const next = unchecked(options[rng.below(k)]);
    unchecked((cells[(c + next) >> 1] = 1));
    unchecked((cells[next] = 1));
    unchecked((stack[top++] = next));
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
