// The validator's search state, sized to the grid and reused across calls (no per-event
// allocation): per-cell state, the open entry (g, h, parent), the insertion order (for the
// strict FIFO rule), and f-value buckets with a bitset so that the minimum open f is O(1) to
// read and cheap to update. g and h come from cost tokens (< R*C), so f < 2*R*C.
// Hot loops read the buffers through raw addresses: typed-array accessors do not inline here.

export const NONE: u8 = 0;
export const OPEN: u8 = 1;
export const CLOSED: u8 = 2;

let capacity = 0;
// The arrays own the memory (the GC keeps them alive); the *P globals are their data addresses.
let state = new Uint8Array(0);
let gOf = new Int32Array(0);
let hOf = new Int32Array(0);
let parentOf = new Int32Array(0);
let posOf = new Int32Array(0); // index in `order`; a cell enters the open list at most once
let order = new Int32Array(0);
let bucket = new Int32Array(0);
let bits = new Uint64Array(0);
let stateP: usize = 0, gP: usize = 0, hP: usize = 0, parentP: usize = 0, posP: usize = 0;
let orderP: usize = 0, bucketP: usize = 0, bitsP: usize = 0;
let words = 0;
let orderLen = 0;
let orderHead = 0; // order[0..orderHead) are no longer open
let minF: i32 = i32.MAX_VALUE;

@inline export function stateAt(c: i32): u8 {
  return load<u8>(stateP + <usize>c);
}
@inline export function gAt(c: i32): i32 {
  return load<i32>(gP + (<usize>c << 2));
}
@inline export function hAt(c: i32): i32 {
  return load<i32>(hP + (<usize>c << 2));
}
@inline export function parentAt(c: i32): i32 {
  return load<i32>(parentP + (<usize>c << 2));
}

export function resetOpenList(cells: i32): void {
  if (capacity < cells) {
    capacity = cells;
    state = new Uint8Array(cells);
    gOf = new Int32Array(cells);
    hOf = new Int32Array(cells);
    parentOf = new Int32Array(cells);
    posOf = new Int32Array(cells);
    order = new Int32Array(cells);
    bucket = new Int32Array(2 * cells);
    bits = new Uint64Array((2 * cells + 63) >> 6);
    stateP = state.dataStart;
    gP = gOf.dataStart;
    hP = hOf.dataStart;
    parentP = parentOf.dataStart;
    posP = posOf.dataStart;
    orderP = order.dataStart;
    bucketP = bucket.dataStart;
    bitsP = bits.dataStart;
  }
  words = (2 * cells + 63) >> 6;
  memory.fill(stateP, 0, cells);
  memory.fill(bucketP, 0, <usize>(2 * cells) << 2);
  memory.fill(bitsP, 0, <usize>words << 3);
  orderLen = 0;
  orderHead = 0;
  minF = i32.MAX_VALUE;
}

@inline export function openMinF(): i32 {
  return minF;
}

@inline function bucketAdd(f: i32): void {
  const p = bucketP + (<usize>f << 2);
  const c = load<i32>(p);
  store<i32>(p, c + 1);
  if (c == 0) {
    const w = bitsP + (<usize>(f >> 6) << 3);
    store<u64>(w, load<u64>(w) | ((<u64>1) << (<u64>(f & 63))));
  }
  if (f < minF) minF = f;
}

function nextNonEmpty(from: i32): i32 {
  let w = from >> 6;
  if (w >= words) return i32.MAX_VALUE;
  let word = load<u64>(bitsP + (<usize>w << 3)) & (~(<u64>0) << (<u64>(from & 63)));
  while (word == 0) {
    if (++w >= words) return i32.MAX_VALUE;
    word = load<u64>(bitsP + (<usize>w << 3));
  }
  return (w << 6) + <i32>ctz(word);
}

@inline function bucketRemove(f: i32): void {
  const p = bucketP + (<usize>f << 2);
  const c = load<i32>(p) - 1;
  store<i32>(p, c);
  if (c == 0) {
    const w = bitsP + (<usize>(f >> 6) << 3);
    store<u64>(w, load<u64>(w) & ~((<u64>1) << (<u64>(f & 63))));
    if (f == minF) minF = nextNonEmpty(f + 1);
  }
}

@inline function setEntry(cell: i32, g: i32, h: i32, parent: i32): void {
  store<i32>(gP + (<usize>cell << 2), g);
  store<i32>(hP + (<usize>cell << 2), h);
  store<i32>(parentP + (<usize>cell << 2), parent);
}

// A cell that is neither open nor closed enters the open list at the back.
export function openAdd(cell: i32, g: i32, h: i32, parent: i32): void {
  store<u8>(stateP + <usize>cell, OPEN);
  setEntry(cell, g, h, parent);
  store<i32>(posP + (<usize>cell << 2), orderLen);
  store<i32>(orderP + (<usize>orderLen << 2), cell);
  orderLen++;
  bucketAdd(g + h);
}

// An open cell reached more cheaply keeps its place in the list.
export function openImprove(cell: i32, g: i32, h: i32, parent: i32): void {
  bucketRemove(gAt(cell) + hAt(cell));
  setEntry(cell, g, h, parent);
  bucketAdd(g + h);
}

export function openClose(cell: i32): void {
  bucketRemove(gAt(cell) + hAt(cell));
  store<u8>(stateP + <usize>cell, CLOSED);
}

// The first open cell inserted before `cell` with the same f, or -1: the node the paper's A*
// (FIFO among ties) would have closed instead. Linear in the open list, like the A* itself.
export function fifoBlocker(cell: i32): i32 {
  while (orderHead < orderLen && stateAt(load<i32>(orderP + (<usize>orderHead << 2))) != OPEN) orderHead++;
  const f = gAt(cell) + hAt(cell);
  const stop = load<i32>(posP + (<usize>cell << 2));
  for (let i = orderHead; i < stop; i++) {
    const c = load<i32>(orderP + (<usize>i << 2));
    if (stateAt(c) == OPEN && gAt(c) + hAt(c) == f) return c;
  }
  return -1;
}
