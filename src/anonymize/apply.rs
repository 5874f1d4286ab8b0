//! Writing the anonymised output: the text with its line structure kept, and the profile.
//!
//! Text: each planned span is swapped for its replacement; line breaks and page breaks inside a
//! span are kept after the replacement, so the output has exactly the lines of the input and a
//! reader (or a diff) can still find their way. The output position of every replacement is
//! recorded so that re-identification can put originals back.
//!
//! Profile: fields whose meaning is known (`basics.email`, `work[].name`, `personal.religion`…)
//! are replaced by the level's operator with the same pseudonyms as the text; free-text fields
//! (summaries, highlights) get the same substitutions as the text plus the candidate's name
//! variants. The references list goes whole from `moderate` on.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::fold::{fold_key, Folded, Needles};
use super::levels::{removes, removes_references, Level};
use super::name_variants::NameVariants;
use super::operators::{Operator, Operators};
use crate::entities::EntityKind;
use crate::error::Result;
use crate::limits::Budget;

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

impl Serialize for Target {
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
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub detector: &'static str,
    pub confidence: f32,
}

/// The rewritten text and where each planned replacement ended up in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewritten {
    pub text: String,
    /// Byte range of each replacement (with the line breaks it kept) in the output, in plan order;
    /// `None` for a span that was left out.
    pub output_spans: Vec<Option<(usize, usize)>>,
}

/// Apply `planned` (sorted, non-overlapping) to `text`. Spans that overlap an earlier one or do
/// not fall on char boundaries are left out.
pub fn rewrite(text: &str, planned: &[Planned]) -> Rewritten {
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(planned.len());
    let mut cursor = 0usize;
    for p in planned {
        let (Some(before), Some(original)) = (text.get(cursor..p.start), text.get(p.start..p.end)) else {
            spans.push(None);
            continue;
        };
        out.push_str(before);
        let start = out.len();
        out.push_str(&p.replacement);
        out.extend(original.chars().filter(|c| matches!(c, '\n' | '\u{c}')));
        spans.push(Some((start, out.len())));
        cursor = p.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    Rewritten { text: out, output_spans: spans }
}

/// What the profile pass needs to know.
pub struct ProfileRules<'a> {
    pub level: Level,
    pub operator_for: &'a dyn Fn(EntityKind, bool) -> Operator,
    /// Original value → replacement, from the text pass (longest first is not required).
    pub substitutions: Substitutions,
    pub name: Option<&'a NameVariants>,
    /// Key under which the candidate's name was pseudonymised in the text.
    pub name_key: String,
}

/// The text pass's replacements, to be made again in the profile's free text: indexed once
/// ([`Needles`]), since every free-text field is searched for all of them.
#[derive(Debug, Default)]
pub struct Substitutions {
    /// Original value → replacement; only values with at least two letters or digits.
    pairs: Vec<(String, String)>,
    needles: Needles,
}

impl Substitutions {
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(original, _)| original.chars().filter(|c| c.is_alphanumeric()).count() >= 2).collect();
        let needles = Needles::new(pairs.iter().map(|(original, _)| original.as_str()));
        Substitutions { pairs, needles }
    }
}

/// The meaning of a profile field, by its path with array indices dropped (`work.name`).
pub(crate) fn field_kind(path: &str) -> Option<(EntityKind, bool)> {
    use EntityKind as K;
    let last = path.rsplit('.').next().unwrap_or(path);
    let kind = match path {
        "basics.name" | "references.name" | "personal.fatherName" | "personal.motherName" | "personal.spouseName" => (K::Person, false),
        "basics.email" | "basics.emails" | "references.email" => (K::Email, false),
        "basics.phone" | "basics.phones" | "references.phone" => (K::Phone, false),
        "basics.url" | "basics.urls" | "basics.profiles.url" => (K::Url, false),
        "basics.profiles.username" => (K::Handle, false),
        "basics.image" | "personal.photo" => (K::Photo, false),
        "basics.location.address" => (K::Address, false),
        "basics.location.postalCode" => (K::Postcode, false),
        "basics.location.city" | "basics.location.region" => (K::Location, true),
        "work.name" | "work.url" | "volunteer.organization" | "volunteer.url" | "awards.awarder" | "publications.publisher" | "certificates.issuer" | "references.organization" => (K::Org, false),
        "education.institution" | "education.url" => (K::School, false),
        "awards.title" => (K::Award, false),
        "publications.name" | "publications.url" => (K::Publication, false),
        "personal.dateOfBirth" | "personal.birthDate" => (K::DateOfBirth, false),
        "personal.age" => (K::Age, false),
        "personal.gender" | "personal.pronouns" => (K::Gender, false),
        "personal.nationality" | "personal.citizenship" => (K::Nationality, false),
        "personal.placeOfBirth" | "personal.birthPlace" => (K::PlaceOfBirth, false),
        "personal.maritalStatus" | "personal.children" => (K::MaritalStatus, false),
        "personal.religion" => (K::Religion, false),
        "personal.health" | "personal.disability" => (K::Health, false),
        "personal.idNumber" | "personal.socialSecurityNumber" | "personal.passport" => (K::IdNumber, false),
        _ if last == "location" && path != "basics.location" => (K::Location, false),
        _ if matches!(last, "startDate" | "endDate" | "date" | "releaseDate") => (K::Date, false),
        _ => return None,
    };
    Some(kind)
}

