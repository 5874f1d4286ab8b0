// OCR of scans in the browser, with tesseract.js: the words it recognises on
// each page image, with their boxes, as the OcrResult that extract, parse,
// anonymize and redact take in `options.ocr`.
//
// tesseract.js is an optional peer dependency: only the browser entry point
// (index.js) exposes this module, which imports the engine on the first call,
// so Node and Workers users, and browser users who never meet a scan, do not
// load it. The page (www/ocr/) passes its own same-origin copy as `tesseract`.

/** cvshield's supported languages as tesseract codes: the default set. */
export const OCR_LANGUAGES = ["eng", "deu", "fra", "spa", "ita", "nld", "por", "pol"];

/** Thrown (name "AbortError") when the caller's signal stopped the work. */
function abortError() {
  return new DOMException("the OCR was cancelled", "AbortError");
}

/** A promise that rejects when `signal` aborts (never otherwise). */
function whenAborted(signal) {
  const aborted = new Promise((_, reject) => {
    if (signal?.aborted) reject(abortError());
    signal?.addEventListener("abort", () => reject(abortError()), { once: true });
  });
  aborted.catch(() => {}); // observed by the races below, whenever it fires
  return aborted;
}

async function loadTesseract() {
  try {
    const module = await import("tesseract.js");
    return module.default ?? module;
  } catch {
    throw new Error("cvshield's OCR needs tesseract.js: npm install tesseract.js (or pass it as options.tesseract)");
  }
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
 * Recognise page images ({ page, width, height, dpi, bytes } as pageImages
 * gives them) into an OcrResult.
 *
 * Options: `languages` (tesseract codes, default {@link OCR_LANGUAGES}),
 * `tesseract` (the tesseract.js module; default: imported on first use),
 * `engine` (the name `meta.ocr.engine` reports), `onProgress(index, fraction)`
 * per page, `signal` (an AbortSignal: aborting terminates tesseract's worker
 * and rejects with an AbortError). Any other option goes to tesseract.js's
 * createWorker as it is (workerPath, corePath, langPath, …: where it loads its
 * worker, wasm core and trained data from).
 */
export async function recognizePages(images, options = {}) {
  const { languages = OCR_LANGUAGES, tesseract, engine = "tesseract.js", onProgress = () => {}, signal, ...workerOptions } = options;
  const aborted = whenAborted(signal);
  const Tesseract = tesseract ?? (await Promise.race([loadTesseract(), aborted]));
  let current = -1;
  const creating = Tesseract.createWorker(
    languages,
    Tesseract.OEM.LSTM_ONLY,
    {
      ...workerOptions,
      logger: ({ status, progress }) => {
        if (status === "recognizing text" && current >= 0) onProgress(current, progress);
      },
    },
    // ita's trained data names a user-words file (ita.special-words) that no package ships; without
    // this, tesseract reports it missing on the console at every start.
    { user_words_suffix: "" },
  );
  // A worker whose creation the signal interrupted is still terminated once it exists.
  const worker = await Promise.race([creating, aborted]).catch((error) => {
    creating.then((w) => w.terminate()).catch(() => {});
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
    return { pages, languages: [...languages], engine };
  } finally {
    signal?.removeEventListener("abort", stop);
    await stop();
  }
}
