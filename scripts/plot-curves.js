#!/usr/bin/env node
// Draws the learning curves stored in model manifests (training.curve_summary) as one SVG:
// validation loss and next-token accuracy against training tokens seen, one line per model.
// No plotting dependency: the manifests are the data, the SVG is written by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";

const HELP = `Usage: node scripts/plot-curves.js [--out FILE] MANIFEST...

Plots validation loss and validation next-token accuracy (response tokens) against training
tokens seen (log scale), one line per manifest (models/<name>.json written by export_onnx.py).

Options:
  -o, --out <file>  SVG to write (default docs/learning-curves.svg)
  -h, --help        show this help

Example:
  node scripts/plot-curves.js models/10x10-correct.json models/10x10-no-trace.json models/10x10-swapped.json`;

const COLORS = { correct: "#1b7837", "no-trace": "#2166ac", swapped: "#b2182b" };
const W = 440, H = 300, PAD = { left: 56, right: 16, top: 34, bottom: 44 };

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
  return {
    name: manifest.name ?? basename(path, ".json"),
    color: COLORS[manifest.condition] ?? "#555",
    points: summary.points.map((p) => ({ tokens: p[at("tokens")], loss: p[at("val_loss")], acc: at("val_acc") >= 0 ? p[at("val_acc")] : null })),
  };
}

/** Tick values 1, 2, 5 x 10^k inside [lo, hi] for a log axis. */
function logTicks(lo, hi) {
  const ticks = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

function linearTicks(lo, hi, count = 5) {
  const step = (hi - lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo + i * step);
}

const human = (v) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(0)}k` : `${v}`);

function panel(series, key, title, x0) {
  const pts = series.flatMap((s) => s.points.filter((p) => p[key] !== null));
  const tokens = pts.map((p) => p.tokens), values = pts.map((p) => p[key]);
  const tLo = Math.min(...tokens) / 1.2, tHi = Math.max(...tokens) * 1.2;
  const vLo = Math.min(...values), vHi = Math.max(...values), margin = (vHi - vLo || 1) * 0.08;
  const yLo = vLo - margin, yHi = vHi + margin;
  const iw = W - PAD.left - PAD.right, ih = H - PAD.top - PAD.bottom;
  const sx = (t) => x0 + PAD.left + ((Math.log10(t) - Math.log10(tLo)) / (Math.log10(tHi) - Math.log10(tLo))) * iw;
  const sy = (v) => PAD.top + (1 - (v - yLo) / (yHi - yLo)) * ih;
  const out = [`<text x="${x0 + PAD.left}" y="20" font-weight="bold">${title}</text>`,
    `<rect x="${x0 + PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}" fill="none" stroke="#999"/>`];
  for (const t of logTicks(tLo, tHi)) {
    out.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${PAD.top}" y2="${PAD.top + ih}" stroke="#eee"/>`,
      `<text x="${sx(t)}" y="${PAD.top + ih + 16}" text-anchor="middle">${human(t)}</text>`);
  }
  for (const v of linearTicks(yLo, yHi)) {
    out.push(`<line x1="${x0 + PAD.left}" x2="${x0 + PAD.left + iw}" y1="${sy(v)}" y2="${sy(v)}" stroke="#eee"/>`,
      `<text x="${x0 + PAD.left - 6}" y="${sy(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`);
  }
  out.push(`<text x="${x0 + PAD.left + iw / 2}" y="${H - 8}" text-anchor="middle">training tokens seen (log)</text>`);
  for (const s of series) {
    const line = s.points.filter((p) => p[key] !== null).map((p) => `${sx(p.tokens).toFixed(1)},${sy(p[key]).toFixed(1)}`);
    out.push(`<polyline points="${line.join(" ")}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const xy of line) {
      const [x, y] = xy.split(",");
      out.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="${s.color}"/>`);
    }
  }
  return out;
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
  const legend = series.map((s, i) => `<g transform="translate(${PAD.left + i * 150},${H + 14})"><rect width="14" height="4" y="-4" fill="${s.color}"/><text x="20" y="0">${s.name}</text></g>`);
  const svg = [`<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 26}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panel(series, "loss", "validation loss (response tokens)", 0),
    ...panel(series, "acc", "validation next-token accuracy", W),
    ...legend, "</svg>"].join("\n");
  writeFileSync(out, svg + "\n");
  process.stderr.write(`wrote ${out} (${series.length} curves)\n`);
}

main();
