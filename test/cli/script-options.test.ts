// The option parser of the Node tools in scripts/ (scripts/lib/options.js): --help, typed values,
// and one-line errors with exit 2 before any work starts. bench-eval is the spawned example: without
// the parser, `--help` used to run the whole benchmark.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OptionError, type OptionsSpec, helpText, parseOptions, readOptions } from "../../scripts/lib/options.js";

const script = new URL("../../scripts/bench-eval.js", import.meta.url).pathname;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const spec: OptionsSpec = {
  usage: "Usage: node scripts/example.js [options]\n\nAn example.",
  options: {
    count: { type: "int", default: 32, min: 1, short: "n", value: "N", help: "how many" },
    ratio: { type: "number", min: 0, max: 1, help: "a fraction" },
    condition: { type: "string", default: "correct", choices: ["correct", "no-trace", "swapped"], help: "which" },
    url: { type: "string", value: "URL", help: "a server" },
    json: { type: "boolean", help: "JSON out" },
  },
  examples: ["node scripts/example.js --count 3"],
};

describe("scripts/bench-eval.js command line", () => {
  it("--help prints the usage and exits 0 without running", () => {
    const r = run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: node scripts\/bench-eval\.js/);
    expect(r.stdout).toContain("--count <N>");
    expect(r.stdout).toContain("(default 32)");
    expect(r.stdout).not.toMatch(/^(machine|speedup):/m); // the benchmark's own output
    expect(r.stderr).toBe("");
    expect(run("-h").stdout).toBe(r.stdout);
  });

  it("a malformed number exits 2 with one line", () => {
    const r = run("--count", "abc");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('bench-eval: --count must be an integer >= 1, got "abc" (see --help)\n');
    expect(run("--count=-3").stderr).toBe('bench-eval: --count must be an integer >= 1, got "-3" (see --help)\n');
  });

  it("an unknown option exits 2 with one line", () => {
    const r = run("--bogus");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bench-eval: unknown option --bogus (see --help)\n");
  });
});

describe("parseOptions", () => {
  afterEach(() => vi.restoreAllMocks());

  it("fills in defaults and converts typed values, --name value and --name=value alike", () => {
    expect(parseOptions("example", spec, []).values).toEqual({ count: 32, condition: "correct", json: false });
    const { values } = parseOptions("example", spec, ["--count", "5", "--ratio=0.25", "--condition", "swapped", "--url", "http://x", "--json"]);
    expect(values).toEqual({ count: 5, ratio: 0.25, condition: "swapped", url: "http://x", json: true });
    expect(parseOptions("example", spec, ["-n", "7"]).values.count).toBe(7);
    expect(parseOptions("example", spec, ["--count=9"]).values.count).toBe(9);
  });

  it("refuses bad input with one message", () => {
    const bad = (...argv: string[]) => {
      try {
        readOptions(spec, argv);
      } catch (err) {
        expect(err).toBeInstanceOf(OptionError);
        return (err as Error).message;
      }
      throw new Error(`accepted ${argv.join(" ")}`);
    };
    expect(bad("--count", "0")).toBe('--count must be an integer >= 1, got "0"');
    expect(bad("--count", "1.5")).toBe('--count must be an integer >= 1, got "1.5"');
    expect(bad("--count", "-3")).toBe('--count must be an integer >= 1, got "-3"');
    expect(bad("--ratio", "2")).toBe('--ratio must be a number from 0 to 1, got "2"');
    expect(bad("--ratio", "x")).toBe('--ratio must be a number from 0 to 1, got "x"');
    expect(bad("--condition", "other")).toBe('--condition must be one of correct, no-trace, swapped, got "other"');
    expect(bad("--count")).toBe("--count needs a value <N>");
    expect(bad("--url", "--json")).toBe("--url needs a value <URL>");
    expect(bad("--json=yes")).toBe('--json takes no value, got "yes"');
    expect(bad("--bogus")).toBe("unknown option --bogus");
    expect(bad("-x")).toBe("unknown option -x");
    expect(bad("extra")).toBe('unexpected argument "extra"');
  });

  it("prints the error on stderr and exits 2; --help goes to stdout and exits 0", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(() => parseOptions("example", spec, ["--ratio", "2"])).toThrow("exit 2");
    expect(stderr).toHaveBeenCalledWith('example: --ratio must be a number from 0 to 1, got "2" (see --help)\n');
    expect(() => parseOptions("example", spec, ["--count", "abc", "--help"])).toThrow("exit 0");
    expect(stdout).toHaveBeenCalledWith(helpText(spec));
    expect(exit).toHaveBeenCalledTimes(2);
  });

  it("lists every option with its default in the help", () => {
    const help = helpText(spec);
    expect(help).toMatch(/^Usage: node scripts\/example\.js/);
    expect(help).toMatch(/-n, --count <N> +how many \(default 32\)/);
    expect(help).toMatch(/--condition <correct\|no-trace\|swapped>\s+which \(default correct\)/); // wrapped: long
    expect(help).toMatch(/-h, --help +show this help/);
    expect(help).toContain("Example:\n  node scripts/example.js --count 3\n");
  });
});
