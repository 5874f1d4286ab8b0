//! Redacting a scan: the removed words painted out of the page image that OCR read.
//!
//! A scan's text is pixels, so no renderer can cut it; instead every word of a removed span is
//! covered by an opaque black box (the union of the OCR word boxes behind the span, with a small
//! margin), in the page image decoded to pixels and encoded anew ([`crate::ocr::raster`]), so no original
//! pixel is left under a box and nothing of the original file (EXIF, text chunks, the PDF's Info
//! dictionary, XMP, outline, annotations) is carried over. Replacements are not drawn: the box
//! says something was removed, and the anonymised text carries the replacement.
//!
//! - An image input (PNG, JPEG) comes back as a PNG (lossless, so the boxes stay exactly black).
//! - An image-only PDF comes back as a new PDF ([`pdf_out`]) with one painted image per page and
//!   the pages' sizes; a page OCR did not read has no text and comes back blank.
//! - A DOCX or ODT holding a page picture is refused (`unsupported_redaction`).
//!
//! Spans are mapped to words through the same layout that made the document's text
//! ([`crate::ocr::document::lay_out`]): each glyph of the text knows the OCR word it came from. A
//! span covering part of an OCR word (`e-mail:jane@x.org` read as one word) paints the whole
//! word: the safe side, and so does any word whose centre lies in a removed word's box (the
//! engine reading one place twice). From `moderate` on, which removes photos, everything outside the boxes of
//! the words kept is painted white as well: OCR finds words, not faces, so a portrait, a
//! signature or a logo goes with the rest of what is not text.
//!
//! The output is checked as the other renderers' is: read back by the crate's own readers (the
//! PNG decoded, the PDF's page images extracted and decoded), every removed word's box must be
//! black in every pixel, and a PDF must have no text layer. Where an OCR engine runs natively
//! the output is OCR'd again too ([`crate::redact::redact_reread`]).

pub mod pdf_out;

use std::collections::BTreeSet;

use super::pdf::locate::{self, PageLayout};
use super::{RedactInput, Rendered};
use crate::document::{BBox, Format};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::Budget;
use crate::ocr::document::{lay_out, LaidOutPage};
use crate::ocr::{OcrPage, OcrResult, PageImage};
use crate::ocr::raster::{decode, PixelBox, BLACK, WHITE};

/// A box reaches this share of its word's height beyond it on every side…
const MARGIN_SHARE: f32 = 0.15;
/// …and at least this many pixels (antialiased edges of the letters).
const MIN_MARGIN: f32 = 2.0;

/// One painted page image, encoded at once so a document holds one page's pixels at a time.
struct PaintedPage {
    /// The page number OCR gave.
    number: usize,
    /// Size, colour and samples as [`pdf_out`] embeds them, or a PNG for an image input.
    image: pdf_out::Image,
    /// The removed words' boxes, which must all be black.
    boxes: Vec<PixelBox>,
}

/// The painted page images of one scanned document.
struct Painted {
    pages: Vec<PaintedPage>,
}

/// Redact a scanned document: `images` are the page images OCR read for `ocr`.
pub fn redact(bytes: &[u8], input: &RedactInput, ocr: &OcrResult, images: &[PageImage], budget: &mut Budget) -> Result<Rendered> {
    let format = input.document.format;
    if matches!(format, Format::Docx | Format::Odt) {
        return Err(Error::unsupported_redaction(format!(
            "a {} holding a scanned page cannot be repainted in its own format; the anonymised text and profile are available",
            format.as_str()
        )));
    }
    if !matches!(format, Format::Image | Format::Pdf) {
        return Err(Error::unsupported_redaction("only scans (images and image-only PDFs) are repainted"));
    }
    let painted = paint(input, ocr, images, format, budget)?;
    let bytes = match format {
        Format::Image => match painted.pages.as_slice() {
            [page] => page.image.data.clone(),
            _ => return Err(Error::unsupported_redaction("an image input is one page; the OCR result has several")),
        },
        _ => write_pdf(bytes, &painted, budget)?,
    };
    check(&bytes, format, &painted, budget)?;
    Ok(Rendered { bytes, photos_removed: 0 })
}

