//! The whole anonymize call: bytes → document → detections → findings → plan → output.
//!
//! Detection ([`crate::detect`]) and transformation ([`crate::anonymize`]) know nothing of each
//! other but the span types; this is where they are run one after the other. Each entry point
//! makes one [`Budget`] that every stage charges, so `limits.maxWork` and `limits.maxMillis`
//! bound the call as a whole.

use serde_json::Value;

use crate::fold::Folded;
use crate::anonymize::levels::removes;
use crate::anonymize::{self, Anonymized, AnonymizeOptions, Plan, TextOutput};
use crate::detect::{self, DetectOptions, Detections, FindOptions};
use crate::document::Document;
use crate::entities::EntityKind;
use crate::error::Result;
use crate::extract::{extract_within, read_within};
use crate::limits::Budget;
use crate::text_view::TextView;

/// What to anonymise.
#[derive(Debug, Clone)]
pub enum AnonymizeInput<'a> {
    /// A CV file's bytes (any format `extract` reads); the hint is a file name or MIME type.
    Bytes { bytes: &'a [u8], hint: Option<String> },
    /// Plain text.
    Text(&'a str),
    /// An already parsed JSON Resume profile (no text output then).
    Profile(&'a Value),
}

/// Anonymise a CV (bytes or text) or a parsed profile.
pub fn anonymize(input: AnonymizeInput, opts: &AnonymizeOptions) -> Result<Anonymized> {
    let mut budget = Budget::new(&opts.limits);
    let doc = match input {
        AnonymizeInput::Profile(profile) => return profile_within(profile, opts, &mut budget),
        AnonymizeInput::Bytes { bytes, hint } => read_within(bytes, hint.as_deref(), opts.ocr.as_ref(), &mut budget)?,
        AnonymizeInput::Text(text) => extract_within(text.as_bytes(), Some("cv.txt"), &mut budget)?,
    };
    document_within(&doc, opts, &mut budget)
}

/// Anonymise an extracted document.
pub fn anonymize_document(doc: &Document, opts: &AnonymizeOptions) -> Result<Anonymized> {
    document_within(doc, opts, &mut Budget::new(&opts.limits))
}

/// Anonymise `text` given what the detectors found in it.
pub fn anonymize_detected(text: &str, det: Detections, opts: &AnonymizeOptions) -> Result<Anonymized> {
    detected_within(text, det, opts, &mut Budget::new(&opts.limits))
}

/// Anonymise a parsed profile alone.
pub fn anonymize_profile_only(profile: &Value, opts: &AnonymizeOptions) -> Result<Anonymized> {
    profile_within(profile, opts, &mut Budget::new(&opts.limits))
}

fn document_within(doc: &Document, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Anonymized> {
    let view = TextView::new(doc);
    let det = detect::detect(doc, &view, detect_options(opts), budget)?;
    let mut out = detected_within(view.text(), det, opts, budget)?;
    out.meta.ocr = doc.metadata.ocr.clone();
    Ok(out)
}

fn detected_within(text: &str, det: Detections, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Anonymized> {
    let folded = Folded::new(text, budget)?;
    let findings = detect::find(text, &folded, &det, find_options(opts), budget)?;
    let mut out = anonymize::anonymize_findings(text, &folded, findings, det.profile.as_ref(), opts, budget)?;
    out.meta.models = det.models;
    out.meta.warnings = det.warnings;
    Ok(out)
}

/// The plan of an anonymize call on `view`'s document and that plan rendered on its text, charged
/// to `budget`: what the renderers of the original format ([`crate::redact`]) start from.
pub fn plan_document(view: &TextView, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<(Plan, TextOutput)> {
    let det = detect::detect(view.document(), view, detect_options(opts), budget)?;
    let text = view.text();
    let folded = Folded::new(text, budget)?;
    let findings = detect::find(text, &folded, &det, find_options(opts), budget)?;
    let (plan, mut out) = anonymize::plan_findings(text, &folded, findings, opts, budget)?;
    out.meta.models = det.models;
    out.meta.warnings = det.warnings;
    Ok((plan, out))
}

fn find_options(opts: &AnonymizeOptions) -> FindOptions<'_> {
    FindOptions {
        keep_organisations: !removes(opts.level, EntityKind::Org, false),
        min_confidence: opts.min_confidence,
        candidate_name: opts.candidate_name.as_deref(),
    }
}

/// Detection looks for what the level removes.
fn detect_options(opts: &AnonymizeOptions) -> DetectOptions {
    DetectOptions { dates: removes(opts.level, EntityKind::Date, false) }
}

fn profile_within(profile: &Value, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Anonymized> {
    let findings = detect::find_in_profile(profile, opts.candidate_name.as_deref(), budget)?;
    anonymize::anonymize_profile(profile, findings, opts, budget)
}

#[cfg(test)]
mod tests;
