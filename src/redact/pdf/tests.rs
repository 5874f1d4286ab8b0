//! The acceptance checks on real and fixture PDFs: what `anonymize` removed is gone from the
//! redacted file's text (read by cvshield and, when installed, by poppler's `pdftotext`), what it
//! kept is still there, `qpdf --check` accepts the file, and no string object of the file (the
//! metadata, link targets, bookmarks, form values) holds a removed value.

use super::*;
use crate::anonymize::AnonymizeOptions;
use crate::error::ErrorCode;
use crate::limits::Limits;
use crate::extract::extract_within;
use crate::pipeline::plan_document;
use crate::text_view::TextView;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The text of a CV file and the anonymiser's plan over it, under one budget: what this renderer
/// takes besides the bytes.
fn plan_bytes(bytes: &[u8], hint: Option<&str>, opts: &AnonymizeOptions) -> crate::error::Result<(String, crate::anonymize::Plan)> {
    let mut budget = Budget::new(&opts.limits);
    let doc = extract_within(bytes, hint, &mut budget)?;
    let view = TextView::new(&doc);
    let (plan, _) = plan_document(&view, opts, &mut budget)?;
    Ok((view.text().to_string(), plan))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")));
    out.sort();
    out
}

fn fold(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words of a text (runs of letters and digits, lowercased) of at least 3 characters.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(str::to_lowercase).collect()
}

/// Removed values (per line) and kept segments (per line, between removed spans) of a plan.
fn removed_and_kept(text: &str, plan: &Plan) -> (Vec<String>, Vec<String>) {
    let mut kept_text = String::new();
    let mut at = 0;
    let mut removed = Vec::new();
    for p in &plan.replacements {
        if p.start >= at {
            kept_text.push_str(text.get(at..p.start).unwrap_or(""));
            kept_text.push('\n');
        }
        at = at.max(p.end);
        if let Some(original) = text.get(p.start..p.end) {
            removed.extend(original.split(['\n', '\u{c}']).map(fold).filter(|s| s.chars().count() >= 3));
        }
    }
    kept_text.push_str(text.get(at..).unwrap_or(""));
    // A removed value that also appears in the kept text is not expected to vanish.
    let kept_lines: Vec<String> = kept_text.split(['\n', '\u{c}']).map(fold).collect();
    removed.retain(|r| !kept_lines.iter().any(|k| k.contains(r.as_str())));
    removed.sort();
    removed.dedup();
    let mut kept: Vec<String> = words(&kept_text).into_iter().collect();
    kept.sort();
    (removed, kept)
}

