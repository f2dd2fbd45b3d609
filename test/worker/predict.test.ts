// GET /v1/models and POST /v1/predict inside workerd, in one file (each file that loads
// onnxruntime-web pays seconds in the pool). Expected tokens come from the Node evaluator's
// decoder with onnxruntime-node (test/worker/predict-expected.ts, via inject()): nothing here
// depends on the weights of the models that happen to be installed. Without models, the
// prediction tests skip and the error tests still run.
import { describe, expect, inject, it } from "vitest";
import { decodeStats, recentDecodes } from "../../src/predict/predict";
import { BASE, conforms, expectError, get, post } from "./helpers";
import { examples, runExample, title } from "./readme-examples";
import { EXPECTED_MAX_NEW_TOKENS } from "./predict-types";
import { SELF } from "cloudflare:test";

const expected = inject("predictExpected");
const first = expected[0];
const CONDITIONS = ["correct", "no-trace", "swapped"];
/** The grid sizes of the installed models ("6x6", "10x10"), smallest first. */
const SIZES = [...new Set(expected.map((m) => `${m.rows}x${m.cols}`))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
const ofSize = (size: string) => expected.filter((m) => `${m.rows}x${m.cols}` === size);

// Comparisons with the Node tokens must not hit the time budget on a loaded machine.
const BUDGET = { time_budget_ms: 30_000, max_new_tokens: EXPECTED_MAX_NEW_TOKENS };
// Full decodes of every model (the first also loads onnxruntime-web: ~8 s in the pool).
const SLOW = 240_000;

const instance = (m: { rows: number; cols: number }, index: number) => ({ generator: "wilson", rows: m.rows, cols: m.cols, split: "test", seed: 42, index });

interface SseEvent {
  event: string;
  data: any;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((b) => b.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))!.slice(7);
      const data = JSON.parse(
        lines
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n"),
      );
      return { event, data };
    });
}

describe("GET /v1/models", () => {
  it("lists the served models, each with its manifest, and conforms to the OpenAPI description", async () => {
    const body = await conforms(await get("/v1/models"), "/v1/models");
    expect(body.models.map((m: { name: string }) => m.name).sort()).toEqual(expected.map((m) => m.name).sort());
    for (const m of body.models) {
      expect(CONDITIONS).toContain(m.condition);
      expect(m.manifest.condition).toBe(m.condition);
      expect(m.manifest.onnx.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.manifest.architecture.n_layers).toBeGreaterThan(0);
    }
    expect(body.conditions).toEqual(CONDITIONS.filter((c) => expected.some((m) => m.condition === c)));
    expect(body.sizes).toEqual(SIZES);
    for (const m of body.models) expect([m.manifest.rows, m.manifest.cols]).toEqual([m.rows, m.cols]);
  });

  it("the ONNX files are the Worker's static assets, read only through the ASSETS binding, never served by path", async () => {
    const body = await (await get("/v1/models")).json<{ models: Array<{ manifest: { onnx: { file: string } } }> }>();
    for (const m of body.models) {
      for (const path of [
        `/${m.manifest.onnx.file}`,
        `/models/${m.manifest.onnx.file}`,
        `/models/../models/${m.manifest.onnx.file}`,
        `/MODELS/${m.manifest.onnx.file}`,
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
      }
    }
  });

  it("serves the web page at / from the same assets", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<script[^>]+app\.js/);
  });

  it("keeps API paths JSON: an unknown /v1 path is a JSON 404, not a page", async () => {
    for (const path of ["/v1/nope", "/v1/"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    }
  });

  // Needs the 6x6 models (models/6x6-*.json + .onnx): issue 13 serves both sizes side by side.
  it("this deployment serves every condition at 6x6 and at 10x10", async () => {
    const body = await (await get("/v1/models")).json<{ sizes: string[]; models: Array<{ condition: string; rows: number; cols: number }> }>();
    expect(body.sizes).toEqual(expect.arrayContaining(["6x6", "10x10"]));
    for (const n of [6, 10]) {
      expect(
        body.models.filter((m) => m.rows === n && m.cols === n).map((m) => m.condition),
        `${n}x${n}`,
      ).toEqual(CONDITIONS);
    }
  });
});

