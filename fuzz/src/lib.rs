//! Shared pieces of the fuzz targets: running `extract` with the contract
//! checks, and steering raw fuzz bytes into one format's reader (a magic
//! prefix, or XML parts wrapped into a DOCX/ODT package), so each target
//! spends its time inside one extractor instead of in format detection.
//!
//! Nothing here depends on libFuzzer: `tests/integration/fuzz_regressions.rs` includes
//! this file (and `targets.rs`) to replay saved crash inputs in `cargo test`.

pub mod targets;

use cvshield::{extract, Document, ExtractOptions};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Extract and check what a panic-free run must also guarantee.
pub fn check(bytes: &[u8], hint: Option<&str>) -> Option<Document> {
    let options = ExtractOptions { hint: hint.map(str::to_string), ..ExtractOptions::default() };
    match extract(bytes, &options) {
        Ok(doc) => {
            for (i, page) in doc.pages.iter().enumerate() {
                assert_eq!(page.number, i + 1, "pages are numbered from 1 in order");
            }
            Some(doc)
        }
        Err(err) => {
            assert!(!err.message.is_empty(), "every error explains itself");
            None
        }
    }
}

/// Prefix `header` unless the input already starts with `marker` (a real
/// file's own header, e.g. `%PDF-1.4`, must stay first: PDF offsets count from it).
pub fn with_prefix(data: &[u8], marker: &[u8], header: &[u8]) -> Vec<u8> {
    if data.starts_with(marker) {
        data.to_vec()
    } else {
        [header, data].concat()
    }
}

/// Split the input at NUL bytes into at most `n` parts (XML parts never hold NUL).
pub fn split_parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |&b| b == 0).collect()
}

const DOCX_CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const DOCX_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A DOCX whose document, styles, numbering and relationship parts come from the fuzz input.
pub fn docx_from(data: &[u8]) -> Vec<u8> {
    let names = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels"];
    let mut files: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", DOCX_CONTENT_TYPES), ("_rels/.rels", DOCX_RELS)];
    files.extend(names.iter().copied().zip(split_parts(data, names.len())));
    zip_of(&files)
}

/// An ODT whose content, styles and meta parts come from the fuzz input.
pub fn odt_from(data: &[u8]) -> Vec<u8> {
    let names = ["content.xml", "styles.xml", "meta.xml"];
    let mut files: Vec<(&str, &[u8])> = vec![("mimetype", b"application/vnd.oasis.opendocument.text")];
    files.extend(names.iter().copied().zip(split_parts(data, names.len())));
    zip_of(&files)
}

/// Write a zip in memory. Members are stored, not deflated: compressing every
/// fuzz input would cost more than the extraction under test (the robustness
/// test covers deflated members).
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in files {
        writer.start_file(*name, options).expect("in-memory zip");
        writer.write_all(bytes).expect("in-memory zip");
    }
    writer.finish().expect("in-memory zip").into_inner()
}
