// Random validator inputs for the paper-exactness checks (validator-paper.test.ts, and
// scripts/fuzz-validator.js at a million cases): token sequences drawn from the vocabulary, and
// golden responses (the engine's A* trace and plan) with a few random mutations, the kind of
// damage weak models do: cut-off plans, missing plans, stray tokens, early eos, plan steps
// mid-trace, keywords inside windows, coordinate tokens in cost slots.
import type { Engine } from "../../src/core/index";
import type { GeneratorName, Maze } from "../../src/core/mazes";

export interface PaperCase {
  maze: Maze;
  ids: Int32Array;
  words: string[]; // ids as words; ids outside the vocabulary as "<|unk|>"
}

/** The spec's LCG (deterministic cases from a seed). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const GENERATORS: GeneratorName[] = ["wilson", "kruskal", "dfs", "drunkards_walk", "searchformer"];

interface Golden {
  maze: Maze;
  vocab: string[];
  response: number[]; // ids of `reasoning <events> solution <plan> end`
}

export function caseMaker(engine: Engine, seed: number) {
  const rand = lcg(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const goldens: Golden[] = [];
  const vocabs = new Map<string, string[]>();
  const vocabOf = (rows: number, cols: number) => {
    const key = `${rows}x${cols}`;
    let v = vocabs.get(key);
    if (!v) vocabs.set(key, (v = engine.vocab(rows, cols)));
    return v;
  };

  // A pool of solved mazes, 3x3 to 10x10, rectangular too, from every generator.
  for (let k = 0; k < 60; k++) {
    const rows = 3 + int(8),
      cols = 3 + int(8);
    const stream = engine.openStream({ generator: GENERATORS[k % GENERATORS.length], rows, cols, seed: int(100000) });
    const maze = stream.next();
    stream.close();
    const text = engine.serialize(maze);
    const ids = Array.from(engine.tokenize(text.slice(text.indexOf("reasoning")), rows, cols));
    goldens.push({ maze, vocab: vocabOf(rows, cols), response: ids });
  }

  const wordsOf = (vocab: string[], ids: Int32Array) => Array.from(ids, (id) => vocab[id] ?? "<|unk|>");

  // Token ids by kind for a vocabulary.
  function kinds(vocab: string[]) {
    const id = (w: string) => vocab.indexOf(w);
    const costs = vocab.filter((w) => /^c\d+$/.test(w)).length;
    const coords = vocab.filter((w) => /^\d+$/.test(w)).length;
    return {
      cost: () => int(costs),
      coord: () => costs + int(coords),
      keyword: () => id(pick(["create", "close", "plan", "create", "close", "plan", "start", "goal", "wall", "query", "reasoning", "solution", "end"])),
      special: () => id(pick(["<|pad|>", "<|unk|>", "<|bos|>", "<|eos|>"])),
      outside: () => pick([-1, vocab.length, vocab.length + 7, 1 << 30]),
    };
  }

  function anyToken(vocab: string[]): number {
    const k = kinds(vocab);
    const r = rand();
    if (r < 0.3) return k.coord();
    if (r < 0.5) return k.cost();
    if (r < 0.9) return k.keyword();
    if (r < 0.98) return k.special();
    return k.outside();
  }

  // Random sequences over the vocabulary, often shaped like windows.
  function randomCase(): PaperCase {
    const g = pick(goldens);
    const k = kinds(g.vocab);
    const id = (w: string) => g.vocab.indexOf(w);
    const out: number[] = [];
    if (rand() < 0.7) out.push(id("reasoning"));
    const n = int(40);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.35) out.push(id(pick(["create", "close"])), k.coord(), k.coord(), k.cost(), k.cost());
      else if (r < 0.55) out.push(id("plan"), k.coord(), k.coord());
      else out.push(anyToken(g.vocab));
    }
    const ids = Int32Array.from(out);
    return { maze: g.maze, ids, words: wordsOf(g.vocab, ids) };
  }

  // A golden response with 1-4 mutations.
  function mutatedCase(): PaperCase {
    const g = pick(goldens);
    const k = kinds(g.vocab);
    const id = (w: string) => g.vocab.indexOf(w);
    let t = g.response.slice();
    if (rand() < 0.5) t.push(id("<|eos|>"));
    const mutations = 1 + int(4);
    for (let m = 0; m < mutations; m++) {
      const at = int(t.length + 1);
      switch (int(12)) {
        case 0:
          t.splice(at, 1);
          break; // delete a token
        case 1:
          t.splice(at, 0, anyToken(g.vocab));
          break; // insert a token
        case 2:
          if (at < t.length) t[at] = anyToken(g.vocab);
          break; // replace a token
        case 3:
          t = t.slice(0, at);
          break; // cut off
        case 4:
          t.splice(at, 0, id("<|eos|>"));
          break; // early eos
        case 5: {
          // a plan step mid-trace
          t.splice(at, 0, id("plan"), k.coord(), k.coord());
          break;
        }
        case 6: {
          // a coordinate token in a cost slot
          const costs = t.flatMap((v, i) => (/^c\d+$/.test(g.vocab[v] ?? "") ? [i] : []));
          if (costs.length) t[pick(costs)] = k.coord();
          break;
        }
        case 7: {
          // a keyword inside a window
          const ops = t.flatMap((v, i) => (g.vocab[v] === "create" || g.vocab[v] === "close" || g.vocab[v] === "plan" ? [i] : []));
          if (ops.length) t.splice(pick(ops) + 1 + int(4), 0, id(pick(["create", "close", "plan", "wall"])));
          break;
        }
        case 8: {
          // repeat a window
          const from = int(t.length),
            len = 3 + int(3);
          t.splice(from, 0, ...t.slice(from, from + len));
          break;
        }
        case 9: {
          // drop the plan (or part of it)
          const sol = t.indexOf(id("solution"));
          if (sol >= 0) t = t.slice(0, sol + 1 + int(Math.max(1, t.length - sol)));
          break;
        }
        case 10: {
          // swap two tokens
          const a = int(t.length),
            b = int(t.length);
          [t[a], t[b]] = [t[b], t[a]];
          break;
        }
        default: {
          // change a number by a little
          const nums = t.flatMap((v, i) => (/^c?\d+$/.test(g.vocab[v] ?? "") ? [i] : []));
          if (nums.length) {
            const i = pick(nums);
            const v = t[i] + pick([-1, 1]);
            if (/^c?\d+$/.test(g.vocab[v] ?? "")) t[i] = v;
          }
        }
      }
    }
    const ids = Int32Array.from(t);
    return { maze: g.maze, ids, words: wordsOf(g.vocab, ids) };
  }

  return { randomCase, mutatedCase, next: (): PaperCase => (rand() < 0.5 ? randomCase() : mutatedCase()) };
}
