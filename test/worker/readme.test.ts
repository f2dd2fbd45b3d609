// Every curl example of README.md and docs/*.md, run against the Worker: the output must be what
// is shown, where "..." stands for any value (test/worker/readme-examples.ts). /v1/predict
// examples run in predict.test.ts, the one file that loads onnxruntime-web.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { examples, runExample, sources, title, vars } from "./readme-examples";

describe("curl examples of README.md and docs/", () => {
  const all = examples();
  beforeAll(async () => {
    const res = await SELF.fetch("http://127.0.0.1:8787/v1/accounts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "My Lab" }),
    });
    vars.REASONLESS_API_KEY = ((await res.json()) as { api_key: string }).api_key;
  });
  it("reads README.md and docs/, and finds the examples where they are", () => {
    // every file that shows a console curl line yields examples from it
    const shown = Object.keys(sources).filter((file) => /```console\n\$ curl/.test(sources[file]));
    expect(shown).toEqual(expect.arrayContaining(["README.md", "docs/api.md", "docs/leaderboard.md"]));
    expect(shown.filter((file) => !all.some((e) => e.file === file))).toEqual([]);
  });
  it("has examples for every endpoint", () => {
    for (const path of [
      "/v1/health",
      "/v1/generators",
      "/v1/mazes",
      "/v1/solve",
      "/v1/verify",
      "/v1/verify/batch",
      "/v1/benchmarks",
      "/v1/accounts",
      "/v1/submissions",
      "/v1/leaderboard",
      "/v1/models",
      "/v1/predict",
    ]) {
      expect(
        all.some((e) => e.command.includes(`8787${path}`)),
        path,
      ).toBe(true);
    }
  });
  const here = all.filter((e) => !e.command.includes("/v1/predict"));
  it.each(here.map((e) => [title(e, 90), e] as const))("%s", async (_name, example) => {
    await runExample(example);
  });
});
