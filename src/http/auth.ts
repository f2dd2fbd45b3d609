// API keys and the limits that need storage (D1). A key is `rl_<prefix>_<secret>`: the prefix
// (12 hex digits) finds the account row, the secret (32 random bytes, base64url) is never
// stored: only sha256(salt || key) with a per-account random salt, compared in constant time.
// Keys travel as `Authorization: Bearer <key>`. The queries are src/storage/'s.
import { accountByKeyPrefix } from "../storage/accounts";
import { countInWindow } from "../storage/rate-counters";
import { submissionsSince } from "../storage/submissions";
import { ApiError } from "./errors";
import { LIMITS } from "./limits";

export interface Account {
  id: string;
  name: string;
  baseline: boolean;
}

const KEY_FORMAT = /^rl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function hashKey(salt: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(salt + key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh key with its lookup prefix, salt and hash (the key itself is shown once, never kept). */
export async function newKey(): Promise<{ key: string; prefix: string; salt: string; hash: string }> {
  const prefix = randomHex(6);
  const key = `rl_${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const salt = randomHex(16);
  return { key, prefix, salt, hash: await hashKey(salt, key) };
}

function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const CHALLENGE = { "www-authenticate": 'Bearer realm="reasonless"' };

function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message, undefined, CHALLENGE);
}

/** The account behind `Authorization: Bearer <key>`, or a 401. */
export async function authenticate(request: Request, env: Env): Promise<Account> {
  const header = request.headers.get("authorization");
  if (header === null) throw unauthorized("an API key is required: send Authorization: Bearer <key> (POST /v1/accounts makes one)");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('the Authorization header must be "Bearer <key>"');
  const parts = KEY_FORMAT.exec(m[1]);
  if (!parts) throw unauthorized("the API key is malformed (expected rl_<12 hex>_<43 base64url>)");
  const row = await accountByKeyPrefix(env.DB, parts[1]);
  if (!row || !sameHex(await hashKey(row.key_salt, m[1]), row.key_hash)) throw unauthorized("the API key is not valid");
  if (row.revoked_at !== null) {
    throw new ApiError("key_revoked", `this API key was revoked at ${new Date(row.revoked_at).toISOString()}; create a new account`, undefined, CHALLENGE);
  }
  return { id: row.id, name: row.name, baseline: row.baseline === 1 };
}

// ---- quotas ----

export interface Quota {
  limit: number;
  remaining: number;
  /** Seconds until the quota next grows (the oldest counted submission leaves the window); 0 if full. */
  reset: number;
}

/** The submission quota's rolling window (submissions.ts counts in the same window). */
export const DAY_MS = 86_400_000;

/** Submissions of this account in the rolling 24 hours before `now`. */
export async function submissionQuota(env: Env, accountId: string, now: number): Promise<Quota> {
  const row = await submissionsSince(env.DB, accountId, now - DAY_MS);
  const used = row?.n ?? 0;
  const reset = row?.oldest ? Math.max(1, Math.ceil((row.oldest + DAY_MS - now) / 1000)) : 0;
  return { limit: LIMITS.submissionsPerDay, remaining: Math.max(0, LIMITS.submissionsPerDay - used), reset };
}

/** The IETF-draft RateLimit headers (the older RateLimit-Limit/-Remaining/-Reset trio). */
export function quotaHeaders(q: Quota, windowSeconds: number): Record<string, string> {
  return {
    "ratelimit-limit": String(q.limit),
    "ratelimit-remaining": String(q.remaining),
    "ratelimit-reset": String(q.reset),
    "ratelimit-policy": `${q.limit};w=${windowSeconds}`,
  };
}

export const SUBMISSION_WINDOW_S = DAY_MS / 1000;

/** A fixed-window counter in D1 for `key`: counts this call and returns the window's state. */
export async function countWindow(env: Env, key: string, limit: number, windowSeconds: number, now: number): Promise<Quota & { used: number }> {
  const window = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const count = await countInWindow(env.DB, key, window, windowSeconds);
  return { limit, remaining: Math.max(0, limit - count), reset: Math.max(1, window + windowSeconds - Math.floor(now / 1000)), used: count };
}

/** The client's address as Cloudflare reports it; one shared bucket when absent. */
export function clientAddress(request: Request): string {
  return request.headers.get("cf-connecting-ip") ?? "unknown";
}
