#!/usr/bin/env node
// Times the web page in Debian's chromium against the local service: time to first maze drawn
// (from navigation start, each run with a fresh browser profile, so a cold HTTP cache) and time
// to first streamed model token (from the click on Run). Prints figures; asserts nothing.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launchBrowser, startService } from "./lib/browser.js";
import { parseOptions } from "./lib/options.js";

const { values: options } = parseOptions("bench-web", {
  usage: `Usage: node scripts/bench-web.js [options]   (npm run bench:web; after npm run build)

Loads the page at / in headless chromium (playwright-core, /usr/bin/chromium or $CHROMIUM) --runs
times, each with a fresh profile, and reports:
  first maze drawn   ms from navigation start until the maze view has drawn its first maze
                     (the page's performance mark "maze-drawn": HTML, script, core.wasm compiled,
                     GET /v1/models answered, maze generated and drawn);
  first token        ms from the click on "Run A* and the models" until the first model token
                     arrived over POST /v1/predict's event stream (mark "first-token"). The first
                     run after the service starts also loads onnxruntime-web and the models in
                     the Worker's isolate, so it is reported apart (cold) from the others (warm).
Also prints the page weight (gzip) with and without core.wasm, from build/assets/.
Without --url it starts its own service (wrangler dev, throwaway state) on --port.`,
  options: {
    url: { type: "string", default: "", value: "URL", help: "a running service (e.g. npm start's http://127.0.0.1:8787); default: start one" },
    port: { type: "int", default: 8792, min: 1, max: 65535, value: "PORT", help: "port for the service this script starts" },
    runs: { type: "int", default: 5, min: 1, max: 100, value: "N", help: "page loads to time" },
    json: { type: "boolean", default: false, help: "print the figures as JSON" },
  },
  examples: ["npm run bench:web", "npm run bench:web -- --url http://127.0.0.1:8787 --runs 10"],
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const gz = (f) => gzipSync(readFileSync(join(root, "build", "web", f))).length;
let weight;
try {
  const page = ["index.html", "style.css", "app.js"].reduce((n, f) => n + gz(f), 0);
  weight = { page_gzip_bytes: page, wasm_gzip_bytes: gz("core.wasm") };
} catch {
  process.stderr.write("bench-web: build/assets is missing; run `npm run build` first\n");
  process.exit(1);
}

const service = options.url ? { base: options.url.replace(/\/$/, ""), stop() {} } : await startService(options.port);
const runs = [];
try {
  for (let i = 0; i < options.runs; i++) {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${service.base}/`);
      await page.locator("svg.maze[data-ready]").waitFor({ timeout: 60_000 });
      const mazeMs = await page.evaluate(() => performance.getEntriesByName("maze-drawn")[0].startTime);
      await page.getByRole("button", { name: "Run A* and the models" }).click();
      await page.waitForFunction(() => performance.getEntriesByName("first-token").length > 0, null, { timeout: 120_000, polling: 5 });
      const tokenMs = await page.evaluate(
        () => performance.getEntriesByName("first-token")[0].startTime - performance.getEntriesByName("run-start")[0].startTime,
      );
      runs.push({ first_maze_ms: mazeMs, first_token_ms: tokenMs });
      process.stderr.write(`run ${i + 1}: first maze drawn ${mazeMs.toFixed(0)} ms, first token ${tokenMs.toFixed(0)} ms\n`);
    } finally {
      await browser.close(); // closing the page disconnects the streams: the Worker stops decoding
    }
  }
} finally {
  service.stop();
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1], n: s.length } : null;
};
const result = {
  url: service.base,
  runs: runs.length,
  ...weight,
  first_maze_ms: stats(runs.map((r) => r.first_maze_ms)),
  first_token_cold_ms: options.url ? null : (runs[0]?.first_token_ms ?? null),
  first_token_warm_ms: stats((options.url ? runs : runs.slice(1)).map((r) => r.first_token_ms)),
};
if (options.json) console.log(JSON.stringify(result, null, 2));
else {
  const f = (s) => (s ? `median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, ${s.n} runs)` : "n/a");
  console.log(
    `page weight: ${(result.page_gzip_bytes / 1024).toFixed(1)} KiB gzipped without core.wasm, core.wasm ${(result.wasm_gzip_bytes / 1024).toFixed(1)} KiB gzipped`,
  );
  console.log(`first maze drawn: ${f(result.first_maze_ms)}`);
  if (result.first_token_cold_ms !== null) console.log(`first token, cold models (first run after start): ${result.first_token_cold_ms.toFixed(0)} ms`);
  console.log(`first token${options.url ? "" : ", warm models"}: ${f(result.first_token_warm_ms)}`);
}
