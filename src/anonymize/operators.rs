//! Operators: what replaces a removed span.
//!
//! Detection says *what* a span is; the level says *whether* it goes; an operator says *how*:
//! a typed placeholder (`[NAME]`), a pseudonym that stays consistent within one document
//! ("Company A" every time the same employer is named, so a reader can still follow a career),
//! a mask that keeps the shape, a generalisation that keeps the coarse fact (a year, a country,
//! an age bracket), or plain removal. Per-type overrides in the options replace the level's
//! default operator.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::entities::country;
use crate::entities::EntityKind;

/// How a removed span is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operator {
    /// `[NAME]`, `[EMAIL]`…
    Placeholder,
    /// "Person A", "Company B", "University A": the same value gets the same pseudonym.
    Pseudonym,
    /// Letters and digits become `*`; punctuation and length stay.
    Mask,
    /// Date → year(s), place → country, age → decade; a placeholder when nothing coarser is known.
    Generalize,
    /// Nothing.
    Remove,
}

impl std::str::FromStr for Operator {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            crate::error::Error::unsupported("unknown operator (use placeholder, pseudonym, mask, generalize or remove)")
        })
    }
}

/// The typed placeholder of a kind: `[NAME]` for people, `[EMAIL]`, `[DATE_OF_BIRTH]`… otherwise.
pub fn placeholder(kind: EntityKind) -> String {
    match kind {
        EntityKind::Person => "[NAME]".to_string(),
        other => format!("[{}]", other.as_str()),
    }
}

/// Replacement state for one document: pseudonyms handed out so far.
#[derive(Debug, Default)]
pub struct Operators {
    pseudonyms: HashMap<(EntityKind, String), String>,
    issued: HashMap<EntityKind, usize>,
    /// The candidate's country (from the profile), used to generalise their home location.
    pub home_country: Option<&'static str>,
}

impl Operators {
    pub fn new() -> Self {
        Operators::default()
    }

    /// The replacement of `original` (of `kind`) under `op`. `key` identifies the value for
    /// pseudonyms (the folded text, or the candidate's full name for every variant of it).
    pub fn replace(&mut self, op: Operator, kind: EntityKind, original: &str, key: &str, home: bool) -> String {
        match op {
            Operator::Placeholder => placeholder(kind),
            Operator::Pseudonym => self.pseudonym(kind, original, key),
            Operator::Mask => mask(original),
            Operator::Generalize => {
                let general = match kind {
                    EntityKind::Date | EntityKind::DateOfBirth => years(original),
                    EntityKind::Age => age_bracket(original),
                    EntityKind::Location | EntityKind::PlaceOfBirth | EntityKind::Address | EntityKind::Postcode => {
                        country::country_of(original).or(if home { self.home_country } else { None }).map(str::to_string)
                    }
                    _ => None,
                };
                general.unwrap_or_else(|| placeholder(kind))
            }
            Operator::Remove => String::new(),
        }
    }

    fn pseudonym(&mut self, kind: EntityKind, original: &str, key: &str) -> String {
        if let Some(existing) = self.pseudonyms.get(&(kind, key.to_string())) {
            return existing.clone();
        }
        let count = self.issued.entry(kind).or_insert(0);
        let letters = letters(*count);
        *count = count.saturating_add(1);
        let name = match kind {
            EntityKind::Person => format!("Person {letters}"),
            EntityKind::Org => format!("Company {letters}"),
            EntityKind::School if is_higher_education(original) => format!("University {letters}"),
            EntityKind::School => format!("School {letters}"),
            EntityKind::Location | EntityKind::PlaceOfBirth => format!("Place {letters}"),
            EntityKind::Award => format!("Award {letters}"),
            EntityKind::Publication => format!("Publication {letters}"),
            other => format!("[{} {letters}]", other.as_str()),
        };
        self.pseudonyms.insert((kind, key.to_string()), name.clone());
        name
    }
}

