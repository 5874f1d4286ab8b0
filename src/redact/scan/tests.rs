//! Scans redacted end to end on a drawn page: words are dark blocks at their OCR boxes, so what
//! was painted, kept or left is known pixel by pixel.

use super::*;
use crate::anonymize::{AnonymizeOptions, Level};
use crate::error::ErrorCode;
use crate::limits::Limits;
use crate::ocr::OcrWord;
use crate::redact::redact;
use crate::ocr::raster::Raster;

/// The ink of a drawn word.
const INK: u8 = 60;
/// The paper.
const PAPER: u8 = 235;
const WIDTH: u32 = 1240;
const HEIGHT: u32 = 1754;

/// Lines of words at 150 dpi, each word a block of 22 px per letter.
const LINES: [&[&str]; 6] = [
    &["Jane", "Roe"],
    &["jane.roe@example.com", "+44", "20", "7946", "0321"],
    &["Experience"],
    &["Data", "Engineer,", "Northwind", "Analytics"],
    &["Skills"],
    &["Python,", "SQL,", "Rust"],
];

fn words() -> Vec<OcrWord> {
    let mut out = Vec::new();
    for (row, line) in LINES.iter().enumerate() {
        let top = 150.0 + 70.0 * row as f32;
        let mut x = 150.0;
        for text in *line {
            let width = 22.0 * text.chars().count() as f32;
            out.push(OcrWord { text: text.to_string(), bbox: BBox { x0: x, y0: top, x1: x + width, y1: top + 32.0 }, confidence: 92.0, stroke: None });
            x += width + 25.0;
        }
    }
    out
}

fn page(number: usize) -> OcrPage {
    OcrPage { number, width: WIDTH, height: HEIGHT, dpi: 150.0, words: words() }
}

fn ocr(pages: Vec<OcrPage>) -> OcrResult {
    OcrResult { pages, languages: vec!["eng".into()], engine: "test".into() }
}

/// The page: paper, each word's box in ink, and a "photo" (a mid-gray square) with no words.
fn drawn() -> Raster {
    let mut r = Raster { width: WIDTH, height: HEIGHT, channels: 1, data: vec![PAPER; (WIDTH * HEIGHT) as usize] };
    for w in words() {
        r.fill(PixelBox { x0: w.bbox.x0 as u32, y0: w.bbox.y0 as u32, x1: w.bbox.x1 as u32, y1: w.bbox.y1 as u32 }, INK);
    }
    r.fill(PHOTO, 128);
    r
}

const PHOTO: PixelBox = PixelBox { x0: 1000, y0: 150, x1: 1200, y1: 400 };

fn options(level: Level, ocr: OcrResult) -> AnonymizeOptions {
    AnonymizeOptions { level, ocr: Some(ocr), ..AnonymizeOptions::default() }
}

fn word_box(text: &str) -> PixelBox {
    let w = words().into_iter().find(|w| w.text == text).unwrap();
    PixelBox { x0: w.bbox.x0 as u32, y0: w.bbox.y0 as u32, x1: w.bbox.x1 as u32, y1: w.bbox.y1 as u32 }
}

fn budget() -> Budget {
    Budget::new(&Limits::default())
}

#[test]
fn an_image_comes_back_as_a_png_with_the_removed_words_black_and_the_kept_ones_untouched() {
    let png = drawn().to_png().unwrap();
    let out = redact(&png, Some("cv.png"), &options(Level::Basic, ocr(vec![page(1)]))).unwrap();
    assert_eq!((out.format, out.mime_type), (Format::Image, "image/png"));
    assert!(out.meta.anonymize.ocr.is_some());
    let back = decode(&out.bytes, &mut budget()).unwrap();
    assert_eq!((back.width, back.height), (WIDTH, HEIGHT));
    for removed in ["Jane", "Roe", "jane.roe@example.com", "7946"] {
        assert!(back.is_filled(word_box(removed), BLACK), "{removed} is painted");
    }
    for kept in ["Python,", "Northwind", "Experience"] {
        assert!(back.is_filled(word_box(kept), INK), "{kept} is kept");
    }
    // Basic keeps photos: the square with no words is still there.
    assert!(back.is_filled(PHOTO, 128));
}

#[test]
fn a_second_reading_of_a_removed_word_is_painted_too() {
    // The engine read the e-mail twice, the second time a little lower: layout keeps one.
    let mut twice = page(1);
    let mut ghost = words().into_iter().find(|w| w.text == "jane.roe@example.com").unwrap();
    ghost.bbox.y0 += 6.0;
    ghost.bbox.y1 += 6.0;
    twice.words.push(ghost.clone());
    let png = drawn().to_png().unwrap();
    let out = redact(&png, Some("cv.png"), &options(Level::Basic, ocr(vec![twice]))).unwrap();
    let back = decode(&out.bytes, &mut budget()).unwrap();
    let b = ghost.bbox;
    assert!(back.is_filled(PixelBox { x0: b.x0 as u32, y0: b.y0 as u32, x1: b.x1 as u32, y1: b.y1 as u32 }, BLACK));
}

