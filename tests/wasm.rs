//! The JavaScript API as JS sees it, run in Node and in headless Chromium.
//!
//! These call the exported functions with real JS values (`Uint8Array`,
//! `ArrayBuffer`, option objects) and inspect the JS objects and `Error`s that
//! come back, so they cover the glue in `src/wasm.rs` as well as extraction.
//! The environment is chosen by the runner, not the code: Node by default,
//! Chromium with `WASM_BINDGEN_USE_BROWSER=1` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use cvshield::wasm::{anonymize_js, check_input_size_js, default_limits, extract_js, models, page_images_js, parse_js, redact_js, version};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const HELLO_TXT: &[u8] = include_bytes!("fixtures/wasm/hello.txt");
const HELLO_PDF: &[u8] = include_bytes!("fixtures/wasm/hello.pdf");
const HELLO_DOCX: &[u8] = include_bytes!("fixtures/wasm/hello.docx");
/// Scans (tests/fixtures/ocr, made by scripts/fixtures/make_ocr_fixtures.py).
const SCAN_JPEG_PDF: &[u8] = include_bytes!("fixtures/ocr/scan_jpeg.pdf");
const SCAN_FLATE_PDF: &[u8] = include_bytes!("fixtures/ocr/scan_flate.pdf");
const SCAN_G4_PDF: &[u8] = include_bytes!("fixtures/ocr/scan_g4.pdf");
const PHOTO_PNG: &[u8] = include_bytes!("fixtures/ocr/en_150.png");

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property read")
}

fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

/// `{ limits: { <key>: <value> } }` as a JS object.
fn limits_option(key: &str, value: f64) -> Object {
    let limits = Object::new();
    Reflect::set(&limits, &key.into(), &value.into()).unwrap();
    let options = Object::new();
    Reflect::set(&options, &"limits".into(), &limits).unwrap();
    options
}

/// All line texts of a returned Document object, in order.
fn line_texts(document: &JsValue) -> Vec<String> {
    let pages: Array = get(document, "pages").dyn_into().expect("pages is an array");
    let mut texts = Vec::new();
    for page in pages.iter() {
        let lines: Array = get(&page, "lines").dyn_into().expect("lines is an array");
        for line in lines.iter() {
            texts.push(get_str(&line, "text"));
        }
    }
    texts
}

/// Assert that `result` failed with a CvshieldError carrying `code`.
fn assert_error_code(result: Result<JsValue, JsValue>, code: &str) -> js_sys::Error {
    let error = result.expect_err("extract should have failed");
    let error: js_sys::Error = error.dyn_into().expect("thrown value is an Error");
    assert_eq!(String::from(error.name()), "CvshieldError");
    assert_eq!(get_str(&error, "code"), code);
    assert!(!String::from(error.message()).is_empty(), "message must explain the failure");
    error
}

// ---- behaviour that holds on every branch --------------------------------------

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn default_limits_are_a_plain_object_in_camel_case() {
    let limits = default_limits().unwrap();
    assert_eq!(get(&limits, "maxInputBytes").as_f64(), Some(20.0 * 1024.0 * 1024.0));
    assert_eq!(get(&limits, "maxPages").as_f64(), Some(100.0));
    assert_eq!(get(&limits, "maxMillis").as_f64(), Some(10_000.0));
}

