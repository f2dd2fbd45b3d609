// `npm run seed:baselines` against a real `wrangler dev` (throwaway local state): every model
// found in models/ gets its baseline rows on the suite of its own grid size (6x6 on maze6-v1,
// 10x10 on maze10-v1), beside the A* ceiling; every suite gets the ceiling; the rows are marked
// baseline; a rerun adds no rows. Decodes only the first instance of each generator
// (--per-generator 1): what is checked is where the rows go, not the models' scores.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS helpers shared with the scripts
import { indexModels } from "../../scripts/lib/models.js";
// @ts-expect-error plain JS helpers shared with the scripts
import { startWranglerDev, stopServer, waitForHealth } from "../../scripts/lib/server.js";
import { BENCHMARKS } from "../../src/leaderboard/benchmarks";

const root = join(import.meta.dirname, "..", "..");
const state = mkdtempSync(join(tmpdir(), "reasonless-seed-"));
const models: Array<{ manifest: { name: string; condition: string; rows: number; cols: number } }> = indexModels(join(root, "models"));
let server: ReturnType<typeof startWranglerDev> | undefined;
let base = "";

/** A free loopback port (never the default 8787 a developer's `npm start` holds). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });
}

function seed(args: string[]): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, "scripts", "seed-baselines.js"), "--url", base, "--persist-to", state, "--per-generator", "1", "--batch", "8", ...args],
      { cwd: root },
    );
    let err = "";
    child.stdout.on("data", () => {});
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code: code ?? -1, err }));
  });
}

interface Row {
  submission_id: string;
  model: { name: string; condition: string };
  baseline: boolean;
  plan_validity: number;
  instances: number;
  missing: number;
}
async function board(id: string): Promise<Row[]> {
  const res = await fetch(`${base}/v1/leaderboard/${id}?limit=100`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startWranglerDev({ port, persistTo: state, migrate: true });
  await waitForHealth(base, server);
}, 180_000);
afterAll(() => {
  stopServer(server);
  rmSync(join(root, "build", "baselines", `account-${new URL(base).host.replace(/[^\w.-]/g, "_")}.json`), { force: true });
  rmSync(state, { recursive: true, force: true });
});

describe("npm run seed:baselines", () => {
  it("seeds every suite: the ceiling, and each model on the suite of its own size, marked baseline", async () => {
    const r = await seed([]);
    expect(r.err).toMatch(/marked acc_[0-9a-f]{16} as the baseline account/);
    expect(r.code, r.err).toBe(0);
    for (const spec of BENCHMARKS) {
      const rows = await board(spec.id);
      const mine = models.filter((m) => m.manifest.rows === spec.rows && m.manifest.cols === spec.cols);
      expect(rows.map((x) => x.model.name).sort(), spec.id).toEqual(["A* (ceiling)", ...mine.map((m) => m.manifest.name)].sort());
      expect(rows.every((x) => x.baseline)).toBe(true);
      expect(rows.find((x) => x.model.name === "A* (ceiling)")).toMatchObject({ plan_validity: 1, missing: 0 });
      for (const m of mine) {
        const row = rows.find((x) => x.model.name === m.manifest.name)!;
        expect(row.model.condition).toBe(m.manifest.condition);
        // one decoded instance per generator, the rest submitted as missing
        expect(row).toMatchObject({ instances: 1000, missing: 1000 - 5 });
      }
    }
  }, 600_000);

  it("a rerun replays its submissions: no new rows; --benchmark seeds one suite; a bad one is one line", async () => {
    const before = await board("maze6-v1");
    const r = await seed(["--benchmark", "maze6-v1"]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("already submitted");
    expect(r.err).not.toContain("maze10-v1");
    expect((await board("maze6-v1")).map((x) => x.submission_id)).toEqual(before.map((x) => x.submission_id));
    const bad = await seed(["--benchmark", "maze7-v1"]);
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split("\n")).toEqual(["seed-baselines: unknown benchmark maze7-v1; available: maze6-v1, maze10-v1, maze30-v1"]);
  }, 300_000);
});
