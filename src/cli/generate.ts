// `reasonless generate`: one dataset stream as JSONL ({"text": "..."} per line), byte-identical
// to the released generator given the same generator, size, split, seed and count. Generator
// names and parameters come from the engine's registry, so a new generator needs no CLI change.
import { closeSync, openSync, writeSync } from "node:fs";
import { loadEngine } from "../core/node";
import { type GeneratorInfo, type GeneratorName, STREAM_DEFAULTS, type Split } from "../core/mazes";
import { type CommandSpec, type FlagSpec, helpText, parseArgs, progressBar } from "./args";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

const CHUNK = 1 << 20;

function spec(registry: GeneratorInfo[]): CommandSpec {
  const sizes = { min: registry[0].minSize, max: registry[0].maxSize };
  // Generator parameters become flags; each generator ignores those it does not declare.
  const params = new Map<string, FlagSpec>();
  for (const g of registry) {
    for (const p of g.params) {
      const flag = params.get(p.name);
      if (flag) {
        flag.description += `; ${g.name}`;
        continue;
      }
      params.set(
        p.name,
        p.type === "boolean"
          ? { name: p.name, type: "boolean", description: `${p.description} [${g.name}]` }
          : { name: p.name, type: "number", value: "x", min: p.min, max: p.max, description: `${p.description}, default ${p.default} [${g.name}]` },
      );
    }
  }
  return {
    name: "generate",
    summary: SUMMARIES.generate,
    description: [
      'Writes COUNT mazes of one dataset stream as JSONL, one {"text": "query ... end"} per line:',
      "the maze, its A* trace and its plan in the paper's token format. One PRNG, seeded with",
      "seed * 2 + (split == test), makes the whole stream, so output is byte-identical to the paper",
      "authors' released generator for the same options.",
    ].join("\n"),
    flags: [
      {
        name: "generator",
        short: "g",
        type: "choice",
        choices: registry.map((g) => g.name),
        required: true,
        value: "name",
        description: `maze generator: ${registry.map((g) => g.name).join(", ")}`,
      },
      { name: "rows", short: "r", type: "int", value: "N", default: STREAM_DEFAULTS.rows, ...sizes, description: "grid rows" },
      { name: "cols", short: "c", type: "int", value: "N", default: STREAM_DEFAULTS.cols, ...sizes, description: "grid columns" },
      {
        name: "split",
        short: "m",
        aliases: ["mode"],
        type: "choice",
        choices: ["train", "test"],
        default: STREAM_DEFAULTS.split,
        description: "dataset stream",
      },
      { name: "seed", type: "int", value: "N", default: STREAM_DEFAULTS.seed, description: "base seed" },
      { name: "count", short: "n", type: "int", value: "N", default: 1, min: 0, description: "number of mazes" },
      ...params.values(),
      { name: "solver", short: "s", type: "choice", choices: ["astar"], default: "astar", description: "trace format: the paper's A*" },
      { name: "output", short: "o", type: "string", value: "file", description: "write to this file instead of stdout" },
      { name: "progress", type: "boolean", description: "draw the progress bar even when stderr is not a terminal" },
    ],
    examples: [
      "reasonless generate -g wilson -r 30 -c 30 -n 50000 -o train.jsonl",
      "reasonless generate -g searchformer -r 10 -c 10 --split test -n 1000",
      "reasonless generate -g drunkards_walk --coverage 0.7 -n 5",
    ],
  };
}

// Buffered byte sink over stdout or a file; a closed stdout pipe (e.g. `| head`) ends quietly.
class Sink {
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private fd: number | undefined;
  broken = false;

  constructor(path: string | undefined) {
    if (path !== undefined) this.fd = openSync(path, "w");
    else
      process.stdout.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code === "EPIPE") this.broken = true;
        else throw err;
      });
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.used + bytes.length > this.buf.length) await this.flush();
    if (bytes.length > this.buf.length) this.buf = Buffer.allocUnsafe(bytes.length);
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.used === 0 || this.broken) {
      this.used = 0;
      return;
    }
    const data = this.buf.subarray(0, this.used);
    if (this.fd !== undefined) {
      for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off);
    } else {
      // The stream keeps `data` until written, so the next chunk gets a fresh buffer.
      this.buf = Buffer.allocUnsafe(CHUNK);
      if (!process.stdout.write(data)) await drainOrError();
    }
    this.used = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }
}

// Resolves when stdout drains or fails (the failure itself is handled by the Sink's listener).
function drainOrError(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off("drain", done);
      process.stdout.off("error", done);
      resolve();
    };
    process.stdout.on("drain", done);
    process.stdout.on("error", done);
  });
}

export const command: Command = {
  async run(argv) {
    const engine = await loadEngine();
    const cmd = spec(engine.generators());
    const { flags, help } = parseArgs(cmd, argv);
    if (help) {
      process.stdout.write(helpText(cmd));
      return 0;
    }
    const count = flags.count as number;
    const stream = engine.openStream({
      generator: flags.generator as GeneratorName,
      rows: flags.rows as number,
      cols: flags.cols as number,
      seed: flags.seed as number,
      split: flags.split as Split,
      ...(flags.coverage !== undefined ? { coverage: flags.coverage as number } : {}),
      ...(flags.strict !== undefined ? { strict: flags.strict as boolean } : {}),
    });
    const sink = new Sink(flags.output as string | undefined);
    const progress = progressBar({ total: count, label: "generate", enabled: flags.progress ? true : undefined });
    try {
      for (let i = 0; i < count && !sink.broken; i++) {
        await sink.write(stream.nextLine());
        if ((i & 255) === 255) progress.update(i + 1);
      }
      progress.update(count);
      await sink.close();
    } finally {
      stream.close();
      progress.finish();
    }
    return 0;
  },
};
