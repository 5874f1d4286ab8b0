//! Scanned CVs read through native OCR (Debian's tesseract, which `scripts/setup.sh` installs).
//!
//! The fixtures (`tests/fixtures/ocr/`, made by `scripts/fixtures/make_ocr_fixtures.py`) are CVs
//! in English, German, French and Spanish drawn at 150 and 300 dpi as PNG and JPEG, a phone photo,
//! image-only PDFs (JPEG, CCITT G4, Flate) and a DOCX holding a page picture; `labels.json` lists
//! the strings a reader must find in each. The floors were measured on these fixtures with
//! tesseract 5.3.0 and its Debian language packs. The CCITT scan's source bitmap is kept beside it
//! (`scan_g4.pbm.gz`) to check the decoder's pixels.

use std::collections::HashMap;

use cvshield::error::ErrorCode;
use cvshield::extract::read_within;
use cvshield::limits::Budget;
use cvshield::anonymize::{AnonymizeOptions, Level};
use cvshield::ocr::native::{ocr_for, ocr_with_images, OcrMode};
use cvshield::ocr::tesseract::{parse_languages, recognize, DEFAULT_LANGUAGES};
use cvshield::redact::redact_with_images;
use cvshield::ocr::raster::{decode, PixelBox};
use cvshield::ocr::{page_images, OcrResult};
use cvshield::{Document, Limits};
use serde_json::Value;

use crate::util::{bin, repo_root};

/// Share of a fixture's labelled strings its OCR text must hold, by resolution (the phone photo is
/// taken at 200 dpi and held to the lower floor).
const FLOOR_300_DPI: f64 = 0.95;
const FLOOR_LOWER_DPI: f64 = 0.90;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/ocr").join(name)).unwrap()
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read(bytes: &[u8], hint: &str) -> cvshield::Result<(Option<OcrResult>, Document)> {
    let limits = Limits::default();
    let languages = parse_languages(DEFAULT_LANGUAGES)?;
    let ocr = ocr_for(bytes, Some(hint), OcrMode::Auto, &languages, &limits)?;
    let doc = read_within(bytes, Some(hint), ocr.as_ref(), &mut Budget::new(&limits))?;
    Ok((ocr, doc))
}

/// The share of CV `cv`'s labelled strings found in the document's text, and those missed.
fn labelled_share(labels: &Value, cv: &str, doc: &Document) -> (f64, Vec<String>) {
    let text = normalise(&doc.text());
    let wanted: Vec<&str> = labels["cvs"][cv].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let missed: Vec<String> = wanted.iter().filter(|w| !text.contains(&normalise(w))).map(|w| w.to_string()).collect();
    ((wanted.len() - missed.len()) as f64 / wanted.len() as f64, missed)
}

