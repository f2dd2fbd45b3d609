// For the typecheck of scripts/ (tsconfig.scripts.json). The scripts read the local API's JSON
// answers by shape (the shapes are specified in src/openapi.ts and tested there); `any` instead of
// Node's `unknown` lets checkJs check everything else in them without a cast at every fetch.
interface Response {
  // biome-ignore lint/suspicious/noExplicitAny: the point of this declaration (see above).
  json(): Promise<any>;
}

// Node has WebAssembly at run time; @types/node 20 declares its types but not the value
// (scripts/build-wasm.js compiles build/core.wasm to read the names it defines).
declare var WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
