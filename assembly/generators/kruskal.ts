// Randomized Kruskal (spec section 3): every room pre-carved, right/down room edges shuffled by
// Fisher-Yates, union-find decides which walls open. Start/goal by rejection sampling.
import { Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions, Rooms, fillWalls, ld32, rejectFree, setGoal, setStart, st32, st8 } from "./common";

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

// Root of c's set, with path compression; P is parent's raw address.
function find(P: usize, c: i32): i32 {
  let root = c;
  while (ld32(P, root) != root) root = ld32(P, root);
  while (c != root) {
    const up = ld32(P, c);
    st32(P, c, root);
    c = up;
  }
  return root;
}

export function generateKruskal(rng: Lcg, maze: Maze, _opts: GenOptions): bool {
  const rows = maze.rows, cols = maze.cols, n = rows * cols;
  ensure(n);
  fillWalls(maze);
  const rooms = new Rooms(rng.next() < 0.5 ? 0 : 1, rows, cols);
  // Raw addresses for the loops (see common.ts); nothing below allocates.
  const grid = maze.cells.dataStart, P = parent.dataStart;
  const A = edgeA.dataStart, B = edgeB.dataStart, W = edgeWall.dataStart;

  // Edges in room order, right before down, as the shuffle's input order matters.
  let m = 0;
  for (let r = 0; r < rooms.count; r++) {
    const c = rooms.cellOf(r);
    st8(grid, c, 1);
    st32(P, c, c);
    const x = c % cols, y = c / cols;
    if (x + 2 < cols) {
      st32(A, m, c);
      st32(B, m, c + 2);
      st32(W, m++, c + 1);
    }
    if (y + 2 < rows) {
      st32(A, m, c);
      st32(B, m, c + 2 * cols);
      st32(W, m++, c + cols);
    }
  }

  // Fisher-Yates, from the last edge down.
  for (let i = m - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const a = ld32(A, i), b = ld32(B, i), w = ld32(W, i);
    st32(A, i, ld32(A, j));
    st32(B, i, ld32(B, j));
    st32(W, i, ld32(W, j));
    st32(A, j, a);
    st32(B, j, b);
    st32(W, j, w);
  }

  for (let e = 0; e < m; e++) {
    const ra = find(P, ld32(A, e)), rb = find(P, ld32(B, e));
    if (ra != rb) {
      st32(P, ra, rb);
      st8(grid, ld32(W, e), 1);
    }
  }

  const s = rejectFree(rng, maze);
  let g = rejectFree(rng, maze);
  if (g == s) g = rejectFree(rng, maze); // redrawn once only, as released
  setStart(maze, s);
  setGoal(maze, g);
  return true;
}
