// Browser entry point (ESM). The async functions load the wasm module on first
// use, fetching cvshield_bg.wasm next to this file; `await init()` loads it
// up front (or from another URL), as the synchronous functions require.
// Scans: `recognize` reads them with tesseract.js (ocr.js), imported only then.
import { pageImages } from "./api.js";
import { recognizePages } from "./ocr.js";

export * from "./api.js";
export { default } from "./api.js";
export { OCR_LANGUAGES, recognizePages } from "./ocr.js";

/**
 * OCR a scanned document or a photo (Uint8Array, ArrayBuffer or Blob): its
 * page images (pageImages; `hint` and `limits` go there), then recognizePages
 * with the other options. Pass the result as `options.ocr`:
 *
 *   const ocr = await recognize(file);
 *   const profile = await parse(file, { ocr });
 */
export async function recognize(input, options = {}) {
  const { hint, limits, ...rest } = options;
  return recognizePages(await pageImages(input, { hint, limits }), rest);
}
