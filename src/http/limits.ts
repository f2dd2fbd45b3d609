// Every bound the API enforces, in one place: the routes check them, GET /v1/generators and the
// OpenAPI description publish them. Grid sizes are not here: they come from the engine's registry.
export const LIMITS = {
  /** Largest `index` of GET /v1/mazes. A stream is sequential: instance i costs generating
   *  0..i: at the bound about 4 s for searchformer 64x64 (the slowest), 0.2 s for Wilson 30x30
   *  (wrangler dev, development machine). Sequential reads reuse the isolate's open stream. */
  maxIndex: 4095,
  /** Bound on the work one GET /v1/mazes or POST /v1/predict can cause: (index + 1) x rows x
   *  cols, the cells generated to reach instance `index`, at most this. Grids up to 22x22 keep
   *  index 4095, 30x30 stops at 2329, 64x64 at 511 (about 0.5 s for searchformer, the slowest, on the
   *  development machine; index 4095 was 2-4 s during which the isolate served nothing). */
  maxStreamCells: 1 << 21,
  /** Request body of POST /v1/solve and /v1/verify, bytes. */
  maxBodyBytes: 1 << 20,
  /** Request body of POST /v1/verify/batch, bytes. */
  maxBatchBodyBytes: 8 << 20,
  /** Items in one POST /v1/verify/batch. */
  maxBatchItems: 256,
  /** Tokens in one response (text words or token ids). The A* response of a 64x64 maze stays
   *  under 25k tokens; the paper's models have contexts up to 32k. */
  maxResponseTokens: 65_536,
  /** Bytes of a prompt given as text. */
  maxPromptBytes: 256 << 10,
  /** POST /v1/submissions: request body bytes as sent and, with Content-Encoding: gzip, after
   *  decompression. A perfect 30x30 submission of 1,000 A* responses is about 20 MB of JSON. */
  maxSubmissionBytes: 32 << 20,
  /** POST /v1/submissions with Content-Encoding: gzip: the decompressed bytes may exceed this
   *  many times the bytes on the wire read so far (plus gzipRatioFreeBytes), checked as the body
   *  inflates, so a gzip bomb (~1000:1) is refused after about a MiB rather than inflated to
   *  maxSubmissionBytes. Real submissions compress 4-8:1 as compact JSON (text or token ids,
   *  gzip -1 to -9) and up to 22:1 pretty-printed; measurements in docs/reliability.md. A body
   *  refused for its ratio can always be sent uncompressed: the limit is the same. */
  maxGzipRatio: 100,
  /** Decompressed bytes allowed whatever the ratio: small bodies of repeated responses (a model
   *  that answers every instance alike compresses up to ~140:1). */
  gzipRatioFreeBytes: 1 << 20,
  /** Submissions per API key in any rolling 24 hours. */
  submissionsPerDay: 20,
  /** Accounts created per client address (CF-Connecting-IP) per fixed hour. */
  accountsPerHour: 10,
  /** Page size of the paginated lists (instances, per-instance results, leaderboard rows). */
  maxPageSize: 1000,
  defaultPageSize: 100,
  /** POST /v1/predict: default and largest `time_budget_ms`, the wall-clock cap on decoding
   *  (all conditions of a request together). A 10x10 response takes about 1 s per model. */
  predictBudgetMs: 10_000,
  maxPredictBudgetMs: 30_000,
} as const;

/** The limits as the API publishes them (GET /v1/generators, the OpenAPI description). */
export function publishedLimits() {
  return {
    max_index: LIMITS.maxIndex,
    max_stream_cells: LIMITS.maxStreamCells,
    max_body_bytes: LIMITS.maxBodyBytes,
    max_batch_body_bytes: LIMITS.maxBatchBodyBytes,
    max_batch_items: LIMITS.maxBatchItems,
    max_response_tokens: LIMITS.maxResponseTokens,
    max_prompt_bytes: LIMITS.maxPromptBytes,
    max_submission_bytes: LIMITS.maxSubmissionBytes,
    submissions_per_day: LIMITS.submissionsPerDay,
    accounts_per_hour: LIMITS.accountsPerHour,
    max_page_size: LIMITS.maxPageSize,
  };
}
