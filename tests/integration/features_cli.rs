//! `cvshield features`: one JSON line per document with the TextView text, code-point token
//! spans and per-token feature ids; errors reported like `extract`.

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use serde_json::Value;

use crate::util::{self, bin};

fn temp_dir(name: &str) -> PathBuf {
    util::temp_dir("features", name)
}

fn check_record(line: &Value) {
    assert_eq!(line["featurizerVersion"], cvshield::featurize::FEATURIZER_VERSION);
    let slots = line["slots"].as_u64().unwrap() as usize;
    let buckets = line["buckets"].as_i64().unwrap();
    let text: Vec<char> = line["text"].as_str().unwrap().chars().collect();
    let tokens = line["tokens"].as_array().unwrap();
    let ids = line["ids"].as_array().unwrap();
    assert!(!tokens.is_empty());
    assert_eq!(tokens.len(), ids.len());
    for (token, row) in tokens.iter().zip(ids) {
        let (start, end) = (token[0].as_u64().unwrap() as usize, token[1].as_u64().unwrap() as usize);
        assert!(start < end && end <= text.len());
        assert!(!text[start..end].iter().any(|c| c.is_whitespace()));
        let row = row.as_array().unwrap();
        assert_eq!(row.len(), slots);
        assert!(row.iter().all(|id| (1..buckets).contains(&id.as_i64().unwrap())));
    }
}

#[test]
fn folder_gives_one_record_per_document_and_errors_like_extract() {
    let dir = temp_dir("batch");
    std::fs::write(dir.join("a.txt"), "Zoë Łukasiewicz\nBerufserfahrung\nEntwicklerin, Acme GmbH, 2019 – heute\n").unwrap();
    std::fs::write(dir.join("b.gif"), b"GIF89a not a CV").unwrap();
    let out = bin().args(["features", "--no-progress"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["path"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(lines[0]["status"], "ok");
    check_record(&lines[0]);
    // Code-point offsets: "Łukasiewicz" starts at char 4 even though "ë" takes two bytes.
    let text: Vec<char> = lines[0]["text"].as_str().unwrap().chars().collect();
    let second = &lines[0]["tokens"][1];
    let (s, e) = (second[0].as_u64().unwrap() as usize, second[1].as_u64().unwrap() as usize);
    assert_eq!(text[s..e].iter().collect::<String>(), "Łukasiewicz");
    assert_eq!(lines[0]["sections"][1][0], "experience");
    assert_eq!(lines[1]["status"], "error");
    assert_eq!(lines[1]["code"], "unsupported_format");
    assert!(lines[1].get("ids").is_none());
}

#[test]
fn stdin_prints_one_record() {
    let mut child = bin()
        .args(["features", "--hint", "cv.md", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"# Jane Example\n\n## Skills\n- Rust\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_record(&record);
    assert_eq!(record["format"], "markdown");
}
