// POST /v1/submissions (Authorization: Bearer <key>): scores a model's predictions on a benchmark
// synchronously with the engine's validator and stores them atomically (one D1 statement inside
// one batch: all or nothing). Body, optionally `Content-Encoding: gzip`:
//   {benchmark, model: {name, parameters?, condition, url?, notes?}, predictions: [{id, response}]}
// `Idempotency-Key`: a retry with the same key and the same body returns the first receipt
// (Idempotent-Replayed: true); the same key with another body is 409 idempotency_conflict.
// Every answer to an authenticated caller carries its quota (RateLimit-* headers).
// GET /v1/submissions/{id}?offset=&limit=&generator=: public scores and per-instance results.
import { sha256Hex } from "../leaderboard/benchmarks";
import { SUBMISSION_CONDITIONS } from "../conditions";
import { type InstanceResult, score } from "../leaderboard/score";
import { type Account, DAY_MS, type Quota, SUBMISSION_WINDOW_S, authenticate, quotaHeaders, randomHex, submissionQuota } from "../http/auth";
import { parseJson, readJsonBytes } from "../http/body";
import { ENGINE_BUILD, VERSION, getEngine } from "../http/engine";
import { ApiError, json } from "../http/errors";
import {
  array,
  at,
  fieldName,
  generatorParam,
  integer,
  object,
  only,
  page,
  queryParams,
  readResponse,
  required,
  show,
  string,
  suiteOf,
  text,
} from "../http/input";
import { LIMITS } from "../http/limits";
import type { ApiRequest } from "../http/middleware";
import { bodyUnits, spendWork } from "../http/work";
import type { Engine } from "../core";
import type { Suite } from "../leaderboard/benchmarks";
import { insertSubmission, receiptByIdempotencyKey, submissionById } from "../storage/submissions";

const MAX_MODEL_NAME = 100,
  MAX_URL = 500,
  MAX_NOTES = 2000,
  MAX_IDEMPOTENCY_KEY = 255;

export interface ModelInfo {
  name: string;
  parameters: number | null;
  condition: (typeof SUBMISSION_CONDITIONS)[number];
  url: string | null;
  notes: string | null;
}

function readModel(v: unknown): ModelInfo {
  const o = only(object(v, "model"), "model", ["name", "parameters", "condition", "url", "notes"]);
  const name = text(required(o, "name", "model"), "model.name", MAX_MODEL_NAME);
  const parameters = o.parameters === undefined || o.parameters === null ? null : integer(o.parameters, "model.parameters", 0, 1e15);
  const condition = string(required(o, "condition", "model"), "model.condition");
  if (!(SUBMISSION_CONDITIONS as readonly string[]).includes(condition)) {
    throw new ApiError("invalid_value", `model.condition must be one of ${SUBMISSION_CONDITIONS.join(", ")}, got ${show(condition)}`, "model.condition");
  }
  let url: string | null = null;
  if (o.url !== undefined && o.url !== null) {
    url = text(o.url, "model.url", MAX_URL);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      /* below */
    }
    if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
      throw new ApiError("invalid_value", "model.url must be an http(s) URL", "model.url");
    }
  }
  const notes = o.notes === undefined || o.notes === null ? null : text(o.notes, "model.notes", MAX_NOTES);
  return { name, parameters, condition: condition as ModelInfo["condition"], url, notes };
}

function idempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError("invalid_value", `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} visible ASCII characters`, "Idempotency-Key");
  }
  return key;
}

const timing = (marks: Array<[string, number]>) => marks.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", ");

async function replay(env: Env, account: Account, key: string, requestSha: string, quota: () => Promise<Quota>): Promise<Response | undefined> {
  const row = await receiptByIdempotencyKey(env.DB, account.id, key);
  if (!row) return undefined;
  const headers = quotaHeaders(await quota(), SUBMISSION_WINDOW_S);
  if (row.request_sha256 !== requestSha) {
    throw new ApiError(
      "idempotency_conflict",
      "this Idempotency-Key was already used with a different request body; use a new key for a new submission",
      "Idempotency-Key",
      headers,
    );
  }
  const receipt = JSON.parse(row.receipt) as { id: string };
  return new Response(row.receipt, {
    status: 201,
    headers: { "content-type": "application/json; charset=utf-8", location: `/v1/submissions/${receipt.id}`, "idempotent-replayed": "true", ...headers },
  });
}

