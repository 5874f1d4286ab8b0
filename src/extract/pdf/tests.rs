//! End-to-end tests of the glyph stage on real CVs and generated fixtures.
//!
//! These check decoded glyph text, independent of the layout stage: a
//! minimal "sort by baseline, then x" join stands in for `layout.rs`.

use super::extract_glyphs;
use super::glyph::PageGlyphs;
use crate::error::ErrorCode;
use crate::limits::{Budget, Limits};
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CVSHIELD_CORPUS").ok().map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld")),
        Some(PathBuf::from("/work/shared/corpus/realworld")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(name);
    std::fs::read(&path).unwrap_or_else(|_| panic!("missing fixture {name}"))
}

/// Stand-in layout: glyphs clustered into lines by baseline, each line
/// sorted by x, spaces from gaps.
pub(crate) fn simple_text(pages: &[PageGlyphs]) -> String {
    use super::glyph::Glyph;
    let mut out = String::new();
    for page in pages {
        let mut glyphs: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.upright).collect();
        glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
        let mut lines: Vec<Vec<&Glyph>> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(line) if (g.baseline - line[0].baseline).abs() < 0.3 * g.font_size.max(1.0) => line.push(g),
                _ => lines.push(vec![g]),
            }
        }
        for mut line in lines {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut previous: Option<&Glyph> = None;
            for g in line {
                if let Some(p) = previous {
                    if g.x0 - p.x1 > 0.25 * p.space_width.max(0.5) && !p.text.ends_with(' ') && g.text != " " {
                        out.push(' ');
                    }
                }
                out.push_str(&g.text);
                previous = Some(g);
            }
            out.push('\n');
        }
        let vertical: String = page.glyphs.iter().filter(|g| !g.upright).map(|g| g.text.as_str()).collect();
        out.push_str(&vertical);
        out.push('\n');
    }
    out
}

/// The corpus README's matching normalisation (minus NFC).
fn normalise(s: &str) -> String {
    let mut out = String::new();
    for c in super::encodings::expand_ligatures(s).chars() {
        let c = match c {
            '\u{a0}' | '\t' | '\r' | '\n' => ' ',
            '\u{2010}' | '\u{2011}' => '-',
            '\u{ad}' => continue,
            other => other,
        };
        if (c == ' ' && out.ends_with(' ')) || (c == '-' && out.ends_with('-')) {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn glyph_text(bytes: &[u8]) -> String {
    let mut budget = Budget::new(&Limits::default());
    let (pages, ..) = extract_glyphs(bytes, &mut budget).expect("extracts");
    simple_text(&pages)
}

/// Labelled strings (name, e-mails, employers) of a truth file, with
/// text-layer quirks applied.
fn labels(truth: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(name) = truth["name"].as_str() {
        out.push(name.to_string());
    }
    for key in ["emails", "employers"] {
        for v in truth[key].as_array().into_iter().flatten() {
            if let Some(s) = v.as_str() {
                out.push(s.to_string());
            }
        }
    }
    let quirks = &truth["text_layer_quirks"];
    out.into_iter().map(|s| quirks[&s].as_str().map(str::to_string).unwrap_or(s)).collect()
}

#[test]
fn corpus_labels_are_found_in_glyph_text() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let mut total = 0;
    let mut found = 0;
    for stem in ["h01", "h04", "h05", "h07", "h08", "h12", "h13"] {
        let entry = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(stem) && p.extension().is_some_and(|e| e == "pdf"))
            .unwrap();
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(entry.with_extension("truth.json")).unwrap()).unwrap();
        let text = normalise(&glyph_text(&std::fs::read(&entry).unwrap()));
        let squashed: String = text.chars().filter(|c| *c != ' ').collect();
        let labels = labels(&truth);
        let mut missing = Vec::new();
        for label in &labels {
            let want = normalise(label);
            let want_squashed: String = want.chars().filter(|c| *c != ' ').collect();
            total += 1;
            if text.contains(&want) {
                found += 1;
            } else if squashed.contains(&want_squashed) {
                // Present, but our stand-in layout split the spacing.
                found += 1;
            } else {
                missing.push(label.clone());
            }
        }
        eprintln!("{stem}: {}/{} labels found; missing {:?}", labels.len() - missing.len(), labels.len(), missing);
    }
    eprintln!("corpus: {found}/{total} labels found in glyph text");
    assert_eq!(found, total, "every labelled name, e-mail and employer is in the glyph text");
}

#[test]
fn corpus_pdfs_have_plausible_geometry() {
    let Some(dir) = corpus_dir() else { return };
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
    let Some(dir) = corpus_dir() else { return };
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

/// Print the glyph text of the file named by CVSHIELD_DUMP (debugging aid).
#[test]
#[ignore]
fn dump_glyph_text() {
    let path = std::env::var("CVSHIELD_DUMP").expect("set CVSHIELD_DUMP");
    println!("{}", glyph_text(&std::fs::read(path).unwrap()));
}

#[test]
#[ignore]
fn dump_glyphs() {
    let path = std::env::var("CVSHIELD_DUMP").expect("set CVSHIELD_DUMP");
    let mut budget = Budget::new(&Limits::default());
    let (pages, ..) = extract_glyphs(&std::fs::read(path).unwrap(), &mut budget).unwrap();
    for g in &pages[0].glyphs {
        println!("{:?} x0={:.1} x1={:.1} y={:.1} size={:.1} sp={:.2} b={} i={} up={}", g.text, g.x0, g.x1, g.baseline, g.font_size, g.space_width, g.bold, g.italic, g.upright);
    }
}
