// Hostile input: every request here must get a 4xx with the API's JSON error, never a 500.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/http/limits";
import { WILSON_10_TEST_0 } from "./fixtures";
import { BASE, conforms } from "./helpers";

const M = { rows: 10, cols: 10, start: [0, 0], goal: [9, 9], walls: [[5, 5]] };
const P = { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt };
const R = WILSON_10_TEST_0.response;

type Case = [name: string, path: string, body: unknown, status: number, field?: string];

const bigEvents = "create 1 1 c1 c1 ".repeat(20_000); // 100k tokens
const bigIds = Array.from({ length: 100_000 }, () => 3);

const cases: Case[] = [
  // malformed JSON
  ["truncated JSON", "/v1/verify", '{"maze": {"rows": 10', 400],
  ["trailing garbage", "/v1/verify", "{} x", 400],
  ["single quotes", "/v1/solve", "{'maze': 1}", 400],
  ["NaN literal", "/v1/solve", '{"maze": NaN}', 400],
  ["deeply nested", "/v1/solve", "[".repeat(200_000) + "]".repeat(200_000), 400],
  ["deeply nested maze", "/v1/solve", '{"maze":' + "[".repeat(100_000) + "]".repeat(100_000) + "}", 400, "maze"],
  // wrong types
  ["maze as string", "/v1/solve", { maze: "query start 0 0 goal 1 1" }, 400, "maze"],
  ["maze as array", "/v1/solve", { maze: [M] }, 400, "maze"],
  ["maze null", "/v1/solve", { maze: null }, 400, "maze"],
  ["rows as string", "/v1/solve", { maze: { ...M, rows: "10" } }, 400, "maze.rows"],
  ["rows as boolean", "/v1/solve", { maze: { ...M, rows: true } }, 400, "maze.rows"],
  ["rows non-integer", "/v1/solve", { maze: { ...M, rows: 10.5 } }, 400, "maze.rows"],
  ["rows 1e400", "/v1/solve", '{"maze": {"rows": 1e400, "cols": 10, "start": [0,0], "goal": [1,1], "walls": []}}', 400, "maze.rows"],
  ["start as object", "/v1/solve", { maze: { ...M, start: { x: 0, y: 0 } } }, 400, "maze.start"],
  ["start too short", "/v1/solve", { maze: { ...M, start: [1] } }, 400, "maze.start"],
  ["start too long", "/v1/solve", { maze: { ...M, start: [1, 2, 3] } }, 400, "maze.start"],
  ["start as strings", "/v1/solve", { maze: { ...M, start: ["1", "2"] } }, 400, "maze.start[0]"],
  ["walls as object", "/v1/solve", { maze: { ...M, walls: { 0: [1, 1] } } }, 400, "maze.walls"],
  ["wall of one number", "/v1/solve", { maze: { ...M, walls: [[1]] } }, 400, "maze.walls[0]"],
  ["wall as string", "/v1/solve", { maze: { ...M, walls: ["1 1"] } }, 400, "maze.walls[0]"],
  ["prompt as number", "/v1/solve", { maze: { rows: 10, cols: 10, prompt: 7 } }, 400, "maze.prompt"],
  ["response as number", "/v1/verify", { maze: M, response: 42 }, 400, "response"],
  ["response as object", "/v1/verify", { maze: M, response: { text: R } }, 400, "response"],
  ["token id as string", "/v1/verify", { maze: M, response: [1, "2"] }, 400, "response[1]"],
  ["token id non-integer", "/v1/verify", { maze: M, response: [1, 2.5] }, 400, "response[1]"],
  ["token id negative", "/v1/verify", { maze: M, response: [-1] }, 422, "response[0]"],
  ["token id past the vocabulary", "/v1/verify", { maze: M, response: [0, 124] }, 422, "response[1]"],
  ["strict as string", "/v1/verify", { maze: M, response: R, strict: "yes" }, 400, "strict"],
  ["items as object", "/v1/verify/batch", { items: { 0: { maze: M, response: R } } }, 400, "items"],
  ["item as string", "/v1/verify/batch", { items: ["x"] }, 400, "items[0]"],
  // missing fields
  ["empty object", "/v1/solve", {}, 400, "maze"],
  ["no response", "/v1/verify", { maze: M }, 400, "response"],
  ["no maze", "/v1/verify", { response: R }, 400, "maze"],
  ["no rows", "/v1/solve", { maze: { cols: 10, start: [0, 0], goal: [1, 1], walls: [] } }, 400, "maze.rows"],
  ["no start", "/v1/solve", { maze: { rows: 10, cols: 10, goal: [1, 1], walls: [] } }, 400, "maze.start"],
  ["no walls", "/v1/solve", { maze: { rows: 10, cols: 10, start: [0, 0], goal: [1, 1] } }, 400, "maze.walls"],
  ["prompt without size", "/v1/solve", { maze: { prompt: WILSON_10_TEST_0.prompt } }, 400, "maze.rows"],
  ["no items", "/v1/verify/batch", {}, 400, "items"],
  ["batch item without response", "/v1/verify/batch", { items: [{ maze: M }] }, 400, "items[0].response"],
  // unknown fields
  ["unknown top-level field", "/v1/verify", { maze: M, response: R, model: "x" }, 400, "model"],
  ["unknown maze field", "/v1/solve", { maze: { ...M, size: 10 } }, 400, "maze.size"],
  ["prompt and walls together", "/v1/solve", { maze: { ...P, walls: [] } }, 400, "maze.walls"],
  ["__proto__ key", "/v1/solve", '{"maze": {"rows": 2, "cols": 2, "start": [0,0], "goal": [1,1], "walls": [], "__proto__": {"x": 1}}}', 400, "maze.__proto__"],
  // huge grids
  ["rows 65", "/v1/solve", { maze: { ...M, rows: 65 } }, 422, "maze.rows"],
  ["cols 1e9", "/v1/solve", { maze: { ...M, cols: 1e9 } }, 422, "maze.cols"],
  ["rows 1", "/v1/solve", { maze: { rows: 1, cols: 2, start: [0, 0], goal: [1, 0], walls: [] } }, 422, "maze.rows"],
  ["prompt grid 100", "/v1/verify", { maze: { rows: 100, cols: 100, prompt: "query start 0 0 goal 99 99" }, response: "" }, 422, "maze.rows"],
  [
    "more walls than cells",
    "/v1/solve",
    { maze: { rows: 2, cols: 2, start: [0, 0], goal: [1, 1], walls: Array.from({ length: 5 }, () => [1, 0]) } },
    422,
    "maze.walls",
  ],
  // negative and non-integer numbers
  ["negative rows", "/v1/solve", { maze: { ...M, rows: -10 } }, 422, "maze.rows"],
  ["negative start", "/v1/solve", { maze: { ...M, start: [-1, 0] } }, 422, "maze.start[0]"],
  ["non-integer goal", "/v1/solve", { maze: { ...M, goal: [1.5, 2] } }, 400, "maze.goal[0]"],
  ["non-integer wall", "/v1/solve", { maze: { ...M, walls: [[0.5, 1]] } }, 400, "maze.walls[0][0]"],
  // walls on the start or goal, coordinates out of range
  [
    "wall on the start",
    "/v1/solve",
    {
      maze: {
        ...M,
        walls: [
          [3, 3],
          [0, 0],
        ],
      },
    },
    422,
    "maze.walls[1]",
  ],
  ["wall on the goal", "/v1/verify", { maze: { ...M, walls: [[9, 9]] }, response: R }, 422, "maze.walls[0]"],
  ["prompt with a wall on the start", "/v1/solve", { maze: { rows: 3, cols: 3, prompt: "query start 0 0 goal 2 2 wall 0 0" } }, 422, "maze.prompt"],
  ["start outside", "/v1/solve", { maze: { ...M, start: [10, 0] } }, 422, "maze.start"],
  ["goal outside", "/v1/solve", { maze: { ...M, goal: [0, 10] } }, 422, "maze.goal"],
  ["wall outside", "/v1/solve", { maze: { ...M, walls: [[99, 99]] } }, 422, "maze.walls[0]"],
  ["prompt coordinate outside", "/v1/solve", { maze: { rows: 5, cols: 5, prompt: "query start 0 0 goal 7 1" } }, 422, "maze.prompt"],
  ["prompt that is not a prompt", "/v1/solve", { maze: { rows: 5, cols: 5, prompt: "hello world" } }, 422, "maze.prompt"],
  ["empty prompt", "/v1/solve", { maze: { rows: 5, cols: 5, prompt: "" } }, 422, "maze.prompt"],
  ["prompt with a broken wall", "/v1/solve", { maze: { rows: 5, cols: 5, prompt: "query start 0 0 goal 1 1 wall 3" } }, 422, "maze.prompt"],
  [
    "batch item with a wall on its start",
    "/v1/verify/batch",
    {
      items: [
        { maze: M, response: R },
        { maze: { ...M, walls: [[0, 0]] }, response: R },
      ],
    },
    422,
    "items[1].maze.walls[0]",
  ],
  // huge bodies and responses
  ["100k-token response text", "/v1/verify", { maze: P, response: bigEvents }, 413, "response"],
  ["100k-token response ids", "/v1/verify", { maze: P, response: bigIds }, 413, "response"],
  ["2 MiB body", "/v1/verify", { maze: P, response: "x ".repeat(1 << 20) }, 413],
  ["huge prompt", "/v1/solve", { maze: { rows: 10, cols: 10, prompt: "query start 0 0 goal 1 1" + " wall 1 1".repeat(40_000) } }, 413, "maze.prompt"],
  ["9 MiB batch", "/v1/verify/batch", { items: [{ maze: P, response: "x".repeat(9 << 20) }] }, 413],
  ["too many batch items", "/v1/verify/batch", { items: Array.from({ length: LIMITS.maxBatchItems + 1 }, () => ({ maze: P, response: "" })) }, 413, "items"],
];

