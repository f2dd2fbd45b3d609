// plot-curves draws what the manifests hold: loss and accuracy always, the plan-validity probes
// only where a manifest carries them (runs trained with plan_eval_interval).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/core/node";

const PROBE_TITLE = "plan validity, greedy, validation prompts";

function manifest(name: string, condition: string, probes?: number[][]) {
  const curve: Record<string, unknown> = {
    points: [
      [100, 1_000_000, 1.9, 0.3],
      [200, 2_000_000, 1.5, 0.45],
      [300, 3_000_000, 1.1, 0.6],
    ],
    points_fields: ["step", "tokens", "val_loss", "val_acc"],
  };
  if (probes) Object.assign(curve, { plan_probes: probes, plan_probes_fields: ["step", "tokens", "plan_valid"] });
  return { name, condition, training: { curve_summary: curve } };
}

describe("scripts/plot-curves.js", () => {
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-curves-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (file: string, value: unknown) => {
    const path = join(tmp, file);
    writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
    return path;
  };
  const plot = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot(), "scripts/plot-curves.js"), ...args], { encoding: "utf8" });

  it("adds the probe panel, in percent, when a manifest has plan probes", () => {
    const withProbes = write(
      "a.json",
      manifest("run-a", "correct", [
        [100, 1_000_000, 0],
        [300, 3_000_000, 0.625],
      ]),
    );
    const without = write("b.json", manifest("run-b", "no-trace"));
    const out = join(tmp, "probes.svg");
    const r = plot("-o", out, withProbes, without);
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain(PROBE_TITLE);
    expect(svg).toContain(">100%<");
    // one line per manifest in each of loss and accuracy, one probe line (run-b has none)
    expect(svg.match(/<polyline/g)).toHaveLength(5);
    expect(svg).toMatch(/<svg[^>]*width="1320"/);
  });

  it("keeps two panels when no manifest has probes", () => {
    const out = join(tmp, "plain.svg");
    const r = plot("-o", out, write("c.json", manifest("run-c", "swapped")));
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg).not.toContain(PROBE_TITLE);
    expect(svg).toMatch(/<svg[^>]*width="880"/);
  });

  it("keeps the accuracy axis within 0 to 1 when accuracy nears 1", () => {
    const m = manifest("run-f", "correct");
    m.training.curve_summary.points = [
      [100, 1_000_000, 0.3, 0.25],
      [200, 2_000_000, 0.1, 0.6],
      [300, 3_000_000, 0.07, 0.97],
    ];
    const out = join(tmp, "acc.svg");
    const r = plot("-o", out, write("f.json", m));
    expect(r.status, r.stderr).toBe(0);
    const labels = [...readFileSync(out, "utf8").matchAll(/text-anchor="end">([^<]+)</g)].map((x) => Number(x[1]));
    // the loss axis tops out at 0.35, so any label above 1 would be the accuracy axis overshooting
    expect(Math.max(...labels)).toBe(1);
  });

  it("refuses a manifest without a learning curve in one line", () => {
    const r = plot("-o", join(tmp, "x.svg"), write("d.json", { name: "d" }));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("has no training.curve_summary points");
    const bad = plot("-o", join(tmp, "y.svg"), write("e.json", "{not json"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^plot-curves: cannot read /);
  });
});
