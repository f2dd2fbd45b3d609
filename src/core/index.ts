// The engine's typed API, the same in Node, workerd and browsers.
export { createEngine, type Engine, type RawEngine } from "./load";
export * from "./mazes";
export * from "./validate";