#[wasm_bindgen_test]
fn check_input_size_refuses_what_extract_would() {
    assert!(check_input_size_js(16.0, Some(limits_option("maxInputBytes", 16.0))).is_ok());
    let result = check_input_size_js(17.0, Some(limits_option("maxInputBytes", 16.0))).map(|()| JsValue::UNDEFINED);
    assert_error_code(result, "too_large");
    let error = check_input_size_js(f64::NAN, None).expect_err("NaN is no length");
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn models_is_an_array_of_kind_name_version() {
    let list: Array = models().unwrap().dyn_into().expect("an array");
    for model in list.iter() {
        assert!(["parser", "anonymizer"].contains(&get_str(&model, "kind").as_str()));
        assert!(!get_str(&model, "name").is_empty());
        assert!(!get_str(&model, "version").is_empty());
    }
}

#[wasm_bindgen_test]
fn empty_input_is_unsupported_format() {
    assert_error_code(extract_js(bytes(b""), None), "unsupported_format");
}

#[wasm_bindgen_test]
fn an_image_without_ocr_is_no_text_layer_and_says_ocr_reads_it() {
    let error = assert_error_code(extract_js(bytes(PHOTO_PNG), None), "no_text_layer");
    assert!(String::from(error.message()).contains("OCR"), "{}", String::from(error.message()));
}

// ---- scans: page images out, OCR words in --------------------------------------

/// The `i`th image pageImages() returns for `data`, checked to be a plain object with a typed array.
fn page_image(data: &[u8], i: u32) -> JsValue {
    let images: Array = page_images_js(bytes(data), None).expect("page images").dyn_into().expect("an array");
    let image = images.get(i);
    assert!(get(&image, "bytes").is_instance_of::<Uint8Array>(), "bytes is a Uint8Array, not an array of numbers");
    image
}

#[wasm_bindgen_test]
fn page_images_of_an_image_only_pdf_pass_its_jpeg_through() {
    let image = page_image(SCAN_JPEG_PDF, 0);
    assert_eq!(get(&image, "page").as_f64(), Some(1.0));
    assert_eq!(get_str(&image, "mimeType"), "image/jpeg");
    let jpeg: Uint8Array = get(&image, "bytes").dyn_into().unwrap();
    assert_eq!(jpeg.to_vec()[..2], [0xff, 0xd8], "a JPEG");
    assert!(get(&image, "width").as_f64().unwrap() > 1000.0);
    assert!((get(&image, "dpi").as_f64().unwrap() - 300.0).abs() < 1.0, "an A4 page 2480 px wide is 300 dpi");
}

#[wasm_bindgen_test]
fn page_images_of_flate_pixels_are_png_and_of_an_image_the_image_itself() {
    let png: Uint8Array = get(&page_image(SCAN_FLATE_PDF, 0), "bytes").dyn_into().unwrap();
    assert_eq!(png.to_vec()[..8], *b"\x89PNG\r\n\x1a\n");
    let photo = page_image(PHOTO_PNG, 0);
    assert_eq!(get_str(&photo, "mimeType"), "image/png");
    assert_eq!(get(&photo, "bytes").dyn_into::<Uint8Array>().unwrap().to_vec(), PHOTO_PNG);
}

#[wasm_bindgen_test]
fn page_images_of_a_ccitt_g4_scan_are_a_one_bit_png() {
    let image = page_image(SCAN_G4_PDF, 0);
    assert_eq!(get_str(&image, "mimeType"), "image/png");
    let png: Uint8Array = get(&image, "bytes").dyn_into().unwrap();
    let png = png.to_vec();
    assert_eq!(png[..8], *b"\x89PNG\r\n\x1a\n");
    assert_eq!((png[24], png[25]), (1, 0), "bit depth 1, grey");
    assert_eq!((get(&image, "width").as_f64(), get(&image, "height").as_f64()), (Some(2481.0), Some(3507.0)));
}

#[wasm_bindgen_test]
fn page_images_refuse_a_text_document_and_bad_options() {
    let error = page_images_js(bytes(SMALL_CV), Some(option("ocr", JsValue::TRUE))).expect_err("no such option");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert_error_code(page_images_js(bytes(b""), None), "unsupported_format");
}

/// An OcrResult as the page hands it over: two lines of words on a 300-dpi A4 page image.
fn ocr_result() -> JsValue {
    ocr_result_of(2480, 3508)
}

/// [`ocr_result`] on a page image of `width` × `height` pixels.
fn ocr_result_of(width: u32, height: u32) -> JsValue {
    let word = |text: &str, x0: u32, y0: u32| {
        let x1 = x0 + 40 * text.chars().count() as u32;
        format!(r#"{{"text":"{text}","bbox":{{"x0":{x0},"y0":{y0},"x1":{x1},"y1":{}}},"confidence":95}}"#, y0 + 50)
    };
    let words = [word("Jane", 300, 300), word("Example", 500, 300), word("jane.example@example.org", 300, 420)].join(",");
    let json = format!(
        r#"{{"pages":[{{"number":1,"width":{width},"height":{height},"dpi":300,"words":[{words}]}}],"languages":["eng"],"engine":"tesseract.js 7.0.0"}}"#
    );
    js_sys::JSON::parse(&json).unwrap()
}

#[wasm_bindgen_test]
fn the_ocr_option_makes_the_document_of_a_scan() {
    assert_error_code(extract_js(bytes(SCAN_JPEG_PDF), None), "no_text_layer");
    let document = extract_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", ocr_result()))).expect("OCR words read");
    assert_eq!(line_texts(&document), ["Jane Example", "jane.example@example.org"]);
    let ocr = get(&get(&document, "metadata"), "ocr");
    assert_eq!(get_str(&ocr, "engine"), "tesseract.js 7.0.0");
    assert_eq!(get(&ocr, "languages").dyn_into::<Array>().unwrap().get(0).as_string().as_deref(), Some("eng"));
    let profile = parse_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", ocr_result()))).expect("a scan parses");
    assert_eq!(get_str(&get(&profile, "basics"), "email"), "jane.example@example.org");
    let anonymized = anonymize_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", ocr_result()))).expect("a scan anonymises");
    assert!(!get_str(&anonymized, "text").contains("jane.example@example.org"));
    // Redacted: a new PDF of the painted page image, with no text layer. The boxes must be those
    // of the page image pageImages() gives, which OCR read: another size is refused.
    assert_error_code(redact_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", ocr_result_of(2000, 3000)))), "unsupported_redaction");
    let image = page_image(SCAN_JPEG_PDF, 0);
    let size = |key: &str| get(&image, key).as_f64().unwrap() as u32;
    let ocr = ocr_result_of(size("width"), size("height"));
    let redacted = redact_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", ocr))).expect("a scan is repainted");
    assert_eq!((get_str(&redacted, "format"), get_str(&redacted, "mimeType")), ("pdf".to_string(), "application/pdf".to_string()));
    let pdf = get(&redacted, "bytes").dyn_into::<Uint8Array>().unwrap().to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_error_code(extract_js(bytes(&pdf), None), "no_text_layer");
}

#[wasm_bindgen_test]
fn a_malformed_ocr_option_is_a_type_error() {
    let bad = js_sys::JSON::parse(r#"{"pages":[{"number":1,"words":"none"}],"languages":[],"engine":"x"}"#).unwrap();
    for result in [extract_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", bad.clone()))), parse_js(bytes(SCAN_JPEG_PDF), Some(option("ocr", bad)))] {
        assert!(result.expect_err("not an OcrResult").is_instance_of::<js_sys::TypeError>());
    }
}

#[wasm_bindgen_test]
fn input_over_max_input_bytes_is_too_large() {
    let error = assert_error_code(extract_js(bytes(HELLO_TXT), Some(limits_option("maxInputBytes", 16.0))), "too_large");
    // The message gives the numbers, so users know which limit to raise.
    let message = String::from(error.message());
    assert!(message.contains(&HELLO_TXT.len().to_string()), "{message}");
    assert!(message.contains("16"), "{message}");
}

#[wasm_bindgen_test]
fn too_large_is_checked_for_array_buffers_too() {
    let buffer: ArrayBuffer = Uint8Array::from(HELLO_PDF).buffer();
    assert_error_code(extract_js(buffer.into(), Some(limits_option("maxInputBytes", 8.0))), "too_large");
}

#[wasm_bindgen_test]
fn wrong_input_type_is_a_type_error() {
    let error = extract_js(JsValue::from_str("Hello"), None).expect_err("a string is not bytes");
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn malformed_options_are_a_type_error() {
    let options = Object::new();
    Reflect::set(&options, &"limits".into(), &"lots".into()).unwrap();
    let error = extract_js(bytes(HELLO_TXT), Some(options)).expect_err("limits must be an object");
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

// ---- extraction: these need the TXT, PDF and DOCX extractors --------------------

#[wasm_bindgen_test]
fn extracts_text_from_a_uint8array() {
    let document = extract_js(bytes(HELLO_TXT), None).expect("TXT extracts");
    assert_eq!(get_str(&document, "format"), "txt");
    assert_eq!(
        line_texts(&document),
        ["Hello from cvshield", "Jane Example — Software Engineer", "Skills: Rust, WebAssembly"]
    );
    // A plain object (not a Map), with the metadata the model promises.
    assert_eq!(get(&get(&document, "metadata"), "pages").as_f64(), Some(1.0));
    assert!(Array::is_array(&get(&document, "links")));
}

#[wasm_bindgen_test]
fn extracts_text_from_an_array_buffer() {
    let buffer: ArrayBuffer = Uint8Array::from(HELLO_TXT).buffer();
    let document = extract_js(buffer.into(), None).expect("TXT extracts");
    assert_eq!(line_texts(&document)[0], "Hello from cvshield");
}

#[wasm_bindgen_test]
fn markdown_hint_selects_markdown() {
    let options = Object::new();
    Reflect::set(&options, &"hint".into(), &"cv.md".into()).unwrap();
    let document = extract_js(bytes(b"# Jane Example\n\nEngineer\n"), Some(options)).expect("Markdown extracts");
    assert_eq!(get_str(&document, "format"), "markdown");
    assert!(line_texts(&document).iter().any(|t| t.contains("Jane Example")));
}

#[wasm_bindgen_test]
fn extracts_text_and_geometry_from_a_pdf() {
    let document = extract_js(bytes(HELLO_PDF), None).expect("PDF extracts");
    assert_eq!(get_str(&document, "format"), "pdf");
    assert_eq!(line_texts(&document), ["Hello PDF from cvshield"]);
    let page = Array::from(&get(&document, "pages")).get(0);
    assert_eq!(get(&page, "width").as_f64(), Some(612.0));
    assert_eq!(get(&page, "height").as_f64(), Some(792.0));
    let line = Array::from(&get(&page, "lines")).get(0);
    assert_eq!(get(&line, "fontSize").as_f64(), Some(14.0));
    // Top-left origin: a baseline at y=720 from the bottom sits near y=72 from the top.
    let bbox = get(&line, "bbox");
    let x0 = get(&bbox, "x0").as_f64().unwrap();
    let y1 = get(&bbox, "y1").as_f64().unwrap();
    assert!((x0 - 72.0).abs() < 1.0, "x0 = {x0}");
    assert!((60.0..80.0).contains(&y1), "y1 = {y1}");
}

#[wasm_bindgen_test]
fn extracts_text_and_bold_from_a_docx() {
    let document = extract_js(bytes(HELLO_DOCX), None).expect("DOCX extracts");
    assert_eq!(get_str(&document, "format"), "docx");
    assert_eq!(line_texts(&document), ["Hello DOCX from cvshield", "Second paragraph"]);
    let first = Array::from(&get(&Array::from(&get(&document, "pages")).get(0), "lines")).get(0);
    assert_eq!(get(&first, "bold").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn limit_errors_never_quote_the_document() {
    let error = assert_error_code(
        extract_js(bytes(HELLO_TXT), Some(limits_option("maxOutputChars", 5.0))),
        "limit_exceeded",
    );
    let message = String::from(error.message());
    assert!(!message.contains("Jane") && !message.contains("Hello"), "{message}");
}

// ---- parse and anonymize: the JS layer around the profile and the anonymiser ----------

const SMALL_CV: &[u8] = b"Jane Example\njane.example@example.org\n\nExperience\nSoftware Engineer, Acme Corp\n2019 - 2023\n";

/// `{ <key>: <value> }` as a JS object.
fn option(key: &str, value: JsValue) -> Object {
    let options = Object::new();
    Reflect::set(&options, &key.into(), &value).unwrap();
    options
}

#[wasm_bindgen_test]
fn parse_returns_a_plain_profile_object() {
    let profile = parse_js(bytes(SMALL_CV), None).expect("parses");
    assert!(profile.is_object() && !profile.is_instance_of::<js_sys::Map>(), "a plain object, not a Map");
    assert_eq!(get_str(&get(&profile, "basics"), "email"), "jane.example@example.org");
    assert_eq!(get_str(&get(&profile, "meta"), "sourceFormat"), "txt");
}

#[wasm_bindgen_test]
fn parse_refuses_unknown_options_and_bad_input() {
    let error = parse_js(bytes(SMALL_CV), Some(option("maxpages", 3.into()))).expect_err("a misspelt option");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert_error_code(parse_js(bytes(b""), None), "unsupported_format");
}

#[wasm_bindgen_test]
fn anonymize_takes_bytes_and_text_and_reports_its_level() {
    let options = option("level", "thorough".into());
    let from_bytes = anonymize_js(bytes(SMALL_CV), Some(options.clone())).expect("anonymises bytes");
    let text = get_str(&from_bytes, "text");
    assert!(!text.contains("jane.example@example.org"), "{text}");
    assert_eq!(get_str(&get(&from_bytes, "meta"), "level"), "thorough");
    let as_text = String::from_utf8_lossy(SMALL_CV).into_owned();
    let from_text = anonymize_js(JsValue::from_str(&as_text), Some(options)).expect("anonymises text");
    assert!(!get_str(&from_text, "text").contains("jane.example@example.org"));
}

#[wasm_bindgen_test]
fn anonymize_checks_level_key_and_input_types() {
    let error = anonymize_js(bytes(SMALL_CV), Some(option("level", "extreme".into()))).expect_err("no such level");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    let short_key: JsValue = Uint8Array::from(&[1u8, 2, 3][..]).into();
    assert_error_code(anonymize_js(bytes(SMALL_CV), Some(option("key", short_key))), "invalid_key");
    let error = anonymize_js(JsValue::from_f64(42.0), None).expect_err("a number is no input");
    assert!(error.is_instance_of::<js_sys::TypeError>());
}
