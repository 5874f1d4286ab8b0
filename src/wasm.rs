//! The JavaScript API, as wasm-bindgen exports it to browsers, Node and workers.
//!
//! A thin layer: it turns JS values into [`ExtractOptions`] and bytes, calls
//! the same [`crate::extract`] the CLI uses, and turns the result back into a
//! plain JS object. Failures become JS `Error` objects whose `code` property
//! is the stable [`ErrorCode`](crate::ErrorCode) string, so callers can branch
//! on `err.code` without parsing messages. Wrong argument types are
//! programming mistakes, not document problems, so they throw `TypeError`.
//!
//! The hand-written TypeScript below describes the JSON shapes serde
//! produces; the `unchecked_*_type` attributes put those names into the
//! generated `.d.ts`, which then has no `any` in its public signatures.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::extract::{check_input_size, ExtractOptions};
use crate::limits::Limits;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r#"
/** The detected source format. */
export type Format = "pdf" | "docx" | "odt" | "rtf" | "html" | "txt" | "markdown";

/** Where on the page (or in the file's structure) a line lives. */
export type Region = "body" | "header" | "footer" | "table" | "text_box" | "footnote";

/** A box in points, origin at the page's top-left, y growing downwards. */
export interface BBox { x0: number; y0: number; x1: number; y1: number; }

/** One line of text in reading order. Absent optional fields mean the default. */
export interface Line {
  text: string;
  /** Only for paginated formats (PDF). */
  bbox?: BBox;
  /** Dominant font size in points; 0 when the format does not say. */
  fontSize: number;
  bold: boolean;
  italic: boolean;
  /** Absent means "body". */
  region?: Region;
  /** Heading level 1–6 when the source marks the line as a heading. */
  heading?: number;
  /** Absent means false. */
  listItem?: boolean;
  /** Layout column, 0 = leftmost; absent means 0. */
  column?: number;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  /** Page size in points; 0 for flow formats. */
  width: number;
  height: number;
  lines: Line[];
}

export interface Metadata {
  pages: number;
  producer?: string;
  creator?: string;
  /** Detected encoding of plain-text inputs, e.g. "utf-8". */
  encoding?: string;
}

export interface Link {
  url: string;
  page?: number;
  bbox?: BBox;
  text?: string;
}

/** An extracted document: pages of lines in reading order, and links. */
export interface Document {
  format: Format;
  metadata: Metadata;
  pages: Page[];
  links: Link[];
  /** Non-fatal problems as stable codes, never content. */
  warnings?: string[];
}

/** Processing limits; see defaultLimits() for the defaults. */
export interface Limits {
  maxInputBytes: number;
  maxPages: number;
  maxDecompressedBytes: number;
  maxCompressionRatio: number;
  maxXmlDepth: number;
  maxNesting: number;
  maxWork: number;
  /** Wall-clock limit in ms; null disables it. */
  maxMillis: number | null;
  maxOutputChars: number;
}

export interface ExtractOptions {
  /** A file name or MIME type; only separates Markdown from plain text. */
  hint?: string;
  /** Overrides for some limits; the rest keep their defaults. */
  limits?: Partial<Limits>;
}

/** The stable reason for a failure. */
export type ErrorCode =
  | "unsupported_format"
  | "malformed"
  | "encrypted"
  | "no_text_layer"
  | "too_large"
  | "limit_exceeded";

/** Which stage a model serves. */
export type ModelKind = "parser" | "anonymizer";

/** A model embedded in this build. */
export interface ModelInfo {
  kind: ModelKind;
  name: string;
  /** Semantic version, e.g. "1.0.0". */
  version: string;
}

/** What extract() throws for a document it cannot read. */
export interface CvshieldError extends Error {
  name: "CvshieldError";
  code: ErrorCode;
}
"#;

/// Read a document (PDF, DOCX, ODT, RTF, HTML, TXT, Markdown) from its bytes.
///
/// Throws a `CvshieldError` (an `Error` with a `code`) when the document
/// cannot be read, and a `TypeError` when the arguments have the wrong types.
#[wasm_bindgen(js_name = extract, unchecked_return_type = "Document")]
pub fn extract_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExtractOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let options = parse_options(options)?;
    let input = input_bytes(&input)?;
    // Refuse oversized input before copying it into wasm memory: a copy of
    // a huge buffer could exhaust the module's memory, and that aborts.
    check_input_size(input.length() as usize, &options.limits).map_err(to_js_error)?;
    let bytes = input.to_vec();
    let document = crate::extract(&bytes, &options).map_err(to_js_error)?;
    to_plain_object(&document)
}

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Throw `too_large` when an input of `byte_length` bytes would be refused
/// under `options`' limits: lets callers refuse a large file (a Blob) before
/// reading it into memory, with the same error `extract` gives.
#[wasm_bindgen(js_name = checkInputSize)]
pub fn check_input_size_js(
    byte_length: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "ExtractOptions")] options: Option<js_sys::Object>,
) -> Result<(), JsValue> {
    let options = parse_options(options)?;
    if byte_length.is_nan() || byte_length < 0.0 {
        return Err(type_error("checkInputSize() takes a byte length of 0 or more"));
    }
    // Saturating float → integer conversion: lengths beyond usize are over any limit.
    check_input_size(byte_length as usize, &options.limits).map_err(to_js_error)
}

/// The models embedded in this build, one entry per kind and version.
#[wasm_bindgen(unchecked_return_type = "ModelInfo[]")]
pub fn models() -> Result<JsValue, JsValue> {
    to_plain_object(&embedded_models())
}

/// A model as `models()` reports it.
#[derive(serde::Serialize)]
struct ModelInfo {
    kind: &'static str,
    name: String,
    version: String,
}

/// No model is embedded yet; the parser and anonymizer models add theirs here.
fn embedded_models() -> Vec<ModelInfo> {
    Vec::new()
}

/// The default limits, to show users or to adjust one of them.
#[wasm_bindgen(js_name = defaultLimits, unchecked_return_type = "Limits")]
pub fn default_limits() -> Result<JsValue, JsValue> {
    to_plain_object(&Limits::default())
}

fn parse_options(options: Option<js_sys::Object>) -> Result<ExtractOptions, JsValue> {
    match options {
        None => Ok(ExtractOptions::default()),
        Some(object) => serde_wasm_bindgen::from_value(object.into()).map_err(|e| {
            // serde's message names the field and expected type, never a document.
            type_error(&format!("invalid extract options: {e}"))
        }),
    }
}

/// View the input as bytes without copying yet.
fn input_bytes(input: &JsValue) -> Result<Uint8Array, JsValue> {
    if let Some(array) = input.dyn_ref::<Uint8Array>() {
        Ok(array.clone())
    } else if let Some(buffer) = input.dyn_ref::<ArrayBuffer>() {
        Ok(Uint8Array::new(buffer))
    } else {
        Err(type_error("extract() takes a Uint8Array or an ArrayBuffer"))
    }
}

/// Serialise through JSON so JS sees exactly what the CLI's `--json` prints:
/// plain objects, and `f32` values in their shortest form (10.2, not
/// 10.199999809265137 as a direct `f32 → f64` conversion would give).
fn to_plain_object<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|_| js_sys::Error::new("cvshield could not serialise its result"))?;
    js_sys::JSON::parse(&json)
}

fn to_js_error(error: Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.message);
    js_error.set_name("CvshieldError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js_error, &JsValue::from_str("code"), &JsValue::from_str(error.code.as_str()));
    js_error.into()
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}
