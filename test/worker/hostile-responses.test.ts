// Hostile responses, generated: arbitrary text and token ids always verify (200) and the report
// matches the OpenAPI description. (A file of its own: see hostile-generated.test.ts.)
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WILSON_10_TEST_0 } from "./fixtures";
import { BASE, conforms } from "./helpers";

const P = { rows: 10, cols: 10, prompt: WILSON_10_TEST_0.prompt };

async function verify(response: string | number[]): Promise<void> {
  const res = await SELF.fetch(`${BASE}/v1/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ maze: P, response, strict: true }),
  });
  expect(res.status, JSON.stringify(response).slice(0, 200)).toBe(200);
  await conforms(res, "/v1/verify", "POST");
}

describe("hostile responses, generated", () => {
  const words = fc.constantFrom("create", "close", "plan", "reasoning", "solution", "end", "<|eos|>", "<|bos|>", "0", "9", "10", "c0", "c3", "c99", "x", "");
  it("arbitrary response text: 200", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(words, { maxLength: 60 }), (w) => verify(w.join(" "))),
      { numRuns: 80, seed: 20260426 },
    );
  });

  it("arbitrary token ids: 200", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(123), { maxLength: 60 }), (ids) => verify(ids)),
      { numRuns: 80, seed: 20260426 },
    );
  });
});
