// Parity with the paper authors' released generator: for each of the 30 reference streams
// (5 generators x 10/20/30 x train/test, seed 42), our JSONL must hash to the recorded digest.
// The digests come from ../shared/reference/golden-sha256.json (facts, not data).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import type { GeneratorName, Split } from "../../src/core/mazes";

const digests = JSON.parse(readFileSync(new URL("../fixtures/golden-sha256.json", import.meta.url), "utf8")) as Record<
  string,
  { lines: number; sha256: string }
>;

describe("golden parity (released generator, seed 42)", async () => {
  const engine = await loadEngine();
  it("covers all 30 reference streams", () => {
    expect(Object.keys(digests)).toHaveLength(30);
  });
  for (const [file, want] of Object.entries(digests)) {
    const [, generator, size, split] = file.match(/^(.+)_(\d+)_(train|test)\.jsonl$/)!;
    it(file, () => {
      const stream = engine.openStream({
        generator: generator as GeneratorName,
        rows: +size,
        cols: +size,
        split: split as Split,
        seed: 42,
      });
      const hash = createHash("sha256");
      for (let i = 0; i < want.lines; i++) hash.update(stream.nextLine());
      stream.close();
      expect(hash.digest("hex")).toBe(want.sha256);
    });
  }
});
