#!/usr/bin/env node
// Builds the web page the Worker serves at `/` (wrangler's [assets], directory build/assets): the
// TypeScript in web/src bundled by esbuild into build/assets/app.js, the HTML and CSS copied, and
// build/core.wasm copied beside them so that the page validates with the Worker's own engine.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOptions } from "./lib/options.js";

// No options; parsed anyway so that --help answers and a stray argument is not silently ignored.
parseOptions("build-web", {
  usage: `Usage: node scripts/build-web.js   (npm run build:web; part of npm run build, after build:wasm)

Bundles web/src/main.ts into build/assets/app.js (esbuild, minified), copies web/index.html,
web/style.css and build/core.wasm into build/assets/, and prints the page weight (gzip) without
the wasm.`,
  options: {},
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "assets"); // shared with the models (build/assets/models/, build-models.js)
const wasm = join(root, "build", "core.wasm");
if (!existsSync(wasm)) {
  console.error("build-web: build/core.wasm is missing; run `npm run build:wasm` first");
  process.exit(1);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, "web", "src", "main.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: "linked",
  logLevel: "warning",
});
for (const file of ["index.html", "style.css"]) copyFileSync(join(root, "web", file), join(out, file));
copyFileSync(wasm, join(out, "core.wasm"));
const weight = ["index.html", "style.css", "app.js"].reduce((n, f) => n + gzipSync(readFileSync(join(out, f))).length, 0);
console.error(`build/assets: page ${(weight / 1024).toFixed(1)} KiB gzipped without core.wasm`);
