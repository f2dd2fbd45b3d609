// Cross-cutting concerns, written once: request ids, CORS (with preflight), rate limiting,
// 404/405. Routes stay small functions from request to response.
import type { IRequest, RouterType } from "itty-router";
import { ApiError } from "./errors";
import { fieldName, show } from "./input";

export type ApiRequest = IRequest & { requestId: string };
export type Handler = (request: ApiRequest, env: Env, ctx: ExecutionContext) => Promise<Response> | Response;

// ---- request id ----

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a sane client-sent X-Request-Id, otherwise makes one. */
export function assignRequestId(request: ApiRequest): void {
  const sent = request.headers.get("x-request-id");
  request.requestId = sent !== null && CLIENT_ID.test(sent) ? sent : crypto.randomUUID();
}

// ---- URL encoding ----

/** Refuses malformed percent-encoding before routing: a path segment or query parameter that
 *  does not decode as UTF-8 (`/v1/submissions/%ZZ`, `?generator=%E0%A4`) is a 400 naming the
 *  segment or parameter, rather than a URIError deep in a route (a 500 before issue 15). URL
 *  parsing leaves such sequences as they are, so every route may decodeURIComponent its path
 *  parameters after this check. */
export function checkUrlEncoding(request: ApiRequest): undefined {
  const url = new URL(request.url);
  for (const segment of url.pathname.split("/")) {
    if (!decodes(segment)) {
      throw new ApiError("invalid_encoding", `the path segment ${show(segment)} is not valid percent-encoded UTF-8`, "path");
    }
  }
  for (const pair of url.search.slice(1).split("&")) {
    const eq = pair.indexOf("=");
    const [key, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (!decodes(key)) throw new ApiError("invalid_encoding", `the query parameter name ${show(key)} is not valid percent-encoded UTF-8`, "query");
    if (!decodes(value)) {
      throw new ApiError("invalid_encoding", `the value of query parameter ${show(key)} is not valid percent-encoded UTF-8`, fieldName(safeDecode(key)));
    }
  }
  return undefined;
}

function decodes(s: string): boolean {
  try {
    decodeURIComponent(s.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

// ---- CORS ----

const ALLOW_HEADERS = "Content-Type, Content-Encoding, Authorization, Idempotency-Key, If-None-Match, X-Request-Id, Accept";
const EXPOSE_HEADERS =
  "X-Request-Id, ETag, Retry-After, Allow, Location, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, " +
  "RateLimit-Policy, Idempotent-Replayed, Server-Timing, X-Total-Count, X-Benchmark-Sha256";

/** Answers every preflight: the API is public and uses no cookies (API keys travel in
 *  Authorization), so any origin may call it. */
export function preflight(request: ApiRequest): Response | undefined {
  if (request.method !== "OPTIONS") return undefined;
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-methods": "GET, HEAD, POST, DELETE, OPTIONS",
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? ALLOW_HEADERS,
      "access-control-max-age": "86400",
    },
  });
}

/** The headers every response carries (errors and 304s included). */
export function finish(response: Response, request: ApiRequest): Response {
  // Every response is built by this Worker, so its headers are mutable.
  response.headers.set("access-control-allow-origin", "*");
  response.headers.set("access-control-expose-headers", EXPOSE_HEADERS);
  response.headers.set("x-request-id", request.requestId);
  return response;
}

// ---- rate limiting ----

/** Per-client limit through the Workers rate-limiting binding, keyed by the connecting IP.
 *  Off where the binding or the client IP is absent, or with RATE_LIMIT = "off" (benchmarks). */
export async function rateLimit(request: ApiRequest, env: Env): Promise<undefined> {
  const ip = request.headers.get("cf-connecting-ip");
  if (!env.RATE_LIMITER || env.RATE_LIMIT === "off" || ip === null) return undefined;
  if (new URL(request.url).pathname === "/v1/health") return undefined;
  const { success } = await env.RATE_LIMITER.limit({ key: ip });
  if (!success) {
    throw new ApiError("rate_limited", "too many requests from this client; retry in a minute", undefined, { "retry-after": "60" });
  }
  return undefined;
}

// ---- routing helpers ----

/** Registers a path's handlers by method, and a 405 (with Allow) for every other method.
 *  GET handlers also answer HEAD. */
export function resource(
  router: RouterType<ApiRequest, [Env, ExecutionContext]>,
  path: string,
  methods: { GET?: Handler; POST?: Handler; DELETE?: Handler },
): void {
  const allowed: string[] = [];
  if (methods.GET) {
    router.get(path, methods.GET);
    router.head(path, methods.GET);
    allowed.push("GET", "HEAD");
  }
  if (methods.POST) {
    router.post(path, methods.POST);
    allowed.push("POST");
  }
  if (methods.DELETE) {
    router.delete(path, methods.DELETE);
    allowed.push("DELETE");
  }
  allowed.push("OPTIONS");
  router.all(path, (request: ApiRequest) => {
    throw new ApiError("method_not_allowed", `${request.method} is not allowed on ${path}; allowed: ${allowed.join(", ")}`, undefined, {
      allow: allowed.join(", "),
    });
  });
}

export function notFound(request: ApiRequest): never {
  throw new ApiError("not_found", `no such endpoint: ${new URL(request.url).pathname}`);
}
