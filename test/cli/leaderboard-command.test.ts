// `reasonless leaderboard` as a real process against a local stub of GET /v1/leaderboard
// (node:http): the query it sends, the table it prints, and one stderr line with exit 1 (server,
// network) or 2 (bad input).
import { spawn } from "node:child_process";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const SHA = "966a73926689a20a5e55664ac98e9c0fbb7cfb94421a9089c02c6d7c4554d06b";
const queries: URLSearchParams[] = [];
let server: Server;
let url: string;

const row = (rank: number, name: string, extra: Record<string, unknown> = {}) => ({
  rank,
  submission_id: `sub_${rank}`,
  model: { name, parameters: 900000, condition: "swapped" },
  submitter: "My Lab",
  baseline: false,
  created_at: "2026-12-01T10:00:00.000Z",
  plan_validity: 0.5,
  trace_validity: 0.25,
  optimal_rate: 0.125,
  instances: 1000,
  missing: 3,
  table: [1, 2, 3, 4],
  benchmark_sha256: SHA,
  ...extra,
});

function board(q: URLSearchParams, total: number, rows: unknown[]) {
  return { benchmark: { id: "maze10-v1", sha256: SHA }, generator: q.get("generator"), sort: q.get("sort"), total, offset: Number(q.get("offset")), limit: Number(q.get("limit")), rows };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url!, "http://x");
    const q = u.searchParams;
    queries.push(q);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (u.pathname === "/v1/leaderboard/maze10-v1") {
      if (!["plan_validity", "trace_validity", "optimal_rate"].includes(q.get("sort")!)) {
        return send(400, { error: { code: "invalid_value", message: `sort must be one of plan_validity, trace_validity, optimal_rate, got "${q.get("sort")}"`, field: "sort" } });
      }
      return send(200, board(q, 2, [row(1, "A* (ceiling)", { baseline: true, submitter: "reasonless baselines", optimal_rate: 1, model: { name: "A* (ceiling)", condition: "other" } }), row(2, "my-gpt")]));
    }
    if (u.pathname === "/v1/leaderboard/maze30-v1") return send(200, { ...board(q, 0, []), benchmark: { id: "maze30-v1", sha256: SHA } });
    send(404, { error: { code: "not_found", message: 'unknown benchmark "nope-v1"; available: maze10-v1, maze30-v1' } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "bin", "reasonless.js"), "leaderboard", ...args], {
      env: { PATH: process.env.PATH, REASONLESS_URL: url, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** A failure: the exit code and exactly one line on stderr. */
function oneLine(r: { code: number; err: string }, code: number, pattern: RegExp) {
  expect(r.code).toBe(code);
  expect(r.err.trimEnd().split("\n"), r.err).toHaveLength(1);
  expect(r.err).toMatch(pattern);
}

describe("reasonless leaderboard", () => {
  it("prints the ranked rows as a table, baseline accounts marked", async () => {
    const r = await cli(["maze10-v1"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(Object.fromEntries(queries.at(-1)!)).toEqual({ sort: "plan_validity", offset: "0", limit: "20" });
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("maze10-v1 (sha256 966a73926689a20a...), overall, by plan_validity: rows 1-2 of 2");
    expect(lines[2]).toMatch(/^rank\s+model\s+condition\s+params\s+submitter\s+plan valid\s+trace valid\s+optimal\s+missing\s+submitted$/);
    expect(lines[3]).toMatch(/^\s+1\s+A\* \(ceiling\)\s+other\s+-\s+reasonless baselines \*\s+50\.0%\s+25\.0%\s+100\.0%\s+3\s+2026-12-01$/);
    expect(lines[4]).toMatch(/^\s+2\s+my-gpt\s+swapped\s+900k\s+My Lab\s+50\.0%\s+25\.0%\s+12\.5%\s+3\s+2026-12-01$/);
    expect(r.out).toContain("* the project's baseline account");
  });

  it("sends --sort, --generator, --limit and --offset; --json prints the server's answer", async () => {
    const r = await cli(["maze10-v1", "-s", "trace_validity", "-g", "dfs", "-n", "5", "--offset", "10", "--json"]);
    expect(r.code).toBe(0);
    expect(Object.fromEntries(queries.at(-1)!)).toEqual({ sort: "trace_validity", generator: "dfs", offset: "10", limit: "5" });
    const answer = JSON.parse(r.out);
    expect(answer.sort).toBe("trace_validity");
    expect(answer.rows.map((x: { model: { name: string } }) => x.model.name)).toEqual(["A* (ceiling)", "my-gpt"]);
  });

  it("says so when a benchmark has no submissions", async () => {
    const r = await cli(["maze30-v1"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("maze30-v1 (sha256 966a73926689a20a...), overall, by plan_validity: no submissions yet\n");
  });

  it("server and network errors: one line, exit 1", async () => {
    oneLine(await cli(["nope-v1"]), 1, /^reasonless leaderboard: HTTP 404 from GET \/v1\/leaderboard\/nope-v1: not_found: unknown benchmark "nope-v1"/);
    oneLine(await cli(["maze10-v1", "--sort", "speed"]), 1, /HTTP 400 .*invalid_value at sort: sort must be one of plan_validity, trace_validity, optimal_rate, got "speed"/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    oneLine(await cli(["maze10-v1"], { REASONLESS_URL: `http://127.0.0.1:${port}` }), 1, /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it("bad input: one line, exit 2", async () => {
    oneLine(await cli([]), 2, /which benchmark\? e\.g\. reasonless leaderboard maze10-v1/);
    oneLine(await cli(["maze10-v1", "maze30-v1"]), 2, /unexpected argument "maze30-v1"/);
    oneLine(await cli(["maze10-v1", "--limit", "0"]), 2, /--limit must be at least 1, got 0/);
    oneLine(await cli(["maze10-v1", "--offset", "x"]), 2, /--offset must be an integer, got "x"/);
    oneLine(await cli(["maze10-v1", "--url", "ftp://x"]), 2, /--url must be an http\(s\) URL/);
  });
});
