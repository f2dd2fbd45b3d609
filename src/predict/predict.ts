// One prediction request: decode the maze's prompt with each chosen model through the shared
// greedy decoder (src/decode/greedy.ts), then score every response with the engine's validator
// (the report of POST /v1/verify). Models run one after another under one wall-clock budget;
// a cap (tokens, time, disconnect) ends a model's response with a partial result, never an error.
import type { Engine, Maze, ValidationReport } from "../core";
import { type StopReason, greedyDecode } from "../decode/greedy";
import { type Model, startIds } from "../decode/model";

export interface PredictOptions {
  /** Per model; default its manifest's max_new_tokens. */
  maxNewTokens?: number;
  /** Wall-clock budget for decoding, all models together. */
  timeBudgetMs: number;
  signal?: AbortSignal;
  /** Every generated token, in order, per model. */
  onToken?: (model: Model, token: number, index: number) => void;
  /** A model's finished prediction (streaming sends it before the next model starts). */
  onPrediction?: (prediction: Prediction) => void;
  now?: () => number;
}

export interface Prediction {
  condition: string;
  model: string;
  /** The response as the validator reads it: `reasoning` and the generated tokens. */
  response: string;
  /** Generated token ids (after `reasoning`), the stop token included when there is one. */
  tokens: number[];
  stop_reason: StopReason;
  /** True when the model finished its response (`end` or `<|eos|>`), false at a cap. */
  complete: boolean;
  /** The trace part of the response (between `reasoning` and `solution`). */
  trace: string;
  /** The model's plan as points (the trailing `plan x y` steps). */
  plan: Array<[number, number]>;
  report: ValidationReport;
  timing: { prefill_ms: number; decode_ms: number; ms_per_token: number; tokens: number; total_ms: number };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The isolate's last predictions (model, stop reason, tokens), newest last: how a client's
 *  disconnect can be seen to have stopped decoding (test/worker/predict.test.ts). */
export const recentDecodes: Array<{ model: string; stop_reason: StopReason; tokens: number }> = [];
const RECENT = 32;
/** Tokens generated in this isolate so far. */
export const decodeStats = { tokens: 0 };

/** The trace between `reasoning` and `solution` (or the end when there is no solution). */
export function traceText(response: string): string {
  const words = response.split(" ");
  const from = words[0] === "reasoning" ? 1 : 0;
  const to = words.indexOf("solution");
  return words
    .slice(from, to < 0 ? words.length : to)
    .filter((w) => w !== "end" && w !== "<|eos|>")
    .join(" ");
}

export async function predict(engine: Engine, maze: Maze, models: readonly Model[], opts: PredictOptions): Promise<Prediction[]> {
  const now = opts.now ?? (() => performance.now());
  const deadline = now() + opts.timeBudgetMs;
  const prompt = engine.tokenize(engine.promptText(maze), maze.rows, maze.cols);
  const out: Prediction[] = [];
  for (const model of models) {
    const t0 = now();
    let index = 0;
    const { rows, timing } = await greedyDecode(model, [startIds(model, prompt)], {
      maxNewTokens: opts.maxNewTokens ?? model.manifest.max_new_tokens,
      timeBudgetMs: deadline - t0,
      signal: opts.signal,
      now,
      onToken: (_row, token) => {
        decodeStats.tokens++;
        opts.onToken?.(model, token, index++);
      },
    });
    const row = rows[0];
    const ids = new Int32Array(row.tokens.length + 1);
    ids[0] = model.reasoning;
    ids.set(row.tokens, 1);
    const response = engine.detokenize(ids, maze.rows, maze.cols);
    const report = engine.validate(maze, ids, { strict: false });
    const prediction: Prediction = {
      condition: model.manifest.condition,
      model: model.manifest.name,
      response,
      tokens: Array.from(row.tokens),
      stop_reason: row.stop_reason,
      complete: row.stop_reason === "eos" || row.stop_reason === "end",
      trace: traceText(response),
      plan: report.plan,
      report,
      timing: {
        prefill_ms: round(timing.prefill_ms),
        decode_ms: round(timing.decode_ms),
        ms_per_token: round(timing.ms_per_token),
        tokens: timing.tokens,
        total_ms: round(now() - t0),
      },
    };
    out.push(prediction);
    recentDecodes.push({ model: prediction.model, stop_reason: row.stop_reason, tokens: row.tokens.length });
    if (recentDecodes.length > RECENT) recentDecodes.shift();
    opts.onPrediction?.(prediction);
  }
  return out;
}
