// `reasonless eval`: greedy-decodes a model (onnxruntime-node) on the first N instances of each
// generator's test stream and scores every response with the engine's validator.
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { basename } from "node:path";
import { cpus } from "node:os";
import { loadEngine, packageRoot } from "../core/node";
import type { GeneratorName, Split } from "../core/mazes";
import { loadModelFile, manifestPath } from "../decode/node";
import {
  type GeneratorEval,
  type Prediction,
  type RescoreChanges,
  evaluateInstances,
  markdownReport,
  noRescoreChanges,
  rescorePredictions,
  streamInstances,
} from "../pipeline/eval";
import { engineBuild } from "../pipeline/write";
import { type CommandSpec, UsageError, helpText, parseArgs, progressBar } from "./args";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

function spec(generators: string[]): CommandSpec {
  return {
    name: "eval",
    summary: SUMMARIES.eval,
    description: [
      "Regenerates the first --count instances of each generator's stream (the dataset builder's",
      "test splits), decodes `<|bos|> prompt reasoning` greedily with onnxruntime-node in batches,",
      "and scores each response with the paper's validator: plan validity, optimal rate, trace",
      "validity (and strict), the plan x trace table, first errors, rows with no plan within the",
      "token cap, generated vs A* trace length. Markdown on stdout, or one JSON object with --json.",
    ].join("\n"),
    flags: [
      {
        name: "model",
        short: "m",
        type: "string",
        value: "models/X.onnx",
        required: true,
        description: "the model (its manifest models/X.json sits beside it)",
      },
      { name: "generator", short: "g", type: "choice", choices: [...generators, "all"], default: "all", value: "name|all", description: "test generator" },
      { name: "rows", short: "r", type: "int", value: "N", min: 2, max: 64, description: "grid rows (default and only choice: the model's)" },
      { name: "cols", short: "c", type: "int", value: "N", min: 2, max: 64, description: "grid columns (default and only choice: the model's)" },
      { name: "split", type: "choice", choices: ["test", "train"], default: "test", description: "stream" },
      { name: "seed", type: "int", value: "N", default: 42, description: "base seed" },
      { name: "count", short: "n", type: "int", value: "N", min: 1, default: 1000, description: "instances per generator" },
      { name: "batch", short: "b", type: "int", value: "B", min: 1, default: 32, description: "sequences decoded together" },
      { name: "max-new-tokens", type: "int", value: "N", min: 1, description: "cap per response (default: the manifest's max_new_tokens)" },
      { name: "time-budget", type: "number", value: "s", min: 0, description: "wall-clock cap per batch in seconds (rows still running stop)" },
      { name: "threads", type: "int", value: "N", min: 1, default: 1, description: "onnxruntime intra-op threads" },
      { name: "json", type: "boolean", description: "print one JSON object instead of markdown" },
      { name: "predictions", type: "string", value: "file", description: "write {generator, index, prompt, response, ...} JSONL per instance" },
      { name: "record", type: "boolean", description: "store the per-generator results in the model's manifest (its evaluation field)" },
      {
        name: "rescore",
        type: "string",
        value: "file",
        description:
          "decode nothing: score the responses stored by an earlier --predictions run (plain or gzipped JSONL) with this engine (prints the verdict changes on stderr)",
      },
      { name: "progress", type: "boolean", description: "draw the progress bar even when stderr is not a terminal" },
    ],
    examples: [
      "reasonless eval --model models/10x10-correct.onnx",
      "reasonless eval -m models/10x10-swapped.onnx -g wilson -n 200 --json --predictions preds.jsonl",
      "reasonless eval -m models/10x10-swapped.onnx -g wilson -n 200 --rescore preds.jsonl --record",
    ],
  };
}

