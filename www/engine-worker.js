// Runs the library off the main thread, so a large or hostile file never
// freezes the page; if the wasm module ever aborts, the page replaces this
// worker.
//
// In:  { id, kind: "version" }, { id, kind: "pageImages", file: Blob, hint } or
//      { id, kind: "process", file: Blob, hint, ocr? } (ocr: the OcrResult of a scan, www/ocr/ocr.js)
// Out: { id, progress: { step, done, total } } while working, then
//      { id, ok: true, version, models } or
//      { id, ok: true, images: [{ page, width, height, dpi, mimeType, bytes }] } or
//      { id, ok: true, result: { document, millis, profile?, anonymized?, redacted? } } or
//      { id, ok: false, code, message }.
// `anonymized` maps each level to the library's anonymize output, `redacted`
// to the document in its own format ({ bytes, mimeType, format }) or, when it
// cannot be rewritten safely, { code, message }.
import * as cvshield from "./pkg/index.js";

const LEVELS = ["basic", "moderate", "thorough"];

/** The steps for one file: extract, parse, then anonymise at every level. */
function plan() {
  return [
    { step: "extract", run: (ctx) => (ctx.result.document = cvshield.extractSync(ctx.bytes, ctx.options)) },
    { step: "parse", run: (ctx) => (ctx.result.profile = cvshield.parseSync(ctx.bytes, ctx.options)) },
    ...LEVELS.map((level) => ({
      step: `anonymize:${level}`,
      run: (ctx) => {
        ctx.result.anonymized ??= {};
        ctx.result.anonymized[level] = cvshield.anonymizeSync(ctx.bytes, { ...ctx.options, level });
      },
    })),
    ...LEVELS.map((level) => ({
      step: `redact:${level}`,
      run: (ctx) => {
        ctx.result.redacted ??= {};
        try {
          const { bytes, mimeType, format } = cvshield.redactSync(ctx.bytes, { ...ctx.options, level });
          ctx.result.redacted[level] = { bytes, mimeType, format };
        } catch (error) {
          if (typeof error?.code !== "string") throw error;
          ctx.result.redacted[level] = { code: error.code, message: error.message };
        }
      },
    })),
  ];
}

/** The file's bytes, refused before reading when it is over the size limit. */
async function bytesOf(file) {
  await cvshield.init();
  cvshield.checkInputSize(file.size);
  return new Uint8Array(await file.arrayBuffer());
}

async function processFile(id, file, hint, ocr) {
  const steps = plan();
  const total = steps.length + 1;
  self.postMessage({ id, progress: { step: "read", done: 0, total } });
  const options = ocr ? { hint, ocr } : { hint };
  const ctx = { bytes: await bytesOf(file), options, result: {} };
  const started = performance.now();
  for (const [i, { step, run }] of steps.entries()) {
    self.postMessage({ id, progress: { step, done: i + 1, total } });
    run(ctx);
  }
  ctx.result.millis = performance.now() - started;
  return ctx.result;
}

self.onmessage = async (event) => {
  const { id, kind, file, hint, ocr } = event.data;
  try {
    if (kind === "version") {
      await cvshield.init();
      self.postMessage({ id, ok: true, version: cvshield.version(), models: cvshield.models() });
      return;
    }
    if (kind === "pageImages") {
      const images = cvshield.pageImagesSync(await bytesOf(file), { hint });
      self.postMessage({ id, ok: true, images }, images.map((image) => image.bytes.buffer));
      return;
    }
    self.postMessage({ id, ok: true, result: await processFile(id, file, hint, ocr) });
  } catch (error) {
    // CvshieldErrors carry a stable code and a content-free message; anything
    // else is a bug, reported without details that could hold document text.
    const known = typeof error?.code === "string";
    self.postMessage({
      id,
      ok: false,
      code: known ? error.code : "internal",
      message: known ? error.message : "reading the document failed unexpectedly",
    });
  }
};
