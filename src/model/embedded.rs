//! The model versions compiled into the library.
//!
//! `include_bytes!` needs literal paths, so `build.rs` turns the registry's `active` map
//! (`onnx/registry.json`, written by `cvshield models deploy|rollback`) into the two `embed!` lines
//! included below: a rebuild after a deploy ships the deployed version, with no source edit that
//! could fall out of step (a test still checks the embedded bytes against the registry). Generated
//! rather than checked: a hand-kept list plus a test would fail CI after every deploy until
//! someone edits Rust. Layout of a version:
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

include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));

/// Every embedded model, for listing (`cvshield models`, the registry test).
pub const ALL: [EmbeddedModel; 2] = [PARSER, ANONYMIZER];
