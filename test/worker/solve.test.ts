import { describe, expect, it } from "vitest";
import { WILSON_10_TEST_0, instances } from "./fixtures";
import { conforms, expectError, post } from "./helpers";

describe("POST /v1/solve", () => {
  it("returns the paper's A* trace, plan and response", async () => {
    const res = await post("/v1/solve", { maze: { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt } });
    expect(res.status).toBe(200);
    const body = await conforms(res, "/v1/solve", "POST");
    expect(body.response).toBe(WILSON_10_TEST_0.response);
    expect(body.prompt).toBe(WILSON_10_TEST_0.prompt);
    expect(body.events[0]).toEqual({ op: "close", x: 6, y: 7, g: 0, h: 2 });
    expect(body.trace.startsWith("close 6 7 c0 c2 create 6 6 c1 c1")).toBe(true);
    expect(body.plan).toEqual([
      [6, 7],
      [6, 6],
      [7, 6],
    ]);
    expect(body.plan_text).toBe("plan 6 7 plan 6 6 plan 7 6");
    expect(body.counts).toEqual({ events: 8, creates: 5, closes: 3, plan_length: 3, response_tokens: 52 });
    expect(body.reachable).toBe(true);
  });

  it("gives the same answer for both maze forms", async () => {
    for (const inst of await instances("searchformer", 15, 3)) {
      const a = await (await post("/v1/solve", { maze: inst.wallMaze })).json();
      const b = await (await post("/v1/solve", { maze: inst.promptMaze })).json();
      expect(a).toEqual(b);
      expect((a as { response: string }).response).toBe(inst.response);
    }
  });

  it("reports an unreachable goal with an empty plan", async () => {
    const res = await post("/v1/solve", {
      maze: {
        rows: 3,
        cols: 3,
        start: [0, 0],
        goal: [2, 2],
        walls: [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
      },
    });
    const body = await conforms(res, "/v1/solve", "POST");
    expect(body.reachable).toBe(false);
    expect(body.plan).toEqual([]);
    expect(body.response).toBe("reasoning close 0 0 c0 c4 create 0 1 c1 c3 close 0 1 c1 c3 create 0 2 c2 c2 close 0 2 c2 c2 solution end");
  });

  it("solves the largest grid", async () => {
    const res = await post("/v1/solve", { maze: { rows: 64, cols: 64, start: [0, 0], goal: [63, 63], walls: [] } });
    const body = await conforms(res, "/v1/solve", "POST");
    expect(body.plan).toHaveLength(127);
  });

  it("rejects unknown fields", async () => {
    const e = await expectError(
      await post("/v1/solve", { maze: { rows: 2, cols: 2, start: [0, 0], goal: [1, 1], walls: [] }, format: "x" }),
      400,
      "unknown_field",
      "/v1/solve",
    );
    expect(e.field).toBe("format");
  });
});
