// Benchmarks: named, versioned suites of test-split instances regenerated from the engine's
// streams (never stored). An instance is identified by `<generator>-<NNNN>` (its position among
// that generator's instances in the suite). The manifest's sha256 is taken over the canonical
// serialization (one JSON line per instance, the NDJSON the API serves, in suite order), so a
// client can prove the instances it downloaded are the ones the engine regenerates.
// Runs in the Worker and in Node (only the typed engine and WebCrypto are used).
import type { Engine, GeneratorName, Maze } from "../core";

export interface BenchmarkSpec {
  id: string;
  description: string;
  rows: number;
  cols: number;
  seed: number;
  split: "test";
  /** Instances per generator (after deduplication). */
  perGenerator: number;
}

/** The published suites. Never change a released one: add `-v2` instead. */
export const BENCHMARKS: readonly BenchmarkSpec[] = [
  {
    id: "maze6-v1",
    description:
      "6x6 mazes, 200 per generator from each generator's test stream (seed 42), deduplicated by (layout, start, goal): the size of the 6x6 study (docs/results.md)",
    rows: 6,
    cols: 6,
    seed: 42,
    split: "test",
    perGenerator: 200,
  },
  {
    id: "maze10-v1",
    description:
      "10x10 mazes, 200 per generator from each generator's test stream (seed 42), deduplicated by (layout, start, goal): the paper's in-distribution size",
    rows: 10,
    cols: 10,
    seed: 42,
    split: "test",
    perGenerator: 200,
  },
  {
    id: "maze30-v1",
    description:
      "30x30 mazes, 200 per generator from each generator's test stream (seed 42), deduplicated by (layout, start, goal): the paper's Searchformer-scale setting",
    rows: 30,
    cols: 30,
    seed: 42,
    split: "test",
    perGenerator: 200,
  },
];

export interface BenchmarkInstance {
  /** `<generator>-<NNNN>`, stable for the suite's version. */
  id: string;
  generator: GeneratorName;
  /** Position in the generator's test stream (duplicates skipped, so it can exceed the suite's index). */
  index: number;
  rows: number;
  cols: number;
  start: [number, number];
  goal: [number, number];
  walls: Array<[number, number]>;
  prompt: string;
}

export interface Suite {
  spec: BenchmarkSpec;
  generators: GeneratorName[];
  instances: BenchmarkInstance[];
  /** The engine's mazes, parallel to `instances` (for scoring). */
  mazes: Maze[];
  byId: Map<string, number>;
  /** Canonical NDJSON line of each instance (with its newline). */
  lines: string[];
  sha256: string;
  /** Duplicates skipped per generator while drawing. */
  skipped: Record<string, number>;
}

/** Gives up on a generator that keeps repeating itself (never reached by the published suites). */
const MAX_DRAWS_FACTOR = 20;

export function benchmarkSpec(id: string): BenchmarkSpec | undefined {
  return BENCHMARKS.find((b) => b.id === id);
}

export function instanceId(generator: string, i: number): string {
  return `${generator}-${String(i).padStart(4, "0")}`;
}

/** Canonical serialization of one instance: fixed key order, no spaces, newline-terminated. */
export function canonicalLine(inst: BenchmarkInstance): string {
  return (
    JSON.stringify({
      id: inst.id,
      generator: inst.generator,
      index: inst.index,
      rows: inst.rows,
      cols: inst.cols,
      start: inst.start,
      goal: inst.goal,
      walls: inst.walls,
      prompt: inst.prompt,
    }) + "\n"
  );
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Regenerates a suite from the engine: deterministic for an engine build. */
export async function buildSuite(engine: Engine, spec: BenchmarkSpec): Promise<Suite> {
  const generators = engine.generators().map((g) => g.name);
  const instances: BenchmarkInstance[] = [];
  const mazes: Maze[] = [];
  const seen = new Set<string>();
  const skipped: Record<string, number> = {};
  for (const generator of generators) {
    skipped[generator] = 0;
    const stream = engine.openStream({ generator, rows: spec.rows, cols: spec.cols, seed: spec.seed, split: spec.split });
    try {
      let index = 0,
        taken = 0;
      while (taken < spec.perGenerator) {
        if (index >= spec.perGenerator * MAX_DRAWS_FACTOR) {
          throw new Error(`${spec.id}: ${generator} repeats itself too often to fill ${spec.perGenerator} unique instances`);
        }
        const maze = stream.next();
        const streamIndex = index++;
        const key = `${maze.start}|${maze.goal}|${maze.cells.join("")}`;
        if (seen.has(key)) {
          skipped[generator]++;
          continue;
        }
        seen.add(key);
        instances.push({
          id: instanceId(generator, taken++),
          generator,
          index: streamIndex,
          rows: maze.rows,
          cols: maze.cols,
          start: maze.start,
          goal: maze.goal,
          walls: engine.wallsOf(maze),
          prompt: engine.promptText(maze),
        });
        mazes.push(maze);
      }
    } finally {
      stream.close();
    }
  }
  const lines = instances.map(canonicalLine);
  return {
    spec,
    generators,
    instances,
    mazes,
    lines,
    skipped,
    byId: new Map(instances.map((inst, i) => [inst.id, i])),
    sha256: await sha256Hex(lines.join("")),
  };
}

const suites = new Map<string, Promise<Suite>>();

/** The suite, generated once per isolate (or process) and cached. */
export function getSuite(engine: Engine, spec: BenchmarkSpec): Promise<Suite> {
  let suite = suites.get(spec.id);
  if (!suite) {
    suite = buildSuite(engine, spec).catch((err: unknown) => {
      suites.delete(spec.id);
      throw err;
    });
    suites.set(spec.id, suite);
  }
  return suite;
}

/** The manifest as the API publishes it. */
export function manifest(suite: Suite, engineBuild: string) {
  const { spec } = suite;
  const counts: Record<string, number> = {};
  for (const inst of suite.instances) counts[inst.generator] = (counts[inst.generator] ?? 0) + 1;
  return {
    id: spec.id,
    description: spec.description,
    rows: spec.rows,
    cols: spec.cols,
    split: spec.split,
    seed: spec.seed,
    per_generator: spec.perGenerator,
    generators: suite.generators,
    counts,
    count: suite.instances.length,
    duplicates_skipped: suite.skipped,
    id_format: "<generator>-<NNNN>",
    sha256: suite.sha256,
    hash_of: "sha256 over the suite's NDJSON instances (GET /v1/benchmarks/{id}/instances, format=ndjson, all of them, in order)",
    engine: engineBuild,
  };
}
