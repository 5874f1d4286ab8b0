//! The two learned taggers (parser and anonymiser), run by tract natively and in wasm.
//!
//! Each model is a small int8 ONNX token tagger trained by `onnx/train` on the featurizer's ids
//! (`crate::featurize`): `ids int64 [T, slots] → probs [T, 1 + 2·labels]` (BIO tags). This module
//! checks a model against its `spec.json` (digest, featurizer version, labels), loads and
//! optimises it once per process, runs it over one document's features within the work budget
//! and decodes the tags into [`Entity`] spans, the type every later stage consumes.
//!
//! The active versions are embedded in the binary ([`embedded`]); [`Tagger::from_bytes`] loads any
//! other version, [`catalog`] keeps run-time loaded versions and decides which one a call runs
//! with, [`registry`] is the deploy record (`onnx/registry.json`) and `evaluate` (feature `eval`)
//! scores a version on its committed evaluation sample.

mod bag;
pub mod catalog;
#[cfg(not(target_arch = "wasm32"))]
pub mod convert;
mod decode;
pub mod embedded;
#[cfg(feature = "eval")]
pub mod evaluate;
mod graph;
mod nnef_reader;
pub mod registry;
pub mod spec;
pub mod tagging;

use std::ops::Range;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entities::{Entity, EntityKind};
use crate::error::{Error, Result};
use crate::featurize::{Features, FEATURIZER_VERSION};
use crate::limits::Budget;
use crate::text_view::TextView;

pub use spec::{ModelSpec, Precision};

/// A model that ran (name and version), as every output's `meta.models` records it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ModelInfo {
    pub name: String,
    pub version: String,
}

/// A loaded, optimised tagger with its spec.
#[derive(Debug)]
pub struct Tagger {
    spec: ModelSpec,
    kinds: Vec<EntityKind>,
    graph: graph::Graph,
    detector: &'static str,
}

/// A tagged span with the model's own label (the parser needs NAME, not just `Person`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSpan<'t> {
    pub label: &'t str,
    pub entity: Entity,
}

/// Tokens of room a run of [`Tagger::tag_within`] leaves each side of the kept tokens at first,
/// for spans that reach beyond them (a field rarely runs over more tokens than this).
const SPAN_SLACK: usize = 4;

static PARSER: OnceLock<Result<Tagger>> = OnceLock::new();
static ANONYMIZER: OnceLock<Result<Tagger>> = OnceLock::new();

