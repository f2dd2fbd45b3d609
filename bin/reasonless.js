#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript bundled to dist/cli.js by `npm run build` (run by `npm ci`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write("reasonless: the CLI is not built yet; run `npm run build` in the repository\n");
  process.exit(1);
}
await import(cli);
