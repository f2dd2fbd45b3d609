#!/usr/bin/env node
// The study report (docs/results.md and its SVG plots) from what scripts/train/study.py files:
// per run, the learning curve and the greedy predictions on the test streams. Every prediction is
// scored again here by the current engine, so the report always states the verdicts of one build
// (named in the report), whatever build evaluated the runs.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";
import { barChart, legend, lineChart, styleOf, svgDocument } from "./lib/svg.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseOptions("study-report", {
  usage: `Usage: node scripts/study-report.js [options]   (after npm run build)

Scores every stored prediction of a study (scripts/train/studies/<name>.json, run by
scripts/train/study.py) with the current engine and writes the report: plan validity, trace
validity and optimal rate per generator and condition (mean over seeds, 95% confidence
intervals), the plan x trace table, first errors, validity by A* trace length, model trace length
against A*'s, learning curves with seed bands, the paper's four claims at this scale, and the
paper's numbers beside ours. Runs not finished yet are listed as missing.`,
  options: {
    study: { type: "string", default: "6x6", value: "NAME", help: "study name in scripts/train/studies/ or a .json path" },
    out: { type: "string", default: "docs/results.md", value: "FILE", help: "markdown report to write" },
    json: { type: "boolean", help: "print the aggregated figures as one JSON object on stdout" },
  },
});

// the report's names for the engine's generators; a generator without one is shown by its own name
const LABEL = { wilson: "Wilson", kruskal: "Kruskal", dfs: "DFS", drunkards_walk: "Drunkard's walk", searchformer: "SF-style" };
// two-sided 95% Student t quantiles by degrees of freedom (seeds - 1)
const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];

function fail(message) {
  process.stderr.write(`study-report: ${message}\n`);
  process.exit(1);
}

const studyPath = options.study.endsWith(".json") ? options.study : join(ROOT, "scripts/train/studies", `${options.study}.json`);
if (!existsSync(studyPath)) fail(`no study ${options.study} (${relative(ROOT, studyPath)} does not exist)`);
const study = JSON.parse(readFileSync(studyPath, "utf8"));
const resultsDir = resolve(ROOT, study.results_dir);
// sequences per optimizer step: the study's --set wins over its training config, as in study.py
const configPath = study.config.endsWith(".json") ? resolve(ROOT, study.config) : join(ROOT, "scripts/train/configs", `${study.config}.json`);
const batchSize = study.set?.batch_size ?? (existsSync(configPath) ? JSON.parse(readFileSync(configPath, "utf8")).batch_size : null);

const { loadEngine, engineBuild, packageRoot } = await loadLib("study-report");
const engine = await loadEngine();
const GENERATORS = engine.generators().map((g) => g.name);
const label = (g) => LABEL[g] ?? g;

/** Scores one run's predictions: per generator counts, tables, first errors, length bins. */
function scoreRun(file) {
  const lines = gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim());
  const byGen = {};
  for (const line of lines) {
    const p = JSON.parse(line);
    const maze = engine.parsePrompt(p.prompt, p.rows, p.cols);
    const r = engine.validate(maze, p.response);
    const astar = engine.solve(maze).events.length / engine.EVENT_WIDTH;
    const g = (byGen[p.generator] ??= {
      count: 0,
      plan: 0,
      trace: 0,
      optimal: 0,
      strict: 0,
      table: [0, 0, 0, 0],
      trace_errors: {},
      plan_errors: {},
      by_len: {},
      events: 0,
      astar_events: 0,
      trace_valid_at: [],
    });
    g.count++;
    g.plan += +r.plan_valid;
    g.trace += +r.trace_valid;
    if (r.trace_valid) g.trace_valid_at.push(`${p.generator} #${p.index}`);
    g.optimal += +r.optimal;
    g.strict += +(r.strict?.trace_valid ?? false);
    g.table[(r.plan_valid ? 0 : 2) + (r.trace_valid ? 0 : 1)]++;
    if (r.first_trace_error) g.trace_errors[r.first_trace_error.code] = (g.trace_errors[r.first_trace_error.code] ?? 0) + 1;
    if (r.first_plan_error) g.plan_errors[r.first_plan_error.code] = (g.plan_errors[r.first_plan_error.code] ?? 0) + 1;
    g.events += r.events;
    g.astar_events += astar;
    const b = (g.by_len[astar] ??= { count: 0, plan: 0, trace: 0, events: 0 });
    b.count++;
    b.plan += +r.plan_valid;
    b.trace += +r.trace_valid;
    b.events += r.events;
  }
  return byGen;
}

