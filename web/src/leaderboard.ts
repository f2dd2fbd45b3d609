// The leaderboard (`#/leaderboard`) and a submission's page (`#/submission/ID`), read from the
// public API: ranked submissions per benchmark and generator, sortable by the three rates, the
// 2x2 table per row; a submission's scores and paged per-instance results, each openable as a maze.
import { api, ApiFailure } from "./api";
import { type Sort, SORTS } from "../../src/leaderboard/score";
import { h, pct } from "./dom";

interface Benchmark {
  id: string;
  description?: string;
  generators: string[];
  count: number;
  rows: number;
  cols: number;
}
type Table = Record<"plan_valid_trace_valid" | "plan_valid_trace_invalid" | "plan_invalid_trace_valid" | "plan_invalid_trace_invalid", number>;
interface Row {
  rank: number;
  submission_id: string;
  model: { name: string; condition: string; parameters?: number | null };
  submitter: string;
  baseline: boolean;
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
  missing: number;
  instances: number;
  table: Table;
}
const SORT_LABEL: Record<Sort, string> = { plan_validity: "Plan validity", trace_validity: "Trace validity", optimal_rate: "Optimal" };

const hashFor = (path: string, p: Record<string, string | number | undefined>) =>
  `#/${path}?${new URLSearchParams(
    Object.entries(p)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  )}`;

function table2x2(t: Table): HTMLElement {
  return h(
    "table",
    { class: "t2", "aria-label": "plan validity by trace validity" },
    h("tr", {}, h("th", {}, ""), h("th", { scope: "col" }, "trace ✓"), h("th", { scope: "col" }, "trace ✗")),
    h(
      "tr",
      {},
      h("th", { scope: "row" }, "plan ✓"),
      h("td", { class: "num" }, t.plan_valid_trace_valid),
      h("td", { class: "num" }, t.plan_valid_trace_invalid),
    ),
    h(
      "tr",
      {},
      h("th", { scope: "row" }, "plan ✗"),
      h("td", { class: "num" }, t.plan_invalid_trace_valid),
      h("td", { class: "num" }, t.plan_invalid_trace_invalid),
    ),
  );
}

function failure(main: HTMLElement, e: unknown): void {
  main.replaceChildren(h("p", { class: "error-box", role: "alert" }, e instanceof ApiFailure ? `${e.code}: ${e.message}` : String(e)));
}

/** What an empty board says: a fresh local server has no rows until someone submits or seeds the baselines. */
function emptyBoard(benchmark: string, generator: string): HTMLElement {
  return h(
    "div",
    { class: "empty-board intro" },
    h("p", { role: "status" }, `No submissions on ${benchmark}${generator ? ` for ${generator}` : ""} yet.`),
    h(
      "p",
      { class: "muted" },
      "A server starts with an empty leaderboard. To add the reference rows (A* as the ceiling and the served models of this grid size), run ",
      h("code", {}, `npm run seed:baselines -- --url ${location.origin}`),
      " in the repository; to add your own, ",
      h("code", {}, `reasonless submit -b ${benchmark} -p predictions.jsonl -m "my model" --url ${location.origin}`),
      ".",
    ),
  );
}