export const command: Command = {
  async run(argv) {
    const engine = await loadEngine();
    const names = engine.generators().map((g) => g.name);
    const cmd = spec(names);
    const { flags, help } = parseArgs(cmd, argv);
    if (help) {
      process.stdout.write(helpText(cmd));
      return 0;
    }
    const model = await loadModelFile(engine, flags.model as string, { intraOpNumThreads: flags.threads as number });
    const { rows, cols } = model.manifest;
    for (const [flag, want] of [
      ["rows", rows],
      ["cols", cols],
    ] as const) {
      if (flags[flag] !== undefined && flags[flag] !== want) {
        throw new UsageError(`--${flag} ${flags[flag]}: the model ${model.manifest.name} reads ${rows}x${cols} mazes only (its vocabulary)`);
      }
    }
    const generators = (flags.generator === "all" ? names : [flags.generator]) as GeneratorName[];
    const count = flags.count as number,
      batch = flags.batch as number;
    const split = flags.split as Split,
      seed = flags.seed as number;
    const budget = flags["time-budget"] as number | undefined;
    const decode = {
      maxNewTokens: (flags["max-new-tokens"] as number | undefined) ?? model.manifest.max_new_tokens,
      ...(budget !== undefined ? { timeBudgetMs: budget * 1000 } : {}),
    };

    const results: Record<string, GeneratorEval> = {};
    if (flags.rescore !== undefined) {
      if (flags.predictions !== undefined) throw new UsageError("--rescore reads stored predictions; it writes none (drop --predictions)");
      const stored = readPredictions(flags.rescore as string);
      const total = noRescoreChanges();
      for (const generator of generators) {
        const mine = stored.filter((p) => p.generator === generator);
        if (mine.length !== count) {
          throw new UsageError(`--rescore ${flags.rescore}: ${mine.length} predictions for ${generator}, but --count is ${count}`);
        }
        const { eval: r, changes } = rescorePredictions(engine, streamInstances(engine, { generator, rows, cols, seed, split, count }), mine);
        results[generator] = r;
        for (const k of Object.keys(total) as Array<keyof RescoreChanges>) total[k] += changes[k];
      }
      process.stderr.write(
        `rescored ${total.responses} stored responses: ${total.changed} changed verdict (trace valid->invalid ${total.trace_valid_to_invalid}, ` +
          `invalid->valid ${total.trace_invalid_to_valid}; plan valid->invalid ${total.plan_valid_to_invalid}, invalid->valid ${total.plan_invalid_to_valid})\n`,
      );
    }
    const predictions = flags.predictions ? createWriteStream(flags.predictions as string) : undefined;
    const writePrediction = (p: Prediction) => predictions?.write(JSON.stringify({ rows, cols, ...p }) + "\n");
    const progress = progressBar({
      total: flags.rescore !== undefined ? 0 : count * generators.length,
      label: "eval",
      enabled: flags.progress ? true : undefined,
    });
    try {
      if (flags.rescore === undefined) {
        for (const [k, generator] of generators.entries()) {
          const instances = streamInstances(engine, { generator, rows, cols, seed, split, count });
          results[generator] = await evaluateInstances(engine, model, generator, instances, {
            batch,
            decode,
            onPrediction: writePrediction,
            onBatch: (done) => progress.update(k * count + done),
          });
        }
      }
    } finally {
      progress.finish();
      if (predictions) await new Promise((resolve) => predictions.end(resolve));
    }

    const title = `${model.manifest.name} (${model.manifest.condition}) on ${rows}x${cols} ${split} streams, seed ${seed}, first ${count}`;
    if (flags.json) {
      const out = {
        model: model.manifest.name,
        model_file: basename(flags.model as string),
        condition: model.manifest.condition,
        rows,
        cols,
        split,
        seed,
        count,
        batch,
        max_new_tokens: decode.maxNewTokens,
        engine: engineBuild(packageRoot()),
        machine: `${cpus()[0]?.model ?? "unknown cpu"}, onnxruntime-node, ${flags.threads} thread(s)`,
        generators: Object.fromEntries(Object.entries(results).map(([g, r]) => [g, { ...r.summary, timing: r.timing }])),
      };
      process.stdout.write(JSON.stringify(out, null, 1) + "\n");
    } else {
      const summaries = Object.fromEntries(Object.entries(results).map(([g, r]) => [g, r.summary]));
      process.stdout.write(markdownReport(title, summaries));
      const tokens = Object.values(results).reduce((a, r) => a + r.timing.tokens, 0);
      const secs = Object.values(results).reduce((a, r) => a + r.timing.seconds, 0);
      if (flags.rescore === undefined)
        process.stderr.write(`generated ${tokens} tokens in ${secs.toFixed(1)} s (${(tokens / secs).toFixed(0)} tokens/s, batch ${batch})\n`);
    }
    if (flags.record) {
      // Re-read the file rather than writing the loaded object back: only `evaluation` changes.
      const path = manifestPath(flags.model as string);
      const manifest = JSON.parse(readFileSync(path, "utf8"));
      manifest.evaluation ??= {};
      for (const [g, r] of Object.entries(results)) {
        manifest.evaluation[g] = { ...r.summary, split, seed, max_new_tokens: decode.maxNewTokens, engine: engineBuild(packageRoot())?.sha256 ?? null };
      }
      writeFileSync(path, JSON.stringify(manifest, null, 1) + "\n");
    }
    await model.session.release?.();
    return 0;
  },
};

// The JSONL written by --predictions, plain or gzipped (how studies and models/predictions/ keep
// it); one readable error for a missing or malformed file.
function readPredictions(path: string): Prediction[] {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch (err) {
    throw new UsageError(`--rescore ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      let p: Partial<Prediction>;
      try {
        p = JSON.parse(line);
      } catch {
        throw new UsageError(`--rescore ${path}: line ${i + 1} is not JSON`);
      }
      if (
        typeof p.generator !== "string" ||
        !Number.isInteger(p.index) ||
        typeof p.response !== "string" ||
        typeof p.stop_reason !== "string" ||
        typeof p.plan_valid !== "boolean" ||
        typeof p.trace_valid !== "boolean"
      ) {
        throw new UsageError(`--rescore ${path}: line ${i + 1} is not a prediction (generator, index, response, stop_reason, plan_valid, trace_valid)`);
      }
      return p as Prediction;
    });
}
