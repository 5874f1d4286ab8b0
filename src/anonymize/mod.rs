//! Anonymisation: detected entities → anonymised text, profile and redaction list.
//!
//! Detection and transformation stay apart, as in Presidio: rule detectors
//! ([`crate::entities`]), the anonymiser model, the candidate's name variants and the parsed
//! profile propose spans; this module decides, per [`Level`], which go and how
//! ([`levels`], [`operators`]), fuses the proposals ([`merge`]), rewrites the text keeping its
//! lines and the profile ([`apply`]) and, in reversible mode, seals the originals with the
//! caller's key ([`reversible`]). Nothing here logs, and errors never quote the document.

pub mod address;
pub mod apply;
pub mod country;
pub mod levels;
pub mod merge;
pub mod model_gate;
pub mod name_variants;
pub mod operators;
pub mod pipeline;
pub mod reversible;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use apply::Target;
pub use levels::Level;
pub use operators::Operator;
/// A model that contributed (name and version), as in the profile's `meta.models`.
pub use crate::profile::ModelInfo;
pub use reversible::{Key, SealedField};

use apply::{Planned, ProfileRules, Substitutions, REFERENCES_PLACEHOLDER};
use crate::fold::{fold_key, Folded, Needles};
use merge::{Candidate, Source};
use name_variants::NameVariants;
use operators::Operators;
use crate::document::Document;
use crate::entities::{Entity, EntityKind};
use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::text_view::TextView;
use crate::limits::{Budget, Limits};

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

/// Where a text line sits, as far as anonymisation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before the first heading or under a contact heading: the candidate's own details.
    Contact,
    /// Body of a references section.
    References,
    /// Everything else (headings included).
    Other,
}

/// Everything the detectors found in one text.
#[derive(Debug, Clone, Default)]
pub struct Detections {
    /// Rule detector spans.
    pub rules: Vec<Entity>,
    /// Model spans (anonymiser, and parser where useful).
    pub model: Vec<Entity>,
    /// Byte range and zone of every line of the text.
    pub lines: Vec<(usize, usize, Zone)>,
    /// The parsed profile, when available.
    pub profile: Option<Value>,
    /// Models that produced `model`.
    pub models: Vec<ModelInfo>,
    /// Stable codes of detection stages that could not run.
    pub warnings: Vec<String>,
}

/// Anonymise a CV (bytes or text) or a parsed profile.
pub fn anonymize(input: AnonymizeInput, opts: &AnonymizeOptions) -> Result<Anonymized> {
    let doc = match input {
        AnonymizeInput::Profile(profile) => return anonymize_profile_only(profile, opts),
        AnonymizeInput::Bytes { bytes, hint } => crate::extract::extract(bytes, &ExtractOptions { hint, limits: opts.limits.clone() })?,
        AnonymizeInput::Text(text) => {
            let hint = Some("cv.txt".to_string());
            crate::extract::extract(text.as_bytes(), &ExtractOptions { hint, limits: opts.limits.clone() })?
        }
    };
    anonymize_document(&doc, opts)
}

/// Anonymise an extracted document.
pub fn anonymize_document(doc: &Document, opts: &AnonymizeOptions) -> Result<Anonymized> {
    let view = TextView::new(doc);
    let mut budget = Budget::new(&opts.limits);
    let det = pipeline::detect(doc, &view, opts.level, &opts.limits, &mut budget)?;
    anonymize_detected(view.text(), det, opts)
}

