// `reasonless submit`: sends a model's predictions on a benchmark to the leaderboard API
// (POST /v1/submissions, gzip-compressed) and prints the receipt: per-generator plan validity,
// trace validity and optimal rate. Predictions are JSONL lines {"id": "wilson-0007", "response":
// "reasoning ... end"}; other fields are ignored.
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { type CommandSpec, UsageError, helpText, parseArgs, progressBar } from "./args";
import { type ClientIo, ClientError, baseUrl, pct, request, write } from "./client";
import { SUBMISSION_CONDITIONS } from "../conditions";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

export const SPEC: CommandSpec = {
  name: "submit",
  summary: SUMMARIES.submit,
  description: [
    'Reads JSONL predictions ({"id", "response"} per line; response as text or token ids), sends them',
    "gzip-compressed to POST /v1/submissions with your API key (again uncompressed if the server refuses",
    "the gzip body for its compression ratio), and prints the receipt: the scores the server computed",
    "with the paper's validator, per generator and overall. Instances without a prediction count as",
    "invalid. The key comes from --key or REASONLESS_API_KEY; the server from --url or REASONLESS_URL.",
    "Exit 0 on success, 1 on a server or network error, 2 on bad input.",
  ].join("\n"),
  flags: [
    { name: "benchmark", short: "b", type: "string", value: "id", required: true, description: "benchmark id, e.g. maze10-v1" },
    { name: "predictions", short: "p", type: "string", value: "file|-", required: true, description: "JSONL predictions (- = stdin)" },
    { name: "model-name", short: "m", type: "string", value: "name", required: true, description: "model name shown on the leaderboard" },
    { name: "condition", type: "choice", choices: [...SUBMISSION_CONDITIONS], default: "other", description: "training condition" },
    { name: "parameters", type: "int", value: "N", min: 0, description: "model parameter count" },
    { name: "model-url", type: "string", value: "url", description: "a link to the model or paper" },
    { name: "notes", type: "string", value: "text", description: "free-text notes" },
    { name: "key", short: "k", type: "string", value: "key", description: "API key (default: $REASONLESS_API_KEY)" },
    { name: "idempotency-key", type: "string", value: "key", description: "retry-safe: the same key and predictions return the first receipt" },
    { name: "url", type: "string", value: "url", description: "API base URL (default: $REASONLESS_URL or http://127.0.0.1:8787)" },
    { name: "json", type: "boolean", description: "print the receipt as JSON" },
    { name: "progress", type: "boolean", description: "draw the progress bar even when stderr is not a terminal" },
  ],
  examples: [
    "reasonless submit -b maze10-v1 -p preds.jsonl -m 'my-gpt 0.9M' --condition swapped",
    "REASONLESS_API_KEY=rl_... reasonless submit -b maze10-v1 -p - -m test --json < preds.jsonl",
  ],
};

export interface Prediction {
  id: string;
  response: string | number[];
}

