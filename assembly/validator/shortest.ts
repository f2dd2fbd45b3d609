// Length (cells, start and goal included) of a shortest plan, or 0 if the goal is unreachable.
// With unit costs and the consistent Manhattan heuristic the paper's A* returns a shortest plan,
// so this breadth-first search gives A*'s plan length (tests check it against astar.solve)
// without the A* trace, list scans and allocations: it runs on every validation.
import { Maze, DX, DY } from "../maze";
// (raw addresses in the loop: typed-array accessors do not inline here)

let dist = new Int32Array(0);
let queue = new Int32Array(0);

export function shortestPlanLength(maze: Maze): i32 {
  const cols = maze.cols, rows = maze.rows;
  const n = maze.rows * cols;
  if (dist.length < n) {
    dist = new Int32Array(n);
    queue = new Int32Array(n);
  }
  memory.fill(dist.dataStart, 0xff, <usize>n << 2); // -1 = unvisited
  const start = maze.sy * cols + maze.sx;
  const goal = maze.gy * cols + maze.gx;
  const cellsP = maze.cells.dataStart;
  if (load<u8>(cellsP + <usize>start) == 0) return 0;
  const distP = dist.dataStart, queueP = queue.dataStart;
  store<i32>(distP + (<usize>start << 2), 1);
  store<i32>(queueP, start);
  let head = 0, tail = 1;
  while (head < tail) {
    const c = load<i32>(queueP + (<usize>head << 2));
    head++;
    const d = load<i32>(distP + (<usize>c << 2));
    if (c == goal) return d;
    const x = c % cols, y = c / cols;
    for (let k = 0; k < 4; k++) {
      const nx = x + unchecked(DX[k]), ny = y + unchecked(DY[k]);
      if (<u32>nx >= <u32>cols || <u32>ny >= <u32>rows) continue;
      const nc = ny * cols + nx;
      if (load<u8>(cellsP + <usize>nc) == 0 || load<i32>(distP + (<usize>nc << 2)) >= 0) continue;
      store<i32>(distP + (<usize>nc << 2), d + 1);
      store<i32>(queueP + (<usize>tail << 2), nc);
      tail++;
    }
  }
  return 0;
}
