//! Stroke widths from a page image's pixels, natively: the engines report no font style, and a
//! CV's headings and entry headers are told apart by their weight (a text PDF says so in its
//! font, a scan only in its ink). [`super::weight`] reads bold from these widths.
//!
//! A word's stroke is the ink along a few rows across its box over the dark runs those rows
//! cross: a stem of a bold face is wider for its size. The page is decoded once (the scan
//! redactor's decoder) and each word reads a handful of rows with integer sums, so the measure
//! costs little next to OCR itself. Native only: the wasm module stays as small as it is, and
//! the page (tesseract.js) reads no weight.

use crate::document::BBox;
use crate::limits::{Budget, Limits};
use super::raster::{decode, Raster};

use super::types::OcrPage;

/// Rows read across each word's box, spread over its middle (where the stems of lower-case
/// letters and capitals alike are crossed).
const ROWS: u32 = 5;
/// A sample at least this dark (0–255, from paper) is inside a stroke.
const DARK: u32 = 128;
/// Words with fewer letters or digits than this are too short to measure; they stay unknown.
const MIN_LETTERS: usize = 3;
/// Fewer runs than this over the rows read say too little.
const MIN_RUNS: u32 = 2 * ROWS;

/// Give each word of `page` its stroke width, read from `image` (PNG or JPEG); words are left
/// unmeasured when the image cannot be decoded or is not the one the boxes point into.
pub fn measure(page: &mut OcrPage, image: &[u8], limits: &Limits) {
    let Ok(raster) = decode(image, &mut Budget::new(limits)) else { return };
    if raster.width != page.width || raster.height != page.height {
        return;
    }
    for word in &mut page.words {
        let letters = word.text.chars().filter(|c| c.is_alphanumeric()).count();
        word.stroke = if letters >= MIN_LETTERS { stroke(&raster, &word.bbox) } else { None };
    }
}

/// Mean width in pixels of the dark runs on [`ROWS`] rows across `b` (ink summed, so a stroke's
/// anti-aliased edges count for what they cover).
fn stroke(raster: &Raster, b: &BBox) -> Option<f32> {
    let px = |v: f32, max: u32| if v.is_finite() { (v.max(0.0) as u32).min(max) } else { 0 };
    let (x0, x1) = (px(b.x0, raster.width), px(b.x1, raster.width));
    let (y0, y1) = (px(b.y0, raster.height), px(b.y1, raster.height));
    let (ch, width) = (usize::from(raster.channels.max(1)), raster.width as usize);
    let (mut ink, mut runs) = (0u32, 0u32);
    for i in 0..ROWS {
        // From 3/10 to 7/10 of the box's height.
        let y = y0 + y1.saturating_sub(y0) * (3 + i) / (2 * ROWS);
        let start = (y as usize * width + x0 as usize) * ch;
        let end = (y as usize * width + x1 as usize) * ch;
        let Some(row) = raster.data.get(start..end) else { continue };
        let mut dark = false;
        for px in row.chunks_exact(ch) {
            // The darkest channel: coloured print is ink too.
            let v = 255 - u32::from(px.iter().copied().min().unwrap_or(255));
            ink += v;
            runs += u32::from(v >= DARK && !dark);
            dark = v >= DARK;
        }
    }
    (runs >= MIN_RUNS).then(|| ink as f32 / (255 * runs) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ocr::types::OcrWord;

    /// A white page of one-letter-wide stems: each word six black stems `stem` pixels wide, ten
    /// apart, 30 high, one word a row.
    fn page(stems: &[u32]) -> (OcrPage, Vec<u8>) {
        let (width, height) = (400u32, 40 * stems.len() as u32 + 40);
        let mut data = vec![255u8; (width * height) as usize];
        let mut words = Vec::new();
        for (i, &stem) in stems.iter().enumerate() {
            let top = 20 + 40 * i as u32;
            for y in top..top + 30 {
                for s in 0..6u32 {
                    for dx in 0..stem {
                        data[(y * width + 100 + 10 * s + dx) as usize] = 0;
                    }
                }
            }
            let bbox = BBox { x0: 98.0, y0: top as f32, x1: 162.0, y1: top as f32 + 30.0 };
            words.push(OcrWord { text: "word".into(), bbox, confidence: 90.0, stroke: None });
        }
        let png = Raster { width, height, channels: 1, data }.to_png().unwrap_or_default();
        (OcrPage { number: 1, width, height, dpi: 300.0, words }, png)
    }

    #[test]
    fn strokes_are_measured_in_pixels() {
        let (mut p, png) = page(&[2, 4]);
        measure(&mut p, &png, &Limits::default());
        let strokes: Vec<Option<f32>> = p.words.iter().map(|w| w.stroke).collect();
        assert_eq!(strokes, [Some(2.0), Some(4.0)]);
    }

    #[test]
    fn short_words_and_other_images_stay_unmeasured() {
        let (mut p, png) = page(&[3, 3]);
        p.words[0].text = "an".into();
        measure(&mut p, &png, &Limits::default());
        assert_eq!(p.words.iter().map(|w| w.stroke).collect::<Vec<_>>(), [None, Some(3.0)]);
        let (mut p, _) = page(&[3]);
        measure(&mut p, b"not an image", &Limits::default());
        assert_eq!(p.words[0].stroke, None);
        let (mut p, png) = page(&[3]);
        p.width += 1;
        measure(&mut p, &png, &Limits::default());
        assert_eq!(p.words[0].stroke, None);
    }

    #[test]
    fn an_upside_down_box_reads_nothing_and_does_not_panic() {
        let (mut p, png) = page(&[3]);
        p.words[0].bbox = BBox { x0: 162.0, y0: 50.0, x1: 98.0, y1: 20.0 };
        measure(&mut p, &png, &Limits::default());
        assert_eq!(p.words[0].stroke, None);
    }
}
