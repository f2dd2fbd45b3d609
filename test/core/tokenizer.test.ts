// The vocabulary (spec section 5) and text <-> ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/node";
import { EngineInputError } from "../../src/core/mazes";

const engine = await loadEngine();
const KEYWORDS = "start goal wall create close plan query reasoning solution end".split(" ");
const SPECIALS = ["<|pad|>", "<|unk|>", "<|bos|>", "<|eos|>"];

describe("vocab", () => {
  it("has N^2 + N + 14 tokens for N x N (124 at 10x10, 944 at 30x30)", () => {
    expect(engine.vocab(10, 10)).toHaveLength(124);
    expect(engine.vocab(30, 30)).toHaveLength(944);
    for (const n of [2, 5, 20, 64]) expect(engine.vocab(n, n)).toHaveLength(n * n + n + 14);
  });

  it("lists costs, coordinates, keywords, specials in id order", () => {
    for (const [rows, cols] of [
      [10, 10],
      [3, 7],
      [7, 3],
    ]) {
      const n = rows * cols,
        m = Math.max(rows, cols);
      const want = [...Array.from({ length: n }, (_, i) => `c${i}`), ...Array.from({ length: m }, (_, i) => `${i}`), ...KEYWORDS, ...SPECIALS];
      expect(engine.vocab(rows, cols)).toEqual(want);
    }
  });

  it("returns a copy", () => {
    const v = engine.vocab(4, 4);
    v[0] = "changed";
    expect(engine.vocab(4, 4)[0]).toBe("c0");
  });

  it("rejects sizes outside 2..64 with an EngineInputError", () => {
    for (const [r, c] of [
      [1, 10],
      [10, 65],
      [2.5, 3],
      [NaN, 4],
    ]) {
      expect(() => engine.vocab(r, c)).toThrow(EngineInputError);
      expect(() => engine.tokenize("start", r, c)).toThrow(EngineInputError);
    }
  });
});

describe("tokenize / detokenize", () => {
  const vocab10 = engine.vocab(10, 10);
  const id = (w: string) => vocab10.indexOf(w);

  it("maps each whitespace-separated word to its id", () => {
    const ids = engine.tokenize("  query\tstart 3 4\n goal 9 0 reasoning close 3 4 c0 c6  ", 10, 10);
    expect(Array.from(ids)).toEqual(["query", "start", "3", "4", "goal", "9", "0", "reasoning", "close", "3", "4", "c0", "c6"].map(id));
  });

  it("reads every word that is not exactly a vocabulary word as <|unk|>", () => {
    const unk = id("<|unk|>");
    const words = ["c01", "01", "-1", "+3", "10", "c100", "99999999999", "c99999999999", "Close", "c", "c-1", "<|UNK|>", "3.0", "é"];
    expect(Array.from(engine.tokenize(words.join(" "), 10, 10))).toEqual(words.map(() => unk));
    expect(Array.from(engine.tokenize("c99 9 <|eos|>", 10, 10))).toEqual([99, 109, 123]);
  });

  it("handles empty and blank text", () => {
    expect(engine.tokenize("", 10, 10)).toHaveLength(0);
    expect(engine.tokenize(" \n\t\r ", 10, 10)).toHaveLength(0);
    expect(engine.detokenize(new Int32Array(0), 10, 10)).toBe("");
  });

  it("round-trips engine sequences exactly", () => {
    for (const generator of ["wilson", "drunkards_walk", "searchformer"] as const) {
      for (const [rows, cols] of [
        [10, 10],
        [6, 9],
        [30, 30],
      ]) {
        const stream = engine.openStream({ generator, rows, cols, seed: 7 });
        for (let i = 0; i < 5; i++) {
          const text = engine.serialize(stream.next());
          const ids = engine.tokenize(text, rows, cols);
          expect(ids).toHaveLength(text.split(" ").length);
          expect(ids.every((t) => t !== engine.vocab(rows, cols).indexOf("<|unk|>"))).toBe(true);
          expect(engine.detokenize(ids, rows, cols)).toBe(text);
        }
        stream.close();
      }
    }
  });

  it("detokenizes ids outside the vocabulary as <|unk|>", () => {
    expect(engine.detokenize(new Int32Array([-1, 124, 2 ** 31 - 1, -(2 ** 31), 0, 123]), 10, 10)).toBe("<|unk|> <|unk|> <|unk|> <|unk|> c0 <|eos|>");
    expect(engine.detokenize([5, 105], 10, 10)).toBe("c5 5");
  });

  it("property: detokenize . tokenize is the identity on vocabulary words", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.array(fc.nat(), { maxLength: 200 }), (rows, cols, picks) => {
        const vocab = engine.vocab(rows, cols);
        const ids = Int32Array.from(picks.map((p) => p % vocab.length));
        const text = engine.detokenize(ids, rows, cols);
        expect(Array.from(engine.tokenize(text, rows, cols))).toEqual(Array.from(ids));
      }),
    );
  });

  it("property: any text tokenizes to one in-vocabulary id per word, never throwing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (text) => {
        const ids = engine.tokenize(text, 10, 10);
        expect(ids.length).toBe(text.split(/[ \t\n\v\f\r]+/).filter(Boolean).length);
        expect(ids.every((t) => t >= 0 && t < 124)).toBe(true);
      }),
    );
  });
});
