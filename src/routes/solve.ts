// POST /v1/solve {maze}: the paper's A* on one maze: the trace as events and as text, the plan,
// the whole response as a model should write it, and counts.
import { readJson } from "../http/body";
import { getEngine } from "../http/engine";
import { json } from "../http/errors";
import { countWords, object, only, readMaze, required } from "../http/input";
import { LIMITS } from "../http/limits";
import type { ApiRequest } from "../http/middleware";

export async function solve(request: ApiRequest): Promise<Response> {
  const body = only(object(await readJson(request, LIMITS.maxBodyBytes), ""), "", ["maze"]);
  const engine = await getEngine();
  const maze = await readMaze(engine, required(body, "maze", ""), "maze");

  const { events, plan } = engine.solve(maze);
  const { EVENT_CLOSE, EVENT_WIDTH } = engine;
  const list = [];
  let closes = 0;
  for (let i = 0; i < events.length; i += EVENT_WIDTH) {
    const close = events[i] === EVENT_CLOSE;
    if (close) closes++;
    list.push({ op: close ? "close" : "create", x: events[i + 1], y: events[i + 2], g: events[i + 3], h: events[i + 4] });
  }
  const steps: Array<[number, number]> = [];
  for (let i = 0; i < plan.length; i += 2) steps.push([plan[i], plan[i + 1]]);

  const prompt = engine.promptText(maze);
  // The full sequence is `<prompt> reasoning ... end`; the response is what follows the prompt.
  const response = engine.serialize(maze).slice(prompt.length + 1);
  return json({
    maze: { rows: maze.rows, cols: maze.cols, start: maze.start, goal: maze.goal },
    prompt,
    reachable: steps.length > 0,
    events: list,
    trace: engine.traceText(events),
    plan: steps,
    plan_text: engine.planText(plan),
    response,
    counts: {
      events: list.length,
      creates: list.length - closes,
      closes,
      plan_length: steps.length,
      response_tokens: countWords(response),
    },
  });
}
