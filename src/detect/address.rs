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
//! detector claimed is taken as the candidate's location; an unclaimed number of phone shape
//! in the contact block ("Cellulare: 392258928") as their phone, one of postcode shape ("82252"
//! on a line of its own) as their postcode; and an unclaimed lower-case
//! word there that shares a run of letters with an e-mail's user part ("uweiss" beside
//! "ulrikeweiss@…", a profile whose icon the text lost) as their user name.

use super::Zone;
use crate::entities::candidate::{Candidate, Source};
use crate::entities::{Entity, EntityKind};

/// Characters that separate the items of a contact line.
const SEPARATORS: &[char] = &['|', '•', '·', '▪', '●', '◦', '\t', ';', '/'];
/// Longest segment taken as one address.
const MAX_ADDRESS_BYTES: usize = 120;

/// Add to `candidates` the rest of each postal address, the candidate's whole home address, and
/// the unclaimed values of contact lines, in that order: each step sees what the one before found.
pub fn complete(text: &str, lines: &[(usize, usize, Zone)], candidates: &mut Vec<Candidate>) {
    let towns = postcode_towns(text, lines, candidates);
    candidates.extend(towns);
    let addresses = home_addresses(text, lines, candidates);
    candidates.extend(addresses);
    let places = contact_line_places(text, lines, candidates);
    candidates.extend(places);
}

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

/// Detector name of towns read after a postcode.
pub const POSTCODE_TOWN_DETECTOR: &str = "postcode_town";

/// "80331 München", "1011 AB Amsterdam": the town written right after a postcode is the rest of
/// that postal address, wherever the layout put the address (a personal-details block after the
/// experience, a sidebar), except in the references.
pub fn postcode_towns(text: &str, lines: &[(usize, usize, Zone)], candidates: &[Candidate]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for c in candidates.iter().filter(|c| c.entity.kind == EntityKind::Postcode) {
        let Some(&(_, line_end, zone)) = line_index(lines, c.entity.start).and_then(|i| lines.get(i)) else { continue };
        if zone == Zone::References || c.entity.end >= line_end {
            continue;
        }
        let Some(after) = text.get(c.entity.end..line_end) else { continue };
        let lead = after.len() - after.trim_start_matches(' ').len();
        if lead == 0 || lead > 2 {
            continue;
        }
        let rest = after.get(lead..).unwrap_or("");
        let stop = rest.find(|ch: char| SEPARATORS.contains(&ch) || ch == ',').unwrap_or(rest.len()).min(segment_stop(rest));
        let town = rest.get(..stop).unwrap_or("").trim_end_matches([' ', '.', '\u{a0}']);
        if town.is_empty() || !looks_like_place(town) {
            continue;
        }
        let start = c.entity.end + lead;
        if candidates.iter().any(|o| o.entity.start < start + town.len() && start < o.entity.end && o.entity.kind != EntityKind::Location) {
            continue;
        }
        let entity = Entity::new(EntityKind::Location, start, start + town.len(), 0.8, POSTCODE_TOWN_DETECTOR);
        found.push(Candidate { entity, source: Source::Rule, home: true });
    }
    found
}

/// Detector name of places read from contact-line segments.
pub const CONTACT_SEGMENT_DETECTOR: &str = "contact_segment";

/// The unclaimed values of contact and references lines: digit strings shaped like a phone number
/// (a number there is someone's phone), and short capitalised segments of contact lines that list
/// an e-mail or a phone (the candidate's place).
pub fn contact_line_places(text: &str, lines: &[(usize, usize, Zone)], candidates: &[Candidate]) -> Vec<Candidate> {
    let mut found = Vec::new();
    let user_parts: Vec<String> = candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Email)
        .filter_map(|c| c.entity.text(text).split('@').next().map(str::to_lowercase))
        .collect();
    for &(line_start, line_end, zone) in lines {
        if !matches!(zone, Zone::Contact | Zone::References) {
            continue;
        }
        let on_line: Vec<&Entity> = candidates.iter().map(|c| &c.entity).filter(|e| e.start < line_end && line_start < e.end).collect();
        // Referees' lines give their phones, never the candidate's place.
        let lists_contacts = zone == Zone::Contact && on_line.iter().any(|e| matches!(e.kind, EntityKind::Email | EntityKind::Phone));
        let Some(line) = text.get(line_start..line_end) else { continue };
        for (s, e) in values(line) {
            let (start, end) = (line_start + s, line_start + e);
            let value = text.get(start..end).unwrap_or("");
            if on_line.iter().any(|c| c.start < end && start < c.end) {
                continue;
            }
            let kind = if looks_like_phone(value) {
                EntityKind::Phone
            } else if zone == Zone::Contact && looks_like_postcode(value) {
                EntityKind::Postcode
            } else if zone == Zone::Contact && shares_a_user_name(value, &user_parts) {
                EntityKind::Handle
            } else if lists_contacts && looks_like_place(value) && !is_field_label(value) {
                EntityKind::Location
            } else {
                continue;
            };
            let entity = Entity::new(kind, start, end, 0.6, CONTACT_SEGMENT_DETECTOR);
            found.push(Candidate { entity, source: Source::Model, home: matches!(kind, EntityKind::Location | EntityKind::Postcode) });
        }
    }
    found
}

