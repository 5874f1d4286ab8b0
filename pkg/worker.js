// Edge-worker entry point (Cloudflare Workers/workerd and bundlers that
// import .wasm as a compiled WebAssembly.Module): no fetch, no file system.
import wasmModule from "./cvshield_bg.wasm";
import { initSync } from "./cvshield.js";

const exports = initSync({ module: wasmModule });

/** Already initialised; kept so code shared with browsers can `await init()`. */
export default async function init() {
  return exports;
}

export * from "./cvshield.js";
