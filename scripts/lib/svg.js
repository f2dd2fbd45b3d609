// Hand-written SVG charts for the offline reports (learning curves, study results): no plotting
// dependency, deterministic output (same data, same bytes), readable without colour (each
// condition also has its own dash pattern and marker).

/** Okabe-Ito colours (safe for the common colour-vision deficiencies) and a dash per condition. */
export const CONDITION_STYLE = {
  correct: { color: "#009E73", dash: "", marker: "circle" },
  "no-trace": { color: "#0072B2", dash: "6 3", marker: "square" },
  swapped: { color: "#D55E00", dash: "2 2", marker: "triangle" },
};
export const styleOf = (name) => CONDITION_STYLE[name] ?? { color: "#555555", dash: "4 2 1 2", marker: "circle" };

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f1 = (v) => (Math.round(v * 10) / 10).toString();

export const human = (v) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(2)}`);

/** Tick values 1, 2, 5 x 10^k inside [lo, hi] for a log axis. */
export function logTicks(lo, hi) {
  const ticks = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

// Multiples of a step: the index of the last one at or below v, of the first one at or above v
// (tolerating float error, so 0.6 / 0.2 counts as 3), and the i-th one without float noise.
const stepsBelow = (v, step) => Math.floor(v / step + 1e-9);
const stepsAbove = (v, step) => Math.ceil(v / step - 1e-9);
const multiple = (i, step) => Number((i * step).toPrecision(12));

/**
 * The smallest round step (1, 2 or 5 x 10^k) that puts at most count + 1 ticks inside [lo, hi],
 * or, with cover, on the round values that enclose it.
 */
function niceStep(lo, hi, count, cover = false) {
  const magnitude = 10 ** Math.floor(Math.log10((hi - lo) / count));
  const ticks = (s) => (cover ? stepsAbove(hi, s) - stepsBelow(lo, s) : stepsBelow(hi, s) - stepsAbove(lo, s)) + 1;
  return [1, 2, 5, 10, 20].map((m) => m * magnitude).find((s) => ticks(s) <= count + 1);
}

/** At most count + 1 ticks inside [lo, hi] at round values: multiples of 1, 2 or 5 x 10^k. */
export function linearTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const step = niceStep(lo, hi, count);
  const ticks = [];
  for (let i = stepsAbove(lo, step); i <= stepsBelow(hi, step); i++) ticks.push(multiple(i, step));
  return ticks;
}

function marker(kind, x, y, color) {
  if (kind === "square") return `<rect x="${f1(x - 2.5)}" y="${f1(y - 2.5)}" width="5" height="5" fill="${color}"/>`;
  if (kind === "triangle") return `<path d="M${f1(x)},${f1(y - 3.2)} L${f1(x + 3)},${f1(y + 2.4)} L${f1(x - 3)},${f1(y + 2.4)}Z" fill="${color}"/>`;
  return `<circle cx="${f1(x)}" cy="${f1(y)}" r="2.5" fill="${color}"/>`;
}

/**
 * One line chart panel at (x0, y0). series: [{ name, style, points: [{ x, y, lo?, hi? }] }];
 * lo/hi draw a translucent band (e.g. the spread over seeds).
 * @param {{ x0?: number, y0?: number, width?: number, height?: number, title: string, xLabel?: string, yLabel?: string,
 *   logX?: boolean, yRange?: number[], series: any[], yFormat?: (v: number) => string }} chart
 */
export function lineChart({ x0 = 0, y0 = 0, width = 440, height = 300, title, xLabel, yLabel, logX = false, yRange, series, yFormat }) {
  const pad = { left: 56, right: 16, top: 34, bottom: 44 };
  const pts = series.flatMap((s) => s.points);
  if (!pts.length) {
    return [
      `<text x="${x0 + pad.left}" y="${y0 + 20}" font-weight="bold">${esc(title)}</text>`,
      `<text x="${x0 + width / 2}" y="${y0 + height / 2}" text-anchor="middle" fill="#666">no data yet</text>`,
    ];
  }
  const xs = pts.map((p) => p.x),
    ys = pts.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]);
  let xLo = Math.min(...xs),
    xHi = Math.max(...xs);
  if (logX) {
    xLo /= 1.2;
    xHi *= 1.2;
  } else if (xLo === xHi) {
    xLo -= 1;
    xHi += 1;
  }
  let [yLo, yHi] = yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (!yRange) {
    const m = (yHi - yLo || 1) * 0.08;
    // the margin must not invent negative values (a loss axis labelled -0.08) for data that has none
    yLo = yLo >= 0 ? Math.max(0, yLo - m) : yLo - m;
    yHi += m;
    // then out to round values, so the frame's edges carry tick labels
    const step = niceStep(yLo, yHi, 5, true);
    yLo = multiple(stepsBelow(yLo, step), step);
    yHi = multiple(stepsAbove(yHi, step), step);
  }
  const iw = width - pad.left - pad.right,
    ih = height - pad.top - pad.bottom;
  const tx = (v) => (logX ? Math.log10(v) : v);
  const sx = (v) => x0 + pad.left + ((tx(v) - tx(xLo)) / (tx(xHi) - tx(xLo))) * iw;
  const sy = (v) => y0 + pad.top + (1 - (v - yLo) / (yHi - yLo)) * ih;
  const fmt = yFormat ?? ((v) => String(+v.toFixed(2)));
  const out = [
    `<text x="${x0 + pad.left}" y="${y0 + 20}" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${x0 + pad.left}" y="${y0 + pad.top}" width="${iw}" height="${ih}" fill="none" stroke="#999"/>`,
  ];
  for (const t of logX ? logTicks(xLo, xHi) : linearTicks(xLo, xHi)) {
    out.push(
      `<line x1="${f1(sx(t))}" x2="${f1(sx(t))}" y1="${y0 + pad.top}" y2="${y0 + pad.top + ih}" stroke="#eee"/>`,
      `<text x="${f1(sx(t))}" y="${y0 + pad.top + ih + 16}" text-anchor="middle">${human(t)}</text>`,
    );
  }
  for (const v of linearTicks(yLo, yHi)) {
    out.push(
      `<line x1="${x0 + pad.left}" x2="${x0 + pad.left + iw}" y1="${f1(sy(v))}" y2="${f1(sy(v))}" stroke="#eee"/>`,
      `<text x="${x0 + pad.left - 6}" y="${f1(sy(v) + 4)}" text-anchor="end">${fmt(v)}</text>`,
    );
  }
  out.push(`<text x="${x0 + pad.left + iw / 2}" y="${y0 + height - 8}" text-anchor="middle">${esc(xLabel)}</text>`);
  if (yLabel) out.push(`<text transform="translate(${x0 + 12},${y0 + pad.top + ih / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  for (const s of series) {
    const { color, dash, marker: mk } = s.style;
    const band = s.points.filter((p) => p.lo !== undefined && p.hi !== undefined);
    if (band.length > 1) {
      const upper = band.map((p) => `${f1(sx(p.x))},${f1(sy(p.hi))}`),
        lower = band.map((p) => `${f1(sx(p.x))},${f1(sy(p.lo))}`).reverse();
      out.push(`<polygon points="${[...upper, ...lower].join(" ")}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    }
    const line = s.points.map((p) => [sx(p.x), sy(p.y)]);
    out.push(
      `<polyline points="${line.map(([x, y]) => `${f1(x)},${f1(y)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
    );
    for (const [x, y] of line) out.push(marker(mk, x, y, color));
  }
  return out;
}

