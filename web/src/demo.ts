// The maze view (`#/`): choose a maze (generator, size, seed, split, index, random, or edit
// walls), then watch A* and every model for that size solve it side by side. A* runs here in
// core.wasm; the models stream from POST /v1/predict (Server-Sent Events).
import type { Engine } from "../../src/core/load";
import type { GeneratorName, Maze, Split } from "../../src/core/mazes";
import { api, ApiFailure, type Report, streamEvents } from "./api";
import { h } from "./dom";
import { getEngine } from "./engine";
import { legend, MazeSvg } from "./maze-svg";
import { Panel } from "./panel";
import { aStarResponse, current, type Current, mazeBody, mazeFromParams, mazeParams, setCurrent, type StreamSource, streamMaze, testSource } from "./state";
import { parseItems, words } from "./trace";

interface ModelInfo {
  condition: string;
  rows: number;
  cols: number;
  name: string;
}
interface Models {
  sizes: string[];
  models: ModelInfo[];
}

const DESCRIPTIONS: Record<string, string> = {
  astar: "The reference: the paper's A*, run in this page by the engine.",
  correct: "Trained on each maze's own A* trace, then its plan.",
  "no-trace": "Trained on the plan alone (no trace).",
  swapped: "Trained on another maze's trace in front of this maze's plan.",
};
const OTHER_SIZES = ["5x5", "10x10", "20x20", "30x30"];

let models: Promise<Models> | undefined;
const getModels = () => (models ??= api<Models>("/v1/models").catch(() => ({ sizes: [], models: [] })));

let running: AbortController | null = null;
let firstMazeMarked = false;

