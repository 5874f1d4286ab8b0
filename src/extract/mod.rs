//! Bytes → [`Document`]: format detection and one extractor per format.
//!
//! The format is decided from the bytes (magic numbers, zip directory,
//! markup sniffing); a file name or MIME type is only a hint used to choose
//! between text flavours that the bytes cannot tell apart (Markdown vs TXT).
//! Every extractor charges its work to one [`Budget`], so limits hold across
//! the whole pipeline.

pub(crate) mod archive;
pub(crate) mod detect;
mod docx;
pub(crate) mod docx_styles;
pub(crate) mod html;
pub mod image_header;
pub mod ocr;
mod odt;
mod odt_styles;
pub mod pdf;
mod rtf;
mod text;
pub(crate) mod text_encoding;
pub(crate) mod text_lines;
mod text_sink;
mod xml;

pub use detect::detect_format;
pub(crate) use xml::resolve_reference as resolve_xml_reference;

use crate::document::{Document, Format};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{Budget, Limits};
use crate::ocr::{document_from_ocr, OcrResult};

/// Options for [`extract`].
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtractOptions {
    /// A file name or MIME type, used only where the bytes are ambiguous.
    pub hint: Option<String>,
    pub limits: Limits,
    /// What OCR read from the document's page images (see [`read_within`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrResult>,
}

/// Read a document from its bytes.
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Document> {
    read_within(bytes, options.hint.as_deref(), options.ocr.as_ref(), &mut Budget::new(&options.limits))
}

/// The document of `bytes`, with the pages OCR read when there is an OCR result: each OCR'd page
/// of a PDF replaces that page of the text layer (a PDF without any text layer is its OCR'd
/// pages); an image, or a DOCX/ODT whose body is a picture, is its OCR'd pages. The first stage
/// of a call that charges all its stages to `budget`.
pub fn read_within(bytes: &[u8], hint: Option<&str>, ocr: Option<&OcrResult>, budget: &mut Budget) -> Result<Document> {
    let Some(ocr) = ocr else { return extract_within(bytes, hint, budget) };
    let limits = budget.limits().clone();
    check_input_size(bytes.len(), &limits)?;
    let format = detect_format(bytes, hint)?;
    let mut scanned = document_from_ocr(ocr, budget)?;
    scanned.format = format;
    let doc = match format {
        Format::Pdf => match extract_within(bytes, hint, budget) {
            Ok(text) => with_pages_of(text, scanned),
            Err(e) if e.code == ErrorCode::NoTextLayer => scanned,
            Err(e) => return Err(e),
        },
        _ => scanned,
    };
    enforce_output_limit(&doc, &limits)?;
    Ok(doc)
}

/// `doc` with each page of `scanned` in place of the page of its number.
fn with_pages_of(mut doc: Document, scanned: Document) -> Document {
    for page in scanned.pages {
        match doc.pages.get_mut(page.number.saturating_sub(1)) {
            Some(slot) => *slot = page,
            None => doc.pages.push(page),
        }
    }
    doc.metadata.pages = doc.metadata.pages.max(doc.pages.len());
    doc.metadata.ocr = scanned.metadata.ocr;
    doc
}

/// Why an image cannot be read without OCR, and where OCR is.
const IMAGE_NEEDS_OCR: &str =
    "the input is an image (a scan or photo of a CV) with no text layer; OCR can read it: drop it on the page, or use the command line with --ocr";

