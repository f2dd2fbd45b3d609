// Mazes and responses for the Worker tests, made by the engine itself (its streams are checked
// byte for byte against the released generator's data by the Node tests).
import type { Maze } from "../../src/core";
import { getEngine } from "../../src/http/engine";

/** wilson 10x10 test stream, seed 42, line 0: copied by hand from the reference data. */
export const WILSON_10_TEST_0 = {
  prompt:
    "query start 6 7 goal 7 6 wall 1 0 wall 5 0 wall 9 0 wall 1 1 wall 3 1 wall 4 1 wall 5 1 wall 7 1 wall 9 1 wall 7 2 wall 9 2 wall 1 3 wall 3 3 wall 5 3 wall 6 3 wall 7 3 wall 8 3 wall 9 3 wall 1 4 wall 3 4 wall 5 4 wall 9 4 wall 0 5 wall 1 5 wall 3 5 wall 4 5 wall 5 5 wall 7 5 wall 8 5 wall 9 5 wall 9 6 wall 1 7 wall 2 7 wall 3 7 wall 4 7 wall 5 7 wall 7 7 wall 9 7 wall 3 8 wall 7 8 wall 9 8 wall 0 9 wall 1 9 wall 2 9 wall 3 9 wall 4 9 wall 5 9 wall 6 9 wall 7 9 wall 8 9 wall 9 9",
  response:
    "reasoning close 6 7 c0 c2 create 6 6 c1 c1 create 6 8 c1 c3 close 6 6 c1 c1 create 6 5 c2 c2 create 7 6 c2 c0 create 5 6 c2 c2 close 7 6 c2 c0 solution plan 6 7 plan 6 6 plan 7 6 end",
};

export interface Instance {
  maze: Maze;
  /** As the API takes it: {rows, cols, start, goal, walls}. */
  wallMaze: { rows: number; cols: number; start: [number, number]; goal: [number, number]; walls: Array<[number, number]> };
  promptMaze: { rows: number; cols: number; prompt: string };
  /** `reasoning <trace> solution <plan> end` */
  response: string;
  trace: string;
  plan: string;
}

/** The first `count` instances of a stream, with their A* responses. */
export async function instances(generator: string, n: number, count: number, split: "train" | "test" = "test"): Promise<Instance[]> {
  const engine = await getEngine();
  const stream = engine.openStream({ generator: generator as never, rows: n, cols: n, seed: 42, split });
  const out: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const maze = stream.next();
    const prompt = engine.promptText(maze);
    const { events, plan } = engine.solve(maze);
    out.push({
      maze,
      wallMaze: { rows: maze.rows, cols: maze.cols, start: maze.start, goal: maze.goal, walls: engine.wallsOf(maze) },
      promptMaze: { rows: maze.rows, cols: maze.cols, prompt },
      response: engine.serialize(maze).slice(prompt.length + 1),
      trace: engine.traceText(events),
      plan: engine.planText(plan),
    });
  }
  stream.close();
  return out;
}

/** Another instance's trace with this instance's plan: the paper's swapped condition. */
export function swapped(mine: Instance, other: Instance): string {
  return `reasoning ${other.trace} solution ${mine.plan} end`;
}
