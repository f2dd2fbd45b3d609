// Reading a JSON request body: 415 unless it is application/json (or, where a route allows it,
// curl's default type for `-d`), 413 past the byte limit
// (checked on Content-Length and again while streaming, since the header may be absent or lie),
// 400 for bytes that are not UTF-8 JSON.
import { ApiError } from "./errors";

export interface ReadJsonOptions {
  /** Also take a JSON body sent without a Content-Type or as curl's default for `-d`
   *  (application/x-www-form-urlencoded), so that `curl -d '{...}'` works (POST /v1/predict). */
  curlFriendly?: boolean;
}

export async function readJson(request: Request, maxBytes: number, opts: ReadJsonOptions = {}): Promise<unknown> {
  const type = request.headers.get("content-type");
  const [media, ...params] = (type ?? "").split(";").map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice(8).replace(/"/g, "");
  const accepted = media === "application/json" || (opts.curlFriendly === true && (type === null || media === "application/x-www-form-urlencoded"));
  if (!accepted || (charset !== undefined && charset !== "utf-8")) {
    throw new ApiError("unsupported_media_type",
      `the body must be application/json (UTF-8), got ${type === null ? "no Content-Type" : JSON.stringify(type)}`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const bytes = await readCapped(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "the body is not valid UTF-8");
  }
  if (text.trim() === "") throw new ApiError("invalid_json", "the body is empty; expected a JSON object");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("invalid_json", `the body is not valid JSON: ${(err as Error).message}`);
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `the body exceeds ${maxBytes} bytes`);
}
