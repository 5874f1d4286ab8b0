//! Flow-format extraction against committed fixtures and the real-world corpus.
//!
//! Fixtures (`tests/fixtures/<format>/<name>.<ext>`, made by
//! `scripts/fixtures/make_flow_fixtures.py`) each have a `<name>.expect.json`
//! saying what the extracted document must hold. The corpus test checks that
//! every labelled string of each DOCX/TXT CV is found in the extracted text
//! after the corpus README's normalisation, and prints the figures.

use std::path::{Path, PathBuf};

use cvshield::document::{Document, Region};
use cvshield::{extract, ExtractOptions};
use serde_json::Value;
use cvshield::eval::corpus;
use cvshield::eval::matching::{normalise, MatchText};

use crate::util::repo_root;

/// The corpus README's matching conventions, shared with every evaluation.
fn contains(haystack: &str, label: &str) -> bool {
    MatchText::new(haystack).contains(label)
}

fn corpus_dir() -> PathBuf {
    corpus::locate(&repo_root()).expect("the real-world corpus: ../shared/corpus/realworld beside the repo, or set CVSHIELD_CORPUS")
}

fn read_doc(path: &Path) -> Document {
    let bytes = std::fs::read(path).expect("fixture readable");
    let hint = path.file_name().map(|n| n.to_string_lossy().into_owned());
    extract(&bytes, &ExtractOptions { hint, ..ExtractOptions::default() })
        .unwrap_or_else(|e| panic!("{} failed: {e}", path.display()))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn region_name(r: Region) -> &'static str {
    match r {
        Region::Body => "body",
        Region::Header => "header",
        Region::Footer => "footer",
        Region::Table => "table",
        Region::TextBox => "text_box",
        Region::Footnote => "footnote",
    }
}

/// Check one fixture against its expectations; returns the failures.
fn check_fixture(doc_path: &Path, expect: &Value) -> Vec<String> {
    let doc = read_doc(doc_path);
    let text = doc.text();
    let mut failures = Vec::new();
    let name = doc_path.display();
    for s in strings(expect, "contains") {
        if !contains(&text, &s) {
            failures.push(format!("{name}: missing {s:?}"));
        }
    }
    for s in strings(expect, "exactly_once") {
        let n = normalise(&text, "").matches(&normalise(&s, "")).count();
        if n != 1 {
            failures.push(format!("{name}: {s:?} appears {n} times, expected once"));
        }
    }
    for s in strings(expect, "absent") {
        if contains(&text, &s) {
            failures.push(format!("{name}: {s:?} must not appear"));
        }
    }
    for url in strings(expect, "links") {
        if !doc.links.iter().any(|l| l.url == url) {
            failures.push(format!("{name}: link {url:?} missing"));
        }
    }
    let line_with = |s: &str| doc.lines().find(|l| normalise(&l.text, "") == normalise(s, ""));
    for s in strings(expect, "headings") {
        if line_with(&s).is_none_or(|l| l.heading.is_none()) {
            failures.push(format!("{name}: {s:?} is not a heading line"));
        }
    }
    for s in strings(expect, "list_items") {
        if !line_with(&s).is_some_and(|l| l.list_item) {
            failures.push(format!("{name}: {s:?} is not a list-item line"));
        }
    }
    for s in strings(expect, "not_list_items") {
        if line_with(&s).is_none_or(|l| l.list_item) {
            failures.push(format!("{name}: {s:?} is missing or marked as a list item"));
        }
    }
    for s in strings(expect, "bold") {
        if !line_with(&s).is_some_and(|l| l.bold) {
            failures.push(format!("{name}: {s:?} is not a bold line"));
        }
    }
    if let Some(Value::Object(regions)) = expect.get("regions") {
        for (region, texts) in regions {
            for s in texts.as_array().into_iter().flatten().filter_map(|x| x.as_str()) {
                let found = doc.lines().any(|l| region_name(l.region) == region && contains(&l.text, s));
                if !found {
                    failures.push(format!("{name}: {s:?} not on a {region} line"));
                }
            }
        }
    }
    if let Some(encoding) = expect.get("encoding").and_then(|e| e.as_str()) {
        if doc.metadata.encoding.as_deref() != Some(encoding) {
            failures.push(format!("{name}: encoding {:?}, expected {encoding}", doc.metadata.encoding));
        }
    }
    if doc.lines().any(|l| l.text.contains('\t') || l.text.trim() != l.text || l.text.is_empty()) {
        failures.push(format!("{name}: a line holds a tab, edge whitespace or nothing"));
    }
    failures
}

