// The maze every part of the engine shares: a row-major grid of R x C cells with a start and a
// goal. Cell (x, y) has index y * cols + x; 1 = free, 0 = wall (the released generator's encoding).

export const MIN_SIZE: i32 = 2;
export const MAX_SIZE: i32 = 64;

export class Maze {
  cells: Uint8Array;
  sx: i32 = 0;
  sy: i32 = 0;
  gx: i32 = 0;
  gy: i32 = 0;

  constructor(public rows: i32, public cols: i32) {
    this.cells = new Uint8Array(rows * cols);
  }

  @inline index(x: i32, y: i32): i32 {
    return y * this.cols + x;
  }

  @inline inside(x: i32, y: i32): bool {
    return x >= 0 && y >= 0 && x < this.cols && y < this.rows;
  }

  @inline isFree(x: i32, y: i32): bool {
    return this.inside(x, y) && unchecked(this.cells[y * this.cols + x]) != 0;
  }
}

// Manhattan distance to the goal: the heuristic of the paper's A*.
@inline export function manhattan(x: i32, y: i32, gx: i32, gy: i32): i32 {
  return abs(x - gx) + abs(y - gy);
}

// Neighbour order of the paper's A* and validator: up (y-1), right (x+1), down (y+1), left (x-1).
export const DX: StaticArray<i32> = [0, 1, 0, -1];
export const DY: StaticArray<i32> = [-1, 0, 1, 0];
