// The web page (web/, built into build/assets/ by scripts/build-web.js), served through the
// ASSETS binding because every request reaches the Worker first (run_worker_first, so the API's
// middleware sees every request). The same directory holds the model files under /models/,
// which are read only by the inference path and never served by path; API paths never fall
// through to the page, so a wrong /v1 URL stays a JSON 404.
import { notFound, type ApiRequest } from "../http/middleware";

export async function page(request: ApiRequest, env: Env): Promise<Response> {
  const path = new URL(request.url).pathname;
  // URL parsing has already resolved dot segments; the case-folded check covers /MODELS/ too
  if (path === "/v1" || path.startsWith("/v1/") || path.toLowerCase().startsWith("/models/")) notFound(request);
  const res = await env.ASSETS.fetch(request);
  if (res.status === 404) notFound(request);
  return new Response(res.body, res); // a fetched response's headers are immutable; finish() adds some
}
