//! Section headings found in the real-world development corpus against each truth file's
//! `sections` list (headings as written). Prints recall and precision; asserts floors a little under
//! what the finder measured when written (recall 1.000 = 62/62, precision 0.969 = 63/65; the extra
//! finds are sub-headings such as "Tech Projects" and inline "Language: …" lines).
//! `SECTIONS_DEBUG=1` also prints the found headings (document text: keep it out of shared logs).

use std::path::Path;

use cvshield::eval::corpus;
use cvshield::eval::matching::normalise;
use cvshield::limits::Budget;
use cvshield::sections::find_sections;
use cvshield::{extract, ExtractOptions, Limits, TextView};

fn key(s: &str) -> String {
    normalise(s, "")
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_string()
}

#[test]
fn headings_match_the_real_world_truth() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = corpus::locate(root).expect(
        "the real-world corpus: ../shared/corpus/realworld beside the repo, or set CVSHIELD_CORPUS",
    );
    let docs = corpus::load(&dir).expect("readable corpus");
    assert!(docs.len() >= 13);
    let (mut truth_total, mut found_total, mut hits_truth, mut hits_found) =
        (0usize, 0usize, 0usize, 0usize);
    for doc in &docs {
        let bytes = std::fs::read(&doc.path).unwrap();
        let hint = doc
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let document = extract(
            &bytes,
            &ExtractOptions {
                hint,
                limits: Limits::default(),
                ocr: None,
            },
        )
        .unwrap();
        let view = TextView::new(&document);
        let sections = find_sections(&view, &mut Budget::new(&Limits::default())).unwrap();
        let found: Vec<String> = sections
            .sections
            .iter()
            .filter_map(|s| s.heading)
            .map(|line| key(view.line_text(line)))
            .collect();
        let truth: Vec<String> = doc.truth.sections.iter().map(|s| key(s)).collect();
        // A found heading matches a truth heading when one starts with the other
        // ("Skills: Rust" found for "Skills"; letter-spacing is compared without spaces).
        let same = |a: &str, b: &str| {
            let (a, b) = (a.replace(' ', ""), b.replace(' ', ""));
            !a.is_empty() && !b.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
        };
        let recall_hits = truth
            .iter()
            .filter(|t| found.iter().any(|f| same(f, t)))
            .count();
        let precision_hits = found
            .iter()
            .filter(|f| truth.iter().any(|t| same(f, t)))
            .count();
        println!(
            "{}: truth {} found {} recalled {} correct {}",
            doc.id(),
            truth.len(),
            found.len(),
            recall_hits,
            precision_hits
        );
        if std::env::var_os("SECTIONS_DEBUG").is_some() {
            println!("  found {found:?}");
        }
        truth_total += truth.len();
        found_total += found.len();
        hits_truth += recall_hits;
        hits_found += precision_hits;
    }
    let recall = hits_truth as f64 / truth_total.max(1) as f64;
    let precision = hits_found as f64 / found_total.max(1) as f64;
    println!("section headings: recall {recall:.3} ({hits_truth}/{truth_total}), precision {precision:.3} ({hits_found}/{found_total})");
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(precision >= 0.9, "precision {precision:.3}");
}
