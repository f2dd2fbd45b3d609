// Runs on these machines are stopped every 180 minutes and resumed elsewhere, so `--resume` must
// continue a run exactly: a run stopped part-way (`--stop-at-step`, across an epoch boundary) and
// resumed must end with the very weights of the same run done in one go. Also pins what the
// trainer records about its machine: the dtype probe's choice, tokens/s and padding waste.
// Skipped where Debian's /usr/bin/python3 with torch is not installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine, packageRoot } from "../../src/core/node";
import { buildDataset } from "../../src/pipeline/dataset";
import { writeDataset } from "../../src/pipeline/write";

const PYTHON = "/usr/bin/python3";
const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import torch"]).status === 0;
// bf16 has a fast path only with AMX or AVX-512 BF16; elsewhere the trainer takes fp32 unasked
const cpuFlags = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
const hasBf16 = / (amx_bf16|avx512_bf16)\b/.test(cpuFlags);

function train(config: string, out: string, ...extra: string[]) {
  const run = spawnSync(PYTHON, ["scripts/train/train.py", "--config", config, "--condition", "correct", "--out", out, ...extra], {
    cwd: packageRoot(),
    encoding: "utf8",
    timeout: 110_000,
  });
  if (run.status !== 0) throw new Error(`train.py exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) as string);
}

/** The checkpoint's metadata and the largest weight difference from another checkpoint. */
function compare(a: string, b: string) {
  const py = `
import json, sys, torch
a = torch.load(sys.argv[1], weights_only=False); b = torch.load(sys.argv[2], weights_only=False)
diff = max((a["model"][k] - b["model"][k]).abs().max().item() for k in a["model"])
keys = ("step", "tokens", "final", "dtype", "dtype_probe", "dtype_switches", "tokens_per_second", "padding_fraction")
print(json.dumps(dict(diff=diff, a={k: a.get(k) for k in keys}, b={k: b.get(k) for k in keys})))`;
  const run = spawnSync(PYTHON, ["-c", py, a, b], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe.skipIf(!hasTorch)("train.py --resume", () => {
  const tmp = mkdtempSync(join(tmpdir(), "reasonless-resume-"));
  const data = join(tmp, "data");
  const config = (dtype: string) => {
    const path = join(tmp, `tiny-${dtype}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        data,
        model: { n_layers: 2, n_heads: 1, d_model: 32, max_positions: 256, positional: "learned" },
        // 8 steps per epoch: a 12-step run crosses an epoch boundary after the stop at step 5
        batch_size: 8,
        max_steps: 12,
        lr: 3e-3,
        min_lr: 3e-4,
        warmup_steps: 3,
        eval_interval: 4,
        val_instances: 8,
        log_interval: 4,
        dtype,
        threads: 1,
      }),
    );
    return path;
  };

  beforeAll(async () => {
    const e = await loadEngine();
    const built = buildDataset(e, { rows: 5, cols: 5, train: 64, val: 8, test: 2, seed: 42, swapSeed: 42 });
    writeDataset(data, built, { seed: 42, swapSeed: 42, generators: e.generators(), engine: null });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("a run stopped at step 5 and resumed ends with the same weights as one run straight through", () => {
    const straight = train(config("fp32"), join(tmp, "straight"));
    const stopped = train(config("fp32"), join(tmp, "resumed"), "--stop-at-step", "5");
    expect(stopped).toMatchObject({ done: "stop_at_step", step: 5, max_steps: 12 });
    const mid = compare(join(tmp, "resumed", "ckpt.pt"), join(tmp, "straight", "ckpt.pt"));
    expect(mid.b.final).toBe(true);
    expect(mid.a).toMatchObject({ step: 5, final: false });
    expect(mid.diff).toBeGreaterThan(0); // the comparison below can tell runs apart
    const resumed = train(config("fp32"), join(tmp, "resumed"), "--resume");
    expect(resumed).toMatchObject({ done: "max_steps", step: 12, tokens: straight.tokens });
    const end = compare(join(tmp, "resumed", "ckpt.pt"), join(tmp, "straight", "ckpt.pt"));
    expect(end.diff).toBe(0);
    expect(end.a).toMatchObject({ step: 12, final: true, tokens: end.b.tokens });
    // the curve has the stop's extra eval row but no gap and no repeated step
    const steps = readFileSync(join(tmp, "resumed", "curve.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).step);
    expect(steps).toEqual([4, 5, 8, 12]);
  }, 240_000);

  it("dtype auto times bf16 and fp32 where the CPU has bf16 instructions, takes fp32 where not, and records tokens/s and padding", () => {
    train(config("auto"), join(tmp, "auto"));
    const { a } = compare(join(tmp, "auto", "ckpt.pt"), join(tmp, "auto", "ckpt.pt"));
    if (hasBf16) {
      const rates = a.dtype_probe.tokens_per_s;
      expect(a.dtype_probe.reason).toBe("timed probe");
      expect(a.dtype).toBe(rates.bf16 > rates.fp32 ? "bf16" : "fp32");
    } else {
      expect(a.dtype).toBe("fp32");
      expect(a.dtype_probe.reason).toMatch(/no bf16 instructions/);
    }
    expect(a.tokens_per_second).toBeGreaterThan(0);
    expect(a.padding_fraction).toBeGreaterThanOrEqual(0);
    expect(a.padding_fraction).toBeLessThan(0.1); // length-bucketed batches
  }, 240_000);

  it("a bf16 run resumed with --dtype fp32 switches at its step, records it and keeps its schedule", () => {
    const out = join(tmp, "switch");
    train(config("bf16"), out, "--stop-at-step", "5");
    const resumed = train(config("bf16"), out, "--resume", "--dtype", "fp32");
    expect(resumed).toMatchObject({ done: "max_steps", step: 12, max_steps: 12 });
    const { a } = compare(join(out, "ckpt.pt"), join(out, "ckpt.pt"));
    expect(a.dtype).toBe("fp32");
    expect(a.dtype_switches).toEqual([expect.objectContaining({ step: 5, before: "bf16", after: "fp32" })]);
  }, 240_000);

  it.skipIf(hasBf16)(
    "a bf16 run resumed with dtype auto on a CPU without bf16 instructions switches to fp32",
    () => {
      const out = join(tmp, "moved");
      train(config("bf16"), out, "--stop-at-step", "5");
      train(config("auto"), out, "--resume");
      const { a } = compare(join(out, "ckpt.pt"), join(out, "ckpt.pt"));
      expect(a.dtype).toBe("fp32");
      expect(a.dtype_switches).toEqual([expect.objectContaining({ step: 5, before: "bf16", after: "fp32" })]);
    },
    240_000,
  );
});
