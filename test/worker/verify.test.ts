import { describe, expect, it } from "vitest";
import { getEngine } from "../../src/http/engine";
import { LIMITS } from "../../src/http/limits";
import { WILSON_10_TEST_0, instances, swapped } from "./fixtures";
import { conforms, expectError, post } from "./helpers";

describe("POST /v1/verify", () => {
  it("accepts the reference response: trace valid, plan valid, optimal", async () => {
    const res = await post("/v1/verify", { maze: { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt }, response: WILSON_10_TEST_0.response });
    expect(res.status).toBe(200);
    const r = await conforms(res, "/v1/verify", "POST");
    expect(r).toMatchObject({
      trace_valid: true,
      plan_valid: true,
      optimal: true,
      trace_error_count: 0,
      plan_error_count: 0,
      first_trace_error: null,
      strict: null,
    });
    expect(r.plan).toEqual([
      [6, 7],
      [6, 6],
      [7, 6],
    ]);
    expect(r.extracted_plan).toEqual(r.plan);
    expect(r.tokens).toBe(52);
  });

  it("on a swapped response: trace invalid, plan valid, first error with event and token index", async () => {
    const [a, b, c] = await instances("wilson", 30, 3);
    for (const [mine, other] of [
      [a, b],
      [b, c],
      [c, a],
    ]) {
      const res = await post("/v1/verify", { maze: mine.wallMaze, response: swapped(mine, other) });
      const r = await conforms(res, "/v1/verify", "POST");
      expect(r.trace_valid).toBe(false);
      expect(r.plan_valid).toBe(true);
      expect(r.first_trace_error.event).toBeTypeOf("number");
      expect(r.first_trace_error.token).toBeTypeOf("number");
      expect(r.trace_errors[0]).toEqual(r.first_trace_error);
    }
  });

  it("accepts the response as token ids, with the same report", async () => {
    const engine = await getEngine();
    const [inst] = await instances("kruskal", 20, 1);
    const ids = Array.from(engine.tokenize(inst.response, 20, 20));
    const asText = await (await post("/v1/verify", { maze: inst.promptMaze, response: inst.response })).json();
    const res = await post("/v1/verify", { maze: inst.wallMaze, response: ids });
    const asIds = await conforms(res, "/v1/verify", "POST");
    expect(asIds).toEqual(asText);
    expect(asIds.trace_valid && asIds.plan_valid).toBe(true);
  });

  it("runs the strict checks on request", async () => {
    const [inst] = await instances("dfs", 10, 1);
    const r = await conforms(await post("/v1/verify", { maze: inst.wallMaze, response: inst.response, strict: true }), "/v1/verify", "POST");
    expect(r.strict).toMatchObject({ trace_valid: true, error_count: 0, first_error: null });
    const [, other] = await instances("dfs", 10, 2);
    const s = await conforms(await post("/v1/verify", { maze: inst.wallMaze, response: swapped(inst, other), strict: true }), "/v1/verify", "POST");
    expect(s.strict.trace_valid).toBe(false);
    expect(s.strict.error_count).toBeGreaterThanOrEqual(s.trace_error_count);
  });

  it("reports plan errors on a broken plan and no plan at all", async () => {
    const r = await conforms(
      await post("/v1/verify", { maze: { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt }, response: "reasoning solution plan 0 0 end" }),
      "/v1/verify",
      "POST",
    );
    expect(r.plan_valid).toBe(false);
    expect(r.first_plan_error.code).toBe("illegal_start");
    const none = await conforms(
      await post("/v1/verify", { maze: { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt }, response: "" }),
      "/v1/verify",
      "POST",
    );
    expect(none.plan_valid).toBe(false);
    expect(none.tokens).toBe(0);
  });

  it("bounds the response length", async () => {
    const maze = { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt };
    const events = "close 0 0 c0 c0 ".repeat(Math.floor(LIMITS.maxResponseTokens / 5));
    const fill = "end ".repeat(LIMITS.maxResponseTokens % 5);
    const ok = await post("/v1/verify", { maze, response: events + fill });
    expect((await conforms(ok, "/v1/verify", "POST")).tokens).toBe(LIMITS.maxResponseTokens);
    const e = await expectError(await post("/v1/verify", { maze, response: events + fill + "end" }), 413, "payload_too_large", "/v1/verify");
    expect(e.field).toBe("response");
  });
});

describe("POST /v1/verify/batch", () => {
  it("reports each item and the 2x2 table with first-error histograms", async () => {
    const insts = await instances("wilson", 10, 6);
    const items = insts.map((inst, i) => ({
      id: `m${i}`,
      maze: i % 2 ? inst.wallMaze : inst.promptMaze,
      response: i < 3 ? inst.response : swapped(inst, insts[(i + 1) % insts.length]),
    }));
    items.push({ id: "broken", maze: insts[0].wallMaze, response: "reasoning solution end" });
    const res = await post("/v1/verify/batch", { items });
    expect(res.status).toBe(200);
    const body = await conforms(res, "/v1/verify/batch", "POST");
    expect(body.count).toBe(7);
    expect(body.items.map((it: { id: string }) => it.id)).toEqual(items.map((it) => it.id));
    expect(body.summary.table).toEqual({ plan_valid_trace_valid: 3, plan_valid_trace_invalid: 3, plan_invalid_trace_valid: 0, plan_invalid_trace_invalid: 1 });
    expect(body.summary.plan_valid).toBe(6);
    expect(body.summary.trace_valid).toBe(3);
    const histogram = Object.values(body.summary.first_trace_error as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(histogram).toBe(4);
    expect(body.summary.first_plan_error).toEqual({ plan_syntax_error: 1 });
    for (let i = 0; i < 3; i++) expect(body.items[i].report.trace_valid).toBe(true);
  });

  it("accepts an empty batch", async () => {
    const body = await conforms(await post("/v1/verify/batch", { items: [] }), "/v1/verify/batch", "POST");
    expect(body.count).toBe(0);
    expect(body.summary.table.plan_valid_trace_valid).toBe(0);
  });

  it("bounds the number of items and names the item that fails", async () => {
    const item = { maze: { rows: 2, cols: 2, start: [0, 0], goal: [1, 1], walls: [] }, response: "" };
    const tooMany = await post("/v1/verify/batch", { items: Array.from({ length: LIMITS.maxBatchItems + 1 }, () => item) });
    expect((await expectError(tooMany, 413, "payload_too_large", "/v1/verify/batch")).field).toBe("items");
    const bad = await post("/v1/verify/batch", { items: [item, item, { ...item, maze: { ...item.maze, start: [2, 0] } }] });
    expect((await expectError(bad, 422, "invalid_value", "/v1/verify/batch")).field).toBe("items[2].maze.start");
    const unknown = await post("/v1/verify/batch", { items: [{ ...item, extra: 1 }] });
    expect((await expectError(unknown, 400, "unknown_field", "/v1/verify/batch")).field).toBe("items[0].extra");
    const badId = await post("/v1/verify/batch", { items: [{ ...item, id: { a: 1 } }] });
    expect((await expectError(badId, 400, "invalid_type", "/v1/verify/batch")).field).toBe("items[0].id");
  });
});