export async function renderLeaderboard(main: HTMLElement, params: URLSearchParams): Promise<void> {
  try {
    const { benchmarks } = await api<{ benchmarks: Benchmark[] }>("/v1/benchmarks");
    const bench = benchmarks.find((b) => b.id === params.get("b")) ?? benchmarks[0];
    const generator = params.get("g") ?? "";
    const sort: Sort = SORTS.find((k) => k === params.get("sort")) ?? SORTS[0];
    const q = new URLSearchParams({ sort, limit: "100" });
    if (generator) q.set("generator", generator);
    const board = await api<{ total: number; rows: Row[] }>(`/v1/leaderboard/${encodeURIComponent(bench.id)}?${q}`);
    const go = (p: Record<string, string>) => {
      location.hash = hashFor("leaderboard", { b: bench.id, g: generator, sort, ...p });
    };
    const benchSel = h(
      "select",
      { onchange: ((e: Event) => go({ b: (e.target as HTMLSelectElement).value })) as EventListener },
      ...benchmarks.map((b) => h("option", { value: b.id, selected: b.id === bench.id }, `${b.id} (${b.count} instances, ${b.rows}x${b.cols})`)),
    );
    const genSel = h(
      "select",
      { onchange: ((e: Event) => go({ g: (e.target as HTMLSelectElement).value })) as EventListener },
      h("option", { value: "" }, "all generators"),
      ...bench.generators.map((g) => h("option", { value: g, selected: g === generator }, g)),
    );
    const head = h(
      "tr",
      {},
      h("th", { scope: "col", class: "num" }, "#"),
      h("th", { scope: "col" }, "Model"),
      h("th", { scope: "col" }, "Condition"),
      h("th", { scope: "col" }, "Submitter"),
      ...SORTS.map((key) =>
        h(
          "th",
          { scope: "col", class: "num", "aria-sort": key === sort ? "descending" : "none" },
          h("button", { type: "button", onclick: (() => go({ sort: key })) as EventListener, "aria-label": `Sort by ${SORT_LABEL[key]}` }, SORT_LABEL[key]),
        ),
      ),
      h("th", { scope: "col" }, "Plan × trace"),
    );
    const rows = board.rows.map((r) =>
      h(
        "tr",
        { "data-submission": r.submission_id },
        h("td", { class: "num" }, r.rank),
        h(
          "td",
          {},
          h("a", { href: `#/submission/${encodeURIComponent(r.submission_id)}` }, r.model.name),
          r.baseline ? h("span", { class: "muted" }, " (baseline)") : null,
        ),
        h("td", {}, r.model.condition),
        h("td", {}, r.submitter),
        h("td", { class: "num" }, pct(r.plan_validity)),
        h("td", { class: "num" }, pct(r.trace_validity)),
        h("td", { class: "num" }, pct(r.optimal_rate)),
        h("td", {}, table2x2(r.table)),
      ),
    );
    main.replaceChildren(
      h("h2", {}, "Leaderboard"),
      h(
        "p",
        { class: "intro" },
        "Submissions scored by the paper's validator on fixed benchmark suites: how often the plan works, how often the trace in front of it is a valid A* trace, and how often the plan is optimal. Missing instances count as invalid. Submit with POST /v1/submissions or ",
        h("code", {}, "reasonless submit"),
        ".",
      ),
      h("div", { class: "row" }, h("label", {}, "Benchmark", benchSel), h("label", {}, "Generator", genSel)),
      ...(board.total === 0
        ? [emptyBoard(bench.id, generator)]
        : [
            h(
              "p",
              { class: "muted", role: "status" },
              `${board.total} submission(s), ranked by ${SORT_LABEL[sort].toLowerCase()}${generator ? ` on ${generator}` : ""}.`,
            ),
            h("div", { class: "table-wrap" }, h("table", { "aria-label": `Leaderboard of ${bench.id}` }, h("thead", {}, head), h("tbody", {}, ...rows))),
          ]),
    );
  } catch (e) {
    failure(main, e);
  }
}

interface Result {
  id: string;
  generator: string;
  missing: boolean;
  plan_valid: boolean;
  trace_valid: boolean;
  optimal: boolean;
  first_trace_error: string | null;
  first_plan_error: string | null;
  plan_length: number | null;
  optimal_plan_length: number | null;
}
interface Scores {
  instances: number;
  missing: number;
  plan_validity: number;
  trace_validity: number;
  optimal_rate: number;
  table: Table;
}

const PAGE = 50;

