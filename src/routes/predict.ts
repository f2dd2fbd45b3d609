// POST /v1/predict: greedy decoding of a maze's prompt by the shipped models (one condition or
// all), each response scored by the engine's validator. JSON by default; Server-Sent Events with
// `stream: true` or `Accept: text/event-stream` (tokens as generated, then each model's report,
// then `done`). onnxruntime-web and the models load on the first prediction of an isolate.
import type { Engine, Maze, Split } from "../core";
import type { ModelManifest } from "../decode/model";
import { readJson } from "../http/body";
import { generators, getEngine } from "../http/engine";
import { ApiError, errorBody, json, toErrorResponse } from "../http/errors";
import { boolean, integer, jsonFields, object, only, readMaze, show, string } from "../http/input";
import { LIMITS } from "../http/limits";
import type { ApiRequest } from "../http/middleware";
import { predictUnits, recordWork, spendWork } from "../http/work";
import type { Prediction } from "../predict/predict";
import { CONDITIONS } from "../conditions";
import { modelsFor, sizeName, supportedSizes } from "../predict/shipped";
import { INSTANCE_FIELDS, mazeAt, parameterSpecs, streamInstance } from "../http/streams";

const OPTIONS = ["condition", "max_new_tokens", "time_budget_ms", "stream"];

interface MazeSource {
  generator: string;
  seed: number;
  split: Split;
  index: number;
  params: Record<string, number | boolean>;
}

/** The maze: `maze` (walls or prompt form), or a stream instance as GET /v1/mazes names it. */
async function readMazeSource(engine: Engine, body: Record<string, unknown>): Promise<{ maze: Maze; source: MazeSource | null }> {
  const registry = await generators();
  only(body, "", [...OPTIONS, "maze", ...INSTANCE_FIELDS, ...parameterSpecs(registry).keys()]);
  if (body.maze !== undefined) {
    const extra = Object.keys(body).find((k) => !OPTIONS.includes(k) && k !== "maze");
    if (extra !== undefined) {
      throw new ApiError("unknown_field", `${show(extra)} cannot be given with maze; give either maze or generator, rows, cols, seed, split, index`, extra);
    }
    return { maze: await readMaze(engine, body.maze, "maze"), source: null };
  }
  if (body.generator === undefined) throw new ApiError("missing_field", "give maze, or generator (with rows, cols, seed, split, index)", "maze");
  const { options, params, index } = streamInstance(registry, string(body.generator, "generator"), jsonFields(body));
  // The models read only their sizes: say so before generating anything.
  chooseModels("all", options.rows, options.cols, "rows");
  return {
    maze: mazeAt(engine, options, JSON.stringify(options), index),
    source: { generator: options.generator, seed: options.seed, split: options.split, index, params },
  };
}

/** The models for `condition` ("all" = every shipped condition) at this size. */
function chooseModels(condition: string, rows: number, cols: number, sizeField: string): ModelManifest[] {
  const here = modelsFor(rows, cols);
  if (!here.length) {
    const sizes = supportedSizes();
    throw new ApiError(
      "invalid_value",
      sizes.length
        ? `no model reads ${sizeName(rows, cols)} mazes; supported sizes: ${sizes.join(", ")}`
        : "no models are installed in this deployment (GET /v1/models lists none)",
      sizeField,
    );
  }
  const available = here.map((m) => m.condition);
  if (condition === "all") return here;
  if (!(CONDITIONS as readonly string[]).includes(condition)) {
    throw new ApiError(
      "invalid_value",
      `unknown condition ${show(condition)}; use one of ${[...CONDITIONS, "all"].join(", ")} (available for ${sizeName(rows, cols)}: ${available.join(", ")})`,
      "condition",
    );
  }
  const model = here.find((m) => m.condition === condition);
  if (!model) {
    throw new ApiError(
      "invalid_value",
      `no ${condition} model is installed for ${sizeName(rows, cols)} mazes; available conditions: ${available.join(", ")}`,
      "condition",
    );
  }
  return [model];
}

function wantsStream(request: Request, body: Record<string, unknown>): boolean {
  if (body.stream !== undefined) return boolean(body.stream, "stream");
  return (request.headers.get("accept") ?? "").split(",").some((t) => t.split(";")[0].trim().toLowerCase() === "text/event-stream");
}

