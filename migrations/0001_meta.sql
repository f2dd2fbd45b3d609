-- Initial schema: a key/value table for facts about the database itself (schema notes, the
-- engine build that wrote data). Later features add their tables in their own migrations.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', 'migrations/0001_meta.sql');