export async function renderSubmission(main: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  try {
    const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
    const generator = params.get("g") ?? "";
    const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
    if (generator) q.set("generator", generator);
    const sub = await api<{
      id: string;
      benchmark: { id: string };
      model: { name: string; condition: string; parameters?: number | null; notes?: string | null };
      submitter: string;
      created_at: string;
      scores: { overall: Scores; by_generator: Record<string, Scores> };
      results: { total: number; offset: number; items: Result[] };
    }>(`/v1/submissions/${encodeURIComponent(id)}?${q}`);
    const go = (p: Record<string, string | number>) => {
      location.hash = hashFor(`submission/${encodeURIComponent(id)}`, { g: generator, offset, ...p });
    };
    const yes = (b: boolean) => h("span", { "data-value": String(b) }, b ? "✓ yes" : "✗ no");
    const scoreRow = (name: string, s: Scores) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, name),
        h("td", { class: "num" }, pct(s.plan_validity)),
        h("td", { class: "num" }, pct(s.trace_validity)),
        h("td", { class: "num" }, pct(s.optimal_rate)),
        h("td", { class: "num" }, s.missing),
        h("td", {}, table2x2(s.table)),
      );
    const { total, items } = sub.results;
    main.replaceChildren(
      h("p", {}, h("a", { href: hashFor("leaderboard", { b: sub.benchmark.id }) }, "← leaderboard")),
      h("h2", {}, `${sub.model.name}`),
      h("p", { class: "muted" }, `${sub.model.condition} · ${sub.benchmark.id} · submitted by ${sub.submitter} on ${sub.created_at.slice(0, 10)}`),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { "aria-label": "Scores" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Generator"),
              h("th", { scope: "col", class: "num" }, "Plan validity"),
              h("th", { scope: "col", class: "num" }, "Trace validity"),
              h("th", { scope: "col", class: "num" }, "Optimal"),
              h("th", { scope: "col", class: "num" }, "Missing"),
              h("th", { scope: "col" }, "Plan × trace"),
            ),
          ),
          h("tbody", {}, scoreRow("all", sub.scores.overall), ...Object.entries(sub.scores.by_generator).map(([g, s]) => scoreRow(g, s))),
        ),
      ),
      h("h3", { style: "margin-top:12px" }, "Instances"),
      h(
        "div",
        { class: "row" },
        h(
          "label",
          {},
          "Generator",
          h(
            "select",
            { onchange: ((e: Event) => go({ g: (e.target as HTMLSelectElement).value, offset: 0 })) as EventListener },
            h("option", { value: "" }, "all"),
            ...Object.keys(sub.scores.by_generator).map((g) => h("option", { value: g, selected: g === generator }, g)),
          ),
        ),
      ),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { "aria-label": "Per-instance results" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Instance", "Plan valid", "Trace valid", "Optimal", "First trace error", "First plan error", "Plan / A* length", ""].map((t) =>
                h("th", { scope: "col" }, t),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            ...items.map((r) =>
              h(
                "tr",
                { "data-instance": r.id },
                h("td", {}, r.id),
                ...(r.missing
                  ? [h("td", { colspan: 6 }, "missing (counts as invalid)")]
                  : [
                      h("td", {}, yes(r.plan_valid)),
                      h("td", {}, yes(r.trace_valid)),
                      h("td", {}, yes(r.optimal)),
                      h("td", {}, r.first_trace_error ?? "–"),
                      h("td", {}, r.first_plan_error ?? "–"),
                      h("td", { class: "num" }, `${r.plan_length ?? "–"} / ${r.optimal_plan_length ?? "–"}`),
                    ]),
                h("td", {}, h("a", { href: `#/?bench=${encodeURIComponent(sub.benchmark.id)}&id=${encodeURIComponent(r.id)}` }, `Open ${r.id}`)),
              ),
            ),
          ),
        ),
      ),
      h(
        "nav",
        { class: "pager", "aria-label": "Pages" },
        h("button", { type: "button", disabled: offset === 0, onclick: (() => go({ offset: Math.max(0, offset - PAGE) })) as EventListener }, "Previous"),
        h("span", {}, total ? `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}` : "none"),
        h("button", { type: "button", disabled: offset + PAGE >= total, onclick: (() => go({ offset: offset + PAGE })) as EventListener }, "Next"),
      ),
    );
  } catch (e) {
    failure(main, e);
  }
}
