// The typed validation API over the raw wasm exports: vocabulary, tokenizer and the paper's
// trace/plan validator (spec section 6) with our strict mode. Ids cross into wasm memory with
// one copy; the report is read back from the engine's result buffers (assembly/validator/validate.ts).
import type { ErrorCode } from "../../build/core-names";
import { EngineInputError, InputChecks, type Maze } from "./mazes";
import type { RawEngine } from "./raw";

/** An error code of the validator: spec section 6 plus our strict-mode codes. The names come from
 *  the engine at build time (assembly/validator/codes.ts, through scripts/build-wasm.js). */
export type { ErrorCode };

export interface ValidationError {
  readonly code: ErrorCode;
  /** Index of the event among the parsed create/close events; null when not about one event. */
  readonly event: number | null;
  /** Index of the token in the response stream (the keyword of the window); null if none. */
  readonly token: number | null;
  /** Worded on first read; JSON.stringify includes it. */
  readonly message: string;
}

/** Strict mode (ours): the paper's rules plus true g (parent g + 1), true Manhattan h, the FIFO
 *  tie policy, exactly the creates the A* emits, nothing after the goal's close: a trace is
 *  strict-valid iff it is exactly the paper's A* trace. */
export interface StrictReport {
  trace_valid: boolean;
  /** The paper-rule trace errors and the strict-only errors, in order of occurrence. */
  errors: ValidationError[];
  error_count: number;
  first_error: ValidationError | null;
}

export interface ValidationReport {
  trace_valid: boolean;
  plan_valid: boolean;
  /** Plan valid and as short as the A* plan. */
  optimal: boolean;
  trace_errors: ValidationError[];
  plan_errors: ValidationError[];
  trace_error_count: number;
  plan_error_count: number;
  first_trace_error: ValidationError | null;
  first_plan_error: ValidationError | null;
  /** The model's plan (the trailing run of `plan x y` steps). */
  plan: Array<[number, number]>;
  /** The plan given by the trace's parents, when the goal was closed. */
  extracted_plan: Array<[number, number]> | null;
  plan_length: number;
  /** A*'s plan length (cells, start and goal included); null if the goal is unreachable. */
  optimal_plan_length: number | null;
  /** Parsed create/close events. */
  events: number;
  /** Tokens in the response. */
  tokens: number;
  /** null when called with { strict: false }. */
  strict: StrictReport | null;
}

export interface ValidateOptions {
  /** Run the strict checks too (default true; false skips them and reports strict: null). */
  strict?: boolean;
}

const MAX_TOKENS = 16 << 20;

// ---- messages: the engine stores numbers (records), the words live here ----

/** Why a syntax error happened, by the engine's constant for it (the record's value `a`). */
const SYNTAX_WHY = {
  SYN_RAN_INTO_KEYWORD: "the window holds a keyword that breaks it (parsing resumes there)",
  SYN_TRUNCATED: "the window is cut short by the end of the response",
  SYN_NOT_INTEGER: "a slot of the window cannot be read as an integer",
  SYN_STRAY_TOKEN: "a token outside any create/close/plan window",
  SYN_RAN_INTO_EOS: "the window holds <|eos|>",
  SYN_NO_PLAN: "the response does not end with plan steps",
} as const;

/** What the messages take from one engine: its syntax reasons by value, its plan list's id. */
interface Wording {
  syntaxWhy: readonly string[];
  listPlan: number;
}

function wordingOf(raw: RawEngine): Wording {
  const syntaxWhy: string[] = [];
  for (const [name, why] of Object.entries(SYNTAX_WHY)) syntaxWhy[raw[name as keyof typeof SYNTAX_WHY].value] = why;
  return { syntaxWhy, listPlan: raw.LIST_PLAN.value };
}

