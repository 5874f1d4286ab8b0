//! What detection hands the anonymiser: the spans proposed for removal and the evidence that
//! decides how far they reach.
//!
//! These types sit here, beside [`Entity`], because both sides use them: [`crate::detect`] fills
//! a [`Findings`], [`crate::anonymize`] turns it into a plan without knowing how it was found.

use std::collections::HashMap;

use super::{Entity, EntityKind};

/// Detector name of the spans that are variants of the candidate's own name: every one of them
/// is pseudonymised under the candidate's full name.
pub const NAME_VARIANT_DETECTOR: &str = "name_variant";

/// Where a candidate span came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Validated rule detectors (checksums, formats).
    Rule,
    /// The candidate's name, matched in all its variants.
    NameVariant,
    /// Other people's names, read from where they stand (author lists, role cues, referees).
    Structure,
    /// Values of the parsed profile found in the text.
    Profile,
    /// The anonymiser (or parser) model.
    Model,
    /// Another occurrence of a value already removed.
    Propagated,
}

/// A span proposed for removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub entity: Entity,
    pub source: Source,
    /// The candidate's own location (contact block, profile `basics.location`).
    pub home: bool,
}

impl Candidate {
    pub fn new(entity: Entity, source: Source) -> Self {
        Candidate { entity, source, home: false }
    }
}

/// Byte ranges of the text where a career string of the profile stands (a job title, a skill, a
/// degree and, below `thorough`, an employer or a school), kept as their sorted, disjoint union.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CareerRanges(Vec<(usize, usize)>);

impl CareerRanges {
    /// Career strings nest (a skill inside a job title), and the lookups below search the ranges
    /// by their ends, which only works when no range holds another: overlapping ranges are joined.
    pub fn new(mut ranges: Vec<(usize, usize)>) -> Self {
        crate::sort::sort(&mut ranges);
        let mut union: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match union.last_mut() {
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => union.push((start, end)),
            }
        }
        CareerRanges(union)
    }

    /// Whether most of the span `start..end` of `text` lies on career strings: then a model that
    /// called it PII has most likely read a title, skill or employer.
    pub fn cover(&self, text: &str, start: usize, end: usize) -> bool {
        let letters = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count());
        let total = letters(start, end);
        if total == 0 {
            return false;
        }
        let ranges = &self.0;
        let first = ranges.partition_point(|&(_, e)| e <= start);
        let mut covered_to = start;
        let mut covered = 0usize;
        for &(s, e) in ranges.iter().skip(first).take_while(|&&(s, _)| s < end) {
            let (a, b) = (s.max(covered_to), e.min(end));
            if b > a {
                covered += letters(a, b);
                covered_to = b;
            }
        }
        covered * 2 > total
    }

    /// The longest piece of `start..end` that lies on no career string, trimmed of spaces and
    /// punctuation at its ends; `None` when no piece holds a letter or digit.
    pub fn outside(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let ranges = &self.0;
        let first = ranges.partition_point(|&(_, e)| e <= start);
        let mut pieces = Vec::new();
        let mut from = start;
        for &(s, e) in ranges.iter().skip(first).take_while(|&&(s, _)| s < end) {
            if s > from {
                pieces.push((from, s));
            }
            from = from.max(e);
        }
        if from < end {
            pieces.push((from, end));
        }
        let trim = |(a, b): (usize, usize)| -> Option<(usize, usize)> {
            let piece = text.get(a..b)?;
            let inner = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let lead = piece.find(inner).filter(|_| !inner.is_empty())?;
            Some((a + lead, a + lead + inner.len()))
        };
        pieces.into_iter().filter_map(trim).max_by_key(|&(a, b)| (text.get(a..b).map_or(0, |s| s.chars().count()), std::cmp::Reverse(a)))
    }
}

/// What the candidate's name gives the anonymiser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameEvidence {
    /// Whether the name was known, so that its variants could be looked for.
    pub known: bool,
    /// The key every variant of the name is pseudonymised under (the folded full name).
    pub key: String,
    /// The name's variants found in each free-text value of the profile, by value.
    pub in_profile: HashMap<String, Vec<Entity>>,
}

/// Everything detection found in one text, ready for the anonymiser.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// The spans proposed for removal, gated and placed (home or not), in no particular order.
    pub candidates: Vec<Candidate>,
    /// Where a value only the model vouched for is not copied to.
    pub career: CareerRanges,
    /// Model values at least this confident are also removed wherever else they are written.
    pub propagate_from: f32,
    /// Byte ranges of each run of references-section lines.
    pub reference_blocks: Vec<(usize, usize)>,
    /// The candidate's country, used to generalise their home location.
    pub home_country: Option<&'static str>,
    pub name: NameEvidence,
}

/// Whether `e` is a variant of the candidate's name (rather than someone else's).
pub fn is_name_variant(e: &Entity) -> bool {
    e.kind == EntityKind::Person && e.detector == NAME_VARIANT_DETECTOR
}
