// Each command's one-line summary: `reasonless --help` lists them and each command's own --help
// heads its text with the same line. Kept apart from main.ts so a command module can read its
// line without importing the table that loads every command.
export const SUMMARIES = {
  generate: "write maze datasets as JSONL, byte-identical to the paper's generator",
  validate: "check traces and plans with the paper's formal validator",
  dataset: "build a training dataset folder: train/val/test splits, swap derangements, manifest",
  eval: "evaluate an ONNX model on the test streams with the formal validator",
  benchmark: "list the leaderboard's benchmarks, or download one's instances as JSONL",
  solve: "write A* predictions for a benchmark's instances as JSONL for `reasonless submit`, solved locally (no rate limit)",
  submit: "submit a model's predictions on a benchmark to the leaderboard",
  account: "create a leaderboard account and print its API key",
  leaderboard: "show a benchmark's leaderboard: submissions ranked by a score",
} as const;

export type CommandName = keyof typeof SUMMARIES;
