// Hostile submissions: each gives its documented status and JSON error, and leaves nothing
// behind in D1 (row counts are checked after every failure).
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/http/limits";
import { conforms, expectError } from "./helpers";
import { createAccount, gzip, rowCount, solved, submission, submit, submitRaw, type Solved } from "./leaderboard-helpers";

let key: string;
let all: Solved[];
const one = () => [{ id: all[0].id, response: all[0].response }];

beforeAll(async () => {
  ({ key } = await createAccount("hostile lab"));
  all = await solved();
});

async function rejected(res: Response, status: number, code: string): Promise<{ code: string; message: string; field?: string }> {
  const err = await expectError(res, status, code, "/v1/submissions");
  expect(await rowCount("submissions")).toBe(0);
  return err;
}

describe("POST /v1/submissions: hostile input", () => {
  it("malformed JSON, empty body, wrong media type, unknown encoding", async () => {
    await rejected(await submit(key, '{"benchmark": '), 400, "invalid_json");
    await rejected(await submit(key, ""), 400, "invalid_json");
    await rejected(await submitRaw(key, "{}", { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await rejected(await submitRaw(key, "{}", { "content-encoding": "br" }), 415, "unsupported_media_type");
  });

  it("bad gzip: 400 invalid_encoding", async () => {
    await rejected(await submitRaw(key, "this is not gzip at all", { "content-encoding": "gzip" }), 400, "invalid_encoding");
    const truncated = (await gzip(JSON.stringify(submission(one())))).slice(0, 20);
    await rejected(await submitRaw(key, truncated, { "content-encoding": "gzip" }), 400, "invalid_encoding");
  });

  it("gzip accepted: the same scores as plain JSON", async () => {
    const body = JSON.stringify(submission(all.slice(0, 50).map((s) => ({ id: s.id, response: s.response }))));
    const res = await submitRaw(key, await gzip(body), { "content-encoding": "gzip" });
    expect(res.status).toBe(201);
    const r = await conforms(res, "/v1/submissions", "POST");
    expect(r.scores.overall).toMatchObject({ scored: 50, plan_valid: 50, trace_valid: 50 });
    await (await import("cloudflare:test")).env.DB.prepare("DELETE FROM submissions").run();
  });

  it("oversized: raw body and a gzip bomb are refused (413)", async () => {
    const big = new Uint8Array(LIMITS.maxSubmissionBytes + 10).fill(32);
    const raw = await rejected(await submitRaw(key, big), 413, "payload_too_large");
    expect(raw.message).toContain(String(LIMITS.maxSubmissionBytes));
    // 40 MiB of spaces compress to about 40 KB: refused for the ratio long before the limit
    // (hardening.test.ts has the decompressed limit at an ordinary ratio).
    const bomb = await gzip(new Uint8Array(40 << 20).fill(32));
    expect(bomb.byteLength).toBeLessThan(1 << 20);
    const err = await rejected(await submitRaw(key, bomb, { "content-encoding": "gzip" }), 413, "compression_ratio_exceeded");
    expect(err.message).toContain("uncompressed");
  });

  it("wrong types and missing fields name the field (400)", async () => {
    const cases: Array<[unknown, string, string]> = [
      [[], "invalid_type", ""],
      [{ model: { name: "m", condition: "other" }, predictions: [] }, "missing_field", "benchmark"],
      [{ ...submission([]), extra: 1 }, "unknown_field", "extra"],
      [submission([], { name: 5, condition: "other" }), "invalid_type", "model.name"],
      [submission([], { name: "m" }), "missing_field", "model.condition"],
      [submission([], { name: "m", condition: "other", parameters: 1.5 }), "invalid_type", "model.parameters"],
      [submission("nope"), "invalid_type", "predictions"],
      [submission([{ id: 7, response: "" }]), "invalid_type", "predictions[0].id"],
      [submission([{ id: all[0].id }]), "missing_field", "predictions[0].response"],
      [submission([{ id: all[0].id, response: { text: "x" } }]), "invalid_type", "predictions[0].response"],
      [submission([{ id: all[0].id, response: [1, 2.5] }]), "invalid_type", "predictions[0].response[1]"],
      [submission([{ id: all[0].id, response: "", score: 1 }]), "unknown_field", "predictions[0].score"],
    ];
    for (const [body, code, field] of cases) {
      const err = await rejected(await submit(key, body), 400, code);
      if (field) expect(err.field, JSON.stringify(body).slice(0, 80)).toBe(field);
    }
  });

  it("values out of range: 422 naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [submission(one(), { name: "m", condition: "cot" }), "model.condition"],
      [submission(one(), { name: " ", condition: "other" }), "model.name"],
      [submission(one(), { name: "m", condition: "other", url: "javascript:alert(1)" }), "model.url"],
      [submission(one(), { name: "x".repeat(101), condition: "other" }), "model.name"],
      [submission(one(), undefined, "maze99-v1"), "benchmark"],
      [submission([{ id: all[0].id, response: [0, 999999] }]), "predictions[0].response[1]"],
    ];
    for (const [body, field] of cases) {
      const err = await rejected(await submit(key, body), 422, "invalid_value");
      expect(err.field).toBe(field);
    }
  });

  it("unknown and duplicate ids: 422 naming them", async () => {
    const unknown = await rejected(
      await submit(key, submission([...one(), { id: "prim-0001", response: "" }, { id: "wilson-9999", response: "" }])),
      422,
      "invalid_value",
    );
    expect(unknown.field).toBe("predictions[1].id");
    expect(unknown.message).toContain("2 unknown ids");
    expect(unknown.message).toContain('"prim-0001"');
    expect(unknown.message).toContain('"wilson-9999"');
    const dup = await rejected(
      await submit(key, submission([...one(), { id: all[1].id, response: "" }, { id: all[0].id, response: "" }])),
      422,
      "invalid_value",
    );
    expect(dup.field).toBe("predictions[2].id");
    expect(dup.message).toContain(`duplicate id: "${all[0].id}"`);
    expect(dup.message).toContain("first at predictions[0]");
  });

  it("100k-token responses and too many predictions: 413", async () => {
    const long = "create 0 0 c0 c0 ".repeat(20_000); // 100,000 tokens
    const err = await rejected(await submit(key, submission([{ id: all[3].id, response: long }])), 413, "payload_too_large");
    expect(err.field).toBe("predictions[0].response");
    const ids = await rejected(await submit(key, submission([{ id: all[3].id, response: new Array(100_000).fill(0) }])), 413, "payload_too_large");
    expect(ids.field).toBe("predictions[0].response");
    const many = await rejected(await submit(key, submission(new Array(1001).fill({ id: "x", response: "" }))), 413, "payload_too_large");
    expect(many.field).toBe("predictions");
  });

  it("a bad key on a valid body stores nothing", async () => {
    await rejected(await submit(undefined, submission(one())), 401, "unauthorized");
    await rejected(await submit("rl_000000000000_" + "A".repeat(43), submission(one())), 401, "unauthorized");
  });

  it("Idempotency-Key: a retry returns the first receipt; another body with the key is 409", async () => {
    const body = submission(all.slice(0, 10).map((s) => ({ id: s.id, response: s.response })));
    const first = await submit(key, body, { "idempotency-key": "run-42" });
    expect(first.status).toBe(201);
    const receipt = await conforms(first, "/v1/submissions", "POST");
    const again = await submit(key, body, { "idempotency-key": "run-42" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("ratelimit-remaining")).toBe(first.headers.get("ratelimit-remaining"));
    expect(await conforms(again, "/v1/submissions", "POST")).toEqual(receipt);
    expect(await rowCount("submissions")).toBe(1);

    const other = await submit(key, submission(all.slice(0, 11).map((s) => ({ id: s.id, response: s.response }))), { "idempotency-key": "run-42" });
    const err = await expectError(other, 409, "idempotency_conflict", "/v1/submissions");
    expect(err.field).toBe("Idempotency-Key");
    expect(await rowCount("submissions")).toBe(1);
    // Keys are per account: another account may use the same key.
    const { key: key2 } = await createAccount("other lab");
    expect((await submit(key2, body, { "idempotency-key": "run-42" })).status).toBe(201);
    expect(await rowCount("submissions")).toBe(2);
    const bad = await expectError(await submit(key, body, { "idempotency-key": "x".repeat(256) }), 422, "invalid_value", "/v1/submissions");
    expect(bad.field).toBe("Idempotency-Key");
    expect(await rowCount("submissions")).toBe(2);
  });
});
