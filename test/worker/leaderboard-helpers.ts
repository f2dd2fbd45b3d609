// Shared by the leaderboard tests: accounts, the benchmark's A* responses, submissions.
import { SELF, env } from "cloudflare:test";
import { expect } from "vitest";
import { benchmarkSpec, getSuite, type Suite } from "../../src/leaderboard/benchmarks";
import { getEngine } from "../../src/http/engine";
import { BASE, conforms, post } from "./helpers";

let ip = 0;
/** A fresh account (each from its own client address, so creation limits do not interfere). */
export async function createAccount(name = "test lab", contact?: string): Promise<{ key: string; id: string }> {
  ip++;
  const res = await post("/v1/accounts", contact === undefined ? { name } : { name, contact }, { "cf-connecting-ip": `10.9.${ip >> 8}.${ip & 255}` });
  expect(res.status).toBe(201);
  const body = await conforms(res, "/v1/accounts", "POST");
  return { key: body.api_key, id: body.account.id };
}

export async function suite(id = "maze10-v1"): Promise<Suite> {
  return getSuite(await getEngine(), benchmarkSpec(id)!);
}

export interface Solved {
  id: string;
  prompt: string;
  trace: string;
  plan: string;
  response: string;
}

/** The A* response of every instance (the ceiling). */
export async function solved(id = "maze10-v1"): Promise<Solved[]> {
  const engine = await getEngine();
  const s = await suite(id);
  return s.instances.map((inst, i) => {
    const maze = s.mazes[i];
    const { events, plan } = engine.solve(maze);
    const trace = engine.traceText(events),
      planText = engine.planText(plan);
    return { id: inst.id, prompt: inst.prompt, trace, plan: planText, response: `reasoning ${trace} solution ${planText} end` };
  });
}

/** Instance i's plan behind instance i+1's trace (the paper's swapped condition). */
export function swappedPredictions(all: Solved[]): Array<{ id: string; response: string }> {
  return all.map((s, i) => ({ id: s.id, response: `reasoning ${all[(i + 1) % all.length].trace} solution ${s.plan} end` }));
}

export function submission(predictions: unknown, model: Record<string, unknown> = { name: "model", condition: "other" }, benchmark = "maze10-v1") {
  return { benchmark, model, predictions };
}

export function submit(key: string | undefined, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return post("/v1/submissions", body, key === undefined ? headers : { authorization: `Bearer ${key}`, ...headers });
}

export async function gzip(text: string | Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function submitRaw(key: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
    body,
  });
}

export async function rowCount(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}
