//! OCR words → [`Document`]: lines from [`super::lines`], repaired by [`super::repair`], then
//! columns and reading order from the PDF layout stage.
//!
//! Each word becomes one placed glyph (in points: pixels × 72 / dpi) on its line's baseline,
//! followed by a space glyph, so the layout stage never joins two words OCR separated and never
//! splits one. Columns, gutters, headings by size and bullets then come out exactly as for a
//! text PDF. Boxes are those of the straightened page (see [`super::lines::deskew`]).

use std::collections::HashMap;

use crate::document::{Document, Format, Line, Metadata, OcrInfo, Page};
use crate::error::{Error, Result};
use crate::extract::pdf::glyph::{Glyph, PageGlyphs};
use crate::extract::pdf::layout::{self, LineGlyph};
use crate::limits::Budget;

use super::lines::{clean_words, deskew, group_lines, skew_slope, trim_overreach, OcrLine};
use super::repair::repair_lines;
use super::lines::size::size_segments;
use super::weight::mark_bold;
use super::types::{OcrPage, OcrResult};

/// Resolutions outside this range are not a page scan's; the page is taken as A4-wide instead.
const MIN_DPI: f32 = 20.0;
const MAX_DPI: f32 = 2400.0;
/// A4's width in inches, for pages whose resolution is unknown.
const A4_WIDTH_INCHES: f32 = 8.27;

/// Lines, columns and reading order from OCR words: the Document every later stage reads.
/// Its format is [`Format::Image`]; a caller that OCR'd the pages of a PDF or DOCX sets its own.
pub fn document_from_ocr(result: &OcrResult, budget: &mut Budget) -> Result<Document> {
    let (laid_out, mean_confidence) = lay_out(result, budget)?;
    let pages: Vec<Page> = laid_out
        .into_iter()
        .map(|p| Page { number: p.number, width: p.width, height: p.height, lines: p.lines.into_iter().map(|(line, _)| line).collect() })
        .collect();
    let metadata = Metadata {
        pages: pages.len(),
        ocr: Some(OcrInfo { engine: result.engine.clone(), languages: result.languages.clone(), mean_confidence }),
        ..Metadata::default()
    };
    Ok(Document { format: Format::Image, metadata, pages, links: Vec::new(), warnings: Vec::new() })
}

/// One OCR page as layout built it: its lines with the glyphs each was built from, and the
/// engine's word behind every glyph, which is how a scan redactor finds the pixels of a span.
pub struct LaidOutPage {
    pub number: usize,
    /// In points.
    pub width: f32,
    pub height: f32,
    pub lines: Vec<(Line, Vec<LineGlyph>)>,
    /// Every glyph placed on the page, by `seq`.
    pub glyphs: HashMap<u32, Glyph>,
    /// The indices in the OCR page's `words` of the words each glyph (by `seq`) came from.
    pub words: HashMap<u32, Vec<usize>>,
    /// Index of the page in the OCR result.
    pub source: usize,
}

/// The pages of an OCR result laid out, in the document's page order, and the mean confidence
/// of the words read; `no_text_layer` when no word is worth reading.
pub fn lay_out(result: &OcrResult, budget: &mut Budget) -> Result<(Vec<LaidOutPage>, f32)> {
    let max_pages = budget.limits().max_pages;
    if result.pages.len() > max_pages {
        return Err(Error::limit(format!("the OCR result has more than {max_pages} pages (limits.maxPages)")));
    }
    let mut pages = Vec::with_capacity(result.pages.len());
    let (mut confidence, mut words) = (0.0f64, 0usize);
    for (source, page) in result.pages.iter().enumerate() {
        budget.spend(page.words.len() as u64 * 16)?;
        let (lines, kept) = page_lines(page);
        for line in &lines {
            for w in &line.words {
                confidence += f64::from(w.confidence);
                words += 1;
            }
        }
        pages.push(layout_page(page, &lines, kept, source));
    }
    if words == 0 {
        return Err(Error::no_text_layer("OCR found no text on the page images; try a sharper scan or another language"));
    }
    crate::sort::sort_by_key(&mut pages, |p| p.number);
    Ok((pages, (confidence / words as f64) as f32))
}

/// Points per pixel of a page image.
pub fn points_per_pixel(page: &OcrPage) -> f32 {
    let dpi = if page.dpi.is_finite() && (MIN_DPI..=MAX_DPI).contains(&page.dpi) {
        page.dpi
    } else {
        (page.width as f32 / A4_WIDTH_INCHES).clamp(MIN_DPI, MAX_DPI)
    };
    72.0 / dpi
}

/// The page's lines in pixels, and how many words were kept.
fn page_lines(page: &OcrPage) -> (Vec<OcrLine>, usize) {
    let mut words = clean_words(&page.words, page.width as f32, page.height as f32);
    let kept = words.len();
    let slope = skew_slope(&words);
    deskew(&mut words, slope);
    trim_overreach(&mut words);
    let mut lines = group_lines(words);
    repair_lines(&mut lines);
    // After repair, which dropped and joined words: sizes are those of the words kept.
    let mut lines = size_segments(lines);
    mark_bold(&mut lines);
    (lines, kept)
}

