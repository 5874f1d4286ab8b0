//! The rule detectors on the real-world corpus: every labelled e-mail and phone number is found,
//! and the detections that match no label (false e-mails/phones) are counted and bounded.
//! Run `cargo test --test integration detect_realworld:: -- --nocapture` to print the per-document figures.

use std::path::Path;

use cvshield::entities::{detect_rules, EntityKind};
use cvshield::eval::corpus;
use cvshield::eval::matching::MatchText;
use cvshield::limits::Budget;
use cvshield::{extract, ExtractOptions, Limits, TextView};

/// A detected span matches a label when either contains the other after normalisation
/// (a phone label "206-555-0149" and a detection "206-555-0149" or "+1 206-555-0149").
fn matches(span: &str, label: &str) -> bool {
    MatchText::new(span).contains(label) || MatchText::new(label).contains(span)
}

#[test]
fn every_labelled_email_and_phone_is_found_with_few_false_detections() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = corpus::locate(root).expect("the real-world corpus (set CVSHIELD_CORPUS)");
    let docs = corpus::load(&dir).expect("readable corpus");
    assert!(docs.len() >= 13);
    let (mut labels, mut found, mut false_email, mut false_phone) = (0, 0, 0, 0);
    let mut missing = Vec::new();
    let mut others: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    println!("{:<5} {:>7} {:>7} {:>9} {:>9}", "doc", "emails", "phones", "false-em", "false-ph");
    for doc in &docs {
        let bytes = std::fs::read(&doc.path).unwrap();
        let document = extract(&bytes, &ExtractOptions::default()).unwrap();
        let view = TextView::new(&document);
        let mut budget = Budget::new(&Limits::default());
        let entities = detect_rules(&view, &mut budget).unwrap();
        let spans = |kind: EntityKind| -> Vec<&str> { entities.iter().filter(|e| e.kind == kind).map(|e| e.text(view.text())).collect() };
        let (emails, phones) = (spans(EntityKind::Email), spans(EntityKind::Phone));
        let truth = &doc.truth;
        let mut doc_found = [0usize; 2];
        for (i, (want, got)) in [(&truth.emails, &emails), (&truth.phones, &phones)].into_iter().enumerate() {
            for label in want {
                labels += 1;
                if got.iter().any(|s| matches(s, label)) {
                    found += 1;
                    doc_found[i] += 1;
                } else {
                    missing.push(format!("{}: {} not found", doc.id(), if i == 0 { "an e-mail" } else { "a phone" }));
                }
            }
        }
        // A detection is false when it matches no labelled e-mail/phone nor any PII string.
        let known: Vec<&String> = truth.emails.iter().chain(&truth.phones).chain(&truth.pii_strings).collect();
        let fe = emails.iter().filter(|s| !known.iter().any(|l| matches(s, l))).count();
        let fp = phones.iter().filter(|s| !known.iter().any(|l| matches(s, l))).count();
        // Other kinds: how many detections match no PII string or sensitive attribute (printed, not bounded).
        let attributes = truth.sensitive_attributes.to_string();
        for e in entities.iter().filter(|e| !matches!(e.kind, EntityKind::Email | EntityKind::Phone)) {
            let text = e.text(view.text());
            let labelled = known.iter().any(|l| matches(text, l)) || MatchText::new(&attributes).contains(text) || truth.urls.iter().any(|u| matches(text, u));
            let entry = others.entry(e.kind.as_str()).or_insert((0usize, 0usize));
            entry.0 += 1;
            entry.1 += usize::from(!labelled);
        }
        false_email += fe;
        false_phone += fp;
        println!(
            "{:<5} {:>3}/{:<3} {:>3}/{:<3} {:>9} {:>9}",
            doc.id(),
            doc_found[0],
            truth.emails.len(),
            doc_found[1],
            truth.phones.len(),
            fe,
            fp
        );
    }
    println!("total: {found}/{labels} labelled e-mails and phones found; false detections: {false_email} e-mail, {false_phone} phone");
    for (kind, (n, unlabelled)) in &others {
        println!("other: {kind}: {n} detections, {unlabelled} matching no labelled string");
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(false_email <= 1 && false_phone <= 2, "too many false detections: {false_email} e-mail, {false_phone} phone");
}
