#!/usr/bin/env node
// The screenshots of the web page in README.md and docs/web.md (docs/web-*.png), taken in Debian's chromium against
// a fresh local service: the maze view after a run, the playground with a swapped-trace response,
// the leaderboard and a submission's page (seeded with three illustrative A*-derived submissions),
// and the maze view at phone width.
import { join } from "node:path";
import { launchBrowser, startService, waitForPanels } from "./lib/browser.js";
import { loadLib } from "./lib/dist.js";
import { parseOptions } from "./lib/options.js";

const { values: options } = parseOptions("web-screenshots", {
  usage: `Usage: node scripts/web-screenshots.js [options]   (npm run screenshots; after npm run build)

Starts the service (wrangler dev, throwaway state) on --port, seeds the leaderboard of maze10-v1
with three illustrative submissions made from A* (its own responses; its plans behind the next
instance's trace, the paper's swapped condition; its plans with no trace), and writes
docs/web-maze.png, docs/web-playground.png, docs/web-leaderboard.png, docs/web-submission.png and
docs/web-phone.png.`,
  options: {
    port: { type: "int", default: 8792, min: 1, max: 65535, value: "PORT", help: "port for wrangler dev" },
    out: { type: "string", default: "docs", value: "DIR", help: "where the PNG files go" },
  },
  examples: ["npm run screenshots -- --port 8792"],
});

const { loadEngine } = await loadLib("web-screenshots");
const engine = await loadEngine();
const service = await startService(options.port);
const post = async (path, body, headers = {}) => {
  const res = await fetch(service.base + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const shot = (page, name, opts = {}) => page.screenshot({ path: join(options.out, name), ...opts });

let browser;
try {
  // Three submissions that show the leaderboard's point: trace validity and plan validity differ.
  const { api_key } = await post("/v1/accounts", { name: "screenshot examples" });
  const { instances } = await (await fetch(`${service.base}/v1/benchmarks/maze10-v1/instances?limit=1000`)).json();
  const mazes = instances.map((inst) => engine.parsePrompt(inst.prompt, inst.rows, inst.cols));
  const tail = (text, from) => text.slice(text.indexOf(from));
  const make = (f) => instances.map((inst, i) => ({ id: inst.id, response: f(i) }));
  const variants = [
    ["A* (its own traces)", (i) => tail(engine.serialize(mazes[i]), "reasoning")],
    [
      "A* plans behind the next maze's trace",
      (i) => {
        const other = mazes[(i + 1) % mazes.length];
        return tail(engine.serialize(mazes[i], { events: engine.solve(other).events, plan: engine.solve(mazes[i]).plan }), "reasoning");
      },
    ],
    ["A* plans without a trace", (i) => `reasoning solution ${engine.planText(engine.solve(mazes[i]).plan)} end`],
  ];
  let firstId;
  for (const [name, f] of variants) {
    const receipt = await post(
      "/v1/submissions",
      { benchmark: "maze10-v1", model: { name, condition: "other", notes: "illustration for the README" }, predictions: make(f) },
      { authorization: `Bearer ${api_key}` },
    );
    firstId ??= receipt.id;
  }

  browser = await launchBrowser({ width: 1400, height: 1000 });
  const page = await browser.context.newPage();
  await page.goto(`${service.base}/`);
  await page.locator("svg.maze[data-ready]").waitFor();
  await page.getByRole("button", { name: "Run A* and the models" }).click();
  await waitForPanels(page);
  await shot(page, "web-maze.png", { fullPage: true });

  await page.goto(`${service.base}/#/play?g=wilson&size=10x10&seed=42&split=test&i=0`);
  await page.getByRole("button", { name: "Swapped example (another maze's trace)" }).click();
  await page.locator('[data-verdict="trace_valid"]').waitFor();
  await shot(page, "web-playground.png", { fullPage: true });

  await page.goto(`${service.base}/#/leaderboard?b=maze10-v1`); // the seeded suite (maze6-v1 is listed first)
  await page.locator("tr[data-submission]").first().waitFor();
  await shot(page, "web-leaderboard.png", { fullPage: true });

  await page.goto(`${service.base}/#/submission/${firstId}?g=wilson`);
  await page.locator("tr[data-instance]").first().waitFor();
  await shot(page, "web-submission.png", { clip: { x: 0, y: 0, width: 1400, height: 1000 } });
  await page.close();

  const phone = await launchBrowser({ width: 390, height: 844, isMobile: true });
  const small = await phone.context.newPage();
  await small.goto(`${service.base}/`);
  await small.locator("svg.maze[data-ready]").waitFor();
  await small.getByRole("button", { name: "Run A* and the models" }).click();
  await waitForPanels(small);
  await shot(small, "web-phone.png", { clip: { x: 0, y: 0, width: 390, height: 1800 }, fullPage: true });
  await phone.close();
  console.error(`wrote ${options.out}/web-{maze,playground,leaderboard,submission,phone}.png`);
} finally {
  await browser?.close();
  service.stop();
}
