// The error log: exact counts per list, the first MAX_STORED_ERRORS records of each list stored in
// order of occurrence (so the strict verdict can merge trace and strict-only errors by position).
// The host reads the records through the layout below (exported by api/validate.ts).
import { LIST_TRACE, LIST_PLAN, LIST_STRICT } from "./codes";

export const MAX_STORED_ERRORS: i32 = 256;
// Record: list, code, event, token, a, b, c, d, e (event/token -1 = none; a..e code-specific).
export const REC_LIST: i32 = 0;
export const REC_CODE: i32 = 1;
export const REC_EVENT: i32 = 2;
export const REC_TOKEN: i32 = 3;
export const REC_AUX: i32 = 4; // a..e, five values
export const RECORD_WIDTH: i32 = 9;

export const records = new StaticArray<i32>(3 * MAX_STORED_ERRORS * RECORD_WIDTH);
export let recordCount: i32 = 0;
export const counts = new StaticArray<i32>(3);
const stored = new StaticArray<i32>(3);

export function resetLog(): void {
  recordCount = 0;
  for (let l = 0; l < 3; l++) {
    unchecked((counts[l] = 0));
    unchecked((stored[l] = 0));
  }
}

@inline function write(r: i32, list: i32, code: i32, event: i32, token: i32, a: i32, b: i32, c: i32, d: i32, e: i32): void {
  unchecked((records[r + REC_LIST] = list));
  unchecked((records[r + REC_CODE] = code));
  unchecked((records[r + REC_EVENT] = event));
  unchecked((records[r + REC_TOKEN] = token));
  unchecked((records[r + REC_AUX] = a));
  unchecked((records[r + REC_AUX + 1] = b));
  unchecked((records[r + REC_AUX + 2] = c));
  unchecked((records[r + REC_AUX + 3] = d));
  unchecked((records[r + REC_AUX + 4] = e));
}

export function report(
  list: i32, code: i32, event: i32, token: i32,
  a: i32 = 0, b: i32 = 0, c: i32 = 0, d: i32 = 0, e: i32 = 0,
): void {
  unchecked((counts[list] += 1));
  if (unchecked(stored[list]) >= MAX_STORED_ERRORS) return;
  unchecked((stored[list] += 1));
  const r = recordCount * RECORD_WIDTH;
  write(r, list, code, event, token, a, b, c, d, e);
  recordCount++;
}

@inline export function traceErrors(): i32 {
  return unchecked(counts[LIST_TRACE]);
}

@inline export function planErrors(): i32 {
  return unchecked(counts[LIST_PLAN]);
}

@inline export function strictErrors(): i32 {
  return unchecked(counts[LIST_STRICT]);
}

// Like report(), but the record goes in front of every stored one: the paper reports
// operation_syntax_error once, first, however many there were and wherever the first was.
export function reportFirst(list: i32, code: i32, event: i32, token: i32, a: i32 = 0, b: i32 = 0): void {
  unchecked((counts[list] += 1));
  if (unchecked(stored[list]) >= MAX_STORED_ERRORS) {
    // Make room: drop the last stored record of this list.
    let r = recordCount - 1;
    while (unchecked(records[r * RECORD_WIDTH + REC_LIST]) != list) r--;
    const at = changetype<usize>(records) + (<usize>(r * RECORD_WIDTH) << 2);
    memory.copy(at, at + (<usize>RECORD_WIDTH << 2), <usize>((recordCount - 1 - r) * RECORD_WIDTH) << 2);
    recordCount--;
  } else {
    unchecked((stored[list] += 1));
  }
  const base = changetype<usize>(records);
  memory.copy(base + (<usize>RECORD_WIDTH << 2), base, <usize>(recordCount * RECORD_WIDTH) << 2);
  write(0, list, code, event, token, a, b, 0, 0, 0);
  recordCount++;
}