export async function predict(request: ApiRequest, env: Env): Promise<Response> {
  const body = object(await readJson(request, LIMITS.maxBodyBytes, { curlFriendly: true }), "");
  const condition = body.condition === undefined ? "all" : string(body.condition, "condition");
  const stream = wantsStream(request, body);
  const engine = await getEngine();
  const { maze, source } = await readMazeSource(engine, body);
  const manifests = chooseModels(condition, maze.rows, maze.cols, source ? "rows" : "maze.rows");
  const cap = Math.min(...manifests.map((m) => m.max_new_tokens));
  const maxNewTokens = body.max_new_tokens === undefined ? undefined : integer(body.max_new_tokens, "max_new_tokens", 1, cap);
  const timeBudgetMs =
    body.time_budget_ms === undefined ? LIMITS.predictBudgetMs : integer(body.time_budget_ms, "time_budget_ms", 1, LIMITS.maxPredictBudgetMs);
  // Admission costs one unit (refused once the budget is spent); the decoding time actually used
  // is charged when it ends (recordWork). Charging the whole time budget up front made one 30 s
  // request cost the client's full minute although a 6x6 decode takes about a second.
  await spendWork(request, env, 1, "a prediction");

  // Loading (once per isolate): onnxruntime-web, then a session per model.
  const runtime = await import("../predict/runtime");
  const { predict: run } = await import("../predict/predict");
  const tLoad = performance.now();
  const cold = manifests.filter((m) => !runtime.loadedModels().includes(m.name)).map((m) => m.name);
  const models = (await Promise.all(manifests.map((m) => runtime.loadModel(engine, m, env.ASSETS)))).map(runtime.yielding);
  await runtime.tick(); // workerd's clock starts moving again here
  const loadMs = Math.round((performance.now() - tLoad) * 1000) / 1000;

  const head = {
    maze: { rows: maze.rows, cols: maze.cols, start: maze.start, goal: maze.goal, prompt: engine.promptText(maze), source },
    condition,
    max_new_tokens: maxNewTokens ?? null,
    time_budget_ms: timeBudgetMs,
  };
  const load = { load_ms: loadMs, cold_models: cold };
  const t0 = performance.now();
  const chargeDecoding = () => recordWork(request, env, predictUnits(performance.now() - t0) - 1);
  const result = (predictions: Prediction[]) => ({
    ...head,
    predictions,
    timing: { ...load, total_ms: Math.round((performance.now() - t0) * 1000) / 1000 },
  });

  if (!stream) {
    const predictions = await run(engine, maze, models, { maxNewTokens, timeBudgetMs, signal: request.signal });
    await chargeDecoding();
    return json(result(predictions), 200, { "cache-control": "no-store" });
  }

  // Server-Sent Events. A client that goes away cancels the body stream (or aborts
  // request.signal): decoding stops after the current step.
  const abort = new AbortController();
  request.signal?.addEventListener("abort", () => abort.abort());
  const encoder = new TextEncoder();
  let closed = false;
  const events = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          // the connection is gone (workerd may error the stream rather than cancel it)
          closed = true;
          abort.abort();
        }
      };
      send("start", { ...head, conditions: models.map((m) => m.manifest.condition), timing: load });
      run(engine, maze, models, {
        maxNewTokens,
        timeBudgetMs,
        signal: abort.signal,
        onToken: (model, token, index) => send("token", { condition: model.manifest.condition, index, id: token, text: model.manifest.vocab[token] }),
        onPrediction: (p) => send("prediction", p),
      })
        .then(
          (predictions) => {
            send("done", {
              condition,
              timing: result(predictions).timing,
              stop_reasons: Object.fromEntries(predictions.map((p) => [p.condition, p.stop_reason])),
            });
          },
          async (err: unknown) => {
            const res = toErrorResponse(err);
            send("error", await res.json().catch(() => errorBody("internal_error", "internal error")));
          },
        )
        .finally(async () => {
          await chargeDecoding().catch(() => undefined);
          if (!closed) {
            closed = true;
            try {
              controller.close();
            } catch {
              /* already errored by a disconnect */
            }
          }
        });
    },
    cancel() {
      closed = true;
      abort.abort();
    },
  });
  return new Response(events, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
}
