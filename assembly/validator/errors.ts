// The error log: exact counts per list, the first CAP records of each list stored in order of
// occurrence (so the strict verdict can merge trace and strict-only errors by position).
import { LIST_TRACE, LIST_PLAN, LIST_STRICT } from "./codes";

export const CAP: i32 = 256;
// Record: list, code, event, token, a, b, c, d, e (event/token -1 = none; a..e code-specific).
export const RECORD_WIDTH: i32 = 9;

export const records = new StaticArray<i32>(3 * CAP * RECORD_WIDTH);
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

export function report(
  list: i32, code: i32, event: i32, token: i32,
  a: i32 = 0, b: i32 = 0, c: i32 = 0, d: i32 = 0, e: i32 = 0,
): void {
  unchecked((counts[list] += 1));
  if (unchecked(stored[list]) >= CAP) return;
  unchecked((stored[list] += 1));
  const r = recordCount * RECORD_WIDTH;
  unchecked((records[r] = list));
  unchecked((records[r + 1] = code));
  unchecked((records[r + 2] = event));
  unchecked((records[r + 3] = token));
  unchecked((records[r + 4] = a));
  unchecked((records[r + 5] = b));
  unchecked((records[r + 6] = c));
  unchecked((records[r + 7] = d));
  unchecked((records[r + 8] = e));
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
  if (unchecked(stored[list]) >= CAP) {
    // Make room: drop the last stored record of this list.
    let r = recordCount - 1;
    while (unchecked(records[r * RECORD_WIDTH]) != list) r--;
    const at = changetype<usize>(records) + (<usize>(r * RECORD_WIDTH) << 2);
    memory.copy(at, at + (<usize>RECORD_WIDTH << 2), <usize>((recordCount - 1 - r) * RECORD_WIDTH) << 2);
    recordCount--;
  } else {
    unchecked((stored[list] += 1));
  }
  const base = changetype<usize>(records);
  memory.copy(base + (<usize>RECORD_WIDTH << 2), base, <usize>(recordCount * RECORD_WIDTH) << 2);
  unchecked((records[0] = list));
  unchecked((records[1] = code));
  unchecked((records[2] = event));
  unchecked((records[3] = token));
  unchecked((records[4] = a));
  unchecked((records[5] = b));
  unchecked((records[6] = 0));
  unchecked((records[7] = 0));
  unchecked((records[8] = 0));
  recordCount++;
}
