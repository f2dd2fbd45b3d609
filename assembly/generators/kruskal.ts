// Randomized Kruskal (spec section 3): every room pre-carved, right/down room edges shuffled by
// Fisher-Yates, union-find decides which walls open. Start/goal by rejection sampling.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, Rooms, fillWalls, rejectFree, setGoal, setStart } from "./common";

// Edge e joins cells edgeA[e] and edgeB[e] through the wall cell edgeWall[e].
let edgeA = new Int32Array(0);
let edgeB = new Int32Array(0);
let edgeWall = new Int32Array(0);
let parent = new Int32Array(0);

function ensure(n: i32): void {
  if (parent.length >= n) return;
  edgeA = new Int32Array(n);
  edgeB = new Int32Array(n);
  edgeWall = new Int32Array(n);
  parent = new Int32Array(n);
}

function find(c: i32): i32 {
  let root = c;
  while (unchecked(parent[root]) != root) root = unchecked(parent[root]);
  while (c != root) {
    const up = unchecked(parent[c]);
    unchecked((parent[c] = root));
    c = up;
  }
  return root;
}

export function generateKruskal(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  const cells = maze.cells;
  ensure(n);
  fillWalls(maze);
  const rooms = new Rooms(rng.next() < 0.5 ? 0 : 1, rows, cols);

  // Edges in room order, right before down, as the shuffle's input order matters.
  let m = 0;
  for (let r = 0; r < rooms.count; r++) {
    const c = rooms.cellOf(r);
    unchecked((cells[c] = 1));
    unchecked((parent[c] = c));
    const x = c % cols, y = c / cols;
    if (x + 2 < cols) {
      unchecked((edgeA[m] = c));
      unchecked((edgeB[m] = c + 2));
      unchecked((edgeWall[m++] = c + 1));
    }
    if (y + 2 < rows) {
      unchecked((edgeA[m] = c));
      unchecked((edgeB[m] = c + 2 * cols));
      unchecked((edgeWall[m++] = c + cols));
    }
  }

  for (let i = m - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const a = unchecked(edgeA[i]), b = unchecked(edgeB[i]), w = unchecked(edgeWall[i]);
    unchecked((edgeA[i] = edgeA[j]));
    unchecked((edgeB[i] = edgeB[j]));
    unchecked((edgeWall[i] = edgeWall[j]));
    unchecked((edgeA[j] = a));
    unchecked((edgeB[j] = b));
    unchecked((edgeWall[j] = w));
  }

  for (let e = 0; e < m; e++) {
    const ra = find(unchecked(edgeA[e])), rb = find(unchecked(edgeB[e]));
    if (ra != rb) {
      unchecked((parent[ra] = rb));
      unchecked((cells[edgeWall[e]] = 1));
    }
  }

  const s = rejectFree(rng, maze);
  let g = rejectFree(rng, maze);
  if (g == s) g = rejectFree(rng, maze); // redrawn once only, as released
  setStart(maze, s);
  setGoal(maze, g);
  return true;
}