/// Anonymise `text` given what the detectors found in it.
pub fn anonymize_detected(text: &str, det: Detections, opts: &AnonymizeOptions) -> Result<Anonymized> {
    let mut budget = Budget::new(&opts.limits);
    let folded = Folded::new(text, &mut budget)?;
    let name = candidate_name(opts, det.profile.as_ref(), &det, text);
    let variants = name.as_deref().and_then(NameVariants::new);
    let name_key = name.as_deref().map(fold_key).unwrap_or_default();

    let mut candidates: Vec<Candidate> = Vec::new();
    candidates.extend(det.rules.iter().cloned().map(|e| Candidate::new(e, Source::Rule)));
    candidates.extend(det.model.iter().filter(|e| model_span_usable(text, e, opts.min_confidence)).cloned().map(|e| Candidate::new(e, Source::Model)));
    if let Some(v) = &variants {
        candidates.extend(v.find(text, &folded, &mut budget)?.into_iter().map(|e| Candidate::new(e, Source::NameVariant)));
    }
    let career = match &det.profile {
        Some(profile) => {
            candidates.extend(profile_spans(profile, &folded, &mut budget)?);
            model_gate::career_ranges(profile, opts.level, &folded, &mut budget)?
        }
        None => Vec::new(),
    };
    // The model's reading of a job title, skill or (below thorough) employer as PII gives way.
    candidates.retain(|c| !(is_anonymizer_model(c) && model_gate::on_career(text, c.entity.start, c.entity.end, &career)));
    for c in &mut candidates {
        let placeish = matches!(c.entity.kind, EntityKind::Location | EntityKind::Address | EntityKind::Postcode);
        if placeish && zone_of(&det.lines, c.entity.start) == Zone::Contact {
            c.home = true;
        }
    }
    // The profile's home city names the candidate's address only where it is written as one: a
    // "Chicago" inside "Northwest Chicago University" is a school's name.
    candidates.retain(|c| !(c.source == Source::Profile && c.home && zone_of(&det.lines, c.entity.start) != Zone::Contact));
    let towns = address::postcode_towns(text, &det.lines, &candidates);
    candidates.extend(towns);
    let addresses = address::home_addresses(text, &det.lines, &candidates);
    candidates.extend(addresses);
    let places = address::contact_line_places(text, &det.lines, &candidates);
    candidates.extend(places);

    let mut ops = Operators::new();
    ops.home_country = home_country(det.profile.as_ref(), text, &candidates);
    let merged = merge::merge(text, &folded, candidates, opts.level, &career, &mut budget)?;

    let blocks = if levels::removes_references(opts.level) { reference_blocks(&det.lines) } else { Vec::new() };
    let mut planned: Vec<Planned> = Vec::with_capacity(merged.len() + blocks.len());
    for c in merged {
        if blocks.iter().any(|&(s, e)| c.entity.start < e && s < c.entity.end) {
            continue;
        }
        let original = c.entity.text(text);
        let key = if c.entity.kind == EntityKind::Person && c.entity.detector == name_variants::DETECTOR { name_key.clone() } else { fold_key(original) };
        let replacement = ops.replace(opts.operator_for(c.entity.kind, c.home), c.entity.kind, original, &key, c.home);
        planned.push(Planned {
            target: Target::Kind(c.entity.kind),
            start: c.entity.start,
            end: c.entity.end,
            replacement,
            detector: c.entity.detector,
            confidence: c.entity.confidence,
        });
    }
    for (start, end) in blocks {
        planned.push(Planned {
            target: Target::ReferencesSection,
            start,
            end,
            replacement: REFERENCES_PLACEHOLDER.to_string(),
            detector: "sections",
            confidence: 1.0,
        });
    }
    planned.sort_by_key(|p| p.start);

    let rewritten = apply::rewrite(text, &planned);
    let mut redactions = Vec::with_capacity(planned.len());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (p, output) in planned.iter().zip(&rewritten.output_spans) {
        let Some((output_start, output_end)) = *output else { continue };
        let original = match &opts.key {
            Some(key) => Some(reversible::seal(key, p.target.as_str(), text.get(p.start..p.end).unwrap_or(""))?),
            None => None,
        };
        *counts.entry(p.target.as_str().to_string()).or_insert(0) += 1;
        redactions.push(Redaction {
            target: p.target,
            start: p.start,
            end: p.end,
            output_start,
            output_end,
            replacement: p.replacement.clone(),
            detector: p.detector,
            confidence: p.confidence,
            original,
        });
    }

    let profile = match &det.profile {
        Some(profile) => {
            let substitutions = Substitutions::new(
                planned
                    .iter()
                    .filter(|p| p.target != Target::ReferencesSection)
                    .filter_map(|p| text.get(p.start..p.end).map(|o| (o.to_string(), p.replacement.clone())))
                    .filter(|(o, _)| !o.contains('\n')),
            );
            let operator_for = |kind: EntityKind, home: bool| opts.operator_for(kind, home);
            let rules = ProfileRules { level: opts.level, operator_for: &operator_for, substitutions, name: variants.as_ref(), name_key: name_key.clone() };
            Some(apply::anonymize_profile(profile, &rules, &mut ops, &mut budget)?)
        }
        None => None,
    };

    let profile_originals = seal_profile(opts, det.profile.as_ref(), profile.as_ref(), &mut budget)?;
    Ok(Anonymized {
        profile,
        text: Some(rewritten.text),
        redactions,
        counts,
        profile_originals,
        meta: Meta {
            level: opts.level,
            models: det.models,
            reversible: opts.key.is_some(),
            candidate_name_known: variants.is_some(),
            warnings: det.warnings,
        },
    })
}

