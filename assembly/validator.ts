// The paper's formal trace/plan validator (spec section 6) with our strict mode on top.
//
// Input: a maze and a response id stream (`reasoning <events> solution plan x y ... end`).
// One left-to-right pass parses and simulates at once; all state lives in reused buffers
// (validator/openlist.ts, validator/errors.ts), so a call allocates nothing (the optimal length
// comes from a breadth-first search, validator/shortest.ts). Any i32 stream is safe: ids are
// classified through the vocabulary's class table (unknown ids read as <|unk|>), every
// coordinate is bounds-checked before it indexes a cell, and g/h come from cost tokens only.
//
// Parsing decisions the spec leaves open, fixed here:
// - Dropped everywhere: `reasoning`, `solution`, `end`, `<|bos|>` (a window reads through them).
//   A stream that opens (after `<|bos|>`) with `query` carries its prompt: it is read from its
//   first `reasoning` on.
// - A window ends early at any other keyword or `<|eos|>` (syntax error, parsing resumes at that
//   keyword) or at the end of the stream (syntax error). A slot of the wrong kind (a cost where a
//   coordinate belongs, <|unk|>, ...) is a syntax error that consumes the window.
// - The plan region starts at the first `plan` after the last `create`/`close`: there every
//   problem is a plan_syntax_error (a plan error) and well-formed steps form the model's plan.
//   Before it, everything that is not a well-formed create/close (including plan steps that are
//   followed by more events) is an operation_syntax_error (a trace error).
import { Maze, manhattan, DX, DY } from "./maze";
import { shortestPlanLength } from "./validator/shortest";
import {
  Vocab, CLS_COST, CLS_COORD, CLS_STOP, CLS_DROP, CLS_EOS, CLS_OTHER,
  KW_CREATE, KW_CLOSE, KW_PLAN, KW_QUERY, KW_REASONING, SP_BOS,
} from "./vocab";
import * as C from "./validator/codes";
import { report, resetLog, traceErrors, planErrors, strictErrors, recordCount } from "./validator/errors";
import {
  NONE, OPEN, CLOSED, stateAt, gAt, hAt, parentAt,
  resetOpenList, openMinF, openAdd, openImprove, openClose, fifoBlocker,
} from "./validator/openlist";

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
let cols: i32 = 0;
let strict: bool = false;
let eventIndex = 0;
let lastClosed = -1;
let goalCell = 0;
let goalClosedEvent = -1;
let planLen = 0;
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

// Argument window after the keyword at `at`: `n` slots whose classes must be `k0..k3`.
// Returns the index after the window, or -(resume + 1) where the window broke off at a keyword
// or the end; sets windowBad when a slot held the wrong kind of token.
const argsP: usize = memory.data(16); // the window's slot values
let windowBad = false;

