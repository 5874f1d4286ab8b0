//! The JavaScript API, as wasm-bindgen exports it to browsers, Node and workers.
//!
//! A thin layer: it turns JS values into options and bytes, calls the same
//! [`crate::extract`], [`crate::profile::parse`] and
//! [`crate::pipeline::anonymize`] the CLI uses, and turns the result back
//! into a plain JS object. Failures become JS `Error` objects whose `code` property
//! is the stable [`ErrorCode`](crate::ErrorCode) string, so callers can branch
//! on `err.code` without parsing messages. Wrong argument types are
//! programming mistakes, not document problems, so they throw `TypeError`.
//!
//! The hand-written TypeScript below describes the JSON shapes serde
//! produces; the `unchecked_*_type` attributes put those names into the
//! generated `.d.ts`, which then has no `any` in its public signatures.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::anonymize::{AnonymizeOptions, Key};
use crate::pipeline::{anonymize, AnonymizeInput};
use crate::error::Error;
use crate::extract::{check_input_size, ExtractOptions};
use crate::limits::{Budget, Limits};
use crate::model::{catalog, Tagger};
use crate::ocr::OcrResult;
use crate::profile::ParseOptions;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r#"
import type { Profile } from "./profile.js";
/** A parsed CV: JSON Resume v1 with cvshield's extensions (profile.d.ts has its parts). */
export type { Profile };

/** The detected source format ("image": a PNG, JPEG, WebP or TIFF input, read by OCR). */
export type Format = "pdf" | "docx" | "odt" | "rtf" | "html" | "txt" | "markdown" | "image";

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
  /** UTF-8 byte offset of the word gap where a line set in two weights changes weight. */
  weightBreak?: number;
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
  /** Set when the text was read from page images by OCR (`options.ocr`). */
  ocr?: OcrInfo;
}

/** How a document's text was read by OCR. */
export interface OcrInfo {
  /** The engine and version, e.g. "tesseract.js 7.0.0". */
  engine: string;
  /** Tesseract language codes it read with. */
  languages: string[];
  /** Mean confidence (0–100) of the words kept. */
  meanConfidence: number;
}

/** One word OCR recognised; bbox in pixels of its page image, origin top-left. */
export interface OcrWord {
  text: string;
  bbox: BBox;
  /** 0–100, as tesseract gives it. */
  confidence: number;
  /** Mean stroke width in pixels, when the pixels were measured (natively only); bold is read from it. */
  stroke?: number;
}

/** The words of one page image. */
export interface OcrPage {
  /** 1-based page (of a PDF) or picture (of a DOCX/ODT body), as pageImages() numbers it. */
  number: number;
  /** Size of the page image in pixels. */
  width: number;
  height: number;
  /** Its resolution, which turns pixels into points. */
  dpi: number;
  words: OcrWord[];
}

/**
 * What OCR read from a document's page images: pass it as `options.ocr` and the document is made
 * of these words (lines, columns, reading order) instead of the bytes' text layer.
 */
export interface OcrResult {
  pages: OcrPage[];
  /** Tesseract language codes used ("eng", "deu", …). */
  languages: string[];
  /** The engine and its version, e.g. "tesseract.js 7.0.0". */
  engine: string;
}

/** An image to OCR, as pageImages() returns it. */
export interface PageImage {
  /** 1-based page (of a PDF) or picture (of a DOCX/ODT body, in document order). */
  page: number;
  /** Size in pixels. */
  width: number;
  height: number;
  /** Resolution as recorded or derived from where it is drawn. */
  dpi: number;
  mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/tiff";
  /** The encoded image. */
  bytes: Uint8Array;
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
  /** What OCR read from the document's page images (see pageImages()): read instead of the text layer. */
  ocr?: OcrResult;
}

/** The stable reason for a failure. */
export type ErrorCode =
  | "unsupported_format"
  | "malformed"
  | "encrypted"
  /** A scan or an image: pass what OCR reads from pageImages() as `options.ocr`. */
  | "no_text_layer"
  | "too_large"
  | "limit_exceeded"
  /** anonymize(): the reversible-mode key is not 32 bytes or 64 hex digits. */
  | "invalid_key"
  /** An embedded model is corrupt or does not fit this build's featurizer (a build problem). */
  | "invalid_model"
  /** redact(): the document cannot be rewritten safely in its format (never a half-redacted file). */
  | "unsupported_redaction";

