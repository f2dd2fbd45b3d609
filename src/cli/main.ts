// `reasonless <command> [options]`: the command table and the one place that turns errors into
// exit codes (usage errors and bad engine input: one line, exit 2; anything else: exit 1).
import { UsageError } from "./args";
import type { Command } from "./command";
import { EngineInputError } from "../core/mazes";

// One line per command: name, summary for `reasonless --help`, and its module (loaded lazily).
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  generate: { summary: "write maze datasets as JSONL, byte-identical to the paper's generator", load: () => import("./generate") },
  validate: { summary: "check traces and plans with the paper's formal validator", load: () => import("./validate") },
  dataset: { summary: "build a training dataset folder: train/val/test splits, swap derangements, manifest", load: () => import("./dataset") },
  eval: { summary: "evaluate an ONNX model on the test streams with the formal validator", load: () => import("./eval") },
  benchmark: { summary: "list the leaderboard's benchmarks, or download one's instances as JSONL", load: () => import("./benchmark") },
  solve: { summary: "write A* predictions for a benchmark's instances, solved locally (no rate limit)", load: () => import("./solve") },
  submit: { summary: "submit a model's predictions on a benchmark to the leaderboard", load: () => import("./submit") },
  account: { summary: "create a leaderboard account and print its API key", load: () => import("./account") },
  leaderboard: { summary: "show a benchmark's leaderboard: submissions ranked by a score", load: () => import("./leaderboard") },
};

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return [
    "Usage: reasonless <command> [options]",
    "",
    "Mazes, A* traces and the paper's validator (Beyond Semantics, arXiv 2505.13775).",
    "",
    "Commands:",
    ...list,
    "",
    "Run `reasonless <command> --help` for a command's options.",
    "",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(topHelp());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(topHelp());
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`reasonless: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")}; see reasonless --help)\n`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    return (await command.run(rest)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof EngineInputError) {
      process.stderr.write(`reasonless ${name}: ${err.message} (see reasonless ${name} --help)\n`);
      return 2;
    }
    process.stderr.write(`reasonless ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