const runs = [];
for (const condition of study.conditions) {
  for (const seed of study.seeds) {
    const id = `${condition}-s${seed}`;
    const preds = join(resultsDir, `${id}.predictions.jsonl.gz`),
      curve = join(resultsDir, `${id}.curve.jsonl`);
    const have = existsSync(preds) && existsSync(join(resultsDir, `${id}.eval.json`));
    runs.push({
      id,
      condition,
      seed,
      have,
      curve: existsSync(curve)
        ? readFileSync(curve, "utf8")
            .split("\n")
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l))
        : [],
      scores: have ? scoreRun(preds) : null,
      eval: have ? JSON.parse(readFileSync(join(resultsDir, `${id}.eval.json`), "utf8")) : null,
    });
  }
}
const done = runs.filter((r) => r.have);
if (!done.length) fail(`no finished run in ${relative(ROOT, resultsDir)} yet (run scripts/train/study.py ${study.name} run)`);

/** 95% Wilson score interval of k successes in c trials. */
function wilsonScore(k, c) {
  const z = 1.96,
    p = k / c;
  const centre = (p + (z * z) / (2 * c)) / (1 + (z * z) / c),
    half = (z / (1 + (z * z) / c)) * Math.sqrt((p * (1 - p)) / c + (z * z) / (4 * c * c));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Mean and 95% CI of per-seed rates: Student t over seeds, never narrower than the Wilson score
 *  interval of the pooled instances (seeds that agree exactly, e.g. all at 0%, have a t interval of
 *  zero width, which would claim certainty the instances do not give); one seed: Wilson score only. */
function aggregate(condition, generator, key) {
  const rs = done.filter((r) => r.condition === condition && r.scores[generator]);
  if (!rs.length) return null;
  const rates = rs.map((r) => r.scores[generator][key] / r.scores[generator].count);
  const n = rates.length,
    mean = rates.reduce((a, b) => a + b, 0) / n;
  const [wlo, whi] = wilsonScore(
    rs.reduce((a, r) => a + r.scores[generator][key], 0),
    rs.reduce((a, r) => a + r.scores[generator].count, 0),
  );
  if (n === 1) return { mean, lo: wlo, hi: whi, seeds: 1, interval: "Wilson score (one seed)" };
  const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = (T975[Math.min(n - 1, T975.length - 1)] * sd) / Math.sqrt(n);
  return { mean, lo: Math.max(0, Math.min(mean - h, wlo)), hi: Math.min(1, Math.max(mean + h, whi)), seeds: n, interval: "t over seeds" };
}

const pct = (v) => (v === null || v === undefined ? "-" : (100 * v).toFixed(1));
const cell = (a) => (a ? `${pct(a.mean)} [${pct(a.lo)}, ${pct(a.hi)}]` : "-");
const conditionsDone = study.conditions.filter((c) => done.some((r) => r.condition === c));

const figures = {};
for (const c of conditionsDone) {
  figures[c] = {};
  for (const g of GENERATORS) figures[c][g] = { plan: aggregate(c, g, "plan"), trace: aggregate(c, g, "trace"), optimal: aggregate(c, g, "optimal") };
}

// The paper's four claims at this scale. "holds" needs the confidence intervals to say so, and
// models that solve almost nothing cannot support or refute a comparison.
const F = (c, g, k) => figures[c]?.[g]?.[k] ?? null;
const nearZero = (...cells) => cells.every((a) => a && a.hi < 0.05);
/** Where interval a lies against interval b: wholly above, wholly below, or overlapping. */
const placement = (a, b) => (a.lo > b.hi ? "above" : a.hi < b.lo ? "below" : "overlapping");
function claimA() {
  const n = F("no-trace", "wilson", "plan");
  const traced = ["correct", "swapped"].map((c) => [c, F(c, "wilson", "plan")]).filter(([, a]) => a);
  const text = `Wilson plan validity: ${["correct", "swapped", "no-trace"].map((c) => `${c} ${cell(F(c, "wilson", "plan"))}`).join(", ")}`;
  if (!traced.length || !n) return { verdict: "not measured yet", text: "needs no-trace and a trace condition's runs" };
  if (nearZero(n, ...traced.map(([, a]) => a))) return { verdict: "inconclusive (all below 5%)", text };
  // each trace condition against solution-only on its own: one can beat it while the other does not
  const places = traced.map(([c, a]) => [c, placement(a, n)]);
  const all = (p) => places.every(([, q]) => q === p);
  const some = (p) => places.some(([, q]) => q === p);
  const verdict = all("above") ? "holds" : all("below") ? "does not hold" : some("above") && some("below") ? "mixed" : "inconclusive";
  return { verdict: `${verdict} (${places.map(([c, p]) => `${c} ${p} no-trace`).join(", ")})`, text };
}
function claimB() {
  const t = F("correct", "wilson", "plan"),
    s = F("swapped", "wilson", "plan");
  if (!t || !s) return { verdict: "not measured yet", text: "needs correct and swapped runs" };
  if (nearZero(t, s)) return { verdict: "inconclusive (all below 5%)", text: `Wilson plan validity: correct ${cell(t)}, swapped ${cell(s)}` };
  const place = Math.abs(t.mean - s.mean) <= 0.05 ? "overlapping" : placement(s, t);
  return {
    verdict: { overlapping: "holds", below: "does not hold (swapped lower)", above: "holds (swapped higher)" }[place],
    text: `Wilson plan validity: correct ${cell(t)}, swapped ${cell(s)}; difference ${pct(s.mean - t.mean)} points`,
  };
}
function claimC() {
  const parts = [],
    outcomes = []; // [generator label, "both below 5%" | "better" | "as good" | "worse"]
  for (const g of ["drunkards_walk", "searchformer"]) {
    const t = F("correct", g, "plan"),
      s = F("swapped", g, "plan");
    if (!t || !s) return { verdict: "not measured yet", text: "needs correct and swapped runs" };
    parts.push(`${label(g)}: correct ${cell(t)}, swapped ${cell(s)}`);
    outcomes.push([label(g), nearZero(t, s) ? "both below 5%" : { above: "better", overlapping: "as good", below: "worse" }[placement(s, t)]]);
  }
  if (outcomes.every(([, o]) => o === "both below 5%")) return { verdict: "inconclusive (all below 5%)", text: parts.join("; ") };
  const listed = outcomes.map(([label, o]) => `${label} ${o}`).join("; ");
  return {
    verdict: outcomes.some(([, o]) => o === "worse") ? `does not hold (${listed})` : `holds (${listed})`,
    text: parts.join("; "),
  };
}
function claimD() {
  const rs = done.filter((r) => r.condition === "correct"),
    ss = done.filter((r) => r.condition === "swapped");
  if (!rs.length || !ss.length) return { verdict: "not measured yet", text: "needs correct and swapped runs" };
  const sum = (runs, f) => runs.reduce((a, r) => a + GENERATORS.reduce((b, g) => b + (r.scores[g] ? f(r.scores[g]) : 0), 0), 0);
  const validPlans = sum(rs, (g) => g.table[0] + g.table[1]),
    offDiag = sum(rs, (g) => g.table[1]);
  const swappedTraceValid = sum(ss, (g) => g.trace),
    swappedCount = sum(ss, (g) => g.count);
  // a swapped trace can still fit its maze by coincidence (a short corridor has one A* trace); the
  // paper's 0% is a rate, so a rate that rounds to 0.0% holds, and the few instances are named
  const swappedRate = pct(swappedTraceValid / Math.max(1, swappedCount));
  const where = ss.flatMap((r) => GENERATORS.flatMap((g) => (r.scores[g]?.trace_valid_at ?? []).map((at) => `${r.id} ${at}`)));
  const verdict =
    offDiag === 0
      ? "does not hold (no invalid trace behind a valid plan)"
      : swappedTraceValid === 0
        ? "holds"
        : swappedRate === pct(0)
          ? `holds (swapped traces valid ${swappedRate}%: ${swappedTraceValid} of ${swappedCount})`
          : `does not hold (swapped traces valid ${swappedRate}%)`;
  const named = swappedTraceValid > 0 && swappedTraceValid <= 5 ? ` (${where.join(", ")})` : "";
  return {
    verdict,
    text: `correct: ${offDiag} of ${validPlans} valid plans (${pct(offDiag / Math.max(1, validPlans))}%) come with an invalid trace; swapped: ${swappedTraceValid} valid traces in ${swappedCount} responses${named}`,
  };
}
/** @type {Array<[string, { verdict: string, text: string }]>} */
const claims = [
  ["(a) traces beat solution-only on plan validity", claimA()],
  ["(b) swapped about as good as correct in distribution (Wilson)", claimB()],
  ["(c) swapped as good or better out of distribution (Drunkard's walk, SF-style)", claimC()],
  ["(d) correct-trace models write invalid traces behind valid plans; swapped 0% valid traces", claimD()],
];

// ---- plots
const figDir = join(dirname(resolve(ROOT, options.out)), "results");
mkdirSync(figDir, { recursive: true });
const figPath = (name) => join(figDir, `${study.name}-${name}.svg`);
const relFig = (name) => relative(dirname(resolve(ROOT, options.out)), figPath(name));

function seedBand(condition, key) {
  const rs = runs.filter((r) => r.condition === condition && r.curve.some((p) => p[key] !== undefined));
  const steps = [...new Set(rs.flatMap((r) => r.curve.filter((p) => p[key] !== undefined).map((p) => p.step)))].sort((a, b) => a - b);
  return steps
    .map((step) => {
      const vs = rs.map((r) => r.curve.find((p) => p.step === step && p[key] !== undefined)?.[key]).filter((v) => v !== undefined);
      return { x: step, y: vs.reduce((a, b) => a + b, 0) / vs.length, ...(vs.length > 1 ? { lo: Math.min(...vs), hi: Math.max(...vs) } : {}) };
    })
    .filter((p) => p.x > 0);
}
/** A y axis of rates from 0% to 100%. */
const PERCENT_AXIS = { yRange: [0, 1], yFormat: (v) => `${Math.round(v * 100)}%` };
const curveConds = study.conditions.filter((c) => runs.some((r) => r.condition === c && r.curve.length));
const entries = (cs) => cs.map((c) => ({ name: c, style: styleOf(c) }));
writeFileSync(
  figPath("learning-curves"),
  svgDocument(880, 326, [
    ...lineChart({
      width: 440,
      title: "plan validity, greedy, val prompts (mean, band = seeds)",
      xLabel: "optimizer steps",
      ...PERCENT_AXIS,
      series: curveConds.map((c) => ({ name: c, style: styleOf(c), points: seedBand(c, "plan_valid") })).filter((s) => s.points.length),
    }),
    ...lineChart({
      x0: 440,
      width: 440,
      title: "validation loss, response tokens (band = seeds)",
      xLabel: "optimizer steps",
      series: curveConds.map((c) => ({ name: c, style: styleOf(c), points: seedBand(c, "val_loss") })),
    }),
    ...legend(entries(curveConds), 56, 316),
  ]),
);

const validityPanel = (key, title, y0) =>
  barChart({
    y0,
    title,
    yLabel: `% of ${study.eval_count.toLocaleString("en-US")} test instances`,
    groups: GENERATORS.map((g) => ({
      label: label(g),
      bars: conditionsDone.map((c) => ({
        name: c,
        style: styleOf(c),
        value: figures[c][g][key]?.mean ?? 0,
        lo: figures[c][g][key]?.lo,
        hi: figures[c][g][key]?.hi,
      })),
    })),
  });
writeFileSync(
  figPath("validity"),
  svgDocument(880, 626, [
    ...validityPanel("plan", "plan validity by generator and condition (mean over seeds, 95% CI)", 0),
    ...validityPanel("trace", "trace validity by generator and condition (mean over seeds, 95% CI)", 300),
    ...legend(entries(conditionsDone), 56, 614),
  ]),
);

/** Wilson instances by A* trace length (events), pooled over seeds, in bins of `width` events. */
function lengthBins(condition, generator = "wilson", width = 5) {
  const bins = new Map();
  for (const r of done.filter((x) => x.condition === condition)) {
    for (const [len, b] of Object.entries(r.scores[generator]?.by_len ?? {})) {
      const k = Math.floor(Number(len) / width) * width;
      const acc = bins.get(k) ?? { count: 0, plan: 0, trace: 0, events: 0, astar: 0 };
      acc.count += b.count;
      acc.plan += b.plan;
      acc.trace += b.trace;
      acc.events += b.events;
      acc.astar += Number(len) * b.count;
      bins.set(k, acc);
    }
  }
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([k, b]) => ({ from: k, to: k + width - 1, ...b }));
}
const binSeries = (key) =>
  conditionsDone.map((c) => ({
    name: c,
    style: styleOf(c),
    points: lengthBins(c)
      .filter((b) => b.count >= 10)
      .map((b) => ({ x: b.from + 2, y: b[key] / b.count })),
  }));
