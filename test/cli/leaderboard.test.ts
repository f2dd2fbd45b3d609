// `reasonless submit`, `benchmark`, `account` and `leaderboard` as real processes against a local
// stub of the API (node:http): what they send, what they print, and one readable line with a
// non-zero exit code on bad input (2) or a server/network failure (1).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "reasonless-lb-cli-"));
const LINES = [
  { id: "wilson-0000", generator: "wilson", prompt: "query start 0 0 goal 1 1" },
  { id: "wilson-0001", generator: "wilson", prompt: "query start 1 1 goal 0 0" },
  { id: "dfs-0000", generator: "dfs", prompt: "query start 0 1 goal 1 0" },
].map((l) => JSON.stringify(l) + "\n");
const SHA = createHash("sha256").update(LINES.join("")).digest("hex");
const received: Array<{ headers: IncomingMessage["headers"]; body: any }> = [];
let server: Server;
let url: string;

const group = { instances: 3, scored: 2, missing: 1, plan_validity: 2 / 3, trace_validity: 1 / 3, optimal_rate: 2 / 3 };
const receipt = {
  id: "sub_0123456789abcdef0123",
  url: "/v1/submissions/sub_0123456789abcdef0123",
  benchmark: { id: "tiny-v1", sha256: SHA },
  engine: { build: "e".repeat(64), version: "0.1.0" },
  counts: { instances: 3, predictions: 2, missing: 1 },
  scores: { overall: group, by_generator: { wilson: { ...group, instances: 2 }, dfs: { ...group, instances: 1 } } },
};

// GET /v1/leaderboard rows: a baseline account's A* ceiling, then a model.
const lbQueries: URLSearchParams[] = [];
const lbRow = (rank: number, name: string, extra: Record<string, unknown> = {}) => ({
  rank,
  submission_id: `sub_${rank}`,
  model: { name, parameters: 900000, condition: "swapped" },
  submitter: "My Lab",
  baseline: false,
  created_at: "2026-12-01T10:00:00.000Z",
  plan_validity: 0.5,
  trace_validity: 0.25,
  optimal_rate: 0.125,
  instances: 3,
  missing: 1,
  table: [1, 2, 3, 4],
  benchmark_sha256: SHA,
  ...extra,
});
const LB_ROWS = [
  lbRow(1, "A* (ceiling)", { baseline: true, submitter: "reasonless baselines", optimal_rate: 1, model: { name: "A* (ceiling)", condition: "other" } }),
  lbRow(2, "my-gpt"),
];

