// A second, deliberately plain implementation of the paper's validator, written from the text of
// /work/shared/docs/paper-spec.md section 6 (not from assembly/validator/validate.ts): arrays of words,
// slices, linear scans, no shared code with the engine. The property test
// (validator-paper.test.ts) and the fuzz script (scripts/fuzz-validator.js) compare the engine
// with it. Only the paper's verdict lives here; strict mode is ours and not in section 6.
//
// Input: the maze and the response as vocabulary words (ids outside the vocabulary arrive as
// "<|unk|>"). The one convention outside section 6 (the engine's input convention): a stream
// that opens, after `<|bos|>`, with `query` carries its prompt and is read from its `reasoning`.

export interface PaperMaze {
  rows: number;
  cols: number;
  cells: ArrayLike<number>; // row-major, 1 free, 0 wall
  start: readonly [number, number];
  goal: readonly [number, number];
}

export interface PaperVerdict {
  trace_valid: boolean;
  plan_valid: boolean;
  trace_errors: string[];
  plan_errors: string[];
  /** The model's plan when it was read without a plan syntax error. */
  plan: Array<[number, number]> | null;
}

const EOS = "<|eos|>";
const isInteger = (w: string | undefined) => w !== undefined && /^[0-9]+$/.test(w);

export function paperVerdict(maze: PaperMaze, words: readonly string[]): PaperVerdict {
  // ---- pre-processing ----
  let k = 0;
  while (k < words.length && words[k] === "<|bos|>") k++;
  if (words[k] === "query") while (k < words.length && words[k] !== "reasoning" && words[k] !== EOS) k++;
  const tokens: string[] = [];
  for (; k < words.length; k++) {
    const w = words[k];
    if (w === "solution" || w === "end" || w === "<|bos|>") continue; // removed everywhere
    tokens.push(w);
  }
  if (tokens[0] === "reasoning") tokens.shift(); // the leading marker only

  // ---- parsing into items ----
  type Item = { kind: string; window: string[]; op?: { x: number; y: number; g: number; h: number } };
  const items: Item[] = [];
  let operationSyntaxError = false;
  let planSyntaxError = false;
  let i = 0;
  while (i < tokens.length && tokens[i] !== EOS) {
    const t = tokens[i];
    if (t === "plan") {
      const window = tokens.slice(i, i + 3);
      const bad = window.findIndex((w) => w === "create" || w === "close" || w === EOS);
      if (bad >= 0) {
        planSyntaxError = true;
        i += bad;
        continue;
      }
      items.push({ kind: "plan", window });
      i += 3;
    } else if (t === "create" || t === "close") {
      const other = t === "create" ? "close" : "create";
      const window = tokens.slice(i, i + 5);
      const bad = window.findIndex((w) => w === "plan" || w === EOS || w === other);
      if (bad >= 0) {
        operationSyntaxError = true;
        i += bad;
        continue;
      }
      const item: Item = { kind: t, window };
      items.push(item);
      i += 5;
      // x and y as integers; g and h as the integer after the first character of their token.
      const [, xw, yw, gw, hw] = window;
      const g = gw?.slice(1),
        h = hw?.slice(1);
      if (window.length === 5 && isInteger(xw) && isInteger(yw) && isInteger(g) && isInteger(h)) {
        item.op = { x: Number(xw), y: Number(yw), g: Number(g), h: Number(h) };
      } else {
        operationSyntaxError = true;
      }
    } else {
      operationSyntaxError = true;
      i += 1;
    }
  }

  // ---- the model's plan: the trailing run of plan items, read from the back ----
  const plan: Array<[number, number]> = [];
  let j = items.length - 1;
  if (j < 0 || items[j].kind !== "plan") planSyntaxError = true;
  for (; j >= 0 && items[j].kind === "plan"; j--) {
    const w = items[j].window;
    if (w.length < 3 || !isInteger(w[1]) || !isInteger(w[2])) {
      planSyntaxError = true;
      break;
    }
    plan.unshift([Number(w[1]), Number(w[2])]);
  }

  // ---- simulation ----
  const { rows, cols } = maze;
  const [sx, sy] = maze.start,
    [gx, gy] = maze.goal;
  const manhattanToGoal = (x: number, y: number) => Math.abs(x - gx) + Math.abs(y - gy);
  const isWall = (x: number, y: number) => maze.cells[y * cols + x] === 0;
  const traceErrors: string[] = [];
  const open: Array<{ x: number; y: number; g: number; h: number }> = [{ x: sx, y: sy, g: 0, h: manhattanToGoal(sx, sy) }];
  const closed: Array<[number, number]> = [];
  const recordedG = new Map<string, number>();
  const parent = new Map<string, [number, number]>();
  let lastClosed: [number, number] | null = null;
  const isClosed = (x: number, y: number) => closed.some(([cx, cy]) => cx === x && cy === y);

  for (const item of items) {
    if (!item.op) continue;
    const { x, y, g, h } = item.op;
    if (x < 0 || y < 0 || x >= cols || y >= rows) {
      traceErrors.push("invalid_coordinates");
      continue;
    }
    if (isWall(x, y)) {
      traceErrors.push("create_close_wall");
      continue;
    }
    if (item.kind === "create") {
      if (lastClosed === null) {
        traceErrors.push("first_create_not_last_closed");
        continue;
      }
      if (Math.abs(x - lastClosed[0]) + Math.abs(y - lastClosed[1]) !== 1) {
        traceErrors.push("create_non_neighbor");
        continue;
      }
      if (isClosed(x, y)) {
        traceErrors.push("create_already_closed");
        continue;
      }
      const at = open.findIndex((e) => e.x === x && e.y === y);
      if (at < 0) open.push({ x, y, g, h });
      else if (g < open[at].g) open[at] = { x, y, g, h };
      const key = `${x},${y}`;
      if (!recordedG.has(key) || g < recordedG.get(key)!) {
        recordedG.set(key, g);
        parent.set(key, lastClosed);
      }
    } else {
      const at = open.findIndex((e) => e.x === x && e.y === y && e.g === g && e.h === h);
      if (at < 0) {
        traceErrors.push("close_not_in_open_list");
        continue;
      }
      const minF = Math.min(...open.map((e) => e.g + e.h));
      if (g + h !== minF) {
        traceErrors.push("close_not_lowest_f_value");
        continue;
      }
      open.splice(at, 1);
      closed.push([x, y]);
      lastClosed = [x, y];
    }
  }

  // ---- after the simulation ----
  let path: Array<[number, number]> = [];
  if (!isClosed(gx, gy)) {
    traceErrors.push("goal_not_reached");
  } else {
    let cell: [number, number] = [gx, gy];
    path = [cell];
    while (!(cell[0] === sx && cell[1] === sy)) {
      const p = parent.get(`${cell[0]},${cell[1]}`);
      if (!p) {
        traceErrors.push("plan_extraction_error");
        path.push([sx, sy]);
        break;
      }
      path.push(p);
      cell = p;
    }
    path.reverse();
  }
  const planErrors: string[] = [];
  if (planSyntaxError) {
    planErrors.push("plan_syntax_error");
  } else {
    const e = planRuleError(maze, plan);
    if (e) planErrors.push(e);
    if (path.length !== plan.length) traceErrors.push("plan_length_mismatch");
    else if (planRuleError(maze, path)) traceErrors.push("extracted_plan_invalid");
  }
  if (operationSyntaxError) traceErrors.unshift("operation_syntax_error");
  return {
    trace_valid: traceErrors.length === 0,
    plan_valid: planErrors.length === 0,
    trace_errors: traceErrors,
    plan_errors: planErrors,
    plan: planSyntaxError ? null : plan,
  };
}

// The plan rules, first error only.
function planRuleError(maze: PaperMaze, plan: Array<[number, number]>): string | null {
  const [sx, sy] = maze.start,
    [gx, gy] = maze.goal;
  if (plan[0][0] !== sx || plan[0][1] !== sy) return "illegal_start";
  for (let k = 1; k < plan.length; k++) {
    const [px, py] = plan[k - 1],
      [x, y] = plan[k];
    const inside = x >= 0 && y >= 0 && x < maze.cols && y < maze.rows;
    if (Math.abs(px - x) + Math.abs(py - y) !== 1 || !inside || maze.cells[y * maze.cols + x] === 0) return "illegal_move";
  }
  const [lx, ly] = plan[plan.length - 1];
  if (lx !== gx || ly !== gy) return "goal_not_reached";
  return null;
}
