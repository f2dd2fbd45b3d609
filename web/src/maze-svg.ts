// One maze drawn as SVG (crisp at any zoom) with layers for the trace, the plan and errors.
// Shapes, not colour alone, carry meaning: created cells are dotted outlines, closed cells are
// filled with a solid border, the plan is a line with dots, an error is a dashed box with "!".
import type { Maze } from "../../src/core/mazes";
import { s } from "./dom";

export type Cell = [number, number];

export class MazeSvg {
  readonly el: SVGSVGElement;
  private readonly cellsLayer: SVGElement;
  private readonly traceLayer: SVGElement;
  private readonly planLayer: SVGElement;
  private readonly errorLayer: SVGElement;
  private readonly markLayer: SVGElement;
  private readonly cursor: SVGElement;
  private maze!: Maze;
  private cursorAt: Cell = [0, 0];
  private editHandler: ((cell: Cell, key: "toggle" | "start" | "goal") => void) | null = null;

  constructor(label: string) {
    this.el = s("svg", { class: "maze", role: "img", "aria-label": label, preserveAspectRatio: "xMidYMid meet" }) as SVGSVGElement;
    this.cellsLayer = s("g");
    this.traceLayer = s("g");
    this.planLayer = s("g");
    this.errorLayer = s("g");
    this.markLayer = s("g");
    this.cursor = s("rect", { width: 1, height: 1, fill: "none", stroke: "#000", "stroke-width": 0.12, visibility: "hidden" });
    this.el.append(this.cellsLayer, this.traceLayer, this.planLayer, this.markLayer, this.errorLayer, this.cursor);
  }

