// The validator playground (`#/play`): a response for the current maze, judged as you type by
// the engine in this page (the same core.wasm as POST /v1/verify, no round trip); every error is
// listed, marked on the maze and in the tokens; a link carries the maze and the response.
import type { ApiError, Report } from "./api";
import { h } from "./dom";
import { getEngine } from "./engine";
import { MazeSvg } from "./maze-svg";
import { verdictBadges } from "./panel";
import { aStarResponse, current, type Current, mazeFromParams, mazeParams, setCurrent, streamMaze, swappedResponse, testSource } from "./state";
import { itemAt, parseItems, windowOf, words } from "./trace";

const MAX_LISTED = 50;

export async function renderPlayground(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const engine = await getEngine();
  let c: Current | null = null;
  let problem = "";
  try {
    c = mazeFromParams(engine, params);
  } catch (e) {
    problem = `The link's maze is not valid: ${(e as Error).message}`;
  }
  c ??= current ?? {
    maze: streamMaze(engine, testSource("wilson", 10, 10)),
    source: testSource("wilson", 10, 10),
  };
  setCurrent(c);
  const maze = c.maze;

  const svg = new MazeSvg("The maze with the response's trace, plan and errors");
  svg.setMaze(maze);
  const area = h("textarea", { id: "response", spellcheck: "false", autocomplete: "off", "aria-describedby": "response-help" });
  area.value = params.get("response") ?? aStarResponse(engine, maze);
  const badges = h("div", { class: "badges", "aria-live": "polite", "aria-label": "Verdict" });
  const summary = h("p", { class: "muted", style: "margin:0" });
  const errors = h("ol", { class: "errors", "aria-label": "Errors" });
  const mirror = h("div", { class: "mirror", "aria-label": "Response tokens with errors marked" });
  const share = h("input", { class: "share", readonly: true, "aria-label": "Link to this maze and response" });
  const button = (label: string, onclick: () => void) => h("button", { type: "button", onclick: onclick as EventListener }, label);

  const update = () => {
    const text = area.value;
    const ws = words(text);
    svg.clear();
    let report: Report;
    try {
      report = engine.validate(maze, text, { strict: false }) as unknown as Report;
    } catch (e) {
      badges.replaceChildren();
      errors.replaceChildren(h("li", { class: "error-box" }, (e as Error).message));
      return;
    }
    const items = parseItems(ws);
    for (const it of items) if (it.kind !== "plan") svg.addEvent(it.kind, it.x, it.y, it.g, it.h);
    svg.setPlan(items.filter((it) => it.kind === "plan").map((it): [number, number] => [it.x, it.y]));
    badges.replaceChildren(...verdictBadges(report));
    summary.textContent = `${report.trace_error_count} trace error(s), ${report.plan_error_count} plan error(s), ${ws.length} tokens.`;
    const all: Array<[string, ApiError]> = [
      ...report.trace_errors.map((e): [string, ApiError] => ["trace", e]),
      ...report.plan_errors.map((e): [string, ApiError] => ["plan", e]),
    ];
    errors.replaceChildren(
      ...all.slice(0, MAX_LISTED).map(([kind, e]) =>
        h(
          "li",
          { "data-code": e.code, "data-kind": kind },
          h(
            "button",
            {
              type: "button",
              class: "linkish",
              onclick: (() => selectWords(area, e.token, e.token === null ? 0 : windowOf(ws, e.token))) as EventListener,
              disabled: e.token === null,
            },
            `${kind}: `,
            h("code", {}, e.code),
          ),
          ` ${e.message}`,
          e.token === null ? "" : ` (token ${e.token})`,
        ),
      ),
    );
    if (all.length > MAX_LISTED) errors.append(h("li", {}, `… and ${all.length - MAX_LISTED} more`));
    const marked = new Map<number, string>();
    for (const [kind, e] of [
      ["trace", report.first_trace_error],
      ["plan", report.first_plan_error],
    ] as const) {
      if (!e) continue;
      const it = itemAt(items, e, kind);
      if (it) svg.markError([it.x, it.y], `${kind}: ${e.code}`);
      else if (e.code === "goal_not_reached") svg.markError(maze.goal, `${kind}: ${e.code}`);
      const token = e.token ?? it?.token;
      if (token !== undefined) for (let i = token; i < token + windowOf(ws, token); i++) if (!marked.has(i)) marked.set(i, `${kind}: ${e.code}`);
    }
    mirror.replaceChildren(
      ...ws.flatMap((w, i) => {
        const t = marked.get(i);
        return [t ? h("mark", { title: t, "data-token": i }, w) : w, " "];
      }),
    );
    const p = mazeParams(engine, { maze, source: c!.source });
    p.set("response", text);
    share.value = `${location.origin}/#/play?${p}`;
  };
  let timer = 0;
  area.oninput = () => {
    clearTimeout(timer);
    timer = window.setTimeout(update, 30);
  };

  const other = () => streamMaze(engine, c!.source ? { ...c!.source, index: c!.source.index + 1 } : testSource("wilson", maze.rows, maze.cols));
  main.replaceChildren(
    h("h2", {}, "Validator playground"),
    h(
      "p",
      { class: "intro" },
      "Paste or edit a response for this maze. The paper's validator runs in your browser (the same engine as POST /v1/verify) on every keystroke.",
    ),
    problem ? h("p", { class: "error-box", role: "alert" }, problem) : "",
    h(
      "div",
      { class: "play" },
      h(
        "div",
        {},
        svg.el,
        h(
          "p",
          { class: "muted" },
          c.source
            ? `${c.source.generator} ${c.source.rows}x${c.source.cols}, ${c.source.split} #${c.source.index} (seed ${c.source.seed})`
            : `edited ${maze.rows}x${maze.cols} maze`,
          " · ",
          h("a", { href: `#/?${mazeParams(engine, c)}` }, "open in the maze view"),
        ),
      ),
      h(
        "div",
        {},
        h("label", { for: "response" }, "Response (from reasoning to end)"),
        area,
        h(
          "p",
          { id: "response-help", class: "muted", style: "font-size:.8rem;margin:2px 0" },
          "Tokens: reasoning, create/close x y cG cH, solution, plan x y, end.",
        ),
        h(
          "div",
          { class: "row" },
          button("A* response", () => {
            area.value = aStarResponse(engine, maze);
            update();
          }),
          button("Swapped example (another maze's trace)", () => {
            area.value = swappedResponse(engine, maze, other());
            update();
          }),
          button("Clear", () => {
            area.value = "";
            update();
            area.focus();
          }),
        ),
        badges,
        summary,
        mirror,
        h("h3", { style: "margin-top:8px" }, "Errors"),
        errors,
        h("label", {}, "Share this maze and response", share),
        button("Copy link", () => {
          share.select();
          void navigator.clipboard?.writeText(share.value).catch(() => undefined);
        }),
      ),
    ),
  );
  update();
}

/** Selects the response's words [token, token + count) in the textarea, to point at an error. */
function selectWords(area: HTMLTextAreaElement, token: number | null, count: number): void {
  if (token === null) return;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  let i = 0,
    from = -1,
    to = -1;
  while ((m = re.exec(area.value))) {
    if (i === token) from = m.index;
    if (i === token + Math.max(count, 1) - 1) {
      to = m.index + m[0].length;
      break;
    }
    i++;
  }
  if (from < 0) return;
  area.focus();
  area.setSelectionRange(from, to < 0 ? area.value.length : to);
}
