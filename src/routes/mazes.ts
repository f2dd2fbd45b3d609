// GET /v1/mazes: instance `index` of a dataset stream, exactly what `reasonless generate` writes
// as line `index` (0-based) for the same generator, size, split, seed and parameters.
// Deterministic, so it carries a strong ETag (engine build + canonical query) and is cacheable.
import type { GeneratorName } from "../core";
import { ENGINE_BUILD, generators, getEngine } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { queryFields, queryParams } from "../http/input";
import type { ApiRequest } from "../http/middleware";
import { INSTANCE_FIELDS, type StreamInstance, generationsTo, mazeAt, parameterSpecs, streamInstance } from "../http/streams";
import { cellUnits, spendWork } from "../http/work";

const CACHE_CONTROL = "public, max-age=86400";

/** The query, checked against the engine's registry. */
async function readQuery(url: URL): Promise<StreamInstance> {
  const registry = await generators();
  const q = queryParams(url, [...INSTANCE_FIELDS, ...parameterSpecs(registry).keys()]);
  const name = q.get("generator");
  if (name === undefined) throw new ApiError("missing_field", "generator is required", "generator");
  return streamInstance(registry, name, queryFields(q));
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
