// Dataset stream instances as the API names them (GET /v1/mazes's query, POST /v1/predict's body):
// the fields, their defaults and checks against the engine's registry, and the streams kept open
// per isolate so that reading instance i+1 after i costs one instance.
import { type Engine, type GeneratorInfo, type Maze, type MazeStream, STREAM_DEFAULTS, type Split, type StreamOptions } from "../core";
import { ApiError } from "./errors";
import { type FieldReader, engineCall, show } from "./input";
import { LIMITS } from "./limits";

/** The CLI's defaults (`reasonless generate`), and the first instance. */
export const DEFAULTS = { ...STREAM_DEFAULTS, index: 0 };
/** Seeds are 32-bit: the stream's PRNG starts at (seed * 2 + test) mod 2^32. */
export const MAX_SEED = 2 ** 32 - 1;

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

// ---- sequential streams, kept open per isolate ----

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
