// GET /v1/openapi.json: the API's OpenAPI 3.1 description. Generator names, their parameters,
// grid sizes and validator error codes are read from the engine, limits from src/http/limits.ts,
// so the description cannot drift from what the Worker enforces; test/worker/ checks real
// responses against it.
import { ENGINE_BUILD, VERSION, generators, getEngine, gridLimits } from "./http/engine";
import { ERROR_CODES, json } from "./http/errors";
import { LIMITS, publishedLimits } from "./http/limits";
import { WORK } from "./http/work";
import { CONDITIONS, SUBMISSION_CONDITIONS } from "./conditions";
import { DEFAULTS, MAX_SEED } from "./http/streams";
import { BENCHMARKS } from "./leaderboard/benchmarks";
import { supportedSizes } from "./predict/shipped";

import { SORTS } from "./leaderboard/score";

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const int = (min?: number, max?: number): Schema => ({
  type: "integer",
  ...(min !== undefined && { minimum: min }),
  ...(max !== undefined && { maximum: max }),
});
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});
const str = (description?: string): Schema => ({ type: "string", ...(description && { description }) });

async function build(): Promise<Schema> {
  const registry = await generators();
  const grid = await gridLimits();
  const errorCodes = (await getEngine()).errorCodes();
  const names = registry.map((g) => g.name);
  const params = new Map(registry.flatMap((g) => g.params.map((p) => [p.name, { ...p, owners: [] as string[] }] as const)));
  for (const g of registry) for (const p of g.params) params.get(p.name)!.owners.push(g.name);

  const size = int(grid.min, grid.max);
  const sizes = supportedSizes().join(", ") || "none: no models are installed";
  const point = { type: "array", items: int(0, grid.max - 1), minItems: 2, maxItems: 2, description: "[x, y]: x = column, y = row" };
  // Each error status lists the codes it carries.
  const errorResponse = (status: number, description: string) => ({
    description,
    headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
    content: {
      "application/json": {
        schema: {
          allOf: [ref("Error")],
          properties: {
            error: {
              properties: {
                code: {
                  enum: Object.entries(ERROR_CODES)
                    .filter(([, s]) => s === status)
                    .map(([c]) => c),
                },
              },
            },
          },
        },
      },
    },
  });
  const ok = (schema: Schema, description = "OK", extra: Schema = {}) => ({
    description,
    headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" }, ...extra },
    content: { "application/json": { schema } },
  });
  const errors = (...statuses: number[]) => Object.fromEntries([...statuses, 405, 429, 500].map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));
  const body = (schema: Schema, maxBytes: number) => ({
    required: true,
    description: `application/json, at most ${maxBytes} bytes`,
    content: { "application/json": { schema } },
  });
  const query = (name: string, schema: Schema, description: string, required = false) => ({ name, in: "query", required, description, schema });
  const benchmarkPath = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", enum: BENCHMARKS.map((b) => b.id) } });
  const pageParams = [
    query("offset", { ...int(0), default: 0 }, "items to skip"),
    query("limit", { ...int(1, LIMITS.maxPageSize), default: LIMITS.defaultPageSize }, "items to return"),
  ];
  const rateLimitHeaders = Object.fromEntries(
    ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"].map((h) => [
      h,
      { schema: { type: "string" }, description: "the caller's own quota (IETF RateLimit header fields draft)" },
    ]),
  );

  const validationError = obj({
    code: { type: "string", enum: errorCodes },
    event: { type: ["integer", "null"], minimum: 0, description: "index among the parsed create/close events" },
    token: { type: ["integer", "null"], minimum: 0, description: "index of the token in the response" },
    message: str(),
  });

  return {
    openapi: "3.1.0",
    info: {
      title: "reasonless API",
      version: VERSION,
      description:
        "Maze generation, the paper's A* traces and the formal trace/plan validator of " +
        '"Beyond Semantics: The Unreasonable Effectiveness of Reasonless Intermediate Tokens", over a ' +
        `WebAssembly engine (build ${ENGINE_BUILD.sha256}). Every response carries X-Request-Id; errors are ` +
        '{"error": {"code", "message", "field"?}}. Unknown fields and query parameters are rejected (400), ' +
        "malformed percent-encoding in the path or query too (400 invalid_encoding). Per client address (CF-Connecting-IP): " +
        `a request limit and a budget of ${WORK.unitsPerMinute} work units a minute (maze cells generated, body bytes validated ` +
        "or scored, predict decoding time used), both 429 rate_limited with Retry-After.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "npm start (wrangler dev)" }],
    paths: {
      "/v1/health": {
        get: { operationId: "health", summary: "Status, version and engine build", responses: { 200: ok(ref("Health")), ...errors() } },
      },
      "/v1/openapi.json": {
        get: { operationId: "openapi", summary: "This document", responses: { 200: ok({ type: "object" }), ...errors() } },
      },
      "/v1/generators": {
        get: {
          operationId: "generators",
          summary: "The generators with their parameters and size limits, and the API's limits",
          responses: { 200: ok(ref("Generators")), ...errors() },
        },
      },
      "/v1/mazes": {
        get: {
          operationId: "getMaze",
          summary: "Instance `index` of a dataset stream (as `reasonless generate` line `index`)",
          description:
            "A stream is sequential: instance i costs generating instances 0..i, hence the bound on " +
            `index: at most ${LIMITS.maxIndex}, and (index + 1) x rows x cols at most ${LIMITS.maxStreamCells} cells ` +
            "(64x64 grids stop at index 511), so that no single request keeps the engine busy for long. Responses are deterministic for an engine build: strong ETag, " +
            "If-None-Match gives 304. Every generator parameter is accepted with every generator; a generator " +
            "ignores those it does not declare (`params` in the response lists those it used).",
          parameters: [
            query("generator", { type: "string", enum: names }, "maze generator", true),
            query("rows", { ...size, default: DEFAULTS.rows }, "grid rows"),
            query("cols", { ...size, default: DEFAULTS.cols }, "grid columns"),
            query("seed", { ...int(0, MAX_SEED), default: DEFAULTS.seed }, "base seed: the stream's PRNG starts at seed * 2 + (split == test)"),
            query("split", { type: "string", enum: ["train", "test"], default: DEFAULTS.split }, "dataset stream"),
            query("index", { ...int(0, LIMITS.maxIndex), default: DEFAULTS.index }, "0-based position in the stream"),
            ...[...params.values()].map((p) =>
              query(
                p.name,
                p.type === "boolean" ? { type: "boolean", default: p.default } : { type: "number", minimum: p.min, maximum: p.max, default: p.default },
                `${p.description} (${p.owners.join(", ")})`,
              ),
            ),
          ],
          responses: {
            200: ok(ref("MazeInstance"), "OK", {
              ETag: { schema: { type: "string" }, description: "engine build + canonical query" },
              "Cache-Control": { schema: { type: "string" } },
            }),
            304: { description: "Not modified (If-None-Match matched)", headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } } },
            ...errors(400, 422),
          },
        },
      },
      "/v1/solve": {
        post: {
          operationId: "solve",
          summary: "The paper's A* on one maze: trace (events and text), plan, the full response, counts",
          requestBody: body(ref("SolveRequest"), LIMITS.maxBodyBytes),
          responses: { 200: ok(ref("SolveResult")), ...errors(400, 413, 415, 422) },
        },
      },
      "/v1/verify": {
        post: {
          operationId: "verify",
          summary: "Validate a response (trace and plan) against a maze with the paper's rules",
          requestBody: body(ref("VerifyRequest"), LIMITS.maxBodyBytes),
          responses: { 200: ok(ref("ValidationReport")), ...errors(400, 413, 415, 422) },
        },
      },
      "/v1/verify/batch": {
        post: {
          operationId: "verifyBatch",
          summary: `Validate up to ${LIMITS.maxBatchItems} responses; per-item reports and the aggregate`,
          description: "All or nothing: an invalid item rejects the whole batch, and the error's field names it (items[i]...).",
          requestBody: body(ref("BatchRequest"), LIMITS.maxBatchBodyBytes),
          responses: { 200: ok(ref("BatchResult")), ...errors(400, 413, 415, 422) },
        },
      },
      "/v1/benchmarks": {
        get: {
          operationId: "listBenchmarks",
          summary: "The published benchmark suites and their manifests",
          responses: { 200: ok(ref("BenchmarkList")), ...errors(400) },
        },
      },
      "/v1/benchmarks/{id}": {
        get: {
          operationId: "getBenchmark",
          summary: "A suite's manifest: counts, engine build, sha256 over its canonical instances",
          parameters: [benchmarkPath("id")],
          responses: { 200: ok(ref("Benchmark")), ...errors(400, 404) },
        },
      },
      "/v1/benchmarks/{id}/instances": {
        get: {
          operationId: "listInstances",
          summary: "A suite's instances, paginated JSON or NDJSON",
          description:
            "NDJSON with `format=ndjson` or `Accept: application/x-ndjson`: one canonical JSON line per instance; " +
            "the lines of the whole suite, concatenated in order, hash to the manifest's sha256. Headers X-Total-Count and " +
            "X-Benchmark-Sha256 come with both formats.",
          parameters: [
            benchmarkPath("id"),
            query("generator", { type: "string", enum: names }, "only this generator's instances"),
            ...pageParams,
            query("format", { type: "string", enum: ["json", "ndjson"] }, "default json, or ndjson when Accept asks for application/x-ndjson"),
          ],
          responses: {
            200: {
              description: "OK",
              headers: {
                "X-Request-Id": { $ref: "#/components/headers/RequestId" },
                "X-Total-Count": { schema: int(0) },
                "X-Benchmark-Sha256": { schema: { type: "string" } },
              },
              content: {
                "application/json": { schema: ref("InstancePage") },
                "application/x-ndjson": { schema: ref("BenchmarkInstance"), description: "one instance per line" },
              },
            },
            ...errors(400, 404, 422),
          },
        },
      },
      "/v1/accounts": {
        post: {
          operationId: "createAccount",
          summary: "Create an account; the API key is in this response only",
          description:
            `At most ${LIMITS.accountsPerHour} accounts per hour per client address (CF-Connecting-IP); RateLimit-* headers ` +
            "show the caller's remaining creations. The server stores only a salted SHA-256 of the key.",
          requestBody: body(ref("AccountRequest"), LIMITS.maxBodyBytes),
          responses: { 201: ok(ref("AccountCreated"), "Created", rateLimitHeaders), ...errors(400, 413, 415, 422) },
        },
      },
      "/v1/accounts/me": {
        get: {
          operationId: "getAccount",
          summary: "The key's account and its submission quota",
          security: [{ bearer: [] }],
          responses: { 200: ok(ref("AccountInfo"), "OK", rateLimitHeaders), ...errors(401) },
        },
        delete: {
          operationId: "revokeKey",
          summary: "Revoke the key (every later use answers 401 key_revoked); submissions stay public",
          security: [{ bearer: [] }],
          responses: { 200: ok(ref("Revoked")), ...errors(401) },
        },
      },
      "/v1/submissions": {
        post: {
          operationId: "createSubmission",
          summary: "Score a model's predictions on a benchmark and store them",
          description: [
            "Scored synchronously with the engine's validator (the paper's rules, as /v1/verify). Instances without a",
            "prediction count as invalid and are reported as missing. Unknown or duplicate ids: 422 naming them",
            `(field predictions[i].id). The body may be sent with Content-Encoding: gzip; at most ${LIMITS.maxSubmissionBytes} bytes`,
            "on the wire and after decompression (413 payload_too_large beyond); a gzip body that inflates to more than",
            `${LIMITS.maxGzipRatio} times the bytes read so far (past its first ${LIMITS.gzipRatioFreeBytes} decompressed bytes) is`,
            "refused as it inflates with 413 compression_ratio_exceeded (a gzip bomb): send such a body uncompressed.",
            "Stored atomically: a failed request leaves nothing behind.",
            `Quota: ${LIMITS.submissionsPerDay} submissions per key in any rolling 24 hours (RateLimit-* headers on every answer`,
            "to an authenticated caller; 429 quota_exceeded with Retry-After). Idempotency-Key (1-255 visible ASCII",
            "characters): a retry with the same key and body returns the first receipt with Idempotent-Replayed: true; the same",
            "key with a different body is 409 idempotency_conflict. Server-Timing reports auth, parse, score and store times.",
          ].join(" "),
          security: [{ bearer: [] }],
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 255 } }],
          requestBody: {
            required: true,
            description: `application/json, optionally Content-Encoding: gzip; at most ${LIMITS.maxSubmissionBytes} bytes`,
            content: { "application/json": { schema: ref("SubmissionRequest") } },
          },
          responses: {
            201: ok(ref("Receipt"), "Created (or replayed: Idempotent-Replayed: true)", {
              ...rateLimitHeaders,
              Location: { schema: { type: "string" } },
              "Idempotent-Replayed": { schema: { const: "true" } },
              "Server-Timing": { schema: { type: "string" } },
            }),
            ...errors(400, 401, 409, 413, 415, 422),
          },
        },
      },
      "/v1/submissions/{id}": {
        get: {
          operationId: "getSubmission",
          summary: "A submission's public scores and its per-instance results (paginated)",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            query("generator", { type: "string", enum: names }, "only this generator's results"),
            ...pageParams,
          ],
          responses: { 200: ok(ref("Submission")), ...errors(400, 404, 422) },
        },
      },
      "/v1/leaderboard/{benchmark}": {
        get: {
          operationId: "getLeaderboard",
          summary: "Submissions scored by this engine build, ranked by a score (ties: earlier submission first)",
          parameters: [
            benchmarkPath("benchmark"),
            query("generator", { type: "string", enum: names }, "rank by this generator's instances only"),
            query("sort", { type: "string", enum: [...SORTS], default: "plan_validity" }, "the score to rank by"),
            ...pageParams,
          ],
          responses: { 200: ok(ref("Leaderboard")), ...errors(400, 404, 422) },
        },
      },
      "/v1/models": {
        get: {
          operationId: "models",
          summary: "The models this deployment ships: one per condition and grid size, each with its manifest",
          description:
            "Models are found by their manifests (models/*.json, docs/model-format.md) when the Worker is built; " +
            "a condition or size without a model is simply absent. `sizes` are the grid sizes POST /v1/predict accepts " +
            `(this deployment: ${sizes}). Reading this list never loads a model.`,
          responses: { 200: ok(ref("Models")), ...errors() },
        },
      },
      "/v1/predict": {
        post: {
          operationId: "predict",
          summary: "Greedy decoding of a maze's prompt by one model or all, each response scored by the validator",
          description:
            "The maze is `maze` (as in /v1/verify) or a stream instance named as in GET /v1/mazes " +
            "(generator, rows, cols, seed, split, index and generator parameters). The maze's grid size (rows x cols) " +
            `picks the models: only sizes GET /v1/models lists are served (this deployment: ${sizes}); any other size is 422 ` +
            "invalid_value naming the supported sizes (field rows, or maze.rows for a maze). `condition` picks one of that size's models " +
            `(${CONDITIONS.join(", ")}) or "all" (default): every model for the maze's size, one after another. ` +
            "Caps end a response early with a clean partial result, never an error: max_new_tokens (at most the " +
            `manifest's), time_budget_ms (wall-clock cap on decoding for the whole request, default ${LIMITS.predictBudgetMs}, ` +
            `at most ${LIMITS.maxPredictBudgetMs}), and a client disconnect; stop_reason says which. With stream: true or ` +
            "Accept: text/event-stream the answer is Server-Sent Events: `start` (the maze, conditions, load timing), " +
            "`token` {condition, index, id, text} as generated, `prediction` (one Prediction) after each model, then " +
            "`done` {condition, timing, stop_reasons}; an error after the stream began is an `error` event.",
          requestBody: body(ref("PredictRequest"), LIMITS.maxBodyBytes),
          responses: {
            200: {
              description: "One prediction per model (JSON), or Server-Sent Events",
              headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
              content: {
                "application/json": { schema: ref("PredictResult") },
                "text/event-stream": { schema: { type: "string", description: "event: start|token|prediction|done|error, data: JSON" } },
              },
            },
            ...errors(400, 413, 415, 422),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API key from POST /v1/accounts: rl_<12 hex>_<43 base64url>" } },
      headers: {
        RequestId: { description: "The request's id: the client's X-Request-Id when it is sane, else a UUID", schema: { type: "string" } },
      },
      responses: {
        E400: errorResponse(400, "Bad request: malformed JSON, missing, unknown or wrongly typed fields, bad gzip"),
        E401: errorResponse(401, "No API key, an invalid one, or a revoked one (key_revoked); see WWW-Authenticate"),
        E404: errorResponse(404, "No such endpoint or resource"),
        E409: errorResponse(409, "Idempotency-Key reused with a different request body"),
        E405: errorResponse(405, "Method not allowed (see the Allow header)"),
        E413: errorResponse(413, "Too large: body bytes, response tokens or batch items over a limit, or a gzip body inflating too far"),
        E415: errorResponse(415, "Unsupported media type: the body must be application/json (Content-Encoding identity, or gzip where accepted)"),
        E422: errorResponse(422, "Unprocessable: well-typed values out of range or inconsistent"),
        E429: errorResponse(429, "Rate limited or over quota (see Retry-After and RateLimit-*)"),
        E500: errorResponse(500, "Internal error"),
      },
      schemas: {
        Error: obj({
          error: obj(
            {
              code: { type: "string", enum: Object.keys(ERROR_CODES) },
              message: str(),
              field: str("path of the offending field or query parameter, e.g. maze.walls[3]"),
            },
            ["code", "message"],
          ),
        }),
        Point: point,
        Health: obj({
          status: { const: "ok" },
          version: str("package version"),
          engine: obj({ build: { type: "string", pattern: "^[0-9a-f]{64}$", description: "sha256 of the engine's wasm" }, bytes: int(1) }),
        }),
        GeneratorParam: obj(
          {
            name: str(),
            description: str(),
            type: { enum: ["number", "boolean"] },
            default: { type: ["number", "boolean"] },
            min: { type: "number" },
            max: { type: "number" },
          },
          ["name", "description", "type", "default"],
        ),
        Generator: obj({
          name: { type: "string", enum: names },
          description: str(),
          min_size: int(1),
          max_size: int(1),
          params: { type: "array", items: ref("GeneratorParam") },
        }),
        Generators: obj({
          generators: { type: "array", items: ref("Generator") },
          limits: obj(Object.fromEntries(Object.entries(publishedLimits()).map(([k, v]) => [k, { const: v }]))),
          engine: { type: "string", pattern: "^[0-9a-f]{64}$" },
        }),
        MazeInstance: obj({
          generator: { type: "string", enum: names },
          rows: size,
          cols: size,
          seed: int(0, MAX_SEED),
          split: { enum: ["train", "test"] },
          index: int(0, LIMITS.maxIndex),
          params: { type: "object", additionalProperties: { type: ["number", "boolean"] }, description: "the parameters the generator used" },
          start: ref("Point"),
          goal: ref("Point"),
          walls: { type: "array", items: ref("Point"), description: "row-major (y outer, x inner)" },
          prompt: str("query start SX SY goal GX GY wall x y ..."),
        }),
        WallMaze: obj({
          rows: size,
          cols: size,
          start: ref("Point"),
          goal: ref("Point"),
          walls: { type: "array", items: ref("Point"), maxItems: grid.max * grid.max, description: "any order; none on the start or the goal" },
        }),
        PromptMaze: obj({
          rows: size,
          cols: size,
          prompt: {
            type: "string",
            maxLength: LIMITS.maxPromptBytes,
            description: "query start SX SY goal GX GY wall x y ... (anything from `reasoning` on is ignored)",
          },
        }),
        MazeInput: { oneOf: [ref("WallMaze"), ref("PromptMaze")] },
        ModelResponse: {
          description: `text (e.g. "reasoning close 0 0 c0 c2 ... solution plan 0 0 ... end") or token ids of the maze's vocabulary; at most ${LIMITS.maxResponseTokens} tokens`,
          oneOf: [{ type: "string" }, { type: "array", items: int(0), maxItems: LIMITS.maxResponseTokens }],
        },
        SolveRequest: obj({ maze: ref("MazeInput") }),
        Event: obj({ op: { enum: ["create", "close"] }, x: int(0), y: int(0), g: int(0), h: int(0) }),
        SolveResult: obj({
          maze: obj({ rows: size, cols: size, start: ref("Point"), goal: ref("Point") }),
          prompt: str(),
          reachable: { type: "boolean" },
          events: { type: "array", items: ref("Event") },
          trace: str("close x y cG cH create ..."),
          plan: { type: "array", items: ref("Point"), description: "start to goal; empty when unreachable" },
          plan_text: str("plan x y plan x y ..."),
          response: str("reasoning <trace> solution <plan> end"),
          counts: obj({ events: int(0), creates: int(0), closes: int(0), plan_length: int(0), response_tokens: int(0) }),
        }),
        VerifyRequest: obj(
          {
            maze: ref("MazeInput"),
            response: ref("ModelResponse"),
            strict: {
              type: "boolean",
              default: false,
              description:
                "also run our strict checks (true g and h, FIFO ties, exactly the A*'s creates, well-formed events, no plan steps before later events); trace_valid and plan_valid stay the paper's verdict (spec section 6, quirks included)",
            },
          },
          ["maze", "response"],
        ),
        ValidationError: validationError,
        StrictReport: obj({
          trace_valid: { type: "boolean", description: "ours, never the paper's verdict: the paper-rule trace errors plus the strict-only ones" },
          errors: { type: "array", items: ref("ValidationError") },
          error_count: int(0),
          first_error: { oneOf: [ref("ValidationError"), { type: "null" }] },
        }),
        ValidationReport: obj({
          trace_valid: { type: "boolean", description: "the paper's verdict (spec section 6, the authors' validator's rules, quirks included)" },
          plan_valid: { type: "boolean", description: "the paper's verdict" },
          optimal: { type: "boolean", description: "plan valid and as short as A*'s" },
          trace_errors: {
            type: "array",
            items: ref("ValidationError"),
            description: "the first 256, in the paper's order: operation_syntax_error (once) first when present",
          },
          plan_errors: { type: "array", items: ref("ValidationError"), description: "at most one: plan_syntax_error, or the first plan-rule error" },
          trace_error_count: int(0),
          plan_error_count: int(0),
          first_trace_error: { oneOf: [ref("ValidationError"), { type: "null" }] },
          first_plan_error: { oneOf: [ref("ValidationError"), { type: "null" }] },
          plan: {
            type: "array",
            items: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 },
            description: "the response's plan: its trailing run of plan steps (after a plan syntax error, the steps read before it)",
          },
          extracted_plan: { oneOf: [{ type: "array", items: ref("Point") }, { type: "null" }], description: "the plan given by the trace's parents" },
          plan_length: int(0),
          optimal_plan_length: { type: ["integer", "null"], minimum: 1 },
          events: int(0),
          tokens: int(0),
          strict: { oneOf: [ref("StrictReport"), { type: "null" }] },
        }),
        ModelManifest: {
          type: "object",
          description:
            "docs/model-format.md; onnx.sha256 and onnx.bytes are those of the file the Worker serves (its static assets, checked when a session is created)",
          required: ["name", "condition", "rows", "cols", "vocab", "architecture", "max_new_tokens", "bos_id", "eos_id", "onnx"],
          properties: {
            name: str(),
            condition: { enum: [...CONDITIONS] },
            rows: size,
            cols: size,
            vocab: { type: "array", items: { type: "string" } },
            architecture: {
              type: "object",
              required: ["d_model", "n_layers", "n_heads", "head_dim", "max_positions", "vocab_size", "positional"],
              properties: {
                d_model: int(1),
                n_layers: int(1),
                n_heads: int(1),
                head_dim: int(1),
                max_positions: int(1),
                vocab_size: int(1),
                positional: str(),
              },
            },
            parameters: int(0),
            max_new_tokens: int(0),
            bos_id: int(0),
            eos_id: int(0),
            onnx: {
              type: "object",
              required: ["file", "sha256", "bytes"],
              properties: { file: str(), sha256: { type: "string", pattern: "^[0-9a-f]{64}$" }, bytes: int(1), opset: int(1), weights_dtype: str() },
            },
            training: { type: "object", description: "config, dataset manifest hash, tokens seen, steps, epochs, wall time, hardware, curve" },
            evaluation: { type: "object", description: "offline evaluation per test generator (reasonless eval --record)" },
          },
        },
        Models: obj({
          conditions: { type: "array", items: { enum: [...CONDITIONS] }, description: "conditions with at least one model" },
          sizes: { type: "array", items: { type: "string", pattern: "^[0-9]+x[0-9]+$" }, description: "grid sizes some model reads" },
          models: { type: "array", items: obj({ name: str(), condition: { enum: [...CONDITIONS] }, rows: size, cols: size, manifest: ref("ModelManifest") }) },
          limits: obj({ default_time_budget_ms: { const: LIMITS.predictBudgetMs }, max_time_budget_ms: { const: LIMITS.maxPredictBudgetMs } }),
        }),
        PredictRequest: {
          type: "object",
          additionalProperties: false,
          properties: {
            maze: ref("MazeInput"),
            generator: { type: "string", enum: names },
            rows: { ...size, default: DEFAULTS.rows },
            cols: { ...size, default: DEFAULTS.cols },
            seed: { ...int(0, MAX_SEED), default: DEFAULTS.seed },
            split: { enum: ["train", "test"], default: DEFAULTS.split },
            index: { ...int(0, LIMITS.maxIndex), default: DEFAULTS.index },
            ...Object.fromEntries(
              [...params.values()].map((p) => [
                p.name,
                p.type === "boolean" ? { type: "boolean", default: p.default } : { type: "number", minimum: p.min, maximum: p.max, default: p.default },
              ]),
            ),
            condition: { enum: [...CONDITIONS, "all"], default: "all" },
            max_new_tokens: { ...int(1), description: "at most the manifest's max_new_tokens (of every model chosen); default that" },
            time_budget_ms: {
              ...int(1, LIMITS.maxPredictBudgetMs),
              default: LIMITS.predictBudgetMs,
              description: "wall-clock cap on decoding, all models together",
            },
            stream: { type: "boolean", description: "Server-Sent Events; default: whether Accept names text/event-stream" },
          },
          description: "maze, or generator with the stream fields (not both)",
        },
        Prediction: obj({
          condition: { enum: [...CONDITIONS] },
          model: str("the model's name (its manifest)"),
          response: str("reasoning <generated tokens>, as the validator reads it"),
          tokens: { type: "array", items: int(0), description: "generated ids, the stop token included" },
          stop_reason: { enum: ["eos", "end", "max_tokens", "time_budget", "aborted"] },
          complete: { type: "boolean", description: "false when a cap ended the response" },
          trace: str("the trace part of the response"),
          plan: {
            type: "array",
            items: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 },
            description: "the response's plan: its trailing run of plan steps (after a plan syntax error, the steps read before it)",
          },
          report: ref("ValidationReport"),
          timing: obj({
            prefill_ms: { type: "number" },
            decode_ms: { type: "number" },
            ms_per_token: { type: "number", description: "decode_ms per token after the first" },
            tokens: int(0),
            total_ms: { type: "number" },
          }),
        }),
        PredictResult: obj({
          maze: obj({
            rows: size,
            cols: size,
            start: ref("Point"),
            goal: ref("Point"),
            prompt: str(),
            source: {
              oneOf: [
                { type: "null" },
                obj({
                  generator: { type: "string", enum: names },
                  seed: int(0, MAX_SEED),
                  split: { enum: ["train", "test"] },
                  index: int(0),
                  params: { type: "object" },
                }),
              ],
              description: "the stream instance, when the maze was named by generator",
            },
          }),
          condition: { enum: [...CONDITIONS, "all"] },
          max_new_tokens: { type: ["integer", "null"], description: "the request's cap; null: each manifest's" },
          time_budget_ms: int(1),
          predictions: { type: "array", items: ref("Prediction") },
          timing: obj({
            load_ms: { type: "number", description: "loading onnxruntime-web and sessions (cold isolate only)" },
            cold_models: { type: "array", items: str(), description: "models whose session this request created" },
            total_ms: { type: "number" },
          }),
        }),
        BatchRequest: obj(
          {
            items: {
              type: "array",
              maxItems: LIMITS.maxBatchItems,
              items: obj({ id: { type: ["string", "number"] }, maze: ref("MazeInput"), response: ref("ModelResponse") }, ["maze", "response"]),
            },
            strict: { type: "boolean", default: false },
          },
          ["items"],
        ),
        BenchmarkInstance: obj({
          id: { type: "string", pattern: "^[a-z_]+-[0-9]{4}$" },
          generator: { type: "string", enum: names },
          index: int(0),
          rows: size,
          cols: size,
          start: ref("Point"),
          goal: ref("Point"),
          walls: { type: "array", items: ref("Point") },
          prompt: str(),
        }),
        Benchmark: obj({
          id: { type: "string", enum: BENCHMARKS.map((b) => b.id) },
          description: str(),
          rows: size,
          cols: size,
          split: { const: "test" },
          seed: int(0),
          per_generator: int(1),
          generators: { type: "array", items: { type: "string", enum: names } },
          counts: { type: "object", additionalProperties: int(0) },
          count: int(0),
          duplicates_skipped: { type: "object", additionalProperties: int(0) },
          id_format: str(),
          sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
          hash_of: str(),
          engine: { type: "string", pattern: "^[0-9a-f]{64}$" },
        }),
        BenchmarkList: obj({ benchmarks: { type: "array", items: ref("Benchmark") } }),
        InstancePage: obj({
          benchmark: str(),
          sha256: str(),
          generator: { type: ["string", "null"] },
          total: int(0),
          offset: int(0),
          limit: int(1),
          instances: { type: "array", items: ref("BenchmarkInstance") },
        }),
        AccountRequest: obj(
          { name: { type: "string", minLength: 1, maxLength: 100 }, contact: { type: ["string", "null"], maxLength: 200, description: "never published" } },
          ["name"],
        ),
        AccountCreated: obj({
          account: obj({ id: str(), name: str(), created_at: { type: "string", format: "date-time" } }),
          api_key: { type: "string", pattern: "^rl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", description: "shown only here" },
          note: str(),
          quota: obj({ submissions_per_day: { const: LIMITS.submissionsPerDay } }),
        }),
        AccountInfo: obj({
          account: obj({ id: str(), name: str(), contact: { type: ["string", "null"] }, baseline: { type: "boolean" }, created_at: str() }),
          quota: obj({ submissions_per_day: int(0), remaining: int(0), reset_seconds: int(0) }),
        }),
        Revoked: obj({ account: obj({ id: str() }), revoked: { const: true }, revoked_at: str() }),
        Model: obj(
          {
            name: { type: "string", minLength: 1, maxLength: 100 },
            parameters: { type: ["integer", "null"], minimum: 0, description: "parameter count" },
            condition: { enum: [...SUBMISSION_CONDITIONS], description: "training condition: correct traces, no traces, swapped traces, or other" },
            url: { type: ["string", "null"], maxLength: 500 },
            notes: { type: ["string", "null"], maxLength: 2000 },
          },
          ["name", "condition"],
        ),
        SubmissionRequest: obj({
          benchmark: { type: "string", enum: BENCHMARKS.map((b) => b.id) },
          model: ref("Model"),
          predictions: { type: "array", items: obj({ id: str("instance id, e.g. wilson-0007"), response: ref("ModelResponse") }) },
        }),
        Table: obj({ plan_valid_trace_valid: int(0), plan_valid_trace_invalid: int(0), plan_invalid_trace_valid: int(0), plan_invalid_trace_invalid: int(0) }),
        GroupScores: obj({
          instances: int(0),
          scored: int(0),
          missing: int(0),
          plan_validity: { type: "number", minimum: 0, maximum: 1, description: "valid plans / instances (missing count as invalid)" },
          trace_validity: { type: "number", minimum: 0, maximum: 1 },
          optimal_rate: { type: "number", minimum: 0, maximum: 1 },
          table: ref("Table"),
          plan_valid: int(0),
          trace_valid: int(0),
          optimal: int(0),
          first_trace_error: { type: "object", additionalProperties: int(1) },
          first_plan_error: { type: "object", additionalProperties: int(1) },
        }),
        Scores: obj({ overall: ref("GroupScores"), by_generator: { type: "object", additionalProperties: ref("GroupScores") } }),
        PublicModel: obj(
          {
            name: str(),
            parameters: { type: ["integer", "null"] },
            condition: { enum: [...SUBMISSION_CONDITIONS] },
            url: { type: ["string", "null"] },
            notes: { type: ["string", "null"] },
          },
          ["name", "parameters", "condition", "url"],
        ),
        Receipt: obj({
          id: str(),
          url: str(),
          benchmark: obj({ id: str(), sha256: str() }),
          engine: obj({ build: str(), version: str() }),
          model: ref("PublicModel"),
          submitter: str(),
          baseline: { type: "boolean" },
          created_at: str(),
          counts: obj({ instances: int(0), predictions: int(0), missing: int(0) }),
          scores: ref("Scores"),
        }),
        InstanceResult: obj({
          id: str(),
          generator: str(),
          missing: { type: "boolean" },
          trace_valid: { type: "boolean" },
          plan_valid: { type: "boolean" },
          optimal: { type: "boolean" },
          first_trace_error: { type: ["string", "null"] },
          first_plan_error: { type: ["string", "null"] },
          trace_error_count: int(0),
          plan_error_count: int(0),
          plan_length: { type: ["integer", "null"] },
          optimal_plan_length: { type: ["integer", "null"] },
          tokens: { type: ["integer", "null"] },
        }),
        Submission: obj({
          id: str(),
          benchmark: obj({ id: str(), sha256: str() }),
          engine: obj({ build: str() }),
          model: ref("PublicModel"),
          submitter: str(),
          baseline: { type: "boolean" },
          created_at: str(),
          scores: ref("Scores"),
          results: obj({
            generator: { type: ["string", "null"] },
            total: int(0),
            offset: int(0),
            limit: int(1),
            items: { type: "array", items: ref("InstanceResult") },
          }),
        }),
        LeaderboardRow: obj({
          rank: int(1),
          submission_id: str(),
          model: obj({
            name: str(),
            parameters: { type: ["integer", "null"] },
            condition: { enum: [...SUBMISSION_CONDITIONS] },
            url: { type: ["string", "null"] },
          }),
          submitter: str(),
          baseline: { type: "boolean" },
          created_at: str(),
          plan_validity: { type: "number" },
          trace_validity: { type: "number" },
          optimal_rate: { type: "number" },
          instances: int(0),
          missing: int(0),
          table: ref("Table"),
          benchmark_sha256: str(),
        }),
        Leaderboard: obj({
          benchmark: obj({ id: str(), sha256: str() }),
          engine: obj({ build: str("sha256 of the engine build; only submissions scored by it are ranked") }),
          generator: { type: ["string", "null"] },
          sort: { enum: [...SORTS] },
          total: int(0),
          other_builds: { ...int(0), description: "submissions scored by another engine build: not ranked until re-scored (scripts/rescore-submissions.js)" },
          offset: int(0),
          limit: int(1),
          rows: { type: "array", items: ref("LeaderboardRow") },
        }),
        BatchResult: obj({
          count: int(0),
          summary: obj({
            table: obj({
              plan_valid_trace_valid: int(0),
              plan_valid_trace_invalid: int(0),
              plan_invalid_trace_valid: int(0),
              plan_invalid_trace_invalid: int(0),
            }),
            plan_valid: int(0),
            trace_valid: int(0),
            optimal: int(0),
            first_trace_error: { type: "object", additionalProperties: int(1), description: "first trace error code -> items" },
            first_plan_error: { type: "object", additionalProperties: int(1), description: "first plan error code -> items" },
          }),
          items: {
            type: "array",
            items: obj({ index: int(0), id: { type: ["string", "number", "null"] }, report: ref("ValidationReport") }),
          },
        }),
      },
    },
  };
}

let spec: Promise<Schema> | undefined;

export async function openapi(): Promise<Response> {
  spec ??= build().catch((err: unknown) => {
    spec = undefined; // a failed build (the engine did not load) is retried by the next request
    throw err;
  });
  return json(await spec, 200, { "cache-control": "public, max-age=3600" });
}