export interface ParseOptions {
  /** A file name or MIME type; only separates Markdown from plain text. */
  hint?: string;
  /** Overrides for some limits; the rest keep their defaults. */
  limits?: Partial<Limits>;
  /** Run the parser model (default true); false leaves the rules alone to decide. */
  useModel?: boolean;
  /** The parser model version to run (from models(): embedded or loaded with loadModel); default the active one. */
  parserModel?: string;
  /** What OCR read from the document's page images: read instead of the text layer. */
  ocr?: OcrResult;
}

/** How much anonymize() removes; see the README's table. */
export type Level = "basic" | "moderate" | "thorough";

/** What a detector finds. */
export type EntityKind =
  | "PERSON" | "EMAIL" | "PHONE" | "URL" | "HANDLE" | "ADDRESS" | "POSTCODE" | "DATE_OF_BIRTH"
  | "ID_NUMBER" | "IBAN" | "PAYMENT_CARD" | "PHOTO" | "LOCATION" | "ORG" | "SCHOOL" | "AGE"
  | "GENDER" | "NATIONALITY" | "PLACE_OF_BIRTH" | "MARITAL_STATUS" | "RELIGION" | "HEALTH"
  | "TITLE" | "DEGREE" | "DATE" | "SKILL" | "AWARD" | "PUBLICATION";

/** How a removed span is replaced. */
export type Operator = "placeholder" | "pseudonym" | "mask" | "generalize" | "remove";

export interface AnonymizeOptions {
  /** Default "basic". */
  level?: Level;
  /** A file name or MIME type, for byte input; only separates Markdown from plain text. */
  hint?: string;
  /** Per-type operator overrides, e.g. { PERSON: "pseudonym", DATE: "remove" }. */
  operators?: Partial<Record<EntityKind, Operator>>;
  /** The candidate's name when the caller knows it (otherwise found in the CV). */
  candidateName?: string;
  /** Model spans below this confidence are ignored (default 0.5). */
  minConfidence?: number;
  limits?: Partial<Limits>;
  /**
   * Reversible mode: a 32-byte key (or 64 hex digits). Each redaction's
   * `original` then holds its value sealed with this key (XChaCha20-Poly1305).
   */
  key?: Uint8Array | string;
  /** The parser model version to run (from models()); default the active one. */
  parserModel?: string;
  /** The anonymizer model version to run (from models()); default the active one. */
  anonymizerModel?: string;
  /** What OCR read from the document's page images (pageImages()): read instead of the text layer; redact() paints the removed words out of those images. */
  ocr?: OcrResult;
}

/** One replacement made. Spans are UTF-8 byte offsets. */
export interface Redaction {
  type: EntityKind | "REFERENCES_SECTION";
  /** Span in the input's flat text (lines joined by "\n", pages by "\f"). */
  start: number;
  end: number;
  /** Span of the replacement in the anonymised text. */
  outputStart: number;
  outputEnd: number;
  replacement: string;
  detector: string;
  confidence: number;
  /** The original value sealed with the caller's key (reversible mode only). */
  original?: string;
}

export interface AnonymizeMeta {
  level: Level;
  models: { name: string; version: string }[];
  reversible: boolean;
  /** Whether the candidate's name was known, so that its variants could be looked for. */
  candidateNameKnown: boolean;
}

/** What anonymize() returns. */
export interface Anonymized {
  /** The anonymised profile. */
  profile?: Profile;
  /** The anonymised text, lines and pages kept; absent for profile input. */
  text?: string;
  redactions: Redaction[];
  /** Redactions per type. */
  counts: Partial<Record<EntityKind | "REFERENCES_SECTION", number>>;
  /** Reversible mode: each changed profile value (JSON Pointer) with its original JSON sealed. */
  profileOriginals?: { pointer: string; original: string }[];
  meta: AnonymizeMeta;
}