/// Every string object of a PDF, decoded.
fn strings_of(bytes: &[u8]) -> Vec<String> {
    let mut budget = Budget::new(&Limits::default());
    let Ok((storage, trailer)) = document::open(std::borrow::Cow::Borrowed(bytes)) else { return vec!["<unreadable>".into()] };
    let r = storage.resolver();
    let size = trailer.get("Size").and_then(crate::extract::pdf::objects::number).unwrap_or(0.0) as u64;
    let mut out = Vec::new();
    fn walk(p: &Primitive, out: &mut Vec<String>) {
        match p {
            Primitive::String(s) => out.push(crate::extract::pdf::objects::text_string(s.as_bytes())),
            Primitive::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Primitive::Dictionary(d) => d.iter().for_each(|(_, v)| walk(v, out)),
            Primitive::Stream(s) => s.info.iter().for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    for id in 1..size {
        if let Ok(Some(p)) = resolve_opt(&r, Some(&Primitive::Reference(PlainRef { id, gen: 0 })), &mut budget) {
            walk(&p, &mut out);
        }
    }
    out
}

fn has_tool(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn pdftotext(bytes: &[u8], name: &str) -> Option<String> {
    let path = std::env::temp_dir().join(format!("cvshield-redact-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).ok()?;
    let out = Command::new("pdftotext").arg(&path).arg("-").output().ok();
    let _ = std::fs::remove_file(&path);
    out.filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn qpdf_check(bytes: &[u8], name: &str) -> bool {
    let path = std::env::temp_dir().join(format!("cvshield-redact-qpdf-{}-{name}.pdf", std::process::id()));
    if std::fs::write(&path, bytes).is_err() {
        return false;
    }
    let ok = Command::new("qpdf").arg("--check").arg(&path).output().is_ok_and(|o| o.status.success());
    let _ = std::fs::remove_file(&path);
    ok
}

#[derive(Default, Debug)]
struct Tally {
    documents: usize,
    redacted: usize,
    unsupported: usize,
    own_reader_clean: usize,
    own_reader_keeps: usize,
    pdftotext_clean: usize,
    pdftotext_keeps: usize,
    qpdf_ok: usize,
    qpdf_rejects_original: usize,
    strings_clean: usize,
    written_whole: usize,
    links_removed: usize,
    failures: Vec<String>,
}

fn sweep(files: &[PathBuf], level: Level) -> Tally {
    let mut t = Tally::default();
    let opts = AnonymizeOptions { level, ..Default::default() };
    let poppler = has_tool("pdftotext");
    let qpdf = has_tool("qpdf");
    for path in files {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(bytes) = std::fs::read(path) else { continue };
        // Files the anonymiser itself refuses (passwords, scans, hostile limits) have no plan.
        let Ok((text, plan)) = plan_bytes(&bytes, Some("cv.pdf"), &opts) else { continue };
        t.documents += 1;
        let out = match redact(&bytes, &text, &plan, level, &mut Budget::new(&opts.limits)) {
            Ok(out) => out,
            Err(e) if e.code == ErrorCode::UnsupportedRedaction => {
                t.unsupported += 1;
                t.failures.push(format!("{name}: unsupported: {}", e.message));
                continue;
            }
            Err(e) => {
                t.failures.push(format!("{name}: error {e}"));
                continue;
            }
        };
        t.redacted += 1;
        t.links_removed += out.links_removed;
        let count = |needle: &[u8]| out.bytes.windows(needle.len()).filter(|w| *w == needle).count();
        // One revision, no XMP packet, no encryption, no Info dictionary.
        let one_revision = count(b"%%EOF") == 1 && count(b"startxref") == 1;
        if one_revision && count(b"/Metadata ") == 0 && count(b"xmpmeta") == 0 && count(b"/Encrypt ") == 0 && count(b"/Info ") == 0 {
            t.written_whole += 1;
        } else {
            t.failures.push(format!("{name}: not written whole or metadata left"));
        }
        let (removed, kept) = removed_and_kept(&text, &plan);
        // Kept words count where the reader read them in the original too (reading order may
        // change once text is gone: a line can split into columns differently).
        let mut check = |label: &str, original: &str, reader_text: &str, clean: &mut usize, keeps: &mut usize| {
            let before = words(original);
            let after = words(reader_text);
            let folded = fold(reader_text);
            let leaked: Vec<&String> = removed.iter().filter(|r| folded.contains(r.as_str())).collect();
            // A word may also come out joined to its neighbour (a reader's dehyphenation).
            let lost: Vec<&String> = kept
                .iter()
                .filter(|k| before.contains(*k) && !after.contains(*k) && !folded.contains(k.as_str()))
                .collect();
            if leaked.is_empty() {
                *clean += 1;
            } else {
                t.failures.push(format!("{name}: {label} still reads {} removed value(s)", leaked.len()));
            }
            if lost.is_empty() {
                *keeps += 1;
            } else {
                t.failures.push(format!("{name}: {label} lost {} of {} kept segment(s)", lost.len(), kept.len()));
            }
        };
        let own = crate::extract::extract_within(&out.bytes, Some("cv.pdf"), &mut Budget::new(&Limits::default()))
            .map(|doc| crate::text_view::TextView::new(&doc).text().to_string())
            .unwrap_or_default();
        let (mut c, mut k) = (0, 0);
        check("cvshield", &text, &own, &mut c, &mut k);
        t.own_reader_clean += c;
        t.own_reader_keeps += k;
        if poppler {
            let (mut c, mut k) = (0, 0);
            let original = pdftotext(&bytes, &name).unwrap_or_default();
            check("pdftotext", &original, &pdftotext(&out.bytes, &name).unwrap_or_default(), &mut c, &mut k);
            t.pdftotext_clean += c;
            t.pdftotext_keeps += k;
        }
        // A file qpdf already rejects (the hostile fixtures) is rewritten, not repaired.
        if !qpdf || qpdf_check(&out.bytes, &name) {
            t.qpdf_ok += 1;
        } else if !qpdf_check(&bytes, &name) {
            t.qpdf_rejects_original += 1;
        } else {
            t.failures.push(format!("{name}: qpdf --check fails"));
        }
        let strings = strings_of(&out.bytes);
        let holding = strings.iter().filter(|s| removed.iter().any(|r| fold(s).contains(r.as_str()))).count();
        if holding == 0 {
            t.strings_clean += 1;
        } else {
            t.failures.push(format!("{name}: {holding} string object(s) hold removed values"));
        }
    }
    t
}

fn fixture_pdfs() -> Vec<PathBuf> {
    let mut files = pdfs_in(&repo().join("tests/fixtures/pdf"));
    files.extend(pdfs_in(&repo().join("tests/fixtures/pdf-fonts")));
    files
}

fn corpus_pdfs() -> Vec<PathBuf> {
    ["../shared/corpus/realworld", "../shared/corpus/realworld-2"]
        .iter()
        .flat_map(|dir| pdfs_in(&repo().join(dir)))
        .collect()
}

/// `max_unsupported`: files the redactor may refuse (with `unsupported_redaction`, never a
/// half-redacted file) over the three levels; a floor that only goes down.
fn run(files: Vec<PathBuf>, set: &str, max_unsupported: usize) {
    if files.is_empty() {
        eprintln!("{set}: no PDFs found, skipped");
        return;
    }
    let mut failures = Vec::new();
    let mut unsupported = 0;
    for level in [Level::Basic, Level::Moderate, Level::Thorough] {
        let t = sweep(&files, level);
        unsupported += t.unsupported;
        eprintln!(
            "{set} {level:?}: {} documents, {} redacted, {} unsupported; cvshield clean {} keeps {}; pdftotext clean {} keeps {}; qpdf ok {} (original rejected {}); strings clean {}; written whole {}; links removed {}",
            t.documents, t.redacted, t.unsupported, t.own_reader_clean, t.own_reader_keeps, t.pdftotext_clean, t.pdftotext_keeps, t.qpdf_ok, t.qpdf_rejects_original, t.strings_clean, t.written_whole, t.links_removed
        );
        for f in &t.failures {
            eprintln!("  {level:?} {f}");
        }
        failures.extend(t.failures.into_iter().filter(|f| !f.contains(": unsupported: ")).map(|f| format!("{level:?} {f}")));
    }
    assert!(failures.is_empty(), "{set}: {} failure(s)", failures.len());
    assert!(unsupported <= max_unsupported, "{set}: {unsupported} refusal(s), at most {max_unsupported} expected");
}

#[test]
fn fixture_pdfs_are_truly_redacted() {
    // europasscv: an object its logo needs cannot be read (poppler rebuilds it; we refuse);
    // core_ocr_layer: its text is an invisible layer over a scan, whose pixels show the words.
    run(fixture_pdfs(), "fixtures", 6);
}

#[test]
fn real_pdfs_are_truly_redacted() {
    run(corpus_pdfs(), "realworld", 0);
}

/// Page 1 rendered by poppler in grey at `dpi`: width, height, pixels.
fn render_page1(bytes: &[u8], name: &str, dpi: u32) -> Option<(usize, usize, Vec<u8>)> {
    let dir = std::env::temp_dir();
    let pdf = dir.join(format!("cvshield-redact-px-{}-{name}.pdf", std::process::id()));
    let prefix = dir.join(format!("cvshield-redact-px-{}-{name}", std::process::id()));
    std::fs::write(&pdf, bytes).ok()?;
    let status = Command::new("pdftoppm")
        .args(["-gray", "-singlefile", "-f", "1", "-l", "1", "-r", &dpi.to_string()])
        .arg(&pdf)
        .arg(&prefix)
        .output()
        .ok()?;
    let pgm_path = prefix.with_extension("pgm");
    let pgm = std::fs::read(&pgm_path).ok();
    let _ = std::fs::remove_file(&pdf);
    let _ = std::fs::remove_file(&pgm_path);
    if !status.status.success() {
        return None;
    }
    parse_pgm(&pgm?)
}

/// A binary PGM (P5, 8-bit): "P5 width height maxval" then the pixels.
fn parse_pgm(data: &[u8]) -> Option<(usize, usize, Vec<u8>)> {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&data[start..at]).ok()?.to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let pixels = data.get(at + 1..at + 1 + w * h)?.to_vec();
    (fields[0] == "P5").then_some((w, h, pixels))
}

/// Pixels of page 1 that changed outside the painted areas, grown by `slack` points for
/// anti-aliasing and, along the line, by one em: a viewer that substitutes a font the file does
/// not embed draws its ink with its own advances, up to about an em past the file's.
fn changed_outside(before: &(usize, usize, Vec<u8>), after: &(usize, usize, Vec<u8>), painted: &[BBox], dpi: f32, slack: f32) -> usize {
    if (before.0, before.1) != (after.0, after.1) {
        return usize::MAX;
    }
    let scale = 72.0 / dpi;
    let mut outside = 0;
    for (i, (a, b)) in before.2.iter().zip(&after.2).enumerate() {
        if a.abs_diff(*b) <= 48 {
            continue;
        }
        let (x, y) = ((i % before.0) as f32 * scale, (i / before.0) as f32 * scale);
        let inside = painted.iter().any(|p| {
            let em = (p.y1 - p.y0) / 1.15;
            x + scale >= p.x0 - slack - em && x <= p.x1 + slack + em && y + scale >= p.y0 - slack && y <= p.y1 + slack
        });
        if !inside {
            outside += 1;
        }
    }
    outside
}

#[test]
fn page_images_change_only_inside_the_redaction_boxes() {
    if !has_tool("pdftoppm") {
        eprintln!("pdftoppm not installed, skipped");
        return;
    }
    let dpi = 50.0;
    let mut files = fixture_pdfs();
    files.extend(corpus_pdfs());
    let mut failures = Vec::new();
    for level in [Level::Basic, Level::Moderate, Level::Thorough] {
        let opts = AnonymizeOptions { level, ..Default::default() };
        let (mut compared, mut photos) = (0, Vec::new());
        for path in &files {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let Ok(bytes) = std::fs::read(path) else { continue };
            let Ok((text, plan)) = plan_bytes(&bytes, Some("cv.pdf"), &opts) else { continue };
            let mut budget = Budget::new(&opts.limits);
            let Ok(((out, painted), _)) = with_repair(&bytes, &mut budget, |b, budget| redact_file(b, &text, &plan, level, budget))
            else {
                continue;
            };
            if out.photos_removed > 0 {
                photos.push(format!("{name} ({})", out.photos_removed));
            }
            let (Some(before), Some(after)) = (render_page1(&bytes, &name, dpi as u32), render_page1(&out.bytes, &name, dpi as u32))
            else {
                continue;
            };
            compared += 1;
            let outside = changed_outside(&before, &after, painted.first().map_or(&[][..], |p| p), dpi, 2.0);
            if outside > 0 {
                failures.push(format!("{level:?} {name}: {outside} pixel(s) changed outside the boxes"));
            }
        }
        eprintln!("pixels {level:?}: {compared} page 1 images compared; photos greyed in {photos:?}");
        if level == Level::Basic {
            assert!(photos.is_empty(), "photos stay at basic");
        }
    }
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(failures.is_empty(), "{} page image(s) changed outside the redaction boxes", failures.len());
}

/// Damaged files never panic the redactor: every fixture, cut short and with bytes overwritten
/// (deterministically), is redacted against its intact plan, and either comes out or fails with
/// a typed error that explains itself.
#[test]
fn damaged_pdfs_never_panic() {
    let opts = AnonymizeOptions { level: Level::Thorough, ..Default::default() };
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut runs = 0;
    for path in fixture_pdfs() {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok((text, plan)) = plan_bytes(&bytes, Some("cv.pdf"), &opts) else { continue };
        for round in 0..12 {
            let mut damaged = bytes.clone();
            if round % 3 == 0 {
                damaged.truncate((next() as usize) % bytes.len().max(1));
            }
            for _ in 0..(1 + round) {
                if damaged.is_empty() {
                    break;
                }
                let at = (next() as usize) % damaged.len();
                damaged[at] = next() as u8;
            }
            runs += 1;
            if let Err(e) = redact(&damaged, &text, &plan, Level::Thorough, &mut Budget::new(&opts.limits)) {
                assert!(!e.message.is_empty());
            }
        }
    }
    assert!(runs > 100, "{runs} damaged files redacted");
}

/// Bookmarks: the fixture's outline names the candidate beside its section titles; the redacted
/// file keeps the outline without the name (the corpus sweeps check every string object too).
#[test]
fn bookmarks_lose_removed_values_and_keep_section_titles() {
    let bytes = std::fs::read(repo().join("tests/fixtures/pdf/layout_sidebar_libreoffice.pdf")).unwrap();
    let name = "Ines Calloway";
    assert!(strings_of(&bytes).iter().any(|s| s == name), "the fixture's outline names the candidate");
    let out = crate::redact::redact(&bytes, Some("cv.pdf"), &AnonymizeOptions { level: Level::Basic, ..Default::default() }).unwrap();
    let after = strings_of(&out.bytes);
    assert!(!after.iter().any(|s| s.contains(name)), "no bookmark or other string keeps the name");
    assert!(after.iter().any(|s| s == "Skills") && after.iter().any(|s| s == "Experience"), "the section bookmarks stay");
}
