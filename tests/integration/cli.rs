//! The `cvshield` binary's input conventions: single input, stdin, folders,
//! batch JSON lines in input order, exit status, and --out-dir.

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use crate::util::{self, bin};

fn temp_dir(name: &str) -> PathBuf {
    util::temp_dir("cli", name)
}

#[test]
fn single_file_prints_text() {
    let dir = temp_dir("single");
    let path = dir.join("cv.txt");
    std::fs::write(&path, "Jane Example\r\nSoftware Engineer\r\n").unwrap();
    let out = bin().args(["extract"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Jane Example\nSoftware Engineer\n");
}

#[test]
fn stdin_with_json_prints_the_layout_document() {
    let mut child = bin()
        .args(["extract", "--json", "--hint", "cv.md", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"# Jane Example\n\n- Rust\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "markdown");
    let first = &doc["pages"][0]["lines"][0];
    assert_eq!(first["text"], "Jane Example");
    assert_eq!(first["heading"], 1);
}

#[test]
fn folder_gives_ordered_json_lines_and_fails_when_any_input_fails() {
    let dir = temp_dir("batch");
    std::fs::write(dir.join("a.txt"), "Alpha Person\n").unwrap();
    std::fs::write(dir.join("b.gif"), b"GIF89a not a CV").unwrap();
    std::fs::write(dir.join("c.txt"), "Gamma Person\n").unwrap();
    let out = bin().args(["extract", "-j", "2"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["path"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[0]["text"], "Alpha Person\n");
    assert!(lines[0]["ms"].as_f64().is_some());
    assert_eq!(lines[1]["status"], "error");
    assert_eq!(lines[1]["code"], "unsupported_format");
    assert!(lines[2]["path"].as_str().unwrap().ends_with("c.txt"));
    assert_eq!(lines[2]["status"], "ok");
}

#[test]
fn out_dir_receives_one_file_per_input() {
    let dir = temp_dir("outdir");
    let src = dir.join("in");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("one.txt"), "One Person\n").unwrap();
    std::fs::write(src.join("two.txt"), "Two Person\n").unwrap();
    let out_dir = dir.join("out");
    let out = bin().args(["extract", "--out-dir"]).arg(&out_dir).arg(&src).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("One Person"), "text must go to files, not the JSON lines");
    let written: Vec<_> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["output"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(written.len(), 2);
    assert_eq!(std::fs::read_to_string(&written[0]).unwrap(), "One Person\n");
}

#[test]
fn size_limit_flag_is_honoured() {
    let dir = temp_dir("limit");
    let path = dir.join("big.txt");
    std::fs::write(&path, "x".repeat(1000)).unwrap();
    let out = bin().args(["extract", "--max-input-bytes", "100"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("too_large"), "{err}");
}

#[test]
fn missing_path_is_a_usage_error() {
    let out = bin().args(["extract", "/nonexistent/cv.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_program_without_a_panic() {
    // The evaluation works for a while before it prints, so the pipe is closed by then.
    let mut child = bin()
        .args(["eval", "parse", "--synthetic", "tests/fixtures/synthetic-test", "--split", "test"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert_ne!(out.status.code(), Some(101), "stderr: {stderr}");
}
