//! The anonymiser on synthetic documents of unseen layouts, measured by
//! `cvshield::eval::anonymize_eval` (the code behind `cvshield eval anonymize --synthetic`).
//!
//! Always runs on the committed sample `tests/fixtures/synthetic-test` (70 test-split documents,
//! see its README), and also on `$CVSHIELD_SYNTHETIC` (a full gold folder such as s5000's, test
//! split) when that is set. Floors are the thresholds where it sets one (≥ 95 % of
//! skills, titles, degrees, employers and schools kept at basic; ≥ 95 % of employers and schools
//! removed at thorough; ≤ 2 % of the candidate's identifiers left) and otherwise figures measured
//! on the sample when the anonymiser model was wired in, rounded up, so a regression fails.

use std::path::Path;

use cvshield::anonymize::AnonymizeOptions;
use cvshield::eval::anonymize_eval::{evaluate_synthetic, AnonymizeReport, Tally};

/// Kinds that `basic` must remove.
const BASIC: [&str; 12] = ["PERSON", "EMAIL", "PHONE", "URL", "HANDLE", "ADDRESS", "POSTCODE", "DATE_OF_BIRTH", "ID_NUMBER", "IBAN", "PAYMENT_CARD", "PHOTO"];
/// Kinds that `moderate` adds.
const MODERATE: [&str; 8] = ["AGE", "GENDER", "NATIONALITY", "PLACE_OF_BIRTH", "MARITAL_STATUS", "RELIGION", "HEALTH", "LOCATION"];

fn sum(report: &AnonymizeReport, level: &str, kinds: &[&str], from: &str) -> Tally {
    kinds.iter().fold(Tally::default(), |acc, kind| {
        let t = report.leak(level, &format!("{kind} ({from})"));
        Tally { hits: acc.hits + t.hits, total: acc.total + t.total }
    })
}

fn check(dir: &Path, title: &str) {
    let report = evaluate_synthetic(dir, Some("test"), None, &AnonymizeOptions::default()).expect("readable synthetic gold folder");
    println!("{}", report.table(title));
    assert!(report.documents >= 50, "{title}: only {} documents", report.documents);
    assert_eq!(report.failures, 0, "{title}: every document anonymises at every level");

    // Direct identifiers at basic.
    for kind in ["PERSON", "EMAIL", "URL", "HANDLE", "ADDRESS", "POSTCODE", "ID_NUMBER", "DATE_OF_BIRTH"] {
        let t = report.leak("basic", &format!("{kind} (basic)"));
        assert!(t.total > 0 && t.rate() <= 0.02, "{title}: basic leaks {}/{} {kind}", t.hits, t.total);
    }
    let basic = sum(&report, "basic", &BASIC, "basic");
    assert!(basic.total >= 300, "{basic:?}");
    assert!(basic.rate() <= 0.03, "{title}: basic leaks {}/{} direct identifiers", basic.hits, basic.total);
    // Sensitive attributes and the candidate's place at moderate.
    let moderate = sum(&report, "moderate", &MODERATE, "moderate");
    assert!(moderate.total >= 100, "{moderate:?}");
    assert!(moderate.rate() <= 0.12, "{title}: moderate leaks {}/{} sensitive attributes", moderate.hits, moderate.total);

    // The career stays.
    for group in ["SKILL", "TITLE", "DEGREE", "ORG", "SCHOOL"] {
        let t = report.kept("basic", group);
        assert!(t.total > 0 && t.rate() >= 0.95, "{title}: basic keeps only {}/{} {group}", t.hits, t.total);
    }
    for group in ["SKILL", "TITLE", "DEGREE"] {
        let t = report.kept("thorough", group);
        assert!(t.rate() >= 0.95, "{title}: thorough keeps only {}/{} {group}", t.hits, t.total);
    }
    // Thorough removes employers and schools.
    let orgs = sum(&report, "thorough", &["ORG", "SCHOOL"], "thorough");
    assert!(orgs.total >= 100, "{orgs:?}");
    assert!(orgs.hits * 20 <= orgs.total, "{title}: thorough leaves {}/{} employers and schools", orgs.hits, orgs.total);
}

#[test]
fn the_committed_test_split_sample_meets_the_floors() {
    check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synthetic-test"), "Anonymisation, synthetic test-split sample");
}

#[test]
fn the_full_test_split_meets_the_floors_when_present() {
    let Some(dir) = std::env::var_os("CVSHIELD_SYNTHETIC") else {
        println!("CVSHIELD_SYNTHETIC not set: full test split skipped");
        return;
    };
    check(Path::new(&dir), "Anonymisation, synthetic test split");
}
