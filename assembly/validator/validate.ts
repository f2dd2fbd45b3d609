// The paper's formal trace/plan validator (spec section 6) with our strict mode on top.
//
// Input: a maze and a response id stream (`reasoning <events> solution plan x y ... end`).
// One left-to-right pass parses and simulates at once; all state lives in reused buffers
// (openlist.ts, errors.ts), so a call allocates nothing (the optimal length
// comes from a breadth-first search, shortest.ts). Any i32 stream is safe: ids are
// classified through the vocabulary's class table (unknown ids read as <|unk|>), every
// coordinate is bounds-checked before it indexes a cell, and g/h come from cost tokens only.
//
// The paper's rules (spec section 6), quirks included, are the verdict: windows of 5 (create,
// close) and 3 (plan) tokens over the stream with `solution`, `end`, `<|bos|>` and a leading
// `reasoning` removed; a window holding a breaking keyword or <|eos|> is a syntax error that
// resumes at that token; other windows are kept as items (even short or unreadable ones); costs
// read as the integer after the token's first character; the model's plan is the trailing run of
// plan items; operation_syntax_error is reported once, first. Strict mode (ours) adds true g/h,
// the FIFO tie rule, exactly the A*'s creates, and well-formedness (every event `x y c<g> c<h>`
// back to back, no plan step before a later event) without changing the paper's lists.
// Input convention (outside section 6): a stream that opens (after `<|bos|>`) with `query`
// carries its prompt and is read from its first `reasoning`.
import { Maze, manhattan, DX, DY } from "../maze";
import { shortestPlanLength } from "./shortest";
import {
  Vocab, CLS_COST, CLS_COORD, CLS_CREATE, CLS_CLOSE, CLS_PLAN, CLS_DROP, CLS_EOS, CLS_OTHER,
  KW_QUERY, KW_REASONING, SP_BOS,
} from "../vocab";
import * as C from "./codes";
import { report, reportFirst, resetLog, traceErrors, planErrors, strictErrors, recordCount } from "./errors";
import {
  NONE, OPEN, CLOSED, stateAt, gAt, hAt, parentAt,
  resetOpenList, openMinF, openAdd, openImprove, openClose, fifoBlocker,
} from "./openlist";

// Result header, read by the TS API (src/core/validate.ts) at resultPtr().
export const R_TRACE_ERRORS: i32 = 0;
export const R_PLAN_ERRORS: i32 = 1;
export const R_STRICT_ERRORS: i32 = 2;
export const R_EVENTS: i32 = 3;
export const R_TOKENS: i32 = 4;
export const R_PLAN_LENGTH: i32 = 5;
export const R_EXTRACTED_LENGTH: i32 = 6; // -1: no extracted plan
export const R_OPTIMAL_LENGTH: i32 = 7; // -1: goal unreachable
export const R_GOAL_CLOSED_EVENT: i32 = 8; // -1: the goal was never closed
export const R_RECORDS: i32 = 9; // stored error records
export const R_STRICT: i32 = 10; // 1 when strict checks ran
export const R_PLAN_PTR: i32 = 11; // address of the model's plan, (x, y) i32 pairs
export const R_EXTRACTED_PTR: i32 = 12; // address of the extracted plan
export const RESULT_WIDTH: i32 = 13;
export const result = new StaticArray<i32>(RESULT_WIDTH);

// The model's plan and the plan extracted from the trace, as (x, y) pairs.
export let planBuf = new Int32Array(0);
export let extractedBuf = new Int32Array(0);

// ---- per-call state (module globals: no allocation on the hot path) ----
let V: Vocab = changetype<Vocab>(0);
let M: Maze = changetype<Maze>(0);
let ids: usize = 0; // the i32 stream
let classP: usize = 0; // vocab class table (raw address: typed-array accessors do not inline)
let vocabSize: u32 = 0;
let cellsP: usize = 0; // maze cells
let rows: i32 = 0;
let lastX = 0, lastY = 0; // the last closed node
let end: i32 = 0; // first <|eos|> or the stream length
let len: i32 = 0; // the stream length
let cols: i32 = 0;
let strict: bool = false;
let eventIndex = 0;
let lastClosed = -1;
let goalCell = 0;
let goalClosedEvent = -1;
let planLen = 0; // plan items since the last kept create/close item (planBuf, planTok)
let planSyntax = false; // a plan syntax error anywhere
let opSyntaxToken = -1; // the first operation syntax error: its token and why
let opSyntaxWhy = 0;
// Strict mode: creates the paper's A* emits after the last close, in order, and how many came.
const expectedP: usize = memory.data(16);
let expectedLen = 0;
let expectedNext = 0;