function error(res: import("node:http").ServerResponse, status: number, code: string, message: string, field?: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: field ? { code, message, field } : { code, message } }));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url!, "http://x");
    const manifest = (sha: string) => ({
      id: u.pathname.split("/")[3],
      count: 3,
      counts: { wilson: 2, dfs: 1 },
      sha256: sha,
      rows: 2,
      cols: 2,
      description: "",
    });
    if (req.method === "GET" && u.pathname === "/v1/benchmarks") {
      return res.end(JSON.stringify({ benchmarks: [{ ...manifest(SHA), id: "tiny-v1" }] }));
    }
    if (req.method === "GET" && (u.pathname === "/v1/benchmarks/tiny-v1" || u.pathname === "/v1/benchmarks/bad-v1")) {
      return res.end(JSON.stringify(manifest(u.pathname.endsWith("bad-v1") ? "0".repeat(64) : SHA)));
    }
    if (req.method === "GET" && /^\/v1\/benchmarks\/(tiny|bad)-v1\/instances$/.test(u.pathname)) {
      const gen = u.searchParams.get("generator");
      const lines = LINES.filter((l) => !gen || JSON.parse(l).generator === gen);
      const offset = Number(u.searchParams.get("offset")),
        limit = Number(u.searchParams.get("limit"));
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      return res.end(lines.slice(offset, offset + limit).join(""));
    }
    if (req.method === "GET" && u.pathname.startsWith("/v1/benchmarks/")) return error(res, 404, "not_found", 'unknown benchmark "nope"; available: tiny-v1');
    if (req.method === "POST" && u.pathname === "/v1/accounts") {
      res.writeHead(201, { "content-type": "application/json" });
      return res.end(
        JSON.stringify({
          account: { id: "acc_1", name: JSON.parse(Buffer.concat(chunks).toString()).name },
          api_key: `rl_${"a".repeat(12)}_${"b".repeat(43)}`,
        }),
      );
    }
    if (req.method === "POST" && u.pathname === "/v1/submissions") {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString());
      received.push({ headers: req.headers, body });
      if (body.model.name === "looping" && req.headers["content-encoding"] === "gzip") {
        return error(res, 413, "compression_ratio_exceeded", "the gzip body inflates to more than 100 times its size on the wire");
      }
      if (req.headers.authorization === "Bearer revoked") return error(res, 401, "key_revoked", "this API key was revoked");
      if (body.predictions.some((p: { id: string }) => p.id === "nope-0000")) {
        return error(res, 422, "invalid_value", '1 unknown id (not in tiny-v1): "nope-0000"', "predictions[1].id");
      }
      res.writeHead(201, { "content-type": "application/json", "ratelimit-remaining": "19" });
      return res.end(JSON.stringify(receipt));
    }
    const lb = /^\/v1\/leaderboard\/(tiny|empty)-v1$/.exec(u.pathname);
    if (req.method === "GET" && lb) {
      const q = u.searchParams;
      lbQueries.push(q);
      if (!["plan_validity", "trace_validity", "optimal_rate"].includes(q.get("sort")!)) {
        return error(res, 400, "invalid_value", `sort must be one of plan_validity, trace_validity, optimal_rate, got "${q.get("sort")}"`, "sort");
      }
      const rows = lb[1] === "tiny" ? LB_ROWS : [];
      return res.end(
        JSON.stringify({
          benchmark: { id: `${lb[1]}-v1`, sha256: SHA },
          generator: q.get("generator"),
          sort: q.get("sort"),
          total: rows.length,
          offset: Number(q.get("offset")),
          limit: Number(q.get("limit")),
          rows,
        }),
      );
    }
    if (req.method === "GET" && u.pathname.startsWith("/v1/leaderboard/"))
      return error(res, 404, "not_found", 'unknown benchmark "nope-v1"; available: tiny-v1');
    error(res, 404, "not_found", "no such endpoint");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}, stdin = ""): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "bin", "reasonless.js"), ...args], {
      env: { PATH: process.env.PATH, REASONLESS_URL: url, ...env },
    });
    let out = "",
      err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}

function predictions(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
}

/** A port nothing listens on (for the ECONNREFUSED cases). */
async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

/** A failure: the exit code and exactly one line on stderr. */
function oneLine(r: { code: number; err: string }, code: number, pattern: RegExp) {
  expect(r.code).toBe(code);
  expect(r.err.trimEnd().split("\n"), r.err).toHaveLength(1);
  expect(r.err).toMatch(pattern);
}