/// A contact field's label standing in its own cell ("Telefon", "E-Mail", "Web"): every word of
/// it a contact cue.
fn is_field_label(value: &str) -> bool {
    let folded: String = crate::fold::fold(value).chars().filter(|c| !matches!(c, '-' | '.' | ':')).collect();
    let words: Vec<&str> = folded.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.iter().all(|w| crate::lexicon::words::word_class(w) == Some(crate::lexicon::words::WordClass::ContactCue))
}

/// The values of a contact line: pieces between separators and double spaces, without their
/// "Label:" ("Indirizzo: Via Po 5 Cellulare: 392" → "Via Po 5", "392"). Byte spans in `line`.
fn values(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut pieces = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let double_space = c == ' ' && chars.peek().is_some_and(|&(_, n)| n == ' ');
        if SEPARATORS.contains(&c) || double_space {
            pieces.push((piece_start, i));
            piece_start = i + c.len_utf8();
        }
    }
    pieces.push((piece_start, line.len()));
    for (start, end) in pieces {
        let Some(piece) = line.get(start..end) else { continue };
        // Split at colons; every part but the first loses the label word that ends the part before.
        let mut cursor = start;
        let parts: Vec<&str> = piece.split(':').collect();
        for (k, part) in parts.iter().enumerate() {
            let part_start = cursor;
            cursor += part.len() + 1;
            if k + 1 < parts.len() && k == 0 {
                continue; // a label alone
            }
            let value = if k + 1 < parts.len() { part.rfind(' ').and_then(|i| part.get(..i)).unwrap_or("") } else { part };
            let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c == ',');
            if trimmed.is_empty() {
                continue;
            }
            let offset = part_start + value.find(trimmed).unwrap_or(0);
            out.push((offset, offset + trimmed.len()));
        }
    }
    out
}

/// Four to six digits, not a year: a postcode the layout put apart from its town ("MO\n82252").
fn looks_like_postcode(s: &str) -> bool {
    let year = s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
    (4..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()) && !year
}

/// Shortest run of letters a user name must share with an e-mail's user part.
const SHARED_USER_LETTERS: usize = 4;

/// One lower-case user-name-shaped word ("rblok", "fcampos37", "j.doe") that shares a run of
/// [`SHARED_USER_LETTERS`] letters with one of `user_parts`.
fn shares_a_user_name(value: &str, user_parts: &[String]) -> bool {
    let shaped = (3..=30).contains(&value.len()) && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let letters: Vec<char> = value.chars().filter(char::is_ascii_lowercase).collect();
    shaped
        && letters.windows(SHARED_USER_LETTERS).any(|run| {
            let run: String = run.iter().collect();
            user_parts.iter().any(|part| part.contains(&run))
        })
}

/// 7 to 15 digits with only phone punctuation, and not a pair of years ("2019 - 2021").
fn looks_like_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let shape = s.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-' | '.' | '/'));
    let runs: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).collect();
    let years = runs.iter().all(|r| r.len() == 4 && (r.starts_with("19") || r.starts_with("20")));
    shape && (7..=15).contains(&digits) && !years
}

