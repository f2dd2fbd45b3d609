// `reasonless leaderboard <benchmark>`: the ranked submissions of GET /v1/leaderboard/{benchmark}
// as a table (or the API's JSON). The server checks --sort and the page bounds; its error comes
// back as one line.
import { type CommandSpec, UsageError, helpText, parseArgs } from "./args";
import { type ClientIo, baseUrl, getJson, pct, write } from "./client";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

export const SPEC: CommandSpec = {
  name: "leaderboard",
  summary: SUMMARIES.leaderboard,
  description: [
    "leaderboard <benchmark>: the submissions to a benchmark (GET /v1/leaderboard/{benchmark}), ranked by",
    "--sort (plan_validity, trace_validity or optimal_rate), overall or on one --generator's instances;",
    "ties go to the earlier submission. Baseline accounts are marked *. The server comes from --url or",
    "REASONLESS_URL. Exit 0 on success, 1 on a server or network error, 2 on bad input.",
  ].join("\n"),
  positionals: "<benchmark>",
  flags: [
    { name: "sort", short: "s", type: "string", value: "score", default: "plan_validity", description: "plan_validity, trace_validity or optimal_rate" },
    { name: "generator", short: "g", type: "string", value: "name", description: "rank on this generator's instances only" },
    { name: "limit", short: "n", type: "int", value: "N", min: 1, default: 20, description: "rows to show" },
    { name: "offset", type: "int", value: "N", min: 0, default: 0, description: "rows to skip" },
    { name: "url", type: "string", value: "url", description: "API base URL (default: $REASONLESS_URL or http://127.0.0.1:8787)" },
    { name: "json", type: "boolean", description: "print the server's answer as JSON" },
  ],
  examples: ["reasonless leaderboard maze10-v1", "reasonless leaderboard maze30-v1 --sort trace_validity -g searchformer -n 5"],
};

interface Row {
  rank: number;
  model: { name: string; parameters?: number; condition: string };
  submitter: string;
  baseline: boolean;
  created_at: string;
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
  missing: number;
}
interface Board {
  benchmark: { id: string; sha256: string };
  generator: string | null;
  sort: string;
  total: number;
  offset: number;
  rows: Row[];
}

/** 900000 -> "900k", 2900000 -> "2.9M"; no count -> "-". */
function params(n: number | undefined): string {
  if (n === undefined || n === null) return "-";
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(0)}k` : String(n);
}

export function boardText(b: Board): string {
  const head = `${b.benchmark.id} (sha256 ${b.benchmark.sha256.slice(0, 16)}...), ${b.generator ?? "overall"}, by ${b.sort}`;
  if (b.rows.length === 0) return `${head}: ${b.total === 0 ? "no submissions yet" : `no rows at offset ${b.offset} of ${b.total}`}\n`;
  const rows = [["rank", "model", "condition", "params", "submitter", "plan valid", "trace valid", "optimal", "missing", "submitted"]];
  for (const r of b.rows) {
    rows.push([
      String(r.rank),
      r.model.name,
      r.model.condition,
      params(r.model.parameters),
      r.submitter + (r.baseline ? " *" : ""),
      pct(r.plan_validity),
      pct(r.trace_validity),
      pct(r.optimal_rate),
      String(r.missing),
      r.created_at.slice(0, 10),
    ]);
  }
  const numeric = new Set([0, 3, 5, 6, 7, 8]);
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  const table = rows.map((row) =>
    row
      .map((c, j) => (numeric.has(j) ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd(),
  );
  const shown = `rows ${b.offset + 1}-${b.offset + b.rows.length} of ${b.total}`;
  const notes = [shown, ...(b.rows.some((r) => r.baseline) ? ["* the project's baseline account"] : [])];
  return [`${head}: ${notes[0]}`, "", ...table, ...(notes.length > 1 ? ["", notes[1]] : []), ""].join("\n");
}

export async function runLeaderboard(argv: string[], io: ClientIo): Promise<number> {
  const { flags, positionals, help } = parseArgs(SPEC, argv);
  if (help) {
    await write(io.stdout, helpText(SPEC));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("which benchmark? e.g. reasonless leaderboard maze10-v1 (reasonless benchmark list shows them)");
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const base = baseUrl(flags.url, io.env);
  const q = new URLSearchParams({ sort: flags.sort as string, offset: String(flags.offset), limit: String(flags.limit) });
  if (flags.generator !== undefined) q.set("generator", flags.generator as string);
  const board = await getJson<Board>(io, `${base}/v1/leaderboard/${encodeURIComponent(positionals[0])}?${q}`);
  await write(io.stdout, flags.json ? `${JSON.stringify(board)}\n` : boardText(board));
  return 0;
}

export const command: Command = {
  run: (argv) => runLeaderboard(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
