//! Where a span sits: the candidate's contact block, the references, the publications, or elsewhere.
//!
//! A place in the contact block is the candidate's home, which even `basic` generalises; the same
//! word in an employer's line is not. The references section is a block of its own, which the
//! anonymiser may drop whole. The publications hold other people's names in author lists.

use crate::entities::candidate::{Candidate, Source};
use crate::entities::EntityKind;

/// Where a text line sits, as far as anonymisation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before the first heading or under a contact heading: the candidate's own details.
    Contact,
    /// Body of a references section.
    References,
    /// Body of a publications section: author lists.
    Publications,
    /// Everything else (headings included).
    Other,
}

/// The zone of the line holding byte `offset` (`lines` sorted by start).
pub fn zone_of(lines: &[(usize, usize, Zone)], offset: usize) -> Zone {
    let index = lines.partition_point(|&(start, _, _)| start <= offset);
    index.checked_sub(1).and_then(|i| lines.get(i)).map_or(Zone::Other, |l| l.2)
}

/// Mark places written in the contact block as the candidate's home. The profile's home city names
/// the candidate's address only where it is written as one: a "Chicago" inside "Northwest Chicago
/// University" is a school's name, so such profile spans elsewhere go.
pub fn place(lines: &[(usize, usize, Zone)], candidates: &mut Vec<Candidate>) {
    for c in candidates.iter_mut() {
        let placeish = matches!(c.entity.kind, EntityKind::Location | EntityKind::Address | EntityKind::Postcode);
        if placeish && zone_of(lines, c.entity.start) == Zone::Contact {
            c.home = true;
        }
    }
    candidates.retain(|c| !(c.source == Source::Profile && c.home && zone_of(lines, c.entity.start) != Zone::Contact));
}

/// Byte ranges of each run of references-section lines.
pub fn reference_blocks(lines: &[(usize, usize, Zone)]) -> Vec<(usize, usize)> {
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