describe.skipIf(!first)("POST /v1/predict with the served models", () => {
  it(
    "gives, per model, exactly the tokens of the Node evaluator (onnxruntime-node)",
    async () => {
      for (const m of expected) {
        for (const c of m.cases.slice(0, 1)) {
          // cases[1] of every model: the next test
          const res = await post("/v1/predict", { ...instance(m, c.index), condition: m.condition, ...BUDGET });
          const body = await conforms(res, "/v1/predict", "POST");
          expect(body.predictions).toHaveLength(1);
          const p = body.predictions[0];
          expect(p.model).toBe(m.name);
          expect(p.tokens, `${m.name} on wilson test ${c.index}`).toEqual(c.tokens);
          expect(p.stop_reason).toBe(c.stop_reason);
          expect(body.maze.prompt).toBe(c.prompt);
          expect(p.timing.tokens).toBe(c.tokens.length);
        }
      }
    },
    SLOW,
  );

  it(
    "the maze's size picks the models: condition all runs exactly that size's models; a prompt decodes the same",
    async () => {
      for (const size of SIZES) {
        const sameSize = ofSize(size);
        const { rows, cols } = sameSize[0];
        const c = sameSize[0].cases[1];
        const res = await post("/v1/predict", { maze: { rows, cols, prompt: c.prompt }, condition: "all", ...BUDGET });
        const body = await conforms(res, "/v1/predict", "POST");
        expect(body.maze.source).toBeNull();
        expect(body.maze).toMatchObject({ rows, cols });
        expect(
          body.predictions.map((p: { model: string }) => p.model),
          size,
        ).toEqual(CONDITIONS.flatMap((x) => sameSize.filter((m) => m.condition === x).map((m) => m.name)));
        for (const p of body.predictions) {
          const want = sameSize.find((m) => m.condition === p.condition)!.cases[1];
          expect(p.tokens, `${p.model} on ${size}`).toEqual(want.tokens);
          // the report is POST /v1/verify's for the same response
          const verified = await (await post("/v1/verify", { maze: { rows, cols, prompt: c.prompt }, response: p.response })).json();
          expect(p.report).toEqual(verified);
          expect(p.complete).toBe(p.stop_reason === "end" || p.stop_reason === "eos");
        }
      }
    },
    SLOW,
  );

  it("max_new_tokens: a clean partial result, a prefix of the full response, stop_reason max_tokens", async () => {
    const c = first.cases[0];
    const n = Math.min(3, c.tokens.length - 1);
    expect(n).toBeGreaterThan(0);
    const body = await conforms(
      await post("/v1/predict", { ...instance(first, c.index), condition: first.condition, max_new_tokens: n }),
      "/v1/predict",
      "POST",
    );
    const p = body.predictions[0];
    expect(p).toMatchObject({ stop_reason: "max_tokens", complete: false, tokens: c.tokens.slice(0, n) });
    expect(p.report.plan_valid).toBe(false);
    expect(body.max_new_tokens).toBe(n);
  });

  it("time budget: decoding stops with stop_reason time_budget and the tokens so far", async () => {
    const c = first.cases[0];
    const body = await conforms(await post("/v1/predict", { ...instance(first, c.index), condition: "all", time_budget_ms: 1 }), "/v1/predict", "POST");
    for (const p of body.predictions) {
      const want = expected.find((m) => m.name === p.model)!.cases[0].tokens;
      expect(p.stop_reason === "time_budget" || (p.complete && p.tokens.length === want.length), p.model).toBe(true);
      expect(p.tokens).toEqual(want.slice(0, p.tokens.length));
    }
    expect(body.predictions[0].stop_reason).toBe("time_budget");
    expect(body.predictions[0].tokens.length).toBeLessThan(c.tokens.length);
  });

  it(
    "streams Server-Sent Events: start, the tokens as generated, the report, done",
    async () => {
      const c = first.cases[0];
      for (const how of [{ stream: true }, { accept: "text/event-stream" }]) {
        const res =
          "stream" in how
            ? await post("/v1/predict", { ...instance(first, c.index), condition: first.condition, stream: true, ...BUDGET })
            : await post("/v1/predict", { ...instance(first, c.index), condition: first.condition, ...BUDGET }, { accept: "text/event-stream" });
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
        expect(res.headers.get("x-request-id")).toBeTruthy();
        const events = parseSse(await res.text());
        expect(events[0].event).toBe("start");
        expect(events[0].data.conditions).toEqual([first.condition]);
        const tokens = events.filter((e) => e.event === "token");
        expect(tokens.map((e) => e.data.id)).toEqual(c.tokens);
        expect(tokens.map((e) => e.data.index)).toEqual(c.tokens.map((_, i) => i));
        expect(tokens.every((e) => e.data.condition === first.condition && typeof e.data.text === "string")).toBe(true);
        expect(events.map((e) => e.event)).toEqual(["start", ...tokens.map(() => "token"), "prediction", "done"]);
        const prediction = events.at(-2)!.data;
        expect(prediction.tokens).toEqual(c.tokens);
        expect(prediction.response).toBe(["reasoning", ...tokens.map((e) => e.data.text)].join(" "));
        expect(events.at(-1)!.data.stop_reasons).toEqual({ [first.condition]: c.stop_reason });
      }
    },
    SLOW,
  );

  it("streams every condition in turn with condition all, tokens before each report", async () => {
    const events = parseSse(await (await post("/v1/predict", { ...instance(first, 0), condition: "all", stream: true, max_new_tokens: 20 })).text());
    const order = events.map((e) =>
      e.event === "token" ? `token:${e.data.condition}` : e.event === "prediction" ? `prediction:${e.data.condition}` : e.event,
    );
    const collapsed = order.filter((e, i) => e !== order[i - 1]);
    const conditions = events[0].data.conditions as string[];
    expect(collapsed).toEqual(["start", ...conditions.flatMap((c) => [`token:${c}`, `prediction:${c}`]), "done"]);
  });

  it("a client that disconnects stops the decoding", async () => {
    const before = { decodes: recentDecodes.length, tokens: decodeStats.tokens };
    const full = first.cases[0].tokens.length;
    const res = await SELF.fetch(`${BASE}/v1/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ ...instance(first, 0), condition: first.condition }),
    });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toMatch(/^event: start/);
    await reader.cancel();
    // Decoding stops after the step in which the disconnect lands: either the decoder ends
    // the row as "aborted", or workerd drops the request's pending work. Either way no more
    // tokens are generated, unless the whole response was already done.
    await new Promise((r) => setTimeout(r, 300));
    const made = decodeStats.tokens - before.tokens;
    await new Promise((r) => setTimeout(r, 300));
    expect(decodeStats.tokens - before.tokens).toBe(made);
    const finished = recentDecodes.slice(before.decodes);
    if (made < full) expect(finished.every((d) => d.stop_reason === "aborted")).toBe(true);
    else expect(finished.map((d) => d.tokens)).toEqual([full]);
  });
});

describe.skipIf(!first)("documentation examples of /v1/predict (README.md, docs/)", () => {
  const mine = examples().filter((e) => e.command.includes("/v1/predict"));
  it.each(mine.map((e) => [title(e, 100), e] as const))(
    "%s",
    async (_name, example) => {
      await runExample(example);
    },
    SLOW,
  );
});

describe("POST /v1/predict rejects bad input with a 4xx JSON error", () => {
  const m = first ?? { rows: 10, cols: 10, condition: "correct", max_new_tokens: 1 };
  const ok = { ...instance(m, 0), condition: m.condition };

  it("unknown condition: 422 naming the choices and the available conditions", async () => {
    const err = await expectError(await post("/v1/predict", { ...ok, condition: "backwards" }), 422, "invalid_value", "/v1/predict");
    if (first) {
      expect(err.field).toBe("condition");
      expect(err.message).toContain("correct, no-trace, swapped, all");
    }
  });

  it("a condition without an installed model: 422 naming the available ones", async () => {
    const missing = CONDITIONS.find((c) => !expected.some((x) => x.condition === c && x.rows === m.rows && x.cols === m.cols));
    if (!missing) return; // every condition is installed
    const err = await expectError(await post("/v1/predict", { ...ok, condition: missing }), 422, "invalid_value", "/v1/predict");
    expect(err.message).toMatch(first ? /available conditions: / : /no models are installed/);
  });

  it("a maze size no model reads: 422 saying which sizes are supported", async () => {
    const err = await expectError(await post("/v1/predict", { ...ok, rows: 5, cols: 5 }), 422, "invalid_value", "/v1/predict");
    expect(err.field).toBe("rows");
    if (first) expect(err.message).toContain(`no model reads 5x5 mazes; supported sizes: ${SIZES.join(", ")}`);
    const viaMaze = await expectError(
      await post("/v1/predict", { maze: { rows: 5, cols: 5, start: [0, 0], goal: [4, 4], walls: [] } }),
      422,
      "invalid_value",
      "/v1/predict",
    );
    expect(viaMaze.field).toBe("maze.rows");
  });

  it("bad caps", async () => {
    if (first) {
      const over = await expectError(await post("/v1/predict", { ...ok, max_new_tokens: first.max_new_tokens + 1 }), 422, "invalid_value", "/v1/predict");
      expect(over.field).toBe("max_new_tokens");
      expect(over.message).toContain(String(first.max_new_tokens));
      await expectError(await post("/v1/predict", { ...ok, max_new_tokens: 0 }), 422, "invalid_value", "/v1/predict");
      await expectError(await post("/v1/predict", { ...ok, time_budget_ms: 0 }), 422, "invalid_value", "/v1/predict");
      await expectError(await post("/v1/predict", { ...ok, time_budget_ms: 10 ** 9 }), 422, "invalid_value", "/v1/predict");
    }
    await expectError(await post("/v1/predict", { ...ok, max_new_tokens: 2.5 }), first ? 400 : 422, first ? "invalid_type" : "invalid_value", "/v1/predict");
    await expectError(await post("/v1/predict", { ...ok, time_budget_ms: "fast" }), first ? 400 : 422, first ? "invalid_type" : "invalid_value", "/v1/predict");
  });

  it("malformed JSON, wrong types, unknown and conflicting fields", async () => {
    await expectError(await post("/v1/predict", '{"generator":'), 400, "invalid_json", "/v1/predict");
    await expectError(await post("/v1/predict", "[]"), 400, "invalid_type", "/v1/predict");
    await expectError(await post("/v1/predict", { ...ok, condition: 3 }), 400, "invalid_type", "/v1/predict");
    await expectError(await post("/v1/predict", { ...ok, stream: "yes" }), 400, "invalid_type", "/v1/predict");
    await expectError(await post("/v1/predict", { ...ok, temperature: 0.7 }), 400, "unknown_field", "/v1/predict");
    await expectError(await post("/v1/predict", { condition: "all" }), 400, "missing_field", "/v1/predict");
    const both = await expectError(
      await post("/v1/predict", { ...ok, maze: { rows: 10, cols: 10, prompt: "query start 0 0 goal 1 1" } }),
      400,
      "unknown_field",
      "/v1/predict",
    );
    expect(both.message).toContain("either maze or generator");
    await expectError(await post("/v1/predict", { ...ok, generator: "prim" }), 422, "invalid_value", "/v1/predict");
    await expectError(await post("/v1/predict", { ...ok, index: -1 }), 422, "invalid_value", "/v1/predict");
    // The stream fields are read as GET /v1/mazes reads its query, typed as JSON.
    expect((await expectError(await post("/v1/predict", { ...ok, split: "dev" }), 422, "invalid_value", "/v1/predict")).field).toBe("split");
    expect((await expectError(await post("/v1/predict", { ...ok, split: 1 }), 400, "invalid_type", "/v1/predict")).field).toBe("split");
    expect((await expectError(await post("/v1/predict", { ...ok, seed: "42" }), 400, "invalid_type", "/v1/predict")).field).toBe("seed");
    expect((await expectError(await post("/v1/predict", { ...ok, coverage: "half" }), 400, "invalid_type", "/v1/predict")).field).toBe("coverage");
    expect((await expectError(await post("/v1/predict", { ...ok, coverage: 2 }), 422, "invalid_value", "/v1/predict")).field).toBe("coverage");
    expect((await expectError(await post("/v1/predict", { ...ok, strict: "no" }), 400, "invalid_type", "/v1/predict")).field).toBe("strict");
    await expectError(await SELF.fetch(`${BASE}/v1/predict`, { method: "POST", body: "{}" }), 415, "unsupported_media_type", "/v1/predict");
    await expectError(await get("/v1/predict"), 405, "method_not_allowed", "/v1/predict");
  });
});
