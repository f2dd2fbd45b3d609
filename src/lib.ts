// The Node library the scripts import (bundled to dist/lib.js by `npm run build:cli`): the engine,
// the benchmark suites, the shared decoder and the CLI's progress bar.
export { loadEngine, packageRoot } from "./core/node";
export { BENCHMARKS, benchmarkSpec, buildSuite, canonicalLine, getSuite, sha256Hex } from "./leaderboard/benchmarks";
export { loadModelFile, manifestPath } from "./decode/node";
export { greedyDecode } from "./decode/greedy";
export { CONDITIONS } from "./conditions";
export { createModel, startIds } from "./decode/model";
export { streamInstances } from "./pipeline/eval";
export { score } from "./leaderboard/score";
export { engineBuild } from "./pipeline/write";
export { progressBar } from "./cli/args";