writeFileSync(
  figPath("by-trace-length"),
  svgDocument(880, 326, [
    ...lineChart({
      width: 440,
      title: "plan validity by A* trace length (Wilson)",
      xLabel: "A* trace length (events, bins of 5)",
      ...PERCENT_AXIS,
      series: binSeries("plan"),
    }),
    ...lineChart({
      x0: 440,
      width: 440,
      title: "trace validity by A* trace length (Wilson)",
      xLabel: "A* trace length (events, bins of 5)",
      ...PERCENT_AXIS,
      series: binSeries("trace"),
    }),
    ...legend(entries(conditionsDone), 56, 316),
  ]),
);
const traceConds = conditionsDone.filter((c) => c !== "no-trace");
const diag = lengthBins(traceConds[0] ?? "correct").map((b) => ({ x: b.astar / b.count, y: b.astar / b.count }));
writeFileSync(
  figPath("trace-length"),
  svgDocument(440, 326, [
    ...lineChart({
      width: 440,
      title: "model trace length vs A*'s (Wilson, mean per bin)",
      xLabel: "A* trace length (events)",
      yLabel: "model trace length (events)",
      series: [
        ...traceConds.map((c) => ({
          name: c,
          style: styleOf(c),
          points: lengthBins(c)
            .filter((b) => b.count >= 10)
            .map((b) => ({ x: b.astar / b.count, y: b.events / b.count })),
        })),
        { name: "A* (y = x)", style: { color: "#999999", dash: "1 3", marker: "circle" }, points: diag },
      ],
    }),
    ...legend([...entries(traceConds), { name: "A* (y = x)", style: { color: "#999999", dash: "1 3", marker: "circle" } }], 56, 316),
  ]),
);

