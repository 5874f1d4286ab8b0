//! The three anonymisation levels and the policy table behind them.
//!
//! A level answers one question per detected span: is it removed, and by which operator by
//! default? Keeping that in one table (rather than scattered `if`s) lets the README, the tests
//! and the evaluation read the same policy. Levels are cumulative: `moderate` removes everything
//! `basic` removes and more, `thorough` more again. Skills, job titles and degrees are never
//! removed: they are what a blind screen is for.
//!
//! One deliberate reading of the levels: the candidate's own location written in the contact
//! block (for example "Seattle, WA" beside the phone number) is their postal address at whatever
//! granularity they chose, so `basic` already generalises it to the country; other locations
//! (employers', schools') stay until `thorough`.

use serde::{Deserialize, Serialize};

use super::operators::Operator;
use crate::entities::EntityKind;

/// How much is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Direct identifiers.
    #[default]
    Basic,
    /// + protected and quasi-identifying attributes, the references section.
    Moderate,
    /// + organisations, schools, exact dates, every location, award and publication titles.
    Thorough,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Basic, Level::Moderate, Level::Thorough];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Basic => "basic",
            Level::Moderate => "moderate",
            Level::Thorough => "thorough",
        }
    }
}

impl std::str::FromStr for Level {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL.iter().copied().find(|l| l.as_str() == s).ok_or_else(|| {
            crate::error::Error::unsupported("unknown anonymisation level (use basic, moderate or thorough)")
        })
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the policy: from which level a kind is removed, and how by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub kind: EntityKind,
    /// `None`: kept at every level.
    pub from: Option<Level>,
    pub operator: Operator,
}

const fn rule(kind: EntityKind, from: Option<Level>, operator: Operator) -> Rule {
    Rule { kind, from, operator }
}

use EntityKind as K;
use Level::{Basic, Moderate, Thorough};
use Operator::{Generalize, Placeholder, Pseudonym};

/// The policy for every kind, in [`EntityKind::ALL`] order.
pub const POLICY: [Rule; 28] = [
    rule(K::Person, Some(Basic), Placeholder),
    rule(K::Email, Some(Basic), Placeholder),
    rule(K::Phone, Some(Basic), Placeholder),
    rule(K::Url, Some(Basic), Placeholder),
    rule(K::Handle, Some(Basic), Placeholder),
    rule(K::Address, Some(Basic), Placeholder),
    rule(K::Postcode, Some(Basic), Placeholder),
    rule(K::DateOfBirth, Some(Basic), Placeholder),
    rule(K::IdNumber, Some(Basic), Placeholder),
    rule(K::Iban, Some(Basic), Placeholder),
    rule(K::PaymentCard, Some(Basic), Placeholder),
    rule(K::Photo, Some(Basic), Placeholder),
    // Other locations (employers', schools'); the candidate's own: see `home_rule`.
    rule(K::Location, Some(Thorough), Generalize),
    rule(K::Org, Some(Thorough), Pseudonym),
    rule(K::School, Some(Thorough), Pseudonym),
    rule(K::Age, Some(Moderate), Placeholder),
    rule(K::Gender, Some(Moderate), Placeholder),
    rule(K::Nationality, Some(Moderate), Placeholder),
    rule(K::PlaceOfBirth, Some(Moderate), Placeholder),
    rule(K::MaritalStatus, Some(Moderate), Placeholder),
    rule(K::Religion, Some(Moderate), Placeholder),
    rule(K::Health, Some(Moderate), Placeholder),
    rule(K::Title, None, Placeholder),
    rule(K::Degree, None, Placeholder),
    rule(K::Date, Some(Thorough), Generalize),
    rule(K::Skill, None, Placeholder),
    rule(K::Award, Some(Thorough), Placeholder),
    rule(K::Publication, Some(Thorough), Placeholder),
];

/// The candidate's own address (contact block or profile `basics.location`), whatever its
/// granularity — street, postcode, city: generalised to the country from `basic` on.
const fn home_rule(kind: EntityKind) -> Rule {
    rule(kind, Some(Basic), Generalize)
}

/// From which level the references section (referees' names and contacts) is dropped whole.
pub const REFERENCES_FROM: Level = Moderate;

/// The policy row for `kind`; `home` marks the candidate's own address or location.
pub fn rule_for(kind: EntityKind, home: bool) -> Rule {
    if home && matches!(kind, K::Location | K::Address | K::Postcode) {
        return home_rule(kind);
    }
    POLICY.iter().copied().find(|r| r.kind == kind).unwrap_or(rule(kind, None, Placeholder))
}

/// Whether `level` removes spans of `kind`.
pub fn removes(level: Level, kind: EntityKind, home: bool) -> bool {
    rule_for(kind, home).from.is_some_and(|from| from <= level)
}

/// Whether `level` drops the references section.
pub fn removes_references(level: Level) -> bool {
    level >= REFERENCES_FROM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_kind_in_order() {
        for (rule, kind) in POLICY.iter().zip(EntityKind::ALL) {
            assert_eq!(rule.kind, kind);
        }
    }

    #[test]
    fn levels_are_cumulative() {
        for kind in EntityKind::ALL {
            for home in [false, true] {
                let removed: Vec<bool> = Level::ALL.iter().map(|&l| removes(l, kind, home)).collect();
                assert!(removed.windows(2).all(|w| !w[0] || w[1]), "{kind} is removed then kept again");
            }
        }
    }

    #[test]
    fn each_level_removes_what_the_brief_says() {
        for kind in [K::Person, K::Email, K::Phone, K::Url, K::Handle, K::Address, K::Postcode, K::IdNumber, K::Iban, K::PaymentCard, K::DateOfBirth, K::Photo] {
            assert!(removes(Basic, kind, false), "{kind}");
        }
        assert!(removes(Basic, K::Location, true));
        for kind in [K::Age, K::Gender, K::Nationality, K::PlaceOfBirth, K::MaritalStatus, K::Religion, K::Health] {
            assert!(!removes(Basic, kind, false) && removes(Moderate, kind, false), "{kind}");
        }
        for kind in [K::Org, K::School, K::Date, K::Location, K::Award, K::Publication] {
            assert!(!removes(Moderate, kind, false) && removes(Thorough, kind, false), "{kind}");
        }
        for kind in [K::Skill, K::Title, K::Degree] {
            assert!(!removes(Thorough, kind, false), "{kind}");
        }
        assert!(!removes_references(Basic) && removes_references(Moderate));
        assert_eq!(rule_for(K::Org, false).operator, Pseudonym);
    }

    #[test]
    fn levels_parse_from_their_names() {
        assert_eq!("moderate".parse::<Level>().unwrap(), Moderate);
        assert!("extreme".parse::<Level>().is_err());
    }
}
