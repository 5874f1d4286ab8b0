#!/usr/bin/env node
// The files the page's OCR loads, served from the page's own origin under
// /ocr/vendor/: tesseract.js, its worker script, its wasm core and the trained
// data of each language, all from the npm packages the lock file pins.
//
// scripts/serve.mjs serves them from node_modules; a static host needs a copy:
//   node scripts/ocr-assets.mjs --copy DIR    writes DIR/ocr/vendor/...
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { OCR_LANGUAGES } from "../pkg/ocr.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const OCR_VENDOR_PREFIX = "/ocr/vendor/";

// tesseract.js picks one core by the browser's wasm features (relaxed SIMD,
// SIMD, neither); the page runs the LSTM engine only, so only the -lstm builds.
const CORES = ["relaxedsimd-lstm", "simd-lstm", "lstm"];

/** URL path under /ocr/vendor/ → the installed file that answers it. */
export function ocrAssets(root = ROOT) {
  const modules = path.join(root, "node_modules");
  const assets = new Map([
    ["tesseract.esm.min.js", path.join(modules, "tesseract.js/dist/tesseract.esm.min.js")],
    ["worker.min.js", path.join(modules, "tesseract.js/dist/worker.min.js")],
  ]);
  for (const core of CORES) {
    const name = `tesseract-core-${core}.wasm.js`;
    assets.set(`core/${name}`, path.join(modules, "tesseract.js-core", name));
  }
  // The integer-quantised ("best_int") LSTM models: tesseract.js's own default, a quarter of the size of the others.
  for (const code of OCR_LANGUAGES) {
    assets.set(`lang/${code}.traineddata.gz`, path.join(modules, `@tesseract.js-data/${code}/4.0.0_best_int/${code}.traineddata.gz`));
  }
  return new Map([...assets].map(([url, file]) => [OCR_VENDOR_PREFIX + url, file]));
}

/** Copy every asset under `dir` at its URL path, for a static host. */
export function copyOcrAssets(dir, root = ROOT) {
  for (const [url, file] of ocrAssets(root)) {
    const target = path.join(dir, url);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--copy");
  if (at < 0 || !process.argv[at + 1]) {
    console.error("usage: node scripts/ocr-assets.mjs --copy DIR");
    process.exit(2);
  }
  copyOcrAssets(path.resolve(process.argv[at + 1]));
  console.log(`ocr-assets: ${ocrAssets().size} files copied under ${process.argv[at + 1]}${OCR_VENDOR_PREFIX}`);
}
