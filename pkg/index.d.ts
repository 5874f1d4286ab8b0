// Types of the cvshield package (every entry point: browser, Node, workerd).
// The data shapes (Document, Limits, ErrorCode, …) are generated from the
// Rust crate into cvshield.d.ts and re-exported here.
import type {
  Anonymized,
  AnonymizeOptions,
  Redacted,
  Document,
  ExtractOptions,
  Limits,
  ModelInfo,
  OcrResult,
  PageImage,
  ParseOptions,
  Profile,
  Tagged,
  TagOptions,
} from "./cvshield.js";

export type * from "./cvshield.js";
/** Every part of the profile (Basics, Work, Education, …) by name. */
export type * as ProfileTypes from "./profile.js";

/** What the async functions accept: bytes, or a Blob such as a File from a picker. */
export type Input = Uint8Array | ArrayBuffer | Blob;
/** What the synchronous functions accept. */
export type Bytes = Uint8Array | ArrayBuffer;

/** Where the browser build fetches the wasm module from, if not next to the package. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Load the wasm module (browsers fetch it next to the package unless `source`
 * says otherwise). Node and workerd load it on import; calling it again is free.
 */
export function init(source?: WasmSource): Promise<void>;
export default init;
/** Load the wasm module synchronously from its bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** Read a document (PDF, DOCX, ODT, RTF, HTML, TXT, Markdown) into pages of lines. */
export function extract(input: Input, options?: ExtractOptions): Promise<Document>;
/** {@link extract} on bytes, after the module is loaded. */
export function extractSync(input: Bytes, options?: ExtractOptions): Document;

/** Parse a CV into a JSON Resume profile (with cvshield's extensions and `meta`). */
export function parse(input: Input, options?: ParseOptions): Promise<Profile>;
/** {@link parse} on bytes, after the module is loaded. */
export function parseSync(input: Bytes, options?: ParseOptions): Profile;

/**
 * Anonymise a CV at a level ("basic" by default): the anonymised text and
 * profile, every redaction with its spans, and counts per type. Besides a
 * file it takes a plain text or an already parsed profile.
 */
export function anonymize(input: Input | string | Profile, options?: AnonymizeOptions): Promise<Anonymized>;
/** {@link anonymize} on bytes, a text or a profile, after the module is loaded. */
export function anonymizeSync(input: Bytes | string | Profile, options?: AnonymizeOptions): Anonymized;

/**
 * Anonymise a CV in its own format: the same replacements as {@link anonymize} with the same
 * options, in a file like the input (DOCX, ODT, RTF, HTML, text, Markdown; PDF throws
 * `unsupported_redaction` in this build). Metadata, comments, tracked changes, link targets and
 * alt text are scrubbed; from "moderate" on a portrait photo becomes a neutral image.
 */
export function redact(input: Input, options?: AnonymizeOptions): Promise<Redacted>;
/** {@link redact} on bytes, after the module is loaded. */
export function redactSync(input: Bytes, options?: AnonymizeOptions): Redacted;

/**
 * The images to OCR in a document without a text layer: an image input itself (PNG, JPEG, WebP,
 * TIFF), the page images of an image-only PDF, the pictures of a DOCX/ODT body. Their recognised
 * words go back as `options.ocr` to extract, parse, anonymize and redact.
 */
export function pageImages(input: Input, options?: ExtractOptions): Promise<PageImage[]>;
/** {@link pageImages} on bytes, after the module is loaded. */
export function pageImagesSync(input: Bytes, options?: ExtractOptions): PageImage[];

/** cvshield's supported languages as tesseract codes: the default set OCR recognises. */
export const OCR_LANGUAGES: readonly string[];

/** How the browser entry point's OCR runs (tesseract.js, an optional peer dependency). */
export interface RecognizeOptions {
  /** Tesseract language codes; default {@link OCR_LANGUAGES}. */
  languages?: string[];
  /** The tesseract.js module; default: `import("tesseract.js")` on first use. */
  tesseract?: unknown;
  /** The engine name `meta.ocr.engine` reports; default "tesseract.js". */
  engine?: string;
  /** Called as each page advances: its index in the images and the fraction done (0–1). */
  onProgress?: (index: number, fraction: number) => void;
  /** Aborting terminates tesseract's worker and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Any other option goes to tesseract.js's createWorker: workerPath, corePath, langPath, … */
  [workerOption: string]: unknown;
}

/**
 * Browser entry point only: OCR page images (from {@link pageImages}) with tesseract.js, on this
 * device, into the OcrResult that `options.ocr` takes.
 */
export function recognizePages(images: PageImage[], options?: RecognizeOptions): Promise<OcrResult>;
/**
 * Browser entry point only: OCR a scanned document or photo ({@link pageImages}, then
 * {@link recognizePages}); `hint` and `limits` go to pageImages. Then e.g.
 * `parse(file, { ocr: await recognize(file) })`.
 */
export function recognize(input: Input, options?: RecognizeOptions & Pick<ExtractOptions, "hint" | "limits">): Promise<OcrResult>;

/** The crate version, e.g. "0.1.0". */
export function version(): string;
/** The default processing limits. */
export function defaultLimits(): Limits;
/** The module's linear memory in bytes (wasm memory only grows: a steady rise over many calls means a leak). */
export function memoryBytes(): number;
/** The model versions this module can run (embedded, or loaded with loadModel), with the active ones marked. */
export function models(): ModelInfo[];
/**
 * Load another model version from its `model.int8.nnef.tar` bytes (NNEF archive) and its `spec.json`, verified
 * (sha256, featurizer compatibility, labels, a trial run) before any use; throws a CvshieldError
 * `invalid_model` otherwise. Select it afterwards with `parserModel` / `anonymizerModel` / `tag({ version })`.
 */
export function loadModel(onnx: Input, spec: string | object): Promise<ModelInfo>;
/** {@link loadModel} on bytes, after the module is loaded. */
export function loadModelSync(onnx: Bytes, spec: string | object): ModelInfo;
/** Run one model version over a document; `meta.models` names the version that produced the spans. */
export function tag(input: Input, options: TagOptions): Promise<Tagged>;
/** {@link tag} on bytes, after the module is loaded. */
export function tagSync(input: Bytes, options: TagOptions): Tagged;
/** Throws a CvshieldError `too_large` when an input of `byteLength` bytes would be refused. */
export function checkInputSize(byteLength: number, options?: ExtractOptions): void;
