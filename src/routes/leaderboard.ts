// GET /v1/leaderboard/{benchmark}?generator=&sort=&offset=&limit=: submissions ranked by a score
// (overall, or on one generator's instances), ties broken by the earlier submission. Public:
// model, submitter name and scores; never keys, key hashes or contacts. Only submissions scored by
// this server's engine build are ranked (builds never mix); older ones are counted in
// `other_builds` until scripts/rescore-submissions.js scores them again.
import { type GroupScores, SORTS, type Scores, type Sort } from "../leaderboard/score";
import { ENGINE_BUILD } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { generatorParam, page, queryParams, show, suiteOf } from "../http/input";
import type { ApiRequest } from "../http/middleware";
import { rankedSubmissions } from "../storage/submissions";

export async function getLeaderboard(request: ApiRequest, env: Env): Promise<Response> {
  const q = queryParams(new URL(request.url), ["generator", "sort", "offset", "limit"]);
  const suite = await suiteOf(decodeURIComponent(request.params.benchmark));
  const generator = await generatorParam(q);
  const sort = q.get("sort") ?? "plan_validity";
  if (!(SORTS as readonly string[]).includes(sort)) throw new ApiError("invalid_value", `sort must be one of ${SORTS.join(", ")}, got ${show(sort)}`, "sort");
  const { offset, limit } = page(q);

  const build = ENGINE_BUILD.sha256;
  const ranked = await rankedSubmissions(env.DB, { benchmark: suite.spec.id, build, sort: sort as Sort, generator, limit, offset });
  const entries = ranked.rows.map((r, i) => {
    const scores = JSON.parse(r.scores) as Scores;
    const s: GroupScores = generator === undefined ? scores.overall : scores.by_generator[generator];
    const model = JSON.parse(r.model) as Record<string, unknown>;
    return {
      rank: offset + i + 1,
      submission_id: r.id,
      model: { name: model.name, parameters: model.parameters, condition: model.condition, url: model.url },
      submitter: r.submitter,
      baseline: r.baseline === 1,
      created_at: new Date(r.created_at).toISOString(),
      plan_validity: s.plan_validity,
      trace_validity: s.trace_validity,
      optimal_rate: s.optimal_rate,
      instances: s.instances,
      missing: s.missing,
      table: s.table,
      benchmark_sha256: r.benchmark_sha256,
    };
  });
  return json(
    {
      benchmark: { id: suite.spec.id, sha256: suite.sha256 },
      engine: { build },
      generator: generator ?? null,
      sort,
      total: ranked.total,
      other_builds: ranked.otherBuilds,
      offset,
      limit,
      rows: entries,
    },
    200,
    { "cache-control": "public, max-age=30" },
  );
}
