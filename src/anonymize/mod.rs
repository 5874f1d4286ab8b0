//! Anonymisation: detected spans → a plan → anonymised text, profile and redaction list.
//!
//! Detection ([`crate::detect`]) says what a span is; this module decides, per [`Level`], which
//! go and how ([`levels`], [`operators`]), fuses the proposals ([`merge`]) into one [`Plan`]
//! ([`plan`]: each span and its replacement) and renders that plan on the text, keeping its lines
//! ([`render_text`]), and on the profile ([`render_profile`]); in reversible mode it seals the
//! originals with the caller's key ([`reversible`]). It finds nothing itself: it knows detection
//! only through the types of [`crate::entities::candidate`]. Nothing here logs, and errors never
//! quote the document.

pub mod levels;
pub mod merge;
pub mod operators;
pub mod plan;
pub mod render_profile;
pub mod render_text;
pub mod reversible;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use levels::Level;
pub use operators::Operator;
pub use plan::{Plan, Planned, Target};
/// A model that contributed (name and version), as in the profile's `meta.models`.
pub use crate::model::ModelInfo;
pub use reversible::{Key, SealedField};

use crate::fold::Folded;
use crate::entities::candidate::Findings;
use crate::entities::EntityKind;
use crate::error::{Error, Result};
use crate::limits::{Budget, Limits};

/// Options; JSON form in camelCase, unknown fields refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct AnonymizeOptions {
    pub level: Level,
    /// Per-type operator overrides, e.g. `{"PERSON": "pseudonym", "DATE": "remove"}`.
    pub operators: BTreeMap<EntityKind, Operator>,
    /// The candidate's name when the caller knows it (otherwise from the profile or the header).
    pub candidate_name: Option<String>,
    /// Model spans below this confidence are ignored.
    pub min_confidence: f32,
    pub limits: Limits,
    /// Reversible mode: seal each original value with this key.
    #[serde(skip)]
    pub key: Option<Key>,
    /// What OCR read from the document's page images (see [`crate::extract::read_within`]).
    pub ocr: Option<crate::ocr::OcrResult>,
}

impl Default for AnonymizeOptions {
    fn default() -> Self {
        AnonymizeOptions {
            level: Level::Basic,
            operators: BTreeMap::new(),
            candidate_name: None,
            min_confidence: 0.5,
            limits: Limits::default(),
            key: None,
            ocr: None,
        }
    }
}

impl AnonymizeOptions {
    /// The operator for `kind`: the caller's override, else the level policy's default.
    pub fn operator_for(&self, kind: EntityKind, home: bool) -> Operator {
        self.operators.get(&kind).copied().unwrap_or_else(|| levels::rule_for(kind, home).operator)
    }
}

/// One replacement made.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    #[serde(rename = "type")]
    pub target: Target,
    /// Byte span in the input text (the `TextView` text).
    pub start: usize,
    pub end: usize,
    /// Byte span of the replacement in the anonymised text.
    pub output_start: usize,
    pub output_end: usize,
    pub replacement: String,
    pub detector: &'static str,
    pub confidence: f32,
    /// The original value sealed with the caller's key (reversible mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    pub level: Level,
    pub models: Vec<ModelInfo>,
    pub reversible: bool,
    /// Whether the candidate's name was known, so that its variants could be looked for.
    pub candidate_name_known: bool,
    /// Stable codes of what could not run (e.g. `anonymizer_model_unavailable`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Set when the text was read from page images by OCR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<crate::document::OcrInfo>,
}

/// The anonymised output.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Anonymized {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Value>,
    /// The anonymised text (lines joined by `\n`, pages by `\f`), absent for profile input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub redactions: Vec<Redaction>,
    pub counts: BTreeMap<String, usize>,
    /// Reversible mode: every profile value that was changed, sealed with the caller's key.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub profile_originals: Vec<SealedField>,
    pub meta: Meta,
}

