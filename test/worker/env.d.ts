// What the test files see in `env` (cloudflare:test): the Worker's Env plus the test bindings.
/// <reference types="@cloudflare/vitest-pool-workers/types" />
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

declare module "*.md?raw" {
  const text: string;
  export default text;
}

// Vite's import.meta.glob, as readme-examples.ts uses it (eager, raw text).
interface ImportMeta {
  glob<T>(pattern: string | string[], options: { query: "?raw"; import: "default"; eager: true }): Record<string, T>;
}
