#!/usr/bin/env node
// Draws the learning curves stored in model manifests (training.curve_summary) as one SVG:
// validation loss and next-token accuracy against training tokens seen, one line per model.
// No plotting dependency: the manifests are the data, the SVG is written by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { legend, lineChart, styleOf, svgDocument } from "./lib/svg.js";

const HELP = `Usage: node scripts/plot-curves.js [--out FILE] MANIFEST...

Plots validation loss and validation next-token accuracy (response tokens) against training
tokens seen (log scale), one line per manifest (models/<name>.json written by export_onnx.py),
and, where a manifest has them, the trainer's greedy plan-validity probes on validation prompts
(train.py plan_eval_interval) as a third panel.

Options:
  -o, --out <file>  SVG to write (default docs/learning-curves.svg)
  -h, --help        show this help

Example:
  node scripts/plot-curves.js models/10x10-correct.json models/10x10-no-trace.json models/10x10-swapped.json`;

const W = 440,
  H = 300;

function fail(message) {
  process.stderr.write(`plot-curves: ${message}\n`);
  process.exit(1);
}

function loadSeries(path) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    fail(`cannot read ${path}: ${e.message}`);
  }
  const summary = manifest?.training?.curve_summary;
  const fields = summary?.points_fields ?? [];
  const at = (name) => fields.indexOf(name);
  if (!summary?.points?.length || at("tokens") < 0 || at("val_loss") < 0) fail(`${path} has no training.curve_summary points`);
  const probeFields = summary.plan_probes_fields ?? [];
  const probeAt = (name) => probeFields.indexOf(name);
  const probes =
    probeAt("tokens") >= 0 && probeAt("plan_valid") >= 0
      ? (summary.plan_probes ?? []).map((p) => ({ tokens: p[probeAt("tokens")], plan: p[probeAt("plan_valid")] }))
      : [];
  return {
    name: manifest.name ?? basename(path, ".json"),
    style: styleOf(manifest.condition),
    points: summary.points.map((p) => ({ tokens: p[at("tokens")], loss: p[at("val_loss")], acc: at("val_acc") >= 0 ? p[at("val_acc")] : null })),
    probes,
  };
}

function panel(series, key, title, x0, source = "points", axis = {}) {
  return lineChart({
    x0,
    width: W,
    height: H,
    title,
    xLabel: "training tokens seen (log)",
    logX: true,
    ...axis,
    series: series
      .map((s) => ({ name: s.name, style: s.style, points: s[source].filter((p) => p[key] !== null).map((p) => ({ x: p.tokens, y: p[key] })) }))
      .filter((s) => s.points.length > 0),
  });
}

function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    fail(e.message);
  }
  if (parsed.values.help) return void process.stdout.write(HELP + "\n");
  if (!parsed.positionals.length) fail("give at least one manifest (models/<name>.json); see --help");
  const series = parsed.positionals.map(loadSeries);
  const out = parsed.values.out ?? "docs/learning-curves.svg";
  const withProbes = series.some((s) => s.probes.length > 0);
  const svg = svgDocument((withProbes ? 3 : 2) * W, H + 26, [
    ...panel(series, "loss", "validation loss (response tokens)", 0),
    // accuracy is bounded by 1: a free axis rounds the margin above 0.97 out to 1.5
    ...panel(series, "acc", "validation next-token accuracy", W, "points", { yRange: [0, 1] }),
    ...(withProbes
      ? panel(series, "plan", "plan validity, greedy, validation prompts", 2 * W, "probes", {
          yRange: [0, 1],
          yFormat: (v) => `${Math.round(v * 100)}%`,
        })
      : []),
    ...legend(series, 56, H + 10),
  ]);
  writeFileSync(out, svg);
  process.stderr.write(`wrote ${out} (${series.length} curves)\n`);
}

main();