/// Anonymise a parsed profile alone.
pub fn anonymize_profile_only(profile: &Value, opts: &AnonymizeOptions) -> Result<Anonymized> {
    let mut budget = Budget::new(&opts.limits);
    let name = opts.candidate_name.clone().or_else(|| profile_name(profile));
    let variants = name.as_deref().and_then(NameVariants::new);
    let mut ops = Operators::new();
    ops.home_country = home_country(Some(profile), "", &[]);
    let operator_for = |kind: EntityKind, home: bool| opts.operator_for(kind, home);
    let substitutions = Substitutions::new(
        profile_values(profile)
            .into_iter()
            .filter(|(_, kind, home)| levels::removes(opts.level, *kind, *home))
            .map(|(value, kind, home)| {
                let replacement = ops.replace(opts.operator_for(kind, home), kind, &value, &fold_key(&value), home);
                (value, replacement)
            }),
    );
    let rules = ProfileRules {
        level: opts.level,
        operator_for: &operator_for,
        substitutions,
        name: variants.as_ref(),
        name_key: name.as_deref().map(fold_key).unwrap_or_default(),
    };
    let anonymised = apply::anonymize_profile(profile, &rules, &mut ops, &mut budget)?;
    let profile_originals = seal_profile(opts, Some(profile), Some(&anonymised), &mut budget)?;
    Ok(Anonymized {
        profile: Some(anonymised),
        text: None,
        redactions: Vec::new(),
        counts: BTreeMap::new(),
        profile_originals,
        meta: Meta { level: opts.level, models: Vec::new(), reversible: opts.key.is_some(), candidate_name_known: variants.is_some(), warnings: Vec::new() },
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
    redactions.sort_by_key(|r| r.output_start);
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

/// The candidate's name: the caller's, the profile's, or the first person named in the contact
/// block by the model.
fn candidate_name(opts: &AnonymizeOptions, profile: Option<&Value>, det: &Detections, text: &str) -> Option<String> {
    opts.candidate_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| profile.and_then(profile_name))
        .or_else(|| {
            det.model
                .iter()
                .filter(|e| e.kind == EntityKind::Person && model_span_usable(text, e, opts.min_confidence))
                .filter(|e| zone_of(&det.lines, e.start) == Zone::Contact)
                .min_by_key(|e| e.start)
                .map(|e| e.text(text).to_string())
        })
}

/// Whether a span of `det.model` may be used: the anonymiser model's spans pass its gate, other
/// model-like spans (the date grammar's) the caller's floor.
fn model_span_usable(text: &str, e: &Entity, min_confidence: f32) -> bool {
    if e.detector == model_gate::MODEL_DETECTOR {
        model_gate::trusted(text, e, min_confidence)
    } else {
        e.confidence >= min_confidence
    }
}

fn is_anonymizer_model(c: &Candidate) -> bool {
    c.source == Source::Model && c.entity.detector == model_gate::MODEL_DETECTOR
}

fn profile_name(profile: &Value) -> Option<String> {
    profile.pointer("/basics/name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string)
}

fn zone_of(lines: &[(usize, usize, Zone)], offset: usize) -> Zone {
    let index = lines.partition_point(|&(start, _, _)| start <= offset);
    index.checked_sub(1).and_then(|i| lines.get(i)).map_or(Zone::Other, |l| l.2)
}

/// Byte ranges of each run of references-section lines.
fn reference_blocks(lines: &[(usize, usize, Zone)]) -> Vec<(usize, usize)> {
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut previous_was_reference = false;
    for &(start, end, zone) in lines {
        let is_reference = zone == Zone::References;
        if is_reference {
            match blocks.last_mut() {
                Some(block) if previous_was_reference => block.1 = end,
                _ => blocks.push((start, end)),
            }
        }
        previous_was_reference = is_reference;
    }
    blocks.retain(|(s, e)| e > s);
    blocks
}

/// The candidate's country: the profile's `countryCode`, else one named in a home location, else
/// the international prefix of the candidate's phone.
fn home_country(profile: Option<&Value>, text: &str, candidates: &[Candidate]) -> Option<&'static str> {
    let profile_phone = profile.and_then(|p| p.pointer("/basics/phone")).and_then(Value::as_str);
    profile
        .and_then(|p| p.pointer("/basics/location/countryCode"))
        .and_then(Value::as_str)
        .and_then(country::country_of_code)
        .or_else(|| candidates.iter().filter(|c| c.home).find_map(|c| country::country_of(c.entity.text(text))))
        .or_else(|| profile_phone.and_then(country::country_of_phone))
}

/// Profile field values that mean something (`work[].name` → ORG…), except the candidate's
/// name, which is matched through its variants.
fn profile_values(profile: &Value) -> Vec<(String, EntityKind, bool)> {
    let mut out = Vec::new();
    collect_values(profile, "", &mut out, 0);
    out
}

fn collect_values(value: &Value, path: &str, out: &mut Vec<(String, EntityKind, bool)>, depth: usize) {
    if depth > 16 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                collect_values(child, &child_path, out, depth + 1);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_values(v, path, out, depth + 1)),
        Value::String(s) if path != "basics.name" => {
            if let Some((kind, home)) = apply::field_kind(path) {
                if s.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                    out.push((s.trim().to_string(), kind, home));
                }
            }
        }
        _ => {}
    }
}

/// Spans where profile values occur in the text, as whole words.
fn profile_spans(profile: &Value, folded: &Folded, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let values: Vec<(String, EntityKind, bool)> =
        profile_values(profile).into_iter().filter(|(value, kind, _)| value.chars().count() <= 200 && !matches!(kind, EntityKind::Date)).collect();
    let needles = Needles::new(values.iter().map(|(value, _, _)| value.as_str()));
    let mut out = Vec::new();
    for (n, start, end) in needles.find_words(folded, budget)? {
        let Some(&(_, kind, home)) = values.get(n) else { continue };
        let mut c = Candidate::new(Entity::new(kind, start, end, 0.9, "profile"), Source::Profile);
        c.home = home;
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