function readWindow(at: i32, n: i32): i32 {
  windowBad = false;
  let j = at + 1;
  for (let s = 0; s < n; s++) {
    j = skipDropped(j);
    if (j >= end) return -(end + 1);
    const cls = classAt(j);
    if (cls == CLS_STOP || cls == CLS_EOS) return -(j + 1);
    const want = s < 2 ? CLS_COORD : CLS_COST;
    if (cls != want) windowBad = true;
    const id = idAt(j);
    store<i32>(argsP + (<usize>s << 2), cls == CLS_COORD ? id - V.costs : id);
    j++;
  }
  return j;
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

// Plan rules of spec section 1. With `list` < 0 nothing is reported; returns the error count.
function checkPlan(buf: Int32Array, len: i32, list: i32): i32 {
  let errors = 0;
  const x0 = planX(buf, 0), y0 = planY(buf, 0);
  if (x0 != M.sx || y0 != M.sy) {
    errors++;
    if (list >= 0) report(list, C.ILLEGAL_START, -1, -1, x0, y0, M.sx, M.sy, 0);
  }
  for (let i = 1; i < len; i++) {
    const px = planX(buf, i - 1), py = planY(buf, i - 1), x = planX(buf, i), y = planY(buf, i);
    if (abs(px - x) + abs(py - y) != 1 || !isFree(x, y)) {
      errors++;
      if (list >= 0) report(list, C.ILLEGAL_MOVE, -1, -1, px, py, x, y, i);
    }
  }
  const xl = planX(buf, len - 1), yl = planY(buf, len - 1);
  if (xl != M.gx || yl != M.gy) {
    errors++;
    if (list >= 0) report(list, C.GOAL_NOT_REACHED, -1, -1, xl, yl, M.gx, M.gy, len - 1);
  }
  return errors;
}

// Parent chain from the goal back to the start, reversed into extractedBuf; -1 if it breaks.
function extractPlan(): i32 {
  const n = M.rows * cols;
  const start = M.sy * cols + M.sx;
  let len = 1;
  let c = goalCell;
  while (c != start) {
    c = parentAt(c);
    // Cannot happen under the rules (parents are closed earlier); guard against bugs and loops.
    if (c < 0 || c >= n || len > n) return -1;
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

function ensurePlanBuffers(tokens: i32, cells: i32): void {
  const need = 2 * (tokens / 3 + 1);
  if (planBuf.length < need) planBuf = new Int32Array(need);
  if (extractedBuf.length < 2 * cells) extractedBuf = new Int32Array(2 * cells);
}

// ---- entry point ----

// Validates the `len` ids at `ptr` against `maze` and fills `result`, the error log and the plan
// buffers. Never traps: see the header comment.
export function validateIds(maze: Maze, vocab: Vocab, ptr: usize, len: i32, strictMode: bool): void {
  M = maze;
  V = vocab;
  ids = ptr;
  classP = vocab.classes.dataStart;
  vocabSize = <u32>vocab.size;
  cellsP = maze.cells.dataStart;
  rows = maze.rows;
  cols = maze.cols;
  strict = strictMode;
  const cells = maze.rows * cols;
  resetLog();
  resetOpenList(cells);
  ensurePlanBuffers(len, cells);
  eventIndex = 0;
  lastClosed = -1;
  goalClosedEvent = -1;
  goalCell = maze.gy * cols + maze.gx;
  planLen = 0;
  expectedLen = 0;
  expectedNext = 0;

  const createId = vocab.keyword(KW_CREATE), closeId = vocab.keyword(KW_CLOSE);
  const planId = vocab.keyword(KW_PLAN);

  // Pre-scan: where parsing stops, where the last create/close is, and a leading prompt.
  end = len;
  let lastOp = -1;
  for (let i = 0; i < len; i++) {
    const id = idAt(i);
    if (id == createId || id == closeId) lastOp = i;
    else if (classOf(id) == CLS_EOS) {
      end = i;
      break;
    }
  }
  // A stream that opens (after <|bos|>) with `query` carries its prompt: read from `reasoning`.
  const bos = vocab.special(SP_BOS);
  let begin = 0;
  while (begin < end && idAt(begin) == bos) begin++;
  if (begin < end && idAt(begin) == vocab.keyword(KW_QUERY)) {
    const reasoning = vocab.keyword(KW_REASONING);
    while (begin < end && idAt(begin) != reasoning) begin++;
  }
  if (lastOp < begin) lastOp = begin - 1;
  let planStart = lastOp + 1;
  while (planStart < end && idAt(planStart) != planId) planStart++;

  // The start is open from the outset (there is no `create` for it).
  openAdd(maze.sy * cols + maze.sx, 0, manhattan(maze.sx, maze.sy, maze.gx, maze.gy), -1);

  let i = begin;
  while (i < end) {
    const id = idAt(i);
    const inPlan = i >= planStart;
    const list = inPlan ? C.LIST_PLAN : C.LIST_TRACE;
    const syntax = inPlan ? C.PLAN_SYNTAX_ERROR : C.OPERATION_SYNTAX_ERROR;
    if (id == createId || id == closeId) {
      // Fast path: the usual `x y cG cH` right after the keyword.
      if (i + 4 < end && classAt(i + 1) == CLS_COORD && classAt(i + 2) == CLS_COORD &&
          classAt(i + 3) == CLS_COST && classAt(i + 4) == CLS_COST) {
        const x = idAt(i + 1) - V.costs, y = idAt(i + 2) - V.costs, g = idAt(i + 3), h = idAt(i + 4);
        if (id == createId) onCreate(eventIndex, i, x, y, g, h);
        else onClose(eventIndex, i, x, y, g, h);
        eventIndex++;
        i += 5;
        continue;
      }
      const next = readWindow(i, 4);
      if (next < 0) {
        const resume = -next - 1;
        report(list, syntax, -1, i, resume < end ? C.SYN_RAN_INTO_KEYWORD : C.SYN_TRUNCATED, resume);
        i = resume;
        continue;
      }
      if (windowBad) {
        report(list, syntax, -1, i, C.SYN_NOT_INTEGER);
      } else {
        const x = load<i32>(argsP), y = load<i32>(argsP, 4), g = load<i32>(argsP, 8), h = load<i32>(argsP, 12);
        if (id == createId) onCreate(eventIndex, i, x, y, g, h);
        else onClose(eventIndex, i, x, y, g, h);
        eventIndex++;
      }
      i = next;
    } else if (id == planId) {
      const next = readWindow(i, 2);
      if (next < 0) {
        const resume = -next - 1;
        report(list, syntax, -1, i, resume < end ? C.SYN_RAN_INTO_KEYWORD : C.SYN_TRUNCATED, resume);
        i = resume;
        continue;
      }
      if (windowBad) {
        report(list, syntax, -1, i, C.SYN_NOT_INTEGER);
      } else if (!inPlan) {
        report(list, syntax, -1, i, C.SYN_PLAN_IN_TRACE, load<i32>(argsP), load<i32>(argsP, 4));
      } else {
        store<i64>(planBuf.dataStart + (<usize>planLen << 3), load<i64>(argsP));
        planLen++;
      }
      i = next;
    } else {
      if (classOf(id) != CLS_DROP) report(list, syntax, -1, i, C.SYN_STRAY_TOKEN, id);
      i++;
    }
  }

  // After the events.
  if (strict && goalClosedEvent < 0) flushExpected(-1, -1);
  let extractedLen = -1;
  if (goalClosedEvent < 0) {
    report(C.LIST_TRACE, C.GOAL_NOT_REACHED, -1, -1, M.gx, M.gy);
  } else {
    extractedLen = extractPlan();
    if (extractedLen < 0) {
      report(C.LIST_TRACE, C.PLAN_EXTRACTION_ERROR, -1, -1);
    } else {
      if (extractedLen != planLen) report(C.LIST_TRACE, C.PLAN_LENGTH_MISMATCH, -1, -1, extractedLen, planLen);
      if (checkPlan(extractedBuf, extractedLen, -1) > 0) report(C.LIST_TRACE, C.EXTRACTED_PLAN_INVALID, -1, -1);
    }
  }
  if (planLen == 0) {
    if (planErrors() == 0) report(C.LIST_PLAN, C.PLAN_SYNTAX_ERROR, -1, -1, C.SYN_NO_PLAN);
  } else {
    checkPlan(planBuf, planLen, C.LIST_PLAN);
  }

  const optimal = shortestPlanLength(maze);
  unchecked((result[R_TRACE_ERRORS] = traceErrors()));
  unchecked((result[R_PLAN_ERRORS] = planErrors()));
  unchecked((result[R_STRICT_ERRORS] = strict ? strictErrors() : 0));
  unchecked((result[R_EVENTS] = eventIndex));
  unchecked((result[R_TOKENS] = len));
  unchecked((result[R_PLAN_LENGTH] = planLen));
  unchecked((result[R_EXTRACTED_LENGTH] = extractedLen));
  unchecked((result[R_OPTIMAL_LENGTH] = optimal > 0 ? optimal : -1));
  unchecked((result[R_GOAL_CLOSED_EVENT] = goalClosedEvent));
  unchecked((result[R_RECORDS] = recordCount));
  unchecked((result[R_STRICT] = strict ? 1 : 0));
  unchecked((result[R_PLAN_PTR] = <i32>planBuf.dataStart));
  unchecked((result[R_EXTRACTED_PTR] = <i32>extractedBuf.dataStart));
}
