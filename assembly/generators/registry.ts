// THE registry of maze generators. The CLI, the HTTP API and the benchmarks read it (through
// `registryJson`) instead of listing generator names again. Adding a generator: write
// <name>.ts beside this file with the Generate signature, then add one entry to GENERATORS.
import { MAX_SIZE, MIN_SIZE, Maze } from "../maze";
import { Lcg } from "../prng";
import { GenOptions } from "./common";
import { generateWilson } from "./wilson";
import { generateKruskal } from "./kruskal";
import { generateDfs } from "./dfs";
import { generateDrunkardsWalk } from "./drunkards_walk";
import { generateSearchformer } from "./searchformer";

// Fills `maze` (its size already set) from the stream's PRNG; false if no maze could be made.
export type Generate = (rng: Lcg, maze: Maze, opts: GenOptions) => bool;

export const PARAM_NUMBER: i32 = 0;
export const PARAM_BOOLEAN: i32 = 1;

export class ParamInfo {
  constructor(
    public name: string,
    public kind: i32,
    public description: string,
    public defaultValue: f64,
    public min: f64 = 0,
    public max: f64 = 1,
  ) {}
}

export class GeneratorInfo {
  constructor(
    public name: string,
    public description: string,
    public generate: Generate,
    public params: ParamInfo[] = [],
  ) {}
}

const COVERAGE = new ParamInfo("coverage", PARAM_NUMBER,
  "fraction of cells carved: floor(rows * cols * coverage), at least 2", 0.5, 0, 1);
const STRICT = new ParamInfo("strict", PARAM_BOOLEAN,
  "resample instead of accepting a short last attempt (breaks parity with the released data)", 0);

// Ids are positions in this list; hosts look generators up by name.
export const GENERATORS: GeneratorInfo[] = [
  new GeneratorInfo("wilson", "Wilson's loop-erased random walk: uniform perfect mazes (the paper's training set)", generateWilson),
  new GeneratorInfo("kruskal", "randomized Kruskal: perfect mazes from shuffled room edges", generateKruskal),
  new GeneratorInfo("dfs", "recursive backtracker from (0,0): long corridors, long plans", generateDfs),
  new GeneratorInfo("drunkards_walk", "random-walk caves with loops", generateDrunkardsWalk, [COVERAGE]),
  new GeneratorInfo("searchformer", "Searchformer-style: 30-50% random walls, path of at least max(rows, cols) cells", generateSearchformer, [STRICT]),
];

function quote(s: string): string {
  // Registry strings are ours and plain ASCII without quotes or backslashes.
  return '"' + s + '"';
}

// JSON description: [{name, description, minSize, maxSize, params: [{name, type, ...}]}].
export function registryJson(): string {
  let out = "[";
  for (let i = 0; i < GENERATORS.length; i++) {
    const g = GENERATORS[i];
    if (i > 0) out += ",";
    out += '{"name":' + quote(g.name) + ',"description":' + quote(g.description);
    out += ',"minSize":' + MIN_SIZE.toString() + ',"maxSize":' + MAX_SIZE.toString() + ',"params":[';
    for (let j = 0; j < g.params.length; j++) {
      const p = g.params[j];
      if (j > 0) out += ",";
      out += '{"name":' + quote(p.name) + ',"description":' + quote(p.description);
      if (p.kind == PARAM_BOOLEAN) {
        out += ',"type":"boolean","default":' + (p.defaultValue != 0 ? "true" : "false") + "}";
      } else {
        out += ',"type":"number","default":' + p.defaultValue.toString();
        out += ',"min":' + p.min.toString() + ',"max":' + p.max.toString() + "}";
      }
    }
    out += "]}";
  }
  return out + "]";
}