/** What redact() returns: the document in the input's format and what was replaced in it. */
export interface Redacted {
  /** The redacted file (DOCX in, DOCX out; ODT, RTF, HTML, text and Markdown likewise; a scanned image comes back as a PNG). */
  bytes: Uint8Array;
  /** Its MIME type, e.g. "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ("image/png" for a scanned image). */
  mimeType: string;
  format: "docx" | "odt" | "rtf" | "html" | "txt" | "markdown" | "pdf" | "image";
  /** The replacements made, as anonymize() reports them (spans in the extracted text). */
  redactions: Redaction[];
  counts: Partial<Record<EntityKind | "REFERENCES_SECTION", number>>;
  /** anonymize()'s meta, plus the portrait photos replaced by a neutral image (from moderate on). */
  meta: AnonymizeMeta & { photosRemoved: number };
}

/** Which stage a model serves. */
export type ModelKind = "parser" | "anonymizer";

/** A model version this module can run: embedded in the build or loaded with loadModel(). */
export interface ModelInfo {
  kind: ModelKind;
  name: string;
  /** Semantic version, e.g. "1.0.0". */
  version: string;
  /** Compiled into this build (the registry's active version when it was built). */
  embedded: boolean;
  /** What runs when a call names no version. */
  active: boolean;
}

export interface TagOptions {
  /** Which model: "parser" or "anonymizer". */
  model: ModelKind;
  /** Which version (from models()); default the active one. */
  version?: string;
  /** A file name or MIME type; only separates Markdown from plain text. */
  hint?: string;
  limits?: Partial<Limits>;
  /** What OCR read from the document's page images: read instead of the text layer. */
  ocr?: OcrResult;
}

/** A span one model found; start/end are UTF-8 byte offsets in the flat text. */
export interface TaggedSpan {
  label: string;
  start: number;
  end: number;
  text: string;
  confidence: number;
}

/** What tag() returns: the model's spans, and which model version produced them. */
export interface Tagged {
  spans: TaggedSpan[];
  meta: { models: { name: string; version: string }[] };
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
    let options: ExtractOptions = options_from(options, "extract")?;
    let bytes = read_bytes(&input, &options.limits, "extract")?;
    let document = crate::extract(&bytes, &options).map_err(to_js_error)?;
    to_plain_object(&document)
}

/// The JS form of [`ParseOptions`].
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsParseOptions {
    hint: Option<String>,
    limits: Limits,
    use_model: Option<bool>,
    parser_model: Option<String>,
    ocr: Option<OcrResult>,
}

/// Parse a CV into a JSON Resume profile.
///
/// Throws a `CvshieldError` when the document cannot be read, and a
/// `TypeError` when the arguments have the wrong types.
#[wasm_bindgen(js_name = parse, unchecked_return_type = "Profile")]
pub fn parse_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let js: JsParseOptions = options_from(options, "parse")?;
    let defaults = ParseOptions::default();
    let selected = select_models(&[("parser", js.parser_model.as_deref())])?;
    let options = ParseOptions { hint: js.hint, limits: js.limits, use_model: js.use_model.unwrap_or(defaults.use_model), ocr: js.ocr };
    let bytes = read_bytes(&input, &options.limits, "parse")?;
    let profile = catalog::with_selected(&selected, || crate::profile::parse(&bytes, &options)).map_err(to_js_error)?;
    to_plain_object(&profile)
}

/// Anonymise a CV (its bytes), a plain text or a parsed profile.
///
/// Throws a `CvshieldError` when the document cannot be read or the key is
/// unusable, and a `TypeError` when the arguments have the wrong types.
#[wasm_bindgen(js_name = anonymize, unchecked_return_type = "Anonymized")]
pub fn anonymize_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string | Profile")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnonymizeOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let (hint, opts, selected) = anonymize_options(options, "anonymize")?;
    let output = catalog::with_selected(&selected, || anonymize_input(&input, hint, &opts))?;
    to_plain_object(&output.map_err(to_js_error)?)
}

/// Anonymise `input` (bytes, text or profile) with `opts`.
fn anonymize_input(input: &JsValue, hint: Option<String>, opts: &AnonymizeOptions) -> Result<crate::Result<crate::anonymize::Anonymized>, JsValue> {
    let output = if let Some(text) = input.as_string() {
        check_input_size(text.len(), &opts.limits).map_err(to_js_error)?;
        anonymize(AnonymizeInput::Text(&text), opts)
    } else if input.is_instance_of::<Uint8Array>() || input.is_instance_of::<ArrayBuffer>() {
        let bytes = read_bytes(input, &opts.limits, "anonymize")?;
        anonymize(AnonymizeInput::Bytes { bytes: &bytes, hint }, opts)
    } else if input.is_object() && !js_sys::Array::is_array(input) {
        let profile: serde_json::Value =
            from_js_json(input).map_err(|e| type_error(&format!("anonymize() could not read the profile: {e}")))?;
        anonymize(AnonymizeInput::Profile(&profile), opts)
    } else {
        return Err(type_error("anonymize() takes a Uint8Array, an ArrayBuffer, a string or a profile object"));
    };
    Ok(output)
}