@inline function idAt(i: i32): i32 {
  return load<i32>(ids + (<usize>i << 2));
}

@inline function classOf(id: i32): u8 {
  return <u32>id < vocabSize ? load<u8>(classP + <usize>id) : CLS_OTHER;
}

@inline function classAt(i: i32): u8 {
  return classOf(idAt(i));
}

@inline function isFree(x: i32, y: i32): bool {
  return <u32>x < <u32>cols && <u32>y < <u32>rows && load<u8>(cellsP + <usize>(y * cols + x)) != 0;
}

function skipDropped(i: i32): i32 {
  while (i < end && classAt(i) == CLS_DROP) i++;
  return i;
}

// Slot values of the window being read, and whether each read. A cost slot reads the integer
// after the token's first character: `c7` is 7, a coordinate token `12` is 2, a one-digit
// coordinate is unreadable (spec section 6).
const argsP: usize = memory.data(16);
let windowReadable = true;
let windowLoose = false; // read, but not well-formed (strict)

@inline function readCoordSlot(s: i32, id: i32, cls: u8): void {
  if (cls == CLS_COORD) store<i32>(argsP + (<usize>s << 2), id - V.costs);
  else windowReadable = false;
}

function readCostSlot(s: i32, id: i32, cls: u8): void {
  if (cls == CLS_COST) {
    store<i32>(argsP + (<usize>s << 2), id);
  } else if (cls == CLS_COORD && id - V.costs >= 10) {
    const v = id - V.costs;
    let p = 10;
    while (p * 10 <= v) p *= 10;
    store<i32>(argsP + (<usize>s << 2), v % p);
    windowLoose = true;
  } else {
    windowReadable = false;
  }
}

function opSyntax(token: i32, why: i32): void {
  if (opSyntaxToken < 0) {
    opSyntaxToken = token;
    opSyntaxWhy = why;
  }
}

function planSyntaxAt(token: i32, why: i32): void {
  if (!planSyntax) {
    planSyntax = true;
    report(C.LIST_PLAN, C.PLAN_SYNTAX_ERROR, -1, token, why);
  }
}

// ---- strict mode: the trace must equal the paper's A* trace ----

function flushExpected(event: i32, token: i32): void {
  for (let k = expectedNext; k < expectedLen; k++) {
    const c = load<i32>(expectedP + (<usize>k << 2));
    const g = gAt(lastClosed) + 1;
    report(C.LIST_STRICT, C.STRICT_MISSING_CREATE, event, token, c % cols, c / cols, g,
      manhattan(c % cols, c / cols, M.gx, M.gy));
  }
  expectedLen = 0;
  expectedNext = 0;
}

// After closing `cell` (not the goal), the paper's A* creates, in the order up, right, down,
// left, every free neighbour that is not closed and whose g improves.
function expectCreates(cell: i32): void {
  expectedLen = 0;
  expectedNext = 0;
  const x = cell % cols, y = cell / cols;
  const g = gAt(cell) + 1;
  for (let d = 0; d < 4; d++) {
    const nx = x + unchecked(DX[d]), ny = y + unchecked(DY[d]);
    if (!isFree(nx, ny)) continue;
    const nc = ny * cols + nx;
    const s = stateAt(nc);
    if (s == CLOSED || (s == OPEN && g >= gAt(nc))) continue;
    store<i32>(expectedP + (<usize>expectedLen << 2), nc);
    expectedLen++;
  }
}

function strictCreate(event: i32, token: i32, cell: i32, x: i32, y: i32, g: i32, h: i32): void {
  let k = expectedNext;
  while (k < expectedLen && load<i32>(expectedP + (<usize>k << 2)) != cell) k++;
  if (k == expectedLen) {
    report(C.LIST_STRICT, C.STRICT_UNEXPECTED_CREATE, event, token, x, y, g, h);
    return;
  }
  for (let m = expectedNext; m < k; m++) {
    const c = load<i32>(expectedP + (<usize>m << 2));
    report(C.LIST_STRICT, C.STRICT_MISSING_CREATE, event, token, c % cols, c / cols,
      gAt(lastClosed) + 1, manhattan(c % cols, c / cols, M.gx, M.gy));
  }
  expectedNext = k + 1;
  const trueG = gAt(lastClosed) + 1;
  if (g != trueG) report(C.LIST_STRICT, C.STRICT_WRONG_G, event, token, x, y, g, h, trueG);
  const trueH = manhattan(x, y, M.gx, M.gy);
  if (h != trueH) report(C.LIST_STRICT, C.STRICT_WRONG_H, event, token, x, y, g, h, trueH);
}

