// The validator's search state, sized to the grid and reused across calls (no per-event
// allocation): per-cell state, the open entry (g, h, parent), the insertion order (for the
// strict FIFO rule), and f-value buckets with a bitset so that the minimum open f is O(1) to
// read and cheap to update. g and h come from cost tokens (< R*C), so f < 2*R*C.

export const NONE: u8 = 0;
export const OPEN: u8 = 1;
export const CLOSED: u8 = 2;

export let state = new Uint8Array(0);
export let gOf = new Int32Array(0);
export let hOf = new Int32Array(0);
export let parentOf = new Int32Array(0);
let posOf = new Int32Array(0); // index in `order`; a cell enters the open list at most once
let order = new Int32Array(0);
let orderLen = 0;
let orderHead = 0; // order[0..orderHead) are no longer open
let bucket = new Int32Array(0);
let bits = new StaticArray<u64>(0);
let minF: i32 = i32.MAX_VALUE;

export function resetOpenList(cells: i32): void {
  if (state.length < cells) {
    state = new Uint8Array(cells);
    gOf = new Int32Array(cells);
    hOf = new Int32Array(cells);
    parentOf = new Int32Array(cells);
    posOf = new Int32Array(cells);
    order = new Int32Array(cells);
    bucket = new Int32Array(2 * cells);
    bits = new StaticArray<u64>((2 * cells + 63) >> 6);
  } else {
    memory.fill(state.dataStart, 0, cells);
    memory.fill(bucket.dataStart, 0, <usize>(2 * cells) << 2);
    memory.fill(changetype<usize>(bits), 0, <usize>((2 * cells + 63) >> 6) << 3);
  }
  orderLen = 0;
  orderHead = 0;
  minF = i32.MAX_VALUE;
}

@inline export function openMinF(): i32 {
  return minF;
}

@inline function bucketAdd(f: i32): void {
  const c = unchecked(bucket[f]);
  unchecked((bucket[f] = c + 1));
  if (c == 0) unchecked((bits[f >> 6] |= (<u64>1) << (<u64>(f & 63))));
  if (f < minF) minF = f;
}

function nextNonEmpty(from: i32): i32 {
  let w = from >> 6;
  const words = bits.length;
  if (w >= words) return i32.MAX_VALUE;
  let word = unchecked(bits[w]) & (~(<u64>0) << (<u64>(from & 63)));
  while (word == 0) {
    if (++w >= words) return i32.MAX_VALUE;
    word = unchecked(bits[w]);
  }
  return (w << 6) + <i32>ctz(word);
}

@inline function bucketRemove(f: i32): void {
  const c = unchecked(bucket[f]) - 1;
  unchecked((bucket[f] = c));
  if (c == 0) {
    unchecked((bits[f >> 6] &= ~((<u64>1) << (<u64>(f & 63)))));
    if (f == minF) minF = nextNonEmpty(f + 1);
  }
}

// A cell that is neither open nor closed enters the open list at the back.
export function openAdd(cell: i32, g: i32, h: i32, parent: i32): void {
  unchecked((state[cell] = OPEN));
  unchecked((gOf[cell] = g));
  unchecked((hOf[cell] = h));
  unchecked((parentOf[cell] = parent));
  unchecked((posOf[cell] = orderLen));
  unchecked((order[orderLen++] = cell));
  bucketAdd(g + h);
}

// An open cell reached more cheaply keeps its place in the list.
export function openImprove(cell: i32, g: i32, h: i32, parent: i32): void {
  bucketRemove(unchecked(gOf[cell]) + unchecked(hOf[cell]));
  unchecked((gOf[cell] = g));
  unchecked((hOf[cell] = h));
  unchecked((parentOf[cell] = parent));
  bucketAdd(g + h);
}

export function openClose(cell: i32): void {
  bucketRemove(unchecked(gOf[cell]) + unchecked(hOf[cell]));
  unchecked((state[cell] = CLOSED));
}

// The first open cell inserted before `cell` with the same f, or -1: the node the paper's A*
// (FIFO among ties) would have closed instead. Linear in the open list, like the A* itself.
export function fifoBlocker(cell: i32): i32 {
  while (orderHead < orderLen && unchecked(state[unchecked(order[orderHead])]) != OPEN) orderHead++;
  const f = unchecked(gOf[cell]) + unchecked(hOf[cell]);
  const stop = unchecked(posOf[cell]);
  for (let i = orderHead; i < stop; i++) {
    const c = unchecked(order[i]);
    if (unchecked(state[c]) == OPEN && unchecked(gOf[c]) + unchecked(hOf[c]) == f) return c;
  }
  return -1;
}
