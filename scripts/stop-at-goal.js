#!/usr/bin/env node
// A diagnostic for models that find the goal but do not stop there (the 10x10 no-trace reference
// model walks onto the goal and keeps going): each response of a `reasonless eval --predictions`
// file is cut right after its first plan step onto the goal, `end` is appended, and the engine's
// validator scores the result. The rates say how often the plan was right up to the goal; they
// are not scores of what the model wrote (the validator's verdict on that stays in eval's output).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";

const { values } = parseOptions("stop-at-goal", {
  usage: `Usage: node scripts/stop-at-goal.js --predictions FILE [--json]   (after npm run build)

Reads the JSONL that \`reasonless eval --predictions FILE\` writes, cuts each response after its
first \`plan X Y\` step onto the maze's goal, appends \`end\`, validates that with the paper's
rules, and prints per generator how many would be plan-valid and optimal had the model stopped
there. Responses that never step onto the goal stay as they were (and are invalid).`,
  options: {
    predictions: { type: "string", value: "file", help: "predictions JSONL from reasonless eval (required)" },
    json: { type: "boolean", help: "print one JSON object instead of the table" },
  },
  examples: ["node scripts/stop-at-goal.js --predictions runs/eval/no-trace.predictions.jsonl"],
});
if (!values.predictions) {
  process.stderr.write("stop-at-goal: --predictions is required (see --help)\n");
  process.exit(2);
}

const { loadEngine } = await loadLib("stop-at-goal");
const engine = await loadEngine();

/** The response up to and including its first plan step onto `goal`, then `end`; null if none. */
function cutAtGoal(response, goal) {
  const words = response.trim().split(/\s+/);
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i] === "plan" && words[i + 1] === String(goal[0]) && words[i + 2] === String(goal[1])) {
      return [...words.slice(0, i + 3), "end"].join(" ");
    }
  }
  return null;
}

const byGenerator = new Map();
let lineNo = 0;
const lines = createInterface({
  input: createReadStream(values.predictions).on("error", (err) => {
    process.stderr.write(`stop-at-goal: cannot read ${values.predictions}: ${err.message}\n`);
    process.exit(2);
  }),
});
for await (const line of lines) {
  lineNo++;
  if (!line.trim()) continue;
  let p, maze;
  try {
    p = JSON.parse(line);
    if (typeof p.prompt !== "string" || typeof p.response !== "string") throw new Error("needs prompt and response strings");
    maze = engine.parsePrompt(p.prompt, p.rows, p.cols);
  } catch (err) {
    process.stderr.write(`stop-at-goal: ${values.predictions}:${lineNo}: not a prediction line (${err.message})\n`);
    process.exit(2);
  }
  const cut = cutAtGoal(p.response, maze.goal);
  const report = engine.validate(maze, cut ?? p.response);
  const g = byGenerator.get(p.generator ?? "?") ?? { count: 0, reaches_goal: 0, plan_valid: 0, optimal: 0 };
  g.count++;
  g.reaches_goal += cut === null ? 0 : 1;
  g.plan_valid += report.plan_valid ? 1 : 0;
  g.optimal += report.optimal ? 1 : 0;
  byGenerator.set(p.generator ?? "?", g);
}

const result = Object.fromEntries(
  [...byGenerator].map(([name, g]) => [
    name,
    {
      ...g,
      plan_validity: g.plan_valid / g.count,
      optimal_rate: g.optimal / g.count,
    },
  ]),
);
if (values.json) console.log(JSON.stringify({ predictions: values.predictions, generators: result }, null, 1));
else {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  console.log("| generator | count | steps onto the goal | plan-valid if stopped there | optimal |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, g] of Object.entries(result)) {
    console.log(`| ${name} | ${g.count} | ${g.reaches_goal} | ${pct(g.plan_validity)} | ${pct(g.optimal_rate)} |`);
  }
}
