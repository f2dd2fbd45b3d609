// GET /v1/benchmarks: the published suites with their manifests.
// GET /v1/benchmarks/{id}: one manifest (counts, sha256 over the canonical instances, engine build).
// GET /v1/benchmarks/{id}/instances?generator=&offset=&limit=&format=: the instances, as JSON pages
// or as NDJSON (`Accept: application/x-ndjson` or `format=ndjson`): the NDJSON of the whole suite,
// in order, is exactly the text the manifest's sha256 covers.
// Suites are regenerated from the engine once per isolate, never stored.
import { BENCHMARKS, getSuite, manifest } from "../leaderboard/benchmarks";
import { ENGINE_BUILD, getEngine } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { generatorParam, page, queryParams, show, suiteOf } from "../http/input";
import type { ApiRequest } from "../http/middleware";

const CACHE = { "cache-control": "public, max-age=3600" };

export async function listBenchmarks(request: ApiRequest): Promise<Response> {
  queryParams(new URL(request.url), []);
  const engine = await getEngine();
  const suites = await Promise.all(BENCHMARKS.map((spec) => getSuite(engine, spec)));
  return json({ benchmarks: suites.map((s) => manifest(s, ENGINE_BUILD.sha256)) }, 200, CACHE);
}

export async function getBenchmark(request: ApiRequest): Promise<Response> {
  queryParams(new URL(request.url), []);
  const suite = await suiteOf(decodeURIComponent(request.params.id));
  return json(manifest(suite, ENGINE_BUILD.sha256), 200, CACHE);
}

export async function listInstances(request: ApiRequest): Promise<Response> {
  const url = new URL(request.url);
  const q = queryParams(url, ["generator", "offset", "limit", "format"]);
  const suite = await suiteOf(decodeURIComponent(request.params.id));
  const generator = await generatorParam(q);
  const format = q.get("format") ?? (/application\/x-ndjson/i.test(request.headers.get("accept") ?? "") ? "ndjson" : "json");
  if (format !== "json" && format !== "ndjson") throw new ApiError("invalid_value", `format must be "json" or "ndjson", got ${show(format)}`, "format");
  const { offset, limit } = page(q);

  const all = generator === undefined ? suite.instances.map((_, i) => i) : suite.instances.flatMap((inst, i) => (inst.generator === generator ? [i] : []));
  const chosen = all.slice(offset, offset + limit);
  const headers = { ...CACHE, "x-total-count": String(all.length), "x-benchmark-sha256": suite.sha256 };
  if (format === "ndjson") {
    return new Response(chosen.map((i) => suite.lines[i]).join(""), {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", ...headers },
    });
  }
  return json(
    {
      benchmark: suite.spec.id,
      sha256: suite.sha256,
      generator: generator ?? null,
      total: all.length,
      offset,
      limit,
      instances: chosen.map((i) => suite.instances[i]),
    },
    200,
    headers,
  );
}
