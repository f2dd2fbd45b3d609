// Issue 15's findings that a request can show: malformed percent-encoding anywhere in the URL
// (a 500 before), and the bound on the work one GET /v1/mazes may cause. The gzip bomb and the
// load checks need a real server and memory figures: scripts/harness-*.js.
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/http/limits";
import { maxIndexFor } from "../../src/routes/mazes";
import { expectError, get } from "./helpers";

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
