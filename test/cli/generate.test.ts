// `reasonless generate` end to end (needs `npm run build`): byte parity with the released
// generator's digests, flag forms, output to a file, help, progress, and one-line errors.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUMMARIES } from "../../src/cli/summaries";

const bin = new URL("../../bin/reasonless.js", import.meta.url).pathname;
const digests = JSON.parse(readFileSync(new URL("../fixtures/golden-sha256.json", import.meta.url), "utf8")) as Record<
  string,
  { lines: number; sha256: string }
>;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "buffer", maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("reasonless generate", () => {
  it("matches the released generator byte for byte (long and short flags, --mode alias)", () => {
    const a = cli("generate", "--generator", "wilson", "--rows", "10", "--cols", "10", "--split", "test", "--seed", "42", "--count", "200");
    expect(a.code).toBe(0);
    expect(sha(a.stdout)).toBe(digests["wilson_10_test.jsonl"].sha256);
    const b = cli("generate", "-g", "searchformer", "-r", "20", "-c", "20", "--mode=train", "-n", "60", "-s", "astar");
    expect(b.code).toBe(0);
    expect(sha(b.stdout)).toBe(digests["searchformer_20_train.jsonl"].sha256);
    expect(b.stderr).toBe(""); // no progress bar when stderr is not a terminal
  });

  it("writes the same bytes to --output", () => {
    const file = join(mkdtempSync(join(tmpdir(), "reasonless-")), "dfs.jsonl");
    const r = cli("generate", "-g", "dfs", "-r", "30", "-c", "30", "-m", "test", "-n", "40", "-o", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toHaveLength(0);
    expect(sha(readFileSync(file))).toBe(digests["dfs_30_test.jsonl"].sha256);
  });

  it("defaults to one 30x30 train maze with seed 42, and accepts rectangular grids and parameters", () => {
    const one = cli("generate", "-g", "kruskal");
    const lines = one.stdout.toString().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).text).toMatch(/^query start \d+ \d+ goal \d+ \d+ wall .* reasoning close .* solution plan .* end$/);
    const rect = cli("generate", "-g", "drunkards_walk", "-r", "5", "-c", "17", "--coverage", "1", "-n", "3");
    expect(rect.code).toBe(0);
    for (const line of rect.stdout.toString().trim().split("\n")) expect(JSON.parse(line).text).not.toMatch(/ wall /);
    const strict = cli("generate", "-g", "searchformer", "-r", "10", "-c", "10", "--strict", "-n", "5");
    expect(strict.code).toBe(0);
    expect(cli("generate", "-g", "wilson", "-n", "0").stdout).toHaveLength(0);
  });

  it("draws the progress bar on stderr when asked", () => {
    const r = cli("generate", "-g", "wilson", "-r", "10", "-c", "10", "-n", "300", "--progress");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/generate \[#+\] 100% 300\/300/);
  });

  it("prints help, built from the registry", () => {
    const r = cli("generate", "--help");
    expect(r.code).toBe(0);
    const help = r.stdout.toString();
    expect(help).toMatch(/^Usage: reasonless generate/);
    for (const word of ["wilson", "searchformer", "--coverage", "--strict", "--mode", "-n, --count"]) expect(help).toContain(word);
    expect(cli("--help").stdout.toString()).toMatch(/Commands:\n\s+generate/);
  });

  it("lists every command with its one summary, and each command answers --help", () => {
    const top = cli("--help").stdout.toString();
    const listed = [...top.matchAll(/^ {2}(\S+) +(.+)$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(listed)).toEqual(SUMMARIES);
    for (const [name] of listed) {
      const r = cli(name, "--help");
      expect(r.code, name).toBe(0);
      expect(r.stdout.toString()).toMatch(new RegExp(`^Usage: reasonless ${name}\\b`));
    }
  });

  it.each([
    [["generate"], /--generator is required/],
    [["generate", "-g", "prim"], /--generator must be one of wilson/],
    [["generate", "-g", "wilson", "--rows", "1"], /--rows must be from 2 to 64, got 1/],
    [["generate", "-g", "wilson", "-c", "65"], /--cols must be from 2 to 64/],
    [["generate", "-g", "wilson", "-r", "ten"], /--rows must be an integer/],
    [["generate", "-g", "wilson", "-n", "-1"], /--count must be at least 0/],
    [["generate", "-g", "wilson", "-n"], /--count needs a value/],
    [["generate", "-g", "wilson", "--split", "dev"], /--split must be one of train, test/],
    [["generate", "-g", "drunkards_walk", "--coverage", "1.5"], /--coverage must be from 0 to 1/],
    [["generate", "-g", "drunkards_walk", "--coverage", "abc"], /--coverage must be a number/],
    [["generate", "-g", "wilson", "--seed", "1e3"], /--seed must be an integer/],
    [["generate", "-g", "wilson", "--rws", "3"], /unknown flag --rws \(did you mean --rows\?\)/],
    [["generate", "-g", "wilson", "--strict=maybe"], /--strict takes no value or true\/false/],
    [["generate", "-g", "wilson", "extra"], /unexpected argument "extra"/],
    [["generate", "-g", "wilson", "-s", "bfs"], /--solver must be one of astar/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("%j -> one readable line, exit 2", (args, message) => {
    const r = cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toHaveLength(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