/// Every OCR'd page image decoded and painted.
fn paint(input: &RedactInput, ocr: &OcrResult, images: &[PageImage], format: Format, budget: &mut Budget) -> Result<Painted> {
    // Every page with text must be one OCR read: the text of a mixed PDF's other pages is a
    // text layer, which this renderer does not cut.
    let read: BTreeSet<usize> = ocr.pages.iter().map(|p| p.number.max(1)).collect();
    if read.len() != ocr.pages.len() {
        return Err(Error::unsupported_redaction("the OCR result names a page twice"));
    }
    if input.document.pages.iter().any(|p| !p.lines.is_empty() && !read.contains(&p.number)) {
        return Err(Error::unsupported_redaction(
            "the PDF mixes a text layer with scanned pages, which cannot be redacted together; the anonymised text and profile are available",
        ));
    }
    let (laid_out, _) = lay_out(ocr, budget)?;
    let layouts: Vec<PageLayout> = laid_out.iter().map(|p| PageLayout { lines: &p.lines, glyphs: &p.glyphs }).collect();
    let cuts = locate::locate(input.text(), &layouts, input.plan)?;
    let mut pages = Vec::with_capacity(laid_out.len());
    for (page, cut) in laid_out.iter().zip(&cuts) {
        let Some(ocr_page) = ocr.pages.get(page.source) else { continue };
        let image = images
            .iter()
            .find(|i| i.page == page.number && i.width == ocr_page.width && i.height == ocr_page.height)
            .ok_or_else(|| {
                Error::unsupported_redaction("the OCR result does not match the document's page images, so its boxes cannot be painted")
            })?;
        let mut removed: BTreeSet<usize> = cut.seqs.iter().filter_map(|s| page.words.get(s)).flatten().copied().collect();
        // A word whose centre lies in a removed word's box goes too: the engine can read one
        // place twice (a ghost of a bold word, an overprint), and layout keeps only one of them.
        budget.spend(removed.len() as u64 * ocr_page.words.len() as u64 / 16)?;
        let under = under_removed(ocr_page, &removed);
        removed.extend(under);
        let mut raster = decode(&image.bytes, budget)?;
        if (raster.width, raster.height) != (ocr_page.width, ocr_page.height) {
            return Err(Error::unsupported_redaction("a page image decodes to another size than OCR read"));
        }
        budget.spend(u64::from(raster.width) * u64::from(raster.height) / 16)?;
        let black: Vec<PixelBox> = removed.iter().filter_map(|&i| ocr_page.words.get(i)).filter_map(|w| pixel_box(&w.bbox, ocr_page)).collect();
        if input.removes_photos() {
            raster.fill_outside(&kept_boxes(page, ocr_page, &removed), WHITE);
        }
        for b in &black {
            budget.spend(u64::from(b.x1 - b.x0) * u64::from(b.y1 - b.y0) / 64 + 1)?;
            raster.fill(*b, BLACK);
        }
        let image = match format {
            Format::Image => pdf_out::Image::png(&raster)?,
            _ => pdf_out::Image::flate(&raster)?,
        };
        pages.push(PaintedPage { number: page.number, image, boxes: black });
    }
    Ok(Painted { pages })
}