/// The anonymised copy of a JSON Resume profile.
pub fn anonymize_profile(profile: &Value, rules: &ProfileRules, ops: &mut Operators, budget: &mut Budget) -> Result<Value> {
    walk(profile, "", rules, ops, budget)
}

fn walk(value: &Value, path: &str, rules: &ProfileRules, ops: &mut Operators, budget: &mut Budget) -> Result<Value> {
    budget.spend(1)?;
    Ok(match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, child) in map {
                let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                if child_path == "references" && removes_references(rules.level) {
                    out.insert(key.clone(), Value::Array(Vec::new()));
                    continue;
                }
                out.insert(key.clone(), walk(child, &child_path, rules, ops, budget)?);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| walk(v, path, rules, ops, budget)).collect::<Result<_>>()?),
        Value::String(s) => Value::String(string_field(s, path, rules, ops, budget)?),
        Value::Number(n) => match field_kind(path) {
            Some((kind, home)) if removes(rules.level, kind, home) => {
                Value::String(ops.replace((rules.operator_for)(kind, home), kind, &n.to_string(), &n.to_string(), home))
            }
            _ => value.clone(),
        },
        other => other.clone(),
    })
}

fn string_field(s: &str, path: &str, rules: &ProfileRules, ops: &mut Operators, budget: &mut Budget) -> Result<String> {
    if let Some((kind, home)) = field_kind(path) {
        if removes(rules.level, kind, home) {
            if s.trim().is_empty() {
                return Ok(s.to_string());
            }
            let key = if kind == EntityKind::Person && path == "basics.name" { rules.name_key.clone() } else { fold_key(s) };
            return Ok(ops.replace((rules.operator_for)(kind, home), kind, s, &key, home));
        }
        if kind != EntityKind::Location {
            return Ok(s.to_string());
        }
    }
    substitute(s, rules, ops, budget)
}

/// Free text: the text pass's substitutions and the candidate's name variants.
fn substitute(s: &str, rules: &ProfileRules, ops: &mut Operators, budget: &mut Budget) -> Result<String> {
    let folded = Folded::new(s, budget)?;
    let mut hits: Vec<(usize, usize, String)> = Vec::new();
    let subs = &rules.substitutions;
    for (n, a, b) in subs.needles.find_words(&folded, budget)? {
        if let Some((_, replacement)) = subs.pairs.get(n) {
            hits.push((a, b, replacement.clone()));
        }
    }
    if let Some(name) = rules.name {
        for e in name.find(s, &folded, budget)? {
            if removes(rules.level, e.kind, false) {
                let key = if e.kind == EntityKind::Person { rules.name_key.clone() } else { fold_key(e.text(s)) };
                let replacement = ops.replace((rules.operator_for)(e.kind, false), e.kind, e.text(s), &key, false);
                hits.push((e.start, e.end, replacement));
            }
        }
    }
    if hits.is_empty() {
        return Ok(s.to_string());
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
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
    use crate::limits::Limits;
    use serde_json::json;

    fn plan(start: usize, end: usize, replacement: &str) -> Planned {
        Planned { target: Target::Kind(EntityKind::Person), start, end, replacement: replacement.into(), detector: "t", confidence: 1.0 }
    }

    #[test]
    fn rewriting_keeps_every_line() {
        let text = "Ana\nMüller\nKöln";
        let out = rewrite(text, &[plan(0, 11, "[NAME]"), plan(12, 17, "Germany")]);
        assert_eq!(out.text, "[NAME]\n\nGermany");
        assert_eq!(out.text.lines().count(), text.lines().count());
        assert_eq!(out.output_spans, [Some((0, 7)), Some((8, 15))]);
        // Overlapping or broken spans are skipped, not panicked on.
        let out = rewrite(text, &[plan(0, 3, "[NAME]"), plan(2, 5, "x"), plan(5, 6, "y")]);
        assert_eq!(out.text, "[NAME]\nMüller\nKöln");
    }

    fn default_operator(kind: EntityKind, home: bool) -> Operator {
        super::super::levels::rule_for(kind, home).operator
    }

    #[test]
    fn profiles_lose_fields_by_level_and_names_in_free_text() {
        let profile = json!({
            "basics": {"name": "Ana Müller", "email": "ana@x.de", "label": "Nurse",
                       "summary": "Ana MÜLLER, nurse at Klinikum Nord.",
                       "location": {"city": "Köln", "countryCode": "DE"}},
            "work": [{"name": "Klinikum Nord", "position": "Nurse", "startDate": "2019-08"}],
            "personal": {"religion": "catholic", "age": 34},
            "references": [{"name": "Bo Berg"}]
        });
        let names = NameVariants::new("Ana Müller").unwrap();
        let mut budget = Budget::new(&Limits::default());
        let run = |level: Level, budget: &mut Budget| {
            let rules = ProfileRules { level, operator_for: &default_operator, substitutions: Substitutions::default(), name: Some(&names), name_key: "ana muller".into() };
            let mut ops = Operators::new();
            ops.home_country = Some("Germany");
            anonymize_profile(&profile, &rules, &mut ops, budget).unwrap()
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
