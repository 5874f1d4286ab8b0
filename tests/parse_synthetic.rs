//! `parse` on synthetic documents of unseen layouts (the test split), against the issue's
//! acceptance figures: name exactly right in ≥ 12/13 of documents (≈ 0.923), and recall ≥ 0.90
//! with precision ≥ 0.85 for employers, job titles, schools and degrees.
//!
//! Always runs on the committed sample `tests/fixtures/synthetic-test` (70 test-split documents,
//! see its README); also runs on the whole test split when the full set is on this machine
//! (`$CVSHIELD_SYNTHETIC`, default /work/data-full/s5000).

use std::path::{Path, PathBuf};

use cvshield::eval::parse_eval::evaluate_synthetic;
use cvshield::profile::ParseOptions;

/// The name target: 12 of 13 documents.
const NAME_FLOOR: f64 = 12.0 / 13.0;

fn check(dir: &Path, title: &str) {
    let r = evaluate_synthetic(dir, Some("test"), None, &ParseOptions::default()).expect("readable set");
    print!("{}", r.table(title));
    assert!(r.documents > 0, "no documents in {title}");
    assert_eq!(r.failures, 0);
    let names = r.names_exact as f64 / r.documents as f64;
    assert!(names >= NAME_FLOOR, "{title}: names exactly right {names:.3} < {NAME_FLOOR:.3}");
    for (field, recall, precision) in [("employers", 0.90, 0.85), ("titles", 0.90, 0.85), ("schools", 0.90, 0.85), ("degrees", 0.90, 0.85), ("email", 0.99, 0.99)] {
        let c = r.field(field);
        assert!(c.recall() >= recall, "{title}: {field} recall {:.3} < {recall}", c.recall());
        assert!(c.precision() >= precision, "{title}: {field} precision {:.3} < {precision}", c.precision());
    }
}

#[test]
fn committed_test_split_sample() {
    check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synthetic-test"), "Synthetic test-split sample");
}

#[test]
fn full_test_split_when_present() {
    let dir = std::env::var_os("CVSHIELD_SYNTHETIC").map_or_else(|| PathBuf::from("/work/data-full/s5000"), PathBuf::from);
    if !dir.join("splits.json").is_file() {
        eprintln!("synthetic set not found; skipping the full split");
        return;
    }
    check(&dir, "Synthetic test split");
}
