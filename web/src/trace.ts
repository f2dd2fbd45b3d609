// Reads a response's words into what the maze shows: create/close events with g and h, and plan
// steps, each with the index of its keyword token (the validator reports errors by that index).
// Lenient on purpose: a half-streamed or broken response still shows everything up to the break;
// judging it is the engine's job, never this parser's.
export interface Item {
  kind: "create" | "close" | "plan";
  x: number;
  y: number;
  g?: number;
  h?: number;
  /** Index of the keyword among the response's words. */
  token: number;
  /** Index among create/close events (the validator's `event`); -1 for plan steps. */
  event: number;
}

const int = (w: string | undefined): number | null => (w !== undefined && /^\d+$/.test(w) ? Number(w) : null);
const cost = (w: string | undefined): number | null => (w !== undefined && /^c\d+$/.test(w) ? Number(w.slice(1)) : null);

export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Every complete event and plan step of `ws`, in order. */
export function parseItems(ws: readonly string[]): Item[] {
  const items: Item[] = [];
  let events = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (w === "create" || w === "close") {
      const x = int(ws[i + 1]),
        y = int(ws[i + 2]),
        g = cost(ws[i + 3]),
        h = cost(ws[i + 4]);
      if (x === null || y === null || g === null || h === null) continue;
      items.push({ kind: w, x, y, g, h, token: i, event: events++ });
      i += 4;
    } else if (w === "plan") {
      const x = int(ws[i + 1]),
        y = int(ws[i + 2]);
      if (x === null || y === null) continue;
      items.push({ kind: "plan", x, y, token: i, event: -1 });
      i += 2;
    }
  }
  return items;
}

/** The item an error points at: a trace error by its event index, else the item whose words
 *  hold its token. Plan errors carry neither (their `event` and `token` are null) but their
 *  message names the step ("step 2: ..."), which is the plan item of that index. */
export function itemAt(items: readonly Item[], err: { event: number | null; token: number | null; message: string }, kind: "trace" | "plan"): Item | undefined {
  if (kind === "trace" && err.event !== null) {
    const byEvent = items.find((it) => it.event === err.event);
    if (byEvent) return byEvent;
  }
  if (err.token !== null) {
    const t = err.token;
    return items.find((it) => t >= it.token && t <= it.token + (it.kind === "plan" ? 2 : 4));
  }
  const step = kind === "plan" ? /^step (\d+)/.exec(err.message) : null;
  return step ? items.filter((it) => it.kind === "plan")[Number(step[1])] : undefined;
}

/** How many words the error's window covers from its token (the keyword and its arguments). */
export function windowOf(ws: readonly string[], token: number): number {
  const w = ws[token];
  return w === "create" || w === "close" ? 5 : w === "plan" ? 3 : 1;
}
