// `reasonless account create --name NAME [--contact EMAIL]`: a leaderboard account; prints the API
// key (shown once by the server) for REASONLESS_API_KEY.
import { type CommandSpec, UsageError, helpText, parseArgs } from "./args";
import { type ClientIo, baseUrl, request, write } from "./client";
import type { Command } from "./command";
import { SUMMARIES } from "./summaries";

export const SPEC: CommandSpec = {
  name: "account",
  summary: SUMMARIES.account,
  description: [
    "account create --name NAME [--contact EMAIL]: creates an account (POST /v1/accounts) and prints its",
    "API key, which the server shows only once; keep it in REASONLESS_API_KEY for `reasonless submit`.",
  ].join("\n"),
  positionals: "create",
  flags: [
    { name: "name", short: "n", type: "string", value: "name", description: "shown on the leaderboard" },
    { name: "contact", type: "string", value: "email", description: "never published" },
    { name: "url", type: "string", value: "url", description: "API base URL (default: $REASONLESS_URL or http://127.0.0.1:8787)" },
    { name: "json", type: "boolean", description: "print the server's answer as JSON" },
  ],
  examples: ["reasonless account create --name 'My Lab' --contact me@example.org"],
};

export async function runAccount(argv: string[], io: ClientIo): Promise<number> {
  const { flags, positionals, help } = parseArgs(SPEC, argv);
  if (help) {
    await write(io.stdout, helpText(SPEC));
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== "create") throw new UsageError(`expected "create", got "${positionals.join(" ")}"`);
  if (flags.name === undefined) throw new UsageError("--name is required");
  const base = baseUrl(flags.url, io.env);
  const body: Record<string, unknown> = { name: flags.name };
  if (flags.contact !== undefined) body.contact = flags.contact;
  const res = await request(io, `${base}/v1/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  const answer = JSON.parse(text) as { account: { id: string; name: string }; api_key: string };
  if (flags.json) await write(io.stdout, text + "\n");
  else {
    await write(io.stdout, `${answer.api_key}\n`);
    await write(io.stderr, `account ${answer.account.id} (${answer.account.name}): the key above is shown only once; export REASONLESS_API_KEY=<key>\n`);
  }
  return 0;
}

export const command: Command = {
  run: (argv) => runAccount(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
