// Types of the cvshield package (every entry point: browser, Node, workerd).
// The data shapes (Document, Limits, ErrorCode, …) are generated from the
// Rust crate into cvshield.d.ts and re-exported here.
import type { Document, ExtractOptions, Limits, ModelInfo } from "./cvshield.js";

export type * from "./cvshield.js";

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

/** The crate version, e.g. "0.1.0". */
export function version(): string;
/** The default processing limits. */
export function defaultLimits(): Limits;
/** The model versions embedded in this build. */
export function models(): ModelInfo[];
/** Throws a CvshieldError `too_large` when an input of `byteLength` bytes would be refused. */
export function checkInputSize(byteLength: number, options?: ExtractOptions): void;
