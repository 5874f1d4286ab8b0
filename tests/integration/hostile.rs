//! The hostile-input corpus (tests/fixtures/hostile/, made by its make.py)
//! natively: every file through `extract`, `profile::parse` and
//! `anonymize`, each of which must reach the outcome the manifest gives —
//! the same stable error code, or a bounded document where reading is the
//! right answer — without a panic and within the time limit.
//!
//! The wasm package and the worker run the same manifest in
//! tests/js/hostile.test.mjs. Figures go to target/reports/reliability-hostile-native.json:
//!   { "runner": "native", "files": N, "calls": N*3, "maxMillis": slowest call,
//!     "outcomes": { "<code>|ok": calls }, "failures": mismatches, "results": [{ "file", "expect",
//!     "extract", "parse", "anonymize", "millis": slowest of the three }] }

use cvshield::anonymize::AnonymizeOptions;
use cvshield::pipeline::{anonymize, AnonymizeInput};
use cvshield::profile::{parse, ParseOptions};
use cvshield::{extract, ExtractOptions, Limits};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

struct Case {
    file: String,
    expect: String,
    max_chars: Option<usize>,
    absent: Vec<String>,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(hostile_dir().join("manifest.json")).expect("manifest.json");
    let value: Value = serde_json::from_str(&text).expect("manifest is JSON");
    let files = value["files"].as_array().expect("manifest.files");
    files
        .iter()
        .map(|f| Case {
            file: f["file"].as_str().expect("file").to_string(),
            expect: f["expect"].as_str().expect("expect").to_string(),
            max_chars: f["maxChars"].as_u64().map(|n| n as usize),
            absent: f["absent"].as_array().map_or_else(Vec::new, |a| {
                a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()
            }),
        })
        .collect()
}

/// "ok" or the error's stable code, with the text produced (if any).
type Outcome = (String, Option<String>);

fn outcome<T>(result: cvshield::Result<T>, text: impl Fn(&T) -> String) -> Outcome {
    match result {
        Ok(value) => ("ok".into(), Some(text(&value))),
        Err(e) => {
            assert!(!e.message.is_empty(), "an error without a message");
            (e.code.as_str().to_string(), None)
        }
    }
}

#[test]
fn every_file_in_the_folder_is_in_the_manifest() {
    let listed: Vec<String> = manifest().into_iter().map(|c| c.file).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(hostile_dir())
        .expect("hostile dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "manifest.json" && n != "make.py")
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "run tests/fixtures/hostile/make.py to regenerate the corpus and its manifest");
    assert!(listed.len() >= 40, "the corpus shrank to {} files", listed.len());
}

#[test]
fn hostile_inputs_end_in_their_expected_outcome() {
    let limits = Limits::default();
    // Debug builds are slower than release, but each call must still stop at the time limit.
    let ceiling_ms = limits.max_millis.unwrap_or(10_000) as f64 * 1.5;
    let mut failures = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut results = Vec::new();
    let mut slowest = 0f64;
    let cases = manifest();
    for case in &cases {
        let bytes = std::fs::read(hostile_dir().join(&case.file)).expect("hostile file");
        let hint = Some(case.file.clone());
        let mut row = json!({ "file": case.file, "expect": case.expect });
        let mut case_ms = 0f64;
        let stages: [(&str, Box<dyn Fn() -> Outcome>); 3] = [
            ("extract", Box::new(|| {
                let opts = ExtractOptions { hint: hint.clone(), limits: limits.clone(), ..Default::default() };
                outcome(extract(&bytes, &opts), |d| d.text())
            })),
            ("parse", Box::new(|| {
                let opts = ParseOptions { hint: hint.clone(), limits: limits.clone(), ..ParseOptions::default() };
                outcome(parse(&bytes, &opts), |p| serde_json::to_string(p).unwrap_or_default())
            })),
            ("anonymize", Box::new(|| {
                let input = AnonymizeInput::Bytes { bytes: &bytes, hint: hint.clone() };
                outcome(anonymize(input, &AnonymizeOptions::default()), |a| a.text.clone().unwrap_or_default())
            })),
        ];
        for (stage, run) in stages {
            let started = Instant::now();
            let (code, text) = run();
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            case_ms = case_ms.max(ms);
            *counts.entry(code.clone()).or_default() += 1;
            row[stage] = json!(code);
            if code != case.expect {
                failures.push(format!("{} {stage}: expected {}, got {code}", case.file, case.expect));
            }
            if ms > ceiling_ms {
                failures.push(format!("{} {stage}: took {ms:.0} ms (ceiling {ceiling_ms:.0} ms)", case.file));
            }
            if let (Some(text), "extract") = (&text, stage) {
                let chars = text.chars().count();
                if let Some(max) = case.max_chars.filter(|&max| chars > max) {
                    failures.push(format!("{}: {chars} characters of text, bound {max}", case.file));
                }
                for needle in case.absent.iter().filter(|n| text.contains(n.as_str())) {
                    failures.push(format!("{}: the output contains {needle:?}", case.file));
                }
            }
        }
        slowest = slowest.max(case_ms);
        row["millis"] = json!((case_ms * 10.0).round() / 10.0);
        println!("{:<28} expect {:<18} extract {:<18} parse {:<18} anonymize {:<18} {:>8.1} ms",
            case.file, case.expect, row["extract"].as_str().unwrap_or(""), row["parse"].as_str().unwrap_or(""),
            row["anonymize"].as_str().unwrap_or(""), case_ms);
        results.push(row);
    }
    let report = json!({
        "runner": "native",
        "files": cases.len(),
        "calls": cases.len() * 3,
        "maxMillis": (slowest * 10.0).round() / 10.0,
        "outcomes": counts,
        "failures": failures.len(),
        "results": results,
    });
    write_report("reliability-hostile-native.json", &report);
    assert!(failures.is_empty(), "{} hostile-input failures:\n{}", failures.len(), failures.join("\n"));
}

fn write_report(name: &str, value: &Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/reports");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(name), serde_json::to_string_pretty(value).unwrap_or_default());
    }
}
