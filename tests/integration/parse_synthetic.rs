//! `parse` on synthetic documents of unseen layouts (the test split), against the issue's
//! acceptance figures: name exactly right in ≥ 12/13 of documents (≈ 0.923), and recall ≥ 0.90
//! with precision ≥ 0.85 for employers, job titles, schools and degrees, and the issue's "every
//! e-mail and phone found" (recall 1.0) on the committed sample. Certificates have a floor of
//! their own (0.90 / 0.90; 1.000 / 0.947 measured on the sample). On the whole split the tables
//! print the e-mail and phone figures (1.0 / 1.0 at the time of writing) without a floor: some
//! generated numbers follow no numbering plan ("1531717799") and are only found as a contact
//! cell of their own, which a new layout may not give.
//!
//! Always runs on the committed sample `tests/fixtures/synthetic-test` (70 test-split documents,
//! see its README); also runs on the whole test split when the full set is on this machine
//! (`$CVSHIELD_SYNTHETIC`, default `../data-full/s5000` beside the repo).

use std::path::{Path, PathBuf};

use cvshield::eval::parse_eval::{evaluate_synthetic, ParseReport};
use cvshield::model::Tagger;
use cvshield::profile::{parse, ParseOptions};

/// The name target: 12 of 13 documents.
const NAME_FLOOR: f64 = 12.0 / 13.0;

fn check(dir: &Path, title: &str) -> ParseReport {
    let r = evaluate_synthetic(dir, Some("test"), None, &ParseOptions::default()).expect("readable set");
    print!("{}", r.table(title));
    assert!(r.documents > 0, "no documents in {title}");
    assert_eq!(r.failures, 0);
    let names = r.names_exact as f64 / r.documents as f64;
    assert!(names >= NAME_FLOOR, "{title}: names exactly right {names:.3} < {NAME_FLOOR:.3}");
    for (field, recall, precision) in [("employers", 0.90, 0.85), ("titles", 0.90, 0.85), ("schools", 0.90, 0.85), ("degrees", 0.90, 0.85), ("certificates", 0.90, 0.90)] {
        let c = r.field(field);
        assert!(c.recall() >= recall, "{title}: {field} recall {:.3} < {recall}", c.recall());
        assert!(c.precision() >= precision, "{title}: {field} precision {:.3} < {precision}", c.precision());
    }
    r
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synthetic-test")
}

#[test]
fn committed_test_split_sample() {
    let r = check(&sample(), "Synthetic test-split sample");
    for field in ["email", "phone"] {
        let c = r.field(field);
        assert!(c.recall() >= 1.0, "{field} recall {:.3} < 1.0", c.recall());
    }
}

/// The parser model is in use: `meta` names it, and on unseen layouts the profile is better
/// with it than with the rules alone (summed F1 of employers, titles, schools, degrees).
#[test]
fn parser_model_is_used_and_adds_to_the_rules() {
    let dir = sample();
    let with = evaluate_synthetic(&dir, Some("test"), None, &ParseOptions::default()).expect("readable set");
    let without = evaluate_synthetic(&dir, Some("test"), None, &ParseOptions { use_model: false, ..ParseOptions::default() }).expect("readable set");
    let f1 = |r: &ParseReport| ["employers", "titles", "schools", "degrees"].iter().map(|f| r.field(f).f1()).sum::<f64>();
    assert!(f1(&with) > f1(&without), "model {:.3} vs rules {:.3}", f1(&with), f1(&without));

    let bytes = std::fs::read(dir.join("cv-5000-000033.rtf")).expect("sample document");
    let profile = parse(&bytes, &ParseOptions::default()).expect("parses");
    let tagger = Tagger::parser().expect("embedded parser model");
    assert!(profile.meta.models.iter().any(|m| m.name == tagger.name() && m.version == tagger.version()));
    assert!(!profile.meta.warnings.iter().any(|w| w.starts_with("parser_model")));
}

#[test]
fn full_test_split_when_present() {
    let dir = std::env::var_os("CVSHIELD_SYNTHETIC")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../data-full/s5000"), PathBuf::from);
    if !dir.join("splits.json").is_file() {
        eprintln!("synthetic set not found; skipping the full split");
        return;
    }
    check(&dir, "Synthetic test split");
}
