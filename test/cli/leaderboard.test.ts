// `reasonless submit`, `benchmark` and `account` as real processes against a local stub of the
// API (node:http): what they send, what they print, and one readable line with a non-zero exit
// code on bad input (2) or a server/network failure (1).
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
  id: "sub_0123456789abcdef0123", url: "/v1/submissions/sub_0123456789abcdef0123",
  benchmark: { id: "tiny-v1", sha256: SHA }, engine: { build: "e".repeat(64), version: "0.1.0" },
  counts: { instances: 3, predictions: 2, missing: 1 },
  scores: { overall: group, by_generator: { wilson: { ...group, instances: 2 }, dfs: { ...group, instances: 1 } } },
};

function error(res: import("node:http").ServerResponse, status: number, code: string, message: string, field?: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: field ? { code, message, field } : { code, message } }));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url!, "http://x");
    const manifest = (sha: string) => ({ id: u.pathname.split("/")[3], count: 3, counts: { wilson: 2, dfs: 1 }, sha256: sha, rows: 2, cols: 2, description: "" });
    if (req.method === "GET" && u.pathname === "/v1/benchmarks") {
      return res.end(JSON.stringify({ benchmarks: [{ ...manifest(SHA), id: "tiny-v1" }] }));
    }
    if (req.method === "GET" && (u.pathname === "/v1/benchmarks/tiny-v1" || u.pathname === "/v1/benchmarks/bad-v1")) {
      return res.end(JSON.stringify(manifest(u.pathname.endsWith("bad-v1") ? "0".repeat(64) : SHA)));
    }
    if (req.method === "GET" && /^\/v1\/benchmarks\/(tiny|bad)-v1\/instances$/.test(u.pathname)) {
      const gen = u.searchParams.get("generator");
      const lines = LINES.filter((l) => !gen || JSON.parse(l).generator === gen);
      const offset = Number(u.searchParams.get("offset")), limit = Number(u.searchParams.get("limit"));
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      return res.end(lines.slice(offset, offset + limit).join(""));
    }
    if (req.method === "GET" && u.pathname.startsWith("/v1/benchmarks/")) return error(res, 404, "not_found", "unknown benchmark \"nope\"; available: tiny-v1");
    if (req.method === "POST" && u.pathname === "/v1/accounts") {
      res.writeHead(201, { "content-type": "application/json" });
      return res.end(JSON.stringify({ account: { id: "acc_1", name: JSON.parse(Buffer.concat(chunks).toString()).name }, api_key: `rl_${"a".repeat(12)}_${"b".repeat(43)}` }));
    }
    if (req.method === "POST" && u.pathname === "/v1/submissions") {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString());
      received.push({ headers: req.headers, body });
      if (req.headers.authorization === "Bearer revoked") return error(res, 401, "key_revoked", "this API key was revoked");
      if (body.predictions.some((p: { id: string }) => p.id === "nope-0000")) {
        return error(res, 422, "invalid_value", "1 unknown id (not in tiny-v1): \"nope-0000\"", "predictions[1].id");
      }
      res.writeHead(201, { "content-type": "application/json", "ratelimit-remaining": "19" });
      return res.end(JSON.stringify(receipt));
    }
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
    let out = "", err = "";
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
    for (const f of ["--benchmark", "--predictions", "--model-name", "--condition", "--key", "--idempotency-key", "--url", "--json"]) expect(r.out).toContain(f);
  });

  it("sends gzip JSON with the key and prints the receipt", async () => {
    const file = predictions("ok.jsonl", [{ id: "wilson-0000", response: "reasoning solution plan 0 0 end", extra: 1 }, { id: "dfs-0000", response: [1, 2, 3] }]);
    const r = await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "my model", "--condition", "swapped", "--parameters", "900000", "--idempotency-key", "run-1"], { REASONLESS_API_KEY: "good" });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const last = received.at(-1)!;
    expect(last.headers["content-encoding"]).toBe("gzip");
    expect(last.headers.authorization).toBe("Bearer good");
    expect(last.headers["idempotency-key"]).toBe("run-1");
    expect(last.body).toEqual({
      benchmark: "tiny-v1",
      model: { name: "my model", condition: "swapped", parameters: 900000 },
      predictions: [{ id: "wilson-0000", response: "reasoning solution plan 0 0 end" }, { id: "dfs-0000", response: [1, 2, 3] }],
    });
    expect(r.out).toContain("submission sub_0123456789abcdef0123");
    expect(r.out).toMatch(/overall\s+3\s+1\s+66\.7%\s+33\.3%\s+66\.7%/);
    expect(r.out).toContain("submissions left today: 19");

    const j = await cli(["submit", "-b", "tiny-v1", "-p", "-", "-m", "m", "--key", "good", "--json"], {}, JSON.stringify({ id: "wilson-0001", response: "" }) + "\n");
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toEqual(receipt);
    expect(received.at(-1)!.body.model).toEqual({ name: "m", condition: "other" });
  });

  it("bad input: one line, exit 2", async () => {
    const file = predictions("ok2.jsonl", [{ id: "wilson-0000", response: "" }]);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m"]), 2, /^reasonless submit: no API key: pass --key or set REASONLESS_API_KEY/);
    oneLine(await cli(["submit", "-p", file, "-m", "m", "-k", "good"]), 2, /--benchmark is required/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", join(dir, "missing.jsonl"), "-m", "m", "-k", "good"]), 2, /cannot read --predictions .*missing\.jsonl: ENOENT/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", predictions("bad.jsonl", [{ id: "wilson-0000", response: "" }, "{oops"]), "-m", "m", "-k", "good"]), 2, /bad\.jsonl:2: not a JSON line/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", predictions("noid.jsonl", [{ response: "" }]), "-m", "m", "-k", "good"]), 2, /noid\.jsonl:1: "id" must be a string/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", predictions("empty.jsonl", []), "-m", "m", "-k", "good"]), 2, /holds no predictions/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--condition", "cot"]), 2, /--condition must be one of correct, no-trace, swapped, other/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--url", "ftp://x"]), 2, /--url must be an http\(s\) URL/);
  });

  it("server and network errors: one line, exit 1", async () => {
    const file = predictions("unknown.jsonl", [{ id: "wilson-0000", response: "" }, { id: "nope-0000", response: "" }]);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good"]), 1,
      /^reasonless submit: HTTP 422 from POST \/v1\/submissions: invalid_value at predictions\[1\]\.id: 1 unknown id/);
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "revoked"]), 1, /HTTP 401 .*key_revoked/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    oneLine(await cli(["submit", "-b", "tiny-v1", "-p", file, "-m", "m", "-k", "good", "--url", `http://127.0.0.1:${port}`]), 1, /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
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