// ---- the paper's rules, one event at a time (on error: record, skip the event) ----

function onCreate(event: i32, token: i32, x: i32, y: i32, g: i32, h: i32): void {
  if (strict && goalClosedEvent >= 0) report(C.LIST_STRICT, C.STRICT_EVENT_AFTER_GOAL, event, token, x, y, g, h);
  if (<u32>x >= <u32>cols || <u32>y >= <u32>rows) {
    report(C.LIST_TRACE, C.INVALID_COORDINATES, event, token, x, y, g, h);
    return;
  }
  const cell = y * cols + x;
  if (load<u8>(cellsP + <usize>cell) == 0) {
    report(C.LIST_TRACE, C.CREATE_CLOSE_WALL, event, token, x, y, g, h);
    return;
  }
  if (lastClosed < 0) {
    report(C.LIST_TRACE, C.FIRST_CREATE_NOT_LAST_CLOSED, event, token, x, y, g, h);
    return;
  }
  if (abs(x - lastX) + abs(y - lastY) != 1) {
    report(C.LIST_TRACE, C.CREATE_NON_NEIGHBOR, event, token, x, y, g, h, lastClosed);
    return;
  }
  const s = stateAt(cell);
  if (s == CLOSED) {
    report(C.LIST_TRACE, C.CREATE_ALREADY_CLOSED, event, token, x, y, g, h);
    return;
  }
  if (strict && goalClosedEvent < 0) strictCreate(event, token, cell, x, y, g, h);
  if (s == NONE) openAdd(cell, g, h, lastClosed);
  else if (g < gAt(cell)) openImprove(cell, g, h, lastClosed);
}

function onClose(event: i32, token: i32, x: i32, y: i32, g: i32, h: i32): void {
  if (strict) {
    if (goalClosedEvent >= 0) report(C.LIST_STRICT, C.STRICT_EVENT_AFTER_GOAL, event, token, x, y, g, h);
    else flushExpected(event, token);
  }
  if (<u32>x >= <u32>cols || <u32>y >= <u32>rows) {
    report(C.LIST_TRACE, C.INVALID_COORDINATES, event, token, x, y, g, h);
    return;
  }
  const cell = y * cols + x;
  if (load<u8>(cellsP + <usize>cell) == 0) {
    report(C.LIST_TRACE, C.CREATE_CLOSE_WALL, event, token, x, y, g, h);
    return;
  }
  if (stateAt(cell) != OPEN || gAt(cell) != g || hAt(cell) != h) {
    const open = stateAt(cell) == OPEN;
    report(C.LIST_TRACE, C.CLOSE_NOT_IN_OPEN_LIST, event, token, x, y, g, h,
      open ? gAt(cell) * 65536 + hAt(cell) : -1);
    return;
  }
  const minF = openMinF();
  if (g + h > minF) {
    report(C.LIST_TRACE, C.CLOSE_NOT_LOWEST_F_VALUE, event, token, x, y, g, h, minF);
    return;
  }
  if (strict && goalClosedEvent < 0) {
    const blocker = fifoBlocker(cell);
    if (blocker >= 0) report(C.LIST_STRICT, C.STRICT_NOT_FIFO, event, token, x, y, g, h, blocker);
  }
  openClose(cell);
  lastClosed = cell;
  lastX = x;
  lastY = y;
  if (cell == goalCell) {
    if (goalClosedEvent < 0) goalClosedEvent = event;
  } else if (strict && goalClosedEvent < 0) {
    expectCreates(cell);
  }
}

// ---- plans ----

@inline function planX(buf: Int32Array, i: i32): i32 {
  return load<i32>(buf.dataStart + (<usize>i << 3));
}
@inline function planY(buf: Int32Array, i: i32): i32 {
  return load<i32>(buf.dataStart + (<usize>i << 3), 4);
}