// ---- markdown
const anyEval = done[0].eval;
// the build that scored this report (the study's eval.json files name the build that decoded)
const build = engineBuild(packageRoot())?.sha256?.slice(0, 16) ?? null;
const md = [];
md.push(`# Results: the ${study.name} study`, "");
md.push(`Generated by \`node scripts/study-report.js --study ${study.name}\` from the runs of \`scripts/train/study.py ${study.name}\``);
md.push(`(spec: \`${relative(ROOT, studyPath)}\`). Every stored prediction is scored again by the current engine${build ? ` (build \`${build}\`)` : ""}:`);
md.push(`the paper's validator (its rules exactly, \`paper-spec.md\` section 6). Greedy decoding, ${study.eval_count} test instances per generator`);
md.push(`(test streams, seed ${anyEval.seed}), ${anyEval.rows}x${anyEval.cols} mazes. Runs: ${done.length} of ${runs.length} finished`);
const missing = runs.filter((r) => !r.have).map((r) => r.id);
md.push(
  missing.length
    ? `(missing: ${missing.join(", ")}; the intervals are Student t intervals over the seeds present, never narrower than the Wilson score interval of their pooled instances; a one-seed cell has the Wilson score interval of its ${study.eval_count} instances only).`
    : "(the intervals are Student t intervals over the seeds, never narrower than the Wilson score interval of the pooled instances).",
  "",
);
md.push(
  `Training: ${study.max_steps} optimizer steps${batchSize ? ` of ${batchSize} sequences` : ""} for every condition and seed (config \`${study.config}\`), the Wilson train stream (${study.dataset?.join(" ") ?? ""}).`,
  "",
);
md.push("## The paper's claims at this scale", "");
md.push("| claim | verdict | numbers (%, mean [95% CI]) |", "|---|---|---|");
for (const [name, c] of claims) md.push(`| ${name} | **${c.verdict}** | ${c.text} |`);
md.push("");
md.push(`![plan and trace validity by generator](${relFig("validity")})`, "");
for (const [key, title] of [
  ["plan", "Plan validity"],
  ["trace", "Trace validity"],
  ["optimal", "Optimal rate"],
]) {
  md.push(`### ${title} (%, mean over seeds [95% CI])`, "");
  md.push(`| condition | ${GENERATORS.map(label).join(" | ")} |`, `|---|${GENERATORS.map(() => "---").join("|")}|`);
  for (const c of conditionsDone) md.push(`| ${c} | ${GENERATORS.map((g) => cell(figures[c][g][key])).join(" | ")} |`);
  md.push("");
}
md.push("### Plan x trace (Wilson, summed over seeds)", "");
md.push(
  "| condition | plan valid, trace valid | plan valid, trace invalid | plan invalid, trace valid | plan invalid, trace invalid |",
  "|---|---|---|---|---|",
);
for (const c of conditionsDone) {
  const t = [0, 0, 0, 0];
  for (const r of done.filter((x) => x.condition === c))
    r.scores.wilson?.table.forEach((v, i) => {
      t[i] += v;
    });
  md.push(`| ${c} | ${t.join(" | ")} |`);
}
md.push("", "### First errors (Wilson, summed over seeds; the top five of each kind)", "");
md.push("| condition | first trace error | first plan error |", "|---|---|---|");
const top = (h) =>
  Object.entries(h)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, v]) => `\`${k}\` ${v}`)
    .join(", ") || "none";
