// The benchmarks call the engine and decoder, which are TypeScript in src/: esbuild bundles the
// exports a script needs into build/bench/<name>.mjs (ignored) and the script imports that.
// npm packages (onnxruntime-node, ...) stay external, resolved from node_modules as usual.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Bundles and imports exports from src/, e.g.
 *   await bundleSrc("eval", { "src/core/node": ["loadEngine"], "src/decode/greedy": ["greedyDecode"] })
 * keys are module paths relative to the repository root (no extension).
 */
export async function bundleSrc(name, exports) {
  const outfile = join(root, "build", "bench", `${name}.mjs`);
  const contents = Object.entries(exports).map(([path, names]) => `export { ${names.join(", ")} } from "./${path}";`).join("\n");
  await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    outfile, bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
