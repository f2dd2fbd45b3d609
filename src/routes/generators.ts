// GET /v1/generators: the engine's registry (names, parameters, size limits) and the API's
// own limits. Nothing is listed here: a generator added to the engine appears by itself.
import { ENGINE_BUILD, generators as registry } from "../http/engine";
import { json } from "../http/errors";
import { publishedLimits } from "../http/limits";

export async function generators(): Promise<Response> {
  const gens = (await registry()).map((g) => ({
    name: g.name,
    description: g.description,
    min_size: g.minSize,
    max_size: g.maxSize,
    params: g.params,
  }));
  return json(
    {
      generators: gens,
      limits: publishedLimits(),
      engine: ENGINE_BUILD.sha256,
    },
    200,
    { "cache-control": "public, max-age=3600" },
  );
}