/// Redact a CV in its own format: the same replacements as `anonymize` at the same options, in
/// a PDF, DOCX, ODT, RTF, HTML, text or Markdown file like the input (`bytes`, with `mimeType`).
/// With `options.ocr` (what OCR read from `pageImages()`) a scan is returned with the removed
/// words painted out of its page images: a PNG for an image, a PDF for an image-only PDF.
///
/// Throws a `CvshieldError` (`unsupported_redaction` when the document cannot be rewritten
/// safely) and a `TypeError` when the arguments have the wrong types.
#[wasm_bindgen(js_name = redact, unchecked_return_type = "Redacted")]
pub fn redact_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnonymizeOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let (hint, opts, selected) = anonymize_options(options, "redact")?;
    let bytes = read_bytes(&input, &opts.limits, "redact")?;
    let output = catalog::with_selected(&selected, || crate::redact::redact(&bytes, hint.as_deref(), &opts)).map_err(to_js_error)?;
    // The document as a typed array, not through serde (which would make it an array of numbers).
    let result = to_plain_object(&output)?;
    Reflect::set(&result, &JsValue::from_str("bytes"), &Uint8Array::from(output.bytes.as_slice()))?;
    Ok(result)
}

/// The JS form of pageImages() options.
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsPageImagesOptions {
    hint: Option<String>,
    limits: Limits,
}

/// The images to OCR in a document without a text layer: an image input itself, the page images
/// of an image-only PDF, the pictures of a DOCX/ODT body. What OCR reads in them goes back as
/// `options.ocr` of extract, parse, anonymize and redact.
///
/// Each image's `bytes` is a `Uint8Array` (not through serde, which would make it an array of
/// numbers). Throws a `CvshieldError` when the document cannot be read.
#[wasm_bindgen(js_name = pageImages, unchecked_return_type = "PageImage[]")]
pub fn page_images_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExtractOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let js: JsPageImagesOptions = options_from(options, "pageImages")?;
    let bytes = read_bytes(&input, &js.limits, "pageImages")?;
    let mut budget = Budget::new(&js.limits);
    let images = crate::ocr::page_images(&bytes, js.hint.as_deref(), &mut budget).map_err(to_js_error)?;
    let array = js_sys::Array::new();
    for image in images {
        let object = js_sys::Object::new();
        let set = |name: &str, value: JsValue| Reflect::set(&object, &JsValue::from_str(name), &value);
        set("page", JsValue::from(image.page as f64))?;
        set("width", JsValue::from(image.width))?;
        set("height", JsValue::from(image.height))?;
        set("dpi", JsValue::from(image.dpi))?;
        set("mimeType", JsValue::from_str(image.mime_type))?;
        set("bytes", Uint8Array::from(image.bytes.as_slice()).into())?;
        array.push(&object);
    }
    Ok(array.into())
}

/// The model versions an anonymize call selects: (parser, anonymizer).
type ModelChoice = (Option<String>, Option<String>);

/// The options of an anonymize or redact call (`what`): the hint, the options with their key, and
/// the model versions selected. `hint`, `key` and the model versions are not part of the serde
/// form of AnonymizeOptions (which refuses unknown fields), so they are taken out first.
fn anonymize_options(options: Option<js_sys::Object>, what: &str) -> Result<(Option<String>, AnonymizeOptions, Vec<&'static Tagger>), JsValue> {
    let (hint, key, models, rest) = split_anonymize_options(options)?;
    let mut opts: AnonymizeOptions = options_from(rest, what)?;
    opts.key = key;
    let selected = select_models(&[("parser", models.0.as_deref()), ("anonymizer", models.1.as_deref())])?;
    Ok((hint, opts, selected))
}