fn layout_page(page: &OcrPage, lines: &[OcrLine], kept: usize, source: usize) -> LaidOutPage {
    let scale = points_per_pixel(page);
    let mut glyphs = Vec::with_capacity(8 * kept);
    let mut words = HashMap::with_capacity(8 * kept);
    let mut seq = 0u32;
    for line in lines {
        let size = line.size * scale;
        for word in &line.words {
            let glyph = |text: &str, x0: f32, x1: f32, seq: u32| Glyph {
                text: text.to_string(),
                x0: x0 * scale,
                x1: x1 * scale,
                baseline: line.baseline * scale,
                font_size: size,
                space_width: 0.25 * size,
                bold: word.bold,
                italic: false,
                upright: true,
                seq,
            };
            // Letters share the word's width evenly: layout measures gaps between letters (a
            // row's median gap is a letter gap) and word gaps by the space glyph.
            let letters = word.text.chars().count().max(1) as f32;
            let step = (word.x1 - word.x0) / letters;
            for (i, c) in word.text.chars().enumerate() {
                let x0 = word.x0 + step * i as f32;
                glyphs.push(glyph(c.encode_utf8(&mut [0; 4]), x0, x0 + step, seq));
                words.insert(seq, word.sources.clone());
                seq = seq.saturating_add(1);
            }
            glyphs.push(glyph(" ", word.x1, word.x1, seq));
            seq = seq.saturating_add(1);
        }
    }
    let (width, height) = (page.width as f32 * scale, page.height as f32 * scale);
    let placed = PageGlyphs { width, height, glyphs };
    let mut lines = layout::page_lines_traced(&placed);
    // Weight read from a word's stroke in the pixels marks a line's emphasis well, but words of
    // one name come out in different weights too often to cut fields where it changes.
    for (line, _) in lines.iter_mut() {
        line.weight_break = None;
    }
    let glyphs = placed.glyphs.into_iter().map(|g| (g.seq, g)).collect();
    LaidOutPage { number: page.number.max(1), width, height, lines, glyphs, words, source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BBox;
    use crate::limits::Limits;
    use crate::ocr::OcrWord;

    fn word(text: &str, x0: f32, y0: f32, x1: f32, y1: f32) -> OcrWord {
        OcrWord { text: text.into(), bbox: BBox { x0, y0, x1, y1 }, confidence: 90.0, stroke: None }
    }

    fn result(words: Vec<OcrWord>) -> OcrResult {
        OcrResult {
            pages: vec![OcrPage { number: 1, width: 2480, height: 3508, dpi: 300.0, words }],
            languages: vec!["eng".into()],
            engine: "test".into(),
        }
    }

    #[test]
    fn two_columns_read_column_by_column_with_boxes_in_points() {
        // A left sidebar and a right main column, eight lines each, a wide gutter between.
        let mut words = Vec::new();
        for i in 0..8 {
            let top = 300.0 + 60.0 * i as f32;
            words.push(word(&format!("left{i}"), 150.0, top, 500.0, top + 40.0));
            words.push(word("one", 900.0, top, 1100.0, top + 40.0));
            words.push(word(&format!("right{i}"), 1130.0, top, 1500.0, top + 40.0));
        }
        let doc = document_from_ocr(&result(words), &mut Budget::new(&Limits::default())).unwrap();
        let text: Vec<&str> = doc.lines().map(|l| l.text.as_str()).collect();
        assert_eq!(text[..9], ["left0", "left1", "left2", "left3", "left4", "left5", "left6", "left7", "one right0"]);
        let first = doc.pages[0].lines[0].bbox.unwrap();
        assert!((first.x0 - 36.0).abs() < 0.5, "{first:?}");
        assert!((doc.pages[0].width - 595.2).abs() < 0.5);
        let ocr = doc.metadata.ocr.as_ref().unwrap();
        assert_eq!((ocr.languages.as_slice(), ocr.mean_confidence), (&["eng".to_string()][..], 90.0));
    }

    #[test]
    fn a_word_read_bold_from_its_pixels_cuts_no_line() {
        // Thirty regular words set the page's median stroke; the first word of the first line is
        // twice as heavy.
        let mut words = Vec::new();
        for i in 0..10 {
            let top = 300.0 + 60.0 * i as f32;
            for (j, text) in ["Northwind", "Example", "Studios"].iter().enumerate() {
                let x0 = 150.0 + 300.0 * j as f32;
                let heavy = i == 0 && j == 0;
                words.push(OcrWord { stroke: Some(if heavy { 8.0 } else { 4.0 }), ..word(text, x0, top, x0 + 260.0, top + 40.0) });
            }
        }
        let doc = document_from_ocr(&result(words), &mut Budget::new(&Limits::default())).unwrap();
        let first = &doc.pages[0].lines[0];
        assert_eq!(first.text, "Northwind Example Studios");
        assert_eq!(first.weight_break, None);
    }

    #[test]
    fn nothing_read_is_no_text_layer() {
        let noise = vec![word("|", 10.0, 10.0, 12.0, 40.0)];
        let mut r = result(noise);
        r.pages[0].words[0].confidence = 3.0;
        let err = document_from_ocr(&r, &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::NoTextLayer);
    }

    #[test]
    fn an_unknown_resolution_is_taken_as_an_a4_wide_page() {
        let page = OcrPage { number: 1, width: 1654, height: 2339, dpi: 0.0, words: Vec::new() };
        assert!((points_per_pixel(&page) * 1654.0 - 595.4).abs() < 1.0);
    }
}
