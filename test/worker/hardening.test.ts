// Issue 15's findings that a request can show: malformed percent-encoding anywhere in the URL
// (a 500 before), the bound on the work one GET /v1/mazes may cause, and how a gzip body is
// refused (early, by its compression ratio, and read to its end so the answer is not overtaken
// by a TCP reset). The bomb's memory and latency figures need a real server:
// scripts/harness-*.js.
import { describe, expect, it } from "vitest";
import { readJsonBytes } from "../../src/http/body";
import { getEngine } from "../../src/http/engine";
import { ApiError } from "../../src/http/errors";
import { LIMITS } from "../../src/http/limits";
import { maxIndexFor } from "../../src/http/streams";
import { expectError, get, post } from "./helpers";
import { createAccount, gzip, rowCount, solved, submission, submitRaw } from "./leaderboard-helpers";

describe("malformed percent-encoding is a 400 naming the part of the URL", () => {
  it.each([
    ["/v1/submissions/%ZZ", "/v1/submissions/{id}"],
    ["/v1/benchmarks/%E0%A4%A", "/v1/benchmarks/{id}"],
    ["/v1/benchmarks/%E0%A4%A/instances", "/v1/benchmarks/{id}/instances"],
    ["/v1/leaderboard/%ZZ", "/v1/leaderboard/{benchmark}"],
    ["/v1/leaderboard/%C0%80", "/v1/leaderboard/{benchmark}"], // overlong UTF-8
  ])("%s", async (url, template) => {
    const e = await expectError(await get(url), 400, "invalid_encoding", template, "GET");
    expect(e.field).toBe("path");
  });

  it("in a query value: the parameter is named", async () => {
    const e = await expectError(await get("/v1/mazes?generator=%E0%A4"), 400, "invalid_encoding", "/v1/mazes", "GET");
    expect(e.field).toBe("generator");
  });

  it("in a query name", async () => {
    const e = await expectError(await get("/v1/mazes?generator=wilson&%ZZ=1"), 400, "invalid_encoding", "/v1/mazes", "GET");
    expect(e.field).toBe("query");
  });

  it("well-formed encoding still works", async () => {
    expect((await get("/v1/mazes?generator=%77ilson&rows=4&cols=4")).status).toBe(200);
    await expectError(await get("/v1/benchmarks/%E2%82%AC"), 404, "not_found", "/v1/benchmarks/{id}", "GET");
  });
});

describe("the work one GET /v1/mazes can cause is bounded by cells generated", () => {
  it("the bound follows the grid: small grids keep every index, 30x30 stops at 2329, 64x64 at 511", () => {
    expect(maxIndexFor(22, 22)).toBe(LIMITS.maxIndex);
    expect(maxIndexFor(30, 30)).toBe(2329);
    expect(maxIndexFor(64, 64)).toBe(511);
    expect((maxIndexFor(45, 45) + 1) * 45 * 45).toBeLessThanOrEqual(LIMITS.maxStreamCells);
  });

  it("the issue's 2-second request is refused before any generation, naming index", async () => {
    const res = await get("/v1/mazes?generator=searchformer&rows=64&cols=64&split=test&seed=101&index=4095");
    const e = await expectError(res, 422, "invalid_value", "/v1/mazes", "GET");
    expect(e.field).toBe("index");
    expect(e.message).toContain("511");
  });

  it("the last allowed index of a 64x64 stream is served", async () => {
    const body = await (await get("/v1/mazes?generator=dfs&rows=64&cols=64&index=511")).json<{ index: number }>();
    expect(body.index).toBe(511);
    await expectError(await get("/v1/mazes?generator=dfs&rows=64&cols=64&index=512"), 422, "invalid_value", "/v1/mazes", "GET");
  });
});

/** The simulated limiter counts in fixed windows aligned to the minute, and a new window empties
 *  every bucket: a check that spends a budget and then expects a refusal starts in a new window
 *  when less than 10 s of this one remain, or a refill in between would let the request through. */
