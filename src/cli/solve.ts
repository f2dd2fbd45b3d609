// `reasonless solve`: A* predictions for a benchmark, computed locally with the engine, as the
// JSONL that `reasonless submit` reads ({"id", "response"} per line). Solving a whole suite
// through POST /v1/solve meets the API's per-client rate limit (600 requests a minute) before
// 1,000 instances; the engine here is the one the server scores with, so the responses are the same.
import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { BENCHMARKS, benchmarkSpec, getSuite } from "../leaderboard/benchmarks";
import type { Engine, Maze } from "../core";
import { EngineInputError } from "../core/mazes";
import { loadEngine } from "../core/node";
import { type CommandSpec, UsageError, helpText, parseArgs } from "./args";
import { type ClientIo, write } from "./client";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

export const SPEC: CommandSpec = {
  name: "solve",
  summary: SUMMARIES.solve,
  description: [
    "Solves every instance with the engine's A* (the paper's trace and plan) and writes one",
    '{"id", "response"} line per instance: the ceiling every score is measured against, or a check of',
    "a submission pipeline. No network: --benchmark regenerates the suite locally (the same instances and",
    "sha256 as the server's), --instances reads JSONL such as `reasonless benchmark fetch` writes",
    '({"id", "prompt", "rows"?, "cols"?} per line; other fields are ignored). Exit 0 on success,',
    "2 on bad input (one line naming the file and line).",
  ].join("\n"),
  flags: [
    { name: "benchmark", short: "b", type: "choice", choices: BENCHMARKS.map((b) => b.id), value: "id", description: "solve this benchmark's instances" },
    { name: "instances", short: "i", type: "string", value: "file|-", description: "solve the instances in this JSONL file (- = stdin)" },
    { name: "output", short: "o", type: "string", value: "file", description: "write the predictions here instead of stdout" },
  ],
  examples: [
    "reasonless solve -b maze10-v1 -o astar.jsonl && reasonless submit -b maze10-v1 -p astar.jsonl -m 'A*'",
    "reasonless benchmark fetch maze30-v1 | reasonless solve -i - > astar30.jsonl",
  ],
};

interface Instance {
  id: string;
  maze: Maze;
}

/** The A* response for a maze: the serialized sequence after its prompt. */
function astarResponse(engine: Engine, maze: Maze): string {
  return engine.serialize(maze).slice(engine.promptText(maze).length + 1);
}

/** Instances from JSONL lines {"id", "prompt", "rows"?, "cols"?}; a bad line is a UsageError. */
async function readInstances(path: string, io: ClientIo, engine: Engine): Promise<Instance[]> {
  const input = path === "-" ? io.stdin : createReadStream(path);
  const name = path === "-" ? "stdin" : path;
  await new Promise<void>((resolve, reject) => {
    if (path === "-") return resolve();
    input.once("open", () => resolve());
    input.once("error", (err: NodeJS.ErrnoException) => reject(new UsageError(`cannot read --instances ${path}: ${err.code ?? err.message}`)));
  });
  const out: Instance[] = [];
  const seen = new Set<string>();
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === "") continue;
    const where = `${name}:${n}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line);
    } catch {
      throw new UsageError(`${where}: not a JSON line`);
    }
    if (typeof o !== "object" || o === null || Array.isArray(o)) throw new UsageError(`${where}: expected an object {"id", "prompt"}`);
    if (typeof o.id !== "string" || o.id === "") throw new UsageError(`${where}: "id" must be a non-empty string such as "wilson-0007"`);
    if (seen.has(o.id)) throw new UsageError(`${where}: id "${o.id}" repeats an earlier line`);
    if (typeof o.prompt !== "string") throw new UsageError(`${where}: "prompt" must be the maze's prompt text ("query start ... goal ...")`);
    for (const k of ["rows", "cols"] as const) {
      if (o[k] !== undefined && !Number.isInteger(o[k])) throw new UsageError(`${where}: "${k}" must be an integer`);
    }
    let maze: Maze;
    try {
      maze = engine.parsePrompt(o.prompt, o.rows as number | undefined, o.cols as number | undefined);
    } catch (err) {
      if (err instanceof EngineInputError) throw new UsageError(`${where}: ${err.message}`);
      throw err;
    }
    seen.add(o.id);
    out.push({ id: o.id, maze });
  }
  if (out.length === 0) throw new UsageError(`${name} holds no instances`);
  return out;
}

export async function runSolve(argv: string[], io: ClientIo): Promise<number> {
  const { flags, help } = parseArgs(SPEC, argv);
  if (help) {
    await write(io.stdout, helpText(SPEC));
    return 0;
  }
  if ((flags.benchmark === undefined) === (flags.instances === undefined)) throw new UsageError("give exactly one of --benchmark ID or --instances FILE");
  const engine = await loadEngine();
  let instances: Instance[];
  let source: string;
  if (flags.benchmark !== undefined) {
    const suite = await getSuite(engine, benchmarkSpec(flags.benchmark as string)!);
    instances = suite.instances.map((inst, i) => ({ id: inst.id, maze: suite.mazes[i] }));
    source = `${suite.spec.id} (sha256 ${suite.sha256.slice(0, 16)}..., regenerated locally)`;
  } else {
    instances = await readInstances(flags.instances as string, io, engine);
    source = flags.instances === "-" ? "stdin" : (flags.instances as string);
  }
  const text = instances.map((inst) => `${JSON.stringify({ id: inst.id, response: astarResponse(engine, inst.maze) })}\n`).join("");
  const output = flags.output as string | undefined;
  if (output === undefined) await write(io.stdout, text);
  else {
    try {
      writeFileSync(output, text);
    } catch (err) {
      throw new UsageError(`cannot write --output ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  await write(io.stderr, `${instances.length} A* predictions for ${source}${output ? ` -> ${output}` : ""}\n`);
  return 0;
}

export const command: Command = {
  run: (argv) => runSolve(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
