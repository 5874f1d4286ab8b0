//! Issue 2, acceptance 2: `cvshield extract` keeps ≥ 99 % of each real-world
//! document's labelled strings, and in total no fewer than the usual
//! baselines: `pdftotext -layout` for PDFs, the raw `w:t` text of the body,
//! headers and footers for DOCX, the raw file for TXT. Prints both figures.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use cvshield::eval::corpus::{self, CorpusDoc};
use cvshield::eval::matching::MatchText;
use cvshield::{extract, ExtractOptions};

fn corpus_docs() -> Vec<CorpusDoc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = corpus::locate(root).expect("the real-world corpus: ../shared/corpus/realworld beside the repo, or set CVSHIELD_CORPUS");
    let docs = corpus::load(&dir).expect("readable corpus");
    assert!(docs.len() >= 13, "expected the 13 corpus documents, found {}", docs.len());
    docs
}

/// The baseline text a plain tool gets, or None when the tool is missing.
fn baseline_text(doc: &CorpusDoc) -> Option<String> {
    match doc.truth.format.as_str() {
        "pdf" => {
            let out = Command::new("pdftotext").arg("-layout").arg(&doc.path).arg("-").output().ok()?;
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        }
        "docx" => Some(raw_docx_text(&doc.path)),
        _ => Some(String::from_utf8_lossy(&std::fs::read(&doc.path).ok()?).into_owned()),
    }
}

/// Concatenated `w:t` runs, one line per `w:p`, of the body, headers and footers.
fn raw_docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n == "word/document.xml" || (n.starts_with("word/header") || n.starts_with("word/footer")) && n.ends_with(".xml"))
        .collect();
    let mut text = String::new();
    for name in names {
        let mut xml = String::new();
        archive.by_name(&name).unwrap().read_to_string(&mut xml).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut in_t = false;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == "w:t" => in_t = true,
                Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == "w:t" => in_t = false,
                Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == "w:p" => text.push('\n'),
                Ok(quick_xml::events::Event::Text(t)) if in_t => text.push_str(&t.xml10_content()),
                Ok(quick_xml::events::Event::GeneralRef(r)) if in_t => {
                    let entity = match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    text.push_str(entity);
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    text
}

#[test]
fn extraction_keeps_the_labelled_strings_of_every_real_document() {
    let mut ours_total = (0usize, 0usize);
    let mut base_total = (0usize, 0usize);
    let mut baseline_missing = false;
    let mut failures = Vec::new();
    println!("{:<5} {:<5} {:>12} {:>12}  missing (kinds only)", "doc", "fmt", "cvshield", "baseline");
    for doc in corpus_docs() {
        let bytes = std::fs::read(&doc.path).unwrap();
        let ours = match extract(&bytes, &ExtractOptions::default()) {
            Ok(d) => MatchText::new(&d.text()),
            Err(e) => {
                failures.push(format!("{}: extract failed: {e}", doc.id()));
                MatchText::new("")
            }
        };
        let base = baseline_text(&doc).map(|t| MatchText::new(&t));
        baseline_missing |= base.is_none();
        let labels = doc.truth.extraction_labels();
        let found = labels.iter().filter(|(_, l)| ours.contains(l)).count();
        let base_found = base.as_ref().map(|b| labels.iter().filter(|(_, l)| b.contains(l)).count());
        let missing: Vec<&str> = labels.iter().filter(|(_, l)| !ours.contains(l)).map(|(k, _)| *k).collect();
        println!(
            "{:<5} {:<5} {:>7}/{:<4} {:>7}/{:<4}  {}",
            doc.id(),
            doc.truth.format,
            found,
            labels.len(),
            base_found.map_or("-".to_string(), |f| f.to_string()),
            labels.len(),
            missing.join(",")
        );
        ours_total.0 += found;
        ours_total.1 += labels.len();
        if let Some(f) = base_found {
            base_total.0 += f;
            base_total.1 += labels.len();
        }
        if (found as f64) < 0.99 * labels.len() as f64 {
            failures.push(format!("{}: {found}/{} labelled strings (missing kinds: {})", doc.id(), labels.len(), missing.join(",")));
        }
    }
    println!(
        "total: cvshield {}/{} ({:.1}%), baseline {}/{} ({:.1}%)",
        ours_total.0,
        ours_total.1,
        100.0 * ours_total.0 as f64 / ours_total.1.max(1) as f64,
        base_total.0,
        base_total.1,
        100.0 * base_total.0 as f64 / base_total.1.max(1) as f64
    );
    if baseline_missing {
        let msg = "pdftotext is missing (apt-get install poppler-utils; scripts/setup.sh installs it)";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        println!("note: {msg}; the baseline comparison covers the other documents only");
    } else {
        assert!(ours_total.0 >= base_total.0, "cvshield found {} labelled strings, the baselines {}", ours_total.0, base_total.0);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Stricter than the acceptance line: every PII string (names of other
/// people, addresses, handles) and every section heading also survives
/// extraction, since later stages must see them to parse or redact them.
#[test]
fn extraction_keeps_pii_strings_and_section_headings() {
    let mut failures = Vec::new();
    for doc in corpus_docs() {
        let bytes = std::fs::read(&doc.path).unwrap();
        let text = MatchText::new(&extract(&bytes, &ExtractOptions::default()).map(|d| d.text()).unwrap_or_default());
        let pii = doc.truth.pii_strings.iter().filter(|s| !text.contains(s)).count();
        let sections = doc.truth.sections.iter().filter(|s| !text.contains(s)).count();
        println!("{}: pii strings {}/{}, sections {}/{}", doc.id(), doc.truth.pii_strings.len() - pii, doc.truth.pii_strings.len(), doc.truth.sections.len() - sections, doc.truth.sections.len());
        if pii + sections > 0 {
            failures.push(format!("{}: {pii} pii strings and {sections} section headings missing", doc.id()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
