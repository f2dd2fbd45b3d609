// What test/worker/predict-expected.ts (globalSetup, in Node) hands to the Worker tests through
// provide()/inject(). Types only, so the Worker tests' typecheck (tsconfig.worker.json, no Node
// types) sees the injected shape without reading the Node-side setup.
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
