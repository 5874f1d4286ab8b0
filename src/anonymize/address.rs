//! The candidate's postal address, taken whole.
//!
//! Detectors see pieces of an address — a postcode here, a street there, a city the model may or
//! may not tag — and whatever piece is missed identifies the candidate ("[POSTCODE] Bremen").
//! In the contact block, though, the segment of a line that holds a postcode or a street is the
//! address: from the separator (`|`, `•`, a tab, a "Label:") before it to the one after, plus a
//! street line ending in a comma just above ("Musterweg 5,\n80331 München"). That whole span
//! becomes one ADDRESS, as long as it does not swallow an e-mail, phone, URL or name.
//!
//! Likewise a contact line that lists the candidate's e-mail or phone lists their place beside
//! them: a short capitalised segment of such a line ("Cirino de Campos  +55 11…  ana@…") that no
//! detector claimed is taken as the candidate's location.

use super::merge::{Candidate, Source};
use super::Zone;
use crate::entities::{Entity, EntityKind};

/// Characters that separate the items of a contact line.
const SEPARATORS: &[char] = &['|', '•', '·', '▪', '●', '◦', '\t', ';', '/'];
/// Longest segment taken as one address.
const MAX_ADDRESS_BYTES: usize = 120;

/// Whole-address candidates for the home postcodes and streets among `candidates`.
pub fn home_addresses(text: &str, lines: &[(usize, usize, Zone)], candidates: &[Candidate]) -> Vec<Candidate> {
    let blockers: Vec<&Entity> = candidates
        .iter()
        .map(|c| &c.entity)
        .filter(|e| matches!(e.kind, EntityKind::Email | EntityKind::Phone | EntityKind::Url | EntityKind::Handle | EntityKind::Person))
        .collect();
    let mut found: Vec<Candidate> = Vec::new();
    for c in candidates.iter().filter(|c| c.home && matches!(c.entity.kind, EntityKind::Address | EntityKind::Postcode)) {
        let Some(index) = line_index(lines, c.entity.start) else { continue };
        let Some(&(line_start, line_end, _)) = lines.get(index) else { continue };
        let Some((mut start, end)) = segment(text, line_start, line_end, c.entity.start, c.entity.end) else { continue };
        if start == segment_floor(text, line_start, c.entity.start) {
            if let Some(prev_start) = continued_from(text, lines, index) {
                start = prev_start;
            }
        }
        if end.saturating_sub(start) > MAX_ADDRESS_BYTES || blockers.iter().any(|b| b.start < end && start < b.end) {
            continue;
        }
        if found.iter().any(|f| f.entity.start == start && f.entity.end == end) {
            continue;
        }
        let entity = Entity::new(EntityKind::Address, start, end, c.entity.confidence, c.entity.detector);
        found.push(Candidate { entity, source: Source::Rule, home: true });
    }
    found
}

fn line_index(lines: &[(usize, usize, Zone)], offset: usize) -> Option<usize> {
    lines.partition_point(|&(start, _, _)| start <= offset).checked_sub(1)
}

/// Where the segment holding `at` may start at the earliest: after the last separator, double
/// space or "Label:" before it on its line.
fn segment_floor(text: &str, line_start: usize, at: usize) -> usize {
    let before = text.get(line_start..at).unwrap_or("");
    let single = before.rfind(|c: char| SEPARATORS.contains(&c) || c == ':').map(|i| i + before.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8));
    let double = before.rfind("  ").map(|i| i + 2);
    let cut = single.max(double).unwrap_or(0);
    let rest = before.get(cut..).unwrap_or("");
    line_start + cut + (rest.len() - rest.trim_start().len())
}

/// Length of `after` up to the next separator, double space or "Label:".
fn segment_stop(after: &str) -> usize {
    let separator = after.find(|c: char| SEPARATORS.contains(&c)).unwrap_or(after.len());
    let double = after.find("  ").unwrap_or(after.len());
    let label = after.find(':').map_or(after.len(), |colon| after.get(..colon).and_then(|s| s.rfind(' ')).unwrap_or(0));
    separator.min(double).min(label)
}

/// The trimmed segment of the line around `start..end`.
fn segment(text: &str, line_start: usize, line_end: usize, start: usize, end: usize) -> Option<(usize, usize)> {
    let floor = segment_floor(text, line_start, start);
    let after = text.get(end..line_end)?;
    let tail = after.get(..segment_stop(after))?.trim_end_matches([' ', ',', '\u{a0}']);
    Some((floor.min(start), end + tail.len()))
}

/// Detector name of places read from contact-line segments.
pub const CONTACT_SEGMENT_DETECTOR: &str = "contact_segment";