/// Anonymise `text` (folded in `folded`) and its parsed `profile`, given what detection found
/// in them. `meta.models` and `meta.warnings` are left for the caller, who ran the detectors.
pub fn anonymize_findings(text: &str, folded: &Folded, findings: Findings, profile: Option<&Value>, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Anonymized> {
    let (mut plan, text_output) = plan_findings(text, folded, findings, opts, budget)?;
    let TextOutput { text: anonymised_text, redactions, counts, meta } = text_output;
    let anonymised_profile = profile.map(|p| render_profile::render_profile(p, &mut plan, opts, budget)).transpose()?;
    let profile_originals = seal_profile(opts, profile, anonymised_profile.as_ref(), budget)?;
    Ok(Anonymized {
        profile: anonymised_profile,
        text: Some(anonymised_text),
        redactions,
        counts,
        profile_originals,
        meta,
    })
}

/// What rendering a plan on the text gives: the anonymised text, its redactions and counts, and
/// the meta of the call (models and warnings left for the caller, who ran the detectors).
#[derive(Debug, Clone)]
pub struct TextOutput {
    pub text: String,
    pub redactions: Vec<Redaction>,
    pub counts: BTreeMap<String, usize>,
    pub meta: Meta,
}

/// The plan for `text` given what detection found in it, and that plan rendered on the text: what
/// every renderer of the original document starts from.
pub fn plan_findings(text: &str, folded: &Folded, findings: Findings, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<(Plan, TextOutput)> {
    let candidate_name_known = findings.name.known;
    let plan = plan::plan_text(text, folded, findings, opts, budget)?;
    let (anonymised_text, redactions, counts) = render_text::render_text(text, &plan, opts.key.as_ref())?;
    let meta = Meta { level: opts.level, models: Vec::new(), reversible: opts.key.is_some(), candidate_name_known, warnings: Vec::new(), ocr: None };
    Ok((plan, TextOutput { text: anonymised_text, redactions, counts, meta }))
}

/// Anonymise a profile alone, given what detection found in it.
pub fn anonymize_profile(profile: &Value, findings: Findings, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Anonymized> {
    let candidate_name_known = findings.name.known;
    let mut plan = plan::plan_profile(profile, findings, opts);
    let anonymised = render_profile::render_profile(profile, &mut plan, opts, budget)?;
    let profile_originals = seal_profile(opts, Some(profile), Some(&anonymised), budget)?;
    Ok(Anonymized {
        profile: Some(anonymised),
        text: None,
        redactions: Vec::new(),
        counts: BTreeMap::new(),
        profile_originals,
        meta: Meta { level: opts.level, models: Vec::new(), reversible: opts.key.is_some(), candidate_name_known, warnings: Vec::new(), ocr: None },
    })
}

/// Reversible mode: the changed profile values, sealed.
fn seal_profile(opts: &AnonymizeOptions, original: Option<&Value>, anonymised: Option<&Value>, budget: &mut Budget) -> Result<Vec<SealedField>> {
    match (&opts.key, original, anonymised) {
        (Some(key), Some(original), Some(anonymised)) => reversible::seal_profile(key, original, anonymised, budget),
        _ => Ok(Vec::new()),
    }
}

/// The original text back from an anonymised one, given the key it was sealed with.
pub fn reidentify(output: &Anonymized, key: &Key) -> Result<String> {
    let text = output.text.as_deref().ok_or_else(|| Error::malformed("only anonymised text can be re-identified"))?;
    let mut redactions: Vec<&Redaction> = output.redactions.iter().collect();
    crate::sort::sort_by_key(&mut redactions, |r| r.output_start);
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    for r in redactions {
        let sealed = r.original.as_deref().ok_or_else(|| Error::invalid_key("the output was not made in reversible mode"))?;
        let original = reversible::open(key, r.target.as_str(), sealed)?;
        let before = text.get(cursor..r.output_start).ok_or_else(|| Error::malformed("the redaction list does not match the anonymised text"))?;
        out.push_str(before);
        out.push_str(&original);
        cursor = r.output_end.max(cursor);
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    Ok(out)
}

/// The original profile back from an anonymised output made in reversible mode, given its key.
pub fn reidentify_profile(output: &Anonymized, key: &Key) -> Result<Value> {
    let profile = output.profile.as_ref().ok_or_else(|| Error::malformed("the output has no profile to re-identify"))?;
    if !output.meta.reversible {
        return Err(Error::invalid_key("the output was not made in reversible mode"));
    }
    reversible::open_profile(key, profile, &output.profile_originals)
}