impl Tagger {
    /// The parser model (NAME, TITLE, ORG, SCHOOL, DEGREE, DATE, LOCATION, SKILL) this call runs
    /// with: the selected version ([`catalog::with_selected`]), else the process default, else the
    /// embedded active one. Stages record `name()`/`version()` of what they got in `meta.models`.
    pub fn parser() -> Result<&'static Tagger> {
        catalog::current("parser").map_or_else(Self::embedded_parser, Ok)
    }

    /// The anonymiser model (PERSON, ADDRESS, … PHOTO) this call runs with (as [`Tagger::parser`]).
    pub fn anonymizer() -> Result<&'static Tagger> {
        catalog::current("anonymizer").map_or_else(Self::embedded_anonymizer, Ok)
    }

    /// The embedded active parser version (its NNEF archive), loaded once.
    pub fn embedded_parser() -> Result<&'static Tagger> {
        cached(&PARSER, || Tagger::from_bytes(embedded::PARSER.nnef, embedded::PARSER.spec))
    }

    /// The embedded active anonymiser version (its NNEF archive), loaded once.
    pub fn embedded_anonymizer() -> Result<&'static Tagger> {
        cached(&ANONYMIZER, || Tagger::from_bytes(embedded::ANONYMIZER.nnef, embedded::ANONYMIZER.spec))
    }

    /// Check a model file (the NNEF archive; natively also the ONNX graph) against `spec_json` and
    /// this build's featurizer, then load and optimise it.
    pub fn from_bytes(onnx: &[u8], spec_json: &str) -> Result<Tagger> {
        Self::load(onnx, spec_json, Precision::Int8, FEATURIZER_VERSION)
    }

    /// Load the float graph a spec describes (to measure what int8 quantization costs).
    pub fn from_float_bytes(onnx: &[u8], spec_json: &str) -> Result<Tagger> {
        Self::load(onnx, spec_json, Precision::Float, FEATURIZER_VERSION)
    }

    fn load(onnx: &[u8], spec_json: &str, precision: Precision, featurizer_version: &str) -> Result<Tagger> {
        let spec = ModelSpec::parse(spec_json)?;
        let kinds = spec.check(featurizer_version)?;
        spec.check_bytes(onnx, precision)?;
        if spec.runtime.receptive_radius > graph::MARGIN {
            return Err(Error::invalid_model("the model's context is wider than the runtime's window margin"));
        }
        let graph = graph::Graph::load(onnx, spec.input.slots, spec.input.buckets as usize, spec.output.tags.len(), spec.runtime.receptive_radius)?;
        let detector = match spec.name.as_str() {
            "parser" => "parser_model",
            "anonymizer" => "anonymizer_model",
            _ => "model",
        };
        Ok(Tagger { spec, kinds, graph, detector })
    }

    pub fn name(&self) -> &str {
        &self.spec.name
    }

    pub fn version(&self) -> &str {
        &self.spec.version
    }

    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// The model's labels, in output order.
    pub fn labels(&self) -> &[String] {
        &self.spec.output.labels
    }

    /// BIO-decoded spans as entities (byte offsets into `view`'s text), in text order.
    pub fn tag(&self, view: &TextView, features: &Features, budget: &mut Budget) -> Result<Vec<Entity>> {
        Ok(self.tag_labeled(view, features, budget)?.into_iter().map(|s| s.entity).collect())
    }

    /// Like [`Tagger::tag`], keeping each span's model label.
    pub fn tag_labeled(&self, view: &TextView, features: &Features, budget: &mut Budget) -> Result<Vec<TaggedSpan<'_>>> {
        let probs = self.probabilities(features, budget)?;
        Ok(self.labeled(view, features, decode::decode(&probs, self.graph.classes())))
    }

    /// The spans of [`Tagger::tag`] that touch a token of `keep` (token ranges), found by running
    /// the model over those tokens and a little around them only. A span is kept only once the
    /// run covers it with a token to spare each side (or the document's edge), so it decodes as
    /// in a whole-document run; where one reaches the edge of what ran, that side grows and runs
    /// again.
    pub fn tag_within(&self, view: &TextView, features: &Features, keep: &[Range<usize>], budget: &mut Budget) -> Result<Vec<Entity>> {
        let tokens = features.tokens.len();
        if self.graph.merge_ranges(keep, tokens).is_empty() {
            return Ok(Vec::new());
        }
        let touches = |s: &decode::TokenSpan| keep.iter().any(|k| s.first < k.end && k.start <= s.last);
        let mut slack = SPAN_SLACK;
        loop {
            let wide: Vec<Range<usize>> = keep.iter().map(|k| k.start.saturating_sub(slack)..k.end.saturating_add(slack)).collect();
            let runs = self.graph.merge_ranges(&wide, tokens);
            let probs = self.probabilities_over(features, &runs, budget)?;
            let spans: Vec<decode::TokenSpan> = decode::decode(&probs, self.graph.classes()).into_iter().filter(|s| touches(s)).collect();
            // A span on the first or last token that ran may go on beyond it in the whole document.
            let cut = spans.iter().any(|s| runs.iter().any(|r| (s.first == r.start && r.start > 0) || (s.last + 1 == r.end && r.end < tokens)));
            if !cut {
                return Ok(self.labeled(view, features, spans).into_iter().map(|s| s.entity).collect());
            }
            slack = slack.saturating_mul(4);
        }
    }

    /// Token spans as entities with their labels (byte offsets into `view`'s text).
    fn labeled(&self, view: &TextView, features: &Features, spans: Vec<decode::TokenSpan>) -> Vec<TaggedSpan<'_>> {
        let text_len = view.text().len();
        let mut out = Vec::new();
        for span in spans {
            let (Some(first), Some(last)) = (features.tokens.get(span.first), features.tokens.get(span.last)) else {
                continue;
            };
            let (Some(&kind), Some(label)) = (self.kinds.get(span.label), self.spec.output.labels.get(span.label)) else {
                continue;
            };
            if first.start >= last.end || last.end > text_len {
                continue;
            }
            out.push(TaggedSpan {
                label,
                entity: Entity::new(kind, first.start, last.end, span.confidence, self.detector),
            });
        }
        out
    }

    /// Per-token probabilities, row-major `[tokens × (1 + 2·labels)]`, after checking the
    /// features fit the model and charging the work.
    pub fn probabilities(&self, features: &Features, budget: &mut Budget) -> Result<Vec<f32>> {
        self.probabilities_over(features, &[0..features.tokens.len()], budget)
    }

    /// [`Tagger::probabilities`] computed over token `ranges` only (sorted and disjoint, as
    /// [`Tagger::tag_within`] merges them): equal inside them, `O` outside; the budget is charged
    /// for the tokens that ran.
    pub fn probabilities_over(&self, features: &Features, ranges: &[Range<usize>], budget: &mut Budget) -> Result<Vec<f32>> {
        let input = &self.spec.input;
        if features.slots != input.slots || features.buckets != input.buckets {
            return Err(Error::invalid_model(format!(
                "the features have {} slots × {} buckets but the model expects {} × {}",
                features.slots, features.buckets, input.slots, input.buckets
            )));
        }
        let tokens = features.tokens.len();
        if features.ids.len() != tokens.saturating_mul(input.slots) {
            return Err(Error::invalid_model("the feature ids do not match the token count"));
        }
        if features.ids.iter().any(|&id| id < 0 || id >= i64::from(input.buckets)) {
            return Err(Error::invalid_model("a feature id is outside the model's buckets"));
        }
        let run = self.graph.tokens_run(ranges, tokens);
        budget.spend((run as u64).saturating_mul(self.spec.runtime.work_per_token))?;
        budget.check_time()?;
        self.graph.probabilities_over(&features.ids, ranges)
    }
}

/// Load once per process; the first outcome (model or error) is kept.
fn cached(cell: &'static OnceLock<Result<Tagger>>, load: impl FnOnce() -> Result<Tagger>) -> Result<&'static Tagger> {
    cell.get_or_init(load).as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests;
