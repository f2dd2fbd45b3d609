// GET /v1/mazes: instance `index` of a dataset stream, exactly what `reasonless generate` writes
// as line `index` (0-based) for the same generator, size, split, seed and parameters.
// Deterministic, so it carries a strong ETag (engine build + canonical query) and is cacheable.
import { type Engine, type GeneratorInfo, type GeneratorName, type Maze, type MazeStream, STREAM_DEFAULTS, type Split, type StreamOptions } from "../core";
import { ENGINE_BUILD, generators, getEngine } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { type FieldReader, engineCall, queryFields, queryParams, show } from "../http/input";
import { LIMITS } from "../http/limits";
import type { ApiRequest } from "../http/middleware";
import { cellUnits, spendWork } from "../http/work";

/** The CLI's defaults (`reasonless generate`), and the first instance. */
export const DEFAULTS = { ...STREAM_DEFAULTS, index: 0 };
/** Seeds are 32-bit: the stream's PRNG starts at (seed * 2 + test) mod 2^32. */
export const MAX_SEED = 2 ** 32 - 1;
const CACHE_CONTROL = "public, max-age=86400";

export interface StreamInstance {
  options: StreamOptions & { seed: number; split: Split };
  /** The parameters the chosen generator declares, with defaults filled in. */
  params: Record<string, number | boolean>;
  index: number;
}

/** The largest index whose generation stays within LIMITS.maxStreamCells for a rows x cols grid. */
export function maxIndexFor(rows: number, cols: number): number {
  return Math.min(LIMITS.maxIndex, Math.floor(LIMITS.maxStreamCells / (rows * cols)) - 1);
}

/** The fields that name a stream instance besides the generators' parameters. */
export const INSTANCE_FIELDS = ["generator", "rows", "cols", "seed", "split", "index"];

/** Every parameter any generator declares, by name. */
export function parameterSpecs(registry: readonly GeneratorInfo[]): Map<string, GeneratorInfo["params"][number]> {
  return new Map(registry.flatMap((g) => g.params.map((p) => [p.name, p] as const)));
}

/** The stream instance that generator `name` and the other fields name (GET /v1/mazes's query,
 *  POST /v1/predict's body), checked against the engine's registry, with the CLI's defaults.
 *  Like the CLI, every registry parameter is accepted for every generator, and a generator
 *  ignores those it does not declare. */
export function streamInstance(registry: readonly GeneratorInfo[], name: string, read: FieldReader): StreamInstance {
  const gen = registry.find((g) => g.name === name);
  if (!gen) {
    throw new ApiError("invalid_value", `unknown generator ${show(name)}; available: ${registry.map((g) => g.name).join(", ")}`, "generator");
  }
  const int = (key: "rows" | "cols" | "seed" | "index", min: number, max: number): number => read.integer(key, min, max) ?? DEFAULTS[key];
  const rows = int("rows", gen.minSize, gen.maxSize);
  const cols = int("cols", gen.minSize, gen.maxSize);
  const seed = int("seed", 0, MAX_SEED);
  const index = int("index", 0, maxIndexFor(rows, cols));
  const split = read.string("split") ?? DEFAULTS.split;
  if (split !== "train" && split !== "test") {
    throw new ApiError("invalid_value", `split must be "train" or "test", got ${show(split)}`, "split");
  }

  const given: Record<string, number | boolean | undefined> = {};
  for (const [key, spec] of parameterSpecs(registry)) {
    given[key] = spec.type === "boolean" ? read.boolean(key) : read.number(key, spec.min ?? -Number.MAX_VALUE, spec.max ?? Number.MAX_VALUE);
  }
  const params: Record<string, number | boolean> = {};
  for (const p of gen.params) params[p.name] = given[p.name] ?? p.default;

  return { options: { generator: gen.name, rows, cols, seed, split, ...params }, params, index };
}

/** The query, checked against the engine's registry. */
async function readQuery(url: URL): Promise<StreamInstance> {
  const registry = await generators();
  const q = queryParams(url, [...INSTANCE_FIELDS, ...parameterSpecs(registry).keys()]);
  const name = q.get("generator");
  if (name === undefined) throw new ApiError("missing_field", "generator is required", "generator");
  return streamInstance(registry, name, queryFields(q));
}

// ---- sequential streams, kept open per isolate ----
// Reading index i+1 after i (the usual way to page through a stream) then costs one instance.

interface Cursor {
  stream: MazeStream;
  /** Index of the next instance `stream.next()` returns. */
  next: number;
  /** Instance next - 1 (kept, so asking for the same index again costs nothing). */
  last?: Maze;
}
const MAX_CURSORS = 8;
const cursors = new Map<string, Cursor>();

/** How many instances mazeAt must generate to reach `index` (0 when an open stream is there). */
export function generationsTo(key: string, index: number): number {
  const cursor = cursors.get(key);
  return cursor && cursor.next <= index + 1 ? index + 1 - cursor.next : index + 1;
}

/** Instance `index` of the stream `options` (key: its canonical JSON), reusing open streams. */
export function mazeAt(engine: Engine, options: StreamOptions, key: string, index: number): Maze {
  let cursor = cursors.get(key);
  cursors.delete(key);
  if (cursor && cursor.next > index + 1) {
    cursor.stream.close();
    cursor = undefined;
  }
  cursor ??= { stream: engineCall("generator", () => engine.openStream(options)), next: 0 };
  try {
    while (cursor.next <= index) {
      cursor.last = engineCall("generator", () => cursor!.stream.next());
      cursor.next++;
    }
  } catch (err) {
    cursor.stream.close();
    throw err;
  }
  cursors.set(key, cursor);
  for (const [oldest, c] of cursors) {
    if (cursors.size <= MAX_CURSORS) break;
    c.stream.close();
    cursors.delete(oldest);
  }
  return cursor.last!;
}

// ---- the route ----

async function etagOf(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${ENGINE_BUILD.sha256}\n${key}`));
  const hex = [...new Uint8Array(digest, 0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

export async function getMaze(request: ApiRequest, env: Env): Promise<Response> {
  const query = await readQuery(new URL(request.url));
  const { options, params, index } = query;
  const streamKey = JSON.stringify(options);
  const etag = await etagOf(`${streamKey}#${index}`);
  const cacheHeaders = { etag, "cache-control": CACHE_CONTROL };
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: cacheHeaders });

  await spendWork(request, env, cellUnits(generationsTo(streamKey, index) * options.rows * options.cols), "this maze");
  const engine = await getEngine();
  const maze = mazeAt(engine, options, streamKey, index);
  return json(
    {
      generator: options.generator as GeneratorName,
      rows: options.rows,
      cols: options.cols,
      seed: options.seed,
      split: options.split,
      index,
      params,
      start: maze.start,
      goal: maze.goal,
      walls: engine.wallsOf(maze),
      prompt: engine.promptText(maze),
    },
    200,
    cacheHeaders,
  );
}
