// `reasonless <command> [options]`: the command table and the one place that turns errors into
// exit codes (usage errors and bad engine input: one line, exit 2; anything else: exit 1).
import { UsageError } from "./args";
import type { Command } from "./command";
import { EngineInputError } from "../core/mazes";
import { type CommandName, SUMMARIES } from "./summaries";

// Each command's module, loaded lazily so `reasonless --help` starts without the engine.
const LOADERS: Record<CommandName, () => Promise<{ command: Command }>> = {
  generate: () => import("./generate"),
  validate: () => import("./validate"),
  dataset: () => import("./dataset"),
  eval: () => import("./eval"),
  benchmark: () => import("./benchmark"),
  solve: () => import("./solve"),
  submit: () => import("./submit"),
  account: () => import("./account"),
  leaderboard: () => import("./leaderboard"),
};

function topHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((n) => n.length)) + 2;
  const list = Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}${summary}`);
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
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name as CommandName] : undefined;
  if (!load) {
    process.stderr.write(`reasonless: unknown command "${name}" (commands: ${Object.keys(LOADERS).join(", ")}; see reasonless --help)\n`);
    return 2;
  }
  try {
    const { command } = await load();
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
