// Node entry point: load the wasm module from the file next to this one,
// synchronously, so every function is ready on import.
import { readFileSync } from "node:fs";
import { initSync } from "./api.js";

initSync(readFileSync(new URL("./cvshield_bg.wasm", import.meta.url)));

export * from "./api.js";
export { default } from "./api.js";
