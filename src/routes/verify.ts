// POST /v1/verify {maze, response, strict?}: the engine's full validation report.
// POST /v1/verify/batch {items: [{id?, maze, response}], strict?}: one report per item plus the
// aggregate (the paper's 2x2 table of plan x trace validity, first-error histograms).
// A batch is all or nothing: an item that fails validation rejects the batch, naming it.
import type { Engine, ValidationReport } from "../core";
import { parseJson, readJsonBytes } from "../http/body";
import { getEngine } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { array, at, boolean, engineCall, object, only, readMaze, readResponse, required } from "../http/input";
import { LIMITS } from "../http/limits";
import { summarize } from "../leaderboard/score";
import type { ApiRequest } from "../http/middleware";
import { bodyUnits, spendWork } from "../http/work";

/** `strict` (default false): also run our strict checks (true g, true h, FIFO ties), reported
 *  under `strict` beside the paper's rules, which alone decide trace_valid. */
function readStrict(body: Record<string, unknown>): boolean {
  return body.strict === undefined ? false : boolean(body.strict, "strict");
}

async function check(engine: Engine, item: Record<string, unknown>, path: string, strict: boolean): Promise<ValidationReport> {
  const maze = await readMaze(engine, required(item, "maze", path), at(path, "maze"));
  const response = readResponse(engine, required(item, "response", path), at(path, "response"), maze);
  return engineCall(at(path, "response"), () => engine.validate(maze, response, { strict }));
}

/** The JSON body, its validation charged to the client's work budget by size. */
async function readCharged(request: ApiRequest, env: Env, maxBytes: number): Promise<unknown> {
  const { bytes } = await readJsonBytes(request, maxBytes);
  await spendWork(request, env, bodyUnits(bytes.byteLength), `a ${bytes.byteLength}-byte body`);
  return parseJson(bytes);
}

export async function verify(request: ApiRequest, env: Env): Promise<Response> {
  const body = only(object(await readCharged(request, env, LIMITS.maxBodyBytes), ""), "", ["maze", "response", "strict"]);
  const strict = readStrict(body);
  const engine = await getEngine();
  return json(await check(engine, body, "", strict));
}

export async function verifyBatch(request: ApiRequest, env: Env): Promise<Response> {
  const body = only(object(await readCharged(request, env, LIMITS.maxBatchBodyBytes), ""), "", ["items", "strict"]);
  const strict = readStrict(body);
  const items = array(required(body, "items", ""), "items");
  if (items.length > LIMITS.maxBatchItems) {
    throw new ApiError("payload_too_large", `items has ${items.length} entries; at most ${LIMITS.maxBatchItems} per batch`, "items");
  }
  const engine = await getEngine();
  const results = [];
  for (let i = 0; i < items.length; i++) {
    const path = at("items", i);
    const item = only(object(items[i], path), path, ["id", "maze", "response"]);
    if (item.id !== undefined && typeof item.id !== "string" && typeof item.id !== "number") {
      throw new ApiError("invalid_type", `${at(path, "id")} must be a string or a number`, at(path, "id"));
    }
    results.push({ index: i, id: item.id ?? null, report: await check(engine, item, path, strict) });
  }
  return json({ count: results.length, summary: summarize(results.map((r) => r.report)), items: results });
}
