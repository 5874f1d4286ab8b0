//! The plan: what replaces what, decided once, so that every renderer (the text, the profile, and
//! renderers of the original document) makes the same replacements.
//!
//! From detection's [`Findings`] and the options, the level decides which spans go ([`merge`]),
//! the references section goes whole from `moderate` on, and the operators decide each
//! replacement, handing out pseudonyms that stay consistent within the document.

use serde_json::Value;

use crate::fold::{fold_key, Folded, Needles};
use super::levels::{removes, removes_references};
use super::merge;
use super::operators::Operators;
use super::AnonymizeOptions;
use crate::entities::candidate::{is_name_variant, Findings, NameEvidence};
use crate::entities::EntityKind;
use crate::error::Result;
use crate::limits::Budget;
use crate::profile::visit;

/// What a redaction removed: an entity, or the whole references section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Kind(EntityKind),
    ReferencesSection,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Kind(kind) => kind.as_str(),
            Target::ReferencesSection => "REFERENCES_SECTION",
        }
    }
}

impl serde::Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Placeholder written where the references section was.
pub const REFERENCES_PLACEHOLDER: &str = "[REFERENCES AVAILABLE ON REQUEST]";

/// One replacement to make in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub target: Target,
    /// Byte span in the text that was searched.
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub detector: &'static str,
    pub confidence: f32,
}

/// Every replacement of one anonymisation, and what rewriting the profile needs besides.
#[derive(Debug)]
pub struct Plan {
    /// Replacements in the text, sorted by start.
    pub replacements: Vec<Planned>,
    /// The text's replacements, to be made again in the profile's free text.
    pub substitutions: Substitutions,
    /// The pseudonyms handed out so far, which the profile keeps using.
    pub operators: Operators,
    /// The candidate's name, wherever the profile's free text writes it.
    pub name: NameEvidence,
}

/// The plan for `text` (folded in `folded`) given what detection found in it.
pub fn plan_text(text: &str, folded: &Folded, findings: Findings, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Plan> {
    let Findings { candidates, career, propagate_from, reference_blocks, home_country, name } = findings;
    let mut operators = Operators::new();
    operators.home_country = home_country;
    let merged = merge::merge(text, folded, candidates, opts.level, &career, propagate_from, budget)?;
    let blocks = if removes_references(opts.level) { reference_blocks } else { Vec::new() };
    let mut replacements: Vec<Planned> = Vec::with_capacity(merged.len() + blocks.len());
    for c in merged {
        if blocks.iter().any(|&(s, e)| c.entity.start < e && s < c.entity.end) {
            continue;
        }
        let original = c.entity.text(text);
        let key = if is_name_variant(&c.entity) { name.key.clone() } else { fold_key(original) };
        let replacement = operators.replace(opts.operator_for(c.entity.kind, c.home), c.entity.kind, original, &key, c.home);
        replacements.push(Planned {
            target: Target::Kind(c.entity.kind),
            start: c.entity.start,
            end: c.entity.end,
            replacement,
            detector: c.entity.detector,
            confidence: c.entity.confidence,
        });
    }
    for (start, end) in blocks {
        replacements.push(Planned {
            target: Target::ReferencesSection,
            start,
            end,
            replacement: REFERENCES_PLACEHOLDER.to_string(),
            detector: "sections",
            confidence: 1.0,
        });
    }
    crate::sort::sort_by_key(&mut replacements, |p| p.start);
    let substitutions = Substitutions::new(
        replacements
            .iter()
            .filter(|p| p.target != Target::ReferencesSection)
            .filter_map(|p| text.get(p.start..p.end).map(|o| (o.to_string(), p.replacement.clone())))
            .filter(|(o, _)| !o.contains('\n')),
    );
    Ok(Plan { replacements, substitutions, operators, name })
}

/// The plan for a profile alone: no text, so its own values of known kinds are what its free
/// text must lose.
pub fn plan_profile(profile: &Value, findings: Findings, opts: &AnonymizeOptions) -> Plan {
    let mut operators = Operators::new();
    operators.home_country = findings.home_country;
    let substitutions = Substitutions::new(
        visit::known_values(profile)
            .into_iter()
            .filter(|(_, kind, home)| removes(opts.level, *kind, *home))
            .map(|(value, kind, home)| {
                let replacement = operators.replace(opts.operator_for(kind, home), kind, &value, &fold_key(&value), home);
                (value, replacement)
            })
            .collect::<Vec<_>>(),
    );
    Plan { replacements: Vec::new(), substitutions, operators, name: findings.name }
}

/// Replacements to make again in free text, indexed once ([`Needles`]), since every free-text
/// field is searched for all of them.
#[derive(Debug, Default)]
pub struct Substitutions {
    /// Original value → replacement; only values with at least two letters or digits.
    pub pairs: Vec<(String, String)>,
    pub needles: Needles,
}

impl Substitutions {
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(original, _)| original.chars().filter(|c| c.is_alphanumeric()).count() >= 2).collect();
        let needles = Needles::new(pairs.iter().map(|(original, _)| original.as_str()));
        Substitutions { pairs, needles }
    }
}
