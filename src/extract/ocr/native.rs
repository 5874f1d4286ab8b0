//! Native OCR for a call: whether a document needs it, its page images, and tesseract's result.
//!
//! `auto` OCRs only what has no text: an image input, a PDF whose pages (some or all) are
//! empty, a DOCX/ODT whose body is a picture. `always` OCRs every page, `never` nothing. PDF
//! pages are OCR'd as poppler's `pdftoppm` renders them at 300 dpi, whatever codec their scan
//! uses (CCITT fax, JBIG2 and JPEG 2000 included) and however it is stored (strips, masks).

use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::document::Format;
use crate::error::{Error, ErrorCode, Result};
use crate::extract::{detect_format, extract_within};
use crate::limits::{Budget, Limits};

use super::images::page_images;
use super::page_image::{check_count, check_pixels, PageImage};
use crate::extract::image_header::png_header;
use super::tesseract::{recognize, wait_until};
use super::types::OcrResult;

/// When a call OCRs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Only where there is no text layer, or the input is an image.
    #[default]
    Auto,
    /// Every page, in place of its text layer.
    Always,
    Never,
}

impl FromStr for OcrMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            _ => Err("expected auto, always or never".to_string()),
        }
    }
}

/// Resolution pages are rendered at for OCR.
pub const RENDER_DPI: u32 = 300;

/// The OCR result a call on `bytes` should take, or `None` when its text layer is enough.
pub fn ocr_for(bytes: &[u8], hint: Option<&str>, mode: OcrMode, languages: &[String], limits: &Limits) -> Result<Option<OcrResult>> {
    Ok(ocr_with_images(bytes, hint, mode, languages, limits)?.map(|(result, _)| result))
}

/// [`ocr_for`] with the page images OCR read, whose pixels its boxes point into (what a scan
/// redactor paints).
pub fn ocr_with_images(
    bytes: &[u8],
    hint: Option<&str>,
    mode: OcrMode,
    languages: &[String],
    limits: &Limits,
) -> Result<Option<(OcrResult, Vec<PageImage>)>> {
    let images = images_to_read(bytes, hint, mode, limits)?;
    if images.is_empty() {
        return Ok(None);
    }
    Ok(Some((recognize(&images, languages, limits)?, images)))
}

/// The page images `mode` OCRs in `bytes`; empty when its text layer is enough.
pub fn images_to_read(bytes: &[u8], hint: Option<&str>, mode: OcrMode, limits: &Limits) -> Result<Vec<PageImage>> {
    Ok(match mode {
        OcrMode::Never => Vec::new(),
        OcrMode::Auto => {
            let format = detect_format(bytes, hint)?;
            if format != Format::Image && has_text_on_every_page(bytes, hint, limits)? {
                return Ok(Vec::new());
            }
            match (page_images(bytes, hint, &mut Budget::new(limits)), format) {
                // A scan inside a PDF is read from the page poppler renders at 300 dpi rather than
                // from the stored picture: scans are often stored at 150–200 dpi, where tesseract
                // misreads small print ("STARK" read as "STARI" at 200 dpi, right at 300).
                (Ok(images), Format::Pdf) if !images.is_empty() => {
                    let wanted: Vec<usize> = images.iter().map(|i| i.page).collect();
                    let mut rendered = render_pdf(bytes, limits)?;
                    rendered.retain(|r| wanted.contains(&r.page));
                    rendered
                }
                (Ok(images), _) => images,
                (Err(e), Format::Pdf) if e.code == ErrorCode::UnsupportedFormat => render_pdf(bytes, limits)?,
                (Err(e), _) => return Err(e),
            }
        }
        OcrMode::Always => match detect_format(bytes, hint)? {
            Format::Pdf => render_pdf(bytes, limits)?,
            _ => page_images(bytes, hint, &mut Budget::new(limits))?,
        },
    })
}

/// Whether the text layer has text on every page; a document without one says no.
fn has_text_on_every_page(bytes: &[u8], hint: Option<&str>, limits: &Limits) -> Result<bool> {
    match extract_within(bytes, hint, &mut Budget::new(limits)) {
        Ok(doc) => Ok(doc.pages.iter().all(|p| p.lines.iter().any(|l| !l.text.trim().is_empty()))),
        Err(e) if e.code == ErrorCode::NoTextLayer => Ok(false),
        Err(e) => Err(e),
    }
}

/// Every page of a PDF rendered to a gray PNG at [`RENDER_DPI`] by `pdftoppm`, within the page
/// and OCR time limits.
pub fn render_pdf(bytes: &[u8], limits: &Limits) -> Result<Vec<PageImage>> {
    let dir = scratch_dir()?;
    let result = render_in(&dir, bytes, limits);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn scratch_dir() -> Result<std::path::PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir()
        .join(format!("cvshield-render-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).map_err(|_| Error::malformed("no scratch folder to render the PDF's pages in"))?;
    Ok(dir)
}

fn render_in(dir: &std::path::Path, bytes: &[u8], limits: &Limits) -> Result<Vec<PageImage>> {
    let unavailable = || {
        Error::unsupported(
            "the scan's pages need rendering and poppler's pdftoppm was not found (Debian: apt-get install poppler-utils)",
        )
    };
    let input = dir.join("input.pdf");
    std::fs::write(&input, bytes).map_err(|_| unavailable())?;
    let last = limits.max_pages.min(limits.max_page_images).max(1).to_string();
    let mut child = Command::new("pdftoppm")
        .args(["-r", &RENDER_DPI.to_string(), "-gray", "-png", "-l", &last])
        .arg(&input)
        .arg(dir.join("page"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| unavailable())?;
    let deadline = Instant::now() + Duration::from_millis(limits.max_ocr_millis);
    if !wait_until(&mut child, deadline)? {
        return Err(Error::malformed("the PDF's pages could not be rendered for OCR"));
    }
    let mut pages: Vec<(usize, std::path::PathBuf)> = std::fs::read_dir(dir)
        .map_err(|_| unavailable())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.strip_prefix("page-")?.parse().ok()?;
            (p.extension()? == "png").then_some((stem, p))
        })
        .collect();
    pages.sort();
    let budget = Budget::new(limits);
    check_count(pages.len(), &budget)?;
    let mut out = Vec::with_capacity(pages.len());
    for (page, path) in pages {
        let bytes = std::fs::read(&path).map_err(|_| unavailable())?;
        let (width, height, _) =
            png_header(&bytes).ok_or_else(|| Error::malformed("a rendered page could not be read"))?;
        check_pixels(width, height, &budget)?;
        out.push(PageImage { page, width, height, dpi: RENDER_DPI as f32, mime_type: "image/png", bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse() {
        assert_eq!("auto".parse(), Ok(OcrMode::Auto));
        assert_eq!("always".parse(), Ok(OcrMode::Always));
        assert_eq!("never".parse(), Ok(OcrMode::Never));
        assert!("sometimes".parse::<OcrMode>().is_err());
    }

    #[test]
    fn a_text_document_needs_no_ocr_in_auto_mode() {
        let langs = vec!["eng".to_string()];
        let out = ocr_for(b"Jane Doe\nEngineer\n", None, OcrMode::Auto, &langs, &Limits::default()).unwrap();
        assert!(out.is_none());
    }
}
