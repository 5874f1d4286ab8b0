// Page 1 of a PDF before and after redaction, drawn by pdf.js. Imported only
// when a PDF has been redacted, so other files never load pdf.js; pdf.js
// itself comes from this origin (vendor/pdfjs/, the pdfjs-dist package), as
// does its worker, so the page's CSP (script-src and worker-src 'self') holds.
// Both files stay on this device: pdf.js reads the bytes it is handed.

const PDFJS = new URL("./vendor/pdfjs/", import.meta.url);
/** CSS pixels across the canvas: small enough for two side by side. */
const WIDTH = 420;

let pdfjs = null;

async function load() {
  if (!pdfjs) {
    pdfjs = await import(new URL("build/pdf.min.mjs", PDFJS).href);
    pdfjs.GlobalWorkerOptions.workerSrc = new URL("build/pdf.worker.min.mjs", PDFJS).href;
  }
  return pdfjs;
}

/** Draw page 1 of `bytes` into `canvas`, `WIDTH` CSS pixels wide. */
async function drawPage1(lib, bytes, canvas) {
  // pdf.js takes the buffer over; a copy leaves the caller's bytes usable.
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    standardFontDataUrl: new URL("standard_fonts/", PDFJS).href,
    cMapUrl: new URL("cmaps/", PDFJS).href,
    wasmUrl: new URL("wasm/", PDFJS).href,
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const scale = WIDTH / page.getViewport({ scale: 1 }).width;
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
    canvas.dataset.drawn = "true";
  } finally {
    await task.destroy();
  }
}

let shown = 0; // the latest call wins when levels are switched quickly

/**
 * Show page 1 of `original` and of `redacted` (both Uint8Array) in the
 * `before` and `after` canvases. Resolves once both are drawn; a page pdf.js
 * cannot draw leaves its canvas empty, with `data-failed` set.
 */
export async function showPdfPreview(before, after, original, redacted) {
  const call = ++shown;
  for (const canvas of [before, after]) {
    delete canvas.dataset.drawn;
    delete canvas.dataset.failed;
  }
  const lib = await load();
  if (call !== shown) return;
  await Promise.all(
    [
      [original, before],
      [redacted, after],
    ].map(([bytes, canvas]) =>
      drawPage1(lib, bytes, canvas).catch(() => {
        canvas.dataset.failed = "true";
      }),
    ),
  );
}