/// `(hint, key, model versions, the other options)` of an anonymize options object.
#[allow(clippy::type_complexity)]
fn split_anonymize_options(
    options: Option<js_sys::Object>,
) -> Result<(Option<String>, Option<Key>, ModelChoice, Option<js_sys::Object>), JsValue> {
    let Some(options) = options else { return Ok((None, None, (None, None), None)) };
    let rest = js_sys::Object::assign(&js_sys::Object::new(), &options);
    let take = |name: &str| -> Result<JsValue, JsValue> {
        let value = Reflect::get(&rest, &JsValue::from_str(name))?;
        Reflect::delete_property(&rest, &JsValue::from_str(name))?;
        Ok(value)
    };
    let optional_string = |name: &str| -> Result<Option<String>, JsValue> {
        let value = take(name)?;
        match value.as_string() {
            Some(value) => Ok(Some(value)),
            None if value.is_undefined() || value.is_null() => Ok(None),
            None => Err(type_error(&format!("invalid anonymize options: {name} must be a string"))),
        }
    };
    let hint = optional_string("hint")?;
    let models = (optional_string("parserModel")?, optional_string("anonymizerModel")?);
    let key = take("key")?;
    let key = if key.is_undefined() || key.is_null() {
        None
    } else if let Some(hex) = key.as_string() {
        Some(Key::from_file_bytes(hex.as_bytes()).map_err(to_js_error)?)
    } else if let Some(bytes) = key.dyn_ref::<Uint8Array>() {
        Some(Key::from_file_bytes(&bytes.to_vec()).map_err(to_js_error)?)
    } else {
        return Err(type_error("invalid anonymize options: key must be a Uint8Array of 32 bytes or 64 hex digits"));
    };
    Ok((hint, key, models, Some(rest)))
}

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The size of this module's linear memory in bytes. Wasm memory only grows, so a figure that keeps
/// rising over many calls would mean a leak; a worker reports it in `/metrics`, the load test
/// (tests/js/load.mjs) follows it round after round.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// Throw `too_large` when an input of `byte_length` bytes would be refused
/// under `options`' limits: lets callers refuse a large file (a Blob) before
/// reading it into memory, with the same error `extract` gives.
#[wasm_bindgen(js_name = checkInputSize)]
pub fn check_input_size_js(
    byte_length: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "ExtractOptions")] options: Option<js_sys::Object>,
) -> Result<(), JsValue> {
    let options: ExtractOptions = options_from(options, "checkInputSize")?;
    if byte_length.is_nan() || byte_length < 0.0 {
        return Err(type_error("checkInputSize() takes a byte length of 0 or more"));
    }
    // Saturating float → integer conversion: lengths beyond usize are over any limit.
    check_input_size(byte_length as usize, &options.limits).map_err(to_js_error)
}

/// The model versions this module can run: the embedded ones and those loaded with
/// `loadModel`, each with whether it is the active one (what runs when a call names none).
///
/// Loads the embedded models once (later calls reuse them); a model that fails its checks
/// throws `invalid_model`.
#[wasm_bindgen(unchecked_return_type = "ModelInfo[]")]
pub fn models() -> Result<JsValue, JsValue> {
    Tagger::embedded_parser().map_err(to_js_error)?;
    Tagger::embedded_anonymizer().map_err(to_js_error)?;
    to_plain_object(&catalog::available().into_iter().map(ModelInfo::from).collect::<Vec<_>>())
}

/// A model as `models()` reports it.
#[derive(serde::Serialize)]
struct ModelInfo {
    kind: String,
    name: String,
    version: String,
    embedded: bool,
    active: bool,
}

impl From<catalog::Available> for ModelInfo {
    fn from(a: catalog::Available) -> Self {
        ModelInfo { kind: a.name.clone(), name: a.name, version: a.version, embedded: a.embedded, active: a.active }
    }
}

