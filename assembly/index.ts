// The engine's one entry point: everything the hosts (Node, workerd, browser) may call.
// Each area owns its own API file; this file only re-exports them.
export * from "./api/generate";
export * from "./api/validate";
