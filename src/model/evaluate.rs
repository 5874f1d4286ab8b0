//! Scoring a tagger on a version's committed evaluation samples, through the real runtime path.
//!
//! Every model version commits two samples in one format, written by `onnx/train/eval_sample.py`:
//! synthetic documents (extracted `Document` JSON, so no extractor runs) with gold spans in
//! TextView characters. [`SampleSplit::Validation`] (`validation-sample.jsonl.gz`, validation
//! split) is what `cvshield models deploy` compares a candidate with the active version on, as
//! the training recipe selects on validation; [`SampleSplit::Test`] (`eval-sample.jsonl.gz`, the
//! test split's unseen layouts) stays the held-out check of `tests/integration/model_int8.rs`. Scoring re-featurizes each document with this build's sections and
//! featurizer and tags it with tract — the same path `parse` and `anonymize` take — then computes
//! span micro F1 exactly as `onnx/train/spans.py::SpanScore` does. The sample lives in the
//! repository, so `cvshield models eval|deploy` and CI need no dataset. A document whose text or
//! token count differs from what the sample recorded means the featurizer drifted since the
//! model was trained: that is an `invalid_model` error, not a silently lower score.

use std::collections::BTreeSet;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::spec::sha256_hex;
use super::Tagger;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::featurize::{featurize, FEATURIZER_VERSION};
use crate::limits::{Budget, Limits};
use crate::sections::find_sections;
use crate::text_view::TextView;

/// Largest decompressed sample accepted (the committed ones are ~1–2 MB).
const MAX_SAMPLE_BYTES: u64 = 64 << 20;

/// Which committed sample of a version: each split's file and the `metrics.json` key of the
/// onnxruntime figures the recipe recorded on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleSplit {
    Validation,
    Test,
}

impl SampleSplit {
    pub fn as_str(self) -> &'static str {
        match self {
            SampleSplit::Validation => "validation",
            SampleSplit::Test => "test",
        }
    }

    /// The file in a version's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            SampleSplit::Validation => "validation-sample.jsonl.gz",
            SampleSplit::Test => "eval-sample.jsonl.gz",
        }
    }

    /// The key of the sample's recorded figures in `metrics.json`.
    pub fn metrics_key(self) -> &'static str {
        match self {
            SampleSplit::Validation => "validationSample",
            SampleSplit::Test => "evalSample",
        }
    }
}

/// One labelled document of a sample.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleDocument {
    pub id: String,
    pub document: Document,
    pub text_sha256: String,
    pub tokens: usize,
    /// `(label, start, end)` in TextView characters.
    pub spans: Vec<(String, usize, usize)>,
}

/// Span micro scores in percent, rounded to 2 decimals like the recipe's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
    pub predicted: usize,
    pub documents: usize,
}

/// Read a gzipped JSON-lines sample.
pub fn read_sample(gz: &[u8]) -> Result<Vec<SampleDocument>> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz)
        .take(MAX_SAMPLE_BYTES)
        .read_to_string(&mut text)
        .map_err(|_| Error::invalid_model("the evaluation sample is not gzipped UTF-8 text"))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .map_err(|_| Error::invalid_model(format!("the evaluation sample's line {} is not a sample document", i + 1)))
        })
        .collect()
}

/// Span micro precision, recall and F1 of `tagger` on `sample` (exact label + character span).
pub fn score(tagger: &Tagger, sample: &[SampleDocument]) -> Result<SpanScore> {
    let (mut tp, mut predicted_total, mut support) = (0usize, 0usize, 0usize);
    let same_featurizer = tagger.spec().input.featurizer_version == FEATURIZER_VERSION;
    for doc in sample {
        let view = TextView::new(&doc.document);
        if sha256_hex(view.text().as_bytes()) != doc.text_sha256 {
            return Err(drift(&doc.id, "text"));
        }
        let mut budget = Budget::new(&Limits::default());
        let sections = find_sections(&view, &mut budget)?;
        let features = featurize(&view, &sections, &mut budget)?;
        // Tokens must be the recorded ones under the featurizer the version was trained with; a
        // later minor featurizer may tokenize a few lines differently (the spans are scored in
        // characters, so the score stays meaningful).
        if same_featurizer && features.tokens.len() != doc.tokens {
            return Err(drift(&doc.id, "token count"));
        }
        let predicted: BTreeSet<(&str, usize, usize)> = tagger
            .tag_labeled(&view, &features, &mut budget)?
            .into_iter()
            .map(|t| (t.label, view.char_index(t.entity.start), view.char_index(t.entity.end)))
            .collect();
        let gold: BTreeSet<(&str, usize, usize)> = doc.spans.iter().map(|(l, s, e)| (l.as_str(), *s, *e)).collect();
        tp += predicted.intersection(&gold).count();
        predicted_total += predicted.len();
        support += gold.len();
    }
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let (p, r) = (ratio(tp, predicted_total), ratio(tp, support));
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Ok(SpanScore {
        precision: round2(100.0 * p),
        recall: round2(100.0 * r),
        f1: round2(100.0 * f1),
        support,
        predicted: predicted_total,
        documents: sample.len(),
    })
}

fn drift(id: &str, what: &str) -> Error {
    // Sample ids are synthetic ("cv-5000-002371"), never a person's data.
    let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
    Error::invalid_model(format!(
        "evaluation document {id}: this build's {what} differs from the one the sample recorded (featurizer drift: retrain or bump FEATURIZER_VERSION)"
    ))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