#[test]
fn from_moderate_on_everything_but_the_kept_words_goes_white() {
    let png = drawn().to_png().unwrap();
    let out = redact(&png, Some("cv.png"), &options(Level::Moderate, ocr(vec![page(1)]))).unwrap();
    let back = decode(&out.bytes, &mut budget()).unwrap();
    assert!(back.is_filled(PHOTO, WHITE), "the photo is gone");
    assert!(back.is_filled(word_box("jane.roe@example.com"), BLACK));
    assert!(back.is_filled(word_box("Python,"), INK));
}

#[test]
fn an_image_only_pdf_becomes_a_new_pdf_of_painted_pages_at_the_same_size() {
    let image = pdf_out::Image::flate(&drawn()).unwrap();
    // Page 2 is blank: OCR read nothing there, and it comes back blank.
    let scan = pdf_out::write(&[
        pdf_out::OutPage { width: 595.2, height: 841.9, image: Some(&image) },
        pdf_out::OutPage { width: 595.2, height: 841.9, image: None },
    ])
    .unwrap();
    let out = redact(&scan, Some("cv.pdf"), &options(Level::Thorough, ocr(vec![page(1)]))).unwrap();
    assert_eq!((out.format, out.mime_type), (Format::Pdf, "application/pdf"));
    assert_eq!(page_sizes(&out.bytes, &mut budget()).unwrap(), page_sizes(&scan, &mut budget()).unwrap());
    let images = crate::ocr::page_images(&out.bytes, None, &mut budget()).unwrap();
    assert_eq!(images.len(), 1);
    let back = decode(&images[0].bytes, &mut budget()).unwrap();
    assert!(back.is_filled(word_box("Jane"), BLACK) && back.is_filled(word_box("0321"), BLACK));
    assert!(back.is_filled(word_box("SQL,"), INK));
    assert!(!out.bytes.windows(5).any(|w| w == b"/Info"));
}

#[test]
fn an_ocr_result_that_does_not_fit_the_page_images_is_refused() {
    let png = drawn().to_png().unwrap();
    let mut other = page(1);
    other.width = 2480;
    let err = redact(&png, Some("cv.png"), &options(Level::Basic, ocr(vec![other]))).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedRedaction);
}

#[test]
fn the_check_refuses_an_output_with_a_box_not_fully_black() {
    let mut raster = drawn();
    let b = word_box("Roe");
    raster.fill(b, BLACK);
    let painted = Painted { pages: vec![PaintedPage { number: 1, image: pdf_out::Image::png(&raster).unwrap(), boxes: vec![b] }] };
    assert!(check(&raster.to_png().unwrap(), Format::Image, &painted, &mut budget()).is_ok());
    // One pixel of the word left at its ink.
    raster.data[(b.y1 as usize - 1) * WIDTH as usize + b.x0 as usize] = INK;
    let err = check(&raster.to_png().unwrap(), Format::Image, &painted, &mut budget()).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedRedaction);
}

#[test]
fn word_boxes_get_a_margin_and_stay_on_the_page() {
    let p = page(1);
    let b = pixel_box(&BBox { x0: 100.0, y0: 200.0, x1: 150.0, y1: 240.0 }, &p).unwrap();
    assert_eq!(b, PixelBox { x0: 94, y0: 194, x1: 156, y1: 246 });
    let edge = pixel_box(&BBox { x0: -5.0, y0: 1750.0, x1: 30.0, y1: 1790.0 }, &p).unwrap();
    assert_eq!((edge.x0, edge.y1), (0, HEIGHT));
    assert!(pixel_box(&BBox { x0: f32::NAN, y0: 0.0, x1: 1.0, y1: 1.0 }, &p).is_none());
    assert!(pixel_box(&BBox { x0: 5000.0, y0: 0.0, x1: 6000.0, y1: 1.0 }, &p).is_none());
}

#[test]
fn a_hostile_ocr_result_runs_out_of_budget_instead_of_painting_forever() {
    // Thousands of e-mail addresses, each as large as the page: every one is removed and painted.
    let mut hostile = page(1);
    hostile.words.extend((0..2000).map(|i| OcrWord {
        text: format!("user{i}@example.org"),
        bbox: BBox { x0: 0.0, y0: 0.0, x1: WIDTH as f32, y1: HEIGHT as f32 },
        confidence: 90.0,
        stroke: None,
    }));
    let png = drawn().to_png().unwrap();
    match redact(&png, Some("cv.png"), &options(Level::Basic, ocr(vec![hostile]))) {
        Ok(out) => panic!("painted {} removed spans within the budget", out.redactions.len()),
        Err(err) => assert_eq!(err.code, ErrorCode::LimitExceeded, "{err}"),
    }
}

#[test]
fn a_reread_that_still_finds_a_removed_value_fails_the_call() {
    let png = drawn().to_png().unwrap();
    let opts = options(Level::Basic, ocr(vec![page(1)]));
    let clean = |_: &[u8], _: Format| Ok("Experience\nData Engineer, Northwind Analytics\nPython, SQL, Rust".to_string());
    assert!(crate::redact::redact_reread(&png, Some("cv.png"), &opts, None, Some(&clean)).is_ok());
    let leaky = |_: &[u8], _: Format| Ok("Experience\nwrite to jane.roe@example.com".to_string());
    let err = crate::redact::redact_reread(&png, Some("cv.png"), &opts, None, Some(&leaky)).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedRedaction);
}
