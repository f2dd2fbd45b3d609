// Length (cells, start and goal included) of a shortest plan, or 0 if the goal is unreachable.
// With unit costs and the consistent Manhattan heuristic the paper's A* returns a shortest plan,
// so this breadth-first search gives A*'s plan length (tests check it against astar.solve)
// without the A* trace, list scans and allocations: it runs on every validation.
import { Maze } from "../maze";
// (raw addresses in the loop: typed-array accessors do not inline here)

let dist = new Int32Array(0);
let queue = new Int32Array(0);

export function shortestPlanLength(maze: Maze): i32 {
  const cols = maze.cols, rows = maze.rows;
  const n = rows * cols;
  if (dist.length < n) {
    dist = new Int32Array(n);
    queue = new Int32Array(n);
  }
  const distP = dist.dataStart, queueP = queue.dataStart, cellsP = maze.cells.dataStart;
  memory.fill(distP, 0, <usize>n << 2); // 0 = unvisited, else plan length so far
  const sx = maze.sx, sy = maze.sy;
  const start = sy * cols + sx;
  const goal = maze.gy * cols + maze.gx;
  if (load<u8>(cellsP + <usize>start) == 0) return 0;
  store<i32>(distP + (<usize>start << 2), 1);
  // Queue entries pack (x, y) as y << 8 | x (sizes <= 64): no division per visited cell.
  store<i32>(queueP, (sy << 8) | sx);
  let head = 0, tail = 1;
  while (head < tail) {
    const packed = load<i32>(queueP + (<usize>head << 2));
    head++;
    const x = packed & 0xff, y = packed >> 8;
    const c = y * cols + x;
    const d = load<i32>(distP + (<usize>c << 2));
    if (c == goal) return d;
    // up, right, down, left (the order does not change the distance)
    if (y > 0) tail = visit(cellsP, distP, queueP, tail, c - cols, x, y - 1, d);
    if (x + 1 < cols) tail = visit(cellsP, distP, queueP, tail, c + 1, x + 1, y, d);
    if (y + 1 < rows) tail = visit(cellsP, distP, queueP, tail, c + cols, x, y + 1, d);
    if (x > 0) tail = visit(cellsP, distP, queueP, tail, c - 1, x - 1, y, d);
  }
  return 0;
}

@inline function visit(cellsP: usize, distP: usize, queueP: usize, tail: i32, nc: i32, nx: i32, ny: i32, d: i32): i32 {
  if (load<u8>(cellsP + <usize>nc) == 0 || load<i32>(distP + (<usize>nc << 2)) != 0) return tail;
  store<i32>(distP + (<usize>nc << 2), d + 1);
  store<i32>(queueP + (<usize>tail << 2), (ny << 8) | nx);
  return tail + 1;
}