function describe(words: Wording, code: ErrorCode, list: number, a: number, b: number, c: number, d: number, e: number): string {
  const ev = `(${a}, ${b}) g=${c} h=${d}`;
  switch (code) {
    case "plan_syntax_error":
    case "operation_syntax_error":
      return words.syntaxWhy[a] ?? "syntax error";
    case "invalid_coordinates":
      return `${ev}: outside the grid`;
    case "create_close_wall":
      return `${ev}: a wall cell`;
    case "first_create_not_last_closed":
      return `create ${ev} before any close`;
    case "create_non_neighbor":
      return `create ${ev}: not a neighbour of the last closed node`;
    case "create_already_closed":
      return `create ${ev}: the node is already closed`;
    case "close_not_in_open_list":
      return e < 0 ? `close ${ev}: the node is not open` : `close ${ev}: the open entry has g=${e >> 16} h=${e & 0xffff}`;
    case "close_not_lowest_f_value":
      return `close ${ev}: f=${c + d} is above the open list's minimum f=${e}`;
    case "goal_not_reached":
      return list === words.listPlan ? `the plan ends at (${a}, ${b}), not at the goal (${c}, ${d})` : `the goal (${a}, ${b}) is never closed`;
    case "plan_extraction_error":
      return "the parent chain from the goal does not reach the start";
    case "plan_length_mismatch":
      return `the trace's plan has ${a} cells, the model's plan ${b}`;
    case "extracted_plan_invalid":
      return "the plan extracted from the trace breaks the plan rules";
    case "illegal_start":
      return `the plan starts at (${a}, ${b}), not at the start (${c}, ${d})`;
    case "illegal_move":
      return `step ${e}: (${a}, ${b}) -> (${c}, ${d}) is not a move to a free neighbour`;
    case "strict_wrong_g":
      return `create ${ev}: the true g is ${e}`;
    case "strict_wrong_h":
      return `create ${ev}: the true h is ${e}`;
    case "strict_not_fifo":
      return `close ${ev}: an earlier-inserted open node has the same f (FIFO)`;
    case "strict_unexpected_create":
      return `create ${ev}: the paper's A* emits no such create here`;
    case "strict_missing_create":
      return `missing create (${a}, ${b}) g=${c} h=${d} before this event`;
    case "strict_event_after_goal":
      return `event (${a}, ${b}) after the goal was closed`;
    case "strict_malformed_event":
      return "the event is read by the paper's rules but is not `x y c<g> c<h>` back to back";
    case "strict_plan_in_trace":
      return a < 0
        ? "a plan step before a later create/close (the paper ignores it)"
        : `plan step (${a}, ${b}) before a later create/close (the paper ignores it)`;
  }
}

// An error as the API hands it out: code, event and token are plain fields; the message is worded
// only when read (reports of bad traces hold hundreds of errors that nobody reads), and
// JSON.stringify includes it through toJSON. (A spread `{...err}` copies code/event/token only.)
class EngineValidationError implements ValidationError {
  readonly code: ErrorCode;
  readonly event: number | null;
  readonly token: number | null;
  readonly #words: Wording;
  readonly #aux: readonly [number, number, number, number, number, number];

  constructor(words: Wording, code: ErrorCode, event: number, token: number, list: number, a: number, b: number, c: number, d: number, e: number) {
    this.code = code;
    this.event = event < 0 ? null : event;
    this.token = token < 0 ? null : token;
    this.#words = words;
    this.#aux = [list, a, b, c, d, e];
  }

