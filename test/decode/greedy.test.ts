// The shared greedy decoder against a fake KV-cache session (test/decode/fake-model.ts): batched
// decoding with left padding equals one-at-a-time decoding, caps give clean partial results.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greedyDecode } from "../../src/decode/greedy";
import { ModelError, checkVocab, createModel, startIds } from "../../src/decode/model";
import { BOS, END, EOS, FakeSession, REASONING, type Rule, defaultRule, fakeManifest, fakeModel, fakeOrt, referenceDecode } from "./fake-model";

const contexts = (lengths: number[], salt = 0) => lengths.map((n, r) => [BOS, ...Array.from({ length: n }, (_, i) => (i * 7 + r * 13 + salt) % 40), REASONING]);

describe("greedyDecode", () => {
  it("decodes a left-padded batch exactly like one sequence at a time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 9 }), fc.nat(1000), async (lengths, salt) => {
        const ctx = contexts(lengths, salt);
        const { rows } = await greedyDecode(fakeModel(), ctx, { maxNewTokens: 60 });
        ctx.forEach((c, r) => {
          const want = referenceDecode(defaultRule, c, 60);
          expect(Array.from(rows[r].tokens)).toEqual(want.tokens);
          expect(rows[r].stop_reason).toBe(want.stop);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("stops at <|eos|> and at end, each row on its own, and drops finished rows from the batch", async () => {
    // row 0 ends after 2 tokens (end), row 1 after 4 (eos), row 2 runs to the cap
    const scripted: Rule = (seq) => {
      const row = seq[1],
        made = seq.length - 4;
      if (row === 0 && made === 1) return END;
      if (row === 1 && made === 3) return EOS;
      return 5;
    };
    const session = new FakeSession(scripted);
    const ctx = [0, 1, 2].map((r) => [BOS, r, 9, REASONING]);
    const { rows, timing } = await greedyDecode(fakeModel(session), ctx, { maxNewTokens: 6 });
    expect(rows.map((r) => r.stop_reason)).toEqual(["end", "eos", "max_tokens"]);
    expect(rows.map((r) => Array.from(r.tokens))).toEqual([
      [5, END],
      [5, 5, 5, EOS],
      [5, 5, 5, 5, 5, 5],
    ]);
    expect(session.calls.map((c) => c.batch)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(timing.tokens).toBe(12);
    expect(timing.steps).toBe(5);
  });

  it("cuts the padding no remaining row needs when the longest context finishes", async () => {
    // row 0 (context 12) ends at its first token; rows 1 and 2 (contexts 5 and 4) go on
    const scripted: Rule = (seq) => (seq[1] === 0 && seq.length === 12 ? EOS : 6);
    const session = new FakeSession(scripted);
    const ctx = [
      [BOS, 0, ...Array(9).fill(7), REASONING],
      [BOS, 1, 7, 7, REASONING],
      [BOS, 2, 7, REASONING],
    ];
    const { rows } = await greedyDecode(fakeModel(session), ctx, { maxNewTokens: 4 });
    expect(rows.map((r) => Array.from(r.tokens))).toEqual([[EOS], [6, 6, 6, 6], [6, 6, 6, 6]]);
    // prefill 12 wide; then 7 columns of padding go with row 0: the cache is 5 wide, growing by 1
    expect(session.calls.map((c) => [c.batch, c.past])).toEqual([
      [3, 0],
      [2, 5],
      [2, 6],
      [2, 7],
    ]);
  });

  it("max tokens: every row returns exactly the cap, a prefix of its full decode", async () => {
    const ctx = contexts([3, 10, 20]);
    const never: Rule = (seq) => (defaultRule(seq) === EOS || defaultRule(seq) === END ? 3 : defaultRule(seq));
    const { rows } = await greedyDecode(fakeModel(new FakeSession(never)), ctx, { maxNewTokens: 17 });
    for (const [r, row] of rows.entries()) {
      expect(row.stop_reason).toBe("max_tokens");
      expect(Array.from(row.tokens)).toEqual(referenceDecode(never, ctx[r], 17).tokens);
    }
    const none = await greedyDecode(fakeModel(), ctx, { maxNewTokens: 0 });
    expect(none.rows.every((r) => r.tokens.length === 0 && r.stop_reason === "max_tokens")).toBe(true);
  });

  it("uses the manifest's max_new_tokens by default and never runs past learned positions", async () => {
    const never: Rule = () => 4;
    const byManifest = await greedyDecode(fakeModel(new FakeSession(never), { max_new_tokens: 9 }), contexts([5]));
    expect(byManifest.rows[0].tokens.length).toBe(9);
    // 12 learned positions, a 7-token context: positions 7..11 take 5 more tokens, the 6th is not fed
    const arch = { ...fakeManifest().architecture, positional: "learned", max_positions: 12 };
    const session = new FakeSession(never);
    const { rows } = await greedyDecode(fakeModel(session, { architecture: arch }), contexts([5]), { maxNewTokens: 100 });
    expect(rows[0]).toMatchObject({ stop_reason: "max_tokens" });
    expect(rows[0].tokens.length).toBe(6);
    expect(Math.max(...session.calls.map((c) => c.past + c.seq))).toBeLessThanOrEqual(12);
    const tooLong = await greedyDecode(fakeModel(new FakeSession(never), { architecture: arch }), contexts([20]));
    expect(tooLong.rows[0]).toEqual({ tokens: new Int32Array(0), stop_reason: "max_tokens" });
  });

  it("time budget: rows still running stop with a partial result", async () => {
    const never: Rule = () => 4;
    let clock = 0;
    const session = new FakeSession(never);
    const ctx = contexts([2, 8]);
    // every clock read advances 1 ms; the budget runs out after a few steps
    const { rows } = await greedyDecode(fakeModel(session), ctx, { maxNewTokens: 1000, timeBudgetMs: 40, now: () => clock++ });
    for (const row of rows) {
      expect(row.stop_reason).toBe("time_budget");
      expect(row.tokens.length).toBeGreaterThan(0);
      expect(row.tokens.length).toBeLessThan(40);
      expect(row.tokens.every((t) => t === 4)).toBe(true);
    }
    const real = await greedyDecode(fakeModel(Object.assign(new FakeSession(never), { delayMs: 5 })), ctx, { maxNewTokens: 10_000, timeBudgetMs: 60 });
    expect(real.rows.map((r) => r.stop_reason)).toEqual(["time_budget", "time_budget"]);
  });

  it("abort: an AbortSignal ends every running row after the current step; an aborted signal decodes nothing", async () => {
    const never: Rule = () => 4;
    const controller = new AbortController();
    const seen: Array<[number, number, number]> = [];
    const { rows } = await greedyDecode(fakeModel(new FakeSession(never)), contexts([2, 3, 4]), {
      maxNewTokens: 1000,
      signal: controller.signal,
      onToken: (row, token, step) => {
        seen.push([row, token, step]);
        if (step === 4 && row === 2) controller.abort();
      },
    });
    expect(rows.map((r) => r.stop_reason)).toEqual(["aborted", "aborted", "aborted"]);
    // the abort lands after the step in which it was raised
    expect(rows.map((r) => r.tokens.length)).toEqual([5, 5, 5]);
    expect(seen.length).toBe(15);
    expect(seen.filter(([row]) => row === 1).map(([, , step]) => step)).toEqual([0, 1, 2, 3, 4]);

    const pre = new AbortController();
    pre.abort();
    const session = new FakeSession(never);
    const none = await greedyDecode(fakeModel(session), contexts([2, 3]), { signal: pre.signal });
    expect(none.rows.map((r) => [r.tokens.length, r.stop_reason])).toEqual([
      [0, "aborted"],
      [0, "aborted"],
    ]);
    expect(session.calls).toHaveLength(0);
  });

  it("streams every token through onToken, in order per row", async () => {
    const ctx = contexts([4, 9, 1, 12]);
    const streamed: number[][] = ctx.map(() => []);
    const { rows } = await greedyDecode(fakeModel(), ctx, { maxNewTokens: 50, onToken: (row, t) => streamed[row].push(t) });
    expect(streamed).toEqual(rows.map((r) => Array.from(r.tokens)));
  });

  it("reports timing: prefill, per-step and per-token costs, tokens generated", async () => {
    const { timing, rows } = await greedyDecode(fakeModel(), contexts([3, 6]), { maxNewTokens: 30 });
    expect(timing.tokens).toBe(rows.reduce((a, r) => a + r.tokens.length, 0));
    expect(timing.prefill_ms).toBeGreaterThanOrEqual(0);
    expect(timing.ms_per_token).toBeGreaterThanOrEqual(0);
    expect(await greedyDecode(fakeModel(), [])).toMatchObject({ rows: [], timing: { tokens: 0 } });
  });
});

describe("model manifest", () => {
  it("binds ids by name and starts from <|bos|> prompt reasoning", async () => {
    const m = fakeManifest();
    const model = await createModel(fakeOrt(new FakeSession()), m, new Uint8Array(0), m.vocab);
    expect([model.bos, model.eos, model.end, model.reasoning]).toEqual([BOS, EOS, END, REASONING]);
    expect(Array.from(startIds(model, [1, 2, 3]))).toEqual([BOS, 1, 2, 3, REASONING]);
  });

  it("refuses a vocabulary that differs from the engine's", async () => {
    const m = fakeManifest();
    const other = [...m.vocab];
    other[3] = "c99";
    expect(() => checkVocab(m, other)).toThrow(/first at id 3/);
    expect(() => checkVocab(m, m.vocab.slice(1))).toThrow(ModelError);
    await expect(createModel(fakeOrt(new FakeSession()), m, new Uint8Array(0), other)).rejects.toThrow(ModelError);
    await expect(createModel(fakeOrt(new FakeSession()), { name: "x" }, new Uint8Array(0), other)).rejects.toThrow(/not a model manifest/);
  });
});
