// Browser entry point (ESM). The async functions load the wasm module on first
// use, fetching cvshield_bg.wasm next to this file; `await init()` loads it
// up front (or from another URL), as the synchronous functions require.
export * from "./api.js";
export { default } from "./api.js";