// Plan rules of spec section 6, first error only: returns 1 on an error (reported to `list`
// unless it is < 0), else 0. `from` is the first cell of the plan in `buf`.
function checkPlan(buf: Int32Array, from: i32, len: i32, list: i32): i32 {
  const x0 = planX(buf, from), y0 = planY(buf, from);
  if (x0 != M.sx || y0 != M.sy) {
    if (list >= 0) report(list, C.ILLEGAL_START, -1, -1, x0, y0, M.sx, M.sy, 0);
    return 1;
  }
  for (let i = 1; i < len; i++) {
    const px = planX(buf, from + i - 1), py = planY(buf, from + i - 1);
    const x = planX(buf, from + i), y = planY(buf, from + i);
    // Out-of-grid steps are illegal moves (isFree bounds-checks; the authors' code does not).
    if (abs(px - x) + abs(py - y) != 1 || !isFree(x, y)) {
      if (list >= 0) report(list, C.ILLEGAL_MOVE, -1, -1, px, py, x, y, i);
      return 1;
    }
  }
  const xl = planX(buf, from + len - 1), yl = planY(buf, from + len - 1);
  if (xl != M.gx || yl != M.gy) {
    if (list >= 0) report(list, C.GOAL_NOT_REACHED, -1, -1, xl, yl, M.gx, M.gy, len - 1);
    return 1;
  }
  return 0;
}

// Parent chain from the goal back to the start, reversed into extractedBuf. Returns its length,
// or -(cells walked + 2) when a parent is missing (the partial path plus the start, spec
// section 6; cannot happen under the rules, where parents are closed earlier).
function extractPlan(): i32 {
  const n = M.rows * cols;
  const start = M.sy * cols + M.sx;
  let len = 1;
  let c = goalCell;
  while (c != start) {
    c = parentAt(c);
    if (c < 0 || c >= n || len > n) return -(len + 1);
    len++;
  }
  c = goalCell;
  for (let i = len - 1; i >= 0; i--) {
    store<i32>(extractedBuf.dataStart + (<usize>i << 3), c % cols);
    store<i32>(extractedBuf.dataStart + (<usize>i << 3), c / cols, 4);
    if (i > 0) c = parentAt(c);
  }
  return len;
}

// Plan items: each consumes 3 tokens except a last one cut short by the end of the response.
let planTok = new Int32Array(0); // the token of each stored plan item
function ensurePlanBuffers(tokens: i32, cells: i32): void {
  const need = tokens / 3 + 1;
  if (planTok.length < need) {
    planBuf = new Int32Array(2 * need);
    planTok = new Int32Array(need);
  }
  if (extractedBuf.length < 2 * cells) extractedBuf = new Int32Array(2 * cells);
}

// A plan item: (x, y), or x = -1 when it cannot be read (short window, non-integer).
function keepPlanItem(token: i32, x: i32, y: i32): void {
  store<i32>(planBuf.dataStart + (<usize>planLen << 3), x);
  store<i32>(planBuf.dataStart + (<usize>planLen << 3), y, 4);
  store<i32>(planTok.dataStart + (<usize>planLen << 2), token);
  planLen++;
}

// A broken plan window (it held create/close) since the last kept create/close: strict only.
let brokenPlanToken = -1;

// A create/close item is kept: the plan items before it are not in the trailing run, so the
// paper ignores them (strict: plan steps in the trace).
function keepOpItem(): void {
  if (strict) {
    for (let k = 0; k < planLen; k++) {
      const x = planX(planBuf, k);
      report(C.LIST_STRICT, C.STRICT_PLAN_IN_TRACE, -1, load<i32>(planTok.dataStart + (<usize>k << 2)), x, x < 0 ? -1 : planY(planBuf, k));
    }
    if (brokenPlanToken >= 0) report(C.LIST_STRICT, C.STRICT_PLAN_IN_TRACE, -1, brokenPlanToken, -1, -1);
    brokenPlanToken = -1;
  }
  planLen = 0;
}

@inline function simulate(isCreate: bool, token: i32): void {
  const x = load<i32>(argsP), y = load<i32>(argsP, 4), g = load<i32>(argsP, 8), h = load<i32>(argsP, 12);
  if (isCreate) onCreate(eventIndex, token, x, y, g, h);
  else onClose(eventIndex, token, x, y, g, h);
  eventIndex++;
}