describe("reasonless submit", () => {
  it("--help lists its flags", async () => {
    const r = await cli(["submit", "--help"]);
    expect(r.code).toBe(0);
    for (const f of ["--benchmark", "--predictions", "--model-name", "--condition", "--key", "--idempotency-key", "--url", "--json"])
      expect(r.out).toContain(f);
  });

  it("a gzip body refused for its compression ratio is sent again uncompressed", async () => {
    const file = predictions("loop.jsonl", [{ id: "wilson-0000", response: "plan 0 0 ".repeat(1000) }]);
    const before = received.length;
    const r = await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "looping", "--idempotency-key", "loop-1"], { REASONLESS_API_KEY: "good" });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const [gzipped, plain] = received.slice(before);
    expect(received.length - before).toBe(2);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["idempotency-key"]).toBe("loop-1");
    expect(plain.body).toEqual(gzipped.body);
    expect(r.out).toContain("submission sub_0123456789abcdef0123");
  });

  it("sends gzip JSON with the key and prints the receipt", async () => {
    const file = predictions("ok.jsonl", [
      { id: "wilson-0000", response: "reasoning solution plan 0 0 end", extra: 1 },
      { id: "dfs-0000", response: [1, 2, 3] },
    ]);
    const r = await cli(
      ["submit", "-b", "tiny-v1", "-p", file, "-m", "my model", "--condition", "swapped", "--parameters", "900000", "--idempotency-key", "run-1"],
      { REASONLESS_API_KEY: "good" },
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const last = received.at(-1)!;
    expect(last.headers["content-encoding"]).toBe("gzip");
    expect(last.headers.authorization).toBe("Bearer good");
    expect(last.headers["idempotency-key"]).toBe("run-1");
    expect(last.body).toEqual({
      benchmark: "tiny-v1",
      model: { name: "my model", condition: "swapped", parameters: 900000 },
      predictions: [
        { id: "wilson-0000", response: "reasoning solution plan 0 0 end" },
        { id: "dfs-0000", response: [1, 2, 3] },
      ],
    });
    expect(r.out).toContain("submission sub_0123456789abcdef0123");
    expect(r.out).toMatch(/overall\s+3\s+1\s+66\.7%\s+33\.3%\s+66\.7%/);
    expect(r.out).toContain("submissions left today: 19");

    const j = await cli(
      ["submit", "-b", "tiny-v1", "-p", "-", "-m", "m", "--key", "good", "--json"],
      {},
      JSON.stringify({ id: "wilson-0001", response: "" }) + "\n",
    );
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toEqual(receipt);
    expect(received.at(-1)!.body.model).toEqual({ name: "m", condition: "other" });
  });

  it("bad input: one line, exit 2", async () => {
    const file = predictions("ok2.jsonl", [{ id: "wilson-0000", response: "" }]);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m"]), 2, /^reasonless submit: no API key: pass --key or set REASONLESS_API_KEY/);
    oneLine(await cli(["submit", "-p", file, "-m", "m", "-k", "good"]), 2, /--benchmark is required/);
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", join(dir, "missing.jsonl"), "-m", "m", "-k", "good"]),
      2,
      /cannot read --predictions .*missing\.jsonl: ENOENT/,
    );
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", predictions("bad.jsonl", [{ id: "wilson-0000", response: "" }, "{oops"]), "-m", "m", "-k", "good"]),
      2,
      /bad\.jsonl:2: not a JSON line/,
    );
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", predictions("noid.jsonl", [{ response: "" }]), "-m", "m", "-k", "good"]),
      2,
      /noid\.jsonl:1: "id" must be a string/,
    );
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", predictions("empty.jsonl", []), "-m", "m", "-k", "good"]), 2, /holds no predictions/);
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--condition", "cot"]),
      2,
      /--condition must be one of correct, no-trace, swapped, other/,
    );
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--url", "ftp://x"]), 2, /--url must be an http\(s\) URL/);
  });

  it("server and network errors: one line, exit 1", async () => {
    const file = predictions("unknown.jsonl", [
      { id: "wilson-0000", response: "" },
      { id: "nope-0000", response: "" },
    ]);
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good"]),
      1,
      /^reasonless submit: HTTP 422 from POST \/v1\/submissions: invalid_value at predictions\[1\]\.id: 1 unknown id/,
    );
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "revoked"]), 1, /HTTP 401 .*key_revoked/);
    const port = await closedPort();
    oneLine(
      await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--url", `http://127.0.0.1:${port}`]),
      1,
      /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
  });
});

