// The curl examples of the documentation (```console blocks in README.md and docs/*.md): each
// `$ curl ...` line and the output shown under it, where "..." stands for any value, and $NAME
// inside double quotes is one of `vars` (the API key of an account made before the examples run).
// Outputs are JSON, or Server-Sent Events (`event:`/`data:` lines, where a line `...` stands for
// any number of events). Run by readme.test.ts, except /v1/predict examples, which
// predict.test.ts runs (the only file that loads onnxruntime-web in the pool).
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import readme from "../../README.md?raw";

// Every markdown file of docs/, so that an example moved to a new page is still run.
const docs = import.meta.glob<string>("../../docs/*.md", { query: "?raw", import: "default", eager: true });

/** The markdown files read for examples, by path from the repository root. */
export const sources: Record<string, string> = {
  "README.md": readme,
  ...Object.fromEntries(Object.entries(docs).map(([path, text]) => [path.replace("../../", ""), text])),
};

export interface Example {
  /** The markdown file that shows it (README.md, docs/api.md, ...). */
  file: string;
  command: string;
  lines: string[];
}

export function examples(): Example[] {
  const out: Example[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const block of text.matchAll(/```console\n([\s\S]*?)```/g)) {
      let current: Example | undefined;
      for (const line of block[1].split("\n")) {
        if (line.startsWith("$ ")) {
          if (current) out.push(current);
          current = { file, command: line.slice(2), lines: [] };
        } else if (line.trim() !== "") current!.lines.push(line);
      }
      if (current) out.push(current);
    }
  }
  return out;
}

/** A test title: the file, then the start of the command. */
export function title(example: Example, length: number): string {
  return `${example.file}: ${example.command.slice(0, length)}`;
}

export const vars: Record<string, string> = {};

/** Shell words: plain, in single quotes, or in double quotes with $NAME expanded from `vars`. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => {
    if (m[2] === undefined) return m[1] ?? m[3];
    return m[2].replace(/\$([A-Z_]+)/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`documentation example uses an unknown variable $${name}`);
      return vars[name];
    });
  });
}

export function toRequest(command: string): Request {
  const argv = words(command);
  expect(argv[0]).toBe("curl");
  let method: string | undefined, body: string | undefined, url: string | undefined;
  const headers = new Headers();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-s" || a === "-N") continue;
    else if (a === "-X") method = argv[++i];
    else if (a === "-H") {
      const h = argv[++i];
      headers.set(h.slice(0, h.indexOf(":")).trim(), h.slice(h.indexOf(":") + 1).trim());
    } else if (a === "-d") body = argv[++i];
    else if (a.startsWith("http")) url = a;
    else if (/^[\w.-]+:\d+\//.test(a))
      url = `http://${a}`; // curl's default scheme
    else throw new Error(`documentation example uses a curl option this test does not know: ${a}`);
  }
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(url!, { method: method ?? (body !== undefined ? "POST" : "GET"), headers, body });
}

export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === "...") return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const ek = Object.keys(expected),
      ak = Object.keys(actual);
    return ek.length === ak.length && ek.every((k) => matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

interface Sse {
  event: string;
  data: unknown;
}
const ANY_EVENTS = { event: "...", data: "..." };

function sseEvents(lines: string[]): Sse[] {
  const out: Sse[] = [];
  for (const line of lines) {
    if (line.trim() === "...") out.push(ANY_EVENTS);
    else if (line.startsWith("event: ")) out.push({ event: line.slice(7), data: undefined });
    else if (line.startsWith("data: ")) out[out.length - 1].data = JSON.parse(line.slice(6));
  }
  return out;
}

/** Expected events (with `...` runs) against actual ones. */
function sseMatches(expected: Sse[], actual: Sse[]): boolean {
  if (!expected.length) return !actual.length;
  const [head, ...rest] = expected;
  if (head === ANY_EVENTS) {
    for (let skip = 0; skip <= actual.length; skip++) if (sseMatches(rest, actual.slice(skip))) return true;
    return false;
  }
  return actual.length > 0 && head.event === actual[0].event && matches(head.data, actual[0].data) && sseMatches(rest, actual.slice(1));
}

export async function runExample(example: Example): Promise<void> {
  const res = await SELF.fetch(toRequest(example.command));
  if (example.lines[0]?.startsWith("event: ")) {
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const actual = sseEvents(text.split("\n"));
    const expected = sseEvents(example.lines);
    if (!sseMatches(expected, actual)) expect(actual).toEqual(expected);
    return;
  }
  const expected = JSON.parse(example.lines.join("\n"));
  const actual = await res.json();
  if (!matches(expected, actual)) expect(actual).toEqual(expected);
}
