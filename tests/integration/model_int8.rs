//! Accuracy regression for the active tagger models, runnable without the dataset (CI).
//!
//! Each active model version (`onnx/registry.json`) commits `eval-sample.jsonl.gz`: synthetic
//! test-split documents (extracted `Document` JSON) with gold spans in TextView characters, and
//! `spec.json` records the span micro F1 that `onnx/train/train.py` measured on them with
//! onnxruntime. Here the documents are re-featurized by the real Rust featurizer and tagged by
//! tract with both the float and the int8 graph (`cvshield::model::evaluate`, the scorer
//! `cvshield models eval|deploy` use too). The float figure must equal the recorded one
//! (within 0.1 points: same features, same graph, same decoding) — or, for a version trained on an
//! earlier minor featurizer, not fall below it — and int8 must stay within 0.5
//! points of float. A drifted featurizer, decoder or runtime fails the first; a lossy
//! quantization the second.
//!
//! The archives that ship (`model.int8.nnef.tar`, what the wasm module can read) must be exactly
//! what `cvshield::model::convert` makes from the int8 ONNX graph, and must run to the same
//! probabilities and spans. After training a new version, write its archive and digest with
//! `CVSHIELD_WRITE_NNEF=1 cargo test --test integration model_int8::nnef`.

use std::path::PathBuf;

use cvshield::error::ErrorCode;
use cvshield::featurize::{featurize, FEATURIZER_VERSION};
use cvshield::limits::{Budget, Limits};
use cvshield::sections::find_sections;
use cvshield::text_view::TextView;
use cvshield::model::evaluate::{self, SampleDocument};
use cvshield::model::spec::sha256_hex;
use cvshield::model::Tagger;
use serde_json::Value;

use crate::util::repo_root as root;

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
    let nnef = Tagger::from_bytes(&std::fs::read(dir.join("model.int8.nnef.tar")).unwrap(), &spec).unwrap();
    let f_nnef = micro_f1(&nnef, &sample);
    eprintln!(
        "{name}: sample micro F1 float {f_float:.2} (onnxruntime recorded {recorded_float}), int8 {f_int8:.2}, int8 NNEF {f_nnef:.2}"
    );
    assert_eq!(f_nnef, f_int8, "{name}: the NNEF archive tags differently from the int8 ONNX graph");
    let worst = max_probability_difference(&int8, &nnef, &sample);
    assert!(worst <= 1e-5, "{name}: NNEF and ONNX probabilities differ by up to {worst}");
    // Trained on this featurizer: tract must reproduce onnxruntime's figure. Trained on an
    // earlier minor one: a few lines tokenize differently now, which may change the figure but
    // must not make the version worse on its held-out sample.
    let trained_on = recorded["input"]["featurizerVersion"].as_str().expect("spec names its featurizer");
    if trained_on == FEATURIZER_VERSION {
        assert!(
            (f_float - recorded_float).abs() <= 0.1,
            "{name}: float model through tract gives {f_float:.2}, train.py recorded {recorded_float} with onnxruntime"
        );
    } else {
        assert!(
            f_float >= recorded_float - 0.1,
            "{name}: under featurizer {FEATURIZER_VERSION} the float model gives {f_float:.2}, below the {recorded_float} train.py recorded under {trained_on}"
        );
    }
    assert!((f_int8 - f_float).abs() <= 0.5, "{name}: int8 F1 {f_int8:.2} is more than 0.5 points from float {f_float:.2}");
}

/// The largest difference between two taggers' per-token probabilities over the sample.
fn max_probability_difference(a: &Tagger, b: &Tagger, sample: &[SampleDocument]) -> f32 {
    let mut worst = 0.0f32;
    for s in sample {
        let view = TextView::new(&s.document);
        let mut budget = Budget::new(&Limits::default());
        let sections = find_sections(&view, &mut budget).unwrap();
        let features = featurize(&view, &sections, &mut budget).unwrap();
        let pa = a.probabilities(&features, &mut budget).unwrap();
        let pb = b.probabilities(&features, &mut budget).unwrap();
        assert_eq!(pa.len(), pb.len());
        worst = pa.iter().zip(&pb).map(|(x, y)| (x - y).abs()).fold(worst, f32::max);
    }
    worst
}

/// Every version's archive is the converter's output for its int8 graph, and its spec names it.
#[test]
fn nnef_archives_are_converted_from_the_int8_graphs() {
    let write = std::env::var_os("CVSHIELD_WRITE_NNEF").is_some();
    let mut checked = 0;
    for model in std::fs::read_dir(root().join("onnx/models")).unwrap() {
        for version in std::fs::read_dir(model.unwrap().path()).unwrap() {
            let dir = version.unwrap().path();
            let Ok(onnx) = std::fs::read(dir.join("model.int8.onnx")) else { continue };
            let archive = cvshield::model::convert::onnx_to_nnef(&onnx).unwrap();
            let spec_path = dir.join("spec.json");
            let mut spec: Value = serde_json::from_str(&std::fs::read_to_string(&spec_path).unwrap()).unwrap();
            let file = serde_json::json!({ "sha256": sha256_hex(&archive), "bytes": archive.len() });
            if write {
                std::fs::write(dir.join("model.int8.nnef.tar"), &archive).unwrap();
                spec["files"]["nnef"] = file;
                let mut out = Vec::new();
                let mut ser = serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b" "));
                serde::Serialize::serialize(&spec, &mut ser).unwrap();
                out.push(b'\n');
                std::fs::write(&spec_path, out).unwrap();
            } else {
                let committed = std::fs::read(dir.join("model.int8.nnef.tar")).unwrap();
                assert!(committed == archive, "{}: model.int8.nnef.tar is not the converter's output (run with CVSHIELD_WRITE_NNEF=1)", dir.display());
                assert_eq!(spec["files"]["nnef"], file, "{}: spec.json files.nnef does not describe the archive", dir.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 2, "only {checked} model versions found");
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
        assert_eq!(model.nnef, &std::fs::read(dir.join("model.int8.nnef.tar")).unwrap()[..]);
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
    // A truncated NNEF archive, vouched for: refused by tract-nnef, without panicking.
    let cut = &model.nnef[..model.nnef.len() / 3];
    let mut spec: Value = serde_json::from_str(model.spec).unwrap();
    spec["files"]["nnef"]["sha256"] = Value::from(sha256_hex(cut));
    spec["files"]["nnef"]["bytes"] = Value::from(cut.len());
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
