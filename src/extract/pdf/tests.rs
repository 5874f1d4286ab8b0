//! End-to-end tests of the glyph stage on real CVs and generated fixtures.
//!
//! These check decoded glyph text, independent of the layout stage: a
//! minimal "sort by baseline, then x" join stands in for `layout.rs`.

use super::extract_glyphs;
use super::glyph::PageGlyphs;
use crate::error::ErrorCode;
use crate::limits::{Budget, Limits};
use std::path::PathBuf;

/// The real-world corpus: `$CVSHIELD_CORPUS`, else `../shared/corpus/realworld` beside the repo.
/// Looked up here rather than through the evaluation code, which sits above extraction.
fn corpus_dir() -> PathBuf {
    std::env::var_os("CVSHIELD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld"))
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(name);
    std::fs::read(&path).unwrap_or_else(|_| panic!("missing fixture {name}"))
}

/// The text of the pages through the real layout stage, one line per line.
pub(crate) fn simple_text(pages: &[PageGlyphs]) -> String {
    let mut out = String::new();
    for page in pages {
        for line in super::layout::page_lines(page) {
            out.push_str(&line.text);
            out.push('\n');
        }
    }
    out
}

#[test]
fn corpus_pdfs_have_plausible_geometry() {
    let dir = corpus_dir();
    let bytes = std::fs::read(dir.join("h13_swe_john_doe_openresume.pdf")).unwrap();
    let mut budget = Budget::new(&Limits::default());
    let (pages, metadata, links, _) = extract_glyphs(&bytes, &mut budget).unwrap();
    assert_eq!(metadata.pages, 1);
    let page = &pages[0];
    assert!((page.width - 612.0).abs() < 1.0 && (page.height - 792.0).abs() < 1.0);
    for g in &page.glyphs {
        assert!(g.x0 >= -1.0 && g.x1 <= page.width + 1.0, "glyph inside the page");
        assert!(g.baseline >= 0.0 && g.baseline <= page.height);
        assert!(g.font_size > 3.0 && g.font_size < 60.0);
    }
    // The name is the largest text, at the top.
    let biggest = page.glyphs.iter().max_by(|a, b| a.font_size.total_cmp(&b.font_size)).unwrap();
    assert!(biggest.baseline < 150.0);
    let _ = links;
}

#[test]
fn corpus_metadata_and_links() {
    let dir = corpus_dir();
    let bytes = std::fs::read(dir.join("h01_accountant_ebony_moore.pdf")).unwrap();
    let mut budget = Budget::new(&Limits::default());
    let (pages, metadata, _, _) = extract_glyphs(&bytes, &mut budget).unwrap();
    assert_eq!(metadata.pages, 2);
    assert_eq!(pages.len(), 2);
    assert!(metadata.producer.is_some() || metadata.creator.is_some());
}

#[test]
fn garbage_and_truncation_give_typed_errors() {
    let mut budget = Budget::new(&Limits::default());
    let err = extract_glyphs(b"%PDF-1.4\nnot really a pdf", &mut budget).unwrap_err();
    assert_eq!(err.code, ErrorCode::Malformed);
    let _ = fixture;
}

fn fixture_glyphs(name: &str) -> Vec<PageGlyphs> {
    let mut budget = Budget::new(&Limits::default());
    extract_glyphs(&fixture(name), &mut budget).expect("fixture extracts").0
}

fn find<'a>(page: &'a PageGlyphs, text: &str) -> &'a super::glyph::Glyph {
    page.glyphs.iter().find(|g| g.text == text).unwrap_or_else(|| panic!("glyph {text:?} present"))
}

