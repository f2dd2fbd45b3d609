// GET /v1/models: the models this deployment ships (found by their manifests at build time), one
// per condition and grid size, each with its manifest: architecture, parameters, training data
// and tokens, the ONNX file's hash, the offline evaluation. Reading it never loads a model.
import { json } from "../http/errors";
import { LIMITS } from "../http/limits";
import { CONDITIONS } from "../conditions";
import { shippedModels, supportedSizes } from "../predict/shipped";

export function models(): Response {
  const list = shippedModels();
  return json(
    {
      conditions: CONDITIONS.filter((c) => list.some((m) => m.condition === c)),
      sizes: supportedSizes(),
      models: list.map((m) => ({ name: m.name, condition: m.condition, rows: m.rows, cols: m.cols, manifest: m })),
      limits: { default_time_budget_ms: LIMITS.predictBudgetMs, max_time_budget_ms: LIMITS.maxPredictBudgetMs },
    },
    200,
    { "cache-control": "public, max-age=300" },
  );
}
