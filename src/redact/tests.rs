//! Redaction of every non-PDF document of both real dev sets and of the fixtures, at each level,
//! checked against what `anonymize` removes and keeps; and small documents of each format whose
//! hiding places (runs, tracked changes, comments, properties, links, alt text) are known.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::locate::{Needles, Source};
use super::*;
use crate::error::ErrorCode;
use crate::extract::archive::tests::make_zip;
use crate::limits::Limits;
use crate::pipeline::{anonymize, AnonymizeInput};

const LEVELS: [Level; 3] = [Level::Basic, Level::Moderate, Level::Thorough];

fn opts(level: Level) -> AnonymizeOptions {
    AnonymizeOptions { level, ..AnonymizeOptions::default() }
}

fn budget() -> Budget {
    Budget::new(&Limits::default())
}

/// The non-PDF documents of the fixtures and of both real dev sets (when the corpus is there).
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = ["tests/fixtures/docx", "tests/fixtures/odt", "tests/fixtures/rtf", "tests/fixtures/html", "tests/fixtures/txt", "tests/fixtures/synthetic-test", "../shared/corpus/realworld", "../shared/corpus/realworld-2"];
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if matches!(ext.as_str(), "docx" | "odt" | "rtf" | "html" | "htm" | "txt" | "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The text an independent reader sees: for the packages, the raw XML text and attribute values
/// (namespaces and part types aside) of every content or property part, entities decoded, so
/// properties, link targets and alt text are read too; the bytes themselves for the others.
fn raw_texts(bytes: &[u8], format: Format) -> Vec<String> {
    match format {
        Format::Docx | Format::Odt => {
            let members = package::read_all(bytes, &mut budget()).unwrap();
            members
                .into_iter()
                .filter(|(n, _)| is_content_or_property_part(n))
                .map(|(_, data)| {
                    let xml = String::from_utf8_lossy(&data).into_owned();
                    let mut source = Source::default();
                    for t in xml_scan::tokens(&xml, &mut budget()).unwrap() {
                        match t {
                            xml_scan::Token::Text { start, end } => xml_scan::decode(&xml, start, end, &mut source),
                            xml_scan::Token::Open { start, end, .. } => {
                                for (name, _, value) in xml_scan::attributes(&xml, start, end) {
                                    if !(name.starts_with("xmlns") || matches!(name, "Type" | "ContentType" | "mc:Ignorable")) {
                                        source.push(' ', start, start);
                                        xml_scan::decode(&xml, value.0, value.1, &mut source);
                                    }
                                }
                            }
                            xml_scan::Token::Close { name, .. } if matches!(xml_scan::local(name), "p" | "h" | "tc") => source.push(' ', 0, 0),
                            _ => {}
                        }
                    }
                    source.chars.iter().map(|c| c.0).collect()
                })
                .collect()
        }
        _ => vec![String::from_utf8_lossy(bytes).into_owned()],
    }
}

/// The parts that hold the document's text, properties, links and alt text (not themes, fonts
/// or style names).
fn is_content_or_property_part(name: &str) -> bool {
    let leaf = name.rsplit('/').next().unwrap_or("");
    name.ends_with(".rels")
        || name.starts_with("docProps/")
        || matches!(name, "content.xml" | "styles.xml" | "meta.xml")
        || ["document", "header", "footer", "footnotes", "endnotes", "comments"].iter().any(|p| leaf.starts_with(p) && leaf.ends_with(".xml"))
}

#[test]
fn every_document_at_every_level_loses_what_anonymize_removes_and_keeps_the_rest() {
    let docs = documents();
    assert!(docs.len() >= 8, "fixtures missing: {}", docs.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &docs {
        let bytes = std::fs::read(path).unwrap();
        let hint = path.file_name().and_then(|n| n.to_str()).map(str::to_string);
        let name = hint.clone().unwrap_or_default();
        for level in LEVELS {
            let anonymised = anonymize(AnonymizeInput::Bytes { bytes: &bytes, hint: hint.clone() }, &opts(level)).unwrap();
            let redacted = match redact(&bytes, hint.as_deref(), &opts(level)) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{name} {level:?}: {e}"));
                    continue;
                }
            };
            checked += 1;
            assert_eq!(redacted.redactions.len(), anonymised.redactions.len(), "{name} {level:?}: the same plan");
            assert_eq!(redacted.counts, anonymised.counts, "{name} {level:?}");
            let doc = crate::extract::extract_within(&bytes, hint.as_deref(), &mut budget()).unwrap();
            let view = TextView::new(&doc);
            let originals: Vec<(&str, &str)> = anonymised.redactions.iter().filter_map(|r| Some((view.text().get(r.start..r.end)?, r.replacement.as_str()))).collect();
            let needles = Needles::new(originals.iter().copied());
            let back_hint = if redacted.format == Format::Markdown { Some("x.md") } else { hint.as_deref() };
            let back = crate::extract::extract_within(&redacted.bytes, back_hint, &mut budget()).unwrap();
            let back_view = TextView::new(&back);
            // A removed value may stay only where the anonymised text keeps it (detection left
            // that occurrence): never more often, in cvshield's reading or in the raw parts.
            let kept = needles.counts_in(anonymised.text.as_deref().unwrap_or_default(), &mut budget()).unwrap();
            let more_than_kept = |found: Vec<usize>| found.iter().zip(&kept).any(|(f, k)| f > k);
            assert!(!more_than_kept(needles.counts_in(back_view.text(), &mut budget()).unwrap()), "{name} {level:?}: cvshield reads a removed value");
            let mut raw_counts = vec![0; kept.len()];
            for raw in raw_texts(&redacted.bytes, redacted.format) {
                raw_counts.iter_mut().zip(needles.counts_in(&raw, &mut budget()).unwrap()).for_each(|(a, b)| *a += b);
            }
            if more_than_kept(raw_counts) {
                failures.push(format!("{name} {level:?}: the raw {} holds a removed value", redacted.format.as_str()));
            }
            // One plan, the same redactions: the document reads back as the anonymised text,
            // word for word (spacing and line breaks aside).
            let counted = |text: &str| {
                let mut words: BTreeMap<String, usize> = BTreeMap::new();
                for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    *words.entry(w.to_lowercase()).or_default() += 1;
                }
                words
            };
            let (want, got) = (counted(anonymised.text.as_deref().unwrap_or_default()), counted(back_view.text()));
            let lost: Vec<&String> = want.iter().filter(|(w, n)| got.get(*w).unwrap_or(&0) < n).map(|(w, _)| w).collect();
            let more: Vec<&String> = got.iter().filter(|(w, n)| want.get(*w).unwrap_or(&0) < n).map(|(w, _)| w).collect();
            if !lost.is_empty() || !more.is_empty() {
                failures.push(format!("{name} {level:?}: words the anonymised text has that the document lost {lost:?}, and more {more:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} redactions failed:\n{}", failures.len(), docs.len() * 3, failures.join("\n"));
    assert_eq!(checked, docs.len() * 3);
}

fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!(r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:r="r" xmlns:wp="wp" xmlns:a="a"><w:body>{body}</w:body></w:document>"#);
    let mut members: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    members.extend_from_slice(extra);
    make_zip(&members)
}

fn member(bytes: &[u8], name: &str) -> String {
    let members = package::read_all(bytes, &mut budget()).unwrap();
    String::from_utf8(members.into_iter().find(|(n, _)| n == name).unwrap().1).unwrap()
}

const CONTACT: &str = "jane.roe@example.org";

#[test]
fn docx_hiding_places_are_emptied() {
    let body = format!(
        r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1080000" cy="1404000"/><wp:docPr id="1" name="Picture 1" descr="Photo of Jane Roe"/><a:blip r:embed="rId5"/></wp:inline></w:drawing></w:r></w:p>
<w:p><w:fldSimple w:instr="HYPERLINK &quot;mailto:{CONTACT}&quot;"><w:r><w:t>Mail</w:t></w:r></w:fldSimple></w:p>
<w:p w:rsidR="00AB12"><w:r><w:t>Jane </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Roe</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rId9"><w:r><w:t>{CONTACT}</w:t></w:r></w:hyperlink></w:p><w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Software Engineer</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>
<w:p><w:del w:author="Jane Roe"><w:r><w:delText>Jane Roe, Berlin</w:delText></w:r></w:del><w:ins w:author="Jane Roe"><w:r><w:t>Experience</w:t></w:r></w:ins></w:p>
"#
    );
    let rels = format!(r#"<Relationships><Relationship Id="rId9" Type="http://x/hyperlink" Target="mailto:{CONTACT}" TargetMode="External"/><Relationship Id="rId5" Type="http://x/image" Target="media/image1.png"/></Relationships>"#);
    let core = r#"<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>Jane Roe</dc:creator><cp:lastModifiedBy>J. Roe</cp:lastModifiedBy></cp:coreProperties>"#;
    let comments = r#"<w:comments><w:comment w:id="0" w:author="Jane Roe"><w:p><w:r><w:t>fix my phone</w:t></w:r></w:p></w:comment></w:comments>"#;
    let input = docx(&body, &[("word/_rels/document.xml.rels", rels.as_bytes()), ("docProps/core.xml", core.as_bytes()), ("word/comments.xml", comments.as_bytes()), ("word/media/image1.png", b"\x89PNG photo")]);
    let out = redact(&input, None, &opts(Level::Moderate)).unwrap();
    assert_eq!(out.format, Format::Docx);
    let document = member(&out.bytes, "word/document.xml");
    assert!(!document.contains("Jane") && !document.contains("Roe") && !document.contains(CONTACT), "{document}");
    assert!(document.contains("<w:b/>") && document.contains("Software Engineer") && document.contains("Experience"), "runs and kept text stay: {document}");
    assert!(!document.contains("rsid") && !document.contains("<w:del") && !document.contains("<w:ins") && !document.contains("commentRange"));
    assert!(document.contains(r#"descr="""#));
    assert!(!member(&out.bytes, "word/_rels/document.xml.rels").contains(CONTACT));
    assert!(!member(&out.bytes, "docProps/core.xml").contains("Roe"));
    assert!(!member(&out.bytes, "word/comments.xml").contains("phone"));
    assert_eq!(out.meta.photos_removed, 1);
    let members = package::read_all(&out.bytes, &mut budget()).unwrap();
    assert!(members.iter().any(|(n, d)| n == "word/media/image1.png" && d.starts_with(b"\x89PNG\r\n")));
    // An icon-sized square image near the top (0.45 cm) is no photo.
    let icon_body = body.replace(r#"cx="1080000" cy="1404000""#, r#"cx="161925" cy="161925""#);
    let with_icon = docx(&icon_body, &[("word/_rels/document.xml.rels", rels.as_bytes()), ("word/media/image1.png", b"\x89PNG icon")]);
    assert_eq!(redact(&with_icon, None, &opts(Level::Moderate)).unwrap().meta.photos_removed, 0);
    // At basic the photo stays.
    let basic = redact(&input, None, &opts(Level::Basic)).unwrap();
    assert_eq!(basic.meta.photos_removed, 0);
}

#[test]
fn odt_rtf_html_and_markdown_are_rewritten_in_place() {
    let content = format!(
        r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:xlink="x"><office:body><office:text><text:p>Jane<text:s/><text:span>Roe</text:span></text:p><text:p><text:a xlink:href="mailto:{CONTACT}">{CONTACT}</text:a></text:p><text:p>Software Engineer<office:annotation><text:p>call Jane Roe</text:p></office:annotation></text:p></office:text></office:body></office:document-content>"#
    );
    let meta = r#"<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="dc"><office:meta><meta:initial-creator>Jane Roe</meta:initial-creator></office:meta></office:document-meta>"#;
    let odt = make_zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", content.as_bytes()), ("meta.xml", meta.as_bytes())]);
    let out = redact(&odt, None, &opts(Level::Basic)).unwrap();
    let content = member(&out.bytes, "content.xml");
    assert!(!content.contains("Roe") && !content.contains(CONTACT) && content.contains("Software Engineer"), "{content}");
    assert!(!member(&out.bytes, "meta.xml").contains("Roe"));
    assert_eq!(package::read_all(&out.bytes, &mut budget()).unwrap()[0].0, "mimetype");

    let rtf = format!(r#"{{\rtf1\ansi{{\info{{\author Jane Roe}}}}\b Jane\b0  Ro\'e9\par {{\field{{\*\fldinst HYPERLINK "mailto:{CONTACT}"}}{{\fldrslt {CONTACT}}}}}\par Software Engineer\par}}"#);
    let out = redact(rtf.as_bytes(), None, &opts(Level::Basic)).unwrap();
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(!text.contains("Jane") && !text.contains(CONTACT) && !text.contains("author") && text.contains("Software Engineer"), "{text}");

    let html = format!(r#"<html><head><title>Jane Roe</title><meta name="author" content="J. R."></head><body><!-- Jane Roe --><p><b>Jane</b> Roe</p><p><a href="mailto:{CONTACT}" title="{CONTACT}">{CONTACT}</a></p><p>Software Engineer</p></body></html>"#);
    let out = redact(html.as_bytes(), Some("cv.html"), &opts(Level::Basic)).unwrap();
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(!text.contains("Roe") && !text.contains(CONTACT) && !text.contains("J. R.") && text.contains("<b>") && text.contains("Software Engineer"), "{text}");

    let md = format!("# Jane Roe\n\n[{CONTACT}](mailto:{CONTACT})\n\n## Experience\n\nSoftware Engineer\n");
    let out = redact(md.as_bytes(), Some("cv.md"), &opts(Level::Basic)).unwrap();
    assert_eq!(out.format, Format::Markdown);
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(!text.contains("Roe") && !text.contains(CONTACT) && text.contains("## Experience"), "{text}");
}

/// A PDF goes through the same entry point as the flow formats, and comes back a PDF whose text
/// no longer holds what the plan removed (the PDF renderer's own tests cover the corpus).
#[test]
fn pdf_input_is_redacted_through_the_same_entry_point() {
    let pdf = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synthetic-test/cv-5000-000172.pdf")).unwrap();
    let out = redact(&pdf, None, &opts(Level::Basic)).unwrap();
    assert_eq!((out.format, out.mime_type), (Format::Pdf, "application/pdf"));
    assert!(out.bytes.starts_with(b"%PDF-"));
    let original = crate::extract(&pdf, &crate::ExtractOptions::default()).unwrap();
    let original = TextView::new(&original);
    let removed: Vec<&str> = out.redactions.iter().map(|r| &original.text()[r.start..r.end]).collect();
    assert!(removed.iter().any(|r| r.contains('@')), "the fixture's e-mail is planned for removal");
    let again = crate::extract(&out.bytes, &crate::ExtractOptions::default()).unwrap();
    let again = TextView::new(&again);
    for value in removed.iter().filter(|r| r.len() > 3) {
        assert!(!again.text().contains(value), "a removed value is still in the redacted PDF's text");
    }
}

#[test]
fn broken_input_fails_with_a_typed_error() {
    assert_eq!(redact(b"PK\x03\x04word/document.xml", None, &opts(Level::Basic)).unwrap_err().code, ErrorCode::Malformed);
}

/// Hostile fixtures and damaged copies of real ones (bytes flipped, cut short) never panic: each
/// gives a redacted document or a typed error that explains itself.
#[test]
fn hostile_and_damaged_documents_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<(Vec<u8>, String)> = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures/hostile")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        inputs.push((std::fs::read(entry.path()).unwrap(), name));
    }
    for path in documents().into_iter().filter(|p| p.starts_with(root.join("tests/fixtures"))) {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for k in 1..6usize {
            let mut damaged = bytes.clone();
            let step = damaged.len() / (k * 7 + 1) + 1;
            for i in (k * 13..damaged.len()).step_by(step) {
                damaged[i] ^= 0x5a;
            }
            inputs.push((damaged, name.clone()));
            inputs.push((bytes[..bytes.len() * k / 6].to_vec(), name.clone()));
        }
    }
    let limits = Limits { max_millis: Some(20_000), ..Limits::default() };
    for (bytes, name) in &inputs {
        for level in LEVELS {
            let options = AnonymizeOptions { level, limits: limits.clone(), ..AnonymizeOptions::default() };
            match std::panic::catch_unwind(|| redact(bytes, Some(name), &options)) {
                Ok(Ok(out)) => assert!(!out.bytes.is_empty()),
                Ok(Err(e)) => assert!(!e.message.is_empty()),
                Err(_) => panic!("{name} at {level:?} panicked"),
            }
        }
    }
}

/// The safety check lets a document keep a removed value exactly where the anonymised text keeps
/// it too (detection left that occurrence), and refuses one occurrence more.
#[test]
fn verify_refuses_a_removed_value_the_text_output_does_not_keep() {
    let needles = Needles::new([("Jane Roe", "[NAME]")]);
    let mut budget = Budget::new(&Limits::default());
    let kept_once = "[NAME]\nwrote to Jane Roe\n";
    assert!(verify(kept_once.as_bytes(), Format::Txt, &needles, kept_once, &["[NAME]"], &mut budget).is_ok());
    let output = "Jane Roe\nwrote to Jane Roe\n";
    let err = verify(output.as_bytes(), Format::Txt, &needles, kept_once, &["[NAME]"], &mut budget).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedRedaction);
}

/// A planned span left at its place is refused even when the output holds the value no more
/// often than the anonymised text (it removed the kept occurrence instead).
#[test]
fn verify_refuses_a_removed_value_left_at_its_place() {
    let text = "Jane Roe\nSoftware engineer\nwrote to Jane Roe\nin May\n";
    let needles = Needles::planned(text, [(0, 8, "[NAME]")], &mut budget()).unwrap();
    let anonymised = "[NAME]\nSoftware engineer\nwrote to Jane Roe\nin May\n";
    assert!(verify(anonymised.as_bytes(), Format::Txt, &needles, anonymised, &["[NAME]"], &mut budget()).is_ok());
    let swapped = "Jane Roe\nSoftware engineer\nwrote to [NAME]\nin May\n";
    let err = verify(swapped.as_bytes(), Format::Txt, &needles, anonymised, &["[NAME]"], &mut budget()).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedRedaction);
}

/// The flow renderers replace the planned spans, not every occurrence: a word the plan removes in
/// one place and keeps in another stays where it is kept, in each format.
#[test]
fn a_value_removed_in_one_place_is_kept_where_the_plan_keeps_it() {
    let cases: [(&str, Vec<u8>); 3] = [
        ("cv.txt", b"Jane Roe\nEnvironmental Science\nMSc Environmental Science\n".to_vec()),
        ("cv.rtf", br"{\rtf1\ansi Jane Roe\par Environmental Science\par MSc {\b Environmental} Science\par}".to_vec()),
        ("cv.html", b"<html><body><p>Jane Roe</p><p>Environmental Science</p><p>MSc <b>Environmental</b> Science</p></body></html>".to_vec()),
    ];
    for (name, bytes) in cases {
        let doc = crate::extract::extract_within(&bytes, Some(name), &mut budget()).unwrap();
        let view = TextView::new(&doc);
        let first = view.text().find("Environmental").unwrap();
        let (mut plan, _) = plan_document(&view, &opts(Level::Basic), &mut budget()).unwrap();
        let planned = crate::anonymize::plan::Planned {
            target: crate::anonymize::plan::Target::Kind(crate::entities::EntityKind::Location),
            start: first,
            end: first + "Environmental".len(),
            replacement: "[LOCATION]".into(),
            detector: "test",
            confidence: 1.0,
        };
        plan.replacements = vec![planned];
        let input = RedactInput { document: &doc, view: &view, plan: &plan, level: Level::Basic };
        let mut needles = input.needles(&mut budget()).unwrap();
        let out = render(&bytes, &input, &mut needles, &mut budget()).unwrap();
        assert_eq!(needles.unplaced(), 0, "{name}");
        let back = crate::extract::extract_within(&out.bytes, Some(name), &mut budget()).unwrap();
        let back = TextView::new(&back);
        assert_eq!(back.text().matches("Environmental").count(), 1, "{name}: {}", back.text());
        assert!(back.text().contains("[LOCATION] Science") && back.text().contains("MSc Environmental Science"), "{name}: {}", back.text());
    }
}
