#!/usr/bin/env node
// Indexes the models the Worker ships: every models/*.json manifest (docs/model-format.md) whose
// ONNX file is present becomes one entry, found by its `condition` and grid size. Writes
//   build/models/manifests.json  the manifests (small; GET /v1/models reads only this)
//   build/assets/models/<file>   a copy of each indexed ONNX file: the Worker's static assets
//                                ([assets] in wrangler.toml, the ASSETS binding), uploaded beside
//                                the Worker rather than inside its bundle, whose 10 MB limit
//                                six models would break; only the inference path fetches them
// No models -> empty index: the Worker starts and GET /v1/models lists nothing.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { indexModels } from "./lib/models.js";
import { parseOptions } from "./lib/options.js";

// No options; parsed anyway so that --help answers and a stray argument is not silently ignored.
parseOptions("build-models", {
  usage: `Usage: node scripts/build-models.js   (npm run build:models; part of npm run build)

Indexes the models the Worker ships: every models/*.json manifest (docs/model-format.md) whose
ONNX file is present becomes one entry. Writes build/models/manifests.json (the manifests) and
copies each indexed ONNX file to build/assets/models/ (the Worker's static assets, wrangler.toml).
No models: an empty index.`,
  options: {},
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "models");
const out = join(root, "build", "models");
mkdirSync(out, { recursive: true });

// Found by their manifests (scripts/lib/models.js), sorted by grid size, then condition.
const entries = indexModels(dir, (msg) => console.error(`build-models: models/${msg}`)).map((e) => ({ file: e.manifest.onnx.file, manifest: e.manifest }));

writeFileSync(join(out, "manifests.json"), JSON.stringify(entries.map((e) => e.manifest)) + "\n");
// Exactly the indexed files (a model removed from models/ leaves no stale copy behind); the
// folder exists even when empty, since wrangler refuses to start without its assets directory.
const assets = join(out, "..", "assets", "models"); // build/assets/ also holds the web page (build-web.js)
rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
for (const e of entries) copyFileSync(join(dir, e.file), join(assets, e.file));
rmSync(join(out, "onnx.js"), { force: true }); // from builds that bundled the models as Data modules
rmSync(join(out, "onnx.d.ts"), { force: true });
const total = entries.reduce((a, e) => a + e.manifest.onnx.bytes, 0);
console.error(
  `build/models: ${entries.length} model(s)${entries.length ? `: ${entries.map((e) => e.manifest.name).join(", ")}` : ""} (${(total / 1e6).toFixed(2)} MB of ONNX)`,
);
