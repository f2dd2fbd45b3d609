// Polls /v1/health from a thread of its own, for the bomb check (scripts/harness-bomb.js). In the
// thread that uploads the bomb and runs `ps` for memory samples, the polls waited on that thread's
// own work: its slowest "health check" was 150-260 ms where a separate thread saw 25-70 ms of the
// same server (32 MiB bomb, development machine at load ~4 on 2 cores). What is measured is how
// long the server takes to answer, not how busy the client is.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { send, sleep } from "./common.js";

/**
 * Starts polling `base`/v1/health every `intervalMs` in a worker thread. `phase(name)` labels
 * the checks that follow (a check is counted only when the phase did not change while it ran);
 * `stop()` resolves the slowest answer (ms) and the number of checks per phase.
 * @param {string} base
 * @param {number} [intervalMs]
 */
export function startHealthPoller(base, intervalMs = 20) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { base, intervalMs } });
  worker.unref(); // a harness that fails before stop() still exits
  return {
    /** @param {string} name */
    phase: (name) => worker.postMessage({ phase: name }),
    /** @returns {Promise<{ slowest: Record<string, number>, checks: Record<string, number> }>} */
    stop: () =>
      new Promise((resolve, reject) => {
        worker.ref();
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage({ stop: true });
      }),
  };
}

if (!isMainThread) {
  const { base, intervalMs } = workerData;
  let phase = "",
    running = true;
  parentPort.on("message", (m) => {
    if (m.phase !== undefined) phase = m.phase;
    if (m.stop) running = false;
  });
  /** @type {Record<string, number>} */
  const slowest = {},
    checks = {};
  while (running) {
    const during = phase;
    const r = await send(base, { path: "/v1/health", timeoutMs: 30_000 });
    if (during !== "" && during === phase) {
      slowest[during] = Math.max(slowest[during] ?? 0, r.ms);
      checks[during] = (checks[during] ?? 0) + 1;
    }
    await sleep(intervalMs);
  }
  parentPort.postMessage({ slowest, checks });
  parentPort.close();
}
