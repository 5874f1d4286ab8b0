//! `cvshield eval parse` / `eval anonymize` over several sets in one run: a column per set, in
//! the side-by-side table and in the JSON, with the figures of each set's own documents.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{bin, repo_root};

/// Both real-world corpora beside the repository, or `None` (with a note) when absent.
fn corpora() -> Option<[PathBuf; 2]> {
    let base = repo_root().join("../shared/corpus");
    let dirs = [base.join("realworld"), base.join("realworld-2")];
    if dirs.iter().all(|d| d.is_dir()) {
        Some(dirs)
    } else {
        eprintln!("real-world corpora not found; skipping");
        None
    }
}

fn truth_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".truth.json")).count()
}

fn run(args: &[&str]) -> String {
    let out = bin().current_dir(repo_root()).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn columns(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["columns"].as_array().unwrap().clone()
}

#[test]
fn parse_prints_two_corpora_side_by_side() {
    let Some([a, b]) = corpora() else { return };
    let (a_s, b_s) = (a.to_str().unwrap(), b.to_str().unwrap());
    let table = run(&["eval", "parse", "--corpus", a_s, "--corpus", b_s]);
    assert!(table.contains("| | realworld | realworld-2 |"), "{table}");
    let counts = format!("| documents (parse failures) | {} (", truth_files(&a));
    assert!(table.contains(&counts), "{table}");
    assert!(table.contains("| employers P / R |"), "{table}");

    let cols = columns(&run(&["eval", "parse", "--corpus", a_s, "--corpus", b_s, "--json"]));
    assert_eq!(cols.len(), 2);
    for (col, dir) in cols.iter().zip([&a, &b]) {
        assert_eq!(col["name"], dir.file_name().unwrap().to_str().unwrap());
        assert_eq!(col["documents"].as_u64().unwrap() as usize, truth_files(dir));
        for field in ["name", "email", "employers", "titles", "schools", "degrees"] {
            let f = &col["fields"][field];
            for m in ["precision", "recall"] {
                let x = f[m].as_f64().unwrap_or_else(|| panic!("{field} {m} missing"));
                assert!((0.0..=1.0).contains(&x), "{field} {m} = {x}");
            }
            assert!(f["found"].as_u64() <= f["truth"].as_u64());
        }
        assert!(col["fields"]["email"]["recall"].as_f64().unwrap() > 0.5, "e-mails are mostly found");
    }
}

#[test]
fn synthetic_breakdown_by_template_covers_the_split() {
    let fixtures = repo_root().join("tests/fixtures/synthetic-test");
    let cols = columns(&run(&["eval", "parse", "--synthetic", fixtures.to_str().unwrap(), "--split", "test", "--by", "template", "--json"]));
    assert!(cols.len() > 1, "several templates");
    assert!(cols.iter().all(|c| c["name"].as_str().unwrap().starts_with("synthetic test · ")));
    let total: u64 = cols.iter().map(|c| c["documents"].as_u64().unwrap()).sum();
    let golds = std::fs::read_dir(&fixtures).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".gold.json")).count();
    assert_eq!(total as usize, golds);
}

#[test]
fn anonymize_prints_two_corpora_side_by_side() {
    let Some([a, b]) = corpora() else { return };
    let cols = columns(&run(&["eval", "anonymize", "--corpus", a.to_str().unwrap(), "--corpus", b.to_str().unwrap(), "--json"]));
    assert_eq!(cols.len(), 2);
    for (col, dir) in cols.iter().zip([&a, &b]) {
        assert_eq!(col["documents"].as_u64().unwrap() as usize, truth_files(dir));
        for level in ["basic", "moderate", "thorough"] {
            let t = &col["leak"][level]["emails"];
            assert!(t["hits"].as_u64() <= t["total"].as_u64() && t["total"].as_u64() > Some(0), "{level}: {t}");
        }
    }
}
