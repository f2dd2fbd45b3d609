// What the pages share: the current maze (drawn in the maze view, judged in the playground) and
// where it came from, so a link can name it again.
import type { Engine } from "../../src/core/load";
import { type GeneratorName, type Maze, type Split, STREAM_DEFAULTS } from "../../src/core/mazes";

export interface StreamSource {
  generator: GeneratorName;
  rows: number;
  cols: number;
  seed: number;
  split: Split;
  index: number;
}
export interface Current {
  maze: Maze;
  source: StreamSource | null;
}

export let current: Current | null = null;
export function setCurrent(c: Current): void {
  current = c;
}

/** The demo's stream: the test split under the API's default seed, so a maze here is GET /v1/mazes?split=test's. */
export function testSource(generator: GeneratorName, rows: number, cols: number, index = 0): StreamSource {
  return { generator, rows, cols, seed: STREAM_DEFAULTS.seed, split: "test", index };
}

/** Instance `index` of a stream: the same maze as GET /v1/mazes for the same options. */
export function streamMaze(engine: Engine, src: StreamSource): Maze {
  const stream = engine.openStream({ generator: src.generator, rows: src.rows, cols: src.cols, seed: src.seed, split: src.split });
  try {
    let maze = stream.next();
    for (let i = 0; i < src.index; i++) maze = stream.next();
    return maze;
  } finally {
    stream.close();
  }
}

/** The API's walls form of a maze. */
export function mazeBody(engine: Engine, maze: Maze) {
  return { rows: maze.rows, cols: maze.cols, start: maze.start, goal: maze.goal, walls: engine.wallsOf(maze) };
}

/** A*'s full response (from `reasoning` to `end`) for a maze. */
export function aStarResponse(engine: Engine, maze: Maze): string {
  const text = engine.serialize(maze);
  return text.slice(text.indexOf("reasoning"));
}

/** URL parameters naming a maze: its stream instance, or its prompt when it was edited. */
export function mazeParams(engine: Engine, c: Current): URLSearchParams {
  const p = new URLSearchParams();
  if (c.source) {
    const s = c.source;
    p.set("g", s.generator);
    p.set("size", `${s.rows}x${s.cols}`);
    p.set("seed", String(s.seed));
    p.set("split", s.split);
    p.set("i", String(s.index));
  } else {
    p.set("size", `${c.maze.rows}x${c.maze.cols}`);
    p.set("maze", engine.promptText(c.maze));
  }
  return p;
}

/** The maze URL parameters name, or null when they name none. Throws the engine's input errors. */
export function mazeFromParams(engine: Engine, p: URLSearchParams): Current | null {
  const size = /^(\d+)x(\d+)$/.exec(p.get("size") ?? "");
  if (!size) return null;
  const rows = Number(size[1]),
    cols = Number(size[2]);
  const prompt = p.get("maze");
  if (prompt) return { maze: engine.parsePrompt(prompt, rows, cols), source: null };
  if (!p.get("g")) return null;
  const source: StreamSource = {
    generator: p.get("g") as GeneratorName,
    rows,
    cols,
    seed: Number(p.get("seed") ?? 42),
    split: (p.get("split") ?? "test") as Split,
    index: Number(p.get("i") ?? 0),
  };
  return { maze: streamMaze(engine, source), source };
}

/** The paper's swapped condition for one maze: this maze's A* plan behind `other`'s A* trace. */
export function swappedResponse(engine: Engine, maze: Maze, other: Maze): string {
  const text = engine.serialize(maze, { events: engine.solve(other).events, plan: engine.solve(maze).plan });
  return text.slice(text.indexOf("reasoning"));
}
