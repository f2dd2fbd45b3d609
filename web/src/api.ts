// The HTTP API from the page: JSON calls with the API's error shape, and /v1/predict's
// Server-Sent Events read from a POST (EventSource only does GET).
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiFailure(res.status, e.code ?? "http_error", e.message ?? `HTTP ${res.status}`, e.field);
  }
  return body as T;
}

export const postJson = <T>(path: string, body: unknown): Promise<T> =>
  api<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** POSTs `body` with Accept: text/event-stream and calls onEvent per event until the stream ends. */
export async function streamEvents(
  path: string,
  body: unknown,
  signal: AbortSignal,
  // biome-ignore lint/suspicious/noExplicitAny: the events' JSON as /v1/predict documents it, read field by field
  onEvent: (event: string, data: any) => void,
): Promise<void> {
  const res = await fetch(path, {
    method: "POST",
    signal,
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) {
    const e = (await res.json().catch(() => null))?.error ?? {};
    throw new ApiFailure(res.status, e.code ?? "http_error", e.message ?? `HTTP ${res.status}`, e.field);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
  }
}

export interface Report {
  trace_valid: boolean;
  plan_valid: boolean;
  optimal: boolean;
  trace_errors: ApiError[];
  plan_errors: ApiError[];
  first_trace_error: ApiError | null;
  first_plan_error: ApiError | null;
  plan: Array<[number, number]>;
  trace_error_count: number;
  plan_error_count: number;
}
export interface ApiError {
  code: string;
  event: number | null;
  token: number | null;
  message: string;
}