/// Load another model version from its bytes (`model.int8.nnef.tar`, the NNEF archive this build runs) and its `spec.json` text, so
/// calls can select it (`parserModel` / `anonymizerModel` / `tag({version})`).
///
/// Nothing is used before it is verified: the bytes must match the spec's sha256 and size, the
/// spec's featurizer must be compatible with this build's, its labels known, and the graph must
/// load and run. Otherwise throws `invalid_model` and nothing changes. Loading the same version
/// again is free; at most 8 versions can be loaded (`limit_exceeded`).
#[wasm_bindgen(js_name = loadModel, unchecked_return_type = "ModelInfo")]
pub fn load_model(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] onnx: JsValue,
    spec: String,
) -> Result<JsValue, JsValue> {
    let limits = Limits::default();
    let bytes = read_bytes(&onnx, &limits, "loadModel")?;
    let tagger = catalog::load(&bytes, &spec).map_err(to_js_error)?;
    let info = catalog::available()
        .into_iter()
        .find(|a| a.name == tagger.name() && a.version == tagger.version())
        .map(ModelInfo::from)
        .ok_or_else(|| js_sys::Error::new("cvshield lost a model it had just loaded"))?;
    to_plain_object(&info)
}

/// The JS form of tag() options.
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsTagOptions {
    model: String,
    version: Option<String>,
    hint: Option<String>,
    limits: Limits,
    ocr: Option<OcrResult>,
}

/// Run one model version over a document: its labelled spans, and in `meta.models` the version
/// that produced them.
#[wasm_bindgen(js_name = tag, unchecked_return_type = "Tagged")]
pub fn tag_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TagOptions")] options: js_sys::Object,
) -> Result<JsValue, JsValue> {
    let js: JsTagOptions = options_from(Some(options), "tag")?;
    let selected = select_models(&[(js.model.as_str(), js.version.as_deref())])?;
    let tagger = match selected.first() {
        Some(tagger) => *tagger,
        None => match js.model.as_str() {
            "parser" => Tagger::parser(),
            "anonymizer" => Tagger::anonymizer(),
            _ => return Err(type_error("invalid tag options: model must be \"parser\" or \"anonymizer\"")),
        }
        .map_err(to_js_error)?,
    };
    let bytes = read_bytes(&input, &js.limits, "tag")?;
    let mut budget = Budget::new(&js.limits);
    let doc = crate::extract::read_within(&bytes, js.hint.as_deref(), js.ocr.as_ref(), &mut budget).map_err(to_js_error)?;
    to_plain_object(&crate::model::tagging::tag_document(&doc, tagger, &mut budget).map_err(to_js_error)?)
}

/// The taggers a call names (model kind, version or None = the active one), verified to be loaded.
fn select_models(wanted: &[(&str, Option<&str>)]) -> Result<Vec<&'static Tagger>, JsValue> {
    wanted
        .iter()
        .filter_map(|(name, version)| version.map(|v| catalog::resolve(name, v).map_err(to_js_error)))
        .collect()
}

/// The default limits, to show users or to adjust one of them.
#[wasm_bindgen(js_name = defaultLimits, unchecked_return_type = "Limits")]
pub fn default_limits() -> Result<JsValue, JsValue> {
    to_plain_object(&Limits::default())
}

/// Options of function `name` from a JS object (absent: the defaults).
///
/// Read through JSON rather than field by field, so that serde's
/// `deny_unknown_fields` sees every key and a misspelt option (`maxpages`)
/// is refused instead of silently ignored.
fn options_from<T: serde::de::DeserializeOwned + Default>(options: Option<js_sys::Object>, name: &str) -> Result<T, JsValue> {
    match options {
        None => Ok(T::default()),
        // serde's message names the field and expected type, never a document.
        Some(object) => from_js_json(&object.into()).map_err(|e| type_error(&format!("invalid {name} options: {e}"))),
    }
}

/// A serde value from a plain JS value, through `JSON.stringify`.
fn from_js_json<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let json = js_sys::JSON::stringify(value).map_err(|_| "not serialisable as JSON".to_string())?;
    let json = json.as_string().ok_or_else(|| "not serialisable as JSON".to_string())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// The input's bytes, copied into wasm memory only once its size is known
/// to be within the limit: a copy of a huge buffer could exhaust the
/// module's memory, and that aborts.
fn read_bytes(input: &JsValue, limits: &Limits, name: &str) -> Result<Vec<u8>, JsValue> {
    let view = if let Some(array) = input.dyn_ref::<Uint8Array>() {
        array.clone()
    } else if let Some(buffer) = input.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(buffer)
    } else {
        return Err(type_error(&format!("{name}() takes a Uint8Array or an ArrayBuffer")));
    };
    check_input_size(view.length() as usize, limits).map_err(to_js_error)?;
    Ok(view.to_vec())
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