// The create/close window at `i` (slow path). Returns where parsing resumes.
function parseOpWindow(i: i32, cls: u8): i32 {
  const other = cls == CLS_CREATE ? CLS_CLOSE : CLS_CREATE;
  windowReadable = true;
  windowLoose = false;
  let j = i + 1;
  for (let s = 0; s < 4; s++) {
    const k = skipDropped(j);
    if (k != j) windowLoose = true; // a dropped marker inside the window
    j = k;
    if (j >= end) {
      if (end < len) {
        opSyntax(i, C.SYN_RAN_INTO_EOS);
        return end;
      }
      keepOpItem(); // cut short by the end of the response: kept, unreadable
      opSyntax(i, C.SYN_TRUNCATED);
      return end;
    }
    const id = idAt(j);
    const c = classOf(id);
    if (c == CLS_PLAN || c == other) {
      opSyntax(i, C.SYN_RAN_INTO_KEYWORD);
      return j;
    }
    if (s < 2) readCoordSlot(s, id, c);
    else readCostSlot(s, id, c);
    j++;
  }
  keepOpItem();
  if (!windowReadable) {
    opSyntax(i, C.SYN_NOT_INTEGER);
  } else {
    if (strict && windowLoose) report(C.LIST_STRICT, C.STRICT_MALFORMED_EVENT, eventIndex, i);
    simulate(cls == CLS_CREATE, i);
  }
  return j;
}

// The plan window at `i`. Returns where parsing resumes.
function parsePlanWindow(i: i32): i32 {
  windowReadable = true;
  let j = i + 1;
  for (let s = 0; s < 2; s++) {
    j = skipDropped(j);
    if (j >= end) {
      if (end < len) {
        planSyntaxAt(i, C.SYN_RAN_INTO_EOS);
        return end;
      }
      keepPlanItem(i, -1, -1); // cut short by the end of the response: kept, unreadable
      return end;
    }
    const id = idAt(j);
    const c = classOf(id);
    if (c == CLS_CREATE || c == CLS_CLOSE) {
      planSyntaxAt(i, C.SYN_RAN_INTO_KEYWORD);
      if (brokenPlanToken < 0) brokenPlanToken = i;
      return j;
    }
    readCoordSlot(s, id, c);
    j++;
  }
  if (windowReadable) keepPlanItem(i, load<i32>(argsP), load<i32>(argsP, 4));
  else keepPlanItem(i, -1, -1);
  return j;
}

// ---- entry point ----

