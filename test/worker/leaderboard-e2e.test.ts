// End to end: an account, the benchmark's instances over HTTP, perfect (A*) and swapped
// submissions scored by the Worker, the leaderboard and the stored submission.
import { describe, expect, it } from "vitest";
import { getEngine } from "../../src/http/engine";
import { conforms, get } from "./helpers";
import { createAccount, solved, submission, submit, swappedPredictions } from "./leaderboard-helpers";

describe("leaderboard end to end", () => {
  it("scores perfect and swapped submissions and ranks them", async () => {
    const { key } = await createAccount("e2e lab", "me@example.org");

    // The instances over HTTP are the ones the helpers solve, in the same order.
    const page = await conforms(await get("/v1/benchmarks/maze10-v1/instances?limit=1000"), "/v1/benchmarks/{id}/instances");
    expect(page.total).toBe(1000);
    const all = await solved();
    expect(page.instances.map((i: { id: string }) => i.id)).toEqual(all.map((s) => s.id));
    expect(page.instances[7].prompt).toBe(all[7].prompt);

    const perfectRes = await submit(
      key,
      submission(
        all.map((s) => ({ id: s.id, response: s.response })),
        { name: "A* copy", condition: "correct", parameters: 0 },
      ),
    );
    expect(perfectRes.status).toBe(201);
    expect(perfectRes.headers.get("ratelimit-remaining")).toBe("19");
    expect(perfectRes.headers.get("ratelimit-limit")).toBe("20");
    expect(perfectRes.headers.get("server-timing")).toMatch(/score;dur=/);
    const perfect = await conforms(perfectRes, "/v1/submissions", "POST");
    expect(perfect.scores.overall).toMatchObject({ instances: 1000, scored: 1000, missing: 0, plan_validity: 1, trace_validity: 1, optimal_rate: 1 });
    for (const g of Object.values(perfect.scores.by_generator) as Array<{ plan_validity: number; instances: number }>) {
      expect(g).toMatchObject({ plan_validity: 1, trace_validity: 1, instances: 200 });
    }
    expect(perfect.benchmark.sha256).toMatch(/^[0-9a-f]{64}$/);
    const health = await (await get("/v1/health")).json<{ engine: { build: string } }>();
    expect(perfect.engine.build).toBe(health.engine.build);

    const swappedRes = await submit(key, submission(swappedPredictions(all), { name: "swapped copy", condition: "swapped" }));
    const swapped = await conforms(swappedRes, "/v1/submissions", "POST");
    expect(swappedRes.headers.get("ratelimit-remaining")).toBe("18");
    expect(swapped.scores.overall).toMatchObject({ plan_validity: 1, trace_validity: 0 });
    expect(swapped.scores.overall.table).toEqual({
      plan_valid_trace_valid: 0,
      plan_valid_trace_invalid: 1000,
      plan_invalid_trace_valid: 0,
      plan_invalid_trace_invalid: 0,
    });
    expect(Object.values(swapped.scores.overall.first_trace_error).reduce((a: number, b) => a + (b as number), 0)).toBe(1000);

    // Half the instances only: the rest count as missing and invalid.
    const half = await conforms(
      await submit(key, submission(all.filter((_, i) => i % 2 === 0).map((s) => ({ id: s.id, response: s.response })))),
      "/v1/submissions",
      "POST",
    );
    expect(half.scores.overall).toMatchObject({ missing: 500, scored: 500, plan_validity: 0.5, trace_validity: 0.5 });
    expect(half.counts).toEqual({ instances: 1000, predictions: 500, missing: 500 });

    // Ranked by trace validity: perfect, half, swapped; by plan validity swapped (1.0) ties perfect and comes after it (later).
    const byTrace = await conforms(await get("/v1/leaderboard/maze10-v1?sort=trace_validity"), "/v1/leaderboard/{benchmark}");
    expect(byTrace.rows.map((r: { submission_id: string }) => r.submission_id)).toEqual([perfect.id, half.id, swapped.id]);
    expect(byTrace.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    const byPlan = await conforms(await get("/v1/leaderboard/maze10-v1"), "/v1/leaderboard/{benchmark}");
    expect(byPlan.sort).toBe("plan_validity");
    expect(byPlan.rows.map((r: { submission_id: string }) => r.submission_id)).toEqual([perfect.id, swapped.id, half.id]);
    const byGen = await conforms(await get("/v1/leaderboard/maze10-v1?generator=dfs&sort=trace_validity&limit=2"), "/v1/leaderboard/{benchmark}");
    expect(byGen).toMatchObject({ generator: "dfs", total: 3, limit: 2 });
    expect(byGen.rows[0]).toMatchObject({ submission_id: perfect.id, instances: 200, trace_validity: 1 });
    const text = JSON.stringify(byPlan);
    expect(text).not.toContain("me@example.org");
    expect(text).not.toContain(key);

    // The stored submission: public scores and paginated per-instance results.
    const stored = await conforms(await get(`/v1/submissions/${swapped.id}?offset=10&limit=5`), "/v1/submissions/{id}");
    expect(stored.scores).toEqual(swapped.scores);
    expect(stored.results).toMatchObject({ total: 1000, offset: 10, limit: 5 });
    expect(stored.results.items.map((r: { id: string }) => r.id)).toEqual(all.slice(10, 15).map((s) => s.id));
    expect(stored.results.items[0]).toMatchObject({ trace_valid: false, plan_valid: true, missing: false });
    const gen = await conforms(await get(`/v1/submissions/${half.id}?generator=kruskal&limit=2`), "/v1/submissions/{id}");
    expect(gen.results.items).toMatchObject([
      { id: "kruskal-0000", missing: false },
      { id: "kruskal-0001", missing: true, plan_valid: false },
    ]);
    expect(JSON.stringify(stored)).not.toContain("me@example.org");

    // The predictions are stored for re-scoring (scripts/rescore-submissions.js), as vocabulary
    // words; a submission scored by another engine build leaves the leaderboard until re-scored.
    const { env } = await import("cloudflare:test");
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n, MIN(idx) AS first FROM submission_predictions WHERE submission_id = ?")
      .bind(half.id)
      .first<{ n: number; first: number }>();
    expect(kept).toEqual({ n: 500, first: 0 });
    const one = await env.DB.prepare("SELECT response FROM submission_predictions WHERE submission_id = ? AND idx = 0")
      .bind(perfect.id)
      .first<{ response: string }>();
    expect(one?.response).toBe(all[0].response.trim().split(/\s+/).join(" "));
    await env.DB.prepare("UPDATE submissions SET engine_build = 'an-older-build' WHERE id = ?").bind(swapped.id).run();
    const current = await conforms(await get("/v1/leaderboard/maze10-v1"), "/v1/leaderboard/{benchmark}");
    expect(current).toMatchObject({ total: 2, other_builds: 1, engine: { build: health.engine.build } });
    expect(current.rows.map((r: { submission_id: string }) => r.submission_id)).toEqual([perfect.id, half.id]);
  });

  it("scores the 6x6 suite: A* responses are perfect, the swapped ones plan-valid with invalid traces", async () => {
    const { key } = await createAccount("6x6 lab");
    const all = (await solved("maze6-v1")).filter((_, i) => i % 20 === 0); // 50 instances, 10 per generator
    const astar = await submit(
      key,
      submission(
        all.map((s) => ({ id: s.id, response: s.response })),
        { name: "A* 6x6", condition: "other" },
        "maze6-v1",
      ),
    );
    expect(astar.status).toBe(201);
    const a = await conforms(astar, "/v1/submissions", "POST");
    expect(a.benchmark.id).toBe("maze6-v1");
    expect(a.scores.overall).toMatchObject({ instances: 1000, scored: 50, plan_valid: 50, trace_valid: 50, optimal: 50, missing: 950 });
    const swap = await conforms(
      await submit(key, submission(swappedPredictions(all), { name: "swapped 6x6", condition: "swapped" }, "maze6-v1")),
      "/v1/submissions",
      "POST",
    );
    expect(swap.scores.overall).toMatchObject({ scored: 50, plan_valid: 50 });
    expect(swap.scores.overall.trace_valid).toBeLessThan(50);
    // a 6x6 board holds only 6x6 submissions
    const board = await conforms(await get("/v1/leaderboard/maze6-v1"), "/v1/leaderboard/{benchmark}");
    expect(board.rows.map((row: { submission_id: string }) => row.submission_id)).toEqual([a.id, swap.id]);
    // ids are per suite: 200 per generator, so wilson-0999 does not exist in maze6-v1
    const wrong = await submit(key, submission([{ id: "wilson-0999", response: "" }], { name: "x", condition: "other" }, "maze6-v1"));
    expect(wrong.status).toBe(422);
  });

  it("scores the 30x30 suite too (its A* responses as token ids)", async () => {
    const { key } = await createAccount("30x30 lab");
    const engine = await getEngine();
    const all = (await solved("maze30-v1")).filter((_, i) => i % 40 === 0); // 25 instances, 5 per generator
    const predictions = all.map((s) => ({ id: s.id, response: Array.from(engine.tokenize(s.response, 30, 30)) }));
    const res = await submit(key, submission(predictions, { name: "A* ids", condition: "other" }, "maze30-v1"));
    expect(res.status).toBe(201);
    const r = await conforms(res, "/v1/submissions", "POST");
    expect(r.benchmark.id).toBe("maze30-v1");
    expect(r.scores.overall).toMatchObject({ instances: 1000, scored: 25, plan_valid: 25, trace_valid: 25, optimal: 25, missing: 975 });
    const board = await conforms(await get("/v1/leaderboard/maze30-v1"), "/v1/leaderboard/{benchmark}");
    expect(board.rows.map((row: { submission_id: string }) => row.submission_id)).toEqual([r.id]);
  });
});
