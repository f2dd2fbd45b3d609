// `reasonless validate`: the paper's formal validator over JSONL. Each input line holds either
// {"text": "query ... reasoning ... end"} (a full sequence, e.g. a dataset line) or
// {"prompt": "query ...", "response": "reasoning ... end"} (e.g. a model's output); the grid size
// comes from the line's rows/cols, else --rows/--cols, else the prompt. One JSON report per line
// goes to stdout; a summary (the plan x trace table, first-error histograms) goes to stderr.
// A line that cannot be validated yields {"line": n, "error": "..."}, processing goes on, and
// the exit code is 2 at the end.
import { constants, createReadStream, createWriteStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { loadEngine } from "../core/node";
import type { Engine } from "../core/load";
import { EngineInputError } from "../core/mazes";
import type { ValidationReport } from "../core/validate";
import { type CommandSpec, UsageError, helpText, parseArgs } from "./args";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

const SPEC: CommandSpec = {
  name: "validate",
  summary: SUMMARIES.validate,
  description: [
    'Validates each JSONL line, {"text": "query ... reasoning ... end"} or',
    '{"prompt": "query ...", "response": "reasoning ... end"}, with the paper\'s rules, quirks',
    "included (trace and plan validity, first errors: the verdict), and reports our strict mode",
    "beside it (the trace must be exactly the paper's A* trace and well-formed). Writes one JSON",
    "report per line and a summary to stderr. Lines that cannot be read",
    'yield {"line": n, "error": "..."}; the exit code is then 2.',
  ].join("\n"),
  flags: [
    { name: "input", short: "i", type: "string", value: "file|-", default: "-", description: "JSONL input (- = stdin)" },
    { name: "output", short: "o", type: "string", value: "file", description: "write the reports to this file instead of stdout" },
    { name: "strict", type: "boolean", description: "summarize strict trace validity (exactly the A* trace, well-formed) instead of the paper's verdict" },
    { name: "rows", short: "r", type: "int", value: "N", min: 2, max: 64, description: "grid rows when a line has no rows field (default: from the prompt)" },
    {
      name: "cols",
      short: "c",
      type: "int",
      value: "N",
      min: 2,
      max: 64,
      description: "grid columns when a line has no cols field (default: from the prompt)",
    },
  ],
  examples: [
    "reasonless generate -g wilson -r 10 -c 10 -n 100 | reasonless validate -o reports.jsonl",
    "reasonless validate -i predictions.jsonl --rows 30 --cols 30 --strict",
  ],
};

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Tallies for the stderr summary. */
class Summary {
  lines = 0;
  bad = 0;
  optimal = 0;
  // [plan valid][trace valid]
  table = [
    [0, 0],
    [0, 0],
  ];
  firstTrace = new Map<string, number>();
  firstPlan = new Map<string, number>();

  constructor(private readonly strict: boolean) {}

  add(r: ValidationReport): void {
    this.lines++;
    const traceValid = this.strict ? r.strict!.trace_valid : r.trace_valid;
    this.table[r.plan_valid ? 1 : 0][traceValid ? 1 : 0]++;
    if (r.optimal) this.optimal++;
    const ft = this.strict ? r.strict!.first_error : r.first_trace_error;
    if (ft) this.firstTrace.set(ft.code, (this.firstTrace.get(ft.code) ?? 0) + 1);
    if (r.first_plan_error) this.firstPlan.set(r.first_plan_error.code, (this.firstPlan.get(r.first_plan_error.code) ?? 0) + 1);
  }

  text(): string {
    const n = this.lines;
    const pct = (k: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : "-");
    const t = this.table;
    const trace = this.strict ? "trace (strict)" : "trace";
    const W = 24;
    const cell = (k: number) => `${k} (${pct(k)})`.padStart(W);
    const hist = (m: Map<string, number>) => (m.size ? [...m].sort((a, b) => b[1] - a[1]).map(([c, k]) => `  ${c.padEnd(30)}${k}`) : ["  (none)"]);
    return [
      `validated ${n} line${n === 1 ? "" : "s"}${this.bad ? `, ${this.bad} unreadable` : ""}`,
      `${"".padEnd(14)}${`${trace} valid`.padStart(W)}${`${trace} invalid`.padStart(W)}`,
      `${"plan valid".padEnd(14)}${cell(t[1][1])}${cell(t[1][0])}`,
      `${"plan invalid".padEnd(14)}${cell(t[0][1])}${cell(t[0][0])}`,
      `plan valid ${t[1][0] + t[1][1]} (${pct(t[1][0] + t[1][1])}), optimal ${this.optimal} (${pct(this.optimal)}), ` +
        `${trace} valid ${t[0][1] + t[1][1]} (${pct(t[0][1] + t[1][1])})`,
      `first ${trace} errors:`,
      ...hist(this.firstTrace),
      "first plan errors:",
      ...hist(this.firstPlan),
      "",
    ].join("\n");
  }
}

function sizeField(rec: Record<string, unknown>, key: "rows" | "cols", fallback: number | undefined): number | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new EngineInputError(key, `"${key}" must be an integer`);
  return v;
}

