// The Worker's tests, inside workerd (@cloudflare/vitest-pool-workers): bindings and module
// rules come from wrangler.toml; D1 migrations are applied by test/worker/setup.ts.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      main: "./src/worker.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // A small per-client limit, so the 429 test needs few requests.
        // And a small work budget, so the budget test needs few requests.
        ratelimits: { RATE_LIMITER: { simple: { limit: 20, period: 60 } }, WORK_LIMITER: { simple: { limit: 20, period: 60 } } },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  test: {
    name: "workers",
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["./test/worker/setup.ts"],
    // Expected /v1/predict tokens, computed in Node with onnxruntime-node (inject()ed).
    globalSetup: ["./test/worker/predict-expected.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