describe("hostile input", () => {
  it.each(cases)("%s -> 4xx with a JSON error", async (_name, path, body, status, field) => {
    const res = await SELF.fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(status);
    const { error } = await conforms<{ error: { code: string; message: string; field?: string } }>(res, path, "POST");
    expect(error.message.length).toBeGreaterThan(0);
    if (field !== undefined) expect(error.field).toBe(field);
  });

  const queries: Array<[string, number]> = [
    ["generator=../../etc/passwd", 422],
    ["generator=wilson&rows=100000", 422],
    ["generator=wilson&rows=64&cols=65", 422],
    ["generator=wilson&index=99999999", 422],
    ["generator=wilson&index=1.5", 400],
    ["generator=wilson&seed=1.5", 400],
    ["generator=wilson&seed=%00", 400],
    ["generator[]=wilson", 400],
    ["generator=wilson&generator=dfs", 400],
    ["generator=" + "w".repeat(5000), 422],
    ["generator=wilson&" + "x".repeat(5000) + "=1", 400],
  ];
  it.each(queries.map(([q, s]) => [q.length > 60 ? `${q.slice(0, 60)}...` : q, q, s] as const))(
    "GET /v1/mazes?%s -> 4xx with a JSON error",
    async (_name, query, status) => {
      const res = await SELF.fetch(`${BASE}/v1/mazes?${query}`);
      expect(res.status).toBe(status);
      const { error } = await conforms<{ error: { code: string; message: string } }>(res, "/v1/mazes");
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.message.length).toBeLessThan(400);
    },
  );
});