#[test]
fn text_state_operators_place_glyphs() {
    let pages = fixture_glyphs("core_text_state.pdf");
    let text = simple_text(&pages);
    // `5 1 (quoted) "` sets Tc 1: letter-spaced, and layout joins it again.
    for want in ["Alice Example", "World", "Wide", "next line", "second", "quoted", "narrow", "raised", "Inside form", "Fakebold"] {
        assert!(text.contains(want), "{want:?} in {text:?}");
    }
    // TJ offsets: `(Wo) 120 (rld)` pulls 1.2 pt back, `-3000 (Wide)` pushes 30 pt on.
    let row: Vec<_> = pages[0].glyphs.iter().filter(|g| (g.baseline - (pages[0].height - 700.0)).abs() < 0.5).collect();
    let texts: String = row.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(texts, "WorldWide");
    assert!((row[2].x0 - row[1].x1 + 1.2).abs() < 0.01, "{:?} {:?}", row[1], row[2]);
    assert!((row[5].x0 - row[4].x1 - 30.0).abs() < 0.01, "{:?} {:?}", row[4], row[5]);
    // Differences: fi, f_f_l, uni00E9, eacute.sc and a space.
    assert!(text.contains("fiffléé"), "{text:?}");
    // Invisible text next to visible text is dropped.
    assert!(!text.contains("hiddenstuffing"));
    let page = &pages[0];
    // Helvetica without /Widths: 'A' is 667/1000 em at 12 pt.
    let a = find(page, "A");
    assert!((a.x0 - 72.0).abs() < 0.01 && (a.x1 - a.x0 - 8.004).abs() < 0.01, "{a:?}");
    assert!((a.baseline - 72.0).abs() < 0.01, "y flipped to top-left origin");
    assert!((a.space_width - 12.0 * 0.278).abs() < 0.01);
    // TJ: -3000 pushes "Wide" 30 pt right of "World".
    let d = page.glyphs.iter().find(|g| g.text == "d" && (g.baseline - 92.0).abs() < 0.1).unwrap();
    let w = page.glyphs.iter().filter(|g| g.text == "W").nth(1).unwrap();
    assert!((w.x0 - d.x1 - 30.0).abs() < 0.05, "{} {}", w.x0, d.x1);
    // Tc 2: glyphs of "spaced" are 2 pt further apart than their widths.
    let s = page.glyphs.iter().find(|g| g.text == "s").unwrap();
    let p = page.glyphs.iter().find(|g| g.text == "p" && g.seq == s.seq + 1).unwrap();
    assert!((p.x0 - s.x1 - 2.0).abs() < 0.01);
    // Tz 50 halves advances; Ts 5 raises the baseline.
    let n = page.glyphs.iter().find(|g| g.text == "n" && (g.baseline - 192.0).abs() < 0.1).unwrap();
    assert!((n.x1 - n.x0 - 0.556 * 10.0 * 0.5).abs() < 0.01);
    let r = page.glyphs.iter().find(|g| g.text == "r" && (g.baseline - 187.0).abs() < 0.1);
    assert!(r.is_some(), "raised text baseline 5 pt higher");
    // The form draws at 2× scale, offset by cm.
    let i = page.glyphs.iter().find(|g| g.text == "I").unwrap();
    assert!((i.x0 - 300.0).abs() < 0.01 && (i.baseline - 392.0).abs() < 0.01 && (i.font_size - 10.0).abs() < 0.01);
    // Render mode 2 is fake bold; Times-Bold is bold by name.
    assert!(find(page, "F").bold);
    assert!(page.glyphs.iter().filter(|g| g.text == "fi").all(|g| g.bold));
    assert!(!a.bold && !a.italic && a.upright);
    // Ordering follows the content stream.
    assert!(page.glyphs.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[test]
fn link_annotations_become_links() {
    let mut budget = Budget::new(&Limits::default());
    let (_, _, links, _) = extract_glyphs(&fixture("core_text_state.pdf"), &mut budget).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].url, "https://example.org/alice");
    assert_eq!(links[0].page, Some(1));
    let b = links[0].bbox.unwrap();
    assert_eq!((b.x0, b.y0, b.x1, b.y1), (72.0, 62.0, 160.0, 77.0));
}

#[test]
fn type3_fonts_use_font_matrix_and_names() {
    let pages = fixture_glyphs("core_type3.pdf");
    let page = &pages[0];
    let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "Type3");
    // Width 60 × FontMatrix 0.01 × 20 pt = 12 pt per glyph.
    let t = find(page, "T");
    assert!((t.x1 - t.x0 - 12.0).abs() < 0.01);
    assert!((t.font_size - 20.0).abs() < 0.01, "font size is the Tf size, not the glyph matrix");
}