async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe("a per-client budget of work, with Retry-After (WORK_LIMITER: 20 units a minute in tests)", () => {
  it("deep reads spend it, a read of an open stream costs nothing, and another client is unaffected", async () => {
    await freshWindow();
    const ip = { "cf-connecting-ip": "198.51.100.15" };
    // 512 x 64 x 64 cells = 8 units each: two pass, the third is refused before generating.
    const deep = (seed: number) => get(`/v1/mazes?generator=dfs&rows=64&cols=64&seed=${seed}&index=511`, ip);
    expect((await deep(1)).status).toBe(200);
    expect((await deep(2)).status).toBe(200);
    const refused = await deep(3);
    const e = await expectError(refused, 429, "rate_limited", "/v1/mazes", "GET");
    expect(e.message).toContain("work budget");
    expect(refused.headers.get("retry-after")).toBe("60");
    // The same instance again comes from the open stream: no work, no charge.
    expect((await deep(2)).status).toBe(200);
    expect((await get("/v1/mazes?generator=dfs&rows=64&cols=64&seed=3&index=511", { "cf-connecting-ip": "198.51.100.16" })).status).toBe(200);
  });

  it("verify is charged by body size", async () => {
    await freshWindow();
    const ip = { "cf-connecting-ip": "198.51.100.17" };
    const maze = await (await get("/v1/mazes?generator=wilson&rows=10&cols=10")).json<{ prompt: string }>();
    // A response padded with spaces to about 1 MiB: 4 units a request.
    const body = { maze: { rows: 10, cols: 10, prompt: maze.prompt }, response: `plan${" ".repeat((1 << 20) - 4096)}` };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post("/v1/verify", body, ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("a prediction is charged the decoding time it used, not its whole time budget", async () => {
    const ip = { "cf-connecting-ip": "198.51.100.18" };
    // A 30 s time budget would be 300 units if charged up front, far over this budget of 20: the
    // one request would be refused. Admission costs one unit; the decoding time charged after it
    // never refuses the request that used it, so this holds however slow the machine is.
    const body = { generator: "wilson", rows: 10, cols: 10, split: "test", condition: "correct", max_new_tokens: 2, time_budget_ms: 30_000 };
    expect((await post("/v1/predict", body, ip)).status).toBe(200);
    // a client that has spent its budget is still refused on admission
    await freshWindow();
    const spender = { "cf-connecting-ip": "198.51.100.19" };
    const maze = await (await get("/v1/mazes?generator=wilson&rows=10&cols=10")).json<{ prompt: string }>();
    const big = { maze: { rows: 10, cols: 10, prompt: maze.prompt }, response: `plan${" ".repeat((1 << 20) - 4096)}` };
    for (let i = 0; i < 5; i++) await post("/v1/verify", big, spender);
    await expectError(await post("/v1/predict", body, spender), 429, "rate_limited", "/v1/predict");
  });
});

/** Random bytes (getRandomValues fills at most 64 KiB a call): they do not compress. */
function noise(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

describe("a gzip body is refused early when it inflates far beyond its size on the wire (a bomb)", () => {
  it("POST /v1/submissions: 413 compression_ratio_exceeded after about a MiB inflated, nothing stored", async () => {
    const { key } = await createAccount("ratio lab");
    // 16 MiB of spaces inside a response: under the 32 MiB limit, but ~1000:1 on the wire.
    const json = JSON.stringify(submission([{ id: "wilson-0000", response: `plan${" ".repeat(16 << 20)}` }]));
    const res = await submitRaw(key, await gzip(json), { "content-encoding": "gzip" });
    const err = await expectError(res, 413, "compression_ratio_exceeded", "/v1/submissions");
    expect(err.message).toContain("send it uncompressed");
    const inflated = Number(/\((\d+) bytes from its first (\d+)\)/.exec(err.message)?.[1]);
    expect(inflated).toBeGreaterThan(LIMITS.gzipRatioFreeBytes);
    expect(inflated).toBeLessThan(LIMITS.gzipRatioFreeBytes + (256 << 10));
    expect(await rowCount("submissions")).toBe(0);
  });

  it("a maximal real submission passes: maze30-v1's 1,000 A* responses as pretty-printed token ids", async () => {
    const { key } = await createAccount("ratio-ok lab");
    const engine = await getEngine();
    const predictions = (await solved("maze30-v1")).map((s) => ({ id: s.id, response: Array.from(engine.tokenize(s.response, 30, 30)) }));
    // Indented, one token id a line: about 20 MB, the most compressible form measured (~14:1).
    const json = JSON.stringify(submission(predictions, { name: "A* ids", condition: "other" }, "maze30-v1"), null, 2);
    const body = await gzip(json);
    expect(json.length).toBeGreaterThan(16 << 20);
    expect(json.length / body.byteLength).toBeGreaterThan(10);
    const res = await submitRaw(key, body, { "content-encoding": "gzip" });
    expect(res.status).toBe(201);
    expect((await res.json<{ scores: { overall: { plan_valid: number } } }>()).scores.overall.plan_valid).toBe(1000);
  }, 120_000); // scoring 1,000 30x30 responses: ~15 s on a loaded development machine

  it("a body past the decompressed limit at an ordinary ratio is still 413 payload_too_large", async () => {
    const { key } = await createAccount("big lab");
    // One random digit every 16 bytes: about 13:1, so the ratio never refuses it.
    const bytes = new Uint8Array(LIMITS.maxSubmissionBytes + (1 << 20)).fill(32);
    const digits = noise(bytes.byteLength >> 4);
    for (let i = 0; i < digits.length; i++) bytes[i << 4] = 48 + (digits[i] % 10);
    const err = await expectError(await submitRaw(key, await gzip(bytes), { "content-encoding": "gzip" }), 413, "payload_too_large", "/v1/submissions");
    expect(err.message).toContain("decompressed");
  });
});

/** A gzip request whose body arrives as `chunks`, one per pull, noting pulls and a cancel; a byte
 *  stream (as workerd's request bodies are, read with a BYOB reader) or a plain one. */
function countedBody(type: "bytes" | "plain", chunks: Uint8Array[]) {
  const seen = { reads: 0, cancelled: false };
  let next = 0;
  const source = {
    pull(controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) {
      if (next === chunks.length) return controller.close();
      seen.reads++;
      controller.enqueue(chunks[next++].slice()); // a byte stream takes (detaches) what it is given
    },
    cancel() {
      seen.cancelled = true;
    },
  };
  const body =
    type === "bytes"
      ? new ReadableStream({ ...source, type: "bytes" } as UnderlyingByteSource, { highWaterMark: 0 })
      : new ReadableStream<Uint8Array>(source as UnderlyingSource<Uint8Array>, { highWaterMark: 0 });
  const request = new Request("http://127.0.0.1/v1/submissions", {
    method: "POST",
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
    body,
  });
  return { request, seen };
}

const chunked = (bytes: Uint8Array, size: number) =>
  Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe.each(["bytes", "plain"] as const)("a refused gzip body is read to its end, unless it passes the wire limit (%s stream)", (type) => {
  // 16 trailing KiB after the refusal: an upload the client is still sending.
  const trailing = Array.from({ length: 16 }, () => new Uint8Array(1024).fill(7));

  it("refused for its ratio: every trailing chunk is still read, and the body is not cancelled", async () => {
    const bomb = await gzip(new Uint8Array(8 << 20));
    const chunks = [...chunked(bomb, 1024), ...trailing];
    const { request, seen } = countedBody(type, chunks);
    const err = await refusal(readJsonBytes(request, LIMITS.maxSubmissionBytes, { gzip: true }));
    expect(err.code).toBe("compression_ratio_exceeded");
    expect(seen).toEqual({ reads: chunks.length, cancelled: false });
  });

  it("refused for its decompressed size (a small limit) or for not being gzip: the same", async () => {
    const bomb = await gzip(new Uint8Array(1 << 20));
    let { request, seen } = countedBody(type, [...chunked(bomb, 256), ...trailing]);
    const err = await refusal(readJsonBytes(request, 64 << 10, { gzip: true }));
    expect([err.code, err.message]).toEqual(["payload_too_large", `the decompressed body exceeds ${64 << 10} bytes`]);
    expect(seen).toEqual({ reads: chunked(bomb, 256).length + trailing.length, cancelled: false });

    ({ request, seen } = countedBody(type, [new TextEncoder().encode("this is not gzip"), ...trailing]));
    expect((await refusal(readJsonBytes(request, 64 << 10, { gzip: true }))).code).toBe("invalid_encoding");
    expect(seen).toEqual({ reads: 1 + trailing.length, cancelled: false });
  });

  it("a body that goes on past the wire limit is cancelled there, refused or not", async () => {
    // Incompressible: its inflated size never runs ahead of its size on the wire.
    let { request, seen } = countedBody(type, chunked(await gzip(noise(256 << 10)), 16 << 10));
    let err = await refusal(readJsonBytes(request, 64 << 10, { gzip: true }));
    expect([err.code, err.message]).toEqual(["payload_too_large", `the body exceeds ${64 << 10} bytes`]);
    expect(seen).toEqual({ reads: 5, cancelled: true }); // the read that passed 64 KiB is the last

    // Refused for not being gzip, then 256 KiB more: read until the wire passes 64 KiB (8 bytes
    // and four 16 KiB chunks), then cancelled.
    ({ request, seen } = countedBody(type, [new TextEncoder().encode("not gzip"), ...chunked(noise(256 << 10), 16 << 10)]));
    err = await refusal(readJsonBytes(request, 64 << 10, { gzip: true }));
    expect(err.code).toBe("invalid_encoding");
    expect(seen).toEqual({ reads: 5, cancelled: true });
  });
});
