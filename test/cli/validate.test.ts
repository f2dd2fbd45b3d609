// `reasonless validate`: JSONL in, one report per line out, summary on stderr, exit 2 after
// unreadable lines. Input is generated with the engine; the command runs in-process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args";
import { runValidate } from "../../src/cli/validate";
import { loadEngine } from "../../src/core/node";

const engine = await loadEngine();
const dir = mkdtempSync(join(tmpdir(), "reasonless-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], input = "") {
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = "",
    err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await runValidate(argv, { stdin: Readable.from([input]), stdout, stderr });
  return {
    code,
    out,
    err,
    reports: out
      .split("\n")
      .filter((l) => l.startsWith('{"line"'))
      .map((l) => JSON.parse(l)),
  };
}

// Dataset lines {"text": ...} straight from a stream, and their parts.
function dataset(rows: number, cols: number, count: number) {
  const stream = engine.openStream({ generator: "wilson", rows, cols, split: "test", seed: 42 });
  const lines = Array.from({ length: count }, () => new TextDecoder().decode(stream.nextLine()).trim());
  stream.close();
  return lines.map((line) => {
    const text = JSON.parse(line).text as string;
    const r = text.indexOf("reasoning"),
      s = text.indexOf("solution");
    return { line, prompt: text.slice(0, r).trim(), trace: text.slice(r, s), plan: text.slice(s) };
  });
}

describe("reasonless validate", () => {
  it("--help", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: reasonless validate/);
    for (const flag of ["--input", "--output", "--strict", "--rows", "--cols"]) expect(r.out).toContain(flag);
  });

  it('validates dataset lines ({"text"}): all valid, one report per line, a summary table', async () => {
    const data = dataset(10, 10, 30);
    const r = await cli([], data.map((d) => d.line).join("\n") + "\n");
    expect(r.code).toBe(0);
    expect(r.reports).toHaveLength(30);
    r.reports.forEach((rep, i) => {
      expect(rep).toMatchObject({ line: i + 1, trace_valid: true, plan_valid: true, optimal: true, trace_errors: [], plan_errors: [] });
      expect(rep.strict.trace_valid).toBe(true);
    });
    expect(r.err).toMatch(/validated 30 lines/);
    expect(r.err).toMatch(/plan valid\s+30 \(100\.0%\)\s+0 \(0\.0%\)/);
    expect(r.err).toMatch(/first trace errors:\n {2}\(none\)/);
  });

  it("validates prompt/response lines: swapped traces are trace-invalid and plan-valid", async () => {
    const data = dataset(10, 10, 20);
    const input = data.map((d, i) => JSON.stringify({ prompt: d.prompt, response: data[(i + 1) % data.length].trace + d.plan })).join("\n");
    const r = await cli([], input);
    expect(r.code).toBe(0);
    for (const rep of r.reports) expect([rep.trace_valid, rep.plan_valid]).toEqual([false, true]);
    expect(r.err).toMatch(/plan valid\s+0 \(0\.0%\)\s+20 \(100\.0%\)/);
    expect(r.err).toMatch(/close_not_in_open_list|create_close_wall/);
  });

  it("reports unreadable lines as {line, error}, goes on, and exits 2", async () => {
    const [good] = dataset(10, 10, 1);
    const input = [
      "not json",
      good.line,
      "[1, 2]",
      JSON.stringify({ foo: 1 }),
      JSON.stringify({ text: good.line.length, rows: 10 }),
      JSON.stringify({ prompt: "hello world", response: "reasoning end" }),
      JSON.stringify({ prompt: good.prompt, response: good.trace + good.plan, rows: "ten" }),
      "",
      good.line,
    ].join("\r\n");
    const r = await cli([], input);
    expect(r.code).toBe(2);
    const errors = r.reports.filter((x) => "error" in x);
    expect(errors.map((x) => x.line)).toEqual([1, 3, 4, 5, 6, 7]);
    for (const e of errors) expect(Object.keys(e)).toEqual(["line", "error"]);
    expect(r.reports.filter((x) => x.trace_valid).map((x) => x.line)).toEqual([2, 9]);
    expect(r.err).toMatch(/validated 2 lines, 6 unreadable/);
  });

  it("takes the grid size from the line, else --rows/--cols, else the prompt", async () => {
    const data = dataset(6, 9, 5);
    const withSize = data.map((d) => JSON.stringify({ prompt: d.prompt, response: d.trace + d.plan, rows: 6, cols: 9 })).join("\n");
    const bare = data.map((d) => JSON.stringify({ prompt: d.prompt, response: d.trace + d.plan })).join("\n");
    for (const [argv, input] of [
      [[], withSize],
      [["--rows", "6", "--cols", "9"], bare],
    ] as const) {
      const r = await cli([...argv], input);
      expect(r.reports.map((x) => [x.trace_valid, x.plan_valid])).toEqual(data.map(() => [true, true]));
    }
    // The explicit size matters: cost tokens c54 and above do not exist in a 6x9 vocabulary.
    const wrong = await cli(
      ["--rows", "6", "--cols", "9"],
      JSON.stringify({ prompt: data[0].prompt, response: "reasoning close 0 0 c60 c1", rows: 6, cols: 9 }),
    );
    expect(wrong.reports[0].first_trace_error.code).toBe("operation_syntax_error");
  });

  it("--input and --output files, --strict summary", async () => {
    const data = dataset(10, 10, 10);
    const input = join(dir, "in.jsonl"),
      output = join(dir, "out.jsonl");
    // A trace that the paper's rules accept but strict mode does not: the first two creates swapped.
    const swapped = data.map((d) => {
      const words = d.trace.trim().split(" ");
      const createAt = words.indexOf("create");
      const next = words.indexOf("create", createAt + 1);
      if (next === createAt + 5) {
        const a = words.slice(createAt, createAt + 5),
          b = words.slice(next, next + 5);
        words.splice(createAt, 10, ...b, ...a);
      }
      return JSON.stringify({ prompt: d.prompt, response: `${words.join(" ")} ${d.plan}` });
    });
    writeFileSync(input, swapped.join("\n"));
    const r = await cli(["--input", input, "--output", output, "--strict"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const reports = readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(reports).toHaveLength(10);
    expect(reports.every((x) => x.trace_valid && x.plan_valid)).toBe(true);
    const strictInvalid = reports.filter((x) => !x.strict.trace_valid).length;
    expect(strictInvalid).toBeGreaterThan(0);
    expect(r.err).toContain("trace (strict) valid");
    expect(r.err).toMatch(/first trace \(strict\) errors:\n {2}strict_/);
  });

  it("refuses unknown flags and unreadable input files", async () => {
    await expect(cli(["--bogus"])).rejects.toThrow(UsageError);
    await expect(cli(["--input", join(dir, "missing.jsonl")])).rejects.toThrow(UsageError);
    await expect(cli(["--rows", "1"])).rejects.toThrow(UsageError);
  });

  it("an empty input: zero lines, exit 0", async () => {
    const r = await cli([], "");
    expect([r.code, r.reports.length]).toEqual([0, 0]);
    expect(r.err).toMatch(/validated 0 lines/);
  });
});
