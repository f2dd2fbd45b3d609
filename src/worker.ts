// The Worker: routes by resource, cross-cutting concerns as middleware (src/http/).
import { Router } from "itty-router";
import { toErrorResponse } from "./http/errors";
import { type ApiRequest, assignRequestId, checkUrlEncoding, finish, notFound, preflight, rateLimit, resource } from "./http/middleware";
import { openapi } from "./openapi";
import { generators } from "./routes/generators";
import { health } from "./routes/health";
import { getMaze } from "./routes/mazes";
import { models } from "./routes/models";
import { page } from "./routes/page";
import { predict } from "./routes/predict";
import { solve } from "./routes/solve";
import { verify, verifyBatch } from "./routes/verify";
import { createAccount, getMe, revokeMe } from "./routes/accounts";
import { getBenchmark, listBenchmarks, listInstances } from "./routes/benchmarks";
import { getLeaderboard } from "./routes/leaderboard";
import { createSubmission, getSubmission } from "./routes/submissions";

const router = Router<ApiRequest, [Env, ExecutionContext]>({
  before: [assignRequestId, preflight, checkUrlEncoding, rateLimit],
  catch: toErrorResponse,
  finally: [finish],
});

resource(router, "/v1/health", { GET: health });
resource(router, "/v1/openapi.json", { GET: openapi });
resource(router, "/v1/generators", { GET: generators });
resource(router, "/v1/mazes", { GET: getMaze });
resource(router, "/v1/solve", { POST: solve });
resource(router, "/v1/verify", { POST: verify });
resource(router, "/v1/verify/batch", { POST: verifyBatch });
resource(router, "/v1/benchmarks", { GET: listBenchmarks });
resource(router, "/v1/benchmarks/:id", { GET: getBenchmark });
resource(router, "/v1/benchmarks/:id/instances", { GET: listInstances });
resource(router, "/v1/accounts", { POST: createAccount });
resource(router, "/v1/accounts/me", { GET: getMe, DELETE: revokeMe });
resource(router, "/v1/submissions", { POST: createSubmission });
resource(router, "/v1/submissions/:id", { GET: getSubmission });
resource(router, "/v1/leaderboard/:benchmark", { GET: getLeaderboard });
resource(router, "/v1/models", { GET: models });
resource(router, "/v1/predict", { POST: predict });
router.get("*", page);
router.all("*", notFound);

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext): Promise<Response> => router.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
