// Types of svg.js, for the TypeScript that imports it (its tests).

export interface SeriesStyle {
  color: string;
  dash?: string;
  marker?: "circle" | "square" | "triangle";
}

export interface Point {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

export const CONDITION_STYLE: Record<"correct" | "no-trace" | "swapped", Required<SeriesStyle>>;
export function styleOf(name: string): Required<SeriesStyle>;
export function human(v: number): string;
export function logTicks(lo: number, hi: number): number[];
export function linearTicks(lo: number, hi: number, count?: number): number[];
export function lineChart(chart: {
  x0?: number;
  y0?: number;
  width?: number;
  height?: number;
  title: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  yRange?: number[];
  series: { name: string; style: SeriesStyle; points: Point[] }[];
  yFormat?: (v: number) => string;
}): string[];
export function barChart(chart: {
  x0?: number;
  y0?: number;
  width?: number;
  height?: number;
  title: string;
  yLabel?: string;
  groups: { label: string; bars: { name: string; style: SeriesStyle; value: number; lo?: number; hi?: number }[] }[];
}): string[];
export function legend(entries: { name: string; style: SeriesStyle }[], x0: number, y0: number): string[];
export function svgDocument(width: number, height: number, parts: string[]): string;
