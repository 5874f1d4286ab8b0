//! `cvshield anonymize`: levels, formats, operator overrides, reversible mode's key file, batch
//! lines; all on a small synthetic CV written here.

use std::path::{Path, PathBuf};

use crate::util::{self, bin};

const CV: &str = "Jane Example\n\
Seattle, WA | +44 20 7946 0958 | jane.example@mail.com\n\
Experience\n\
Northwind Labs, Software Engineer\n\
Mar. 2019 - Current\n\
Skills\n\
Rust, Kubernetes\n";

fn temp_dir(name: &str) -> PathBuf {
    util::temp_dir("anon-cli", name)
}

fn cv(dir: &Path) -> PathBuf {
    let path = dir.join("cv.txt");
    std::fs::write(&path, CV).unwrap();
    path
}

fn run(args: &[&str], path: &Path) -> (bool, String, String) {
    let out = bin().arg("anonymize").args(args).arg(path).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn basic_prints_the_text_with_its_lines_and_without_identifiers() {
    let dir = temp_dir("basic");
    let (ok, text, err) = run(&[], &cv(&dir));
    assert!(ok, "{err}");
    assert_eq!(text.lines().count(), CV.lines().count());
    for gone in ["Jane", "Example", "7946", "jane.example", "Seattle"] {
        assert!(!text.contains(gone), "{gone} survived:\n{text}");
    }
    assert!(text.contains("Northwind Labs, Software Engineer") && text.contains("Rust, Kubernetes"), "{text}");
}

#[test]
fn thorough_json_carries_redactions_counts_and_meta() {
    let dir = temp_dir("json");
    let (ok, out, err) = run(&["--level", "thorough", "--format", "json", "--operator", "PERSON=pseudonym"], &cv(&dir));
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("Person A\n"), "{text}");
    assert!(!text.contains("Northwind Labs") && text.contains("2019"), "{text}");
    assert_eq!(v["meta"]["level"], "thorough");
    // The output names the anonymiser model (and version) whose spans it used.
    let models = v["meta"]["models"].as_array().unwrap();
    assert!(models.iter().any(|m| m["name"] == "anonymizer" && m["version"].as_str().is_some_and(|v| !v.is_empty())), "{models:?}");
    assert!(v["counts"]["EMAIL"].as_u64() == Some(1), "{}", v["counts"]);
    let r = &v["redactions"][0];
    assert!(r["type"].is_string() && r["start"].is_u64() && r["replacement"].is_string() && r.get("original").is_none());
}

#[test]
fn reversible_mode_needs_a_valid_key_file() {
    let dir = temp_dir("key");
    let path = cv(&dir);
    let key = dir.join("key.hex");
    std::fs::write(&key, "00".repeat(32)).unwrap();
    let (ok, out, err) = run(&["--format", "json", "--key-file", key.to_str().unwrap()], &path);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["redactions"].as_array().unwrap().iter().all(|r| r["original"].is_string()));
    assert!(!out.contains("jane.example"));
    std::fs::write(&key, "short").unwrap();
    let out = bin().arg("anonymize").arg("--key-file").arg(&key).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("short"));
}

#[test]
fn folders_give_one_json_line_per_file() {
    let dir = temp_dir("batch");
    cv(&dir);
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7 nothing").unwrap();
    let out = bin().args(["anonymize", "--level", "moderate"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], "error");
    assert_eq!(lines[1]["status"], "ok");
    assert_eq!(lines[1]["level"], "moderate");
    assert!(!lines[1]["text"].as_str().unwrap().contains("Jane"));
}
