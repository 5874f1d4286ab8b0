// Runs extraction off the main thread, so a large or hostile file never
// freezes the page; if the wasm module ever aborts, the page replaces this
// worker. Messages in: { id, kind: "extract", bytes: ArrayBuffer, hint } or
// { id, kind: "version" }. Messages out: { id, ok: true, document, millis },
// { id, ok: true, version } or { id, ok: false, code, message }.
import init, { extract, version } from "./pkg/cvshield.js";

const ready = init();

self.onmessage = async (event) => {
  const { id, kind, bytes, hint } = event.data;
  try {
    await ready;
    if (kind === "version") {
      self.postMessage({ id, ok: true, version: version() });
      return;
    }
    const started = performance.now();
    const document = extract(new Uint8Array(bytes), { hint });
    self.postMessage({ id, ok: true, document, millis: performance.now() - started });
  } catch (error) {
    // CvshieldErrors carry a stable code and a content-free message; anything
    // else is a bug, reported without details that could hold document text.
    const known = typeof error?.code === "string";
    self.postMessage({
      id,
      ok: false,
      code: known ? error.code : "internal",
      message: known ? error.message : "extraction failed unexpectedly",
    });
  }
};
