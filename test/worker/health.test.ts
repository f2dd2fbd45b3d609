import { describe, expect, it } from "vitest";
import { conforms, get } from "./helpers";

describe("GET /v1/health", () => {
  it("reports status, version and the engine build hash", async () => {
    const res = await get("/v1/health");
    expect(res.status).toBe(200);
    const body = await conforms(res, "/v1/health");
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.engine.build).toMatch(/^[0-9a-f]{64}$/);
  });
});
