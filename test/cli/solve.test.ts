// `reasonless solve`: A* predictions for a benchmark without the API. The output is checked with
// the paper's validator (every response trace-valid, plan-valid and optimal), against the suite's
// own ids, and --instances on the suite's canonical lines must give the same file as --benchmark.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchmarkSpec, getSuite, type Suite } from "../../src/leaderboard/benchmarks";
import { UsageError } from "../../src/cli/args";
import { runSolve } from "../../src/cli/solve";
import { loadEngine } from "../../src/core/node";

const root = join(import.meta.dirname, "..", "..");
const engine = await loadEngine();
const dir = mkdtempSync(join(tmpdir(), "reasonless-solve-"));
let suite: Suite;
beforeAll(async () => {
  suite = await getSuite(engine, benchmarkSpec("maze10-v1")!);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], input = "") {
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = "",
    err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await runSolve(argv, { stdin: Readable.from([input]), stdout, stderr, env: {} });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const parse = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; response: string });

describe("reasonless solve", () => {
  it("--benchmark writes one optimal, valid A* response per instance, in the suite's order", async () => {
    const out = join(dir, "astar.jsonl");
    const r = await cli(["-b", "maze10-v1", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toBe(`1000 A* predictions for maze10-v1 (sha256 ${suite.sha256.slice(0, 16)}..., regenerated locally) -> ${out}\n`);
    const preds = parse(readFileSync(out, "utf8"));
    expect(preds.map((p) => p.id)).toEqual(suite.instances.map((i) => i.id));
    preds.forEach((p, i) => {
      const report = engine.validate(suite.mazes[i], p.response);
      expect(report.trace_valid && report.plan_valid && report.optimal, `${p.id}: ${p.response}`).toBe(true);
    });
  });

  it("--instances on the API's NDJSON lines (as `benchmark fetch` writes them) gives the same predictions", async () => {
    const lines = suite.lines.slice(0, 50).join("");
    const fromFile = await cli(["-i", file("instances.jsonl", lines)]);
    const fromStdin = await cli(["--instances", "-"], lines);
    const fromSuite = await cli(["-b", "maze10-v1"]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toBe(fromSuite.out.split("\n").slice(0, 50).join("\n") + "\n");
    expect(fromStdin.out).toBe(fromFile.out);
    expect(fromStdin.err).toBe("50 A* predictions for stdin\n");
  });

  it("takes a prompt alone (sizes inferred) and ignores other fields", async () => {
    const inst = suite.instances[0];
    const r = await cli(["-i", "-"], `${JSON.stringify({ id: "mine", prompt: inst.prompt, note: 1 })}\n\n`);
    expect(r.code).toBe(0);
    expect(parse(r.out)).toEqual([{ id: "mine", response: engine.serialize(suite.mazes[0]).slice(inst.prompt.length + 1) }]);
  });

  it("refuses bad input with one line naming the problem (UsageError: exit 2)", async () => {
    const prompt = suite.instances[0].prompt;
    const cases: Array<[string[], string, RegExp]> = [
      [[], "", /exactly one of --benchmark ID or --instances FILE/],
      [["-b", "maze10-v1", "-i", "-"], "", /exactly one of/],
      [["-b", "maze99-v1"], "", /--benchmark must be one of maze6-v1, maze10-v1, maze30-v1; got "maze99-v1"/],
      [["-i", join(dir, "missing.jsonl")], "", /cannot read --instances .*missing\.jsonl: ENOENT/],
      [["-i", "-"], "", /stdin holds no instances/],
      [["-i", "-"], "{not json\n", /^stdin:1: not a JSON line$/],
      [["-i", "-"], `${JSON.stringify({ id: "a", prompt })}\n[1]\n`, /^stdin:2: expected an object/],
      [["-i", "-"], `${JSON.stringify({ prompt })}\n`, /^stdin:1: "id" must be a non-empty string/],
      [["-i", "-"], `${JSON.stringify({ id: "a" })}\n`, /^stdin:1: "prompt" must be the maze's prompt text/],
      [["-i", "-"], `${JSON.stringify({ id: "a", prompt, rows: "10" })}\n`, /^stdin:1: "rows" must be an integer/],
      [["-i", "-"], `${JSON.stringify({ id: "a", prompt: "hello" })}\n`, /^stdin:1: .*not a maze prompt/],
      [["-i", "-"], `${JSON.stringify({ id: "a", prompt: "query start 0 0 goal 1 1" })}\n`.repeat(2), /^stdin:2: id "a" repeats an earlier line/],
      [["-b", "maze10-v1", "-o", join(dir, "no", "such", "dir.jsonl")], "", /cannot write --output .*dir\.jsonl: ENOENT/],
      [["--rows", "3"], "", /unknown flag --rows/],
    ];
    for (const [argv, input, pattern] of cases) {
      const err = await cli(argv, input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, argv.join(" ")).toBeInstanceOf(UsageError);
      expect((err as Error).message, argv.join(" ")).toMatch(pattern);
    }
  });

  it("runs as `reasonless solve` (exit 2 and one stderr line on bad input)", () => {
    const bin = join(root, "bin", "reasonless.js");
    const ok = spawnSync(process.execPath, [bin, "solve", "-i", "-"], { input: suite.lines[0], encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(parse(ok.stdout)[0].id).toBe(suite.instances[0].id);
    const bad = spawnSync(process.execPath, [bin, "solve", "-i", "-"], { input: "nope\n", encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("reasonless solve: stdin:1: not a JSON line (see reasonless solve --help)\n");
  });
});