export async function createSubmission(request: ApiRequest, env: Env): Promise<Response> {
  const t0 = performance.now();
  const account = await authenticate(request, env);
  const key = idempotencyKey(request);
  const { bytes } = await readJsonBytes(request, LIMITS.maxSubmissionBytes, { gzip: true });
  const requestSha = await sha256Hex(bytes);
  const now = Date.now();
  const quota = () => submissionQuota(env, account.id, now);
  if (key !== null) {
    const replayed = await replay(env, account, key, requestSha, quota);
    if (replayed) return replayed;
  }
  // Scoring costs about what parsing does, so the inflated size prices it (replays are free).
  await spendWork(request, env, bodyUnits(bytes.byteLength), `a ${bytes.byteLength}-byte submission`);
  const before = await quota();
  if (before.remaining <= 0) {
    throw new ApiError("quota_exceeded", `this key has used its ${before.limit} submissions of the last 24 hours; retry in ${before.reset} s`, undefined, {
      ...quotaHeaders(before, SUBMISSION_WINDOW_S),
      "retry-after": String(before.reset),
    });
  }
  const t1 = performance.now();

  // ---- the body ----
  const body = only(object(parseJson(bytes), ""), "", ["benchmark", "model", "predictions"]);
  const benchmarkId = string(required(body, "benchmark", ""), "benchmark");
  const model = readModel(required(body, "model", ""));
  const predictions = array(required(body, "predictions", ""), "predictions");
  const suite = await suiteOf(benchmarkId, "benchmark");
  if (predictions.length > suite.instances.length) {
    throw new ApiError(
      "payload_too_large",
      `predictions has ${predictions.length} entries; ${suite.spec.id} has ${suite.instances.length} instances`,
      "predictions",
    );
  }
  // Ids first (cheap), so that unknown and duplicate ids are all named before any scoring.
  const indexOf = new Array<number>(predictions.length);
  const firstAt = new Map<number, number>();
  const unknown: string[] = [],
    duplicate: string[] = [];
  let firstBad: string | undefined;
  for (let i = 0; i < predictions.length; i++) {
    const path = at("predictions", i);
    const p = only(object(predictions[i], path), path, ["id", "response"]);
    const id = string(required(p, "id", path), at(path, "id"));
    const index = suite.byId.get(id);
    if (index === undefined) {
      unknown.push(show(id));
      firstBad ??= at(path, "id");
    } else if (firstAt.has(index)) {
      duplicate.push(`${show(id)} (${at(path, "id")}, first at predictions[${firstAt.get(index)}])`);
      firstBad ??= at(path, "id");
    } else firstAt.set(index, i);
    if (p.response === undefined) throw new ApiError("missing_field", `${at(path, "response")} is required`, at(path, "response"));
    indexOf[i] = index ?? -1;
  }
  if (firstBad !== undefined) {
    const parts = [];
    if (unknown.length)
      parts.push(
        `${unknown.length} unknown id${unknown.length > 1 ? "s" : ""} (not in ${suite.spec.id}): ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", ..." : ""}`,
      );
    if (duplicate.length)
      parts.push(
        `${duplicate.length} duplicate id${duplicate.length > 1 ? "s" : ""}: ${duplicate.slice(0, 3).join(", ")}${duplicate.length > 3 ? ", ..." : ""}`,
      );
    throw new ApiError("invalid_value", parts.join("; "), fieldName(firstBad));
  }
  const engine = await getEngine();
  const responses = new Map<number, string | Int32Array>();
  for (let i = 0; i < predictions.length; i++) {
    const path = at(at("predictions", i), "response");
    const index = indexOf[i];
    responses.set(index, readResponse(engine, (predictions[i] as Record<string, unknown>).response, path, suite.mazes[index]));
  }
  const t2 = performance.now();

  // ---- scoring ----
  const { scores, results } = score(engine, suite, responses);
  const t3 = performance.now();

  // ---- storage: one conditional INSERT (quota re-checked inside it, idempotency key unique) ----
  const id = `sub_${randomHex(10)}`;
  const receipt = {
    id,
    url: `/v1/submissions/${id}`,
    benchmark: { id: suite.spec.id, sha256: suite.sha256 },
    engine: { build: ENGINE_BUILD.sha256, version: VERSION },
    model,
    submitter: account.name,
    baseline: account.baseline,
    created_at: new Date(now).toISOString(),
    counts: { instances: suite.instances.length, predictions: predictions.length, missing: suite.instances.length - predictions.length },
    scores,
  };
  const receiptText = JSON.stringify(receipt);
  const inserted = await insertSubmission(
    env.DB,
    {
      id,
      accountId: account.id,
      benchmark: suite.spec.id,
      benchmarkSha256: suite.sha256,
      engineBuild: ENGINE_BUILD.sha256,
      model: JSON.stringify(model),
      planValidity: scores.overall.plan_validity,
      traceValidity: scores.overall.trace_validity,
      optimalRate: scores.overall.optimal_rate,
      scores: JSON.stringify(scores),
      results: JSON.stringify(results),
      receipt: receiptText,
      idempotencyKey: key,
      requestSha256: requestSha,
      createdAt: now,
    },
    { since: now - DAY_MS, limit: LIMITS.submissionsPerDay },
    predictionRows(engine, suite, responses),
  );
  const t4 = performance.now();
  if (!inserted) {
    // Lost a race: a concurrent request with the same Idempotency-Key, or one that used the last of the quota.
    if (key !== null) {
      const replayed = await replay(env, account, key, requestSha, quota);
      if (replayed) return replayed;
    }
    const after = await quota();
    throw new ApiError("quota_exceeded", `this key has used its ${after.limit} submissions of the last 24 hours; retry in ${after.reset} s`, undefined, {
      ...quotaHeaders(after, SUBMISSION_WINDOW_S),
      "retry-after": String(after.reset),
    });
  }
  const after: Quota = { limit: before.limit, remaining: before.remaining - 1, reset: before.reset || Math.ceil(DAY_MS / 1000) };
  return new Response(receiptText, {
    status: 201,
    headers: {
      "content-type": "application/json; charset=utf-8",
      location: receipt.url,
      ...quotaHeaders(after, SUBMISSION_WINDOW_S),
      "server-timing": timing([
        ["auth", t1 - t0],
        ["parse", t2 - t1],
        ["score", t3 - t2],
        ["store", t4 - t3],
        ["total", t4 - t0],
      ]),
    },
  });
}