  get message(): string {
    return describe(this.#words, this.code, ...this.#aux);
  }

  toJSON(): ValidationError {
    return { code: this.code, event: this.event, token: this.token, message: this.message };
  }
}

// ---- the API bound to one engine instance ----

export function validatorApi(raw: RawEngine) {
  const check: InputChecks = new InputChecks(raw);
  const codeNames: ErrorCode[] = [];
  for (let i = 0, n = raw.errorCodeCount(); i < n; i++) codeNames.push(raw.errorCodeName(i) as ErrorCode);
  const words = wordingOf(raw);
  // The report's layout (assembly/api/validate.ts): header slots, record fields, list ids.
  const R_TRACE_ERRORS = raw.R_TRACE_ERRORS.value,
    R_PLAN_ERRORS = raw.R_PLAN_ERRORS.value,
    R_STRICT_ERRORS = raw.R_STRICT_ERRORS.value,
    R_EVENTS = raw.R_EVENTS.value,
    R_TOKENS = raw.R_TOKENS.value,
    R_PLAN_LENGTH = raw.R_PLAN_LENGTH.value,
    R_EXTRACTED_LENGTH = raw.R_EXTRACTED_LENGTH.value,
    R_OPTIMAL_LENGTH = raw.R_OPTIMAL_LENGTH.value,
    R_RECORDS = raw.R_RECORDS.value,
    R_PLAN_PTR = raw.R_PLAN_PTR.value,
    R_EXTRACTED_PTR = raw.R_EXTRACTED_PTR.value;
  const REC_LIST = raw.REC_LIST.value,
    REC_CODE = raw.REC_CODE.value,
    REC_EVENT = raw.REC_EVENT.value,
    REC_TOKEN = raw.REC_TOKEN.value,
    REC_AUX = raw.REC_AUX.value,
    RECORD_WIDTH = raw.RECORD_WIDTH.value;
  const LIST_TRACE = raw.LIST_TRACE.value,
    LIST_PLAN = raw.LIST_PLAN.value;
  /** Stored error lists are capped (counts stay exact). */
  const MAX_STORED_ERRORS = raw.MAX_STORED_ERRORS.value;
  // The result header and the error records live at fixed addresses (static arrays); views are
  // rebuilt only when memory grows (growth detaches the old buffer).
  const resultPtr = raw.validatorResult(),
    recordsPtr = raw.validatorRecords();
  let mem = raw.memory.buffer;
  let i32 = new Int32Array(mem);
  let u8 = new Uint8Array(mem);
  function views(): void {
    if (mem !== raw.memory.buffer) {
      mem = raw.memory.buffer;
      i32 = new Int32Array(mem);
      u8 = new Uint8Array(mem);
    }
  }
  const vocabs = new Map<string, string[]>();

  function vocab(rows: number, cols: number): string[] {
    check.size("rows", rows);
    check.size("cols", cols);
    const key = `${rows}x${cols}`;
    let words = vocabs.get(key);
    if (!words) vocabs.set(key, (words = raw.vocabWords(rows, cols)));
    return words.slice();
  }

  function tokenize(text: string, rows: number, cols: number): Int32Array {
    check.size("rows", rows);
    check.size("cols", cols);
    return raw.tokenizeTextInput(writeText(text), rows, cols);
  }

  // Text crosses as UTF-8 written straight into engine memory (one native encode, no per-character
  // copy); vocabulary words are ASCII, so anything else only ever reads as <|unk|>.
  const encoder = new TextEncoder();
  function writeText(text: unknown): number {
    checkText(text);
    const capacity = 3 * text.length; // UTF-8 needs at most 3 bytes per UTF-16 code unit
    const ptr = raw.textInput(capacity);
    views();
    return encoder.encodeInto(text, u8.subarray(ptr, ptr + capacity)).written;
  }

  function detokenize(ids: Int32Array | ArrayLike<number>, rows: number, cols: number): string {
    check.size("rows", rows);
    check.size("cols", cols);
    return raw.detokenizeIds(toIds(ids), rows, cols);
  }

  function checkText(text: unknown): asserts text is string {
    if (typeof text !== "string") throw new EngineInputError("response", "the response must be a string or token ids");
    if (text.length > 8 * MAX_TOKENS) throw new EngineInputError("response", "the response is too long");
  }

  function toIds(ids: unknown): Int32Array {
    if (ids instanceof Int32Array) return ids;
    if (ids && typeof ids === "object" && typeof (ids as ArrayLike<number>).length === "number") {
      return Int32Array.from(ids as ArrayLike<number>);
    }
    throw new EngineInputError("response", "the response must be a string or token ids");
  }

  function validate(maze: Maze, response: Int32Array | ArrayLike<number> | string, opts: ValidateOptions = {}): ValidationReport {
    check.maze(maze);
    const strict = opts?.strict ?? true;
    if (typeof strict !== "boolean") throw new EngineInputError("strict", "strict must be true or false");
    const cellsPtr = raw.validatorMaze(maze.rows, maze.cols, maze.start[0], maze.start[1], maze.goal[0], maze.goal[1]);
    views();
    u8.set(maze.cells, cellsPtr);
    if (typeof response === "string") {
      raw.validateTextInput(writeText(response), strict);
    } else {
      const ids = toIds(response);
      if (ids.length > MAX_TOKENS) throw new EngineInputError("response", `the response exceeds ${MAX_TOKENS} tokens`);
      const ptr = raw.validatorInput(ids.length);
      views();
      i32.set(ids, ptr >>> 2);
      raw.validateInput(ids.length, strict);
    }
    return readReport(strict);
  }

  function readReport(strict: boolean): ValidationReport {
    views();
    const r = resultPtr >>> 2;
    const trace: ValidationError[] = [],
      plan: ValidationError[] = [],
      strictErrors: ValidationError[] = [];
    for (let o = recordsPtr >>> 2, stop = o + i32[r + R_RECORDS] * RECORD_WIDTH; o < stop; o += RECORD_WIDTH) {
      const list = i32[o + REC_LIST];
      const code = codeNames[i32[o + REC_CODE]];
      const x = o + REC_AUX;
      const err = new EngineValidationError(words, code, i32[o + REC_EVENT], i32[o + REC_TOKEN], list, i32[x], i32[x + 1], i32[x + 2], i32[x + 3], i32[x + 4]);
      if (list === LIST_PLAN) plan.push(err);
      else {
        if (list === LIST_TRACE) trace.push(err);
        if (strict && strictErrors.length < MAX_STORED_ERRORS) strictErrors.push(err);
      }
    }
    const pairs = (ptr: number, n: number): Array<[number, number]> => {
      const out: Array<[number, number]> = new Array(n);
      for (let i = 0, p = ptr >>> 2; i < n; i++, p += 2) out[i] = [i32[p], i32[p + 1]];
      return out;
    };
    const header = (slot: number) => i32[r + slot];
    const planLength = header(R_PLAN_LENGTH);
    const extractedLength = header(R_EXTRACTED_LENGTH);
    const optimalLength = header(R_OPTIMAL_LENGTH) < 0 ? null : header(R_OPTIMAL_LENGTH);
    const traceCount = header(R_TRACE_ERRORS),
      planCount = header(R_PLAN_ERRORS);
    const planValid = planCount === 0;
    const strictCount = traceCount + header(R_STRICT_ERRORS);
    return {
      trace_valid: traceCount === 0,
      plan_valid: planValid,
      optimal: planValid && optimalLength !== null && planLength === optimalLength,
      trace_errors: trace,
      plan_errors: plan,
      trace_error_count: traceCount,
      plan_error_count: planCount,
      first_trace_error: trace[0] ?? null,
      first_plan_error: plan[0] ?? null,
      plan: pairs(header(R_PLAN_PTR), planLength),
      extracted_plan: extractedLength < 0 ? null : pairs(header(R_EXTRACTED_PTR), extractedLength),
      plan_length: planLength,
      optimal_plan_length: optimalLength,
      events: header(R_EVENTS),
      tokens: header(R_TOKENS),
      strict: strict ? { trace_valid: strictCount === 0, errors: strictErrors, error_count: strictCount, first_error: strictErrors[0] ?? null } : null,
    };
  }

  return { vocab, tokenize, detokenize, validate, errorCodes: (): ErrorCode[] => codeNames.slice() };
}

export type ValidatorApi = ReturnType<typeof validatorApi>;