/// One to four capitalised words, no digits, no link or address characters.
fn looks_like_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
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
    fn the_town_after_a_postcode_is_taken_outside_the_contact_block_too() {
        let text = "Persönliche Daten\n[ADDRESS], 29525 Uelzen | Tel\nGrew revenue 12345 and more";
        let mut lines = lines_of(text);
        for l in &mut lines {
            l.2 = Zone::Other;
        }
        let towns = |lines: &[(usize, usize, Zone)], cands: &[Candidate]| -> Vec<String> {
            postcode_towns(text, lines, cands).iter().map(|c| c.entity.text(text).to_string()).collect()
        };
        assert_eq!(towns(&lines, &[home(EntityKind::Postcode, text, "29525")]), ["Uelzen"]);
        // Only a place-like run right after the postcode; nothing in the references.
        assert!(towns(&lines, &[home(EntityKind::Postcode, text, "12345")]).is_empty());
        lines[1].2 = Zone::References;
        assert!(towns(&lines, &[home(EntityKind::Postcode, text, "29525")]).is_empty());
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
    fn unclaimed_words_sharing_the_e_mail_user_name_are_handles() {
        let text = "Berlin  +49 30 1234567  jonasberg@x.de\njberg84\nsales\njonas berg";
        let at = text.find("jonasberg@x.de").unwrap();
        let cands = vec![Candidate { entity: Entity::new(EntityKind::Email, at, at + 14, 1.0, "email"), source: Source::Rule, home: false }];
        let got: Vec<(EntityKind, &str)> = contact_line_places(text, &lines_of(text), &cands).iter().map(|c| (c.entity.kind, c.entity.text(text))).collect();
        assert!(got.contains(&(EntityKind::Handle, "jberg84")), "{got:?}");
        assert!(!got.iter().any(|(_, t)| *t == "sales" || *t == "jonas berg"), "{got:?}");
    }

    #[test]
    fn label_cells_of_contact_rows_are_no_places() {
        let text = "Telefon  +49 30 1234567\nE-Mail  jonas@x.de\nBerlin  +49 30 7654321";
        let email_at = text.find("jonas@x.de").unwrap_or(0);
        let cands = vec![
            Candidate { entity: Entity::new(EntityKind::Phone, 9, 23, 1.0, "phone"), source: Source::Rule, home: false },
            Candidate { entity: Entity::new(EntityKind::Email, email_at, email_at + 10, 1.0, "email"), source: Source::Rule, home: false },
            Candidate { entity: Entity::new(EntityKind::Phone, text.len() - 15, text.len(), 1.0, "phone"), source: Source::Rule, home: false },
        ];
        let got: Vec<&str> = contact_line_places(text, &lines_of(text), &cands).iter().filter(|c| c.entity.kind == EntityKind::Location).map(|c| c.entity.text(text)).collect();
        assert_eq!(got, ["Berlin"]);
    }

    #[test]
    fn unclaimed_short_numbers_in_the_contact_block_are_postcodes() {
        let text = "12 Main Street, Springfield, MO\n65801\n2019";
        let got: Vec<(EntityKind, &str)> = contact_line_places(text, &lines_of(text), &[]).iter().map(|c| (c.entity.kind, c.entity.text(text))).collect();
        assert_eq!(got, [(EntityKind::Postcode, "65801")]);
    }

    #[test]
    fn unclaimed_numbers_in_the_contact_block_are_phones() {
        let text = "Mobil: 00935 73197\nJahre: 2019 - 2021";
        let got: Vec<(EntityKind, &str)> = contact_line_places(text, &lines_of(text), &[]).iter().map(|c| (c.entity.kind, c.entity.text(text))).collect();
        assert_eq!(got, [(EntityKind::Phone, "00935 73197")]);
    }

    #[test]
    fn labels_are_not_values() {
        let line = "Indirizzo: Via Po 5, 05029 Bure Cellulare: 392 E-mail: a@b.it | Roma";
        let got: Vec<&str> = values(line).into_iter().map(|(s, e)| &line[s..e]).collect();
        assert_eq!(got, ["Via Po 5, 05029 Bure", "392", "a@b.it", "Roma"]);
    }

    #[test]
    fn segments_holding_other_identifiers_are_left_to_their_detectors() {
        let text = "ana@x.de 80331 München";
        let mut cands = vec![home(EntityKind::Postcode, text, "80331")];
        cands.push(Candidate { entity: Entity::new(EntityKind::Email, 0, 8, 1.0, "email"), source: Source::Rule, home: false });
        assert!(spans(text, &cands).is_empty());
    }
}
