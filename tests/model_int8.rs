//! Accuracy regression for the active tagger models, runnable without the dataset (CI).
//!
//! Each active model version (`onnx/registry.json`) commits `eval-sample.jsonl.gz`: synthetic
//! test-split documents (extracted `Document` JSON) with gold spans in TextView characters, and
//! `spec.json` records the span micro F1 that `onnx/train/train.py` measured on them with
//! onnxruntime. Here the documents are re-featurized by the real Rust featurizer and tagged by
//! tract with both the float and the int8 graph (`cvshield::model::evaluate`, the scorer
//! `cvshield models eval|deploy` use too). The float figure must equal the recorded one
//! (within 0.1 points: same features, same graph, same decoding), and int8 must stay within 0.5
//! points of float. A drifted featurizer, decoder or runtime fails the first; a lossy
//! quantization the second.

use std::path::PathBuf;

use cvshield::error::ErrorCode;
use cvshield::model::evaluate::{self, SampleDocument};
use cvshield::model::spec::sha256_hex;
use cvshield::model::Tagger;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn active_dir(name: &str) -> PathBuf {
    let registry: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("onnx/registry.json")).unwrap()).unwrap();
    let version = registry["active"][name].as_str().expect("registry names an active version");
    root().join("onnx/models").join(name).join(version)
}

fn micro_f1(tagger: &Tagger, sample: &[SampleDocument]) -> f64 {
    evaluate::score(tagger, sample).unwrap().f1
}

fn check_model(name: &str) {
    let dir = active_dir(name);
    let spec = std::fs::read_to_string(dir.join("spec.json")).unwrap();
    let recorded: Value = serde_json::from_str(&spec).unwrap();
    let recorded_float = recorded["metrics"]["evalSample"]["float"]["f1"].as_f64().expect("spec records the sample F1");
    let int8 = Tagger::from_bytes(&std::fs::read(dir.join("model.int8.onnx")).unwrap(), &spec).unwrap();
    let float = Tagger::from_float_bytes(&std::fs::read(dir.join("model.float.onnx")).unwrap(), &spec).unwrap();
    let sample = evaluate::read_sample(&std::fs::read(dir.join("eval-sample.jsonl.gz")).unwrap()).unwrap();
    assert!(sample.len() >= 50, "{name}: the eval sample holds only {} documents", sample.len());
    let f_float = micro_f1(&float, &sample);
    let f_int8 = micro_f1(&int8, &sample);
    eprintln!("{name}: sample micro F1 float {f_float:.2} (onnxruntime recorded {recorded_float}), int8 {f_int8:.2}");
    assert!(
        (f_float - recorded_float).abs() <= 0.1,
        "{name}: float model through tract gives {f_float:.2}, train.py recorded {recorded_float} with onnxruntime"
    );
    assert!((f_int8 - f_float).abs() <= 0.5, "{name}: int8 F1 {f_int8:.2} is more than 0.5 points from float {f_float:.2}");
}

#[test]
fn parser_int8_matches_recorded_accuracy() {
    check_model("parser");
}

#[test]
fn anonymizer_int8_matches_recorded_accuracy() {
    check_model("anonymizer");
}

#[test]
fn embedded_models_are_the_registry_active_versions() {
    for model in cvshield::model::embedded::ALL {
        let dir = active_dir(model.name);
        assert!(dir.ends_with(model.version), "{} embeds {} but the registry says {}", model.name, model.version, dir.display());
        assert_eq!(model.onnx, &std::fs::read(dir.join("model.int8.onnx")).unwrap()[..]);
    }
    assert_eq!(Tagger::parser().unwrap().name(), "parser");
    assert_eq!(Tagger::anonymizer().unwrap().name(), "anonymizer");
}

#[test]
fn corrupt_or_mismatched_models_are_refused_with_a_typed_error() {
    let model = cvshield::model::embedded::PARSER;
    // A flipped byte: the digest no longer matches the spec.
    let mut flipped = model.onnx.to_vec();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x5a;
    assert_eq!(Tagger::from_bytes(&flipped, model.spec).unwrap_err().code, ErrorCode::InvalidModel);
    // Garbage whose digest the spec vouches for: tract itself must refuse it, without panicking.
    let garbage = vec![0x42u8; 4096];
    let mut spec: Value = serde_json::from_str(model.spec).unwrap();
    spec["files"]["int8"]["sha256"] = Value::from(sha256_hex(&garbage));
    spec["files"]["int8"]["bytes"] = Value::from(garbage.len());
    assert_eq!(Tagger::from_bytes(&garbage, &spec.to_string()).unwrap_err().code, ErrorCode::InvalidModel);
    // Truncated graph, vouched for too.
    let cut = &model.onnx[..model.onnx.len() / 3];
    spec["files"]["int8"]["sha256"] = Value::from(sha256_hex(cut));
    spec["files"]["int8"]["bytes"] = Value::from(cut.len());
    assert_eq!(Tagger::from_bytes(cut, &spec.to_string()).unwrap_err().code, ErrorCode::InvalidModel);
    // Another featurizer major version.
    let mut spec: Value = serde_json::from_str(model.spec).unwrap();
    spec["input"]["featurizerVersion"] = Value::from("999.0.0");
    let err = Tagger::from_bytes(model.onnx, &spec.to_string()).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidModel);
    assert!(err.message.contains("featurizer"), "{}", err.message);
    // Labels that do not match the tags, and a spec that is not JSON.
    let mut spec: Value = serde_json::from_str(model.spec).unwrap();
    spec["output"]["labels"][0] = Value::from("SOMETHING_ELSE");
    assert_eq!(Tagger::from_bytes(model.onnx, &spec.to_string()).unwrap_err().code, ErrorCode::InvalidModel);
    assert_eq!(Tagger::from_bytes(model.onnx, "{not json").unwrap_err().code, ErrorCode::InvalidModel);
}