// Splits a full sequence at its `reasoning` word: the prompt before, the response from it on.
function splitText(text: string): [string, string] {
  const m = /(^|\s)reasoning(?=\s|$)/.exec(text);
  if (!m) return [text, ""];
  const at = m.index + m[1].length;
  return [text.slice(0, at), text.slice(at)];
}

/** Validates one JSONL line; returns the report line, or throws with the reason. */
function validateLine(engine: Engine, line: string, rows: number | undefined, cols: number | undefined): ValidationReport {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    throw new Error("not JSON");
  }
  if (typeof rec !== "object" || rec === null || Array.isArray(rec)) throw new Error("not a JSON object");
  const o = rec as Record<string, unknown>;
  let prompt: string, response: string;
  if (typeof o.prompt === "string" && typeof o.response === "string") {
    prompt = o.prompt;
    response = o.response;
  } else if (typeof o.text === "string") {
    [prompt, response] = splitText(o.text);
  } else {
    throw new Error('needs a "text" string, or "prompt" and "response" strings');
  }
  const maze = engine.parsePrompt(prompt, sizeField(o, "rows", rows), sizeField(o, "cols", cols));
  return engine.validate(maze, response, { strict: true });
}

export async function runValidate(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(SPEC, argv);
  if (args.help) {
    io.stdout.write(helpText(SPEC));
    return 0;
  }
  const input = args.flags.input as string;
  const output = args.flags.output as string | undefined;
  const rows = args.flags.rows as number | undefined;
  const cols = args.flags.cols as number | undefined;
  const summary = new Summary(Boolean(args.flags.strict));
  const engine = await loadEngine();

  if (input !== "-") {
    try {
      await access(input, constants.R_OK);
    } catch {
      throw new UsageError(`cannot read --input ${input}`);
    }
  }
  const source = input === "-" ? io.stdin : createReadStream(input);
  const sink = output === undefined ? io.stdout : createWriteStream(output);
  let broken = false;
  sink.on("error", (err: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) ends the output quietly; anything else is fatal.
    if (err.code === "EPIPE") broken = true;
    else throw err;
  });

  let chunk: string[] = [];
  let chunkBytes = 0;
  const flush = async () => {
    if (!chunk.length || broken) return;
    const ok = sink.write(chunk.join(""));
    chunk = [];
    chunkBytes = 0;
    if (!ok) await new Promise<void>((resolve) => sink.once("drain", resolve));
  };

  let n = 0;
  for await (const line of createInterface({ input: source, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    let out: string;
    try {
      const report = validateLine(engine, line, rows, cols);
      summary.add(report);
      out = JSON.stringify({ line: n, ...report });
    } catch (err) {
      summary.bad++;
      out = JSON.stringify({ line: n, error: err instanceof Error ? err.message : String(err) });
    }
    chunk.push(out, "\n");
    chunkBytes += out.length + 1;
    if (chunkBytes >= 1 << 16) await flush();
    if (broken) break;
  }
  await flush();
  if (sink !== io.stdout) await new Promise<void>((resolve) => (sink as NodeJS.WritableStream).end(resolve));
  io.stderr.write(summary.text());
  return summary.bad ? 2 : 0;
}

export const command: Command = {
  run: (argv) => runValidate(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
};