#[test]
fn labelled_strings_are_read_from_every_fixture() {
    let labels: Value = serde_json::from_slice(&fixture("labels.json")).unwrap();
    let fixtures = labels["fixtures"].as_array().unwrap().clone();
    // Two at a time: each tesseract run is single-threaded.
    let results: Vec<(String, f64, f64, Vec<String>)> = std::thread::scope(|scope| {
        let halves: Vec<_> = fixtures
            .chunks(fixtures.len().div_ceil(2))
            .map(|part| {
                let labels = &labels;
                scope.spawn(move || {
                    part.iter()
                        .map(|f| {
                            let file = f["file"].as_str().unwrap().to_string();
                            let dpi = f["dpi"].as_f64().unwrap();
                            let (ocr, doc) = read(&fixture(&file), &file).unwrap_or_else(|e| panic!("{file}: {e}"));
                            assert!(ocr.is_some(), "{file}: auto mode OCRs a scan");
                            let info = doc.metadata.ocr.as_ref().unwrap_or_else(|| panic!("{file}: meta.ocr is set"));
                            assert!(!info.languages.is_empty() && info.mean_confidence > 50.0, "{file}: {info:?}");
                            assert!(doc.lines().count() >= 10, "{file}: lines");
                            assert!(doc.lines().all(|l| l.bbox.is_some()), "{file}: every line has a box");
                            let (found, missed) = labelled_share(labels, f["cv"].as_str().unwrap(), &doc);
                            (file, dpi, found, missed)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.len(), fixtures.len());
    let mut failures = Vec::new();
    for (file, dpi, found, missed) in &results {
        let floor = if *dpi >= 300.0 { FLOOR_300_DPI } else { FLOOR_LOWER_DPI };
        eprintln!("{file}: {:.1} % of the labelled strings (floor {:.0} %), missed {missed:?}", 100.0 * found, 100.0 * floor);
        if *found < floor {
            failures.push(file.clone());
        }
    }
    assert!(failures.is_empty(), "under the floor: {failures:?}");
}

#[test]
fn a_two_column_scan_is_read_column_by_column() {
    let (_, doc) = read(&fixture("fr_300.png"), "fr_300.png").unwrap();
    let lines: Vec<String> = doc.lines().map(|l| normalise(&l.text)).collect();
    let at = |s: &str| lines.iter().position(|l| l.contains(s)).unwrap_or_else(|| panic!("{s} in {lines:?}"));
    // The sidebar (contacts, languages) is read before the main column, not interleaved with it.
    assert!(at("Lyon, France") < at("Espagnol") && at("Espagnol") < at("Expérience professionnelle"));
    assert!(at("Expérience professionnelle") < at("Formation"));
}

/// The CCITT G4 scan's page image as the library (and so the page and the npm package) decodes
/// it, without poppler: the source bitmap to the pixel, and OCR reads the CV from it.
#[test]
fn a_ccitt_g4_scan_decodes_to_its_source_pixels_and_reads() {
    let pdf = fixture("scan_g4.pdf");
    let limits = Limits::default();
    let images = page_images(&pdf, Some("scan_g4.pdf"), &mut Budget::new(&limits)).unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!((images[0].page, images[0].mime_type), (1, "image/png"));
    assert!((images[0].dpi - 300.0).abs() < 1.0, "{}", images[0].dpi);
    let (width, height, png_rows) = one_bit_png(&images[0].bytes);
    let (source_width, source_height, pbm_rows) = pbm(&fixture("scan_g4.pbm.gz"));
    assert_eq!((width, height), (source_width, source_height));
    assert_eq!((png_rows.len(), pbm_rows.len()), (width.div_ceil(8) * height, width.div_ceil(8) * height));
    // PNG's one-bit grey has 1 for white, PBM 1 for black; the bits past the width are padding.
    let row_bytes = width.div_ceil(8);
    let pad = 0xFFu8 << (row_bytes * 8 - width);
    let mut differing_rows = 0;
    for (png, pbm) in png_rows.chunks(row_bytes).zip(pbm_rows.chunks(row_bytes)) {
        let differs = png.iter().zip(pbm).enumerate().any(|(i, (a, b))| {
            let mask = if i + 1 == row_bytes { pad } else { 0xFF };
            (!a ^ b) & mask != 0
        });
        differing_rows += usize::from(differs);
    }
    assert_eq!(differing_rows, 0, "rows whose pixels differ from the source bitmap");

    let languages = parse_languages(DEFAULT_LANGUAGES).unwrap();
    let ocr = recognize(&images, &languages, &limits).unwrap();
    let doc = read_within(&pdf, Some("scan_g4.pdf"), Some(&ocr), &mut Budget::new(&limits)).unwrap();
    let labels: Value = serde_json::from_slice(&fixture("labels.json")).unwrap();
    let (found, missed) = labelled_share(&labels, "de", &doc);
    eprintln!("scan_g4.pdf decoded in Rust: {:.1} % of the labelled strings, missed {missed:?}", 100.0 * found);
    assert!(found >= FLOOR_300_DPI, "{:.1} % of the labelled strings, missed {missed:?}", 100.0 * found);
}

/// Width, height and unfiltered rows of a one-bit grey PNG as the library writes it.
fn one_bit_png(png: &[u8]) -> (usize, usize, Vec<u8>) {
    use std::io::Read;
    let (mut at, mut header, mut idat) = (8, None, Vec::new());
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let (kind, body) = (&png[at + 4..at + 8], &png[at + 8..at + 8 + len]);
        match kind {
            b"IHDR" => header = Some((body[..4].to_vec(), body[4..8].to_vec(), body[8], body[9])),
            b"IDAT" => idat.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let (w, h, depth, colour) = header.expect("an IHDR chunk");
    assert_eq!((depth, colour), (1, 0), "one-bit grey");
    let be = |b: Vec<u8>| u32::from_be_bytes(b.try_into().unwrap()) as usize;
    let (w, h) = (be(w), be(h));
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..]).read_to_end(&mut raw).unwrap();
    let row = w.div_ceil(8);
    assert_eq!(raw.len(), h * (row + 1));
    let mut rows = Vec::with_capacity(h * row);
    for line in raw.chunks(row + 1) {
        assert_eq!(line[0], 0, "rows are written unfiltered");
        rows.extend_from_slice(&line[1..]);
    }
    (w, h, rows)
}

/// Width, height and packed rows of a gzipped raw PBM (P4, 1 = black).
fn pbm(gz: &[u8]) -> (usize, usize, Vec<u8>) {
    use std::io::Read;
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(gz).read_to_end(&mut data).unwrap();
    // "P4", whitespace, width, whitespace, height, one whitespace byte, then the rows.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 3 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&data[start..at]).unwrap().to_string());
    }
    assert_eq!(fields[0], "P4");
    (fields[1].parse().unwrap(), fields[2].parse().unwrap(), data[at + 1..].to_vec())
}

#[test]
fn hostile_images_give_typed_errors() {
    let budget = || Budget::new(&Limits::default());
    let png = fixture("en_150.png");
    let mut cases: HashMap<&str, (Vec<u8>, ErrorCode)> = HashMap::new();
    cases.insert("truncated png", (png[..png.len() / 2].to_vec(), ErrorCode::Malformed));
    let mut huge = png.clone();
    huge[16..24].copy_from_slice(&[0, 1, 0, 0, 0, 1, 0, 0]); // 65536 × 65536 in IHDR
    cases.insert("huge png", (huge, ErrorCode::LimitExceeded));
    let mut zero = png.clone();
    zero[16..20].copy_from_slice(&[0, 0, 0, 0]);
    cases.insert("zero-width png", (zero, ErrorCode::Malformed));
    cases.insert("header only", (b"\x89PNG\r\n\x1a\n".to_vec(), ErrorCode::Malformed));
    for (name, (bytes, code)) in &cases {
        let err = page_images(bytes, None, &mut budget()).unwrap_err();
        assert_eq!(err.code, *code, "{name}: {err}");
    }
    // A JPEG whose header is sound and whose data is noise: OCR reads nothing, which is said so.
    let mut lying = fixture("en_150.jpg");
    let (body, end) = (lying.len() / 3, lying.len() - 2);
    for (i, b) in lying[body..end].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2654435761).to_be_bytes()[0] | 1;
    }
    let err = read(&lying, "scan.jpg").unwrap_err();
    assert!(matches!(err.code, ErrorCode::NoTextLayer | ErrorCode::Malformed), "{err}");
}

#[test]
fn the_cli_parses_a_scan_and_says_it_was_ocrd() {
    let path = repo_root().join("tests/fixtures/ocr/en_300.png");
    let out = bin().arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let profile: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(profile["basics"]["name"], "Oliver Bennett");
    assert_eq!(profile["meta"]["sourceFormat"], "image");
    assert_eq!(profile["meta"]["ocr"]["languages"][0], "eng");
    assert!(profile["work"].as_array().is_some_and(|w| w.len() == 2), "{}", profile["work"]);

    let never = bin().args(["extract", "--ocr", "never"]).arg(&path).output().unwrap();
    assert_eq!(never.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&never.stderr).contains("no_text_layer"));

    // `always` reads a text PDF's pages from their pixels (rendered by pdftoppm) instead.
    let text_pdf = repo_root().join("tests/fixtures/pdf/layout_dates_libreoffice.pdf");
    let always = bin().args(["extract", "--json", "--ocr", "always", "--ocr-lang", "eng"]).arg(&text_pdf).output().unwrap();
    assert!(always.status.success(), "{}", String::from_utf8_lossy(&always.stderr));
    let doc: Value = serde_json::from_slice(&always.stdout).unwrap();
    assert_eq!((doc["format"].as_str(), doc["metadata"]["ocr"]["languages"][0].as_str()), (Some("pdf"), Some("eng")));
    assert!(doc["pages"][0]["lines"][0]["text"].as_str().is_some_and(|t| t.contains("Pemberley")));

    // Redacted, a scan comes back as a PNG of the painted page; a DOCX holding one is refused.
    let redact = bin().args(["redact", "--ocr-lang", "eng"]).arg(&path).output().unwrap();
    assert!(redact.status.success(), "{}", String::from_utf8_lossy(&redact.stderr));
    assert!(redact.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    let docx = repo_root().join("tests/fixtures/ocr/page_image.docx");
    let refused = bin().args(["redact", "--ocr-lang", "eng"]).arg(&docx).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unsupported_redaction"));
}

/// The text native OCR reads in `bytes`.
fn ocr_text(bytes: &[u8], hint: &str, languages: &str) -> String {
    let limits = Limits::default();
    let ocr = ocr_for(bytes, Some(hint), OcrMode::Auto, &parse_languages(languages).unwrap(), &limits).unwrap();
    let doc = read_within(bytes, Some(hint), ocr.as_ref(), &mut Budget::new(&limits)).unwrap();
    normalise(&doc.text())
}

/// A scan redacted at basic and thorough: the boxes of the words of the candidate's name, e-mail
/// and phone are black in every pixel of the output's page image, OCR of the output no longer
/// reads them, and it still reads what the level keeps.
#[test]
fn a_scan_is_redacted_by_painting_its_words_out() {
    struct Case {
        file: &'static str,
        languages: &'static str,
        /// Words (as OCR reads them in the input) that must be painted.
        removed: &'static [&'static str],
        /// Kept at every level, and at basic only.
        kept: &'static [&'static str],
        kept_at_basic: &'static [&'static str],
    }
    let cases = [
        Case {
            file: "en_300.png",
            languages: "eng",
            removed: &["Oliver", "Bennett", "oliver.bennett@example.com", "7946", "0321"],
            kept: &["Python, SQL, Spark", "Senior Data Engineer"],
            kept_at_basic: &["Northwind Analytics", "Harbour Bank"],
        },
        Case {
            file: "scan_jpeg.pdf",
            languages: "eng+spa",
            removed: &["Lucía", "Fernández", "lucia.fernandez@ejemplo.es", "912", "678"],
            kept: &["Desarrollo de servicios en la nube"],
            kept_at_basic: &["Telefónica", "Indra Sistemas"],
        },
    ];
    let limits = Limits::default();
    for case in &cases {
        let bytes = fixture(case.file);
        let languages = parse_languages(case.languages).unwrap();
        let (ocr, images) = ocr_with_images(&bytes, Some(case.file), OcrMode::Auto, &languages, &limits).unwrap().unwrap();
        let before = ocr_text(&bytes, case.file, case.languages);
        for w in case.removed.iter().chain(case.kept).chain(case.kept_at_basic) {
            assert!(before.contains(w), "{}: the input reads {w}", case.file);
        }
        for level in [Level::Basic, Level::Thorough] {
            let opts = AnonymizeOptions { level, ocr: Some(ocr.clone()), ..AnonymizeOptions::default() };
            let out = redact_with_images(&bytes, Some(case.file), &opts, Some(&images)).unwrap_or_else(|e| panic!("{}: {e}", case.file));
            let is_pdf = case.file.ends_with(".pdf");
            assert_eq!(out.mime_type, if is_pdf { "application/pdf" } else { "image/png" });
            // The output's page image, decoded by the crate's own reader.
            let page = if is_pdf {
                let pages = page_images(&out.bytes, None, &mut Budget::new(&limits)).unwrap();
                assert_eq!(pages.len(), 1, "{}", case.file);
                pages[0].bytes.clone()
            } else {
                assert!(out.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
                out.bytes.clone()
            };
            let raster = decode(&page, &mut Budget::new(&limits)).unwrap();
            assert_eq!((raster.width, raster.height), (ocr.pages[0].width, ocr.pages[0].height));
            let mut painted = 0;
            for word in ocr.pages[0].words.iter().filter(|w| case.removed.contains(&w.text.as_str())) {
                let b = word.bbox;
                let area = PixelBox { x0: b.x0 as u32, y0: b.y0 as u32, x1: b.x1.ceil() as u32, y1: b.y1.ceil() as u32 };
                assert!(raster.is_filled(area, 0), "{} at {level:?}: {} is painted black", case.file, word.text);
                painted += 1;
            }
            assert!(painted >= case.removed.len(), "{}: every removed word was found in the OCR result", case.file);
            let hint = if is_pdf { "redacted.pdf" } else { "redacted.png" };
            let after = ocr_text(&out.bytes, hint, case.languages);
            for w in case.removed {
                assert!(!after.contains(w), "{} at {level:?}: {w} is still read in {after}", case.file);
            }
            let kept = case.kept.iter().chain(if level == Level::Basic { case.kept_at_basic } else { &[] });
            for w in kept {
                assert!(after.contains(w), "{} at {level:?}: {w} is kept in {after}", case.file);
            }
        }
    }
}
