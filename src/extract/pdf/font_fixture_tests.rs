//! Text as a reader sees it, on PDFs made by real producers with their font
//! quirks: pdfTeX's OT1 and T1 fonts without ToUnicode (separate accent
//! glyphs, ligatures, dashes at odd codes), the same as CFF fonts with only
//! their own encoding, icon fonts in contact lines, letter-spaced headings
//! and a TrueType CID font without ToUnicode.
//!
//! The fixtures and their expected text (written by hand from the sources)
//! are made by scripts/fixtures/make_pdf_fonts.sh; whitespace is normalised
//! on both sides (runs of spaces and newlines are one space).

use super::extract;
use crate::limits::{Budget, Limits};
use std::path::PathBuf;

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The extracted and the expected text of a fixture.
fn texts(name: &str) -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-fonts");
    let pdf = std::fs::read(dir.join(format!("{name}.pdf"))).unwrap_or_else(|_| panic!("missing fixture {name}.pdf"));
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_else(|_| panic!("missing {name}.txt"));
    let mut budget = Budget::new(&Limits::default());
    let document = extract(&pdf, &mut budget).unwrap_or_else(|e| panic!("{name}: {e}"));
    (document.text(), expected)
}

fn check(name: &str) {
    let (text, expected) = texts(name);
    assert_eq!(normalised(&text), normalised(&expected), "{name}");
}

#[test]
fn pdftex_ot1_accents_ligatures_and_dashes() {
    check("pdftex_ot1");
}

#[test]
fn pdftex_t1_accents_ligatures_and_dashes() {
    check("pdftex_t1");
}

#[test]
fn pdftex_letter_spaced_headings() {
    check("pdftex_letterspaced");
}

#[test]
fn moderncv_contact_icons() {
    check("moderncv_banking");
}

/// Europass puts its section labels and dates in a narrow left column,
/// right-aligned against the entries they belong to.
#[test]
fn europasscv_sample() {
    check("europasscv");
}

#[test]
fn xelatex_icons_and_letter_spacing() {
    check("xelatex_icons");
}

#[test]
fn typst_icons_and_tracking() {
    check("typst_icons");
}

#[test]
fn truetype_cid_font_without_tounicode() {
    check("cid_truetype_no_tounicode");
}

#[test]
fn cff_fonts_with_their_own_encoding() {
    check("cff_builtin_encoding");
}
