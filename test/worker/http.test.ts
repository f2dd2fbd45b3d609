// Cross-cutting behaviour: routing, errors, request ids, CORS, body handling, rate limiting.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, conforms, expectError, get, openapiDoc, post } from "./helpers";

describe("routing", () => {
  it("answers unknown paths with a JSON 404", async () => {
    // `/` is the web page (src/routes/page.ts); any other path that is not one of its files is a 404
    for (const path of ["/v1", "/v2/health", "/v1/mazes/3", "/v1/healthz", "/favicon.ico", "/nope.html"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const cases: Array<[string, string, string]> = [
      ["/v1/health", "POST", "GET, HEAD, OPTIONS"],
      ["/v1/mazes", "DELETE", "GET, HEAD, OPTIONS"],
      ["/v1/solve", "GET", "POST, OPTIONS"],
      ["/v1/verify", "PUT", "POST, OPTIONS"],
      ["/v1/verify/batch", "PATCH", "POST, OPTIONS"],
    ];
    for (const [path, method, allow] of cases) {
      const res = await SELF.fetch(`${BASE}${path}`, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      await expectError(res, 405, "method_not_allowed", path, path === "/v1/health" || path === "/v1/mazes" ? "GET" : "POST");
      expect(res.headers.get("allow")).toBe(allow);
    }
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await SELF.fetch(`${BASE}/v1/health`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});

describe("request ids", () => {
  it("gives every response one, errors included", async () => {
    const a = await get("/v1/health");
    const b = await get("/nope");
    const ida = a.headers.get("x-request-id"),
      idb = b.headers.get("x-request-id");
    expect(ida).toMatch(/^[0-9a-f-]{36}$/);
    expect(idb).toMatch(/^[0-9a-f-]{36}$/);
    expect(ida).not.toBe(idb);
  });

  it("echoes a sane client id and replaces an odd one", async () => {
    expect((await get("/v1/health", { "x-request-id": "trace-42.a_b" })).headers.get("x-request-id")).toBe("trace-42.a_b");
    const odd = await get("/v1/health", { "x-request-id": "<script>" + "x".repeat(200) });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("CORS", () => {
  it("answers a preflight for any route", async () => {
    const res = await SELF.fetch(`${BASE}/v1/verify`, {
      method: "OPTIONS",
      headers: { origin: "https://example.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("marks every response readable by browsers and exposes the API's headers", async () => {
    for (const res of [await get("/v1/health", { origin: "https://example.org" }), await post("/v1/verify", "{")]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
      expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    }
  });
});

describe("bodies", () => {
  it("refuses a body that is not application/json with 415", async () => {
    for (const type of [undefined, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/jsonx"]) {
      const res = await SELF.fetch(`${BASE}/v1/solve`, { method: "POST", headers: type ? { "content-type": type } : {}, body: "{}" });
      await expectError(res, 415, "unsupported_media_type", "/v1/solve");
    }
  });

  it("accepts a charset parameter", async () => {
    const res = await post(
      "/v1/solve",
      { maze: { rows: 2, cols: 2, start: [0, 0], goal: [1, 1], walls: [] } },
      { "content-type": "application/json; charset=UTF-8" },
    );
    expect(res.status).toBe(200);
  });

  it("refuses bodies over the limit with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ maze: { rows: 2, cols: 2, start: [0, 0], goal: [1, 1], walls: [] }, pad: "x".repeat(2 << 20) });
    await expectError(await post("/v1/solve", big), 413, "payload_too_large", "/v1/solve");
    let sent = 0;
    const chunks = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 17) c.enqueue(new TextEncoder().encode(" ".repeat(64 << 10)));
        else c.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    await expectError(res, 413, "payload_too_large", "/v1/verify");
  });

  it("refuses what is not JSON with 400", async () => {
    for (const body of ["", "   ", "{", '{"maze": }', "nul", "[1,2", "\u00ff\u00fe", "{'a': 1}"]) {
      await expectError(await post("/v1/verify", body), 400, "invalid_json", "/v1/verify");
    }
    const latin1 = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]);
    const res = await SELF.fetch(`${BASE}/v1/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: latin1 });
    await expectError(res, 400, "invalid_json", "/v1/verify");
  });

  it("refuses JSON that is not an object with 400", async () => {
    for (const body of ["[]", "1", '"maze"', "null", "true"]) {
      await expectError(await post("/v1/solve", body), 400, "invalid_type", "/v1/solve");
    }
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a client is over its limit", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.7" };
    let limited: Response | undefined;
    for (let i = 0; i < 100 && !limited; i++) {
      const res = await get("/v1/generators", headers);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(limited, "limited within 100 requests (the tests' limit is 20 a minute)").toBeDefined();
    expect(limited!.headers.get("retry-after")).toBe("60");
    await expectError(limited!, 429, "rate_limited", "/v1/generators", "GET");
    // Another client is not affected, and health is never limited.
    expect((await get("/v1/generators", { "cf-connecting-ip": "203.0.113.8" })).status).toBe(200);
    expect((await get("/v1/health", headers)).status).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("is a 3.1 document whose every $ref resolves", async () => {
    const res = await get("/v1/openapi.json");
    const doc = await conforms<Record<string, any>>(res, "/v1/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/v1/accounts",
      "/v1/accounts/me",
      "/v1/benchmarks",
      "/v1/benchmarks/{id}",
      "/v1/benchmarks/{id}/instances",
      "/v1/generators",
      "/v1/health",
      "/v1/leaderboard/{benchmark}",
      "/v1/mazes",
      "/v1/models",
      "/v1/openapi.json",
      "/v1/predict",
      "/v1/solve",
      "/v1/submissions",
      "/v1/submissions/{id}",
      "/v1/verify",
      "/v1/verify/batch",
    ]);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const pointer = r.slice(8, -1).replace(/^#\//, "").split("/");
      let node: any = doc;
      for (const part of pointer) node = node?.[part];
      expect(node, r).toBeDefined();
    }
  });

  it("lists the engine's generators, not a copy", async () => {
    const doc = await openapiDoc();
    const gens = (await (await get("/v1/generators")).json()) as { generators: Array<{ name: string }> };
    const param = (doc.paths["/v1/mazes"] as any).get.parameters.find((p: any) => p.name === "generator");
    expect(param.schema.enum).toEqual(gens.generators.map((g) => g.name));
  });
});
