// The validator's search state, sized to the grid and reused across calls (no per-event
// allocation): per-cell state, the open entry (g, h, parent), and one list per f value, kept in
// insertion order, plus a bitset of the non-empty f values. So membership, the minimum open f
// and the strict FIFO rule (the node closed must head its f list) are all O(1); only a node
// whose g improves is placed by a short walk (it keeps its insertion stamp, spec section 4).
// g and h come from cost tokens (< R*C), so f < 2*R*C.
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
let stampOf = new Int32Array(0); // insertion order; a cell enters the open list at most once
let nextOf = new Int32Array(0); // the f lists, doubly linked through the cells
let prevOf = new Int32Array(0);
let head = new Int32Array(0); // per f: first and last cell of its list, -1 when empty
let tail = new Int32Array(0);
let bits = new Uint64Array(0);
let stateP: usize = 0, gP: usize = 0, hP: usize = 0, parentP: usize = 0, stampP: usize = 0;
let nextP: usize = 0, prevP: usize = 0, headP: usize = 0, tailP: usize = 0, bitsP: usize = 0;
let words = 0;
let stamps = 0;
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

@inline function ld(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function st(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

export function resetOpenList(cells: i32): void {
  if (capacity < cells) {
    capacity = cells;
    state = new Uint8Array(cells);
    gOf = new Int32Array(cells);
    hOf = new Int32Array(cells);
    parentOf = new Int32Array(cells);
    stampOf = new Int32Array(cells);
    nextOf = new Int32Array(cells);
    prevOf = new Int32Array(cells);
    head = new Int32Array(2 * cells);
    tail = new Int32Array(2 * cells);
    bits = new Uint64Array((2 * cells + 63) >> 6);
    stateP = state.dataStart;
    gP = gOf.dataStart;
    hP = hOf.dataStart;
    parentP = parentOf.dataStart;
    stampP = stampOf.dataStart;
    nextP = nextOf.dataStart;
    prevP = prevOf.dataStart;
    headP = head.dataStart;
    tailP = tail.dataStart;
    bitsP = bits.dataStart;
  }
  words = (2 * cells + 63) >> 6;
  memory.fill(stateP, 0, cells);
  memory.fill(headP, 0xff, <usize>(2 * cells) << 2); // -1: empty (tails are only read when non-empty)
  memory.fill(bitsP, 0, <usize>words << 3);
  stamps = 0;
  minF = i32.MAX_VALUE;
}

@inline export function openMinF(): i32 {
  return minF;
}

function nextNonEmpty(from: i32): i32 {
  let w = from >> 6;
  if (w >= words) return i32.MAX_VALUE;
  let word = load<u64>(bitsP + (<usize>w << 3)) & (~(<u64>0) << <u64>(from & 63));
  while (word == 0) {
    if (++w >= words) return i32.MAX_VALUE;
    word = load<u64>(bitsP + (<usize>w << 3));
  }
  return (w << 6) + <i32>ctz(word);
}

// Puts `cell` into list f after `after` (-1: at the front), keeping the links and the bitset.
function linkAfter(cell: i32, f: i32, after: i32): void {
  const next = after < 0 ? ld(headP, f) : ld(nextP, after);
  st(prevP, cell, after);
  st(nextP, cell, next);
  if (after < 0) st(headP, f, cell);
  else st(nextP, after, cell);
  if (next < 0) st(tailP, f, cell);
  else st(prevP, next, cell);
  if (after < 0 && next < 0) {
    const w = bitsP + (<usize>(f >> 6) << 3);
    store<u64>(w, load<u64>(w) | ((<u64>1) << <u64>(f & 63)));
    if (f < minF) minF = f;
  }
}

function unlink(cell: i32, f: i32): void {
  const prev = ld(prevP, cell), next = ld(nextP, cell);
  if (prev < 0) st(headP, f, next);
  else st(nextP, prev, next);
  if (next < 0) st(tailP, f, prev);
  else st(prevP, next, prev);
  if (prev < 0 && next < 0) {
    const w = bitsP + (<usize>(f >> 6) << 3);
    store<u64>(w, load<u64>(w) & ~((<u64>1) << <u64>(f & 63)));
    if (f == minF) minF = nextNonEmpty(f + 1);
  }
}

@inline function setEntry(cell: i32, g: i32, h: i32, parent: i32): void {
  st(gP, cell, g);
  st(hP, cell, h);
  st(parentP, cell, parent);
}

// A cell that is neither open nor closed enters the open list at the back (the newest stamp,
// so the back of its f list).
export function openAdd(cell: i32, g: i32, h: i32, parent: i32): void {
  store<u8>(stateP + <usize>cell, OPEN);
  setEntry(cell, g, h, parent);
  st(stampP, cell, stamps++);
  const f = g + h;
  linkAfter(cell, f, ld(headP, f) < 0 ? -1 : ld(tailP, f));
}

// An open cell reached more cheaply keeps its place (its stamp): walk back from the tail of its
// new f list to the last cell inserted before it.
export function openImprove(cell: i32, g: i32, h: i32, parent: i32): void {
  unlink(cell, gAt(cell) + hAt(cell));
  setEntry(cell, g, h, parent);
  const f = g + h;
  const stamp = ld(stampP, cell);
  let after = ld(headP, f) < 0 ? -1 : ld(tailP, f);
  while (after >= 0 && ld(stampP, after) > stamp) after = ld(prevP, after);
  linkAfter(cell, f, after);
}

export function openClose(cell: i32): void {
  unlink(cell, gAt(cell) + hAt(cell));
  store<u8>(stateP + <usize>cell, CLOSED);
}

// The first-inserted open cell with the same f as `cell`, if it is not `cell`, else -1: the
// node the paper's A* (FIFO among ties) would have closed instead.
export function fifoBlocker(cell: i32): i32 {
  const first = ld(headP, gAt(cell) + hAt(cell));
  return first == cell ? -1 : first;
}