export async function renderMaze(main: HTMLElement, params: URLSearchParams): Promise<void> {
  running?.abort();
  const [engine, catalog] = await Promise.all([getEngine(), getModels()]);
  const generators = engine.generators();

  // Sizes that have models come first: that is where the panels have something to show.
  const sizes = [...catalog.sizes, ...OTHER_SIZES.filter((s) => !catalog.sizes.includes(s))];
  const field = (label: string, control: HTMLElement) => h("label", {}, label, control);
  const gen = h("select", { name: "generator" }, ...generators.map((g) => h("option", { value: g.name }, g.name)));
  const size = h("select", { name: "size" }, ...sizes.map((s) => h("option", { value: s }, catalog.sizes.includes(s) ? `${s} (models)` : s)));
  const seed = h("input", { type: "number", name: "seed", min: 0, max: 4294967295, value: 42, required: true });
  const split = h("select", { name: "split" }, h("option", { value: "test" }, "test"), h("option", { value: "train" }, "train"));
  const index = h("input", { type: "number", name: "index", min: 0, max: 4095, value: 0, required: true });
  const editBtn = h("button", { type: "button", "aria-pressed": "false" }, "Edit walls");
  const randomBtn = h("button", { type: "button" }, "Random");
  const runBtn = h("button", { type: "button", class: "primary" }, "Run A* and the models");
  const message = h("p", { role: "status", class: "muted", style: "margin:0" });
  const form = h(
    "form",
    { class: "controls", "aria-label": "Maze" },
    field("Generator", gen),
    field("Grid size", size),
    field("Seed", seed),
    field("Split", split),
    field("Index", index),
    h("button", { type: "submit" }, "Load maze"),
    randomBtn,
    editBtn,
    runBtn,
  );

  const editor = new MazeSvg("The current maze");
  const panelsEl = h("div", { class: "panels", "aria-label": "Solvers" });
  const keys = legend();
  main.replaceChildren(
    h("h2", {}, "Watch A* and three models solve a maze"),
    h(
      "p",
      { class: "intro" },
      "The models were trained the same way on the same mazes and differ only in the trace they saw. Each panel streams its tokens, lights up the cells its trace creates and closes with their g and h, draws its plan, then shows the paper's validator's verdict and the first error of each kind.",
    ),
    form,
    message,
    h(
      "div",
      { class: "legend", "aria-label": "Legend" },
      h("span", {}, keys[0], " wall"),
      h("span", {}, keys[1], " created (dotted)"),
      h("span", {}, keys[2], " closed (filled)"),
      h("span", {}, keys[3], " plan"),
      h("span", {}, keys[4], " first error (dashed, !)"),
      h("span", {}, "S start, G goal"),
    ),
    panelsEl,
  );

  let panels: Panel[] = [];
  const readForm = (): StreamSource => {
    const [r, c] = size.value.split("x").map(Number);
    return { generator: gen.value as GeneratorName, rows: r, cols: c, seed: Number(seed.value), split: split.value as Split, index: Number(index.value) };
  };
  const fillForm = (s: StreamSource) => {
    gen.value = s.generator;
    if (![...size.options].some((o) => o.value === `${s.rows}x${s.cols}`)) size.append(h("option", { value: `${s.rows}x${s.cols}` }, `${s.rows}x${s.cols}`));
    size.value = `${s.rows}x${s.cols}`;
    seed.value = String(s.seed);
    split.value = s.split;
    index.value = String(s.index);
  };

  const show = (c: Current) => {
    running?.abort();
    setCurrent(c);
    history.replaceState(null, "", `#/?${mazeParams(engine, c)}`);
    const sizeModels = catalog.models.filter((m) => m.rows === c.maze.rows && m.cols === c.maze.cols);
    panels = [
      new Panel("astar", "A* (reference)", DESCRIPTIONS.astar),
      ...sizeModels.map((m) => new Panel(m.condition, `Model: ${m.condition}`, DESCRIPTIONS[m.condition] ?? m.name)),
    ];
    for (const p of panels) p.reset(c.maze);
    panelsEl.replaceChildren(
      h(
        "section",
        { class: "panel", "aria-label": "The maze" },
        h(
          "header",
          {},
          h("h3", {}, "Maze"),
          h("span", { class: "status" }, c.source ? `${c.source.generator} ${c.source.split} #${c.source.index}` : "edited"),
        ),
        editor.el,
      ),
      ...panels.map((p) => p.el),
    );
    editor.setMaze(c.maze);
    editor.el.dataset.prompt = engine.promptText(c.maze);
    editor.el.dataset.ready = "true";
    message.textContent = sizeModels.length
      ? ""
      : `No model reads ${c.maze.rows}x${c.maze.cols} mazes (models: ${catalog.sizes.join(", ") || "none"}); A* still runs.`;
    if (!firstMazeMarked) {
      firstMazeMarked = true;
      performance.mark("maze-drawn");
    }
  };

  const load = (s: StreamSource) => {
    try {
      show({ maze: streamMaze(engine, s), source: s });
    } catch (e) {
      message.textContent = `Cannot make that maze: ${(e as Error).message}`;
    }
  };

  const edit = ([x, y]: [number, number], key: "toggle" | "start" | "goal") => {
    if (!current) return;
    const m = current.maze;
    const cells = m.cells.slice();
    const i = y * m.cols + x;
    const onMark = (x === m.start[0] && y === m.start[1]) || (x === m.goal[0] && y === m.goal[1]);
    const next: Maze = { ...m, cells, start: [...m.start], goal: [...m.goal] };
    if (key === "toggle") {
      if (onMark) return void (message.textContent = "The start and the goal cannot be walls.");
      cells[i] = cells[i] ? 0 : 1;
    } else {
      if (!cells[i]) return void (message.textContent = `The ${key} cannot be on a wall.`);
      next[key] = [x, y];
    }
    const focused = document.activeElement === editor.el;
    show({ maze: next, source: null });
    editor.setEditable(edit);
    if (focused) editor.el.focus();
  };

  form.onsubmit = (e) => {
    e.preventDefault();
    load(readForm());
  };
  randomBtn.onclick = () => {
    const s = { ...readForm(), seed: Math.floor(Math.random() * 1e6), index: Math.floor(Math.random() * 100) };
    fillForm(s);
    load(s);
  };
  editBtn.onclick = () => {
    const on = editBtn.getAttribute("aria-pressed") !== "true";
    editBtn.setAttribute("aria-pressed", String(on));
    editor.setEditable(on ? edit : null);
    if (on) editor.el.focus();
  };
  runBtn.onclick = () => {
    if (current) void run(engine, current, panels);
  };

  let start: Current | null = null;
  try {
    start = mazeFromParams(engine, params);
  } catch (e) {
    message.textContent = `The link's maze is not valid: ${(e as Error).message}`;
  }
  if (!start && params.get("bench") && params.get("id"))
    start = await benchmarkMaze(engine, params.get("bench")!, params.get("id")!).catch((e) => {
      message.textContent = `Cannot open ${params.get("id")}: ${(e as Error).message}`;
      return null;
    });
  if (!start && current) start = current;
  start ??= { maze: streamMaze(engine, defaultSource(generators[0].name, catalog.sizes[0])), source: defaultSource(generators[0].name, catalog.sizes[0]) };
  if (start.source) fillForm(start.source);
  show(start);
  if (params.get("run") === "1") void run(engine, start, panels);
}

