// The models in a folder, found by their manifests (docs/model-format.md), never by file name:
// every *.json with a known `condition`, integer `rows`/`cols` and an `onnx.file` that is present
// (and matches the manifest's sha256, when it gives one) is a model; the first manifest per
// (condition, size) wins. Shared by scripts/build-models.js (what the Worker bundles) and
// scripts/seed-baselines.js (what the leaderboard's baseline rows come from), so both see the
// same models. Plain Node: it runs before dist/lib.js is built.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The training conditions, in display order: the one list, src/conditions.json. */
export const CONDITIONS = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "conditions.json"), "utf8")).conditions;

/**
 * Indexes `dir`: [{ file, path, onnxPath, manifest }] sorted by grid size then condition, the
 * manifest's `onnx` completed with the file's sha256 and byte count. A manifest that cannot be
 * used is reported through `log` (one line) and skipped; a JSON file that is not a model
 * manifest is skipped silently.
 * @param {string} dir
 * @param {(message: string) => void} [log]
 */
export function indexModels(dir, log = () => {}) {
  const entries = [];
  const seen = new Map();
  for (const file of existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : []) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (err) {
      log(`skipping ${file}: not JSON (${err.message})`);
      continue;
    }
    if (
      !CONDITIONS.includes(manifest?.condition) ||
      !Number.isInteger(manifest.rows) ||
      !Number.isInteger(manifest.cols) ||
      typeof manifest.onnx?.file !== "string"
    ) {
      continue; // not a model manifest
    }
    const onnxPath = join(dir, manifest.onnx.file);
    if (!existsSync(onnxPath)) {
      log(`skipping ${file}: its ONNX file ${manifest.onnx.file} is missing`);
      continue;
    }
    const bytes = readFileSync(onnxPath);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (manifest.onnx.sha256 && manifest.onnx.sha256 !== sha256) {
      log(`skipping ${file}: ${manifest.onnx.file} has sha256 ${sha256.slice(0, 16)}..., the manifest says ${manifest.onnx.sha256.slice(0, 16)}...`);
      continue;
    }
    const key = `${manifest.condition} ${manifest.rows}x${manifest.cols}`;
    if (seen.has(key)) {
      log(`skipping ${file}: ${seen.get(key)} already provides ${key}`);
      continue;
    }
    seen.set(key, file);
    manifest.onnx = { ...manifest.onnx, sha256, bytes: bytes.length };
    entries.push({ file, path: join(dir, file), onnxPath, manifest });
  }
  return entries.sort(
    (a, b) =>
      a.manifest.rows - b.manifest.rows ||
      a.manifest.cols - b.manifest.cols ||
      CONDITIONS.indexOf(a.manifest.condition) - CONDITIONS.indexOf(b.manifest.condition),
  );
}
