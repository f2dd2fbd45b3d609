// Every curl example in README.md, run against the Worker: the output must be what is shown,
// where "..." stands for any value (test/worker/readme-examples.ts). /v1/predict examples run
// in predict.test.ts, the one file that loads onnxruntime-web.
import { describe, expect, it } from "vitest";
import { examples, runExample } from "./readme-examples";

describe("README curl examples", () => {
  const all = examples();
  it("has examples for every endpoint", () => {
    for (const path of ["/v1/health", "/v1/generators", "/v1/mazes", "/v1/solve", "/v1/verify", "/v1/verify/batch", "/v1/models", "/v1/predict"]) {
      expect(all.some((e) => e.command.includes(`8787${path}`)), path).toBe(true);
    }
  });
  const here = all.filter((e) => !e.command.includes("/v1/predict"));
  it.each(here.map((e) => [e.command.slice(0, 90), e] as const))("%s", async (_name, example) => {
    await runExample(example);
  });
});
