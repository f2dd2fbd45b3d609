// Reading a JSON request body: 415 unless it is application/json (or, where a route allows it,
// curl's default type for `-d`), 413 past the byte limit
// (checked on Content-Length and again while streaming, since the header may be absent or lie),
// 400 for bytes that are not UTF-8 JSON.
import { ApiError } from "./errors";

export interface ReadJsonOptions {
  /** Also take a JSON body sent without a Content-Type or as curl's default for `-d`
   *  (application/x-www-form-urlencoded), so that `curl -d '{...}'` works (POST /v1/predict). */
  curlFriendly?: boolean;
  /** Decompress a `Content-Encoding: gzip` body as it streams in; `maxBytes` bounds both the
   *  bytes on the wire and the decompressed bytes (so a gzip bomb stops at the limit). */
  gzip?: boolean;
}

export async function readJson(request: Request, maxBytes: number, opts: ReadJsonOptions = {}): Promise<unknown> {
  return parseJson((await readJsonBytes(request, maxBytes, opts)).bytes);
}

/** The raw (decoded) bytes of a JSON body, for routes that also hash them. */
export async function readJsonBytes(request: Request, maxBytes: number, opts: ReadJsonOptions = {}): Promise<{ bytes: Uint8Array; encoded: boolean }> {
  checkJsonType(request, opts.curlFriendly === true);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const gzip = encoding === "gzip" || encoding === "x-gzip";
  if (!(encoding === "identity" || encoding === "" || (opts.gzip && gzip))) {
    throw new ApiError("unsupported_media_type",
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported${opts.gzip ? "; send identity or gzip" : ""}`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!gzip || !request.body) return { bytes: await readCapped(request.body, maxBytes), encoded: false };

  // Wire bytes are counted as they are fed to the decompressor, decompressed bytes as they are
  // read out; either over the limit stops both sides. Every promise is handled, so a broken
  // stream never surfaces as an unhandled rejection.
  const inflate = new DecompressionStream("gzip");
  const writer = inflate.writable.getWriter();
  const source = request.body.getReader();
  let wireError: ApiError | undefined;
  const pump = (async () => {
    let wire = 0;
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      wire += value.byteLength;
      if (wire > maxBytes) throw (wireError = tooLarge(maxBytes));
      await writer.write(value);
    }
    await writer.close();
  })().catch((err: unknown) => {
    source.cancel().catch(() => undefined);
    writer.abort(err).catch(() => undefined);
  });
  try {
    const bytes = await readCapped(inflate.readable as ReadableStream<Uint8Array>, maxBytes, "decompressed ");
    await pump;
    return { bytes, encoded: true };
  } catch (err) {
    source.cancel().catch(() => undefined);
    await pump;
    if (wireError) throw wireError;
    if (err instanceof ApiError) throw err;
    throw badGzip();
  }
}

function badGzip(): ApiError {
  return new ApiError("invalid_encoding", "the body is not valid gzip (Content-Encoding: gzip)");
}

function checkJsonType(request: Request, curlFriendly: boolean): void {
  const type = request.headers.get("content-type");
  const [media, ...params] = (type ?? "").split(";").map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice(8).replace(/"/g, "");
  const accepted = media === "application/json" || (curlFriendly && (type === null || media === "application/x-www-form-urlencoded"));
  if (!accepted || (charset !== undefined && charset !== "utf-8")) {
    throw new ApiError("unsupported_media_type",
      `the body must be application/json (UTF-8), got ${type === null ? "no Content-Type" : JSON.stringify(type)}`);
  }
}

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
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

async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, what = ""): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, what);
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

function tooLarge(maxBytes: number, what = ""): ApiError {
  return new ApiError("payload_too_large", `the ${what}body exceeds ${maxBytes} bytes`);
}
