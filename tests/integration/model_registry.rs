//! Acceptance of the model registry (issue 6), on a temporary copy of `onnx/`:
//! deploy → rollback → deploy through the real CLI, checking `registry.json`, the history and
//! that outputs name the versions that produced them; a corrupted, an incompatible, a
//! contract-changing, a worse version and one without a validation sample are refused with a
//! clear error and leave the registry byte for byte as it was; deploy compares on the validation
//! sample and says so. The copy starts from the registry's first state (both 1.0.0 versions
//! deployed), and the extra versions are made here from the committed 1.0.0 files (never
//! committed): 1.0.1 = same graph, new metadata (a patch); the others are damaged copies.
//! With the real dev sets beside the repo, deploy also compares whole-pipeline figures on them
//! and refuses a version worse on real CVs (the committed anonymizer 1.1.0 against 1.2.0).

use std::path::{Path, PathBuf};
use std::process::Output;

use cvshield::eval::real_gate;
use cvshield::model::registry::{Action, Registry};
use cvshield::model::spec::sha256_hex;
use cvshield::model::Tagger;
use serde_json::Value;

use crate::util::{bin, repo_root as repo};

struct TempModels(PathBuf);

impl Drop for TempModels {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of the registry and the 1.0.0 versions (without the float graphs, which ship nowhere).
fn temp_copy(tag: &str) -> TempModels {
    let root = std::env::temp_dir().join(format!("cvshield-registry-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for name in ["parser", "anonymizer"] {
        let from = repo().join("onnx/models").join(name).join("1.0.0");
        let to = root.join("models").join(name).join("1.0.0");
        std::fs::create_dir_all(&to).unwrap();
        for file in [
            "model.int8.onnx",
            "model.int8.nnef.tar",
            "spec.json",
            "card.md",
            "metrics.json",
            "eval-sample.jsonl.gz",
            "validation-sample.jsonl.gz",
        ] {
            std::fs::copy(from.join(file), to.join(file)).unwrap();
        }
    }
    // The registry as it was when both 1.0.0 versions were first deployed, whatever was deployed
    // since: the tests below make and deploy their own versions from there.
    let mut registry: Value = serde_json::from_str(&std::fs::read_to_string(repo().join("onnx/registry.json")).unwrap()).unwrap();
    let first: Vec<Value> = registry["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "deploy" && e.get("from").is_none() && e["to"] == "1.0.0")
        .cloned()
        .collect();
    assert_eq!(first.len(), 2, "the registry's history starts with the two 1.0.0 deploys");
    registry["history"] = Value::from(first);
    registry["active"] = serde_json::json!({ "parser": "1.0.0", "anonymizer": "1.0.0" });
    std::fs::write(root.join("registry.json"), serde_json::to_string_pretty(&registry).unwrap()).unwrap();
    TempModels(root)
}

/// Copy a committed version into the temporary folder.
fn copy_version(root: &Path, name: &str, version: &str) {
    let from = repo().join("onnx/models").join(name).join(version);
    let to = root.join("models").join(name).join(version);
    std::fs::create_dir_all(&to).unwrap();
    for file in ["model.int8.onnx", "model.int8.nnef.tar", "spec.json", "card.md", "metrics.json", "eval-sample.jsonl.gz", "validation-sample.jsonl.gz"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
}

/// A new parser version from 1.0.0's files: `edit` may change the spec and the graph bytes.
fn make_version(root: &Path, version: &str, edit: impl FnOnce(&mut Value, &mut Vec<u8>)) {
    let from = root.join("models/parser/1.0.0");
    let to = root.join("models/parser").join(version);
    std::fs::create_dir_all(&to).unwrap();
    for file in ["eval-sample.jsonl.gz", "validation-sample.jsonl.gz", "model.int8.nnef.tar"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let mut spec: Value = serde_json::from_str(&std::fs::read_to_string(from.join("spec.json")).unwrap()).unwrap();
    let mut onnx = std::fs::read(from.join("model.int8.onnx")).unwrap();
    spec["version"] = Value::from(version);
    spec["created"] = Value::from("2026-11-25T04:00:00Z");
    edit(&mut spec, &mut onnx);
    std::fs::write(to.join("spec.json"), serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    std::fs::write(to.join("model.int8.onnx"), onnx).unwrap();
}

/// Make the spec vouch for the (edited) bytes, as a training run would.
fn vouch(spec: &mut Value, onnx: &[u8]) {
    spec["files"]["int8"]["sha256"] = Value::from(sha256_hex(onnx));
    spec["files"]["int8"]["bytes"] = Value::from(onnx.len());
}

fn cvshield(root: &Path, args: &[&str]) -> Output {
    bin().arg("--models-dir").arg(root).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn registry(root: &Path) -> Registry {
    Registry::parse(&std::fs::read_to_string(root.join("registry.json")).unwrap()).unwrap()
}

/// The versions `meta.models` names in a JSON output.
fn named_versions(json: &Value) -> Vec<(String, String)> {
    json["meta"]["models"]
        .as_array()
        .map(|models| {
            models
                .iter()
                .map(|m| (m["name"].as_str().unwrap().to_string(), m["version"].as_str().unwrap().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// `models eval parser` (the active version) names the version that produced its figures, and
/// the document commands, run on the folder, name only active versions.
fn assert_outputs_name(root: &Path, version: &str) {
    let out = cvshield(root, &["models", "eval", "parser"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(named_versions(&json), vec![("parser".to_string(), version.to_string())]);
    assert_eq!(json["score"]["documents"], 120);
    let cv = root.join("cv.txt");
    std::fs::write(&cv, "Jane Example\nSoftware Engineer\n\nExperience\nAcme Corp, Berlin\n2019 - 2023\n").unwrap();
    for command in ["parse", "anonymize"] {
        let mut args = vec![command, cv.to_str().unwrap()];
        if command == "anonymize" {
            args.extend(["--format", "json"]);
        }
        let out = cvshield(root, &args);
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        for (name, named) in named_versions(&json) {
            let active = registry(root).active(&name).map(str::to_string);
            assert_eq!(Some(named), active, "{command}'s meta names a {name} version that is not the active one");
        }
    }
}

#[test]
fn deploy_rollback_deploy_on_a_copy() {
    let tmp = temp_copy("cycle");
    let root = &tmp.0;
    make_version(root, "1.0.1", |_, _| {});
    assert_outputs_name(root, "1.0.0");

    // deploy 1.0.1: same graph, so the same F1 as the active version on the same documents,
    // which are the validation sample's (the union of both versions' samples: the same 120 here).
    let out = cvshield(root, &["models", "deploy", "parser@1.0.1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("on the validation sample, 120 documents"), "{said}");
    let r = registry(root);
    assert_eq!(r.active("parser"), Some("1.0.1"));
    assert_eq!(r.active("anonymizer"), Some("1.0.0"));
    let last = r.history.last().unwrap();
    assert_eq!((last.action, last.from.as_deref(), last.to.as_str()), (Action::Deploy, Some("1.0.0"), "1.0.1"));
    let ev = last.evaluation.as_ref().unwrap();
    assert_eq!((ev.sample.as_deref(), ev.documents), (Some("validation"), 120));
    assert_eq!(Some(ev.f1), ev.previous_f1);
    assert!(!last.forced);
    assert_outputs_name(root, "1.0.1");

    // rollback → 1.0.0.
    let out = cvshield(root, &["models", "rollback", "parser"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = registry(root);
    assert_eq!(r.active("parser"), Some("1.0.0"));
    let last = r.history.last().unwrap();
    assert_eq!((last.action, last.from.as_deref(), last.to.as_str()), (Action::Rollback, Some("1.0.1"), "1.0.0"));
    assert_outputs_name(root, "1.0.0");
    // Nothing before the first deploy.
    let out = cvshield(root, &["models", "rollback", "parser"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no earlier active version"), "{}", stderr(&out));

    // deploy again → 1.0.1; the history holds all three changes, oldest first.
    let out = cvshield(root, &["models", "deploy", "parser@1.0.1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = registry(root);
    assert_eq!(r.active("parser"), Some("1.0.1"));
    let parser_events: Vec<(Action, Option<&str>, &str)> =
        r.history.iter().filter(|e| e.model == "parser").map(|e| (e.action, e.from.as_deref(), e.to.as_str())).collect();
    assert_eq!(
        parser_events,
        vec![
            (Action::Deploy, None, "1.0.0"),
            (Action::Deploy, Some("1.0.0"), "1.0.1"),
            (Action::Rollback, Some("1.0.1"), "1.0.0"),
            (Action::Deploy, Some("1.0.0"), "1.0.1"),
        ]
    );
    assert_eq!(r.rollback_target("parser").unwrap(), "1.0.0");
    assert_outputs_name(root, "1.0.1");

    // The text history and the HTML timeline show it; the page fetches nothing.
    let out = cvshield(root, &["models", "history"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("rollback  parser      1.0.1 -> 1.0.0") && text.contains("on validation sample, 120 docs"), "{text}");
    let out = cvshield(root, &["models", "history", "--html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<svg") && html.contains("1.0.1 · ") && html.contains(">rollback<"));
    for external in ["<script", "src=", "href=", "url(", "@import", "https:"] {
        assert!(!html.contains(external), "the history page contains {external}");
    }
}

#[test]
fn bad_versions_are_refused_and_the_registry_stays_as_it_was() {
    let tmp = temp_copy("refuse");
    let root = &tmp.0;
    // Corrupted: one byte flipped, spec unchanged.
    make_version(root, "1.0.2", |_, onnx| {
        let mid = onnx.len() / 2;
        onnx[mid] ^= 0x5a;
    });
    // Incompatible: trained on another featurizer major version.
    make_version(root, "1.1.0", |spec, _| spec["input"]["featurizerVersion"] = Value::from("2.0.0"));
    // A new major version (its labels changed meaning): the contract check needs --force.
    make_version(root, "2.0.0", |_, _| {});
    // Worse: half the embedding table blanked, vouched for by its spec (a bad retrain).
    make_version(root, "1.0.9", |spec, onnx| {
        let (from, to) = (onnx.len() / 4, onnx.len() / 2);
        onnx[from..to].fill(0);
        vouch(spec, onnx);
    });
    // No validation sample: nothing to compare it with the active version on, refused even with --force.
    make_version(root, "1.3.0", |_, _| {});
    std::fs::remove_file(root.join("models/parser/1.3.0/validation-sample.jsonl.gz")).unwrap();
    let before = std::fs::read(root.join("registry.json")).unwrap();
    let refused = |reference: &str, expected: &str| {
        let out = cvshield(root, &["models", "deploy", reference]);
        assert!(!out.status.success(), "{reference} was deployed");
        let err = stderr(&out);
        assert!(err.contains("invalid_model") && err.contains(expected), "{reference}: {err}");
        assert_eq!(std::fs::read(root.join("registry.json")).unwrap(), before, "{reference} changed the registry");
    };
    refused("parser@1.0.2", "sha256");
    refused("parser@1.1.0", "featurizer 2.0.0");
    refused("parser@2.0.0", "new major version");
    refused("parser@1.0.9", "below the active");
    refused("parser@9.9.9", "there is no parser@9.9.9");
    refused("parser@1.0.0", "already the active version");
    refused("parser@1.3.0", "has no validation sample");
    let out = cvshield(root, &["models", "deploy", "parser@1.3.0", "--force"]);
    assert!(!out.status.success() && stderr(&out).contains("has no validation sample"), "{}", stderr(&out));
    // A validation sample that is not the one metrics.json records fails `verify`.
    let recorded = root.join("models/anonymizer/1.0.0/validation-sample.jsonl.gz");
    let mut gz = std::fs::read(&recorded).unwrap();
    gz.extend_from_slice(&gz.clone()); // a second gzip member: the same documents are read, the bytes differ
    std::fs::write(&recorded, &gz).unwrap();
    // `verify` reports the broken ones and fails.
    let out = cvshield(root, &["models", "verify"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(report.contains("FAIL  parser@1.0.2") && report.contains("FAIL  parser@1.1.0") && report.contains("ok    parser@1.0.0"), "{report}");
    assert!(report.contains("ok    parser@1.0.0 validation sample (120 documents)"), "{report}");
    assert!(report.contains("FAIL  parser@1.3.0 validation sample: invalid_model: parser@1.3.0 has no validation sample"), "{report}");
    assert!(report.contains("FAIL  anonymizer@1.0.0 validation sample: invalid_model: anonymizer@1.0.0: validation-sample.jsonl.gz does not match the sha256"), "{report}");

    // An interrupted write leaves only a stray temp file: the registry still reads, and --force
    // deploys the worse version, recorded as forced with both figures.
    std::fs::write(root.join(".registry.json.12345.tmp"), b"{\"schema\": 2, \"act").unwrap();
    let out = cvshield(root, &["models", "deploy", "parser@1.0.9", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = registry(root);
    let last = r.history.last().unwrap();
    assert!(last.forced);
    let ev = last.evaluation.as_ref().unwrap();
    assert!(ev.f1 < ev.previous_f1.unwrap() - r.tolerance_f1_points, "{ev:?}");
    // And the library refuses the corrupted and incompatible bytes the same way when loading them.
    for version in ["1.0.2", "1.1.0"] {
        let dir = root.join("models/parser").join(version);
        let err = Tagger::from_bytes(&std::fs::read(dir.join("model.int8.onnx")).unwrap(), &std::fs::read_to_string(dir.join("spec.json")).unwrap()).unwrap_err();
        assert_eq!(err.code, cvshield::ErrorCode::InvalidModel);
    }
}

#[test]
fn a_version_worse_on_the_real_dev_sets_is_refused_however_it_scores_on_synthetic_ones() {
    if real_gate::default_sets(&repo()).is_empty() {
        eprintln!("no real dev sets beside the repo; skipping");
        return;
    }
    let tmp = temp_copy("real");
    let root = &tmp.0;
    for version in ["1.1.0", "1.2.0"] {
        copy_version(root, "anonymizer", version);
    }
    let out = cvshield(root, &["models", "deploy", "anonymizer@1.1.0", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cvshield(root, &["models", "deploy", "anonymizer@1.2.0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("basic PII removed %") && stdout.contains("on realworld-2"), "{stdout}");
    let r = registry(root);
    let real = &r.history.last().unwrap().evaluation.as_ref().unwrap().real_sets;
    assert!(real.iter().any(|row| row.set == "realworld-2" && row.figure == "basic PII removed %"), "{real:?}");
    // 1.1.0 removes far fewer PII strings at basic on realworld-2; a tolerance that waves the
    // synthetic comparison through does not wave this one through.
    let before = std::fs::read(root.join("registry.json")).unwrap();
    let out = cvshield(root, &["models", "deploy", "anonymizer@1.1.0", "--tolerance", "100"]);
    assert!(!out.status.success(), "anonymizer@1.1.0 was deployed");
    let err = stderr(&out);
    assert!(err.contains("invalid_model") && err.contains("on real CVs") && err.contains("basic PII removed %"), "{err}");
    assert_eq!(std::fs::read(root.join("registry.json")).unwrap(), before, "the refused deploy changed the registry");
    // Forced, it is deployed and recorded as forced with the figures that argued against it.
    let out = cvshield(root, &["models", "deploy", "anonymizer@1.1.0", "--tolerance", "100", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = registry(root);
    let last = r.history.last().unwrap();
    assert!(last.forced && last.to == "1.1.0");
    let worse = last.evaluation.as_ref().unwrap().real_sets.iter().any(|row| row.previous.is_some_and(|p| row.value < p - r.tolerance_real_points));
    assert!(worse, "{:?}", last.evaluation);
}