// Validates the `len` ids at `ptr` against `maze` and fills `result`, the error log and the plan
// buffers. Never traps: see the header comment.
export function validateIds(maze: Maze, vocab: Vocab, ptr: usize, n: i32, strictMode: bool): void {
  M = maze;
  V = vocab;
  ids = ptr;
  classP = vocab.classes.dataStart;
  vocabSize = <u32>vocab.size;
  cellsP = maze.cells.dataStart;
  rows = maze.rows;
  cols = maze.cols;
  strict = strictMode;
  len = n;
  const cells = maze.rows * cols;
  resetLog();
  resetOpenList(cells);
  ensurePlanBuffers(n, cells);
  eventIndex = 0;
  lastClosed = -1;
  goalClosedEvent = -1;
  goalCell = maze.gy * cols + maze.gx;
  planLen = 0;
  planSyntax = false;
  opSyntaxToken = -1;
  brokenPlanToken = -1;
  expectedLen = 0;
  expectedNext = 0;

  // Parsing stops at the first <|eos|>.
  end = n;
  for (let i = 0; i < n; i++) {
    if (classAt(i) == CLS_EOS) {
      end = i;
      break;
    }
  }
  // A stream that opens (after <|bos|>) with `query` carries its prompt: read from `reasoning`.
  const bos = vocab.special(SP_BOS), reasoning = vocab.keyword(KW_REASONING);
  let begin = 0;
  while (begin < end && idAt(begin) == bos) begin++;
  if (begin < end && idAt(begin) == vocab.keyword(KW_QUERY)) {
    while (begin < end && idAt(begin) != reasoning) begin++;
  }
  // The leading `reasoning` marker is removed (after solution/end/<|bos|>); any other is a token.
  begin = skipDropped(begin);
  if (begin < end && idAt(begin) == reasoning) begin++;

  // The start is open from the outset (there is no `create` for it).
  openAdd(maze.sy * cols + maze.sx, 0, manhattan(maze.sx, maze.sy, maze.gx, maze.gy), -1);

  let i = begin;
  while (i < end) {
    const cls = classAt(i);
    if (cls == CLS_CREATE || cls == CLS_CLOSE) {
      // Fast path: the usual `x y cG cH` right after the keyword.
      if (i + 4 < end && classAt(i + 1) == CLS_COORD && classAt(i + 2) == CLS_COORD &&
          classAt(i + 3) == CLS_COST && classAt(i + 4) == CLS_COST) {
        if (planLen > 0 || brokenPlanToken >= 0) keepOpItem();
        const x = idAt(i + 1) - V.costs, y = idAt(i + 2) - V.costs, g = idAt(i + 3), h = idAt(i + 4);
        if (cls == CLS_CREATE) onCreate(eventIndex, i, x, y, g, h);
        else onClose(eventIndex, i, x, y, g, h);
        eventIndex++;
        i += 5;
        continue;
      }
      i = parseOpWindow(i, cls);
    } else if (cls == CLS_PLAN) {
      i = parsePlanWindow(i);
    } else {
      if (cls != CLS_DROP) opSyntax(i, C.SYN_STRAY_TOKEN);
      i++;
    }
  }

  // The model's plan: the trailing run of plan items, read from the back; an unreadable item is a
  // plan syntax error and ends the reading; an empty run is one too.
  let planFrom = planLen;
  while (planFrom > 0 && planX(planBuf, planFrom - 1) >= 0) planFrom--;
  if (planFrom > 0) planSyntaxAt(load<i32>(planTok.dataStart + (<usize>(planFrom - 1) << 2)), C.SYN_NOT_INTEGER);
  else if (planLen == 0) planSyntaxAt(-1, C.SYN_NO_PLAN);
  const modelPlanLen = planLen - planFrom;

  // After the events.
  if (strict && goalClosedEvent < 0) flushExpected(-1, -1);
  let extractedLen = -1;
  let pathLen = 0; // the extracted path's length (empty when the goal was never closed)
  if (goalClosedEvent < 0) {
    report(C.LIST_TRACE, C.GOAL_NOT_REACHED, -1, -1, M.gx, M.gy);
  } else {
    extractedLen = extractPlan();
    if (extractedLen < 0) {
      report(C.LIST_TRACE, C.PLAN_EXTRACTION_ERROR, -1, -1);
      pathLen = -extractedLen - 1;
    } else {
      pathLen = extractedLen;
    }
  }
  // A plan syntax error skips the model's plan checks AND the trace's plan checks.
  if (!planSyntax) {
    checkPlan(planBuf, planFrom, modelPlanLen, C.LIST_PLAN);
    if (pathLen != modelPlanLen) {
      report(C.LIST_TRACE, C.PLAN_LENGTH_MISMATCH, -1, -1, pathLen, modelPlanLen);
    } else if (extractedLen > 0 && checkPlan(extractedBuf, 0, extractedLen, -1) > 0) {
      report(C.LIST_TRACE, C.EXTRACTED_PLAN_INVALID, -1, -1);
    }
  }
  // operation_syntax_error: once, first.
  if (opSyntaxToken >= 0) reportFirst(C.LIST_TRACE, C.OPERATION_SYNTAX_ERROR, -1, opSyntaxToken, opSyntaxWhy);

  const optimal = shortestPlanLength(maze);
  unchecked((result[R_TRACE_ERRORS] = traceErrors()));
  unchecked((result[R_PLAN_ERRORS] = planErrors()));
  unchecked((result[R_STRICT_ERRORS] = strict ? strictErrors() : 0));
  unchecked((result[R_EVENTS] = eventIndex));
  unchecked((result[R_TOKENS] = n));
  unchecked((result[R_PLAN_LENGTH] = modelPlanLen));
  unchecked((result[R_EXTRACTED_LENGTH] = extractedLen));
  unchecked((result[R_OPTIMAL_LENGTH] = optimal > 0 ? optimal : -1));
  unchecked((result[R_GOAL_CLOSED_EVENT] = goalClosedEvent));
  unchecked((result[R_RECORDS] = recordCount));
  unchecked((result[R_STRICT] = strict ? 1 : 0));
  unchecked((result[R_PLAN_PTR] = <i32>(planBuf.dataStart + (<usize>planFrom << 3))));
  unchecked((result[R_EXTRACTED_PTR] = <i32>extractedBuf.dataStart));
}
