// Request validation shared by the routes. Each check names the offending field as a path
// (`items[2].maze.walls[5]`). Status policy, the same for bodies and query strings:
//   400 the request's shape is wrong: missing, unknown or wrongly typed fields, non-integers;
//   422 the shape is right but a value is out of range or inconsistent (start on a wall);
//   413 something is larger than a published limit.
// Unknown fields are always rejected, so that a misspelt option never passes silently.
import { EngineInputError, type Engine, type Maze } from "../core";
import { BENCHMARKS, type Suite, benchmarkSpec, getSuite } from "../leaderboard/benchmarks";
import { ApiError } from "./errors";
import { generators, getEngine, gridLimits } from "./engine";
import { LIMITS } from "./limits";

export type Point = [number, number];
type Obj = Record<string, unknown>;

const clip = (v: string, n: number): string => (v.length > n ? `${v.slice(0, n)}...` : v);

/** A client value quoted for an error message, cut short. */
export const show = (v: string): string => JSON.stringify(clip(v, 40));

/** A client-chosen field name as the `field` of an error, cut short. */
export const fieldName = (key: string): string => clip(key, 64);

export const at = (path: string, key: string | number): string => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export function object(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ApiError("invalid_type", `${path || "the body"} must be a JSON object`, path || undefined);
  }
  return v as Obj;
}

/** Rejects fields outside `allowed`; returns the object for chaining. */
export function only(o: Obj, path: string, allowed: readonly string[]): Obj {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      throw new ApiError("unknown_field", `unknown field ${show(key)}; allowed: ${allowed.join(", ")}`, at(path, fieldName(key)));
    }
  }
  return o;
}

export function required(o: Obj, key: string, path: string): unknown {
  if (o[key] === undefined) throw new ApiError("missing_field", `${at(path, key)} is required`, at(path, key));
  return o[key];
}

export function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new ApiError("invalid_type", `${path} must be an integer`, path);
  }
  return inRange(v, path, min, max);
}

export function inRange(v: number, path: string, min: number, max: number): number {
  if (v < min || v > max) throw new ApiError("invalid_value", `${path} must be from ${min} to ${max}, got ${v}`, path);
  return v;
}

export function number(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ApiError("invalid_type", `${path} must be a number`, path);
  return inRange(v, path, min, max);
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") throw new ApiError("invalid_type", `${path} must be true or false`, path);
  return v;
}

export function string(v: unknown, path: string): string {
  if (typeof v !== "string") throw new ApiError("invalid_type", `${path} must be a string`, path);
  return v;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ApiError("invalid_type", `${path} must be an array`, path);
  return v;
}

/** [x, y] inside a rows x cols grid. */
export function point(v: unknown, path: string, rows: number, cols: number): Point {
  if (!Array.isArray(v) || v.length !== 2) throw new ApiError("invalid_type", `${path} must be [x, y]`, path);
  const x = integer(v[0], at(path, 0), 0, Number.MAX_SAFE_INTEGER);
  const y = integer(v[1], at(path, 1), 0, Number.MAX_SAFE_INTEGER);
  if (x >= cols || y >= rows) {
    throw new ApiError("invalid_value", `${path} = [${x}, ${y}] lies outside the ${rows}x${cols} grid (x < cols, y < rows)`, path);
  }
  return [x, y];
}

// ---- query strings ----

/** An integer query parameter: digits with an optional minus sign, nothing else. */
export function queryInteger(v: string, name: string, min: number, max: number): number {
  if (!/^-?\d{1,16}$/.test(v)) throw new ApiError("invalid_type", `${name} must be an integer, got ${show(v)}`, name);
  return inRange(Number(v), name, min, max);
}

export function queryNumber(v: string, name: string, min: number, max: number): number {
  const n = v.trim() === "" ? NaN : Number(v);
  if (!Number.isFinite(n)) throw new ApiError("invalid_type", `${name} must be a number, got ${show(v)}`, name);
  return inRange(n, name, min, max);
}

