// Node entry point: load the wasm module from the file next to this one,
// synchronously, so `import { extract } from "cvshield"` is ready to use.
import { readFileSync } from "node:fs";
import { initSync } from "./cvshield.js";

const exports = initSync({ module: readFileSync(new URL("./cvshield_bg.wasm", import.meta.url)) });

/** Already initialised; kept so code shared with browsers can `await init()`. */
export default async function init() {
  return exports;
}

export * from "./cvshield.js";
