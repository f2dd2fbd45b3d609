import { defineConfig } from "vitest/config";

// Three worlds: the engine, CLI and offline pipeline run in Node; the web page runs in a real
// browser against `wrangler dev`; the Worker's tests run inside workerd (see
// vitest.workers.config.ts). `npm test` runs all three.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/*.test.ts", "test/core/**/*.test.ts", "test/cli/**/*.test.ts", "test/pipeline/**/*.test.ts", "test/decode/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The web page in Debian's chromium against a local `wrangler dev` (scripts/lib/browser.js).
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          // After the other projects, alone: its wrangler dev, chromium and three model decodes
          // would otherwise take CPU from the Worker tests' time-budgeted decodes.
          sequence: { groupOrder: 1 },
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
      "./vitest.workers.config.ts",
    ],
  },
});
