// A real browser against the local service, for the web page's tests, screenshots and timing:
// `wrangler dev` started as `npm start` starts it (migrated throwaway D1 state, rate limit on),
// and Debian's chromium driven by playwright-core, headless, with a fresh profile and nothing
// that reaches the network.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWranglerDev, stopServer, waitForHealth } from "./server.js";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Starts the service on 127.0.0.1:port with empty local state; returns { base, stop }. */
export async function startService(port) {
  const state = mkdtempSync(join(tmpdir(), "reasonless-web-state-"));
  const server = startWranglerDev({ port, persistTo: state, migrate: true, rateLimit: true });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, server);
  } catch (err) {
    stopServer(server);
    throw err;
  }
  return {
    base,
    stop() {
      stopServer(server);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** Launches chromium with a fresh profile; returns { context, close } (a playwright BrowserContext). */
export async function launchBrowser({ width = 1400, height = 1000, deviceScaleFactor = 1, isMobile = false } = {}) {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "reasonless-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
    deviceScaleFactor,
    isMobile,
    hasTouch: isMobile,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until every solver panel of the maze view has its verdict (or failed). */
export async function waitForPanels(page, timeout = 150_000) {
  // A string, evaluated in the page: this file is checked without the DOM's types.
  const allDone = `(() => {
    const panels = [...document.querySelectorAll("[data-panel]")];
    return panels.length > 0 && panels.every((p) => p.dataset.state === "done" || p.dataset.state === "error");
  })()`;
  await page.waitForFunction(allDone, null, { timeout, polling: 250 });
}
