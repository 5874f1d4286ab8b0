//! The model versions compiled into the library.
//!
//! `include_bytes!` needs literal paths, so the active versions are spelled here once and a test
//! checks they are the ones `onnx/registry.json` names as active. Layout of a version:
//! `onnx/models/<name>/<semver>/{model.int8.onnx, model.float.onnx, spec.json, card.md,
//! metrics.json, eval-sample.jsonl.gz}`; only the int8 graph and its spec ship.

/// One embedded model version.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedModel {
    pub name: &'static str,
    pub version: &'static str,
    pub onnx: &'static [u8],
    pub spec: &'static str,
}

macro_rules! embed {
    ($name:literal, $version:literal) => {
        EmbeddedModel {
            name: $name,
            version: $version,
            onnx: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/onnx/models/",
                $name,
                "/",
                $version,
                "/model.int8.onnx"
            )),
            spec: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/onnx/models/", $name, "/", $version, "/spec.json")),
        }
    };
}

pub const PARSER: EmbeddedModel = embed!("parser", "1.0.0");
pub const ANONYMIZER: EmbeddedModel = embed!("anonymizer", "1.0.0");

/// Every embedded model, for listing (`cvshield models`, the registry test).
pub const ALL: [EmbeddedModel; 2] = [PARSER, ANONYMIZER];
