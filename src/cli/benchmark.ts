// `reasonless benchmark list` and `reasonless benchmark fetch <id>`: the leaderboard's suites.
// fetch downloads the instances as JSONL (the API's canonical NDJSON lines, page by page) and,
// for a whole suite, checks them against the manifest's sha256 before reporting success.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { type CommandSpec, UsageError, helpText, parseArgs, progressBar } from "./args";
import { type ClientIo, ClientError, baseUrl, getJson, request, write } from "./client";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

export const SPEC: CommandSpec = {
  name: "benchmark",
  summary: SUMMARIES.benchmark,
  description: [
    "benchmark list             the suites with their instance counts and content hashes",
    "benchmark fetch <id>       the suite's instances as JSONL ({id, generator, index, rows, cols, start,",
    "                           goal, walls, prompt} per line), checked against the manifest's sha256",
    "The server comes from --url or REASONLESS_URL. Exit 0 on success, 1 on a server, network or hash",
    "error, 2 on bad input.",
  ].join("\n"),
  positionals: "list | fetch <id>",
  flags: [
    { name: "output", short: "o", type: "string", value: "file", description: "write the JSONL here instead of stdout" },
    { name: "generator", short: "g", type: "string", value: "name", description: "only this generator's instances (no hash check)" },
    { name: "url", type: "string", value: "url", description: "API base URL (default: $REASONLESS_URL or http://127.0.0.1:8787)" },
    { name: "progress", type: "boolean", description: "draw the progress bar even when stderr is not a terminal" },
  ],
  examples: ["reasonless benchmark list", "reasonless benchmark fetch maze10-v1 -o maze10-v1.jsonl"],
};

interface Manifest {
  id: string;
  count: number;
  counts: Record<string, number>;
  sha256: string;
  rows: number;
  cols: number;
  description: string;
}
const PAGE = 1000;

export async function runBenchmark(argv: string[], io: ClientIo): Promise<number> {
  const { flags, positionals, help } = parseArgs(SPEC, argv);
  if (help) {
    await write(io.stdout, helpText(SPEC));
    return 0;
  }
  const [action, id, ...extra] = positionals;
  const base = baseUrl(flags.url, io.env);
  if (action === "list" && id === undefined) {
    const { benchmarks } = await getJson<{ benchmarks: Manifest[] }>(io, `${base}/v1/benchmarks`);
    const lines = benchmarks.map((b) => `${b.id.padEnd(12)} ${String(b.count).padStart(5)} instances  ${b.rows}x${b.cols}  sha256 ${b.sha256}`);
    await write(io.stdout, lines.join("\n") + "\n");
    return 0;
  }
  if (action !== "fetch") throw new UsageError(`expected "list" or "fetch <id>", got ${action === undefined ? "nothing" : `"${action}"`}`);
  if (id === undefined) throw new UsageError("benchmark fetch needs a benchmark id, e.g. maze10-v1");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const manifest = await getJson<Manifest>(io, `${base}/v1/benchmarks/${encodeURIComponent(id)}`);
  const generator = flags.generator as string | undefined;
  if (generator !== undefined && !(generator in manifest.counts)) {
    throw new UsageError(`--generator must be one of ${Object.keys(manifest.counts).join(", ")}; got "${generator}"`);
  }
  const total = generator === undefined ? manifest.count : manifest.counts[generator];
  const out: Writable = flags.output ? createWriteStream(flags.output as string) : io.stdout;
  const opened = flags.output
    ? new Promise<void>((resolve, reject) => {
        out.once("open", () => resolve());
        out.once("error", (err: NodeJS.ErrnoException) => reject(new ClientError(`cannot write ${flags.output}: ${err.code ?? err.message}`)));
      })
    : Promise.resolve();
  await opened;
  const hash = createHash("sha256");
  const bar = progressBar({ total, label: id, enabled: flags.progress ? true : undefined, stream: io.stderr as NodeJS.WriteStream });
  let done = 0;
  for (let offset = 0; offset < total; offset += PAGE) {
    const q = new URLSearchParams({ format: "ndjson", offset: String(offset), limit: String(PAGE) });
    if (generator !== undefined) q.set("generator", generator);
    const res = await request(io, `${base}/v1/benchmarks/${encodeURIComponent(id)}/instances?${q}`, { headers: { accept: "application/x-ndjson" } });
    const text = await res.text();
    const lines = text === "" ? 0 : text.split("\n").length - 1;
    if (lines === 0) throw new ClientError(`the server returned no instances at offset ${offset} of ${total}`);
    hash.update(text);
    await write(out, text);
    done += lines;
    bar.update(done);
  }
  bar.finish();
  if (flags.output) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (done !== total) throw new ClientError(`expected ${total} instances, got ${done}`);
  if (generator === undefined) {
    const digest = hash.digest("hex");
    if (digest !== manifest.sha256)
      throw new ClientError(`the instances hash to ${digest}, the manifest says ${manifest.sha256}: the download is not the benchmark`);
  }
  await write(
    io.stderr,
    `${id}: ${done} instances${generator ? ` (${generator})` : `, sha256 ${manifest.sha256} verified`}${flags.output ? ` -> ${flags.output}` : ""}\n`,
  );
  return 0;
}

export const command: Command = {
  run: (argv) => runBenchmark(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