describe("reasonless benchmark", () => {
  it("fetch writes the JSONL and verifies the hash; list prints the suites", async () => {
    const out = join(dir, "tiny.jsonl");
    const r = await cli(["benchmark", "fetch", "tiny-v1", "-o", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(LINES.join(""));
    expect(r.err).toContain(`sha256 ${SHA} verified`);
    const stdout = await cli(["benchmark", "fetch", "tiny-v1", "--generator", "dfs"]);
    expect(stdout.out).toBe(LINES[2]);
    const list = await cli(["benchmark", "list"]);
    expect(list.out).toMatch(/^tiny-v1\s+3 instances\s+2x2\s+sha256 [0-9a-f]{64}\n$/);
    expect((await cli(["benchmark", "--help"])).out).toContain("fetch <id>");
  });

  it("a hash mismatch, an unknown benchmark, bad arguments: one line, non-zero", async () => {
    oneLine(await cli(["benchmark", "fetch", "bad-v1", "-o", join(dir, "bad.jsonl")]), 1, /the instances hash to [0-9a-f]{64}, the manifest says 0{64}/);
    oneLine(await cli(["benchmark", "fetch", "nope"]), 1, /HTTP 404 from GET \/v1\/benchmarks\/nope: not_found: unknown benchmark/);
    oneLine(await cli(["benchmark", "fetch"]), 2, /needs a benchmark id/);
    oneLine(await cli(["benchmark", "download", "tiny-v1"]), 2, /expected "list" or "fetch <id>", got "download"/);
    oneLine(await cli(["benchmark", "fetch", "tiny-v1", "--generator", "prim"]), 2, /--generator must be one of wilson, dfs/);
  });
});

describe("reasonless account", () => {
  it("create prints the key on stdout and the note on stderr", async () => {
    const r = await cli(["account", "create", "--name", "My Lab"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`rl_${"a".repeat(12)}_${"b".repeat(43)}\n`);
    expect(r.err).toContain("acc_1 (My Lab)");
    oneLine(await cli(["account", "create"]), 2, /--name is required/);
  });
});

describe("reasonless leaderboard", () => {
  it("prints the ranked rows as a table, baseline accounts marked", async () => {
    const r = await cli(["leaderboard", "tiny-v1"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(Object.fromEntries(lbQueries.at(-1)!)).toEqual({ sort: "plan_validity", offset: "0", limit: "20" });
    const lines = r.out.split("\n");
    expect(lines[0]).toBe(`tiny-v1 (sha256 ${SHA.slice(0, 16)}...), overall, by plan_validity: rows 1-2 of 2`);
    expect(lines[2]).toMatch(/^rank\s+model\s+condition\s+params\s+submitter\s+plan valid\s+trace valid\s+optimal\s+missing\s+submitted$/);
    expect(lines[3]).toMatch(/^\s+1\s+A\* \(ceiling\)\s+other\s+-\s+reasonless baselines \*\s+50\.0%\s+25\.0%\s+100\.0%\s+1\s+2026-12-01$/);
    expect(lines[4]).toMatch(/^\s+2\s+my-gpt\s+swapped\s+900k\s+My Lab\s+50\.0%\s+25\.0%\s+12\.5%\s+1\s+2026-12-01$/);
    expect(r.out).toContain("* the project's baseline account");
  });

  it("sends --sort, --generator, --limit and --offset; --json prints the server's answer", async () => {
    const r = await cli(["leaderboard", "tiny-v1", "-s", "trace_validity", "-g", "dfs", "-n", "5", "--offset", "10", "--json"]);
    expect(r.code).toBe(0);
    expect(Object.fromEntries(lbQueries.at(-1)!)).toEqual({ sort: "trace_validity", generator: "dfs", offset: "10", limit: "5" });
    const answer = JSON.parse(r.out);
    expect(answer.sort).toBe("trace_validity");
    expect(answer.rows).toEqual(LB_ROWS);
  });

  it("says so when a benchmark has no submissions", async () => {
    const r = await cli(["leaderboard", "empty-v1"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`empty-v1 (sha256 ${SHA.slice(0, 16)}...), overall, by plan_validity: no submissions yet\n`);
  });

  it("server and network errors: one line, exit 1", async () => {
    oneLine(
      await cli(["leaderboard", "nope-v1"]),
      1,
      /^reasonless leaderboard: HTTP 404 from GET \/v1\/leaderboard\/nope-v1: not_found: unknown benchmark "nope-v1"/,
    );
    oneLine(
      await cli(["leaderboard", "tiny-v1", "--sort", "speed"]),
      1,
      /HTTP 400 .*invalid_value at sort: sort must be one of plan_validity, trace_validity, optimal_rate, got "speed"/,
    );
    oneLine(
      await cli(["leaderboard", "tiny-v1", "--url", `http://127.0.0.1:${await closedPort()}`]),
      1,
      /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
  });

  it("bad input: one line, exit 2", async () => {
    oneLine(await cli(["leaderboard"]), 2, /which benchmark\? e\.g\. reasonless leaderboard maze10-v1/);
    oneLine(await cli(["leaderboard", "tiny-v1", "empty-v1"]), 2, /unexpected argument "empty-v1"/);
    oneLine(await cli(["leaderboard", "tiny-v1", "--limit", "0"]), 2, /--limit must be at least 1, got 0/);
    oneLine(await cli(["leaderboard", "tiny-v1", "--offset", "x"]), 2, /--offset must be an integer, got "x"/);
    oneLine(await cli(["leaderboard", "tiny-v1", "--url", "ftp://x"]), 2, /--url must be an http\(s\) URL/);
  });
});
