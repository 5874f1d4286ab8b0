//! Acceptance of `parse` on the real-world development corpus (issue 4), with the corpus
//! README's matching rules as implemented in `cvshield::eval::parse_eval`.
//!
//! The floors are the figures measured when the test was written (rules only; the parser
//! model adds to them); the targets are name ≥ 12/13, every e-mail and phone, and
//! recall ≥ 0.90 / precision ≥ 0.85 for employers, titles, schools and degrees.

use std::path::Path;

use cvshield::eval::corpus;
use cvshield::eval::parse_eval::{evaluate_corpus, ParseReport};
use cvshield::profile::ParseOptions;

fn report() -> Option<ParseReport> {
    let Some(dir) = corpus::locate(Path::new(env!("CARGO_MANIFEST_DIR"))) else {
        eprintln!("real-world corpus not found; skipping");
        return None;
    };
    Some(evaluate_corpus(&dir, &ParseOptions::default()).expect("corpus readable"))
}

#[test]
fn realworld_acceptance() {
    let Some(r) = report() else { return };
    print!("{}", r.table("Real-world corpus"));
    assert_eq!(r.documents, 13);
    assert_eq!(r.failures, 0);
    assert!(r.names_exact >= 12, "names exactly right: {}/13", r.names_exact);
    for field in ["email", "phone"] {
        let c = r.field(field);
        assert_eq!(c.found, c.truth, "every {field} found");
    }
    for (field, recall, precision) in [("employers", 0.90, 0.85), ("titles", 0.90, 0.85), ("schools", 0.90, 0.85), ("degrees", 0.90, 0.85)] {
        let c = r.field(field);
        assert!(c.recall() >= recall, "{field} recall {:.3} < {recall}", c.recall());
        assert!(c.precision() >= precision, "{field} precision {:.3} < {precision}", c.precision());
    }
}