/// Read a document from its bytes as the first stage of a longer call (parse, anonymize) that
/// charges all its stages to `budget`, whose limits apply.
pub fn extract_within(bytes: &[u8], hint: Option<&str>, budget: &mut Budget) -> Result<Document> {
    let limits = budget.limits().clone();
    check_input_size(bytes.len(), &limits)?;
    let format = detect_format(bytes, hint)?;
    let doc = match format {
        Format::Pdf => pdf::extract(bytes, budget)?,
        Format::Docx => docx::extract(bytes, budget)?,
        Format::Odt => odt::extract(bytes, budget)?,
        Format::Rtf => rtf::extract(bytes, budget)?,
        Format::Html => html::extract(bytes, budget)?,
        Format::Txt | Format::Markdown => text::extract(bytes, format, budget)?,
        Format::Image => return Err(Error::no_text_layer(IMAGE_NEEDS_OCR)),
    };
    if matches!(format, Format::Docx | Format::Odt)
        && doc.lines().all(|l| l.text.trim().is_empty())
        && crate::ocr::office_images::has_page_picture(bytes, budget)?
    {
        return Err(Error::no_text_layer(
            "the document's body is a picture with no text; OCR can read it: drop it on the page, or use the command line with --ocr",
        ));
    }
    enforce_output_limit(&doc, &limits)?;
    Ok(doc)
}

/// Fail with `too_large` if an input of `len` bytes is over the limit.
/// Public so callers holding bytes elsewhere (JS buffers, streams) can refuse
/// before copying them.
pub fn check_input_size(len: usize, limits: &Limits) -> Result<()> {
    if len > limits.max_input_bytes {
        return Err(Error::too_large(format!(
            "the input is {len} bytes, over the limit of {} bytes (limits.maxInputBytes)",
            limits.max_input_bytes
        )));
    }
    Ok(())
}

fn enforce_output_limit(doc: &Document, limits: &Limits) -> Result<()> {
    let chars: usize = doc.lines().map(|l| l.text.len()).sum();
    if chars > limits.max_output_chars {
        return Err(Error::limit(format!(
            "the document holds more than {} characters of text (limits.maxOutputChars)",
            limits.max_output_chars
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BBox;
    use crate::ocr::{OcrPage, OcrWord};

    fn ocr(number: usize, words: &[&str]) -> OcrResult {
        let words = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let top = 300.0 + 60.0 * i as f32;
                OcrWord { text: w.to_string(), bbox: BBox { x0: 300.0, y0: top, x1: 800.0, y1: top + 40.0 }, confidence: 88.0, stroke: None }
            })
            .collect();
        OcrResult {
            pages: vec![OcrPage { number, width: 2480, height: 3508, dpi: 300.0, words }],
            languages: vec!["eng".into(), "deu".into()],
            engine: "tesseract test".into(),
        }
    }

    #[test]
    fn an_image_needs_ocr_and_reads_with_it() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\0";
        let mut budget = Budget::new(&Limits::default());
        assert_eq!(read_within(png, None, None, &mut budget).unwrap_err().code, ErrorCode::NoTextLayer);
        let doc = read_within(png, None, Some(&ocr(1, &["Jane", "Doe"])), &mut budget).unwrap();
        assert_eq!((doc.format, doc.text().as_str()), (Format::Image, "Jane\nDoe\n"));
        assert_eq!(doc.metadata.ocr.as_ref().map(|o| o.languages.len()), Some(2));
        assert!(doc.lines().all(|l| l.bbox.is_some()));
    }

    #[test]
    fn ocr_pages_replace_their_pages_of_a_text_document() {
        let text = b"Jane Doe\n";
        let mut budget = Budget::new(&Limits::default());
        let doc = read_within(text, None, Some(&ocr(2, &["Scanned"])), &mut budget).unwrap();
        // A flow document is its OCR'd pages; the format stays the input's.
        assert_eq!((doc.format, doc.text().as_str()), (Format::Txt, "Scanned\n"));
        let text_doc = extract_within(text, None, &mut budget).unwrap();
        let scanned = document_from_ocr(&ocr(2, &["Scanned"]), &mut budget).unwrap();
        let merged = with_pages_of(text_doc, scanned);
        assert_eq!(merged.text(), "Jane Doe\n\nScanned\n");
        assert_eq!(merged.metadata.pages, 2);
    }
}
