// Accounts and keys: creation (key shown once, only a salted hash stored), the creation limit
// per client address, bad keys, revocation, the submission quota with its headers.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/http/limits";
import { conforms, expectError, get, post, BASE } from "./helpers";
import { SELF } from "cloudflare:test";
import { createAccount, rowCount, solved, submission, submit } from "./leaderboard-helpers";

const me = (key?: string, method = "GET") =>
  SELF.fetch(`${BASE}/v1/accounts/me`, { method, headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });

describe("accounts and keys", () => {
  it("creates an account: the key once, a salted hash stored, the contact private", async () => {
    const res = await post("/v1/accounts", { name: "  Lab A  ", contact: "a@example.org" }, { "cf-connecting-ip": "192.0.2.1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("ratelimit-limit")).toBe(String(LIMITS.accountsPerHour));
    const body = await conforms(res, "/v1/accounts", "POST");
    expect(body.account.name).toBe("Lab A");
    const row = await env.DB.prepare("SELECT * FROM accounts WHERE id = ?").bind(body.account.id).first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(body.api_key);
    expect(body.api_key.startsWith(`rl_${row!.key_prefix}_`)).toBe(true);
    expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const info = await conforms(await me(body.api_key), "/v1/accounts/me");
    expect(info.account).toMatchObject({ id: body.account.id, contact: "a@example.org", baseline: false });
    expect(info.quota).toEqual({ submissions_per_day: LIMITS.submissionsPerDay, remaining: LIMITS.submissionsPerDay, reset_seconds: 0 });
  });

  it("rejects bad account bodies", async () => {
    const ip = { "cf-connecting-ip": "192.0.2.2" };
    expect((await expectError(await post("/v1/accounts", {}, ip), 400, "missing_field", "/v1/accounts")).field).toBe("name");
    expect((await expectError(await post("/v1/accounts", { name: "" }, ip), 422, "invalid_value", "/v1/accounts")).field).toBe("name");
    expect((await expectError(await post("/v1/accounts", { name: "a\u0000b" }, ip), 422, "invalid_value", "/v1/accounts")).field).toBe("name");
    expect((await expectError(await post("/v1/accounts", { name: "a", key: "mine" }, ip), 400, "unknown_field", "/v1/accounts")).field).toBe("key");
    expect((await expectError(await post("/v1/accounts", { name: "a", contact: 5 }, ip), 400, "invalid_type", "/v1/accounts")).field).toBe("contact");
  });

  it(`limits account creation to ${LIMITS.accountsPerHour} an hour per client address`, async () => {
    const ip = { "cf-connecting-ip": "198.51.100.7" };
    const before = await rowCount("accounts");
    for (let i = 0; i < LIMITS.accountsPerHour; i++) {
      const res = await post("/v1/accounts", { name: `bot ${i}` }, ip);
      expect(res.status).toBe(201);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(LIMITS.accountsPerHour - i - 1));
      await res.body?.cancel();
    }
    const res = await post("/v1/accounts", { name: "one too many" }, ip);
    await expectError(res, 429, "rate_limited", "/v1/accounts");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit-remaining")).toBe("0");
    expect(await rowCount("accounts")).toBe(before + LIMITS.accountsPerHour);
    // Another address is not affected.
    expect((await post("/v1/accounts", { name: "neighbour" }, { "cf-connecting-ip": "198.51.100.8" })).status).toBe(201);
  });

  it("no key, a malformed key, a wrong key: 401 with WWW-Authenticate", async () => {
    const { key } = await createAccount();
    for (const auth of [undefined, "Basic abc", "Bearer", "Bearer nope", `Bearer ${key.slice(0, -1)}x`, `Bearer rl_ffffffffffff_${"a".repeat(43)}`]) {
      const res = await SELF.fetch(`${BASE}/v1/accounts/me`, { headers: auth === undefined ? {} : { authorization: auth } });
      await expectError(res, 401, "unauthorized", "/v1/accounts/me", "GET");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("revocation: the key answers 401 key_revoked afterwards, submissions stay public", async () => {
    const { key } = await createAccount("revoker");
    const [s] = await solved();
    const receipt = await conforms(await submit(key, submission([{ id: s.id, response: s.response }])), "/v1/submissions", "POST");
    const res = await me(key, "DELETE");
    const body = await conforms(res, "/v1/accounts/me", "DELETE");
    expect(body.revoked).toBe(true);
    const count = await rowCount("submissions");
    for (const r of [await me(key), await me(key, "DELETE"), await submit(key, submission([{ id: s.id, response: s.response }]))]) {
      const err = await expectError(r, 401, "key_revoked", new URL(r.url).pathname, r.url.endsWith("/me") ? "GET" : "POST");
      expect(err.message).toContain("revoked");
    }
    expect(await rowCount("submissions")).toBe(count);
    expect((await get(`/v1/submissions/${receipt.id}`)).status).toBe(200);
  });
});

describe("the submission quota", () => {
  it(`allows ${LIMITS.submissionsPerDay} submissions a day, then 429 with Retry-After and RateLimit-*`, async () => {
    const { key } = await createAccount("busy lab");
    const [s] = await solved();
    const body = submission([{ id: s.id, response: s.response }]);
    for (let i = 0; i < LIMITS.submissionsPerDay; i++) {
      const res = await submit(key, body, i === 0 ? { "idempotency-key": "first" } : {});
      expect(res.status).toBe(201);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(LIMITS.submissionsPerDay - i - 1));
      expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(86_000);
      await res.body?.cancel();
    }
    const count = await rowCount("submissions");
    const res = await submit(key, body);
    const err = await expectError(res, 429, "quota_exceeded", "/v1/submissions");
    expect(err.message).toContain(String(LIMITS.submissionsPerDay));
    expect(res.headers.get("ratelimit-remaining")).toBe("0");
    expect(res.headers.get("ratelimit-policy")).toBe(`${LIMITS.submissionsPerDay};w=86400`);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(86_000);
    expect(await rowCount("submissions")).toBe(count);
    const info = await conforms(await me(key), "/v1/accounts/me");
    expect(info.quota.remaining).toBe(0);
    // A retry of an accepted submission still gets its receipt: it uses no quota.
    const replay = await submit(key, body, { "idempotency-key": "first" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    await replay.body?.cancel();
    expect(await rowCount("submissions")).toBe(count);
    // Another key is not affected.
    const { key: other } = await createAccount("quiet lab");
    expect((await submit(other, body)).status).toBe(201);
  });
});
