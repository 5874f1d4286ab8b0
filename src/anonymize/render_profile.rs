//! Rendering a plan on the profile.
//!
//! Fields whose meaning is known (the candidate's e-mail, an employer, a religion…) are replaced
//! by the level's operator with the same pseudonyms as the text; free-text fields (summaries,
//! highlights) get the text's replacements again plus the candidate's name wherever detection
//! found it. The references list goes whole from `moderate` on.

use serde_json::Value;

use crate::fold::{fold_key, Folded};
use super::levels::{removes, removes_references};
use super::plan::Plan;
use super::AnonymizeOptions;
use crate::entities::EntityKind;
use crate::error::Result;
use crate::limits::Budget;
use crate::profile::visit::{self, Field};

/// The anonymised copy of a JSON Resume profile.
pub fn render_profile(profile: &Value, plan: &mut Plan, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<Value> {
    let mut out = profile.clone();
    if removes_references(opts.level) {
        if let Some(references) = out.get_mut("references") {
            *references = Value::Array(Vec::new());
        }
    }
    visit::visit_mut(&mut out, &mut |field, value| {
        budget.spend(1)?;
        let replaced = match value {
            Value::String(s) => Some(string_field(s, field, plan, opts, budget)?),
            Value::Number(n) => match field.kind() {
                Some((kind, home)) if removes(opts.level, kind, home) => {
                    Some(plan.operators.replace(opts.operator_for(kind, home), kind, &n.to_string(), &n.to_string(), home))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(replaced) = replaced {
            *value = Value::String(replaced);
        }
        Ok(())
    })?;
    Ok(out)
}

fn string_field(s: &str, field: Field, plan: &mut Plan, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<String> {
    if let Some((kind, home)) = field.kind() {
        if removes(opts.level, kind, home) {
            if s.trim().is_empty() {
                return Ok(s.to_string());
            }
            let key = if field == Field::BasicsName { plan.name.key.clone() } else { fold_key(s) };
            return Ok(plan.operators.replace(opts.operator_for(kind, home), kind, s, &key, home));
        }
        if kind != EntityKind::Location {
            return Ok(s.to_string());
        }
    }
    substitute(s, plan, opts, budget)
}

/// Free text: the text's replacements and the candidate's name variants.
fn substitute(s: &str, plan: &mut Plan, opts: &AnonymizeOptions, budget: &mut Budget) -> Result<String> {
    let folded = Folded::new(s, budget)?;
    let mut hits: Vec<(usize, usize, String)> = Vec::new();
    let subs = &plan.substitutions;
    for (n, a, b) in subs.needles.find_words(&folded, budget)? {
        if let Some((_, replacement)) = subs.pairs.get(n) {
            hits.push((a, b, replacement.clone()));
        }
    }
    for e in plan.name.in_profile.get(s).into_iter().flatten() {
        if removes(opts.level, e.kind, false) {
            let key = if e.kind == EntityKind::Person { plan.name.key.clone() } else { fold_key(e.text(s)) };
            let replacement = plan.operators.replace(opts.operator_for(e.kind, false), e.kind, e.text(s), &key, false);
            hits.push((e.start, e.end, replacement));
        }
    }
    if hits.is_empty() {
        return Ok(s.to_string());
    }
    crate::sort::sort_by(&mut hits, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = String::with_capacity(s.len());
    let mut cursor = 0;
    let mut last: Option<String> = None;
    for (a, b, replacement) in hits {
        if a < cursor {
            continue;
        }
        let gap = s.get(cursor..a).unwrap_or("");
        // "Ana" + " " + "Müller" → one "[NAME]".
        let joins = last.as_deref() == Some(replacement.as_str()) && gap.chars().count() <= 2 && gap.chars().all(|c| c == ' ');
        if !joins {
            out.push_str(gap);
            out.push_str(&replacement);
        }
        cursor = b;
        last = Some(replacement);
    }
    out.push_str(s.get(cursor..).unwrap_or(""));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::operators::Operators;
    use crate::anonymize::Level;
    use crate::anonymize::plan::Substitutions;
    use crate::entities::candidate::{NameEvidence, NAME_VARIANT_DETECTOR};
    use crate::entities::Entity;
    use crate::limits::Limits;
    use serde_json::json;

    #[test]
    fn profiles_lose_fields_by_level_and_names_in_free_text() {
        let summary = "Ana MÜLLER, nurse at Klinikum Nord.";
        let profile = json!({
            "basics": {"name": "Ana Müller", "email": "ana@x.de", "label": "Nurse", "summary": summary,
                       "location": {"city": "Köln", "countryCode": "DE"}},
            "work": [{"name": "Klinikum Nord", "position": "Nurse", "startDate": "2019-08"}],
            "personal": {"religion": "catholic", "age": 34},
            "references": [{"name": "Bo Berg"}]
        });
        let name_end = summary.find(',').unwrap();
        let name = NameEvidence {
            known: true,
            key: "ana muller".into(),
            in_profile: [(summary.to_string(), vec![Entity::new(EntityKind::Person, 0, name_end, 0.95, NAME_VARIANT_DETECTOR)])].into(),
        };
        let mut budget = Budget::new(&Limits::default());
        let run = |level: Level, budget: &mut Budget| {
            let mut operators = Operators::new();
            operators.home_country = Some("Germany");
            let mut plan = Plan { replacements: Vec::new(), substitutions: Substitutions::default(), operators, name: name.clone() };
            render_profile(&profile, &mut plan, &AnonymizeOptions { level, ..Default::default() }, budget).unwrap()
        };
        let basic = run(Level::Basic, &mut budget);
        assert_eq!(basic["basics"]["name"], "[NAME]");
        assert_eq!(basic["basics"]["email"], "[EMAIL]");
        assert_eq!(basic["basics"]["summary"], "[NAME], nurse at Klinikum Nord.");
        assert_eq!(basic["basics"]["location"]["city"], "Germany");
        assert_eq!(basic["personal"]["religion"], "catholic");
        assert_eq!(basic["references"][0]["name"], "[NAME]");
        let moderate = run(Level::Moderate, &mut budget);
        assert_eq!(moderate["personal"]["religion"], "[RELIGION]");
        assert_eq!(moderate["personal"]["age"], "[AGE]");
        assert_eq!(moderate["references"], json!([]));
        let thorough = run(Level::Thorough, &mut budget);
        assert_eq!(thorough["work"][0]["name"], "Company A");
        assert_eq!(thorough["work"][0]["startDate"], "2019");
        assert_eq!(thorough["work"][0]["position"], "Nurse");
        assert_eq!(thorough["basics"]["label"], "Nurse");
    }
}
