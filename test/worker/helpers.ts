// Shared by the Worker tests: requests through SELF.fetch, and a check of every response
// against the Worker's own OpenAPI description (so the description stays true).
import { SELF } from "cloudflare:test";
import { Validator, type Schema } from "@cfworker/json-schema";
import { expect } from "vitest";

export const BASE = "http://127.0.0.1:8787";

export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, { headers });
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, { content: Record<string, { schema: Schema }> }> };
};
let doc: Doc | undefined;

export async function openapiDoc(): Promise<Doc> {
  doc ??= (await (await get("/v1/openapi.json")).json()) as Doc;
  return doc;
}

/** The JSON Schema of `method path` at `status`, with component refs made local ($defs). */
export async function responseSchema(path: string, method: string, status: number): Promise<Schema | undefined> {
  const spec = await openapiDoc();
  const op = spec.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path} is documented`).toBeDefined();
  let response = op!.responses[String(status)];
  expect(response, `${method} ${path} documents status ${status}`).toBeDefined();
  if (response.$ref) response = spec.components.responses[response.$ref.split("/").pop()!];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  const local = (s: unknown): Schema => JSON.parse(JSON.stringify(s).replaceAll("#/components/schemas/", "#/$defs/"));
  return { ...local(schema), $defs: local(spec.components.schemas) } as Schema;
}

const validators = new Map<string, Validator | undefined>();

/** Asserts the response is what the OpenAPI description promises; returns the parsed body. */
export async function conforms<T = any>(res: Response, path: string, method = "GET"): Promise<T> {
  expect(res.headers.get("x-request-id")).toBeTruthy();
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const key = `${method} ${path} ${res.status}`;
  if (!validators.has(key)) {
    const schema = await responseSchema(path, method, res.status);
    validators.set(key, schema && new Validator(schema, "2020-12", false));
  }
  const validator = validators.get(key);
  if (!validator) {
    expect(await res.text()).toBe("");
    return undefined as T;
  }
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await res.json();
  const result = validator.validate(body);
  expect(result.errors.slice(0, 5), `${method} ${path} ${res.status} matches the OpenAPI schema`).toEqual([]);
  return body as T;
}

/** Asserts an error response: status, the one error shape (checked against the description). */
export async function expectError(
  res: Response,
  status: number,
  code: string,
  path: string,
  method = "POST",
): Promise<{ code: string; message: string; field?: string }> {
  expect(res.status, `${method} ${path}`).toBe(status);
  const body = await conforms<{ error: { code: string; message: string; field?: string } }>(res, path, method);
  expect(body.error.code).toBe(code);
  return body.error;
}
