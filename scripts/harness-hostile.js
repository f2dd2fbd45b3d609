#!/usr/bin/env node
// The hostile corpus (issue 15): a deterministic set of requests (seeded; the same on every run)
// over every route: wrong methods, malformed percent-encoding, hostile query values, limits +-1,
// malformed and mistyped bodies, odd content types and encodings, gzip edge cases, random token
// streams, bad API keys and headers, and races on idempotency and quotas. Every answer must come
// (no hang), must not be a 5xx, and every 4xx must be the API's JSON error shape; the races must
// store exactly what they promise. Prints one verdict line with the figures.
import { parseOptions } from "./lib/options.js";
import { gzipSync } from "node:zlib";
import { gzipBomb, newKey, prng, send, throwawayServer, verdict } from "./harness/common.js";

const { values: o } = parseOptions("harness-hostile", {
  usage: `Usage: node scripts/harness-hostile.js [options]   (after npm run build)

Starts wrangler dev on loopback with an empty state (rate limit off: the corpus is one client)
and sends the hostile corpus: about 2,300 requests over every route, 8 at a time, then the
idempotency and quota races. Prints one verdict line: requests, statuses, 5xx, hangs, malformed
error bodies, race outcomes, time; with --verbose, every failure.`,
  options: {
    seed: { type: "int", default: 15, min: 0, value: "N", help: "seed of the random parts of the corpus" },
    short: { type: "boolean", help: "a quarter of the random cases (CI); every fixed case still runs" },
    timeout: {
      type: "number",
      default: 60,
      min: 1,
      value: "S",
      help: "seconds without an answer that count as a hang (the development machine is shared and slow)",
    },
    concurrency: { type: "int", default: 8, min: 1, max: 64, value: "N", help: "requests in flight" },
    port: { type: "int", default: 8793, min: 1, max: 65535, value: "P", help: "port for wrangler dev" },
    url: { type: "string", value: "URL", help: "use a running server instead (its rate limit must be off)" },
    verbose: { type: "boolean", help: "print every failing request" },
    only: {
      type: "string",
      value: "CATEGORY",
      help: "run one category (methods, path encoding, query values, limits, malformed bodies, content types, field types, token streams, gzip, keys, headers) and no races",
    },
  },
  examples: ["node scripts/harness-hostile.js", "node scripts/harness-hostile.js --short --seed 7"],
});

const rnd = prng(o.seed);
const scale = o.short ? 0.25 : 1;
const JSON_TYPE = { "content-type": "application/json" };

// ---- hostile values ----
const HOSTILE_JSON = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53, "", "x", "💥", "\u0000", "a".repeat(5000), [], [1, 2], {}, { a: 1 }];
const HOSTILE_QUERY = [
  "",
  "-1",
  "0",
  "1.5",
  "1e3",
  "0x10",
  "NaN",
  "Infinity",
  "99999999999999999999",
  "%00",
  "%ZZ",
  "%E0%A4%A",
  "%C0%80",
  "%F0%9F%92%A5",
  "true",
  "false",
  "null",
  "[]",
  "{}",
  "a%20b",
  "+",
  "%2B",
  "\u00e9",
  "x".repeat(300),
  "1;DROP TABLE accounts",
];
const BAD_SEGMENTS = ["%ZZ", "%", "%E0%A4%A", "%C0%80", "%FF", "%ED%A0%80", "%00", "..", "%2e%2e", "a%2Fb", "x".repeat(2000), "%F0%9F%92%A5", "🙂"];
const MALFORMED_BODIES = [
  "",
  "{",
  "}",
  "[]",
  "null",
  "1",
  '"x"',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  "\uFEFF{}",
  '{"a":"\\ud800"}',
  "[".repeat(10_000) + "]".repeat(10_000),
  '{"a":'.repeat(5000) + "1" + "}".repeat(5000),
  '{"a":1e999999}',
  '{"__proto__":{"x":1}}',
  '{"a":1,"a":2}',
  "\u0000",
  "true false",
];
const CONTENT_TYPES = [
  undefined,
  "text/plain",
  "application/json; charset=latin1",
  'application/json; charset="utf-16"',
  "application/JSON",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json;;;",
  "*/*",
  "application/json\u00e9",
];
const AUTHS = [
  undefined,
  "",
  "Bearer",
  "Bearer ",
  "Bearer x",
  "Basic dXNlcjpwYXNz",
  "bearer rl_live_00000000",
  "Bearer rl_" + "a".repeat(500),
  "Bearer \u00ff\u00fe",
  "Bearer %ZZ",
  "Token abc",
  "Bearer rl_live_x rl_live_y",
  "Bearer null",
  "Bearer 0",
  "Bearer ../../etc/passwd",
];

