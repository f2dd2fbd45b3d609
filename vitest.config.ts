import { defineConfig } from "vitest/config";

// Two worlds: the engine, CLI and offline pipeline run in Node; the Worker's tests run inside
// workerd (see vitest.workers.config.ts). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/core/**/*.test.ts", "test/cli/**/*.test.ts", "test/pipeline/**/*.test.ts", "test/decode/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      "./vitest.workers.config.ts",
    ],
  },
});
