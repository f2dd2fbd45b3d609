import { describe, expect, it } from "vitest";
import { getEngine } from "../../src/http/engine";
import { LIMITS } from "../../src/http/limits";
import { WILSON_10_TEST_0 } from "./fixtures";
import { conforms, expectError, get } from "./helpers";

type MazeBody = {
  generator: string;
  rows: number;
  cols: number;
  seed: number;
  split: string;
  index: number;
  params: Record<string, number | boolean>;
  start: [number, number];
  goal: [number, number];
  walls: Array<[number, number]>;
  prompt: string;
};

async function maze(query: string): Promise<MazeBody> {
  const res = await get(`/v1/mazes?${query}`);
  expect(res.status, query).toBe(200);
  return conforms<MazeBody>(res, "/v1/mazes");
}

describe("GET /v1/generators", () => {
  it("lists the engine's registry with its parameters and the API's limits", async () => {
    const res = await get("/v1/generators");
    const body = await conforms(res, "/v1/generators");
    const engine = await getEngine();
    expect(body.generators.map((g: { name: string }) => g.name)).toEqual(engine.generators().map((g) => g.name));
    expect(body.generators).toHaveLength(5);
    const drunk = body.generators.find((g: { name: string }) => g.name === "drunkards_walk");
    expect(drunk.params[0]).toMatchObject({ name: "coverage", default: 0.5, min: 0, max: 1 });
    expect(body.limits.max_index).toBe(LIMITS.maxIndex);
  });
});

describe("GET /v1/mazes", () => {
  it("returns line `index` of the stream, as the released generator wrote it", async () => {
    const body = await maze("generator=wilson&rows=10&cols=10&split=test&seed=42&index=0");
    expect(body.prompt).toBe(WILSON_10_TEST_0.prompt);
    expect(body).toMatchObject({ generator: "wilson", rows: 10, cols: 10, seed: 42, split: "test", index: 0, start: [6, 7], goal: [7, 6], params: {} });
    expect(body.walls.slice(0, 3)).toEqual([
      [1, 0],
      [5, 0],
      [9, 0],
    ]);
  });

  it("matches the engine's own stream for every generator, split and a range of indices", async () => {
    const engine = await getEngine();
    for (const g of engine.generators()) {
      for (const split of ["train", "test"] as const) {
        const stream = engine.openStream({ generator: g.name, rows: 12, cols: 9, seed: 42, split });
        const expected = Array.from({ length: 6 }, () => stream.next());
        stream.close();
        // In order (reusing the open stream), then out of order (reopening it).
        for (const i of [0, 1, 2, 3, 4, 5, 2, 5, 0]) {
          const body = await maze(`generator=${g.name}&rows=12&cols=9&split=${split}&seed=42&index=${i}`);
          expect(body.prompt, `${g.name} ${split} ${i}`).toBe(engine.promptText(expected[i]));
          expect(body.start).toEqual(expected[i].start);
          expect(body.walls).toEqual(engine.wallsOf(expected[i]));
        }
      }
    }
  });

  it("uses the CLI's defaults: 30x30, seed 42, train, index 0", async () => {
    const a = await maze("generator=dfs");
    const b = await maze("generator=dfs&rows=30&cols=30&seed=42&split=train&index=0");
    expect(a).toEqual(b);
  });

  it("passes generator parameters and reports those the generator uses", async () => {
    const low = await maze("generator=drunkards_walk&rows=10&cols=10&coverage=0.2");
    const high = await maze("generator=drunkards_walk&rows=10&cols=10&coverage=0.9");
    expect(low.params).toEqual({ coverage: 0.2 });
    expect(low.walls.length).toBeGreaterThan(high.walls.length);
    const wilson = await maze("generator=wilson&rows=10&cols=10&coverage=0.2");
    expect(wilson.params).toEqual({});
    expect(wilson).toEqual(await maze("generator=wilson&rows=10&cols=10"));
    expect((await maze("generator=searchformer&rows=10&cols=10&strict=true")).params).toEqual({ strict: true });
  });

  it("is cacheable: a strong ETag that depends on the query, and 304 on If-None-Match", async () => {
    const q = "/v1/mazes?generator=kruskal&rows=8&cols=8&index=3";
    const first = await get(q);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=86400");
    expect((await get(q)).headers.get("etag")).toBe(etag);
    expect((await get(q.replace("index=3", "index=4"))).headers.get("etag")).not.toBe(etag);
    for (const inm of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
      const again = await get(q, { "if-none-match": inm });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("x-request-id")).toBeTruthy();
      await conforms(again, "/v1/mazes");
    }
    expect((await get(q, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("bounds index and answers 422 above the bound", async () => {
    const last = await get(`/v1/mazes?generator=wilson&rows=4&cols=4&index=${LIMITS.maxIndex}`);
    expect(last.status).toBe(200);
    const e = await expectError(await get(`/v1/mazes?generator=wilson&rows=4&cols=4&index=${LIMITS.maxIndex + 1}`), 422, "invalid_value", "/v1/mazes", "GET");
    expect(e.field).toBe("index");
  });

  it("rejects bad queries with the field named", async () => {
    const cases: Array<[string, number, string, string]> = [
      ["", 400, "missing_field", "generator"],
      ["generator=prim", 422, "invalid_value", "generator"],
      ["generator=", 422, "invalid_value", "generator"],
      ["generator=wilson&rows=65", 422, "invalid_value", "rows"],
      ["generator=wilson&rows=1", 422, "invalid_value", "rows"],
      ["generator=wilson&cols=-3", 422, "invalid_value", "cols"],
      ["generator=wilson&rows=1e1", 400, "invalid_type", "rows"],
      ["generator=wilson&rows=10.5", 400, "invalid_type", "rows"],
      ["generator=wilson&rows=ten", 400, "invalid_type", "rows"],
      ["generator=wilson&rows=", 400, "invalid_type", "rows"],
      ["generator=wilson&rows=99999999999999999999", 400, "invalid_type", "rows"],
      ["generator=wilson&index=-1", 422, "invalid_value", "index"],
      ["generator=wilson&index=0x10", 400, "invalid_type", "index"],
      ["generator=wilson&seed=-42", 422, "invalid_value", "seed"],
      ["generator=wilson&seed=4294967296", 422, "invalid_value", "seed"],
      ["generator=wilson&split=val", 422, "invalid_value", "split"],
      ["generator=wilson&size=10", 400, "unknown_field", "size"],
      ["generator=wilson&rows=10&rows=12", 400, "invalid_type", "rows"],
      ["generator=drunkards_walk&coverage=1.5", 422, "invalid_value", "coverage"],
      ["generator=drunkards_walk&coverage=lots", 400, "invalid_type", "coverage"],
      ["generator=drunkards_walk&coverage=NaN", 400, "invalid_type", "coverage"],
      ["generator=searchformer&strict=yes", 400, "invalid_type", "strict"],
    ];
    for (const [q, status, code, field] of cases) {
      const e = await expectError(await get(`/v1/mazes?${q}`), status, code, "/v1/mazes", "GET");
      expect(e.field, q).toBe(field);
    }
  });

  it("reports a generator that cannot meet its rules as 422", async () => {
    // searchformer in strict mode needs a path of max(rows, cols) cells: on 2x2 grids a random
    // 30-50% wall layout often has none, so some index fails; it must never be a 500.
    for (let i = 0; i < 20; i++) {
      const res = await get(`/v1/mazes?generator=searchformer&rows=2&cols=2&strict=true&index=${i}`);
      expect([200, 422], `index ${i}`).toContain(res.status);
      await conforms(res, "/v1/mazes");
    }
  });
});