#[test]
fn composite_fonts_decode_through_tounicode() {
    let pages = fixture_glyphs("core_cid.pdf");
    let page = &pages[0];
    let horizontal: String = page.glyphs.iter().filter(|g| g.upright).map(|g| g.text.as_str()).collect();
    assert_eq!(horizontal, "JKLéfi𝒜fi");
    // /W: CID 1 is 600 units, CID 4 is 550 (range form), CID 16 700, 32 400.
    let j = page.glyphs.iter().find(|g| g.text == "J" && g.upright).unwrap();
    assert!((j.x1 - j.x0 - 7.2).abs() < 0.01);
    assert!((find(page, "é").x1 - find(page, "é").x0 - 6.6).abs() < 0.01);
    // Bold from the descendant's name; Identity-V is vertical, not upright.
    assert!(j.bold);
    let vertical: Vec<_> = page.glyphs.iter().filter(|g| !g.upright).collect();
    assert_eq!(vertical.len(), 3);
    assert!(vertical[1].baseline > vertical[0].baseline, "vertical text runs down the page");
}

#[test]
fn truetype_subsets_and_standard_fonts_decode() {
    let pages = fixture_glyphs("core_truetype.pdf");
    let text = simple_text(&pages);
    for want in
        ["Zoë Łukasiewicz – Kraków", "zoe.l@example.com · +48 12 345 67 89", "Experience", "Müller & Söhne GmbH"]
    {
        assert!(text.contains(want), "{want:?} in {text:?}");
    }
    let page = &pages[0];
    assert!(find(page, "E").bold, "Helvetica-Bold");
    assert!(find(page, "G").italic, "Times-Italic");
}

#[test]
fn rotated_pages_use_the_rotated_frame() {
    let pages = fixture_glyphs("core_rotated.pdf");
    let page = &pages[0];
    // A landscape MediaBox turned 90°: portrait.
    assert!((page.width - 595.28).abs() < 0.1 && (page.height - 841.89).abs() < 0.1, "{} {}", page.width, page.height);
    let text = simple_text(&pages);
    assert!(text.contains("Sideways label"), "{text:?}");
    // On a page rotated 90° clockwise, text drawn left-to-right in user space
    // runs downwards; the text drawn rotated 90° counter-clockwise reads upright.
    let sideways = find(page, "S");
    assert!(sideways.upright);
    let rotated = find(page, "R");
    assert!(!rotated.upright);
}

#[test]
fn encryption_with_empty_user_password_opens() {
    let text = simple_text(&fixture_glyphs("core_encrypted_empty.pdf"));
    assert!(text.contains("Encrypted Candidate"), "{text:?}");
    let mut budget = Budget::new(&Limits::default());
    let err = extract_glyphs(&fixture("core_encrypted_password.pdf"), &mut budget).unwrap_err();
    assert_eq!(err.code, ErrorCode::Encrypted);
}

#[test]
fn invisible_text_is_kept_only_without_visible_text() {
    let mut budget = Budget::new(&Limits::default());
    let (pages, _, _, warnings) = extract_glyphs(&fixture("core_ocr_layer.pdf"), &mut budget).unwrap();
    assert!(simple_text(&pages).contains("Scanned Name"));
    assert_eq!(warnings, vec!["invisible_text_layer".to_string()]);
    let mut budget = Budget::new(&Limits::default());
    let err = extract_glyphs(&fixture("core_no_text.pdf"), &mut budget).unwrap_err();
    assert_eq!(err.code, ErrorCode::NoTextLayer);
}

#[test]
fn cycles_end_in_typed_errors() {
    let mut budget = Budget::new(&Limits::default());
    let err = extract_glyphs(&fixture("core_cycles.pdf"), &mut budget).unwrap_err();
    assert!(matches!(err.code, ErrorCode::Malformed | ErrorCode::LimitExceeded), "{err:?}");
}

#[test]
fn page_limit_is_enforced() {
    let limits = Limits { max_pages: 1, ..Limits::default() };
    let mut budget = Budget::new(&limits);
    let err = extract_glyphs(&fixture("core_no_text.pdf"), &mut budget).unwrap_err();
    assert_eq!(err.code, ErrorCode::LimitExceeded);
}

