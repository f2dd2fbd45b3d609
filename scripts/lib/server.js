// `wrangler dev` for the HTTP benchmarks: started on loopback with the rate limit off (a benchmark
// is many requests from one address), polled until /v1/health answers, stopped with its workers.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
// No telemetry and no request to Cloudflare for request.cf data: these runs are local only.
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/** Runs `wrangler <args>` to completion in the repository; returns spawnSync's result (utf8). */
export function runWrangler(args) {
  return spawnSync(process.execPath, [WRANGLER, ...args], { cwd: root, env: WRANGLER_ENV, encoding: "utf8" });
}

/**
 * Starts `wrangler dev` on 127.0.0.1:port with RATE_LIMIT off; returns the child process.
 * persistTo: local state directory (--persist-to); migrate: apply the D1 migrations to that
 * state first, for a throwaway state that starts empty; extraArgs: more `wrangler dev` arguments;
 * rateLimit: keep the per-client limit on, as `npm start` does (benchmarks turn it off).
 * @param {{ port: number, persistTo?: string, migrate?: boolean, extraArgs?: string[], rateLimit?: boolean }} options
 */
export function startWranglerDev({ port, persistTo, migrate = false, extraArgs = [], rateLimit = false }) {
  if (!existsSync(join(root, "build", "core.wasm"))) throw new Error("build/core.wasm is missing; run `npm run build` first");
  const state = persistTo ? ["--persist-to", persistTo] : [];
  if (migrate) {
    const r = runWrangler(["d1", "migrations", "apply", "reasonless", "--local", ...state]);
    if (r.status !== 0) throw new Error(`migrations failed: ${r.stderr || r.stdout}`);
  }
  return spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      ...(rateLimit ? [] : ["--var", "RATE_LIMIT:off"]),
      ...state,
      "--log-level",
      "warn",
      ...extraArgs,
    ],
    {
      cwd: root,
      detached: true, // its own process group, so that stopServer stops workerd too
      stdio: ["ignore", "ignore", "inherit"],
      env: WRANGLER_ENV,
    },
  );
}

/** Polls base/v1/health until it answers 2xx; returns its JSON. Fails early if server exits. */
export async function waitForHealth(base, server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/v1/health`);
      if (res.ok) return res.json();
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${base}/v1/health within ${timeoutMs / 1000} s`);
}

/** Stops a server from startWranglerDev (its whole process group); no-op for none or exited. */
export function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
}
