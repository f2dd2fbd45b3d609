// One solver's panel: its own copy of the maze lighting up as its tokens arrive, the token
// stream, then the validator's verdict badges and the first error of each kind, marked on the
// maze and in the stream. The same panel shows A* (animated locally) and each model (streamed).
import type { Maze } from "../../src/core/mazes";
import type { ApiError, Report } from "./api";
import { h } from "./dom";
import { MazeSvg } from "./maze-svg";
import { type Item, itemAt, parseItems, windowOf, words } from "./trace";

export class Panel {
  readonly el: HTMLElement;
  readonly svg: MazeSvg;
  private readonly status: HTMLElement;
  private readonly tokens: HTMLElement;
  private readonly badges: HTMLElement;
  private readonly errors: HTMLElement;
  readonly extra: HTMLElement;
  private ws: string[] = [];
  private drawn = 0;
  private maze!: Maze;

  constructor(
    readonly key: string,
    title: string,
    description: string,
  ) {
    this.svg = new MazeSvg(`${title}: the maze with this solver's trace and plan`);
    this.status = h("span", { class: "status", role: "status" });
    this.tokens = h("div", { class: "tokens", tabindex: "0", role: "log", "aria-label": `${title}: response tokens` });
    this.badges = h("div", { class: "badges", "aria-live": "polite", "aria-label": `${title}: verdict` });
    this.errors = h("ul", { class: "errors" });
    this.extra = h("div");
    this.el = h(
      "section",
      { class: "panel", "data-panel": key, "aria-label": title },
      h("header", {}, h("h3", {}, title), this.status),
      h("p", { class: "muted", style: "margin:0;font-size:.8rem" }, description),
      this.svg.el,
      this.tokens,
      this.badges,
      this.errors,
      this.extra,
    );
  }

  reset(maze: Maze, status = "waiting"): void {
    this.maze = maze;
    this.ws = [];
    this.drawn = 0;
    this.svg.setMaze(maze);
    this.tokens.replaceChildren();
    this.badges.replaceChildren();
    this.errors.replaceChildren();
    this.extra.replaceChildren();
    this.setState("waiting", status);
    delete this.el.dataset.response;
  }

  setState(state: "waiting" | "running" | "done" | "error" | "none", text: string): void {
    this.el.dataset.state = state;
    this.status.textContent = text;
  }

  /** One more word of the response: shown in the stream, drawn once its event is complete. */
  token(text: string): void {
    const index = this.ws.length;
    this.ws.push(text);
    const kw = text === "create" || text === "close" || text === "plan" || text === "solution" || text === "end" || text === "reasoning";
    this.tokens.append(h("span", { class: kw ? "tk kw" : "tk", "data-i": index }, text), " ");
    if (this.tokens.scrollHeight > this.tokens.clientHeight) this.tokens.scrollTop = this.tokens.scrollHeight;
    this.drawNew();
  }

  private drawNew(): Item[] {
    const items = parseItems(this.ws);
    for (; this.drawn < items.length; this.drawn++) {
      const it = items[this.drawn];
      if (it.kind !== "plan") this.svg.addEvent(it.kind, it.x, it.y, it.g, it.h);
    }
    const plan = items.filter((it) => it.kind === "plan").map((it): [number, number] => [it.x, it.y]);
    if (plan.length) this.svg.setPlan(plan);
    return items;
  }

  /** The finished response and its report (exactly what /v1/verify says about it). */
  finish(response: string, report: Report, status: string): void {
    const ws = words(response);
    if (ws.join(" ") !== this.ws.join(" ")) {
      // The streamed words and the final response differ only if tokens were missed: redraw.
      this.ws = [];
      this.drawn = 0;
      this.svg.setMaze(this.maze);
      this.tokens.replaceChildren();
      for (const w of ws) this.token(w);
    }
    this.el.dataset.response = response;
    const items = this.drawNew();
    this.badges.replaceChildren(...verdictBadges(report));
    this.errors.replaceChildren();
    for (const [kind, err] of [
      ["trace", report.first_trace_error],
      ["plan", report.first_plan_error],
    ] as const) {
      if (!err) continue;
      this.errors.append(h("li", { "data-first-error": kind, "data-code": err.code }, `first ${kind} error: `, h("code", {}, err.code), ` (${err.message})`));
      this.markError(items, err, kind);
    }
    this.setState("done", status);
  }

  private markError(items: Item[], err: ApiError, kind: "trace" | "plan"): void {
    const title = `${kind}: ${err.code}`;
    const it = itemAt(items, err, kind);
    if (it) this.svg.markError([it.x, it.y], title);
    else if (err.code === "goal_not_reached") this.svg.markError(this.maze.goal, title);
    const token = err.token ?? it?.token;
    if (token === undefined) return;
    for (let i = token; i < token + windowOf(this.ws, token); i++) {
      const span = this.tokens.querySelector(`[data-i="${i}"]`);
      if (!span || span.parentElement?.tagName === "MARK") continue;
      const mark = h("mark", { title, "data-error-token": i === token ? String(i) : null });
      span.replaceWith(mark);
      mark.append(span);
      if (i === token) mark.scrollIntoView({ block: "nearest" });
    }
  }

  fail(message: string): void {
    this.errors.replaceChildren(h("li", { class: "error-box" }, message));
    this.setState("error", "failed");
  }
}

/** Badges that say their verdict in words and a symbol, colour only reinforcing. */
export function verdictBadges(report: Pick<Report, "plan_valid" | "trace_valid" | "optimal">): HTMLElement[] {
  const badge = (key: string, ok: boolean, yes: string, no: string) =>
    h("span", { class: `badge ${ok ? "yes" : "no"}`, "data-verdict": key, "data-value": String(ok) }, ok ? `✓ ${yes}` : `✗ ${no}`);
  return [
    badge("plan_valid", report.plan_valid, "plan valid", "plan invalid"),
    badge("trace_valid", report.trace_valid, "trace valid", "trace invalid"),
    badge("optimal", report.optimal, "optimal", "not optimal"),
  ];
}
