// The engine's typed API, the same in Node, workerd and browsers.
export { createEngine, type Engine } from "./load";
export type { RawEngine } from "./raw";
export * from "./mazes";
export * from "./validate";
