import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { conforms, get } from "./helpers";

describe("GET /v1/health", () => {
  it("reports status, version and the engine build hash", async () => {
    const res = await get("/v1/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await conforms(res, "/v1/health");
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.engine.build).toMatch(/^[0-9a-f]{64}$/);
    expect(body.engine.bytes).toBeGreaterThan(0);
  });
});

describe("D1", () => {
  it("has the migrations applied", async () => {
    const row = await env.DB.prepare("SELECT value FROM meta WHERE key = ?").bind("created_by").first<{ value: string }>();
    expect(row?.value).toBe("migrations/0001_meta.sql");
  });
});
