// Reading a JSON request body: 415 unless it is application/json (or, where a route allows it,
// curl's default type for `-d`), 413 past the byte limit
// (checked on Content-Length and again while streaming, since the header may be absent or lie),
// 400 for bytes that are not UTF-8 JSON.
import { Gunzip } from "fflate";
import { ApiError } from "./errors";
import { LIMITS } from "./limits";

export interface ReadJsonOptions {
  /** Also take a JSON body sent without a Content-Type or as curl's default for `-d`
   *  (application/x-www-form-urlencoded), so that `curl -d '{...}'` works (POST /v1/predict). */
  curlFriendly?: boolean;
  /** Decompress a `Content-Encoding: gzip` body as it streams in; `maxBytes` bounds both the
   *  bytes on the wire and the decompressed bytes, and the decompressed bytes may not outgrow
   *  the wire bytes by more than LIMITS.maxGzipRatio (so a gzip bomb stops after about a MiB). */
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
    throw new ApiError(
      "unsupported_media_type",
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported${opts.gzip ? "; send identity or gzip" : ""}`,
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    // Cancelling marks the body used, so the answer leaves at once: wrangler dev otherwise
    // reads an unread body to its end first (its body-draining middleware), and a client that
    // declares 100 MB and waits got no answer at all (issue 15).
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (!gzip || !request.body) return { bytes: await readCapped(request.body, maxBytes), encoded: false };

  return { bytes: await inflateCapped(request.body, maxBytes), encoded: true };
}

/** Wire bytes are fed to the inflater in slices of this size: deflate expands at most ~1032:1,
 *  so one slice makes at most ~66 KiB before the limit is checked again, and every output chunk
 *  stays small enough for V8's young generation (large objects wait for a full GC; 1 KiB
 *  slices, ~1 MiB chunks, raised a bomb's memory by 95 MiB instead of ~40). */
const INFLATE_SLICE = 64;
/** Decompressed bytes between two yields to the event loop, so that other requests are served
 *  while a large body inflates (a few ms of work on the development machine). */
const INFLATE_YIELD_BYTES = 256 << 10;

/**
 * Inflates a gzip body as it streams in, stopping at `maxBytes` of wire or of output, or as
 * soon as the output outgrows the wire bytes fed so far by more than LIMITS.maxGzipRatio.
 * The platform's DecompressionStream cannot do this: workerd inflates each written chunk in
 * full, whatever the reader has consumed, so a bomb went on inflating gigabytes behind the 413
 * (issue 15). fflate inflates synchronously, slice by slice, and stops the moment the output
 * passes a bound; what was inflated so far is dropped with the request. The ratio bound is what
 * keeps a bomb cheap: stopping only at `maxBytes` still inflated 32 MiB of each bomb (workerd's
 * memory rose by ~107 MiB), where a body inflating ~1000:1 now stops after about a MiB
 * (LIMITS.gzipRatioFreeBytes). Members are
 * concatenated as gzip allows; the trailer's CRC-32 is not verified (the JSON parse that follows
 * rejects garbage, and the submission's hash is of the inflated bytes).
 */
async function inflateCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  // The output goes into one buffer that doubles as needed (off the JS heap, freed as soon as
  // it is dropped), rather than a list of chunks the garbage collector has to move.
  let out = new Uint8Array(64 << 10);
  let total = 0,
    sinceYield = 0;
  let over = false,
    fed = 0;
  const inflater = new Gunzip((chunk) => {
    sinceYield += chunk.byteLength;
    if (over || total + chunk.byteLength > maxBytes) {
      over = true;
      return;
    }
    if (total + chunk.byteLength > out.byteLength) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(out.byteLength * 2, total + chunk.byteLength)));
      grown.set(out.subarray(0, total));
      out = grown;
    }
    out.set(chunk, total);
    total += chunk.byteLength;
  });
  const push = (bytes: Uint8Array, final: boolean): void => {
    fed += bytes.byteLength;
    try {
      inflater.push(bytes, final);
    } catch {
      throw badGzip();
    }
    if (over) throw tooLarge(maxBytes, "decompressed ");
    if (total > LIMITS.maxGzipRatio * fed + LIMITS.gzipRatioFreeBytes) {
      throw new ApiError(
        "compression_ratio_exceeded",
        `the gzip body inflates to more than ${LIMITS.maxGzipRatio} times its size on the wire (${total} bytes from its first ${fed}); ` +
          `send it uncompressed: the limit is ${maxBytes} bytes either way`,
      );
    }
  };
  const reader = body.getReader();
  let wire = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      wire += value.byteLength;
      if (wire > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      for (let at = 0; at < value.byteLength; at += INFLATE_SLICE) {
        push(value.subarray(at, at + INFLATE_SLICE), false);
        if (sinceYield >= INFLATE_YIELD_BYTES) {
          sinceYield = 0;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
    }
    push(new Uint8Array(0), true);
  } catch (err) {
    // Refused for what it inflates to (or for not being gzip), within the wire limit: the rest
    // of the body is read and dropped before the answer goes out (see discardRest).
    if (wire <= maxBytes) await discardRest(body, reader, wire, maxBytes);
    throw err;
  }
  if (wire === 0) throw badGzip();
  return out.subarray(0, total);
}

/** A refused body's rest is read into one buffer of this size, at least a quarter of it a read. */
const DISCARD_VIEW = 1 << 20;

/**
 * Reads what is left of a body refused before its end, and drops it, stopping (cancelling) only
 * past the wire limit. Cancelling a body that is still arriving leaves unread bytes on the
 * socket, and closing a socket with unread bytes makes the kernel send a TCP reset, which can
 * overtake the answer: CI saw ECONNRESET instead of a bomb's 413. Nothing is kept or inflated.
 * A byte stream (a request body in workerd) is read with a BYOB reader, at least 256 KiB a read:
 * its default reader hands out 4 KiB chunks, ~8,000 reads and ~0.9 s of the isolate for a 32 MiB
 * bomb under wrangler dev, where ~80 reads take ~0.1 s.
 */
async function discardRest(body: ReadableStream<Uint8Array>, reader: ReadableStreamDefaultReader<Uint8Array>, wire: number, maxBytes: number): Promise<void> {
  try {
    reader.releaseLock();
    let byob: ReadableStreamBYOBReader | undefined;
    try {
      byob = body.getReader({ mode: "byob" });
    } catch {
      // not a byte stream: its default reader
    }
    const rest = byob ?? body.getReader();
    let buffer = new ArrayBuffer(DISCARD_VIEW);
    for (;;) {
      // never more than one byte past the limit, so that the cancel comes where it is passed
      const view = new Uint8Array(buffer, 0, Math.min(DISCARD_VIEW, maxBytes - wire + 1));
      const { done, value } = byob
        ? await byob.readAtLeast(Math.min(view.byteLength, DISCARD_VIEW / 4), view)
        : await (rest as ReadableStreamDefaultReader<Uint8Array>).read();
      if (done || !value) return;
      wire += value.byteLength;
      if (byob) buffer = value.buffer as ArrayBuffer; // the read took (transferred) the last one
      if (wire > maxBytes) {
        await rest.cancel();
        return;
      }
    }
  } catch {
    // the client went away: nothing left to read
  }
}

function badGzip(): ApiError {
  return new ApiError("invalid_encoding", "the body is not valid gzip (Content-Encoding: gzip)");
}

function checkJsonType(request: Request, curlFriendly: boolean): void {
  const type = request.headers.get("content-type");
  const [media, ...params] = (type ?? "").split(";").map((s) => s.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  const accepted = media === "application/json" || (curlFriendly && (type === null || media === "application/x-www-form-urlencoded"));
  if (!accepted || (charset !== undefined && charset !== "utf-8")) {
    throw new ApiError("unsupported_media_type", `the body must be application/json (UTF-8), got ${type === null ? "no Content-Type" : JSON.stringify(type)}`);
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
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
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
