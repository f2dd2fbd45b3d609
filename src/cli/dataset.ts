// `reasonless dataset`: builds a training folder (docs/dataset-format.md) for the Python trainer:
// train and val from the Wilson train stream, a test split per generator, deduplicated.
import { loadEngine, packageRoot } from "../core/node";
import { buildDataset } from "../pipeline/dataset";
import { engineBuild, writeDataset } from "../pipeline/write";
import { type CommandSpec, UsageError, helpText, parseArgs, progressBar } from "./args";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

const SPEC: CommandSpec = {
  name: "dataset",
  summary: SUMMARIES.dataset,
  description: [
    "Builds the dataset the trainer reads (docs/dataset-format.md): test splits with the first",
    "--test instances of every generator's test stream, then val and train from the Wilson train",
    "stream, dropping any maze (layout, start, goal) already in an earlier split or twice in its",
    "own. Each instance is stored once (prompt, A* trace, plan); train and val get a seeded",
    "derangement for the swapped-trace condition. Writes gzip arrays, vocab.json, manifest.json.",
  ].join("\n"),
  flags: [
    { name: "rows", short: "r", type: "int", value: "N", min: 2, max: 64, required: true, description: "grid rows" },
    { name: "cols", short: "c", type: "int", value: "N", min: 2, max: 64, required: true, description: "grid columns" },
    { name: "train", type: "int", value: "N", min: 0, default: 50_000, description: "training instances" },
    { name: "val", type: "int", value: "N", min: 0, default: 2_000, description: "validation instances" },
    { name: "test", type: "int", value: "N", min: 0, default: 1_000, description: "test instances per generator" },
    { name: "seed", type: "int", value: "N", default: 42, description: "base seed of every stream" },
    { name: "swap-seed", type: "int", value: "S", description: "seed of the swap derangements (default: --seed)" },
    { name: "out", short: "o", type: "string", value: "dir", description: "output folder (default data/<rows>x<cols>)" },
    { name: "progress", type: "boolean", description: "draw the progress bar even when stderr is not a terminal" },
  ],
  examples: [
    "reasonless dataset --rows 10 --cols 10 --train 200000 --val 2000 --test 1000 --out data/10x10",
    "reasonless dataset -r 5 -c 5 --train 100 --val 10 --test 10 --out /tmp/tiny",
  ],
};

export const command: Command = {
  async run(argv) {
    const { flags, help } = parseArgs(SPEC, argv);
    if (help) {
      process.stdout.write(helpText(SPEC));
      return 0;
    }
    const rows = flags.rows as number,
      cols = flags.cols as number;
    const seed = flags.seed as number;
    const swapSeed = (flags["swap-seed"] as number | undefined) ?? seed;
    for (const name of ["train", "val"]) {
      if (flags[name] === 1) throw new UsageError(`--${name} 1 has no derangement for the swapped condition; use 0 or at least 2`);
    }
    const out = (flags.out as string | undefined) ?? `data/${rows}x${cols}`;
    const engine = await loadEngine();
    const generators = engine.generators();
    const test = flags.test as number,
      train = flags.train as number,
      val = flags.val as number;
    const t0 = performance.now();
    const progress = progressBar({
      total: train + val + test * generators.length,
      label: "dataset",
      enabled: flags.progress ? true : undefined,
    });
    let data: ReturnType<typeof buildDataset>;
    try {
      data = buildDataset(engine, { rows, cols, train, val, test, seed, swapSeed, onProgress: (n) => progress.update(n) });
    } finally {
      progress.finish();
    }
    const built = performance.now();
    writeDataset(out, data, {
      seed,
      swapSeed,
      generators,
      engine: engineBuild(packageRoot()),
      command: `reasonless dataset ${argv.join(" ")}`,
    });
    const secs = (ms: number) => (ms / 1000).toFixed(1);
    for (const s of data.splits) {
      const drops = s.dropped.seen_in_earlier_split + s.dropped.within_split;
      process.stderr.write(
        `${s.name.padEnd(22)} ${String(s.count).padStart(7)} instances ${String(s.tokens.length).padStart(10)} tokens` +
          (drops ? `, dropped ${s.dropped.seen_in_earlier_split} seen earlier + ${s.dropped.within_split} repeated` : "") +
          (s.kept_duplicates ? `, ${s.kept_duplicates} duplicates kept (tests keep their stream)` : "") +
          "\n",
      );
    }
    process.stderr.write(`wrote ${out} (built in ${secs(built - t0)} s, written in ${secs(performance.now() - built)} s)\n`);
    return 0;
  },
};
