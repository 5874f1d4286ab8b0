// OCR of page images on this device, with tesseract.js: the words it
// recognises, with their boxes, as the OcrResult the wasm module takes in
// `options.ocr` (it makes lines, columns and reading order from them).
//
// Everything tesseract.js loads — its worker, its wasm core, the trained data —
// comes from this page's own origin (scripts/ocr-assets.mjs), never from its
// default CDN, and this module itself is imported only when a document needs it.
import Tesseract from "./vendor/tesseract.esm.min.js";

/** The engine as `meta.ocr.engine` names it; tests check it against the installed package. */
export const ENGINE = "tesseract.js 7.0.0";

const VENDOR = new URL("./vendor/", import.meta.url);

/** Thrown when the caller's signal stopped the work. */
export class Cancelled extends Error {
  name = "Cancelled";
}

/** A promise that rejects with Cancelled when `signal` aborts. */
function whenAborted(signal) {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(new Cancelled("cancelled"));
    signal?.addEventListener("abort", () => reject(new Cancelled("cancelled")), { once: true });
  });
}

/** Every word of tesseract's block tree, as an OcrWord (bbox in the image's pixels). */
function wordsOf(data) {
  const words = [];
  for (const block of data.blocks ?? [])
    for (const paragraph of block.paragraphs)
      for (const line of paragraph.lines)
        for (const { text, bbox, confidence } of line.words) {
          if (!text.trim()) continue;
          words.push({ text, bbox: { x0: bbox.x0, y0: bbox.y0, x1: bbox.x1, y1: bbox.y1 }, confidence });
        }
  return words;
}

/**
 * Recognise `images` (from the wasm module's pageImages: { page, width,
 * height, dpi, mimeType, bytes }) in `languages` (tesseract codes).
 * `onProgress(index, fraction)` follows each page; aborting `signal` terminates
 * tesseract's worker at once and rejects with Cancelled.
 */
export async function recognizePages(images, { languages, onProgress = () => {}, signal } = {}) {
  let current = -1;
  const aborted = whenAborted(signal);
  aborted.catch(() => {}); // handled by the races below; no "unhandled rejection" when it fires after them
  // The worker is created even when the signal fires meanwhile, so that it can be terminated.
  const creating = Tesseract.createWorker(languages, Tesseract.OEM.LSTM_ONLY, {
    workerPath: new URL("worker.min.js", VENDOR).href,
    corePath: new URL("core/", VENDOR).href,
    langPath: new URL("lang", VENDOR).href,
    // A blob: URL worker would need blob: in the CSP; the script's own URL is same-origin.
    workerBlobURL: false,
    // The service worker caches what the page fetches; a second copy in IndexedDB would only take space.
    cacheMethod: "none",
    logger: ({ status, progress }) => {
      if (status === "recognizing text" && current >= 0) onProgress(current, progress);
    },
  });
  const worker = await Promise.race([creating, aborted]).catch(async (error) => {
    if (error instanceof Cancelled) creating.then((w) => w.terminate()).catch(() => {});
    throw error;
  });
  const stop = () => worker.terminate().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    const pages = [];
    for (const [index, image] of images.entries()) {
      current = index;
      onProgress(index, 0);
      const { data } = await Promise.race([worker.recognize(image.bytes, {}, { blocks: true, text: false }), aborted]);
      onProgress(index, 1);
      pages.push({ number: image.page, width: image.width, height: image.height, dpi: image.dpi, words: wordsOf(data) });
    }
    return { pages, languages: [...languages], engine: ENGINE };
  } finally {
    signal?.removeEventListener("abort", stop);
    await stop();
  }
}
