// POST /v1/accounts {name, contact?}: a new account and its API key, shown once.
// GET /v1/accounts/me: the key's account and its submission quota (the owner sees `contact`).
// DELETE /v1/accounts/me: revokes the key; it answers 401 key_revoked from then on.
// Account creation is limited per client address (CF-Connecting-IP) with a D1 counter.
import { SUBMISSION_WINDOW_S, authenticate, clientAddress, countWindow, newKey, quotaHeaders, randomHex, submissionQuota } from "../http/auth";
import { readJson } from "../http/body";
import { ApiError, json } from "../http/errors";
import { at, object, only, required, text } from "../http/input";
import { LIMITS } from "../http/limits";
import type { ApiRequest } from "../http/middleware";
import { accountById, insertAccount, revokeAccount } from "../storage/accounts";

const MAX_NAME = 100;
const MAX_CONTACT = 200;

export async function createAccount(request: ApiRequest, env: Env): Promise<Response> {
  const body = only(object(await readJson(request, LIMITS.maxBodyBytes), ""), "", ["name", "contact"]);
  const name = text(required(body, "name", ""), "name", MAX_NAME);
  const contact = body.contact === undefined || body.contact === null ? null : text(body.contact, at("", "contact"), MAX_CONTACT);

  const now = Date.now();
  const window = 3600;
  const counted = await countWindow(env, `accounts:${clientAddress(request)}`, LIMITS.accountsPerHour, window, now);
  const headers = quotaHeaders(counted, window);
  if (counted.used > LIMITS.accountsPerHour) {
    throw new ApiError("rate_limited", `at most ${LIMITS.accountsPerHour} accounts per hour per client address; retry in ${counted.reset} s`, undefined, {
      ...headers,
      "retry-after": String(counted.reset),
    });
  }

  const id = `acc_${randomHex(8)}`;
  const key = await newKey();
  await insertAccount(env.DB, { id, name, contact, keyPrefix: key.prefix, keySalt: key.salt, keyHash: key.hash, createdAt: now });
  return json(
    {
      account: { id, name, created_at: new Date(now).toISOString() },
      api_key: key.key,
      note: "Store this key now: it is shown only once (the server keeps a salted hash). Send it as Authorization: Bearer <key>.",
      quota: { submissions_per_day: LIMITS.submissionsPerDay },
    },
    201,
    { ...headers, "cache-control": "no-store" },
  );
}

export async function getMe(request: ApiRequest, env: Env): Promise<Response> {
  const account = await authenticate(request, env);
  const row = (await accountById(env.DB, account.id))!;
  const quota = await submissionQuota(env, account.id, Date.now());
  return json(
    {
      account: { id: row.id, name: row.name, contact: row.contact, baseline: row.baseline === 1, created_at: new Date(row.created_at).toISOString() },
      quota: { submissions_per_day: quota.limit, remaining: quota.remaining, reset_seconds: quota.reset },
    },
    200,
    { ...quotaHeaders(quota, SUBMISSION_WINDOW_S), "cache-control": "no-store" },
  );
}

export async function revokeMe(request: ApiRequest, env: Env): Promise<Response> {
  const account = await authenticate(request, env);
  const now = Date.now();
  await revokeAccount(env.DB, account.id, now);
  return json({ account: { id: account.id }, revoked: true, revoked_at: new Date(now).toISOString() }, 200, { "cache-control": "no-store" });
}