for (const c of conditionsDone) {
  const te = {},
    pe = {};
  for (const r of done.filter((x) => x.condition === c)) {
    for (const [k, v] of Object.entries(r.scores.wilson?.trace_errors ?? {})) te[k] = (te[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.scores.wilson?.plan_errors ?? {})) pe[k] = (pe[k] ?? 0) + v;
  }
  md.push(`| ${c} | ${top(te)} | ${top(pe)} |`);
}
md.push("", "## Validity by A* trace length, and trace length against A*'s", "");
md.push(`![validity by A* trace length](${relFig("by-trace-length")})`, "", `![model trace length vs A*](${relFig("trace-length")})`, "");
md.push(
  "| condition | A* trace events | instances | plan valid % | trace valid % | mean model trace events | mean A* trace events |",
  "|---|---|---|---|---|---|---|",
);
for (const c of conditionsDone) {
  for (const b of lengthBins(c))
    md.push(
      `| ${c} | ${b.from}-${b.to} | ${b.count} | ${pct(b.plan / b.count)} | ${pct(b.trace / b.count)} | ${(b.events / b.count).toFixed(1)} | ${(b.astar / b.count).toFixed(1)} |`,
    );
}
md.push("", "## Learning curves", "");
md.push(`![learning curves](${relFig("learning-curves")})`, "");
md.push(
  "Plan validity during training is a greedy probe on 128 validation prompts (Wilson train stream, never test) checked with the plan rules only; the tables above are the engine's verdicts on the test streams.",
  "",
);
md.push("| run | steps | tokens seen | wall (min) | tokens/s | final val loss | final probe plan validity |", "|---|---|---|---|---|---|---|");
for (const r of runs.filter((x) => x.curve.length)) {
  const last = r.curve.at(-1),
    probe = [...r.curve].reverse().find((p) => p.plan_valid !== undefined);
  md.push(
    `| ${r.id} | ${last.step} | ${(last.tokens / 1e6).toFixed(1)}M | ${(last.elapsed / 60).toFixed(0)} | ${last.tokens_per_second ?? "-"} | ${last.val_loss.toFixed(4)} | ${probe ? pct(probe.plan_valid) : "-"} |`,
  );
}
md.push("", "## The paper's numbers beside ours", "");
md.push("The paper (30x30 Wilson, a 0.5B Qwen2.5-shaped model, 50k training mazes) reports plan validity (%):", "");
md.push("| model | Wilson | Drunkard's walk | SF-style |", "|---|---|---|---|");
md.push("| paper, Wilson-trained, correct traces | 79.9 | 0.0 | - |", "| paper, Wilson-trained, swapped traces | 83.3 | 11.7 | - |");
for (const c of conditionsDone)
  md.push(`| ours (${study.name}, ${c}) | ${cell(figures[c].wilson.plan)} | ${cell(figures[c].drunkards_walk.plan)} | ${cell(figures[c].searchformer.plan)} |`);
md.push(
  "",
  "Swapped-trace models: the paper reports 0% trace validity everywhere; correct-trace models high but imperfect trace validity, some valid plans with invalid traces.",
  "",
);
writeFileSync(resolve(ROOT, options.out), md.join("\n"));
process.stderr.write(`wrote ${options.out} and 4 plots in ${relative(ROOT, figDir)}/ (${done.length} of ${runs.length} runs)\n`);
if (options.json) console.log(JSON.stringify({ study: study.name, runs: done.map((r) => r.id), missing, figures, claims: Object.fromEntries(claims) }));
