// Every curl example in README.md, run against the Worker: the output must be what is shown,
// where "..." stands for any value. Understands the curl options the README uses, and
// $REASONLESS_API_KEY inside double quotes (the key of an account made before the examples run).
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import readme from "../../README.md?raw";

interface Example { command: string; expected: unknown }

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: { command: string; lines: string[] } | undefined;
    const flush = () => current && out.push({ command: current.command, expected: JSON.parse(current.lines.join("\n")) });
    for (const line of block[1].split("\n")) {
      if (line.startsWith("$ ")) {
        flush();
        current = { command: line.slice(2), lines: [] };
      } else if (line.trim() !== "") current!.lines.push(line);
    }
    flush();
  }
  return out;
}

const vars: Record<string, string> = {};

/** Shell words: plain, in single quotes, or in double quotes with $NAME expanded from `vars`. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => {
    if (m[2] === undefined) return m[1] ?? m[3];
    return m[2].replace(/\$([A-Z_]+)/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`README example uses an unknown variable $${name}`);
      return vars[name];
    });
  });
}

function toRequest(command: string): Request {
  const argv = words(command);
  expect(argv[0]).toBe("curl");
  let method: string | undefined, body: string | undefined, url: string | undefined;
  const headers = new Headers();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-s") continue;
    else if (a === "-X") method = argv[++i];
    else if (a === "-H") {
      const h = argv[++i];
      headers.set(h.slice(0, h.indexOf(":")).trim(), h.slice(h.indexOf(":") + 1).trim());
    } else if (a === "-d") body = argv[++i];
    else if (a.startsWith("http")) url = a;
    else throw new Error(`README example uses a curl option this test does not know: ${a}`);
  }
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(url!, { method: method ?? (body !== undefined ? "POST" : "GET"), headers, body });
}

function matches(expected: unknown, actual: unknown): boolean {
  if (expected === "...") return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const ek = Object.keys(expected), ak = Object.keys(actual);
    return ek.length === ak.length && ek.every((k) => matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

describe("README curl examples", () => {
  const all = examples();
  beforeAll(async () => {
    const res = await SELF.fetch("http://127.0.0.1:8787/v1/accounts", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "My Lab" }),
    });
    vars.REASONLESS_API_KEY = ((await res.json()) as { api_key: string }).api_key;
  });
  it("has examples for every endpoint", () => {
    for (const path of ["/v1/health", "/v1/generators", "/v1/mazes", "/v1/solve", "/v1/verify", "/v1/verify/batch",
      "/v1/benchmarks", "/v1/accounts", "/v1/submissions", "/v1/leaderboard"]) {
      expect(all.some((e) => e.command.includes(`8787${path}`)), path).toBe(true);
    }
  });
  it.each(all.map((e) => [e.command.slice(0, 90), e] as const))("%s", async (_name, example) => {
    const res = await SELF.fetch(toRequest(example.command));
    const actual = await res.json();
    if (!matches(example.expected, actual)) expect(actual).toEqual(example.expected);
  });
});
