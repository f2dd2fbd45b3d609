// The accounts table (migrations/0002_leaderboard.sql): leaderboard accounts and their hashed API
// keys. Only the queries live here; keys, quotas and the HTTP answers are src/http/auth.ts's and
// the routes'.

/** What authentication reads: the key's salt and hash, and whether the key was revoked. */
export interface AccountKeyRow {
  id: string;
  name: string;
  key_salt: string;
  key_hash: string;
  baseline: number;
  revoked_at: number | null;
}

/** What an account's owner may read about it (GET /v1/accounts/me). */
export interface AccountRow {
  id: string;
  name: string;
  contact: string | null;
  baseline: number;
  created_at: number;
}

export interface NewAccount {
  id: string;
  name: string;
  contact: string | null;
  keyPrefix: string;
  keySalt: string;
  keyHash: string;
  /** ms since the epoch */
  createdAt: number;
}

/** The account whose key has this lookup prefix, revoked or not. */
export function accountByKeyPrefix(db: D1Database, prefix: string): Promise<AccountKeyRow | null> {
  return db.prepare("SELECT id, name, key_salt, key_hash, baseline, revoked_at FROM accounts WHERE key_prefix = ?").bind(prefix).first<AccountKeyRow>();
}

export async function insertAccount(db: D1Database, a: NewAccount): Promise<void> {
  await db
    .prepare("INSERT INTO accounts (id, name, contact, key_prefix, key_salt, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(a.id, a.name, a.contact, a.keyPrefix, a.keySalt, a.keyHash, a.createdAt)
    .run();
}

export function accountById(db: D1Database, id: string): Promise<AccountRow | null> {
  return db.prepare("SELECT id, name, contact, baseline, created_at FROM accounts WHERE id = ?").bind(id).first<AccountRow>();
}

/** Marks the account's key revoked at `now` (a key already revoked keeps its first time). */
export async function revokeAccount(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare("UPDATE accounts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(now, id).run();
}
