-- Issue 12: every submission keeps its predictions, so that a new engine build can score it
-- again (scripts/rescore-submissions.js) and the leaderboard never mixes builds. One row per
-- answered instance; the response is stored as the validator reads it: vocabulary words joined
-- by spaces (ids detokenized, text re-tokenized, so at most 7 bytes per token).
CREATE TABLE IF NOT EXISTS submission_predictions (
  submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,          -- the instance's position in the benchmark
  response      TEXT NOT NULL,
  PRIMARY KEY (submission_id, idx)
);
