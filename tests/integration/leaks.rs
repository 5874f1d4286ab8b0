//! No leaks: run the documents whose personal data is labelled — the
//! real-world corpus (`pii_strings`, names, e-mails, phones of its truth
//! files) and the fixtures (the names, e-mails and phones their own
//! profiles hold) — through the CLI and the library, intact and damaged, with
//! the most verbose logging there is (the crate has no logger: the CLI's
//! stderr is its only log; `RUST_LOG=trace` is set anyway), and check that no
//! labelled string, and no input file name, appears in
//!   * the CLI's stderr (single-file and batch mode, every subcommand),
//!   * any error message, and the warnings of documents, profiles and
//!     anonymised outputs (the codes callers may log or count).
//! The worker's logs and /metrics get the same check in tests/js/leaks.test.mjs.
//!
//! Figures: target/reports/reliability-leaks-native.json
//!   { "piiStrings": labelled strings checked, "runs": CLI runs, "calls": library calls,
//!     "errorMessages": distinct error messages seen, "leaks": findings (must be 0) }

use cvshield::anonymize::{AnonymizeOptions, Level};
use cvshield::pipeline::{anonymize, AnonymizeInput};
use cvshield::eval::corpus;
use cvshield::eval::matching::MatchText;
use cvshield::profile::{parse, ParseOptions};
use cvshield::{extract, ExtractOptions};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::{bin, repo_root};

/// Worth looking for: long enough not to match by chance inside a message's
/// numbers or words ("100", "Seattle" is fine, "WA" is not).
fn worth_checking(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    s.chars().count() >= 5 && (letters >= 4 || digits >= 7)
}

struct Labelled {
    /// (file, its labelled personal strings)
    docs: Vec<(PathBuf, Vec<String>)>,
}

impl Labelled {
    fn all_strings(&self) -> BTreeSet<String> {
        self.docs.iter().flat_map(|(_, s)| s.iter().cloned()).collect()
    }
    fn file_stems(&self) -> Vec<String> {
        self.docs
            .iter()
            .filter_map(|(p, _)| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|stem| stem.len() >= 8) // "hello" or "cv" would match the CLI's own words
            .collect()
    }
}

