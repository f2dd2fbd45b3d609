// GET /v1/health: liveness plus what is running: the package version and the engine build.
import { ENGINE_BUILD, VERSION, getEngine } from "../http/engine";
import { json } from "../http/errors";

export async function health(): Promise<Response> {
  await getEngine(); // a broken engine makes this a 500, which is what a health check should see
  return json({ status: "ok", version: VERSION, engine: { build: ENGINE_BUILD.sha256, bytes: ENGINE_BUILD.bytes } }, 200, { "cache-control": "no-store" });
}
