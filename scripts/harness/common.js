// Shared by the reliability harness (scripts/harness-*.js): a throwaway server, gzip bombs built
// without compressing gigabytes, the server's memory, accounts, and the one-line verdict.
import { execFileSync } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, createDeflateRaw } from "node:zlib";
import { startWranglerDev, stopServer, waitForHealth } from "../lib/server.js";

/** A wrangler dev on loopback with its own empty state (removed by stop()). `rateLimit: true`
 *  keeps the per-client limits on (the hostile corpus checks them).
 *  @param {number} port
 *  @param {{ rateLimit?: boolean, persistTo?: string }} [options] */
export async function throwawayServer(port, { rateLimit = false, persistTo } = {}) {
  const state = persistTo ?? mkdtempSync(join(tmpdir(), "reasonless-harness-"));
  const start = () => startWranglerDev({ port, persistTo: state, migrate: true, extraArgs: rateLimit ? ["--var", "RATE_LIMIT:on"] : [] });
  const base = `http://127.0.0.1:${port}`;
  let server = start();
  await waitForHealth(base, server);
  return {
    base,
    state,
    get pid() {
      return server.pid;
    },
    /** kill -9 the whole process group (wrangler and workerd), as a crash would. */
    crash() {
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    },
    async restart() {
      server = start();
      await waitForHealth(base, server);
    },
    stop({ keepState = false } = {}) {
      stopServer(server);
      if (!keepState && !persistTo) rmSync(state, { recursive: true, force: true });
    },
  };
}

/** Resident memory (bytes) of the workerd processes in the server's process group (Linux):
 *  `worker`, the one that runs the Worker, and `proxy`, the one wrangler dev puts in front of it
 *  (it listens on the port clients use). */
export function serverRss(pgid, port) {
  const out = execFileSync("ps", ["-eo", "pgid=,rss=,args="], { encoding: "utf8" });
  const rss = { worker: 0, proxy: 0 };
  for (const line of out.split("\n")) {
    const [g, kb, cmd, ...args] = line.trim().split(/\s+/);
    if (Number(g) !== pgid || !cmd?.endsWith("/workerd")) continue;
    rss[args.some((a) => a === `--socket-addr=entry=127.0.0.1:${port}`) ? "proxy" : "worker"] += Number(kb) * 1024;
  }
  return rss;
}

/** A gzip member whose body inflates to `inflated` bytes of zeros, about inflated / 1030 bytes
 *  long. One MiB of zeros deflated with a full flush ends byte-aligned with a reset dictionary,
 *  so its bytes can simply be repeated; the trailer's CRC is wrong on purpose (the server must
 *  stop long before it). */
export async function gzipBomb(inflated) {
  const MiB = 1 << 20;
  const block = await new Promise((resolve, reject) => {
    const d = createDeflateRaw({ level: 9 });
    const parts = [];
    d.on("data", (c) => parts.push(c));
    d.on("error", reject);
    d.write(Buffer.alloc(MiB), () => d.flush(constants.Z_FULL_FLUSH, () => resolve(Buffer.concat(parts))));
  });
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const finalBlock = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE((inflated % 2 ** 32) >>> 0, 4);
  const n = Math.max(1, Math.round(inflated / MiB));
  return Buffer.concat([header, ...Array(n).fill(block), finalBlock, trailer]);
}

/** A new account's API key (POST /v1/accounts). */
export async function newKey(base, name = "harness", headers = {}) {
  const res = await fetch(`${base}/v1/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/accounts: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).api_key;
}

/** Prints the one-line verdict (PASS/FAIL name: figures) and sets the exit status. */
export function verdict(name, ok, figures) {
  console.log(`${ok ? "PASS" : "FAIL"} ${name}: ${figures}`);
  process.exitCode = ok ? 0 : 1;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One HTTP request with node:http, which (unlike fetch) keeps the answer when the server
 * answers early and closes while the body is still being sent (a 413 for a declared length).
 * Resolves { status, headers, text, json, ms } or { error, ms }; `hang` when no answer came
 * within timeoutMs. `path` is sent as is, so malformed percent-encoding reaches the server.
 * @param {string} base
 * @param {{ method?: string, path: string, headers?: Record<string, string>, body?: string | Uint8Array, timeoutMs?: number }} options
 */
export function send(base, { method = "GET", path, headers = {}, body, timeoutMs = 15_000 }) {
  const url = new URL(base);
  const t0 = performance.now();
  return new Promise((resolve) => {
    let done = false,
      timer;
    const finish = (r) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve({ ...r, ms: performance.now() - t0 });
      }
    };
    const payload = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
    // Characters Node refuses in a request line are percent-encoded; % sequences stay as given.
    const wire = path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    let req;
    try {
      req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path: wire,
          agent: false,
          headers: { ...(payload && !hasHeader(headers, "content-length") ? { "content-length": payload.length } : {}), ...headers },
        },
        onResponse,
      );
    } catch (e) {
      return finish({ error: `client refused to send: ${e.code ?? e.message}`, unsendable: true });
    }
    function onResponse(res) {
      const parts = [];
      res.on("data", (c) => parts.push(c));
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        finish({ status: res.statusCode, headers: res.headers, text, json });
        req.destroy(); // an early answer leaves the upload unfinished: close it now, not at exit
      });
      res.on("error", (e) => finish({ error: /** @type {NodeJS.ErrnoException} */ (e).code ?? e.message }));
    }
    timer = setTimeout(() => {
      req.destroy();
      finish({ error: "hang" });
    }, timeoutMs);
    // Writing after an early answer fails with EPIPE/ECONNRESET: the answer is what counts.
    req.on("error", (e) => setTimeout(() => finish({ error: /** @type {NodeJS.ErrnoException} */ (e).code ?? e.message }), 500));
    if (payload) req.write(payload);
    req.end();
  });
}

const hasHeader = (headers, name) => Object.keys(headers).some((k) => k.toLowerCase() === name);

/** A small deterministic PRNG (mulberry32), so a corpus is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}
