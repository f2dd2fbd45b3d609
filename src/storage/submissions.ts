// The submissions and submission_predictions tables (migrations/0002_leaderboard.sql,
// 0003_submission_predictions.sql): scored submissions, their stored predictions, the leaderboard's
// ranking and the quota's count. Only the queries live here; what the rows mean is the routes'.
import { SORTS, type Sort } from "../leaderboard/score";

/** A submission as stored; `model`, `scores`, `results` and `receipt` are JSON texts. */
export interface NewSubmission {
  id: string;
  accountId: string;
  benchmark: string;
  benchmarkSha256: string;
  engineBuild: string;
  model: string;
  planValidity: number;
  traceValidity: number;
  optimalRate: number;
  scores: string;
  results: string;
  receipt: string;
  idempotencyKey: string | null;
  requestSha256: string;
  /** ms since the epoch */
  createdAt: number;
}

/** A submission as GET /v1/submissions/{id} reads it, with its submitter. */
export interface SubmissionRow {
  id: string;
  benchmark: string;
  benchmark_sha256: string;
  engine_build: string;
  model: string;
  scores: string;
  results: string;
  created_at: number;
  submitter: string;
  baseline: number;
}

/** A leaderboard row: the submission's public columns and its submitter. */
export interface RankedRow {
  id: string;
  model: string;
  scores: string;
  benchmark_sha256: string;
  created_at: number;
  submitter: string;
  baseline: number;
}

/** How many submissions the account made after `since` (ms), and the oldest of them. */
export function submissionsSince(db: D1Database, accountId: string, since: number): Promise<{ n: number; oldest: number | null } | null> {
  return db
    .prepare("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM submissions WHERE account_id = ? AND created_at > ?")
    .bind(accountId, since)
    .first<{ n: number; oldest: number | null }>();
}

/** The receipt of the account's submission made with this Idempotency-Key, and its request's hash. */
export function receiptByIdempotencyKey(db: D1Database, accountId: string, key: string): Promise<{ receipt: string; request_sha256: string } | null> {
  return db
    .prepare("SELECT receipt, request_sha256 FROM submissions WHERE account_id = ? AND idempotency_key = ?")
    .bind(accountId, key)
    .first<{ receipt: string; request_sha256: string }>();
}

/** Stores a submission and its predictions (instance index, response) in one batch, all or
 *  nothing, unless the account already made `quota.limit` submissions after `quota.since` (the
 *  count is taken inside the INSERT) or the Idempotency-Key is taken. True when it was stored. */
export async function insertSubmission(
  db: D1Database,
  s: NewSubmission,
  quota: { since: number; limit: number },
  predictions: Array<[number, string]>,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO submissions (id, account_id, benchmark, benchmark_sha256, engine_build, model, plan_validity, trace_validity,
         optimal_rate, scores, results, receipt, idempotency_key, request_sha256, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
       WHERE (SELECT COUNT(*) FROM submissions WHERE account_id = ? AND created_at > ?) < ?
       ON CONFLICT (account_id, idempotency_key) DO NOTHING`,
      )
      .bind(
        s.id,
        s.accountId,
        s.benchmark,
        s.benchmarkSha256,
        s.engineBuild,
        s.model,
        s.planValidity,
        s.traceValidity,
        s.optimalRate,
        s.scores,
        s.results,
        s.receipt,
        s.idempotencyKey,
        s.requestSha256,
        s.createdAt,
        s.accountId,
        quota.since,
        quota.limit,
      ),
    ...predictionStatements(db, s.id, predictions),
  ]);
  return inserted.meta.changes === 1;
}

// Inserted in the submission's batch (all or nothing), in chunks of about 1 MB of JSON per
// statement (D1 caps a bound value at 2 MB); each chunk only lands if the submission row did
// (the quota check inside its INSERT can refuse it).
const PREDICTION_CHUNK_BYTES = 1 << 20;
function predictionStatements(db: D1Database, id: string, rows: Array<[number, string]>): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  let chunk: Array<[number, string]> = [],
    bytes = 0;
  const flush = () => {
    if (!chunk.length) return;
    statements.push(
      db
        .prepare(
          `INSERT INTO submission_predictions (submission_id, idx, response)
       SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)
       WHERE EXISTS (SELECT 1 FROM submissions WHERE id = ?1)`,
        )
        .bind(id, JSON.stringify(chunk)),
    );
    chunk = [];
    bytes = 0;
  };
  for (const row of rows) {
    if (bytes + row[1].length > PREDICTION_CHUNK_BYTES) flush();
    chunk.push(row);
    bytes += row[1].length + 16;
  }
  flush();
  return statements;
}

export function submissionById(db: D1Database, id: string): Promise<SubmissionRow | null> {
  return db
    .prepare(
      `SELECT s.id, s.benchmark, s.benchmark_sha256, s.engine_build, s.model, s.scores, s.results, s.created_at,
            a.name AS submitter, a.baseline
     FROM submissions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?`,
    )
    .bind(id)
    .first<SubmissionRow>();
}

/** One page of a benchmark's submissions scored by engine `build`, best first by `sort` (overall,
 *  or on one generator's instances), ties to the earlier submission; with the count of those
 *  ranked and of those scored by other builds. */
export async function rankedSubmissions(
  db: D1Database,
  q: { benchmark: string; build: string; sort: Sort; generator?: string; limit: number; offset: number },
): Promise<{ total: number; otherBuilds: number; rows: RankedRow[] }> {
  // `sort` goes into the SQL as a column name: only one of SORTS; the generator is a bound JSON path.
  if (!(SORTS as readonly string[]).includes(q.sort)) throw new Error(`not a sort: ${q.sort}`);
  const key = q.generator === undefined ? `s.${q.sort}` : "json_extract(s.scores, ?)";
  const binds: unknown[] = [q.benchmark, q.build];
  if (q.generator !== undefined) binds.push(`$.by_generator.${q.generator}.${q.sort}`);
  const [count, rows] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT SUM(engine_build = ?2) AS n, SUM(engine_build <> ?2) AS other FROM submissions WHERE benchmark = ?1").bind(q.benchmark, q.build),
    db
      .prepare(
        `SELECT s.id, s.model, s.scores, s.benchmark_sha256, s.created_at, a.name AS submitter, a.baseline
       FROM submissions s JOIN accounts a ON a.id = s.account_id
       WHERE s.benchmark = ? AND s.engine_build = ? ORDER BY ${key} DESC, s.created_at ASC, s.id ASC LIMIT ? OFFSET ?`,
      )
      .bind(...binds, q.limit, q.offset),
  ]);
  return {
    total: (count.results[0]?.n as number) ?? 0,
    otherBuilds: (count.results[0]?.other as number) ?? 0,
    rows: rows.results as unknown as RankedRow[],
  };
}