/**
 * Grouped bar chart with error bars at (x0, y0). groups: [{ label, bars: [{ name, style, value,
 * lo?, hi? }] }], values in [0, 1] drawn as percentages; each bar is labelled with its value so
 * nothing depends on colour alone.
 */
export function barChart({ x0 = 0, y0 = 0, width = 880, height = 300, title, yLabel, groups }) {
  const pad = { left: 56, right: 16, top: 34, bottom: 44 };
  const iw = width - pad.left - pad.right,
    ih = height - pad.top - pad.bottom;
  const sy = (v) => y0 + pad.top + (1 - v) * ih;
  const out = [
    `<text x="${x0 + pad.left}" y="${y0 + 20}" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${x0 + pad.left}" y="${y0 + pad.top}" width="${iw}" height="${ih}" fill="none" stroke="#999"/>`,
  ];
  for (const v of linearTicks(0, 1)) {
    out.push(
      `<line x1="${x0 + pad.left}" x2="${x0 + pad.left + iw}" y1="${f1(sy(v))}" y2="${f1(sy(v))}" stroke="#eee"/>`,
      `<text x="${x0 + pad.left - 6}" y="${f1(sy(v) + 4)}" text-anchor="end">${Math.round(v * 100)}%</text>`,
    );
  }
  if (yLabel) out.push(`<text transform="translate(${x0 + 12},${y0 + pad.top + ih / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  const gw = iw / groups.length;
  groups.forEach((g, gi) => {
    const gx = x0 + pad.left + gi * gw;
    out.push(`<text x="${f1(gx + gw / 2)}" y="${y0 + pad.top + ih + 16}" text-anchor="middle">${esc(g.label)}</text>`);
    const bw = (gw * 0.8) / g.bars.length;
    g.bars.forEach((b, bi) => {
      const bx = gx + gw * 0.1 + bi * bw;
      const { color, dash } = b.style;
      out.push(
        `<rect x="${f1(bx + 1)}" y="${f1(sy(b.value))}" width="${f1(bw - 2)}" height="${f1(sy(0) - sy(b.value))}" fill="${color}" fill-opacity="0.85"${dash ? ` stroke="#222" stroke-dasharray="${dash}"` : ""}><title>${esc(b.name)}: ${(b.value * 100).toFixed(1)}%</title></rect>`,
      );
      if (b.lo !== undefined && b.hi !== undefined) {
        const cx = bx + bw / 2;
        out.push(
          `<path d="M${f1(cx)},${f1(sy(b.hi))} V${f1(sy(b.lo))} M${f1(cx - 3)},${f1(sy(b.hi))} H${f1(cx + 3)} M${f1(cx - 3)},${f1(sy(b.lo))} H${f1(cx + 3)}" stroke="#222" fill="none"/>`,
        );
      }
      out.push(
        `<text x="${f1(bx + bw / 2)}" y="${f1(Math.min(sy(b.value), sy(b.hi ?? b.value)) - 4)}" text-anchor="middle" font-size="9">${Math.round(b.value * 100)}</text>`,
      );
    });
  });
  return out;
}

/** A legend row: entries [{ name, style }] with their colour, dash and marker. */
export function legend(entries, x0, y0) {
  return entries.map(({ name: n, style }, i) => {
    const { color, dash, marker: mk } = style;
    const x = x0 + i * 150;
    return `<line x1="${x}" x2="${x + 24}" y1="${y0}" y2="${y0}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>${marker(mk, x + 12, y0, color)}<text x="${x + 30}" y="${y0 + 4}">${esc(n)}</text>`;
  });
}

export function svgDocument(width, height, parts) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
