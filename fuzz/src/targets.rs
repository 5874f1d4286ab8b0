//! What each fuzz target does with its input, as plain functions: the
//! `fuzz_targets/` binaries call them, and `tests/integration/fuzz_regressions.rs` replays
//! every saved crash input through the very same function in `cargo test`.
//! A contract violation panics (that is how libFuzzer sees a crash).

use super::{check, docx_from, odt_from, with_prefix};
use cvshield::anonymize::{AnonymizeOptions, Level};
use cvshield::pipeline::{anonymize, AnonymizeInput};
use cvshield::extract::detect_format;
use cvshield::profile::{parse, ParseOptions};
use cvshield::redact::redact;
use cvshield::Format;

/// Every target by name, as `scripts/fuzz.sh` and `fuzz/artifacts/<target>/` name them.
pub const ALL: &[(&str, fn(&[u8]))] = &[
    ("fuzz_extract", extract),
    ("fuzz_pdf", pdf),
    ("fuzz_docx", docx),
    ("fuzz_odt", odt),
    ("fuzz_rtf", rtf),
    ("fuzz_html", html),
    ("fuzz_txt", txt),
    ("fuzz_parse", parse_text),
    ("fuzz_anonymize", anonymize_text),
    ("fuzz_redact", redact_document),
    ("fuzz_page_images", page_images),
];

/// Any bytes through format detection and whichever extractor it picks.
pub fn extract(data: &[u8]) {
    check(data, None);
}

/// The PDF reader: the header is forced so every input reaches it.
pub fn pdf(data: &[u8]) {
    check(&with_prefix(data, b"%PDF-", b"%PDF-1.7\n"), Some("input.pdf"));
}

/// The DOCX reader: the input is the XML (document, styles, numbering and
/// relationships parts, separated by NUL bytes), wrapped into a valid package.
pub fn docx(data: &[u8]) {
    check(&docx_from(data), Some("input.docx"));
}

/// The ODT reader: the input is the XML (content, styles and meta parts,
/// separated by NUL bytes), wrapped into a valid package.
pub fn odt(data: &[u8]) {
    check(&odt_from(data), Some("input.odt"));
}

/// The RTF reader: the header is forced so every input reaches it.
pub fn rtf(data: &[u8]) {
    check(&with_prefix(data, b"{\\rtf", b"{\\rtf1 "), Some("input.rtf"));
}

/// The HTML reader: a doctype is forced so every input reaches it.
pub fn html(data: &[u8]) {
    check(&with_prefix(data, b"<!DOCTYPE html", b"<!DOCTYPE html>"), Some("input.html"));
}

/// The plain-text and Markdown reader. Inputs that detection sends elsewhere
/// (a PDF header, markup, binary) are skipped; the first byte picks the hint.
pub fn txt(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    let hint = if selector & 1 == 1 { "input.md" } else { "input.txt" };
    if matches!(detect_format(body, Some(hint)), Ok(Format::Txt | Format::Markdown)) {
        check(body, Some(hint));
    }
}

/// Text through the whole parser: extraction of the text reader, sections,
/// rule detectors, dates and the profile builder. The first byte picks the
/// hint (odd → Markdown) and whether the parser model runs (bit 1), so the
/// fuzzer spends most of its time in the rules, which are the input-driven part.
pub fn parse_text(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    let hint = if selector & 1 == 1 { "cv.md" } else { "cv.txt" };
    let options = ParseOptions { hint: Some(hint.into()), use_model: selector & 2 == 2, ..ParseOptions::default() };
    if let Err(err) = parse(body, &options) {
        assert!(!err.message.is_empty(), "every error explains itself");
    }
}

/// Text through the anonymiser at one of its three levels (the first byte
/// picks it): detection, the candidate's name variants, merging and the
/// replacement operators. Whatever it removes, its spans must fit the text.
pub fn anonymize_text(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(body) else { return };
    let level = match selector % 3 {
        0 => Level::Basic,
        1 => Level::Moderate,
        _ => Level::Thorough,
    };
    let options = AnonymizeOptions { level, ..AnonymizeOptions::default() };
    match anonymize(AnonymizeInput::Text(text), &options) {
        Ok(out) => {
            let out_len = out.text.as_ref().map_or(usize::MAX, String::len);
            for r in &out.redactions {
                assert!(r.start <= r.end, "a redaction's span is ordered");
                assert!(r.output_start <= r.output_end && r.output_end <= out_len, "output spans fit the output");
            }
        }
        Err(err) => assert!(!err.message.is_empty(), "every error explains itself"),
    }
}

/// A document through the redactor: the first byte picks the level (`% 3`) and the format the
/// rest becomes (`/ 3 % 6`: DOCX and ODT parts as for their targets, RTF, HTML, text, Markdown).
/// A redacted document must be one the extractor reads again; a refusal must explain itself.
pub fn redact_document(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    let level = match selector % 3 {
        0 => Level::Basic,
        1 => Level::Moderate,
        _ => Level::Thorough,
    };
    let (bytes, hint) = match (selector / 3) % 6 {
        0 => (docx_from(body), "input.docx"),
        1 => (odt_from(body), "input.odt"),
        2 => (with_prefix(body, b"{\\rtf", b"{\\rtf1 "), "input.rtf"),
        3 => (with_prefix(body, b"<!DOCTYPE html", b"<!DOCTYPE html>"), "input.html"),
        4 => (body.to_vec(), "input.txt"),
        _ => (body.to_vec(), "input.md"),
    };
    let options = AnonymizeOptions { level, ..AnonymizeOptions::default() };
    match redact(&bytes, Some(hint), &options) {
        Ok(out) => assert!(!out.bytes.is_empty() || bytes.is_empty(), "a redacted document has bytes"),
        Err(err) => assert!(!err.message.is_empty(), "every error explains itself"),
    }
}

/// Page images for OCR: the first byte picks what the rest becomes (`% 4`: a PNG, a JPEG, a
/// TIFF or a PDF, by forcing its magic bytes). Every image returned must have pixels within the
/// limit and a PNG or JPEG (or, for image inputs, WebP/TIFF) type; a refusal must explain itself.
pub fn page_images(data: &[u8]) {
    use cvshield::limits::Budget;
    let Some((&selector, body)) = data.split_first() else { return };
    let bytes = match selector % 4 {
        0 => with_prefix(body, b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n"),
        1 => with_prefix(body, b"\xFF\xD8\xFF", b"\xFF\xD8\xFF"),
        2 => with_prefix(body, b"II*\0", b"II*\0"),
        _ => with_prefix(body, b"%PDF-", b"%PDF-1.7\n"),
    };
    let limits = cvshield::Limits::default();
    match cvshield::ocr::page_images(&bytes, None, &mut Budget::new(&limits)) {
        Ok(images) => {
            assert!(images.len() <= limits.max_page_images, "at most maxPageImages images");
            for image in images {
                assert!(u64::from(image.width) * u64::from(image.height) <= limits.max_image_pixels, "pixels within the limit");
                assert!(image.width > 0 && image.height > 0, "no empty images");
                assert!(image.mime_type.starts_with("image/"), "an image type");
            }
        }
        Err(err) => assert!(!err.message.is_empty(), "every error explains itself"),
    }
}
