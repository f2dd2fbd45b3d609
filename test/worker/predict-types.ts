// What test/worker/predict-expected.ts (globalSetup, in Node) hands to the Worker tests through
// provide()/inject(). Types only, so the Worker tests' typecheck (tsconfig.worker.json, no Node
// types) sees the injected shape without reading the Node-side setup.
/** Both sides decode at most this many tokens: the comparison stays exact while the work per
 *  case is bounded (a weak model can ramble to its 1,024-token cap, which a loaded machine
 *  cannot decode inside the requests' time budget). */
export const EXPECTED_MAX_NEW_TOKENS = 160;

export interface ExpectedCase {
  /** Wilson test stream, seed 42. */
  index: number;
  prompt: string;
  tokens: number[];
  stop_reason: string;
}
export interface ExpectedModel {
  name: string;
  condition: string;
  rows: number;
  cols: number;
  max_new_tokens: number;
  cases: ExpectedCase[];
}

declare module "vitest" {
  export interface ProvidedContext {
    predictExpected: ExpectedModel[];
  }
}
