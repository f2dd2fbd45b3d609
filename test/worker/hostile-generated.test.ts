// Hostile input, generated: valid requests with one value replaced by arbitrary JSON. Never a
// 5xx, and every answer matches the OpenAPI description. (Generated cases are split over files
// because SELF.fetch slows down with every request a test file makes: workers-sdk#15446.)
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WILSON_10_TEST_0 } from "./fixtures";
import { BASE, conforms } from "./helpers";

const valid = {
  maze: {
    rows: 10,
    cols: 10,
    start: [6, 7],
    goal: [7, 6],
    walls: [
      [1, 0],
      [5, 0],
    ],
  },
  response: WILSON_10_TEST_0.response,
};
const item = (maze: unknown) => ({ items: [{ ...valid, maze }] });

const slots: Array<[string, (v: unknown) => unknown]> = [
  ["maze", (v) => ({ ...valid, maze: v })],
  ["response", (v) => ({ ...valid, response: v })],
  ["strict", (v) => ({ ...valid, strict: v })],
  ["maze.rows", (v) => ({ ...valid, maze: { ...valid.maze, rows: v } })],
  ["maze.start", (v) => ({ ...valid, maze: { ...valid.maze, start: v } })],
  ["maze.walls", (v) => ({ ...valid, maze: { ...valid.maze, walls: v } })],
  ["maze.walls[0]", (v) => ({ ...valid, maze: { ...valid.maze, walls: [v] } })],
  ["maze.prompt", (v) => ({ ...valid, maze: { rows: 10, cols: 10, prompt: v } })],
  ["items[0].maze", (v) => item(v)],
  ["items", (v) => ({ items: v })],
];

async function send(body: unknown): Promise<void> {
  const path = "items" in (body as object) ? "/v1/verify/batch" : "/v1/verify";
  const res = await SELF.fetch(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
  await conforms(res, path, "POST");
}

describe("hostile input, generated", () => {
  it.each(slots)("arbitrary JSON as %s: 2xx or 4xx", async (_name, slot) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), (v) => send(slot(v))),
      { numRuns: 20, seed: 20260426 },
    );
  });
});