  /** Draws the grid and clears every overlay. */
  setMaze(maze: Maze): void {
    this.maze = maze;
    const { rows, cols } = maze;
    this.el.setAttribute("viewBox", `-0.05 -0.05 ${cols + 0.1} ${rows + 0.1}`);
    this.el.dataset.rows = String(rows);
    this.el.dataset.cols = String(cols);
    this.cellsLayer.replaceChildren(s("rect", { x: 0, y: 0, width: cols, height: rows, fill: "#fff" }));
    let wallPath = "";
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) if (!maze.cells[y * cols + x]) wallPath += `M${x} ${y}h1v1h-1z`;
    this.cellsLayer.append(s("path", { d: wallPath, fill: "var(--wall)" }));
    let grid = "";
    for (let x = 1; x < cols; x++) grid += `M${x} 0V${rows}`;
    for (let y = 1; y < rows; y++) grid += `M0 ${y}H${cols}`;
    this.cellsLayer.append(s("path", { d: grid, stroke: "#bbb", "stroke-width": 0.02, fill: "none" }));
    this.clear();
    this.drawMarks();
  }

  clear(): void {
    this.traceLayer.replaceChildren();
    this.planLayer.replaceChildren();
    this.errorLayer.replaceChildren();
  }

  private inside([x, y]: Cell): boolean {
    return x >= 0 && y >= 0 && x < this.maze.cols && y < this.maze.rows;
  }

  private drawMarks(): void {
    const mark = ([x, y]: Cell, letter: string, color: string) =>
      s(
        "g",
        {},
        s("circle", { cx: x + 0.5, cy: y + 0.5, r: 0.42, fill: color, stroke: "#000", "stroke-width": 0.04 }),
        s("text", { x: x + 0.5, y: y + 0.66, "text-anchor": "middle", "font-size": 0.5, "font-weight": 700, fill: "#000" }, letter),
      );
    this.markLayer.replaceChildren(mark(this.maze.start, "S", "var(--start)"), mark(this.maze.goal, "G", "var(--goal)"));
  }

  /** A created (dotted outline) or closed (filled) cell with its g and h. */
  addEvent(kind: "create" | "close", x: number, y: number, g?: number, h?: number): void {
    if (!this.inside([x, y])) return;
    const closed = kind === "close";
    const id = `c${x}-${y}`;
    this.traceLayer.querySelector(`[data-cell="${id}"]`)?.remove();
    this.traceLayer.append(
      s(
        "g",
        { "data-cell": id, "data-kind": kind },
        s("rect", {
          x: x + 0.06,
          y: y + 0.06,
          width: 0.88,
          height: 0.88,
          rx: 0.08,
          fill: closed ? "var(--closed)" : "#d6ecfa",
          "fill-opacity": closed ? 0.85 : 1,
          stroke: closed ? "#003a5c" : "var(--closed)",
          "stroke-width": 0.06,
          "stroke-dasharray": closed ? "none" : "0.1 0.08",
        }),
        g === undefined ? null : s("text", { x: x + 0.5, y: y + 0.44, "text-anchor": "middle", "font-size": 0.27, fill: closed ? "#fff" : "#002b45" }, `g${g}`),
        h === undefined ? null : s("text", { x: x + 0.5, y: y + 0.78, "text-anchor": "middle", "font-size": 0.27, fill: closed ? "#fff" : "#002b45" }, `h${h}`),
      ),
    );
  }

  /** The plan as a path of dots and segments (only the in-grid steps). */
  setPlan(cells: Cell[], color = "var(--plan)"): void {
    const pts = cells.filter((c) => this.inside(c)).map(([x, y]) => `${x + 0.5},${y + 0.5}`);
    this.planLayer.replaceChildren();
    if (!pts.length) return;
    this.planLayer.append(
      s("polyline", {
        points: pts.join(" "),
        fill: "none",
        stroke: color,
        "stroke-width": 0.22,
        "stroke-linejoin": "round",
        "stroke-linecap": "round",
        "stroke-opacity": 0.9,
      }),
    );
    for (const p of pts) {
      const [cx, cy] = p.split(",");
      this.planLayer.append(s("circle", { cx, cy, r: 0.13, fill: "#fff", stroke: "#7a4f00", "stroke-width": 0.05 }));
    }
  }

  /** A dashed box with "!" on the cell of an error (clamped into the grid when off it). */
  markError([x, y]: Cell, title: string): void {
    const cx = Math.min(Math.max(x, 0), this.maze.cols - 1),
      cy = Math.min(Math.max(y, 0), this.maze.rows - 1);
    this.errorLayer.append(
      s(
        "g",
        { "data-error": title },
        s("title", {}, title),
        s("rect", {
          x: cx + 0.03,
          y: cy + 0.03,
          width: 0.94,
          height: 0.94,
          fill: "none",
          stroke: "var(--error)",
          "stroke-width": 0.14,
          "stroke-dasharray": "0.2 0.1",
        }),
        s("circle", { cx: cx + 0.85, cy: cy + 0.15, r: 0.2, fill: "var(--error)" }),
        s("text", { x: cx + 0.85, y: cy + 0.25, "text-anchor": "middle", "font-size": 0.3, "font-weight": 700, fill: "#fff" }, "!"),
      ),
    );
  }

  /** Makes the maze editable by mouse (click a cell: wall on/off) and keyboard (arrows move a
   *  cursor; Space/Enter toggles a wall, S and G move the start and the goal). */
  setEditable(handler: ((cell: Cell, key: "toggle" | "start" | "goal") => void) | null): void {
    this.editHandler = handler;
    this.el.classList.toggle("editing", !!handler);
    if (handler) {
      this.el.setAttribute("tabindex", "0");
      this.el.setAttribute("role", "application");
      this.el.setAttribute("aria-roledescription", "maze editor");
      this.el.setAttribute(
        "aria-label",
        "Maze editor: arrow keys move the cursor, Space toggles a wall, S sets the start, G sets the goal. Clicking a cell toggles its wall.",
      );
    } else {
      this.el.removeAttribute("tabindex");
      this.el.setAttribute("role", "img");
      this.cursor.setAttribute("visibility", "hidden");
    }
    this.el.onclick = handler
      ? (e) => {
          const p = this.cellAt(e as MouseEvent);
          if (p) handler(p, "toggle");
        }
      : null;
    this.el.onkeydown = handler ? (e) => this.onKey(e as KeyboardEvent) : null;
    this.el.onfocus = handler ? () => this.showCursor() : null;
    this.el.onblur = () => this.cursor.setAttribute("visibility", "hidden");
  }

  private showCursor(): void {
    const [x, y] = this.cursorAt;
    this.cursor.setAttribute("x", String(x));
    this.cursor.setAttribute("y", String(y));
    this.cursor.setAttribute("visibility", "visible");
  }

  private onKey(e: KeyboardEvent): void {
    const moves: Record<string, Cell> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const m = moves[e.key];
    const [x, y] = this.cursorAt;
    if (m) {
      this.cursorAt = [Math.min(Math.max(x + m[0], 0), this.maze.cols - 1), Math.min(Math.max(y + m[1], 0), this.maze.rows - 1)];
      this.showCursor();
    } else if (e.key === " " || e.key === "Enter") this.editHandler?.([x, y], "toggle");
    else if (e.key === "s" || e.key === "S") this.editHandler?.([x, y], "start");
    else if (e.key === "g" || e.key === "G") this.editHandler?.([x, y], "goal");
    else return;
    e.preventDefault();
  }

  private cellAt(e: MouseEvent): Cell | null {
    const ctm = this.el.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const cell: Cell = [Math.floor(p.x), Math.floor(p.y)];
    if (!this.inside(cell)) return null;
    this.cursorAt = cell;
    return cell;
  }
}

/** The legend under the panels: each state's shape, in words. */
export function legend(): SVGElement[] {
  const swatch = (...children: SVGElement[]) => s("svg", { viewBox: "0 0 1 1", "aria-hidden": "true" }, ...children);
  return [
    swatch(s("rect", { width: 1, height: 1, fill: "var(--wall)" })),
    swatch(
      s("rect", { x: 0.1, y: 0.1, width: 0.8, height: 0.8, fill: "#d6ecfa", stroke: "var(--closed)", "stroke-width": 0.08, "stroke-dasharray": "0.12 0.08" }),
    ),
    swatch(s("rect", { x: 0.1, y: 0.1, width: 0.8, height: 0.8, fill: "var(--closed)", stroke: "#003a5c", "stroke-width": 0.08 })),
    swatch(
      s("line", { x1: 0, y1: 0.5, x2: 1, y2: 0.5, stroke: "var(--plan)", "stroke-width": 0.25 }),
      s("circle", { cx: 0.5, cy: 0.5, r: 0.15, fill: "#fff", stroke: "#7a4f00", "stroke-width": 0.06 }),
    ),
    swatch(
      s("rect", { x: 0.08, y: 0.08, width: 0.84, height: 0.84, fill: "none", stroke: "var(--error)", "stroke-width": 0.14, "stroke-dasharray": "0.2 0.1" }),
    ),
  ];
}
