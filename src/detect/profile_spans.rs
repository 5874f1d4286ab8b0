//! Where the parsed profile's values are written in the text: the parse has already decided that
//! "Klinikum Nord" is an employer and "Köln" the candidate's city, so every whole-word occurrence
//! is a candidate of that kind.

use serde_json::Value;

use crate::fold::{Folded, Needles};
use crate::entities::candidate::{Candidate, Source};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::limits::Budget;
use crate::profile::visit;

/// Profile values longer than this are prose, not values to look for.
const MAX_VALUE_CHARS: usize = 200;

/// Spans where profile values occur in the text, as whole words. Dates are left to the date
/// grammar, and the candidate's name to its variants.
pub fn profile_spans(profile: &Value, folded: &Folded, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let values: Vec<(String, EntityKind, bool)> =
        visit::known_values(profile).into_iter().filter(|(value, kind, _)| value.chars().count() <= MAX_VALUE_CHARS && *kind != EntityKind::Date).collect();
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
