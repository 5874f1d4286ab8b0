//! The model versions compiled into the library.
//!
//! `include_bytes!` needs literal paths, so the active versions are spelled here once and a test
//! checks they are the ones `onnx/registry.json` names as active. Layout of a version:
//! `onnx/models/<name>/<semver>/{model.int8.onnx, model.float.onnx, spec.json, card.md,
//! metrics.json, eval-sample.jsonl.gz, model.int8.nnef.tar}`; only the int8 graph as an NNEF
//! archive and its spec ship (the ONNX original is embedded in native builds only, for tests).

/// One embedded model version.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedModel {
    pub name: &'static str,
    pub version: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub onnx: &'static [u8],
    /// The int8 graph as an NNEF archive: what `Tagger::parser()`/`anonymizer()` load.
    pub nnef: &'static [u8],
    pub spec: &'static str,
}

macro_rules! embed {
    ($name:literal, $version:literal) => {
        EmbeddedModel {
            name: $name,
            version: $version,
            #[cfg(not(target_arch = "wasm32"))]
            onnx: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/onnx/models/",
                $name,
                "/",
                $version,
                "/model.int8.onnx"
            )),
            nnef: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/onnx/models/",
                $name,
                "/",
                $version,
                "/model.int8.nnef.tar"
            )),
            spec: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/onnx/models/", $name, "/", $version, "/spec.json")),
        }
    };
}

pub const PARSER: EmbeddedModel = embed!("parser", "1.0.0");
pub const ANONYMIZER: EmbeddedModel = embed!("anonymizer", "1.0.0");

/// Every embedded model, for listing (`cvshield models`, the registry test).
pub const ALL: [EmbeddedModel; 2] = [PARSER, ANONYMIZER];
