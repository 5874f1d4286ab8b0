//! Who the candidate is and where they live: their name, where it recurs in the profile's free
//! text, and their country.

use std::collections::BTreeSet;

use serde_json::Value;

use super::gather::model_span_usable;
use super::name_variants::NameVariants;
use super::zones::{zone_of, Zone};
use super::{Detections, FindOptions};
use crate::fold::{fold_key, Folded};
use crate::entities::candidate::{Candidate, NameEvidence};
use crate::entities::country;
use crate::entities::EntityKind;
use crate::error::Result;
use crate::limits::Budget;
use crate::profile::visit::{self, Field};

/// The candidate's name: the caller's, the profile's, or the first person named in the contact
/// block by the model.
pub fn candidate_name(text: &str, det: &Detections, opts: FindOptions) -> Option<String> {
    opts.candidate_name
        .map(str::to_string)
        .filter(|n| !n.trim().is_empty())
        .or_else(|| det.profile.as_ref().and_then(profile_name))
        .or_else(|| {
            det.model
                .iter()
                .filter(|e| e.kind == EntityKind::Person && model_span_usable(text, e, opts.min_confidence))
                .filter(|e| zone_of(&det.lines, e.start) == Zone::Contact)
                .min_by_key(|e| e.start)
                .map(|e| e.text(text).to_string())
        })
}

/// The profile's `basics.name`, trimmed, unless blank.
pub fn profile_name(profile: &Value) -> Option<String> {
    visit::first(profile, Field::BasicsName).map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

/// The candidate's country: the profile's `countryCode`, else one named in a home location, else
/// the international prefix of the candidate's phone.
pub fn home_country(profile: Option<&Value>, text: &str, candidates: &[Candidate]) -> Option<&'static str> {
    let first = |field: Field| profile.and_then(|p| visit::first(p, field));
    first(Field::LocationCountryCode)
        .and_then(|code| country::country_of_code(&code))
        .or_else(|| candidates.iter().filter(|c| c.home).find_map(|c| country::country_of(c.entity.text(text))))
        .or_else(|| first(Field::BasicsPhone).and_then(|phone| country::country_of_phone(&phone)))
}

/// What the anonymiser needs to know of the candidate's `name` (with its `variants`): the key its
/// pseudonym goes under and, in `profile`, the variants written in each free-text value.
pub fn name_evidence(name: Option<&str>, variants: Option<&NameVariants>, profile: Option<&Value>, budget: &mut Budget) -> Result<NameEvidence> {
    let mut evidence = NameEvidence { known: variants.is_some(), key: name.map(fold_key).unwrap_or_default(), ..NameEvidence::default() };
    let (Some(variants), Some(profile)) = (variants, profile) else { return Ok(evidence) };
    let mut free_text: BTreeSet<String> = BTreeSet::new();
    visit::visit(profile, &mut |field, s| {
        if is_free_text(field) {
            free_text.insert(s.to_string());
        }
    });
    for s in free_text {
        let folded = Folded::new(&s, budget)?;
        let found = variants.find(&s, &folded, budget)?;
        evidence.in_profile.insert(s, found);
    }
    Ok(evidence)
}

/// Fields whose text the anonymiser may search for the name: those of no particular kind, and
/// places, which it keeps below `thorough`.
fn is_free_text(field: Field) -> bool {
    field.kind().is_none_or(|(kind, _)| kind == EntityKind::Location)
}
