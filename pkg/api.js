// The package's public API, shared by every entry point (index.js for
// browsers, node.js, worker.js for workerd).
//
// The wasm exports in cvshield.js are synchronous and take bytes. This layer
// adds what JavaScript callers expect on top of them:
// - async `extract` / `parse` / `anonymize` / `redact` that accept a Uint8Array, an
//   ArrayBuffer or a Blob (a File from a picker or a drop), and load the wasm
//   module on first use (`anonymize` also takes a text or a parsed profile);
// - the synchronous byte functions as `extractSync` / `parseSync` /
//   `anonymizeSync` / `redactSync`, for code that already holds bytes and has initialised;
// - `init()` / `initSync()` to load the module explicitly.
// Errors are the wasm layer's: an `Error` named CvshieldError with a stable
// `code`, or a TypeError for arguments of the wrong type.
import initWasm, * as wasm from "./cvshield.js";

let loading = null;
let ready = false;

/**
 * Load the wasm module. In browsers it is fetched next to this file unless
 * `source` (a URL, Response, BufferSource or WebAssembly.Module) says
 * otherwise; the Node and workerd entry points have loaded it on import.
 * Calling it again is free.
 */
export default function init(source) {
  loading ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
    ready = true;
  });
  return loading;
}

export { init };

/** Load the wasm module from bytes or a compiled module, synchronously. */
export function initSync(module) {
  if (!ready) {
    wasm.initSync({ module });
    ready = true;
    loading = Promise.resolve();
  }
}

function assertReady(name) {
  if (!ready) throw new Error(`cvshield is not loaded yet: await init() before calling ${name}()`);
}

/**
 * Bytes from any accepted input. A Blob is measured before it is read, so an
 * oversized file is refused (too_large) without loading it into memory.
 */
async function bytesOf(input, options, name) {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return input;
  if (typeof Blob !== "undefined" && input instanceof Blob) {
    // Only the limits matter here (the other options belong to the function called).
    wasm.checkInputSize(input.size, options?.limits ? { limits: options.limits } : undefined);
    return new Uint8Array(await input.arrayBuffer());
  }
  throw new TypeError(`${name}() takes a Uint8Array, an ArrayBuffer or a Blob`);
}

/** The async, any-input form of a synchronous byte function. */
function fromAnyInput(name, syncFn) {
  return async (input, options) => {
    await init();
    return syncFn(await bytesOf(input, options, name), options);
  };
}

/** anonymize() also takes a text (string) or a parsed profile (object) as it is. */
const isTextOrProfile = (input) =>
  typeof input === "string" ||
  (typeof input === "object" && input !== null && !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer) &&
    !(typeof Blob !== "undefined" && input instanceof Blob) && !ArrayBuffer.isView(input) && !Array.isArray(input));

/** The synchronous byte function with a clear error when the module is not loaded. */
function whenReady(name, fn) {
  return (...args) => {
    assertReady(name);
    return fn(...args);
  };
}

export const extractSync = whenReady("extractSync", wasm.extract);
export const extract = fromAnyInput("extract", wasm.extract);

export const parseSync = whenReady("parseSync", wasm.parse);
export const parse = fromAnyInput("parse", wasm.parse);

export const anonymizeSync = whenReady("anonymizeSync", wasm.anonymize);
const anonymizeBytes = fromAnyInput("anonymize", wasm.anonymize);
export async function anonymize(input, options) {
  if (!isTextOrProfile(input)) return anonymizeBytes(input, options);
  await init();
  return wasm.anonymize(input, options);
}

export const redactSync = whenReady("redactSync", wasm.redact);
export const redact = fromAnyInput("redact", wasm.redact);

/**
 * The images to OCR in a document without a text layer: an image input itself, the page images
 * of an image-only PDF, the pictures of a DOCX/ODT body; each `{ page, width, height, dpi,
 * mimeType, bytes }`. Their recognised words go back as `options.ocr` (see recognize() in the
 * browser entry point).
 */
export const pageImagesSync = whenReady("pageImagesSync", wasm.pageImages);
export const pageImages = fromAnyInput("pageImages", wasm.pageImages);

/** The crate version, e.g. "0.1.0". */
export const version = whenReady("version", wasm.version);
/** The default limits. */
export const defaultLimits = whenReady("defaultLimits", wasm.defaultLimits);
/** The module's linear memory in bytes (it only grows: a steady rise over many calls means a leak). */
export const memoryBytes = whenReady("memoryBytes", wasm.memoryBytes);
/** The model versions this module can run (embedded, or loaded with loadModel), with the active ones marked. */
export const models = whenReady("models", wasm.models);

/**
 * Load another model version from its `model.int8.nnef.tar` bytes (the NNEF archive the wasm build runs; Uint8Array,
 * ArrayBuffer or Blob) and its `spec.json` (text or parsed object). It is
 * verified before any use — sha256 and size against the spec, featurizer
 * compatibility, labels, a trial run — and throws `invalid_model` otherwise,
 * leaving the loaded versions as they were. Then `parse`/`anonymize` can
 * select it with `parserModel`/`anonymizerModel`, and `tag` with `version`.
 */
export async function loadModel(onnx, spec) {
  await init();
  return loadModelSync(await bytesOf(onnx, undefined, "loadModel"), spec);
}

/** {@link loadModel} on bytes, after the module is loaded. */
export function loadModelSync(onnx, spec) {
  assertReady("loadModelSync");
  if (typeof spec !== "string") {
    if (typeof spec !== "object" || spec === null) throw new TypeError("loadModel() takes the spec as JSON text or an object");
    spec = JSON.stringify(spec);
  }
  return wasm.loadModel(onnx, spec);
}

/** Run one model version over a document: its labelled spans, and `meta.models` naming that version. */
export const tagSync = whenReady("tagSync", wasm.tag);
export const tag = fromAnyInput("tag", wasm.tag);
/** Throws too_large when an input of `byteLength` bytes would be refused. */
export const checkInputSize = whenReady("checkInputSize", wasm.checkInputSize);