function randomBytes(n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rnd.int(256);
  return b;
}

/** "9x201 1x409": how many answers had each status (or error). */
function histogram(results) {
  const n = {};
  for (const r of results) n[r.status ?? r.error] = (n[r.status ?? r.error] ?? 0) + 1;
  return Object.entries(n)
    .map(([k, v]) => `${v}x${k}`)
    .join(" ");
}

/** Replaces the value at `path` (array of keys) in a deep copy of `obj`. */
function mutate(obj, path, value) {
  const copy = structuredClone(obj);
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  at[path[path.length - 1]] = value;
  return copy;
}

/** Every path to a leaf (and to each object/array) of a JSON value, at most `depth` deep. */
function paths(v, depth = 4, prefix = []) {
  if (depth === 0 || v === null || typeof v !== "object") return [];
  return Object.keys(v).flatMap((k) => [
    [...prefix, Array.isArray(v) ? Number(k) : k],
    ...paths(v[k], depth - 1, [...prefix, Array.isArray(v) ? Number(k) : k]),
  ]);
}

async function main() {
  const server = o.url ? undefined : await throwawayServer(o.port);
  const base = o.url ?? server.base;
  try {
    const t0 = performance.now();
    // ---- what valid requests look like ----
    const mazeRes = await send(base, { path: "/v1/mazes?generator=wilson&rows=10&cols=10&split=test&seed=42&index=3" });
    const maze = mazeRes.json;
    const mazeIn = { rows: 10, cols: 10, prompt: maze.prompt };
    const solved = (await send(base, { method: "POST", path: "/v1/solve", headers: JSON_TYPE, body: JSON.stringify({ maze: mazeIn }) })).json;
    const words = solved.response.split(/\s+/);
    const instances = (await send(base, { path: "/v1/benchmarks/maze10-v1/instances?limit=5" })).json.instances;
    // the limits below are probed for every generator the service itself lists
    const generatorNames = (await send(base, { path: "/v1/generators" })).json.generators.map((g) => g.name);
    const key = await newKey(base, "hostile");
    const auth = { authorization: `Bearer ${key}` };
    const submission = (n = 3, response = solved.response) => ({
      benchmark: "maze10-v1",
      model: { name: "hostile", condition: "other" },
      predictions: instances.slice(0, n).map((inst) => ({ id: inst.id, response })),
    });
    const templates = {
      "/v1/solve": { maze: mazeIn },
      "/v1/verify": { maze: { rows: 10, cols: 10, start: maze.start, goal: maze.goal, walls: maze.walls }, response: solved.response, strict: true },
      "/v1/verify/batch": { items: [{ id: "a", maze: mazeIn, response: solved.response }], strict: false },
      "/v1/accounts": { name: "n", contact: "c@example.org" },
      "/v1/predict": { generator: "wilson", rows: 10, cols: 10, index: 0, condition: "all", max_new_tokens: 4, time_budget_ms: 50 },
      "/v1/submissions": submission(),
    };
    const postHeaders = (path) => (path === "/v1/submissions" ? { ...JSON_TYPE, ...auth } : JSON_TYPE);

    // ---- the corpus: [category, request, extra check?] ----
    const cases = [];
    const add = (category, req, check) => cases.push({ category, req, check });
    const routes = [
      "/v1/health",
      "/v1/openapi.json",
      "/v1/generators",
      "/v1/mazes?generator=dfs&rows=4&cols=4",
      "/v1/solve",
      "/v1/verify",
      "/v1/verify/batch",
      "/v1/benchmarks",
      "/v1/benchmarks/maze10-v1",
      "/v1/benchmarks/maze10-v1/instances",
      "/v1/accounts",
      "/v1/accounts/me",
      "/v1/submissions",
      "/v1/submissions/sub_0",
      "/v1/leaderboard/maze10-v1",
      "/v1/models",
      "/v1/predict",
      "/nope",
      "/v1/",
    ];
    for (const path of routes) {
      for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        add("methods", { method, path, headers: JSON_TYPE, body: method === "POST" ? "{}" : undefined });
    }
    for (const seg of BAD_SEGMENTS) {
      for (const path of [`/v1/submissions/${seg}`, `/v1/benchmarks/${seg}`, `/v1/benchmarks/${seg}/instances`, `/v1/leaderboard/${seg}`, `/v1/${seg}`])
        add("path encoding", { path });
    }
    const mazeParams = ["generator", "rows", "cols", "seed", "split", "index", "coverage", "strict", "unknown"];
    for (const p of mazeParams) {
      for (const v of HOSTILE_QUERY)
        add("query values", { path: p === "generator" ? `/v1/mazes?rows=5&cols=5&generator=${v}` : `/v1/mazes?generator=wilson&rows=5&cols=5&${p}=${v}` });
    }
    for (const list of ["/v1/benchmarks/maze10-v1/instances", "/v1/leaderboard/maze10-v1", "/v1/submissions/sub_0"]) {
      for (const p of ["offset", "limit", "generator", "format", "x"]) for (const v of HOSTILE_QUERY) add("query values", { path: `${list}?${p}=${v}` });
    }
    add("query values", { path: "/v1/mazes?generator=wilson&generator=dfs" });
    add("query values", { path: `/v1/mazes?${"a=1&".repeat(2000)}` });
    add("query values", { path: `/v1/mazes?generator=wilson&${"%ZZ".repeat(100)}=1` });
    // Limits +-1: grid sizes, index against the cells bound, page sizes.
    for (const g of generatorNames) {
      for (const n of [1, 2, 64, 65]) add("limits", { path: `/v1/mazes?generator=${g}&rows=${n}&cols=${n === 1 || n === 65 ? 4 : n}` });
      for (const [n, last] of [
        [64, 511],
        [45, 1034],
        [30, 2329],
        [22, 4095],
      ]) {
        add("limits", { path: `/v1/mazes?generator=${g}&rows=${n}&cols=${n}&seed=7&index=${last}` }, (r) =>
          r.status === 200 ? undefined : `index ${last} of ${n}x${n}: ${r.status}`,
        );
        add("limits", { path: `/v1/mazes?generator=${g}&rows=${n}&cols=${n}&seed=7&index=${last + 1}` }, (r) =>
          r.status === 422 ? undefined : `index ${last + 1} of ${n}x${n}: ${r.status}, expected 422`,
        );
      }
    }
    for (const lim of [0, 1, 1000, 1001]) add("limits", { path: `/v1/benchmarks/maze10-v1/instances?limit=${lim}` });
    const atLimit = (bytes) =>
      JSON.stringify({ maze: mazeIn, response: "plan" + " ".repeat(Math.max(0, bytes - JSON.stringify({ maze: mazeIn, response: "plan" }).length)) });
    for (const n of [(1 << 20) - 1, 1 << 20, (1 << 20) + 1])
      add("limits", { method: "POST", path: "/v1/verify", headers: JSON_TYPE, body: atLimit(n) }, (r) =>
        (r.status === 413) === n > 1 << 20 ? undefined : `${n}-byte body: ${r.status}`,
      );
    for (const n of [256, 257]) {
      add(
        "limits",
        {
          method: "POST",
          path: "/v1/verify/batch",
          headers: JSON_TYPE,
          body: JSON.stringify({ items: Array.from({ length: n }, () => ({ maze: mazeIn, response: solved.response })) }),
        },
        (r) => ((r.status === 413) === n > 256 ? undefined : `${n} items: ${r.status}`),
      );
    }
    for (const [path, max] of /** @type {Array<[string, number]>} */ ([
      ["/v1/verify", 1 << 20],
      ["/v1/verify/batch", 8 << 20],
      ["/v1/submissions", 32 << 20],
      ["/v1/predict", 1 << 20],
    ])) {
      // A declared Content-Length over the limit with no body behind it: refused at once.
      add("limits", { method: "POST", path, headers: { ...postHeaders(path), "content-length": String(max + 1) }, timeoutMs: 5000 }, (r) =>
        r.status === 413 ? undefined : `declared ${max + 1} bytes: ${r.status ?? r.error}, expected 413 at once`,
      );
    }
    // Bodies: malformed, random bytes, content types, mistyped fields.
    for (const path of Object.keys(templates)) {
      for (const body of MALFORMED_BODIES) add("malformed bodies", { method: "POST", path, headers: postHeaders(path), body });
      for (let i = 0; i < Math.ceil(8 * scale); i++)
        add("malformed bodies", { method: "POST", path, headers: postHeaders(path), body: randomBytes(1 + rnd.int(2000)) });
      for (const type of CONTENT_TYPES) {
        const headers = { ...postHeaders(path) };
        if (type === undefined) delete headers["content-type"];
        else headers["content-type"] = type;
        add("content types", { method: "POST", path, headers, body: JSON.stringify(templates[path]) });
      }
      for (const p of paths(templates[path])) {
        for (const v of HOSTILE_JSON)
          add("field types", { method: "POST", path, headers: postHeaders(path), body: JSON.stringify(mutate(templates[path], p, v)) });
      }
      add("field types", { method: "POST", path, headers: postHeaders(path), body: JSON.stringify({ ...templates[path], extra: 1 }) });
    }
    // Random token streams: vocabulary words, shuffled, cut, repeated, and garbage words.
    const vocab = [...new Set(words)];
    for (let i = 0; i < Math.ceil(600 * scale); i++) {
      const n = rnd.int(400);
      const kind = rnd.int(4);
      const toks = Array.from({ length: n }, (_, j) =>
        kind === 0
          ? rnd.pick(vocab)
          : kind === 1
            ? words[(j + rnd.int(3)) % words.length]
            : kind === 2
              ? String(rnd.int(100) - 10)
              : rnd.pick([...vocab, "\u0000", "💥", "c-1", "plan", "reasoning", "end", ""]),
      );
      const response =
        rnd.int(5) === 0 ? toks.map((t) => (Number.isInteger(Number(t)) ? Number(t) : rnd.int(40))) : toks.join(rnd.pick([" ", "  ", "\n", "\t"]));
      add("token streams", {
        method: "POST",
        path: "/v1/verify",
        headers: JSON_TYPE,
        body: JSON.stringify({ maze: mazeIn, response, strict: rnd.int(2) === 0 }),
      });
    }
    for (let i = 0; i < Math.ceil(40 * scale); i++) {
      const items = Array.from({ length: 1 + rnd.int(20) }, (_, j) => ({
        id: j,
        maze: mazeIn,
        response: Array.from({ length: rnd.int(60) }, () => rnd.pick(vocab)).join(" "),
      }));
      add("token streams", { method: "POST", path: "/v1/verify/batch", headers: JSON_TYPE, body: JSON.stringify({ items }) });
    }
    // gzip edge cases on submissions.
    const gz = (s) => gzipSync(Buffer.from(s));
    const valid = JSON.stringify(submission(1, "garbage"));
    const gzHeaders = { ...JSON_TYPE, ...auth, "content-encoding": "gzip" };
    const inflatesTo = async (n) => (await gzipBomb(n)).subarray(0); // zeros: not JSON, but the size is what is tested
    // Zeros inflate ~1000:1 and are refused for that ratio after about a MiB; spaces with a random
    // digit every 16 bytes (~13:1, under the ratio bound) reach the decompressed limit itself.
    const ordinary = (n) => {
      const digits = prng(o.seed); // its own generator: the cases after this one stay as they were
      const b = Buffer.alloc(n, 32);
      for (let i = 0; i < n; i += 16) b[i] = 48 + digits.int(10);
      return gzipSync(b, { level: 1 });
    };
    for (const [name, body, headers] of [
      ["valid", gz(valid), gzHeaders],
      ["x-gzip", gz(valid), { ...gzHeaders, "content-encoding": "x-gzip" }],
      ["two members", Buffer.concat([gz(valid.slice(0, 10)), gz(valid.slice(10))]), gzHeaders],
      ["truncated", gz(valid).subarray(0, 20), gzHeaders],
      ["header only", gz(valid).subarray(0, 10), gzHeaders],
      ["not gzip", Buffer.from(valid), gzHeaders],
      ["empty", Buffer.alloc(0), gzHeaders],
      ["random", randomBytes(500), gzHeaders],
      ["gzip of garbage", gz("\u0000\u0001 not json"), gzHeaders],
      ["bomb 64 MiB", await inflatesTo(64 << 20), gzHeaders],
      ["exactly the limit", await inflatesTo(32 << 20), gzHeaders],
      ["limit + 1 MiB", await inflatesTo(33 << 20), gzHeaders],
      ["limit + 1 MiB at 13:1", ordinary(33 << 20), gzHeaders],
      ["deflate", gz(valid), { ...gzHeaders, "content-encoding": "deflate" }],
      ["br", gz(valid), { ...gzHeaders, "content-encoding": "br" }],
      ["gzip, gzip", gz(valid), { ...gzHeaders, "content-encoding": "gzip, gzip" }],
      ["gzip on verify", gz(JSON.stringify(templates["/v1/verify"])), { ...JSON_TYPE, "content-encoding": "gzip" }],
    ]) {
      add(
        "gzip",
        { method: "POST", path: name === "gzip on verify" ? "/v1/verify" : "/v1/submissions", headers, body },
        name === "limit + 1 MiB" || name === "bomb 64 MiB"
          ? (r) =>
              r.json?.error?.code === "compression_ratio_exceeded"
                ? undefined
                : `${name}: ${r.status} ${r.json?.error?.code}, expected 413 compression_ratio_exceeded`
          : name === "limit + 1 MiB at 13:1"
            ? (r) => (r.json?.error?.code === "payload_too_large" ? undefined : `${name}: ${r.status} ${r.json?.error?.code}, expected 413 payload_too_large`)
            : undefined,
      );
    }
    // Keys and headers.
    for (const a of AUTHS) {
      const headers = a === undefined ? {} : { authorization: a };
      add("keys", { path: "/v1/accounts/me", headers });
      add("keys", { method: "DELETE", path: "/v1/accounts/me", headers }, (r) =>
        r.status === 401 ? undefined : `DELETE with ${JSON.stringify(a)}: ${r.status}`,
      );
      add("keys", { method: "POST", path: "/v1/submissions", headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(submission()) }, (r) =>
        r.status === 401 ? undefined : `submission with ${JSON.stringify(a)}: ${r.status}`,
      );
    }
    for (const v of ["", " ", "x".repeat(300), "a b", "\u00e9", "../x", "%ZZ", "<script>"]) {
      add("headers", { path: "/v1/health", headers: { "x-request-id": v } });
      add("headers", { path: "/v1/mazes?generator=dfs&rows=4&cols=4", headers: { "if-none-match": v } });
      add("headers", { method: "POST", path: "/v1/predict", headers: { ...JSON_TYPE, accept: v }, body: "{}" });
      add("headers", { method: "POST", path: "/v1/submissions", headers: { ...JSON_TYPE, ...auth, "idempotency-key": v }, body: "{}" });
      add("headers", { method: "POST", path: "/v1/verify", headers: { ...JSON_TYPE, "content-encoding": v }, body: "{}" });
    }

    if (o.only) cases.splice(0, cases.length, ...cases.filter((c) => c.category === o.only));

    // ---- run it ----
    const tally = { requests: 0, statuses: {}, fivexx: 0, hangs: 0, dropped: 0, badErrorBody: 0, checks: 0, unsendable: 0, proxy5xx: 0 };
    const failures = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const r = await send(base, { timeoutMs: o.timeout * 1000, ...c.req });
        if (r.unsendable) {
          tally.unsendable++;
          continue;
        } // a header Node itself will not send
        tally.requests++;
        const problem = judge(r, c);
        if (r.status !== undefined) tally.statuses[r.status] = (tally.statuses[r.status] ?? 0) + 1;
        if (problem) failures.push(`${c.category}: ${c.req.method ?? "GET"} ${c.req.path.slice(0, 100)} -> ${problem}`);
      }
    };
    const judge = (r, c) => {
      if (r.error === "hang") {
        tally.hangs++;
        return "no answer";
      }
      if (r.error) {
        tally.dropped++;
        return `connection ${r.error} without an answer`;
      }
      if (r.status >= 500 && !r.headers["x-request-id"]) {
        tally.proxy5xx++;
        return undefined;
      } // wrangler dev's proxy, not the Worker
      if (r.status >= 500) {
        tally.fivexx++;
        return `${r.status} ${r.text.slice(0, 200)}`;
      }
      if (r.status >= 400 && c.req.method !== "HEAD" && !(typeof r.json?.error?.code === "string" && typeof r.json.error.message === "string")) {
        tally.badErrorBody++;
        return `${r.status} without the JSON error shape: ${r.text.slice(0, 100)}`;
      }
      if (c.check) {
        tally.checks++;
        return c.check(r);
      }
      return undefined;
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));

    // ---- races ----
    const races = [];
    let proxyRetries = 0;
    if (!o.only) await runRaces();
    async function runRaces() {
      const raceKey = await newKey(base, "race");
      // An answer without X-Request-Id is wrangler dev's proxy, not the Worker (docs/reliability.md): it
      // is retried once with the same Idempotency-Key, as a client would, and counted.
      const sub = async (k, idem, body) => {
        const req = {
          method: "POST",
          path: "/v1/submissions",
          headers: { ...JSON_TYPE, authorization: `Bearer ${k}`, "idempotency-key": idem },
          body: JSON.stringify(body),
        };
        const r = await send(base, req);
        if (r.status < 500 || r.headers?.["x-request-id"]) return r;
        proxyRetries++;
        tally.proxy5xx++;
        return send(base, req);
      };
      const same = await Promise.all(Array.from({ length: 10 }, () => sub(raceKey, "same-key", submission(2))));
      const ids = new Set(same.filter((r) => r.status === 201).map((r) => r.json.id));
      const replayed = same.filter((r) => r.headers?.["idempotent-replayed"] === "true").length;
      races.push([
        "10 concurrent retries, one key and body",
        same.every((r) => r.status === 201) && ids.size === 1,
        `${histogram(same)}, ${ids.size} id, ${replayed} replayed`,
      ]);
      const diff = await Promise.all(Array.from({ length: 6 }, (_, i) => sub(raceKey, "other-key", submission(1, `plan ${i}`))));
      const won = diff.filter((r) => r.status === 201).length,
        conflicts = diff.filter((r) => r.status === 409).length;
      races.push(["6 concurrent bodies under one key", won === 1 && conflicts === 5, histogram(diff)]);
      const quotaKey = await newKey(base, "quota");
      const quota = await Promise.all(Array.from({ length: 26 }, (_, i) => sub(quotaKey, `q${i}`, submission(1, `plan ${i}`))));
      const ok = quota.filter((r) => r.status === 201).length,
        refused = quota.filter((r) => r.status === 429).length;
      races.push(["26 concurrent submissions against a quota of 20", ok === 20 && refused === 6, histogram(quota)]);
      for (const r of [...same, ...diff, ...quota]) {
        tally.requests++;
        tally.statuses[r.status] = (tally.statuses[r.status] ?? 0) + 1;
        if (r.status >= 500) tally[r.headers?.["x-request-id"] ? "fivexx" : "proxy5xx"]++;
      }
    }
    for (const [name, good, figures] of races) if (!good) failures.push(`race: ${name}: ${figures}`);

    if (o.verbose || failures.length <= 10) for (const f of failures) console.log(`  ${f}`);
    const statuses = Object.entries(tally.statuses)
      .map(([s, n]) => `${s}:${n}`)
      .join(" ");
    verdict(
      "hostile corpus",
      failures.length === 0,
      `${tally.requests} requests (seed ${o.seed}${o.short ? ", short" : ""}) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${tally.fivexx} 5xx from the Worker (${tally.proxy5xx} from wrangler dev's proxy), ${tally.hangs} hangs, ${tally.dropped} dropped, ${tally.badErrorBody} malformed error bodies, ` +
        `${tally.checks} exact checks, ${failures.length} failures, ${tally.unsendable} not sendable by Node; races: ${races.map(([, , f]) => f).join("; ")} ` +
        `(${proxyRetries} proxy 503s retried with the same key); statuses ${statuses}`,
    );
  } finally {
    server?.stop();
  }
}

await main();