#[test]
fn fixtures_meet_their_expectations() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for format in ["docx", "odt", "rtf", "html", "txt"] {
        let dir = repo_root().join("tests/fixtures").join(format);
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for expect_path in entries.iter().filter(|p| p.to_string_lossy().ends_with(".expect.json")) {
            let stem = expect_path.to_string_lossy().trim_end_matches(".expect.json").to_string();
            let doc_path = entries
                .iter()
                .find(|p| {
                    let s = p.to_string_lossy();
                    !s.ends_with(".expect.json")
                        && p.file_stem().map(|f| f.to_string_lossy())
                            == Path::new(&stem).file_name().map(|f| f.to_string_lossy())
                })
                .unwrap_or_else(|| panic!("no document for {}", expect_path.display()));
            let expect: Value = serde_json::from_slice(&std::fs::read(expect_path).unwrap()).unwrap();
            failures.extend(check_fixture(doc_path, &expect));
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} fixtures found");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

const CORPUS_DOCS: [&str; 6] = ["h02", "h03", "h06", "h09", "h10", "h11"];
const LABEL_KEYS: [&str; 8] =
    ["emails", "phones", "employers", "job_titles", "schools", "degrees", "skills_sample", "name_parts"];

#[test]
fn corpus_flow_documents_contain_their_labels() {
    let dir = corpus_dir();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    let mut missing_all = Vec::new();
    for id in CORPUS_DOCS {
        let doc_path = entries
            .iter()
            .find(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.starts_with(id) && (n.ends_with(".docx") || n.ends_with(".txt"))
            })
            .unwrap_or_else(|| panic!("corpus document {id} missing"));
        let truth_path = doc_path.with_extension("truth.json");
        let truth: Value = serde_json::from_slice(&std::fs::read(&truth_path).unwrap()).unwrap();
        let started = std::time::Instant::now();
        let doc = read_doc(doc_path);
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let text = doc.text();
        let mut labels = Vec::new();
        if truth.get("name_parts").is_none() {
            labels.extend(strings(&truth, "name"));
        }
        for key in LABEL_KEYS {
            labels.extend(strings(&truth, key));
        }
        let sections = strings(&truth, "sections");
        let missing_sections: Vec<&String> = sections.iter().filter(|s| !contains(&text, s)).collect();
        let missing: Vec<&String> = labels.iter().filter(|l| !contains(&text, l)).collect();
        println!(
            "{id}: {}/{} labelled strings found, sections {}/{}, {} lines, {:.1} ms",
            labels.len() - missing.len(),
            labels.len(),
            sections.len() - missing_sections.len(),
            sections.len(),
            doc.lines().count(),
            millis
        );
        missing_all.extend(missing_sections.iter().map(|m| format!("{id} section: {m:?}")));
        missing_all.extend(missing.iter().map(|m| format!("{id}: {m:?}")));
    }
    assert!(missing_all.is_empty(), "labels not found:\n{}", missing_all.join("\n"));
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn code_of(bytes: &[u8], hint: &str) -> Option<cvshield::ErrorCode> {
    extract(bytes, &ExtractOptions { hint: Some(hint.into()), ..ExtractOptions::default() })
        .err()
        .map(|e| e.code)
}

/// Hostile inputs fail with the right typed error, quickly.
#[test]
fn hostile_flow_inputs_hit_limits() {
    use cvshield::ErrorCode::LimitExceeded;
    let started = std::time::Instant::now();
    // A DOCX whose document part is a zip bomb.
    let bomb = format!("<w:document><w:body>{}</w:body></w:document>", " ".repeat(50 * 1024 * 1024));
    assert_eq!(code_of(&zip_of(&[("word/document.xml", bomb.as_bytes())]), "a.docx"), Some(LimitExceeded));
    // Element nesting far past the XML depth limit.
    let deep = format!("<w:document>{}</w:document>", "<w:p>".repeat(5000));
    assert_eq!(code_of(&zip_of(&[("word/document.xml", deep.as_bytes())]), "a.docx"), Some(LimitExceeded));
    // Billion laughs in the main part: entities are not expanded, the document reads fine and small.
    let lol = r#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
        <w:document><w:body><w:p><w:r><w:t>x&d;&d;&d;&d;y</w:t></w:r></w:p></w:body></w:document>"#;
    let doc = extract(&zip_of(&[("word/document.xml", lol.as_bytes())]), &ExtractOptions::default()).unwrap();
    assert_eq!(doc.text().trim(), "xy");
    // An ODT asking for a billion spaces gets a bounded number.
    let odt = r#"<office:document-content><office:body><office:text><text:p>a<text:s text:c="1000000000"/>b</text:p></office:text></office:body></office:document-content>"#;
    let zip =
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", odt.as_bytes())]);
    let doc = extract(&zip, &ExtractOptions::default()).unwrap();
    assert_eq!(doc.text().trim(), "a b");
    // RTF and HTML nesting.
    let rtf = format!("{{\\rtf1 {}", "{".repeat(100_000));
    assert_eq!(code_of(rtf.as_bytes(), "a.rtf"), Some(LimitExceeded));
    let html = format!("<html><body>{}", "<div>".repeat(100_000));
    assert_eq!(code_of(html.as_bytes(), "a.html"), Some(LimitExceeded));
    // A large text file against a small work budget.
    let text = "word ".repeat(2_000_000);
    let options = ExtractOptions {
        limits: cvshield::Limits { max_work: 10_000, ..Default::default() },
        ..Default::default()
    };
    assert_eq!(extract(text.as_bytes(), &options).unwrap_err().code, LimitExceeded);
    assert!(started.elapsed().as_secs() < 20, "hostile inputs took {:?}", started.elapsed());
}

/// h09 keeps its name only in the page header and its section headings in floating
/// text boxes stored twice (DrawingML and VML): the header must be read, each box once.
#[test]
fn corpus_h09_header_name_and_text_box_headings_once() {
    let dir = corpus_dir();
    let doc = read_doc(&dir.join("h09_solutions_architect_redacted_mickey.docx"));
    // The name as its truth file gives it: no string of a dev document is written here.
    let truth: Value = serde_json::from_slice(&std::fs::read(dir.join("h09_solutions_architect_redacted_mickey.truth.json")).unwrap()).unwrap();
    let name = truth["name"].as_str().unwrap_or_default();
    assert!(!name.is_empty() && doc.lines().any(|l| l.region == Region::Header && l.text == name));
    for heading in ["PROFESSIONAL SUMMARY", "AREAS OF EXPERTISE", "WORK EXPERIENCE"] {
        let boxes: Vec<_> = doc.lines().filter(|l| l.text == heading).collect();
        assert_eq!(boxes.len(), 1, "{heading} appears {} times", boxes.len());
        assert_eq!(boxes[0].region, Region::TextBox);
    }
    // The later headings are ordinary "Heading 1" paragraphs.
    for heading in ["EDUCATION", "CERTIFICATIONS", "TECHNICAL SKILLS"] {
        let lines: Vec<_> = doc.lines().filter(|l| l.text == heading).collect();
        assert_eq!(lines.len(), 1, "{heading} appears {} times", lines.len());
        assert_eq!(lines[0].heading, Some(1));
    }
}
