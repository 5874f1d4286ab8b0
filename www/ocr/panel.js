// The page's part of reading a scan: the page images from the engine worker,
// each recognised on this device with a progress bar of its own, and the
// Cancel button, which stops tesseract's worker and leaves the page idle.
// Imported only when a document has no text layer.
import { recognize } from "./ocr.js";

const $ = (id) => document.getElementById(id);

/** One labelled progress bar per page image, in the panel's list. */
function progressBars(images) {
  return images.map(({ page }) => {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const bar = document.createElement("progress");
    bar.max = 1;
    bar.value = 0;
    label.append(`Page ${page} `, bar);
    item.append(label);
    $("ocr-pages").append(item);
    return bar;
  });
}

/**
 * OCR `file` in `languages` (tesseract codes), asking the engine worker
 * (`ask`, as app.js sends its messages) for the page images. Resolves to
 * { ok: true, ocr } (the OcrResult for `options.ocr`), the engine's failure
 * reply, or { ok: false, cancelled: true }.
 */
export async function readScan({ file, hint, languages, ask }) {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  $("ocr-pages").replaceChildren();
  $("ocr").hidden = false;
  $("ocr-cancel").addEventListener("click", cancel);
  try {
    const reply = await ask({ kind: "pageImages", file, hint });
    if (!reply.ok) return reply;
    if (controller.signal.aborted) return { ok: false, cancelled: true };
    const bars = progressBars(reply.images);
    const ocr = await recognize(reply.images, {
      languages,
      signal: controller.signal,
      onProgress: (index, fraction) => (bars[index].value = fraction),
    });
    return { ok: true, ocr };
  } catch (error) {
    if (error?.name === "AbortError") return { ok: false, cancelled: true };
    // tesseract's own messages are not shown: only that the engine failed.
    return { ok: false, code: "internal", message: "the OCR engine could not read this scan" };
  } finally {
    $("ocr-cancel").removeEventListener("click", cancel);
    $("ocr").hidden = true;
  }
}