function defaultSource(generator: GeneratorName, size = "10x10"): StreamSource {
  const [rows, cols] = size.split("x").map(Number);
  return testSource(generator, rows, cols);
}

/** A leaderboard instance (`wilson-0007` of a benchmark) as the stream instance it names. */
async function benchmarkMaze(engine: Engine, bench: string, id: string): Promise<Current> {
  const m = /^(.+)-(\d+)$/.exec(id);
  if (!m) throw new Error("not an instance id");
  const page = await api<{ instances: Array<{ id: string; index: number; rows: number; cols: number }> }>(
    `/v1/benchmarks/${encodeURIComponent(bench)}/instances?generator=${encodeURIComponent(m[1])}&offset=${Number(m[2])}&limit=1`,
  );
  const manifest = await api<{ seed: number; split: Split }>(`/v1/benchmarks/${encodeURIComponent(bench)}`);
  const inst = page.instances[0];
  if (!inst || inst.id !== id) throw new Error("no such instance");
  const source: StreamSource = {
    generator: m[1] as GeneratorName,
    rows: inst.rows,
    cols: inst.cols,
    seed: manifest.seed,
    split: manifest.split,
    index: inst.index,
  };
  return { maze: streamMaze(engine, source), source };
}

/** Runs every panel: A* animated here, the models streamed from the Worker. */
async function run(engine: Engine, c: Current, panels: Panel[]): Promise<void> {
  running?.abort();
  const ctl = new AbortController();
  running = ctl;
  for (const p of panels) p.reset(c.maze, "waiting");
  performance.clearMarks("run-start");
  performance.clearMarks("first-token");
  performance.mark("run-start");
  const astar = panels.find((p) => p.key === "astar")!;
  const models = panels.filter((p) => p.key !== "astar");
  await Promise.all([animateAStar(engine, c.maze, astar, ctl.signal), models.length ? streamModels(engine, c, models, ctl.signal) : null]);
}

async function animateAStar(engine: Engine, maze: Maze, panel: Panel, signal: AbortSignal): Promise<void> {
  const response = aStarResponse(engine, maze);
  panel.setState("running", "searching");
  const ws = words(response);
  for (let i = 0; i < ws.length && !signal.aborted; i++) {
    panel.token(ws[i]);
    if (i % 5 === 4) await new Promise((r) => setTimeout(r, 12));
  }
  if (signal.aborted) return;
  const report = engine.validate(maze, response, { strict: false }) as unknown as Report;
  panel.finish(response, report, `${report.plan.length} plan cells`);
}