export function queryBoolean(v: string, name: string): boolean {
  if (v === "true") return true;
  if (v === "false") return false;
  throw new ApiError("invalid_type", `${name} must be true or false, got ${show(v)}`, name);
}

/** A short human text: a string, trimmed, 1..max characters, no control characters. */
export function text(v: unknown, path: string, max: number): string {
  const s = string(v, path).trim();
  if (s.length === 0) throw new ApiError("invalid_value", `${path} must not be empty`, path);
  if (s.length > max) throw new ApiError("invalid_value", `${path} must be at most ${max} characters, got ${s.length}`, path);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this check's purpose.
  if (/[\u0000-\u001f\u007f]/.test(s)) throw new ApiError("invalid_value", `${path} must not contain control characters`, path);
  return s;
}

// ---- what the engine names: generators, benchmark suites ----

/** A `generator` query parameter checked against the engine's registry. */
export async function generatorParam(q: Map<string, string>): Promise<string | undefined> {
  const name = q.get("generator");
  if (name === undefined) return undefined;
  const names = (await generators()).map((g) => g.name as string);
  if (!names.includes(name)) throw new ApiError("invalid_value", `unknown generator ${show(name)}; available: ${names.join(", ")}`, "generator");
  return name;
}

/** The suite named by a path parameter, or a 404 (or, given a body field, a 422 naming it). */
export async function suiteOf(id: string, field?: string): Promise<Suite> {
  const spec = benchmarkSpec(id);
  if (!spec) {
    const message = `unknown benchmark ${show(id)}; available: ${BENCHMARKS.map((b) => b.id).join(", ")}`;
    throw field ? new ApiError("invalid_value", message, field) : new ApiError("not_found", message);
  }
  return getSuite(await getEngine(), spec);
}

// ---- mazes and responses ----

const WALL_FORM = ["rows", "cols", "start", "goal", "walls"] as const;
const PROMPT_FORM = ["rows", "cols", "prompt"] as const;

/** A maze given as `{rows, cols, start, goal, walls}` or as `{rows, cols, prompt}`. */
export async function readMaze(engine: Engine, v: unknown, path: string): Promise<Maze> {
  const o = object(v, path);
  const grid = await gridLimits();
  const form = o.prompt !== undefined ? PROMPT_FORM : WALL_FORM;
  only(o, path, form);
  const rows = integer(required(o, "rows", path), at(path, "rows"), grid.min, grid.max);
  const cols = integer(required(o, "cols", path), at(path, "cols"), grid.min, grid.max);

  if (form === PROMPT_FORM) {
    const prompt = string(o.prompt, at(path, "prompt"));
    if (prompt.length > LIMITS.maxPromptBytes) {
      throw new ApiError("payload_too_large", `the prompt exceeds ${LIMITS.maxPromptBytes} bytes`, at(path, "prompt"));
    }
    return engineCall(at(path, "prompt"), () => engine.parsePrompt(prompt, rows, cols));
  }

  const start = point(required(o, "start", path), at(path, "start"), rows, cols);
  const goal = point(required(o, "goal", path), at(path, "goal"), rows, cols);
  const list = array(required(o, "walls", path), at(path, "walls"));
  if (list.length > rows * cols) {
    throw new ApiError("invalid_value", `${at(path, "walls")} has ${list.length} entries; a ${rows}x${cols} grid has ${rows * cols} cells`, at(path, "walls"));
  }
  const walls = list.map((w, i) => {
    const p = point(w, at(at(path, "walls"), i), rows, cols);
    for (const [name, q] of [
      ["start", start],
      ["goal", goal],
    ] as const) {
      if (p[0] === q[0] && p[1] === q[1]) {
        throw new ApiError("invalid_value", `wall [${p[0]}, ${p[1]}] is on the ${name}`, at(at(path, "walls"), i));
      }
    }
    return p;
  });
  return engineCall(path, () => engine.mazeFromWalls(rows, cols, start, goal, walls));
}

