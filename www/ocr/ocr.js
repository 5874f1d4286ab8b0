// OCR of page images on this device: the package's recognizePages (pkg/ocr.js)
// with the page's own copy of tesseract.js. Everything it loads — its worker,
// its wasm core, the trained data — comes from this page's origin
// (scripts/ocr-assets.mjs), never from its default CDN; this module itself is
// imported only when a document needs it.
import Tesseract from "./vendor/tesseract.esm.min.js";
import { recognizePages } from "../pkg/ocr.js";

/** The engine as `meta.ocr.engine` names it; a test checks it against the installed package. */
export const ENGINE = "tesseract.js 7.0.0";

const VENDOR = new URL("./vendor/", import.meta.url);

/** recognizePages's options (languages, onProgress, signal) with this page's engine and files. */
export function recognize(images, options) {
  return recognizePages(images, {
    ...options,
    tesseract: Tesseract,
    engine: ENGINE,
    workerPath: new URL("worker.min.js", VENDOR).href,
    corePath: new URL("core/", VENDOR).href,
    langPath: new URL("lang", VENDOR).href,
    // A blob: URL worker would need blob: in the CSP; the script's own URL is same-origin.
    workerBlobURL: false,
    // The service worker caches what the page fetches; a second copy in IndexedDB would only take space.
    cacheMethod: "none",
  });
}