/// The unclaimed short capitalised segments of contact lines that list an e-mail or a phone.
pub fn contact_line_places(text: &str, lines: &[(usize, usize, Zone)], candidates: &[Candidate]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for &(line_start, line_end, zone) in lines {
        if zone != Zone::Contact {
            continue;
        }
        let on_line: Vec<&Entity> = candidates.iter().map(|c| &c.entity).filter(|e| e.start < line_end && line_start < e.end).collect();
        if !on_line.iter().any(|e| matches!(e.kind, EntityKind::Email | EntityKind::Phone)) {
            continue;
        }
        let mut at = line_start;
        while at < line_end {
            let Some(rest) = text.get(at..line_end) else { break };
            let stop = segment_stop(rest).max(1).min(rest.len());
            let Some(raw) = rest.get(..stop) else { break };
            let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c) || c == ',');
            let start = at + raw.find(trimmed).unwrap_or(0);
            let end = start + trimmed.len();
            let claimed = on_line.iter().any(|e| e.start < end && start < e.end);
            if !trimmed.is_empty() && !claimed && looks_like_place(trimmed) {
                let entity = Entity::new(EntityKind::Location, start, end, 0.6, CONTACT_SEGMENT_DETECTOR);
                found.push(Candidate { entity, source: Source::Model, home: true });
            }
            // Step over the separator (or label) that ended the segment.
            let step = rest.get(stop..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
            at += stop + step;
        }
    }
    found
}

/// One to four capitalised words, no digits, no link or address characters.
fn looks_like_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && s.chars().count() <= 40
        && !s.chars().any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | ':' | '+' | '(' | ')'))
        && words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() * 2 > words.len()
}

/// The start of a street written on the previous contact line, when that line ends in a comma.
fn continued_from(text: &str, lines: &[(usize, usize, Zone)], index: usize) -> Option<usize> {
    let &(start, end, zone) = lines.get(index.checked_sub(1)?)?;
    let line = text.get(start..end)?;
    if zone != Zone::Contact || !line.trim_end().ends_with(',') {
        return None;
    }
    let trimmed_end = start + line.trim_end().len();
    let floor = segment_floor(text, start, trimmed_end);
    (floor < trimmed_end && line.chars().any(|c| c.is_ascii_digit())).then_some(floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(usize, usize, Zone)> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            out.push((start, start + line.len(), Zone::Contact));
            start += line.len() + 1;
        }
        out
    }

    fn home(kind: EntityKind, text: &str, needle: &str) -> Candidate {
        let at = text.find(needle).unwrap();
        Candidate { entity: Entity::new(kind, at, at + needle.len(), 1.0, "postcode"), source: Source::Rule, home: true }
    }

    fn spans(text: &str, cands: &[Candidate]) -> Vec<String> {
        home_addresses(text, &lines_of(text), cands).iter().map(|c| c.entity.text(text).to_string()).collect()
    }

    #[test]
    fn the_segment_around_a_postcode_is_the_address() {
        let text = "Ana Berg\nAnschrift: Musterweg 5, 80331 München | +49 170 1 | ana@x.de";
        assert_eq!(spans(text, &[home(EntityKind::Postcode, text, "80331")]), ["Musterweg 5, 80331 München"]);
    }

    #[test]
    fn a_street_line_ending_in_a_comma_joins_the_postcode_line() {
        let text = "Anschrift: Dittmar-Ring 98,\n80363 Burg\nMobil: 0170";
        assert_eq!(spans(text, &[home(EntityKind::Postcode, text, "80363")]), ["Dittmar-Ring 98,\n80363 Burg"]);
    }

    #[test]
    fn double_spaces_and_labels_end_a_segment() {
        let text = "Helenapad 89, 1234 AB Obdam  +31 (025) 0732250  a@b.nl\nIndirizzo: Via Po 5, 05029 Bure Cellulare: 392";
        let mut cands = vec![home(EntityKind::Postcode, text, "1234 AB"), home(EntityKind::Postcode, text, "05029")];
        cands.push(Candidate { entity: Entity::new(EntityKind::Email, text.find("a@b").unwrap(), text.find("a@b").unwrap() + 6, 1.0, "email"), source: Source::Rule, home: false });
        assert_eq!(spans(text, &cands), ["Helenapad 89, 1234 AB Obdam", "Via Po 5, 05029 Bure"]);
    }

    #[test]
    fn unclaimed_segments_beside_contacts_are_places() {
        let text = "Cirino de Campos  +55 11 5555  ana@x.br\nStaff nurse with 5 years  ana@x.br";
        let email = |n: usize| {
            let at = text.match_indices("ana@x.br").nth(n).unwrap().0;
            Candidate { entity: Entity::new(EntityKind::Email, at, at + 8, 1.0, "email"), source: Source::Rule, home: false }
        };
        let phone_at = text.find("+55").unwrap();
        let cands = vec![email(0), email(1), Candidate { entity: Entity::new(EntityKind::Phone, phone_at, phone_at + 11, 1.0, "phone"), source: Source::Rule, home: false }];
        let places: Vec<&str> = contact_line_places(text, &lines_of(text), &cands).iter().map(|c| c.entity.text(text)).collect();
        assert_eq!(places, ["Cirino de Campos"]);
    }

    #[test]
    fn segments_holding_other_identifiers_are_left_to_their_detectors() {
        let text = "ana@x.de 80331 München";
        let mut cands = vec![home(EntityKind::Postcode, text, "80331")];
        cands.push(Candidate { entity: Entity::new(EntityKind::Email, 0, 8, 1.0, "email"), source: Source::Rule, home: false });
        assert!(spans(text, &cands).is_empty());
    }
}