/** JSONL predictions; a bad line is a UsageError naming the file and line. */
export async function readPredictions(path: string, io: ClientIo, onBytes?: (n: number) => void): Promise<Prediction[]> {
  const input = path === "-" ? io.stdin : createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    if (path === "-") return resolve();
    input.once("open", () => resolve());
    input.once("error", (err: NodeJS.ErrnoException) => reject(new UsageError(`cannot read --predictions ${path}: ${err.code ?? err.message}`)));
  });
  await opened;
  const out: Prediction[] = [];
  let n = 0,
    bytes = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    bytes += line.length + 1;
    if (n % 64 === 0) onBytes?.(bytes);
    if (line.trim() === "") continue;
    const where = `${path === "-" ? "stdin" : path}:${n}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new UsageError(`${where}: not a JSON line`);
    }
    const o = v as Record<string, unknown>;
    if (typeof o !== "object" || o === null || Array.isArray(o)) throw new UsageError(`${where}: expected an object {"id", "response"}`);
    if (typeof o.id !== "string") throw new UsageError(`${where}: "id" must be a string such as "wilson-0007"`);
    if (typeof o.response !== "string" && !Array.isArray(o.response)) throw new UsageError(`${where}: "response" must be text or an array of token ids`);
    out.push({ id: o.id, response: o.response as string | number[] });
  }
  onBytes?.(bytes);
  if (out.length === 0) throw new UsageError(`${path === "-" ? "stdin" : path} holds no predictions`);
  return out;
}

interface Group {
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
  instances: number;
  missing: number;
}
interface Receipt {
  id: string;
  url: string;
  benchmark: { id: string; sha256: string };
  engine: { build: string };
  counts: { instances: number; predictions: number; missing: number };
  scores: { overall: Group; by_generator: Record<string, Group> };
}

export function receiptText(r: Receipt, base: string, remaining: string | null, replayed: boolean): string {
  const rows = [["", "instances", "missing", "plan valid", "trace valid", "optimal"]];
  for (const [name, g] of [...Object.entries(r.scores.by_generator), ["overall", r.scores.overall] as const]) {
    rows.push([name, String(g.instances), String(g.missing), pct(g.plan_validity), pct(g.trace_validity), pct(g.optimal_rate)]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  const table = rows.map((row) => row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ")).join("\n");
  return [
    `submission ${r.id}${replayed ? " (replayed: this Idempotency-Key was used before)" : ""}`,
    `  ${base}${r.url}`,
    `  benchmark ${r.benchmark.id} (sha256 ${r.benchmark.sha256.slice(0, 16)}...), engine ${r.engine.build.slice(0, 16)}...`,
    `  ${r.counts.predictions} predictions for ${r.counts.instances} instances (${r.counts.missing} missing, counted invalid)`,
    "",
    table,
    ...(remaining !== null ? ["", `submissions left today: ${remaining}`] : []),
    "",
  ].join("\n");
}

export async function runSubmit(argv: string[], io: ClientIo): Promise<number> {
  const { flags, help } = parseArgs(SPEC, argv);
  if (help) {
    await write(io.stdout, helpText(SPEC));
    return 0;
  }
  const key = (flags.key as string | undefined) ?? io.env.REASONLESS_API_KEY;
  if (!key) throw new UsageError("no API key: pass --key or set REASONLESS_API_KEY (`reasonless account create` makes one)");
  const base = baseUrl(flags.url, io.env);
  const path = flags.predictions as string;
  let size = 0;
  try {
    size = path === "-" ? 0 : statSync(path).size;
  } catch {
    /* readPredictions names the problem */
  }
  // A bar over the file's characters (approximately its bytes); none for stdin.
  const bar = progressBar({
    total: size,
    label: "reading",
    enabled: flags.progress && size > 0 ? true : size > 0 ? undefined : false,
    stream: io.stderr as NodeJS.WriteStream,
  });
  const predictions = await readPredictions(path, io, (n) => bar.update(Math.min(n, size)));
  bar.finish();

  const model: Record<string, unknown> = { name: flags["model-name"], condition: flags.condition };
  if (flags.parameters !== undefined) model.parameters = flags.parameters;
  if (flags["model-url"] !== undefined) model.url = flags["model-url"];
  if (flags.notes !== undefined) model.notes = flags.notes;
  const json = JSON.stringify({ benchmark: flags.benchmark, model, predictions });
  const body = gzipSync(json);
  if (flags.progress || (io.stderr as NodeJS.WriteStream).isTTY) {
    await write(io.stderr, `uploading ${predictions.length} predictions: ${(json.length / 1e6).toFixed(1)} MB, ${(body.length / 1e6).toFixed(2)} MB gzipped\n`);
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "content-encoding": "gzip",
    authorization: `Bearer ${key}`,
  };
  if (flags["idempotency-key"] !== undefined) headers["idempotency-key"] = flags["idempotency-key"] as string;
  let res: Response;
  try {
    res = await request(io, `${base}/v1/submissions`, { method: "POST", headers, body });
  } catch (err) {
    // Predictions that repeat themselves (a model looping on a few tokens) can compress further
    // than the server takes gzip bodies to (it refuses bombs by their ratio): nothing was stored,
    // and the same body goes again uncompressed, under the same size limit.
    if (!(err instanceof ClientError && err.code === "compression_ratio_exceeded")) throw err;
    if (flags.progress || (io.stderr as NodeJS.WriteStream).isTTY)
      await write(io.stderr, "gzip body refused for its compression ratio: sending it uncompressed\n");
    delete headers["content-encoding"];
    res = await request(io, `${base}/v1/submissions`, { method: "POST", headers, body: json });
  }
  const text = await res.text();
  let receipt: Receipt;
  try {
    receipt = JSON.parse(text) as Receipt;
  } catch {
    throw new ClientError(`the server's receipt is not JSON: ${text.slice(0, 100)}`);
  }
  if (flags.json) await write(io.stdout, text + "\n");
  else await write(io.stdout, receiptText(receipt, base, res.headers.get("ratelimit-remaining"), res.headers.get("idempotent-replayed") === "true"));
  return 0;
}

export const command: Command = {
  run: (argv) => runSubmit(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