/// The words whose centre lies inside the box of a word in `removed` (and not in it already).
fn under_removed(page: &OcrPage, removed: &BTreeSet<usize>) -> Vec<usize> {
    let boxes: Vec<&BBox> = removed.iter().filter_map(|&i| page.words.get(i)).map(|w| &w.bbox).collect();
    page.words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let (cx, cy) = (0.5 * (w.bbox.x0 + w.bbox.x1), 0.5 * (w.bbox.y0 + w.bbox.y1));
            !removed.contains(i) && boxes.iter().any(|b| cx >= b.x0.min(b.x1) && cx <= b.x0.max(b.x1) && cy >= b.y0.min(b.y1) && cy <= b.y0.max(b.y1))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The boxes of the words kept on a page: those layout read (noise is not kept) and not removed.
fn kept_boxes(page: &LaidOutPage, ocr_page: &OcrPage, removed: &BTreeSet<usize>) -> Vec<PixelBox> {
    let read: BTreeSet<usize> = page.words.values().flatten().copied().collect();
    read.difference(removed).filter_map(|&i| ocr_page.words.get(i)).filter_map(|w| pixel_box(&w.bbox, ocr_page)).collect()
}

/// A word's box in whole pixels with its margin, cut to the page; `None` for a box that is not
/// a box (not finite, empty, or off the page).
fn pixel_box(b: &BBox, page: &OcrPage) -> Option<PixelBox> {
    let coords = [b.x0, b.y0, b.x1, b.y1];
    if !coords.iter().all(|v| v.is_finite()) {
        return None;
    }
    let (x0, x1) = (b.x0.min(b.x1), b.x0.max(b.x1));
    let (y0, y1) = (b.y0.min(b.y1), b.y0.max(b.y1));
    let margin = (MARGIN_SHARE * (y1 - y0)).max(MIN_MARGIN);
    let clamp = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
    let out = PixelBox {
        x0: clamp((x0 - margin).floor(), page.width),
        y0: clamp((y0 - margin).floor(), page.height),
        x1: clamp((x1 + margin).ceil(), page.width),
        y1: clamp((y1 + margin).ceil(), page.height),
    };
    (out.x0 < out.x1 && out.y0 < out.y1).then_some(out)
}

/// The new PDF: every page of the original at its size, painted where OCR read it, blank
/// elsewhere.
fn write_pdf(bytes: &[u8], painted: &Painted, budget: &mut Budget) -> Result<Vec<u8>> {
    let sizes = page_sizes(bytes, budget)?;
    let pages: Vec<pdf_out::OutPage> = sizes
        .iter()
        .enumerate()
        .map(|(i, &(width, height))| pdf_out::OutPage {
            width,
            height,
            image: painted.pages.iter().find(|p| p.number == i + 1).map(|p| &p.image),
        })
        .collect();
    if painted.pages.iter().any(|p| p.number > sizes.len()) {
        return Err(Error::unsupported_redaction("the OCR result names a page the PDF does not have"));
    }
    pdf_out::write(&pages)
}

/// Each page's visible size in points as shown (a page turned by a quarter has its sides swapped).
fn page_sizes(bytes: &[u8], budget: &mut Budget) -> Result<Vec<(f32, f32)>> {
    use crate::extract::pdf::{document, with_repair};
    with_repair(bytes, budget, |bytes, budget| {
        let (storage, trailer) = document::open(bytes)?;
        let infos = document::pages_checked(&storage.resolver(), &trailer, budget)?;
        Ok(infos
            .iter()
            .map(|info| {
                let [x0, y0, x1, y1] = info.bbox;
                let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
                let (w, h) = if w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0 { (w, h) } else { (595.0, 842.0) };
                if info.rotate.rem_euclid(180) == 90 {
                    (h, w)
                } else {
                    (w, h)
                }
            })
            .collect())
    })
    .map(|(sizes, _)| sizes)
}

/// The output read back by the crate's own readers: every removed box black in every pixel, and
/// no text layer in a PDF. Pages are decoded one at a time.
fn check(output: &[u8], format: Format, painted: &Painted, budget: &mut Budget) -> Result<()> {
    let unpainted =
        || Error::unsupported_redaction("a removed word is not fully painted over in the redacted scan, so it is not returned");
    let back: Vec<PageImage> = match format {
        Format::Image => vec![crate::ocr::images::image_input(output, budget)?],
        _ => {
            match crate::extract::extract_within(output, None, budget) {
                Err(e) if e.code == ErrorCode::NoTextLayer => {}
                _ => return Err(Error::unsupported_redaction("the redacted scan has a text layer, so it is not returned")),
            }
            crate::ocr::page_images(output, None, budget)?
        }
    };
    for page in &painted.pages {
        let image = back.iter().find(|i| i.page == page.number).ok_or_else(unpainted)?;
        let raster = decode(&image.bytes, budget)?;
        if (raster.width, raster.height) != (page.image.width, page.image.height) {
            return Err(unpainted());
        }
        if page.boxes.iter().any(|b| !raster.is_filled(*b, BLACK)) {
            return Err(unpainted());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
