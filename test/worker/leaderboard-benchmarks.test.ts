// Benchmarks: manifests, paginated instances in JSON and NDJSON, the content hash that proves
// the instances are the engine's; the read-only leaderboard routes' parameter checks.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/leaderboard/benchmarks";
import { getEngine } from "../../src/http/engine";
import { BASE, conforms, expectError, get } from "./helpers";

describe("benchmarks", () => {
  it("lists the suites with their manifests", async () => {
    const list = await conforms(await get("/v1/benchmarks"), "/v1/benchmarks");
    expect(list.benchmarks.map((b: { id: string }) => b.id)).toEqual(["maze6-v1", "maze10-v1", "maze30-v1"]);
    expect(list.benchmarks[0]).toMatchObject({ rows: 6, cols: 6, split: "test", seed: 42, per_generator: 200, count: 1000 });
    const m = list.benchmarks[1];
    expect(m).toMatchObject({ rows: 10, cols: 10, split: "test", seed: 42, per_generator: 200, count: 1000 });
    expect(m.generators).toEqual((await getEngine()).generators().map((g) => g.name));
    expect(Object.values(m.counts)).toEqual([200, 200, 200, 200, 200]);
    const one = await conforms(await get("/v1/benchmarks/maze10-v1"), "/v1/benchmarks/{id}");
    expect(one).toEqual(m);
  });

  it("serves instances in pages, by generator, as JSON and NDJSON; the NDJSON hashes to the manifest", async () => {
    const m = await (await get("/v1/benchmarks/maze10-v1")).json<{ sha256: string }>();
    const first = await conforms(await get("/v1/benchmarks/maze10-v1/instances"), "/v1/benchmarks/{id}/instances");
    expect(first).toMatchObject({ benchmark: "maze10-v1", total: 1000, offset: 0, limit: 100, sha256: m.sha256 });
    expect(first.instances[7]).toMatchObject({ id: "wilson-0007", generator: "wilson", rows: 10, cols: 10 });
    expect(first.instances[7].prompt).toMatch(/^query start \d \d goal \d \d( wall \d \d)*$/);

    const dfs = await conforms(await get("/v1/benchmarks/maze10-v1/instances?generator=dfs&offset=195&limit=10"), "/v1/benchmarks/{id}/instances");
    expect(dfs).toMatchObject({ generator: "dfs", total: 200 });
    expect(dfs.instances.map((i: { id: string }) => i.id)).toEqual(["dfs-0195", "dfs-0196", "dfs-0197", "dfs-0198", "dfs-0199"]);

    const nd = await get("/v1/benchmarks/maze10-v1/instances?limit=1000", { accept: "application/x-ndjson" });
    expect(nd.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(nd.headers.get("x-total-count")).toBe("1000");
    const text = new TextDecoder().decode(await nd.arrayBuffer());
    expect(text.split("\n").length).toBe(1001);
    expect(await sha256Hex(text)).toBe(m.sha256);
    const viaFormat = new TextDecoder().decode(await (await get("/v1/benchmarks/maze10-v1/instances?format=ndjson&limit=2")).arrayBuffer());
    expect(viaFormat).toBe(text.split("\n").slice(0, 2).join("\n") + "\n");
    expect(JSON.parse(viaFormat.split("\n")[0])).toEqual(first.instances[0]);
  });

  it("regenerates each instance from the engine's stream (compare with GET /v1/mazes)", async () => {
    const page = await (await get("/v1/benchmarks/maze10-v1/instances?generator=kruskal&limit=3")).json<{
      instances: Array<{ index: number; prompt: string }>;
    }>();
    for (const inst of page.instances) {
      const maze = await (await get(`/v1/mazes?generator=kruskal&rows=10&cols=10&split=test&seed=42&index=${inst.index}`)).json<{ prompt: string }>();
      expect(maze.prompt).toBe(inst.prompt);
    }
  });

  it("rejects unknown benchmarks, generators and parameters", async () => {
    const err = await expectError(await get("/v1/benchmarks/maze11-v9"), 404, "not_found", "/v1/benchmarks/{id}", "GET");
    expect(err.message).toContain("maze10-v1");
    await expectError(await get("/v1/benchmarks/nope/instances"), 404, "not_found", "/v1/benchmarks/{id}/instances", "GET");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?generator=prim"), 422, "invalid_value", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("generator");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?limit=0"), 422, "invalid_value", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("limit");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?limit=1001"), 422, "invalid_value", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("limit");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?offset=-1"), 422, "invalid_value", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("offset");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?offset=x"), 400, "invalid_type", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("offset");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?format=csv"), 422, "invalid_value", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("format");
    expect(
      (await expectError(await get("/v1/benchmarks/maze10-v1/instances?page=2"), 400, "unknown_field", "/v1/benchmarks/{id}/instances", "GET")).field,
    ).toBe("page");
    expect((await expectError(await get("/v1/benchmarks?x=1"), 400, "unknown_field", "/v1/benchmarks", "GET")).field).toBe("x");
    const res = await SELF.fetch(`${BASE}/v1/benchmarks/maze10-v1`, { method: "POST" });
    await expectError(res, 405, "method_not_allowed", "/v1/benchmarks/{id}", "GET");
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("leaderboard and submission reads", () => {
  it("an empty leaderboard, bad parameters, unknown submissions", async () => {
    const empty = await conforms(await get("/v1/leaderboard/maze30-v1"), "/v1/leaderboard/{benchmark}");
    expect(empty).toMatchObject({ total: 0, rows: [], sort: "plan_validity", generator: null });
    await expectError(await get("/v1/leaderboard/maze99-v1"), 404, "not_found", "/v1/leaderboard/{benchmark}", "GET");
    expect((await expectError(await get("/v1/leaderboard/maze10-v1?sort=speed"), 422, "invalid_value", "/v1/leaderboard/{benchmark}", "GET")).field).toBe(
      "sort",
    );
    expect((await expectError(await get("/v1/leaderboard/maze10-v1?generator=prim"), 422, "invalid_value", "/v1/leaderboard/{benchmark}", "GET")).field).toBe(
      "generator",
    );
    await expectError(await get("/v1/submissions/sub_nope"), 404, "not_found", "/v1/submissions/{id}", "GET");
    const res = await SELF.fetch(`${BASE}/v1/submissions`, { method: "GET" });
    await expectError(res, 405, "method_not_allowed", "/v1/submissions", "POST");
  });

  it("answers CORS preflights for authenticated, gzip and idempotent requests", async () => {
    const res = await SELF.fetch(`${BASE}/v1/submissions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-encoding, idempotency-key, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    expect(res.headers.get("access-control-allow-methods")).toContain("DELETE");
    expect(res.headers.get("access-control-expose-headers")).toContain("RateLimit-Remaining");
  });
});