/** A model response as text (whitespace-separated words) or as token ids of the maze's vocabulary. */
export function readResponse(engine: Engine, v: unknown, path: string, maze: Maze): string | Int32Array {
  if (typeof v === "string") {
    if (countWords(v, LIMITS.maxResponseTokens + 1) > LIMITS.maxResponseTokens) throw tooManyTokens(path);
    return v;
  }
  if (!Array.isArray(v)) throw new ApiError("invalid_type", `${path} must be a string or an array of token ids`, path);
  if (v.length > LIMITS.maxResponseTokens) throw tooManyTokens(path);
  const size = vocabSize(engine, maze.rows, maze.cols);
  const ids = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) ids[i] = integer(v[i], at(path, i), 0, size - 1);
  return ids;
}

const vocabSizes = new Map<string, number>();
function vocabSize(engine: Engine, rows: number, cols: number): number {
  const key = `${rows}x${cols}`;
  let n = vocabSizes.get(key);
  if (n === undefined) vocabSizes.set(key, (n = engine.vocab(rows, cols).length));
  return n;
}

function tooManyTokens(path: string): ApiError {
  return new ApiError("payload_too_large", `${path} exceeds ${LIMITS.maxResponseTokens} tokens`, path);
}

/** Whitespace-separated words in `s`, counting stops early once past `stop`. */
export function countWords(s: string, stop = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n < stop; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13);
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Runs an engine call on user input; its input errors become 422s that name `path`. */
export function engineCall<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EngineInputError) throw new ApiError("invalid_value", err.message, path);
    throw err;
  }
}

/** The query string as a map, rejecting unknown and repeated parameters. */
export function queryParams(url: URL, allowed: readonly string[]): Map<string, string> {
  const q = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key)) {
      throw new ApiError("unknown_field", `unknown query parameter ${show(key)}; allowed: ${allowed.join(", ") || "none"}`, fieldName(key));
    }
    if (q.has(key)) throw new ApiError("invalid_type", `query parameter ${show(key)} is given more than once`, key);
    q.set(key, value);
  }
  return q;
}

/** Reads one named field, undefined when absent, typed as its encoding says: a query string
 *  (`rows=10`) and a JSON body (`"rows": 10`) name the same fields with differently typed values. */
export interface FieldReader {
  integer(key: string, min: number, max: number): number | undefined;
  number(key: string, min: number, max: number): number | undefined;
  boolean(key: string): boolean | undefined;
  string(key: string): string | undefined;
}

export function queryFields(q: Map<string, string>): FieldReader {
  const get = <T>(key: string, read: (v: string) => T): T | undefined => (q.has(key) ? read(q.get(key)!) : undefined);
  return {
    integer: (key, min, max) => get(key, (v) => queryInteger(v, key, min, max)),
    number: (key, min, max) => get(key, (v) => queryNumber(v, key, min, max)),
    boolean: (key) => get(key, (v) => queryBoolean(v, key)),
    string: (key) => q.get(key),
  };
}

export function jsonFields(o: Obj): FieldReader {
  const get = <T>(key: string, read: (v: unknown) => T): T | undefined => (o[key] === undefined ? undefined : read(o[key]));
  return {
    integer: (key, min, max) => get(key, (v) => integer(v, key, min, max)),
    number: (key, min, max) => get(key, (v) => number(v, key, min, max)),
    boolean: (key) => get(key, (v) => boolean(v, key)),
    string: (key) => get(key, (v) => string(v, key)),
  };
}

/** `offset` and `limit` of a paginated list. */
export function page(q: Map<string, string>, defaultLimit: number = LIMITS.defaultPageSize): { offset: number; limit: number } {
  const offset = q.has("offset") ? queryInteger(q.get("offset")!, "offset", 0, 1_000_000_000) : 0;
  const limit = q.has("limit") ? queryInteger(q.get("limit")!, "limit", 1, LIMITS.maxPageSize) : defaultLimit;
  return { offset, limit };
}
