// GET /v1/leaderboard/{benchmark}?generator=&sort=&offset=&limit=: submissions ranked by a score
// (overall, or on one generator's instances), ties broken by the earlier submission. Public:
// model, submitter name and scores; never keys, key hashes or contacts. Only submissions scored by
// this server's engine build are ranked (builds never mix); older ones are counted in
// `other_builds` until scripts/rescore-submissions.js scores them again.
import { type GroupScores, SORTS, type Scores } from "../leaderboard/score";
import { ENGINE_BUILD } from "../http/engine";
import { ApiError, json } from "../http/errors";
import { generatorParam, page, queryParams, show, suiteOf } from "../http/input";
import type { ApiRequest } from "../http/middleware";

export async function getLeaderboard(request: ApiRequest, env: Env): Promise<Response> {
  const q = queryParams(new URL(request.url), ["generator", "sort", "offset", "limit"]);
  const suite = await suiteOf(decodeURIComponent(request.params.benchmark));
  const generator = await generatorParam(q);
  const sort = q.get("sort") ?? "plan_validity";
  if (!(SORTS as readonly string[]).includes(sort)) throw new ApiError("invalid_value", `sort must be one of ${SORTS.join(", ")}, got ${show(sort)}`, "sort");
  const { offset, limit } = page(q);

  // `sort` is one of SORTS (checked above); the generator goes in as a bound JSON path.
  const key = generator === undefined ? `s.${sort}` : "json_extract(s.scores, ?)";
  const build = ENGINE_BUILD.sha256;
  const binds: unknown[] = [suite.spec.id, build];
  if (generator !== undefined) binds.push(`$.by_generator.${generator}.${sort}`);
  const [count, rows] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare("SELECT SUM(engine_build = ?2) AS n, SUM(engine_build <> ?2) AS other FROM submissions WHERE benchmark = ?1").bind(suite.spec.id, build),
    env.DB.prepare(
      `SELECT s.id, s.model, s.scores, s.benchmark_sha256, s.created_at, a.name AS submitter, a.baseline
       FROM submissions s JOIN accounts a ON a.id = s.account_id
       WHERE s.benchmark = ? AND s.engine_build = ? ORDER BY ${key} DESC, s.created_at ASC, s.id ASC LIMIT ? OFFSET ?`,
    ).bind(...binds, limit, offset),
  ]);
  const entries = rows.results.map((r, i) => {
    const scores = JSON.parse(r.scores as string) as Scores;
    const s: GroupScores = generator === undefined ? scores.overall : scores.by_generator[generator];
    const model = JSON.parse(r.model as string) as Record<string, unknown>;
    return {
      rank: offset + i + 1,
      submission_id: r.id as string,
      model: { name: model.name, parameters: model.parameters, condition: model.condition, url: model.url },
      submitter: r.submitter as string,
      baseline: r.baseline === 1,
      created_at: new Date(r.created_at as number).toISOString(),
      plan_validity: s.plan_validity,
      trace_validity: s.trace_validity,
      optimal_rate: s.optimal_rate,
      instances: s.instances,
      missing: s.missing,
      table: s.table,
      benchmark_sha256: r.benchmark_sha256 as string,
    };
  });
  return json(
    {
      benchmark: { id: suite.spec.id, sha256: suite.sha256 },
      engine: { build },
      generator: generator ?? null,
      sort,
      total: (count.results[0]?.n as number) ?? 0,
      other_builds: (count.results[0]?.other as number) ?? 0,
      offset,
      limit,
      rows: entries,
    },
    200,
    { "cache-control": "public, max-age=30" },
  );
}
