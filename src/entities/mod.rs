//! Entities: typed spans of a document's [`TextView`](crate::text_view::TextView) text.
//!
//! This is the meeting point of the pipeline's middle: deterministic detectors (e-mail, phone,
//! IDs, dates…) and the two models (parser and anonymiser taggers) all emit [`Entity`] values,
//! the parser assembles a profile from them and the anonymiser transforms them. Detection and
//! transformation stay apart, as in Presidio: nothing here decides what happens to a span.
//!
//! Word boundaries in the detectors' patterns are ASCII (`(?-u:\b)`) wherever the character
//! inside the boundary is ASCII. The regex crate's lazy DFA runs those on any text, while a
//! Unicode `\b` makes it give up at the first non-ASCII byte (a bullet, an accent) and the search
//! falls back to the PikeVM, slow enough to take a quarter of a wasm `anonymize` call. The two
//! differ only when a non-ASCII letter is glued to the match, where the ASCII boundary finds more.
//! Patterns whose boundary touches a non-ASCII letter (`né`, `âgée`, `età`, capitalised street
//! names) keep the Unicode one.

use serde::{Deserialize, Serialize};

pub mod address;
pub mod attributes;
pub mod candidate;
pub mod country;
mod checksums;
mod common;
pub mod dob;
pub mod email;
pub mod finance;
pub mod ids;
pub mod phone;
pub mod rules;
pub mod url;

pub use rules::{detect_rules, resolve_overlaps};
pub use url::{profile_in_url, Profile};

/// What a span is. The names match the synthetic data's gold labels (`onnx/data`), the models'
/// label sets and the anonymiser's redaction types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityKind {
    // Direct identifiers.
    Person,
    Email,
    Phone,
    Url,
    Handle,
    Address,
    Postcode,
    DateOfBirth,
    IdNumber,
    Iban,
    PaymentCard,
    Photo,
    // Places and organisations.
    Location,
    Org,
    School,
    // Protected and quasi-identifying attributes.
    Age,
    Gender,
    Nationality,
    PlaceOfBirth,
    MaritalStatus,
    Religion,
    Health,
    // Career content the parser structures (kept by the anonymiser, except where a level says).
    Title,
    Degree,
    Date,
    Skill,
    Award,
    Publication,
}

impl EntityKind {
    pub const ALL: [EntityKind; 28] = [
        EntityKind::Person,
        EntityKind::Email,
        EntityKind::Phone,
        EntityKind::Url,
        EntityKind::Handle,
        EntityKind::Address,
        EntityKind::Postcode,
        EntityKind::DateOfBirth,
        EntityKind::IdNumber,
        EntityKind::Iban,
        EntityKind::PaymentCard,
        EntityKind::Photo,
        EntityKind::Location,
        EntityKind::Org,
        EntityKind::School,
        EntityKind::Age,
        EntityKind::Gender,
        EntityKind::Nationality,
        EntityKind::PlaceOfBirth,
        EntityKind::MaritalStatus,
        EntityKind::Religion,
        EntityKind::Health,
        EntityKind::Title,
        EntityKind::Degree,
        EntityKind::Date,
        EntityKind::Skill,
        EntityKind::Award,
        EntityKind::Publication,
    ];

    /// The label as written in gold data, model specs and JSON (`DATE_OF_BIRTH`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Email => "EMAIL",
            EntityKind::Phone => "PHONE",
            EntityKind::Url => "URL",
            EntityKind::Handle => "HANDLE",
            EntityKind::Address => "ADDRESS",
            EntityKind::Postcode => "POSTCODE",
            EntityKind::DateOfBirth => "DATE_OF_BIRTH",
            EntityKind::IdNumber => "ID_NUMBER",
            EntityKind::Iban => "IBAN",
            EntityKind::PaymentCard => "PAYMENT_CARD",
            EntityKind::Photo => "PHOTO",
            EntityKind::Location => "LOCATION",
            EntityKind::Org => "ORG",
            EntityKind::School => "SCHOOL",
            EntityKind::Age => "AGE",
            EntityKind::Gender => "GENDER",
            EntityKind::Nationality => "NATIONALITY",
            EntityKind::PlaceOfBirth => "PLACE_OF_BIRTH",
            EntityKind::MaritalStatus => "MARITAL_STATUS",
            EntityKind::Religion => "RELIGION",
            EntityKind::Health => "HEALTH",
            EntityKind::Title => "TITLE",
            EntityKind::Degree => "DEGREE",
            EntityKind::Date => "DATE",
            EntityKind::Skill => "SKILL",
            EntityKind::Award => "AWARD",
            EntityKind::Publication => "PUBLICATION",
        }
    }

    /// Parse a label as written by [`EntityKind::as_str`].
    pub fn from_label(label: &str) -> Option<EntityKind> {
        EntityKind::ALL.iter().copied().find(|k| k.as_str() == label)
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One detected span. Offsets are UTF-8 byte offsets into the `TextView` text; the text itself
/// is not stored so an entity can be logged or counted without carrying content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    /// 0..=1: 1 for validated rules (checksums), the model's probability for tagged spans.
    pub confidence: f32,
    /// Which detector found it: a rule's name (`email`, `phone`, `iban`…) or a model's
    /// (`parser_model`, `anonymizer_model`).
    pub detector: &'static str,
}

impl Entity {
    pub fn new(kind: EntityKind, start: usize, end: usize, confidence: f32, detector: &'static str) -> Self {
        Entity { kind, start, end, confidence, detector }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, other: &Entity) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The covered text, or "" when the span does not fall on char boundaries of `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_match_serde() {
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::from_label(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(EntityKind::from_label("NOPE"), None);
    }

    #[test]
    fn spans_overlap_and_slice_safely() {
        let a = Entity::new(EntityKind::Email, 0, 5, 1.0, "email");
        let b = Entity::new(EntityKind::Person, 4, 8, 0.9, "anonymizer_model");
        let c = Entity::new(EntityKind::Person, 5, 8, 0.9, "anonymizer_model");
        assert!(a.overlaps(&b) && !a.overlaps(&c));
        assert_eq!(a.text("hello world"), "hello");
        assert_eq!(Entity::new(EntityKind::Url, 1, 2, 1.0, "url").text("é"), "");
    }
}
