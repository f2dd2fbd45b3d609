// Module types the bundler provides (wrangler's default module rules). The Env interface and
// the runtime types are generated from wrangler.toml into worker-configuration.d.ts by
// `npm run cf-typegen` (wrangler types --strict-vars=false).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
