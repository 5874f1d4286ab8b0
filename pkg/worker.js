// Edge-worker entry point (Cloudflare Workers/workerd and bundlers that
// import .wasm as a compiled WebAssembly.Module): no fetch, no file system,
// every function ready on import.
import wasmModule from "./cvshield_bg.wasm";
import { initSync } from "./api.js";

initSync(wasmModule);

export * from "./api.js";
export { default } from "./api.js";
