// The validation half of the engine's exports: vocabulary, tokenizer, validator. The typed
// wrapper is src/core/validate.ts; it moves ids in through validatorInput() (one copy into wasm
// memory, no per-call allocation) and reads the report out of the buffers named below, through
// the layout constants exported here (it copies none of them).
import { Maze, MIN_SIZE, MAX_SIZE } from "../maze";
import { vocabFor } from "../vocab";
import { tokenizeBytes, detokenize, countWordsAt, tokenizeAt } from "../tokenizer";
import { validateIds, result } from "../validator/validate";
import { records } from "../validator/errors";
import { CODE_NAMES } from "../validator/codes";

// The report's layout: the result header's slots, the error records' fields, which list a record
// belongs to and why a syntax error happened.
export {
  R_TRACE_ERRORS, R_PLAN_ERRORS, R_STRICT_ERRORS, R_EVENTS, R_TOKENS, R_PLAN_LENGTH, R_EXTRACTED_LENGTH,
  R_OPTIMAL_LENGTH, R_GOAL_CLOSED_EVENT, R_RECORDS, R_STRICT, R_PLAN_PTR, R_EXTRACTED_PTR, RESULT_WIDTH,
} from "../validator/validate";
export { REC_LIST, REC_CODE, REC_EVENT, REC_TOKEN, REC_AUX, RECORD_WIDTH, MAX_STORED_ERRORS } from "../validator/errors";
export {
  LIST_TRACE, LIST_PLAN, LIST_STRICT,
  SYN_RAN_INTO_KEYWORD, SYN_TRUNCATED, SYN_NOT_INTEGER, SYN_STRAY_TOKEN, SYN_RAN_INTO_EOS, SYN_NO_PLAN,
} from "../validator/codes";

// Sizes outside the engine's range are clamped so that no call can trap; the TS API rejects
// them with an EngineInputError before they get here.
@inline function size(v: i32): i32 {
  return min(max(v, MIN_SIZE), MAX_SIZE);
}

export function vocabWords(rows: i32, cols: i32): Array<string> {
  return vocabFor(size(rows), size(cols)).words();
}

export function vocabSize(rows: i32, cols: i32): i32 {
  return vocabFor(size(rows), size(cols)).size;
}

// Room for `bytes` of UTF-8 text; returns where to write it (valid until the next engine call).
let textBytes = new Uint8Array(1024);
export function textInput(bytes: i32): usize {
  if (textBytes.length < bytes) textBytes = new Uint8Array(max(bytes, textBytes.length * 2));
  return textBytes.dataStart;
}

// Tokenizes the first `bytes` written at textInput().
export function tokenizeTextInput(bytes: i32, rows: i32, cols: i32): Int32Array {
  return tokenizeBytes(textBytes.dataStart, min(max(bytes, 0), textBytes.length), vocabFor(size(rows), size(cols)));
}

export function detokenizeIds(ids: Int32Array, rows: i32, cols: i32): string {
  return detokenize(ids, vocabFor(size(rows), size(cols)));
}

// ---- validator ----

let input = new Int32Array(1024);
let maze = new Maze(MIN_SIZE, MIN_SIZE);

// Room for `len` ids; returns where to write them. Valid until the next engine call.
export function validatorInput(len: i32): usize {
  if (input.length < len) input = new Int32Array(max(len, input.length * 2));
  return input.dataStart;
}

// Sets the maze (start and goal are clamped into the grid); returns where to write its
// rows * cols cells (1 = free, 0 = wall).
export function validatorMaze(rows: i32, cols: i32, sx: i32, sy: i32, gx: i32, gy: i32): usize {
  rows = size(rows);
  cols = size(cols);
  if (maze.rows != rows || maze.cols != cols) maze = new Maze(rows, cols);
  maze.sx = min(max(sx, 0), cols - 1);
  maze.sy = min(max(sy, 0), rows - 1);
  maze.gx = min(max(gx, 0), cols - 1);
  maze.gy = min(max(gy, 0), rows - 1);
  return maze.cells.dataStart;
}

// Validates the first `len` ids written at validatorInput() against the maze of validatorMaze().
export function validateInput(len: i32, strict: bool): void {
  len = min(max(len, 0), input.length);
  validateIds(maze, vocabFor(maze.rows, maze.cols), input.dataStart, len, strict);
}

// Tokenizes the UTF-8 text written at textInput() straight into the input buffer and validates
// it; returns the token count.
export function validateTextInput(bytes: i32, strict: bool): i32 {
  bytes = min(max(bytes, 0), textBytes.length);
  const vocab = vocabFor(maze.rows, maze.cols);
  const len = countWordsAt<u8>(textBytes.dataStart, bytes);
  validatorInput(len);
  tokenizeAt<u8>(textBytes.dataStart, bytes, vocab, input.dataStart);
  validateIds(maze, vocab, input.dataStart, len, strict);
  return len;
}

export function validatorResult(): usize {
  return changetype<usize>(result);
}

export function validatorRecords(): usize {
  return changetype<usize>(records);
}

export function errorCodeCount(): i32 {
  return CODE_NAMES.length;
}

export function errorCodeName(code: i32): string {
  return <u32>code < <u32>CODE_NAMES.length ? unchecked(CODE_NAMES[code]) : "unknown";
}
