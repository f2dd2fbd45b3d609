// Error codes of the validator (spec section 6) plus our strict-mode codes. The numeric values
// cross the wasm boundary; the TS API reads the names through errorCodeName(), so this list is
// the only place they are spelled.

export const PLAN_SYNTAX_ERROR: i32 = 0;
export const OPERATION_SYNTAX_ERROR: i32 = 1;
export const INVALID_COORDINATES: i32 = 2;
export const CREATE_CLOSE_WALL: i32 = 3;
export const FIRST_CREATE_NOT_LAST_CLOSED: i32 = 4;
export const CREATE_NON_NEIGHBOR: i32 = 5;
export const CREATE_ALREADY_CLOSED: i32 = 6;
export const CLOSE_NOT_IN_OPEN_LIST: i32 = 7;
export const CLOSE_NOT_LOWEST_F_VALUE: i32 = 8;
export const GOAL_NOT_REACHED: i32 = 9;
export const PLAN_EXTRACTION_ERROR: i32 = 10;
export const PLAN_LENGTH_MISMATCH: i32 = 11;
export const EXTRACTED_PLAN_INVALID: i32 = 12;
export const ILLEGAL_START: i32 = 13;
export const ILLEGAL_MOVE: i32 = 14;
// Strict mode: the trace must be exactly what the paper's A* emits.
export const STRICT_WRONG_G: i32 = 15;
export const STRICT_WRONG_H: i32 = 16;
export const STRICT_NOT_FIFO: i32 = 17;
export const STRICT_UNEXPECTED_CREATE: i32 = 18;
export const STRICT_MISSING_CREATE: i32 = 19;
export const STRICT_EVENT_AFTER_GOAL: i32 = 20;
// Strict well-formedness: what the paper's reading accepts silently.
export const STRICT_MALFORMED_EVENT: i32 = 21; // read, but not `x y c<g> c<h>` back to back
export const STRICT_PLAN_IN_TRACE: i32 = 22; // a plan step before a later create/close

export const CODE_NAMES: StaticArray<string> = [
  "plan_syntax_error",
  "operation_syntax_error",
  "invalid_coordinates",
  "create_close_wall",
  "first_create_not_last_closed",
  "create_non_neighbor",
  "create_already_closed",
  "close_not_in_open_list",
  "close_not_lowest_f_value",
  "goal_not_reached",
  "plan_extraction_error",
  "plan_length_mismatch",
  "extracted_plan_invalid",
  "illegal_start",
  "illegal_move",
  "strict_wrong_g",
  "strict_wrong_h",
  "strict_not_fifo",
  "strict_unexpected_create",
  "strict_missing_create",
  "strict_event_after_goal",
  "strict_malformed_event",
  "strict_plan_in_trace",
];

// Which list an error belongs to.
export const LIST_TRACE: i32 = 0;
export const LIST_PLAN: i32 = 1;
export const LIST_STRICT: i32 = 2; // strict-only errors; the strict verdict also counts LIST_TRACE

// Why a syntax error happened (aux value `a` of its record; the TS side words the message).
export const SYN_RAN_INTO_KEYWORD: i32 = 0; // the window holds a keyword that breaks it; parsing resumes there
export const SYN_TRUNCATED: i32 = 1; // the window is cut short by the end of the response
export const SYN_NOT_INTEGER: i32 = 2; // a slot of a kept window cannot be read as an integer
export const SYN_STRAY_TOKEN: i32 = 3; // a token outside any create/close/plan window
export const SYN_RAN_INTO_EOS: i32 = 4; // the window holds <|eos|>
export const SYN_NO_PLAN: i32 = 5; // no trailing run of plan steps (none at all, or events after them)
