// The web page in a real browser (Debian's chromium through playwright-core) against the service
// started as `npm start` starts it. Verdicts are never hard-coded: every one the page shows is
// compared with POST /v1/verify on the same maze and response.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startService, waitForPanels } from "../../scripts/lib/browser.js";

const PORT = Number(process.env.REASONLESS_WEB_PORT ?? 8792);
let service: Awaited<ReturnType<typeof startService>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

interface Report {
  trace_valid: boolean;
  plan_valid: boolean;
  optimal: boolean;
  first_trace_error: { code: string; token: number | null } | null;
  first_plan_error: { code: string; token: number | null } | null;
}

async function call<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(
    service.base + path,
    body === undefined
      ? { headers }
      : {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        },
  );
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  (page as Page & { problems?: string[] }).problems = problems;
  return page;
}

beforeAll(async () => {
  service = await startService(PORT);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  service?.stop();
});

describe("the web page", () => {
  it("is served at / with its script, stylesheet and the engine's wasm", async () => {
    const page = await fetch(`${service.base}/`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain('src="/app.js"');
    const wasm = await fetch(`${service.base}/core.wasm`);
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    // The API still answers JSON beside the assets.
    expect((await fetch(`${service.base}/v1/nothing`)).status).toBe(404);
  });

  it("runs a maze: A* and every model's verdicts and first errors equal /v1/verify's", async () => {
    const models = await call<{ models: Array<{ condition: string; rows: number; cols: number }>; sizes: string[] }>("/v1/models");
    const page = await newPage();
    await page.goto(`${service.base}/`);
    const maze = page.locator("svg.maze[data-ready]");
    await maze.waitFor();
    // The maze the page generated in core.wasm is the one the Worker serves for the same link.
    const params = new URLSearchParams(new URL(page.url()).hash.split("?")[1]);
    const [rows, cols] = params.get("size")!.split("x").map(Number);
    const served = await call<{ prompt: string }>(
      `/v1/mazes?generator=${params.get("g")}&rows=${rows}&cols=${cols}&seed=${params.get("seed")}&split=${params.get("split")}&index=${params.get("i")}`,
    );
    expect(await maze.getAttribute("data-prompt")).toBe(served.prompt);

    await page.getByRole("button", { name: "Run A* and the models" }).click();
    await waitForPanels(page);
    const panels = await page.locator("[data-panel]").evaluateAll((els) =>
      els.map((el) => ({
        key: (el as HTMLElement).dataset.panel!,
        state: (el as HTMLElement).dataset.state!,
        response: (el as HTMLElement).dataset.response ?? "",
        verdicts: Object.fromEntries(
          Array.from(el.querySelectorAll<HTMLElement>("[data-verdict]")).map((b) => [b.dataset.verdict, b.dataset.value === "true"]),
        ),
        firstErrors: Object.fromEntries(
          Array.from(el.querySelectorAll<HTMLElement>("[data-first-error]")).map((li) => [li.dataset.firstError, li.dataset.code]),
        ),
        markedTokens: Array.from(el.querySelectorAll<HTMLElement>("mark[data-error-token]")).map((m) => Number(m.dataset.errorToken)),
      })),
    );
    const expected = ["astar", ...models.models.filter((m) => m.rows === rows && m.cols === cols).map((m) => m.condition)];
    expect(panels.map((p) => p.key)).toEqual(expected);
    for (const p of panels) {
      expect(p.state, `${p.key} finished`).toBe("done");
      const report = await call<Report>("/v1/verify", { maze: { rows, cols, prompt: served.prompt }, response: p.response });
      expect(p.verdicts, p.key).toEqual({ plan_valid: report.plan_valid, trace_valid: report.trace_valid, optimal: report.optimal });
      const firstErrors: Record<string, string> = {};
      if (report.first_trace_error) firstErrors.trace = report.first_trace_error.code;
      if (report.first_plan_error) firstErrors.plan = report.first_plan_error.code;
      expect(p.firstErrors, p.key).toEqual(firstErrors);
      // Every first error that names a token has that token marked in the stream.
      for (const err of [report.first_trace_error, report.first_plan_error]) {
        if (err?.token != null) expect(p.markedTokens, `${p.key}: ${err.code} marked`).toContain(err.token);
      }
    }
    expect(panels.find((p) => p.key === "astar")!.verdicts).toEqual({ plan_valid: true, trace_valid: true, optimal: true });
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
    await page.close();
  }, 240_000);

  it("playground: a broken response shows /v1/verify's errors as you type, and the share link restores it", async () => {
    const page = await newPage();
    await page.goto(`${service.base}/#/play?g=wilson&size=10x10&seed=42&split=test&i=0`);
    const area = page.getByLabel("Response (from reasoning to end)");
    await area.waitFor();
    const served = await call<{ prompt: string; start: [number, number] }>("/v1/mazes?generator=wilson&rows=10&cols=10&seed=42&split=test&index=0");
    const maze = { rows: 10, cols: 10, prompt: served.prompt };
    const astar = await call<{ response: string }>("/v1/solve", { maze });
    expect(await area.inputValue()).toBe(astar.response.slice(astar.response.indexOf("reasoning")));
    // Close the start with its x and y swapped: no longer the open start node.
    const [sx, sy] = served.start;
    const broken = astar.response.replace(`reasoning close ${sx} ${sy}`, `reasoning close ${sy} ${sx}`);
    expect(broken).not.toBe(astar.response);
    const report = await call<Report & { trace_errors: Array<{ code: string }>; plan_errors: Array<{ code: string }> }>("/v1/verify", {
      maze,
      response: broken,
    });
    expect(report.trace_valid).toBe(false);

    await area.fill(broken.slice(0, -4));
    await area.pressSequentially(broken.slice(-4)); // the last characters typed one by one
    await page.locator(`[data-verdict="trace_valid"][data-value="false"]`).waitFor();
    const shown = await page.locator("ol.errors li[data-code]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
    expect(shown).toEqual([...report.trace_errors, ...report.plan_errors].map((e) => e.code).slice(0, 50));
    expect(await page.locator(".mirror mark").first().getAttribute("data-token")).toBe(String(report.first_trace_error!.token));
    const verdicts = await page
      .locator("[data-verdict]")
      .evaluateAll((els) => Object.fromEntries(els.map((b) => [(b as HTMLElement).dataset.verdict, (b as HTMLElement).dataset.value === "true"])));
    expect(verdicts).toEqual({ plan_valid: report.plan_valid, trace_valid: report.trace_valid, optimal: report.optimal });

    const link = await page.getByLabel("Link to this maze and response").inputValue();
    const again = await newPage();
    await again.goto(link);
    await again.getByLabel("Response (from reasoning to end)").waitFor();
    expect(await again.getByLabel("Response (from reasoning to end)").inputValue()).toBe(broken);
    expect(await again.locator(`[data-verdict="trace_valid"]`).getAttribute("data-value")).toBe("false");
    await again.close();
    await page.close();
  }, 120_000);

  it("leaderboard: a new submission is ranked, its page lists its instances, and one opens in the maze view", async () => {
    const { api_key } = await call<{ api_key: string }>("/v1/accounts", { name: "Browser test lab" });
    const { instances } = await call<{ instances: Array<{ id: string; prompt: string; rows: number; cols: number }> }>(
      "/v1/benchmarks/maze10-v1/instances?generator=wilson&limit=1",
    );
    const inst = instances[0];
    const astar = await call<{ response: string }>("/v1/solve", { maze: { rows: inst.rows, cols: inst.cols, prompt: inst.prompt } });
    const name = `browser-test-${Date.now()}`;
    const receipt = await call<{ id: string; scores: { overall: { plan_validity: number } } }>(
      "/v1/submissions",
      { benchmark: "maze10-v1", model: { name, condition: "other" }, predictions: [{ id: inst.id, response: astar.response }] },
      { authorization: `Bearer ${api_key}` },
    );

    const page = await newPage();
    // a suite nobody submitted to says so and names the commands that fill it, instead of an empty table
    await page.goto(`${service.base}/#/leaderboard?b=maze30-v1`);
    const empty = page.locator(".empty-board");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("No submissions on maze30-v1 yet.");
    expect(await empty.textContent()).toContain(`npm run seed:baselines -- --url ${service.base}`);
    expect(await page.locator("table").count()).toBe(0);
    // the benchmark is chosen in the URL: the page opens on the first suite (maze6-v1) otherwise
    await page.goto(`${service.base}/#/leaderboard?b=maze10-v1`);
    const row = page.locator(`tr[data-submission="${receipt.id}"]`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(`${(receipt.scores.overall.plan_validity * 100).toFixed(1)}%`);
    // Sorting by another rate is a click on its header.
    await page.getByRole("button", { name: "Sort by Trace validity" }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: "Trace validity" }).waitFor();

    await page.locator(`tr[data-submission="${receipt.id}"]`).getByRole("link", { name }).click();
    const instRow = page.locator(`tr[data-instance="${inst.id}"]`);
    await instRow.waitFor();
    expect(await instRow.locator("[data-value]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value))).toEqual(["true", "true", "true"]);
    await instRow.getByRole("link", { name: `Open ${inst.id}` }).click();
    const maze = page.locator("svg.maze[data-ready]");
    await maze.waitFor();
    await expect.poll(() => maze.getAttribute("data-prompt")).toBe(inst.prompt);
    await page.close();
  }, 120_000);
});
