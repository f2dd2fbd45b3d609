// The HTTP side of the leaderboard commands (submit, benchmark, account): the API's base URL,
// requests with one-line errors built from the API's {"error": {code, message, field}} shape.
import type { Readable, Writable } from "node:stream";
import { UsageError } from "./args";

export const DEFAULT_URL = "http://127.0.0.1:8787";

export interface ClientIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** A failure worth one line and exit code 1 (network, HTTP, integrity); `code` is the API's error
 *  code when the server sent one. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ClientError";
  }
}

export function baseUrl(flag: unknown, env: ClientIo["env"]): string {
  const url = (typeof flag === "string" ? flag : undefined) ?? env.REASONLESS_URL ?? DEFAULT_URL;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  }
  return url.replace(/\/+$/, "");
}

/** fetch with network errors and API errors as one-line ClientErrors. */
export async function request(io: ClientIo, url: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await (io.fetch ?? fetch)(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new ClientError(`cannot reach ${new URL(url).origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  if (res.ok) return res;
  const text = await res.text().catch(() => "");
  let detail = text.slice(0, 200).replace(/\s+/g, " ");
  let code: string | undefined;
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } }).error;
    if (e?.code) detail = `${e.code}${e.field ? ` at ${e.field}` : ""}: ${e.message ?? ""}`;
    code = e?.code;
  } catch {
    /* not JSON: the text as is */
  }
  const retry = res.headers.get("retry-after");
  throw new ClientError(`HTTP ${res.status} from ${init.method ?? "GET"} ${new URL(url).pathname}: ${detail}${retry ? ` (retry after ${retry} s)` : ""}`, code);
}

export async function getJson<T>(io: ClientIo, url: string): Promise<T> {
  const res = await request(io, url, { headers: { accept: "application/json" } });
  return (await res.json()) as T;
}

export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
}

export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
