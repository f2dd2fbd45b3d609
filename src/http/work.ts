// A per-client budget of work, beside the per-client count of requests (middleware.ts): the
// expensive routes say what a request will cost, in work units, before doing it, and a client
// over its budget gets 429 rate_limited with Retry-After. Costs are estimated from the request
// (cells to generate, bytes to parse and score, a decoding time budget) rather than measured:
// workerd's clock does not move while JavaScript runs, and an estimate refuses before the work.
//
// The budget is a second Workers rate-limiting binding (WORK_LIMITER in wrangler.toml) that
// counts units instead of requests: each unit is one `limit()` call on the client's key. That
// binding is approximate and per Cloudflare location in production, and simulated in memory by
// wrangler dev; both suit a budget meant to stop one client from monopolising the engine.
import { ApiError } from "./errors";
import type { ApiRequest } from "./middleware";

export const WORK = {
  /** Units per minute per client: must equal `simple.limit` of WORK_LIMITER in wrangler.toml. */
  unitsPerMinute: 300,
  /** One unit is about 50-100 ms of engine time: this many maze cells generated (searchformer,
   *  the slowest generator, ~0.22 us per cell on the development machine)... */
  cellsPerUnit: 1 << 18,
  /** ... or this many request-body bytes parsed and validated or scored ... */
  bodyBytesPerUnit: 256 << 10,
  /** ... or this much of a POST /v1/predict decoding time budget. */
  predictMsPerUnit: 100,
} as const;

export const cellUnits = (cells: number): number => Math.ceil(cells / WORK.cellsPerUnit);
export const bodyUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / WORK.bodyBytesPerUnit));
export const predictUnits = (budgetMs: number): number => Math.ceil(budgetMs / WORK.predictMsPerUnit);

/** Charges work already done (a prediction's decoding time, known only at its end) without
 *  refusing anything: a client that overdrew is refused by its next spendWork. */
export async function recordWork(request: ApiRequest, env: Env, units: number): Promise<void> {
  const ip = request.headers.get("cf-connecting-ip");
  if (!env.WORK_LIMITER || env.RATE_LIMIT === "off" || ip === null) return;
  for (let i = 0; i < units; i++) if (!(await env.WORK_LIMITER.limit({ key: ip })).success) return;
}

/** Charges `units` to the client (CF-Connecting-IP); throws 429 once its budget is spent.
 *  Off where the per-client request limit is off (no binding, no client address, RATE_LIMIT
 *  "off"), for the same reasons. */
export async function spendWork(request: ApiRequest, env: Env, units: number, what: string): Promise<void> {
  const ip = request.headers.get("cf-connecting-ip");
  if (!env.WORK_LIMITER || env.RATE_LIMIT === "off" || ip === null || units <= 0) return;
  for (let i = 0; i < units; i++) {
    const { success } = await env.WORK_LIMITER.limit({ key: ip });
    if (!success) {
      throw new ApiError(
        "rate_limited",
        `this client has used its work budget (${WORK.unitsPerMinute} units a minute; ${what} costs ${units}); retry in a minute`,
        undefined,
        { "retry-after": "60" },
      );
    }
  }
}