/// A, B, … Z, AA, AB, …
fn letters(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

fn is_higher_education(name: &str) -> bool {
    let lower = name.to_lowercase();
    ["univ", "college", "hochschule", "institut", "école", "ecole", "polytechn", "académie", "academy", "faculda", "politecnico", "politechnika", "escuela superior", "business school", "iit "]
        .iter()
        .any(|w| lower.contains(w))
}

/// Letters and digits to `*`, everything else kept.
pub fn mask(original: &str) -> String {
    original.chars().map(|c| if c.is_alphanumeric() { '*' } else { c }).collect()
}

/// A date or range reduced to years: "Mar. 2019 – Current" → "2019 – present". Read with
/// [`crate::dates::parse_range`]; failing that, the four-digit years (1900–2099) written in it.
fn years(original: &str) -> Option<String> {
    if let Some(range) = crate::dates::parse_range(original) {
        let start = range.start.map(|d| d.year);
        let end = range.end.map(|d| d.year);
        let years = match (start, end, range.open) {
            (Some(s), _, true) => Some(format!("{s} – present")),
            (Some(s), Some(e), false) if s == e => Some(s.to_string()),
            (Some(s), Some(e), false) => Some(format!("{s} – {e}")),
            (None, Some(e), _) => Some(e.to_string()),
            (Some(s), None, false) => Some(s.to_string()),
            (None, None, _) => None,
        };
        if years.is_some() {
            return years;
        }
    }
    years_written(original)
}

/// The four-digit years (1900–2099) written in `original`, "present" kept for open ranges.
fn years_written(original: &str) -> Option<String> {
    let mut found: Vec<&str> = Vec::new();
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = original.get(start..i).unwrap_or("");
            if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                found.push(run);
            }
        } else {
            i += 1;
        }
    }
    found.dedup();
    let open = crate::lexicon::folded_words(original).iter().any(|w| crate::dates::is_present_word(w));
    match (found.as_slice(), open) {
        ([], _) => None,
        (years, false) => Some(years.join(" – ")),
        (years, true) => Some(format!("{} – present", years.join(" – "))),
    }
}

/// "34 years old" → "30–39".
fn age_bracket(original: &str) -> Option<String> {
    let digits: String = original.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    let age: u32 = digits.parse().ok()?;
    (14..=99).contains(&age).then(|| format!("{}0–{}9", age / 10, age / 10))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind as K;

    #[test]
    fn placeholders_are_typed() {
        let mut ops = Operators::new();
        assert_eq!(ops.replace(Operator::Placeholder, K::Person, "Ana Müller", "ana muller", false), "[NAME]");
        assert_eq!(ops.replace(Operator::Placeholder, K::Email, "a@b.de", "a@b.de", false), "[EMAIL]");
        assert_eq!(placeholder(K::DateOfBirth), "[DATE_OF_BIRTH]");
    }

    #[test]
    fn pseudonyms_are_consistent_within_a_document() {
        let mut ops = Operators::new();
        let a = ops.replace(Operator::Pseudonym, K::Org, "Blue Fin", "blue fin", false);
        let b = ops.replace(Operator::Pseudonym, K::Org, "IBM", "ibm", false);
        let a2 = ops.replace(Operator::Pseudonym, K::Org, "BLUE FIN", "blue fin", false);
        assert_eq!((a.as_str(), b.as_str()), ("Company A", "Company B"));
        assert_eq!(a, a2);
        assert_eq!(ops.replace(Operator::Pseudonym, K::School, "University of Northgate", "u", false), "University A");
        assert_eq!(ops.replace(Operator::Pseudonym, K::School, "Gymnasium Mainburg", "g", false), "School B");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn masks_keep_the_shape() {
        let mut ops = Operators::new();
        assert_eq!(ops.replace(Operator::Mask, K::Phone, "(555) 123-4567", "", false), "(***) ***-****");
    }

    #[test]
    fn generalisation_keeps_the_coarse_fact() {
        let mut ops = Operators::new();
        assert_eq!(ops.replace(Operator::Generalize, K::Date, "Mar. 2019 – Current", "", false), "2019 – present");
        assert_eq!(ops.replace(Operator::Generalize, K::Date, "08.2019 - 04.2021", "", false), "2019 – 2021");
        assert_eq!(ops.replace(Operator::Generalize, K::DateOfBirth, "12/03/1987", "", false), "1987");
        assert_eq!(ops.replace(Operator::Generalize, K::Date, "März 2019 – heute", "", false), "2019 – present");
        assert_eq!(ops.replace(Operator::Generalize, K::Date, "sometime", "", false), "[DATE]");
        assert_eq!(ops.replace(Operator::Generalize, K::Location, "Seattle, WA", "", false), "United States");
        assert_eq!(ops.replace(Operator::Generalize, K::Location, "Burg", "", true), "[LOCATION]");
        ops.home_country = Some("Germany");
        assert_eq!(ops.replace(Operator::Generalize, K::Location, "Burg", "", true), "Germany");
        assert_eq!(ops.replace(Operator::Generalize, K::Location, "Hagenow", "", false), "[LOCATION]");
        assert_eq!(ops.replace(Operator::Generalize, K::Age, "34 years old", "", false), "30–39");
        assert_eq!(ops.replace(Operator::Generalize, K::Email, "a@b.c", "", false), "[EMAIL]");
    }

    #[test]
    fn removal_leaves_nothing_and_operators_parse() {
        let mut ops = Operators::new();
        assert_eq!(ops.replace(Operator::Remove, K::Religion, "Catholic", "", false), "");
        assert_eq!("mask".parse::<Operator>().unwrap(), Operator::Mask);
        assert!("shred".parse::<Operator>().is_err());
    }
}
