// The SVG line charts behind docs/results*.md and docs/learning-curves.svg: their y axis has a
// margin around the data, which must not reach below zero for data that never does.
import { describe, expect, it } from "vitest";
import { linearTicks, lineChart } from "../../scripts/lib/svg.js";

// the numeric y tick labels of a chart (text-anchor="end": the x labels are centred)
const yLabels = (parts: string[]) =>
  parts
    .join("\n")
    .split("\n")
    .flatMap((l) => [...l.matchAll(/text-anchor="end">(-?[\d.]+)</g)].map((m) => Number(m[1])));

const chart = (ys: number[]) => lineChart({ title: "loss", series: [{ name: "a", style: { color: "#000" }, points: ys.map((y, i) => ({ x: i + 1, y })) }] });

describe("lineChart's y axis", () => {
  it("starts at zero, not below, for non-negative data close to zero (a loss falling to 0.07)", () => {
    const labels = yLabels(chart([2.1, 1.2, 0.4, 0.07]));
    expect(labels.length).toBeGreaterThan(2);
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(Math.min(...labels)).toBe(0);
    expect(Math.max(...labels)).toBeGreaterThan(2.1);
  });
  it("keeps a margin below data that is negative", () => {
    const labels = yLabels(chart([0.5, -0.3, 0.2]));
    expect(Math.min(...labels)).toBeLessThan(-0.3);
  });
});

describe("linearTicks", () => {
  it("puts ticks at round values inside the range, not at fifths of it", () => {
    expect(linearTicks(4, 95.8)).toEqual([20, 40, 60, 80]);
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(500, 6000)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    expect(linearTicks(0, 2.3)).toEqual([0, 0.5, 1, 1.5, 2]);
  });
  it("gives at most count + 1 ticks, and one for an empty range", () => {
    for (const [lo, hi] of [
      [0, 1],
      [0.07, 2.21],
      [-0.3, 0.5],
      [1, 16000],
      [3, 3.0001],
    ]) {
      const ticks = linearTicks(lo, hi);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      for (const t of ticks) expect(t >= lo && t <= hi).toBe(true);
    }
    expect(linearTicks(2, 2)).toEqual([2]);
  });
});