// One request per model, all at once: each gets its own time budget, and the Worker interleaves
// their decoding steps, so the panels fill side by side instead of one after another.
const TIME_BUDGET_MS = 30_000;

async function streamModels(engine: Engine, c: Current, panels: Panel[], signal: AbortSignal): Promise<void> {
  let first = true;
  const body = (condition: string) => ({ maze: mazeBody(engine, c.maze), condition, stream: true, time_budget_ms: TIME_BUDGET_MS });
  await Promise.all(
    panels.map(async (panel) => {
      try {
        await streamEvents("/v1/predict", body(panel.key), signal, (event, data) => {
          if (event === "start") panel.setState("waiting", data.timing?.load_ms ? `model loaded in ${Math.round(data.timing.load_ms)} ms` : "queued");
          else if (event === "token") {
            if (first) {
              first = false;
              performance.mark("first-token");
            }
            if (panel.el.dataset.state !== "running") panel.setState("running", "decoding");
            panel.token(data.text);
          } else if (event === "prediction") {
            const t = data.timing ?? {};
            panel.finish(data.response, data.report, `${data.stop_reason}, ${t.tokens ?? "?"} tokens, ${t.ms_per_token?.toFixed?.(1) ?? "?"} ms/token`);
            if (data.condition === "swapped") panel.extra.append(fitButton(engine, c, data.response));
          } else if (event === "error") panel.fail(data?.error?.message ?? "the stream failed");
        });
        if (!signal.aborted && panel.el.dataset.state !== "done" && panel.el.dataset.state !== "error") panel.fail("the stream ended without a prediction");
      } catch (e) {
        if (signal.aborted) return;
        panel.fail(e instanceof ApiFailure ? `${e.code}: ${e.message}` : `the request failed: ${(e as Error).message}`);
      }
    }),
  );
}

/** The swapped model imitates traces of other mazes: look for the maze its trace fits best among
 *  the first instances of the same stream (same start as the trace's first close, fewest trace
 *  errors under the paper's rules). The answer is a best match, not a provenance. */
function fitButton(engine: Engine, c: Current, response: string): HTMLElement {
  const out = h("div", { class: "fit", "aria-live": "polite" });
  const btn = h("button", { type: "button" }, "Which maze does this trace fit?");
  btn.onclick = () => {
    const first = parseItems(words(response)).find((it) => it.kind === "close");
    const src: StreamSource = c.source ?? testSource("wilson", c.maze.rows, c.maze.cols);
    const here = (engine.validate(c.maze, response, { strict: false }) as unknown as Report).trace_error_count;
    const stream = engine.openStream({ generator: src.generator, rows: src.rows, cols: src.cols, seed: src.seed, split: src.split });
    let best: { maze: Maze; index: number; errors: number; report: Report } | null = null;
    try {
      for (let i = 0; i < 300; i++) {
        const m = stream.next();
        if (first && (m.start[0] !== first.x || m.start[1] !== first.y)) continue;
        const report = engine.validate(m, response, { strict: false }) as unknown as Report;
        if (!best || report.trace_error_count < best.errors) best = { maze: m, index: i, errors: report.trace_error_count, report };
      }
    } finally {
      stream.close();
    }
    if (!best) return void out.replaceChildren(h("p", {}, `None of the first 300 ${src.generator} ${src.split} mazes starts where this trace starts.`));
    const svg = new MazeSvg(`The ${src.generator} maze #${best.index} with the swapped model's trace`);
    svg.setMaze(best.maze);
    for (const it of parseItems(words(response))) if (it.kind !== "plan") svg.addEvent(it.kind, it.x, it.y, it.g, it.h);
    out.replaceChildren(
      h(
        "p",
        {},
        `Best fit among the first 300 ${src.generator} ${src.split} mazes (seed ${src.seed}): #${best.index}, with ${best.errors} trace error(s) there against ${here} on this maze.`,
      ),
      svg.el,
    );
  };
  out.append(btn);
  return out;
}