/// Deterministic xorshift for reproducible mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = original.to_vec();
    match rng.below(4) {
        0 => bytes.truncate(rng.below(bytes.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        2 => {
            // Overwrite a run with digits or delimiters, which PDF syntax hinges on.
            let start = rng.below(bytes.len());
            let alphabet = b"0123456789 []<>()/R obj endobj stream -.9999999999";
            for b in bytes.iter_mut().skip(start).take(1 + rng.below(16)) {
                *b = alphabet[rng.below(alphabet.len())];
            }
        }
        _ => {
            // Duplicate a chunk in place (shifts all offsets after it).
            let start = rng.below(bytes.len());
            let len = rng.below(64).min(bytes.len() - start);
            let chunk = bytes[start..start + len].to_vec();
            bytes.splice(start..start, chunk);
        }
    }
    bytes
}

/// Truncated and corrupted variants of real PDFs must end in `Ok` or a
/// typed error, never a panic, and within bounded work.
#[test]
fn mutated_pdfs_never_panic() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["core_text_state.pdf", "core_cid.pdf", "core_type3.pdf", "core_encrypted_empty.pdf"] {
        inputs.push((name.to_string(), fixture(name)));
    }
    let dir = corpus_dir();
    for stem in ["h13_swe_john_doe_openresume.pdf", "h07_devops_sre_anderson.pdf", "h01_accountant_ebony_moore.pdf"] {
        inputs.push((stem.to_string(), std::fs::read(dir.join(stem)).expect("corpus PDF")));
    }
    let iterations: usize = std::env::var("CVSHIELD_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let limits = Limits { max_work: 5_000_000, ..Limits::default() };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut outcomes = std::collections::BTreeMap::new();
    for (name, original) in &inputs {
        for i in 0..iterations {
            let bytes = mutate(original, &mut rng);
            let result = std::panic::catch_unwind(|| {
                let mut budget = Budget::new(&limits);
                extract_glyphs(&bytes, &mut budget).map(|_| ())
            });
            match result {
                Ok(Ok(())) => *outcomes.entry("ok").or_insert(0) += 1,
                Ok(Err(e)) => *outcomes.entry(e.code.as_str()).or_insert(0) += 1,
                Err(_) => {
                    let path = std::env::temp_dir().join(format!("cvshield-panic-{name}-{i}.pdf"));
                    let _ = std::fs::write(&path, &bytes);
                    panic!("mutation {i} of {name} panicked; input saved to {}", path.display());
                }
            }
        }
    }
    eprintln!("mutation outcomes: {outcomes:?}");
    assert!(outcomes.get("ok").copied().unwrap_or(0) > 0, "some mutations still read");
}

#[test]
fn hostile_nesting_ends_in_limit_exceeded_quickly() {
    let bytes = fixture("core_hostile.pdf");
    let started = std::time::Instant::now();
    let mut budget = Budget::new(&Limits::default());
    // The q flood and the unterminated deep array (which swallows the rest
    // of the stream, as in viewers) are harmless; the text before survives.
    let (pages, ..) = extract_glyphs(&bytes, &mut budget).unwrap();
    assert!(simple_text(&pages).contains("Still here"));
    let limits = Limits { max_work: 20_000, ..Limits::default() };
    let mut budget = Budget::new(&limits);
    assert_eq!(extract_glyphs(&bytes, &mut budget).unwrap_err().code, ErrorCode::LimitExceeded);
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn self_drawing_forms_end_in_limit_exceeded() {
    let bytes = fixture("core_hostile_forms.pdf");
    let mut budget = Budget::new(&Limits::default());
    assert_eq!(extract_glyphs(&bytes, &mut budget).unwrap_err().code, ErrorCode::LimitExceeded);
    // With deep nesting allowed, the work limit stops the exponential fan-out.
    let limits = Limits { max_nesting: 10_000, max_work: 200_000, ..Limits::default() };
    let mut budget = Budget::new(&limits);
    assert_eq!(extract_glyphs(&bytes, &mut budget).unwrap_err().code, ErrorCode::LimitExceeded);
}

#[test]
fn extract_builds_the_document() {
    let mut budget = Budget::new(&Limits::default());
    let doc = super::extract(&fixture("core_text_state.pdf"), &mut budget).unwrap();
    assert_eq!(doc.format, crate::document::Format::Pdf);
    assert_eq!(doc.metadata.pages, 1);
    assert_eq!(doc.pages.len(), 1);
    assert_eq!((doc.pages[0].number, doc.pages[0].width, doc.pages[0].height), (1, 612.0, 792.0));
    assert_eq!(doc.links.len(), 1);
    let mut budget = Budget::new(&Limits::default());
    let doc = super::extract(&fixture("core_truetype.pdf"), &mut budget).unwrap();
    assert!(doc.metadata.producer.as_deref().is_some_and(|p| p.starts_with("ReportLab PDF Library")));
}
