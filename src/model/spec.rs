//! A model's `spec.json`: what the graph expects and emits, checked before the graph is trusted.
//!
//! The spec travels beside every `model.int8.onnx` (written by `onnx/train/train.py`). The runtime
//! reads only the fields it needs to run the model safely — input layout, featurizer version,
//! labels, file digest, work per token — and ignores the rest (training config, metrics), which
//! are for people and the registry. A model whose spec disagrees with the build (another
//! featurizer major version, labels the crate has no kind for, a different digest) is refused with
//! `invalid_model`, never half-used.

use serde::Deserialize;

use crate::entities::EntityKind;
use crate::error::{Error, Result};

/// The parts of `spec.json` the runtime relies on.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSpec {
    pub name: String,
    pub version: String,
    pub input: InputSpec,
    pub output: OutputSpec,
    pub runtime: RuntimeSpec,
    pub files: FilesSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputSpec {
    pub name: String,
    pub dtype: String,
    pub featurizer_version: String,
    pub slots: usize,
    pub buckets: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputSpec {
    pub name: String,
    /// Entity labels X; the graph emits tags `O, B-X1, I-X1, B-X2, …` in this order.
    pub labels: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeSpec {
    /// Budget units charged per token (the graph's multiply-adds per token / 1000, at least 1).
    pub work_per_token: u64,
    /// How many tokens each side of a token can influence its tags (sum of conv half-widths).
    pub receptive_radius: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FilesSpec {
    pub int8: FileSpec,
    /// The int8 graph converted to an NNEF archive (`model.int8.nnef.tar`), the file that ships.
    #[serde(default)]
    pub nnef: Option<FileSpec>,
    /// The float graph the int8 one was quantized from (not shipped; used to measure the loss).
    pub float: Option<FileSpec>,
}

/// Which of a spec's graph files a byte string claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Int8,
    Float,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FileSpec {
    pub sha256: String,
    pub bytes: usize,
}

impl ModelSpec {
    pub fn parse(json: &str) -> Result<ModelSpec> {
        serde_json::from_str(json).map_err(|e| {
            Error::invalid_model(format!("the model spec is not valid (line {}, column {})", e.line(), e.column()))
        })
    }

    /// The tag names the graph's output columns must carry, derived from the labels.
    pub fn expected_tags(&self) -> Vec<String> {
        let mut tags = vec!["O".to_string()];
        for label in &self.output.labels {
            tags.push(format!("B-{label}"));
            tags.push(format!("I-{label}"));
        }
        tags
    }

    /// Checks that do not need the graph: input layout, tags, featurizer version, labels.
    pub fn check(&self, featurizer_version: &str) -> Result<Vec<EntityKind>> {
        if self.input.dtype != "int64" || self.input.slots == 0 || self.input.buckets == 0 {
            return Err(Error::invalid_model("the model spec's input must be int64 ids with slots and buckets"));
        }
        if self.output.tags != self.expected_tags() {
            return Err(Error::invalid_model("the model spec's tags do not follow its labels (O, B-X, I-X …)"));
        }
        if !featurizer_compatible(&self.input.featurizer_version, featurizer_version) {
            return Err(Error::invalid_model(format!(
                "the model was trained on featurizer {} but this build featurizes as {}; retrain or use a matching build",
                safe_version(&self.input.featurizer_version),
                safe_version(featurizer_version)
            )));
        }
        self.output
            .labels
            .iter()
            .map(|label| {
                label_kind(label).ok_or_else(|| Error::invalid_model("the model spec names a label this build has no kind for"))
            })
            .collect()
    }

    /// The graph bytes (ONNX or NNEF archive) must be exactly the ones the spec describes.
    pub fn check_bytes(&self, onnx: &[u8], precision: Precision) -> Result<()> {
        let file = match (precision, super::graph::Format::of(onnx)) {
            (Precision::Int8, super::graph::Format::Nnef) => {
                self.files.nnef.as_ref().ok_or_else(|| Error::invalid_model("the model spec lists no NNEF archive"))?
            }
            (Precision::Int8, super::graph::Format::Onnx) => &self.files.int8,
            (Precision::Float, _) => {
                self.files.float.as_ref().ok_or_else(|| Error::invalid_model("the model spec lists no float graph"))?
            }
        };
        if onnx.len() != file.bytes || !sha256_hex(onnx).eq_ignore_ascii_case(&file.sha256) {
            return Err(Error::invalid_model(
                "the model file does not match the sha256 in its spec (corrupt or mismatched model)",
            ));
        }
        Ok(())
    }
}

/// The digest every model check and listing uses.
pub use crate::digest::sha256_hex;

/// The entity kind a model label stands for. The parser's NAME is the candidate's own name.
pub fn label_kind(label: &str) -> Option<EntityKind> {
    match label {
        "NAME" => Some(EntityKind::Person),
        other => EntityKind::from_label(other),
    }
}

/// Same major version (and, before 1.0, the same minor): ids keep their meaning.
fn featurizer_compatible(trained: &str, current: &str) -> bool {
    match (semver_parts(trained), semver_parts(current)) {
        (Some((a_major, a_minor)), Some((b_major, b_minor))) => {
            a_major == b_major && (a_major != 0 || a_minor == b_minor)
        }
        _ => false,
    }
}

fn semver_parts(v: &str) -> Option<(u64, u64)> {
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Versions come from our own specs, but keep messages short and plain whatever they hold.
fn safe_version(v: &str) -> String {
    v.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').take(32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn featurizer_versions_match_on_major_and_pre_1_minor() {
        assert!(featurizer_compatible("1.2.0", "1.5.3"));
        assert!(!featurizer_compatible("1.2.0", "2.0.0"));
        assert!(featurizer_compatible("0.3.1", "0.3.9"));
        assert!(!featurizer_compatible("0.3.1", "0.4.0"));
        assert!(!featurizer_compatible("garbage", "1.0.0"));
    }

    #[test]
    fn name_is_the_person_kind() {
        assert_eq!(label_kind("NAME"), Some(EntityKind::Person));
        assert_eq!(label_kind("DATE_OF_BIRTH"), Some(EntityKind::DateOfBirth));
        assert_eq!(label_kind("WHATEVER"), None);
    }
}