fn labelled() -> Labelled {
    let mut docs = Vec::new();
    if let Some(dir) = corpus::locate(&repo_root()) {
        for doc in corpus::load(&dir).expect("corpus readable") {
            let t = &doc.truth;
            let strings = t.pii_strings.iter().chain(&t.name).chain(&t.name_parts).chain(&t.emails).chain(&t.phones);
            docs.push((doc.path.clone(), strings.filter(|s| worth_checking(s)).cloned().collect()));
        }
    }
    // The fixtures' own people: what their profiles hold.
    for path in fixture_files() {
        let bytes = std::fs::read(&path).expect("fixture");
        let hint = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Ok(profile) = parse(&bytes, &ParseOptions { hint, ..ParseOptions::default() }) {
            let b = &profile.basics;
            let strings = [&b.name, &b.email, &b.phone].into_iter().flatten();
            docs.push((path, strings.filter(|s| worth_checking(s)).cloned().collect()));
        }
    }
    Labelled { docs }
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["docx", "html", "odt", "pdf", "rtf", "txt", "wasm"] {
        let Ok(entries) = std::fs::read_dir(repo_root().join("tests/fixtures").join(dir)) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "json") && !p.ends_with("README.md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The intact file and damaged copies (cut in half, cut near the end, a
/// corrupted middle), which drive the readers into their error paths.
fn variants(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![bytes.to_vec(), bytes[..bytes.len() / 2].to_vec()];
    out.push(bytes[..bytes.len().saturating_sub(200)].to_vec());
    let mut flipped = bytes.to_vec();
    let mid = flipped.len() / 2;
    for b in flipped.iter_mut().skip(mid).take(512) {
        *b ^= 0x5a;
    }
    out.push(flipped);
    out
}

struct Findings {
    leaks: Vec<String>,
    checked: BTreeSet<String>,
    stems: Vec<String>,
}

impl Findings {
    fn check(&mut self, what: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        let haystack = MatchText::new(text);
        for s in &self.checked {
            if haystack.contains_word(s) {
                self.leaks.push(format!("{what} contains the labelled string {s:?}"));
            }
        }
        let lower = text.to_lowercase();
        for stem in &self.stems {
            if lower.contains(&stem.to_lowercase()) {
                self.leaks.push(format!("{what} contains the input file name {stem:?}"));
            }
        }
    }
}

#[test]
fn no_labelled_personal_data_in_logs_errors_or_warnings() {
    let labelled = labelled();
    let checked = labelled.all_strings();
    assert!(checked.len() >= 20, "only {} labelled strings to look for", checked.len());
    let mut f = Findings { leaks: Vec::new(), checked, stems: labelled.file_stems() };
    // The check itself must see a planted leak.
    let planted = f.checked.iter().next().cloned().unwrap_or_default();
    f.check("self-test", &format!("cvshield: malformed: near {planted}."));
    assert_eq!(f.leaks.len(), 1, "the leak check missed a planted string");
    f.leaks.clear();
    let mut messages = BTreeSet::new();
    let mut calls = 0usize;

    // The library: every error message and warning, on intact and damaged inputs.
    for (path, _) in &labelled.docs {
        let bytes = std::fs::read(path).expect("input");
        let hint = path.file_name().map(|n| n.to_string_lossy().into_owned());
        for v in variants(&bytes) {
            calls += 3;
            match extract(&v, &ExtractOptions { hint: hint.clone(), ..ExtractOptions::default() }) {
                Ok(doc) => f.check("a document warning", &doc.warnings.join("\n")),
                Err(e) => {
                    f.check("an extract error", &e.to_string());
                    messages.insert(e.message);
                }
            }
            match parse(&v, &ParseOptions { hint: hint.clone(), ..ParseOptions::default() }) {
                Ok(p) => f.check("a profile's meta", &serde_json::to_string(&p.meta).unwrap_or_default()),
                Err(e) => f.check("a parse error", &e.to_string()),
            }
            let opts = AnonymizeOptions { level: Level::Thorough, ..AnonymizeOptions::default() };
            match anonymize(AnonymizeInput::Bytes { bytes: &v, hint: hint.clone() }, &opts) {
                Ok(a) => f.check("an anonymisation's meta", &serde_json::to_string(&a.meta).unwrap_or_default()),
                Err(e) => f.check("an anonymize error", &e.to_string()),
            }
        }
    }

    // The CLI: single-file and batch runs of every subcommand; stderr is its log.
    let scratch = repo_root().join("target/leaks-inputs");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let mut singles = Vec::new();
    for (i, (path, _)) in labelled.docs.iter().enumerate() {
        let bytes = std::fs::read(path).expect("input");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("bin");
        for (j, v) in variants(&bytes).iter().enumerate() {
            // Named by the original so a leaked file name would show (and be caught).
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let p = scratch.join(format!("{stem}.v{j}.{ext}"));
            std::fs::write(&p, v).expect("scratch input");
            // Single-file runs (each loads the models) for a spread sample; batch runs see all.
            if j == 1 && i % 3 == 0 {
                singles.push(p);
            }
        }
    }
    let mut runs = 0usize;
    let commands: [&[&str]; 4] =
        [&["extract"], &["parse"], &["anonymize", "--level", "thorough"], &["anonymize", "--format", "json"]];
    for cmd in commands {
        runs += 1;
        let stderr = cli(cmd, &[scratch.as_path()]);
        f.check(&format!("stderr of `cvshield {}` (batch)", cmd.join(" ")), &stderr);
        for p in singles.iter().filter(|_| cmd[0] != "parse") {
            runs += 1;
            let stderr = cli(cmd, &[p.as_path()]);
            f.check(&format!("stderr of `cvshield {}` (one file)", cmd.join(" ")), &stderr);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);

    let report = json!({
        "piiStrings": f.checked.len(),
        "documents": labelled.docs.len(),
        "runs": runs,
        "calls": calls,
        "errorMessages": messages.len(),
        "leaks": f.leaks.len(),
    });
    let dir = repo_root().join("target/reports");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("reliability-leaks-native.json"), report.to_string());
    println!("leaks: {report}");
    f.leaks.sort();
    f.leaks.dedup();
    assert!(f.leaks.is_empty(), "{} leaks:\n{}", f.leaks.len(), f.leaks.join("\n"));
}

/// Run the CLI with the most verbose settings there are; returns its stderr.
fn cli(args: &[&str], inputs: &[&Path]) -> String {
    let out = bin()
        .args(args)
        .args(inputs)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("cvshield runs");
    String::from_utf8_lossy(&out.stderr).into_owned()
}
