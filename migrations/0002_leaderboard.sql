-- The public leaderboard (issue 6): accounts with hashed API keys, scored submissions, and a
-- small fixed-window counter table for limits that need storage (account creation per client).

-- An API key is `rl_<prefix>_<secret>`; only sha256(salt || key) is kept. `key_prefix` finds the
-- row without scanning; the hash is compared in constant time.
CREATE TABLE IF NOT EXISTS accounts (
  id          TEXT PRIMARY KEY,             -- acc_<hex>
  name        TEXT NOT NULL,
  contact     TEXT,                         -- never published
  key_prefix  TEXT NOT NULL UNIQUE,
  key_salt    TEXT NOT NULL,                -- hex
  key_hash    TEXT NOT NULL,                -- hex sha256(salt || key)
  baseline    INTEGER NOT NULL DEFAULT 0,   -- 1: the project's reference rows
  created_at  INTEGER NOT NULL,             -- ms since the epoch
  revoked_at  INTEGER                       -- set by DELETE /v1/accounts/me
);

-- One row per submission: scores as columns (for ranking) and as JSON (per generator), the
-- per-instance results as one compact JSON blob in benchmark order. One row keeps the write
-- atomic and cheap (a 1,000-instance blob is about 100 KB).
CREATE TABLE IF NOT EXISTS submissions (
  id               TEXT PRIMARY KEY,        -- sub_<hex>
  account_id       TEXT NOT NULL REFERENCES accounts(id),
  benchmark        TEXT NOT NULL,
  benchmark_sha256 TEXT NOT NULL,
  engine_build     TEXT NOT NULL,
  model            TEXT NOT NULL,           -- JSON {name, parameters, condition, url, notes}
  plan_validity    REAL NOT NULL,
  trace_validity   REAL NOT NULL,
  optimal_rate     REAL NOT NULL,
  scores           TEXT NOT NULL,           -- JSON {overall, by_generator}
  results          TEXT NOT NULL,           -- JSON array, one compact entry per instance
  receipt          TEXT NOT NULL,           -- JSON: the receipt returned on creation (idempotent replays)
  idempotency_key  TEXT,
  request_sha256   TEXT NOT NULL,           -- sha256 of the decoded request body
  created_at       INTEGER NOT NULL,
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS submissions_by_benchmark ON submissions (benchmark, created_at);
CREATE INDEX IF NOT EXISTS submissions_by_account ON submissions (account_id, created_at);

-- Fixed-window counters: key = '<what>:<client>', window = start of the window (s since epoch).
CREATE TABLE IF NOT EXISTS rate_counters (
  key     TEXT NOT NULL,
  window  INTEGER NOT NULL,
  count   INTEGER NOT NULL,
  PRIMARY KEY (key, window)
);