// The predictions as stored for re-scoring (migrations/0003): vocabulary words, so a response
// never exceeds 7 bytes per token whatever the client sent, and scores the same.
function predictionRows(engine: Engine, suite: Suite, responses: ReadonlyMap<number, string | Int32Array>): Array<[number, string]> {
  const rows: Array<[number, string]> = [];
  for (const [index, response] of responses) {
    const { rows: r, cols: c } = suite.mazes[index];
    const ids = typeof response === "string" ? engine.tokenize(response, r, c) : response;
    rows.push([index, engine.detokenize(ids, r, c)]);
  }
  return rows;
}

export async function getSubmission(request: ApiRequest, env: Env): Promise<Response> {
  const q = queryParams(new URL(request.url), ["offset", "limit", "generator"]);
  const { offset, limit } = page(q);
  const generator = await generatorParam(q);
  const id = decodeURIComponent(request.params.id);
  const row = await submissionById(env.DB, id);
  if (!row) throw new ApiError("not_found", `no submission ${show(id)}`);
  let results = JSON.parse(row.results) as InstanceResult[];
  if (generator !== undefined) results = results.filter((r) => r.generator === generator);
  return json(
    {
      id: row.id,
      benchmark: { id: row.benchmark, sha256: row.benchmark_sha256 },
      engine: { build: row.engine_build },
      model: JSON.parse(row.model),
      submitter: row.submitter,
      baseline: row.baseline === 1,
      created_at: new Date(row.created_at).toISOString(),
      scores: JSON.parse(row.scores),
      results: { generator: generator ?? null, total: results.length, offset, limit, items: results.slice(offset, offset + limit) },
    },
    200,
    { "cache-control": "public, max-age=60" },
  );
}
