// One error type and one JSON error shape for the whole API:
//   {"error": {"code": "...", "message": "...", "field": "maze.walls[3]"}}
// Routes throw ApiError; the router's catch turns it (and anything else) into that shape.
import { EngineInputError } from "../core";

/** Every error code the API sends, with its status. */
export const ERROR_CODES = {
  invalid_json: 400, // the body is not JSON (or not UTF-8)
  invalid_type: 400, // a value of the wrong JSON type (or a non-integer)
  missing_field: 400, // a required field or query parameter is absent
  unknown_field: 400, // a field or query parameter the endpoint does not take
  invalid_encoding: 400, // a gzip body that does not decompress, or malformed percent-encoding in the URL
  unauthorized: 401, // no API key, a malformed one or an unknown one
  key_revoked: 401, // the API key was revoked by its owner
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409, // an Idempotency-Key reused with a different request body
  payload_too_large: 413, // body bytes, response tokens or batch items over a limit
  compression_ratio_exceeded: 413, // a gzip body inflating over LIMITS.maxGzipRatio times its size (a bomb): send it uncompressed
  unsupported_media_type: 415, // a body that is not application/json, or an unknown Content-Encoding
  invalid_value: 422, // well-typed but out of range or inconsistent
  rate_limited: 429, // over a per-client request or account-creation limit
  quota_exceeded: 429, // over the API key's daily submission quota
  internal_error: 500, // a bug; never caused by input
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_CODES[code];
  }
}

const MAX_MESSAGE = 300;

export function errorBody(code: ErrorCode, message: string, field?: string) {
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}...`;
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** Any thrown value as the API's error response. Engine input errors are 422 (the request was
 *  well-formed but the engine refused its values); anything unknown is a 500 and is logged. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) return json(errorBody(err.code, err.message, err.field), err.status, err.headers);
  if (err instanceof EngineInputError) {
    return json(errorBody("invalid_value", err.message, err.field), ERROR_CODES.invalid_value);
  }
  console.error("unhandled error", err);
  return json(errorBody("internal_error", "internal error"), ERROR_CODES.internal_error);
}
