//! Dates of birth, found by their cue: "born", "DOB", "date of birth", "geb.", "geboren am",
//! "Geburtsdatum", "né(e) le", "date de naissance", "fecha de nacimiento", "nacido el",
//! "data di nascita", "nato il", "geboortedatum", "data de nascimento", "data urodzenia"…
//! The entity is the date right after the cue (same line within a few words, or the next line
//! when the cue ends its line, as in a two-column table), parsed by
//! [`crate::dates`] so any of its formats counts.
//!
//! The birthplace often follows the date ("geb. 21.08.1971 in Musterstadt", "née le 2 mai 1990 à
//! Lyon", "…, Musterstadt" closing the line): it is a PLACE_OF_BIRTH. A line holding nothing but a
//! full date and "in/à/en/em/a/te <Place>" ("17. Oktober 1988 in Beispielstadt", the German
//! "Geburtsdatum und -ort" written without its label) is a date and place of birth as well: a
//! career line names a period, not a day, and no CV event but a birth is given that way.
//!
//! The place may also come first: "born in Leeds on 12/05/1988", "née à Lyon le …", "nato a Prato
//! (PO) il …", "geboren in Köln am …": the birth verb, a preposition, the place, a connector,
//! the date. Most cues above need the date right after them, so such a line lost its date too.

use std::sync::OnceLock;

use regex::Regex;

use super::common::cached;
use super::{Entity, EntityKind};
use crate::dates::{find_dates, DateValue};

const CUE: &str = r"(?i)(?-u:\b)(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|geb\.?|geboren(?:\s+am)?|geburtsdatum|née?\s+le|né\(e\)\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa](?:\s+el)?|f\.\s*nac\.?|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op|data\s+de\s+nascimento|nascid[oa](?:\s+em)?|data\s+urodzenia|urodzon[ya]|ur\.)(?:\W|$)";

static CUE_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// The words introducing a birthplace: "in" (de, en, nl), "à" (fr), "en" (es), "em" (pt), "a"
/// (it), "te" (nl).
const PLACE_WORDS: [&str; 6] = ["in", "à", "en", "em", "a", "te"];

/// What may follow a date of birth on its line: the place, after one of [`PLACE_WORDS`] or a
/// comma, then one to five capitalised words (with their particles) and the line's end.
const PLACE_AFTER: &str = r"^(?:[ \t]*,[ \t]*(?:(?:in|à|en|em|a|te)[ \t]+)?|[ \t]+(?:in|à|en|em|a|te)[ \t]+)((?:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w'’.\-]*)(?:[ \t\-](?:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w'’.\-]*|de|del|di|da|do|am|an|der|sur|en|la|le)){0,4})[ \t]*(?:[\n\x0C]|$)";
static PLACE_AFTER_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// How far after a cue the date may start (bytes): room for ": ", "on the", "in Berlin am".
const WINDOW: usize = 40;

/// A birth verb and the preposition of the place that follows it: "born in", "née à", "nato a",
/// "nacida en", "nascido em", "geboren te", "urodzony w".
const VERB_AND_PREPOSITION: &str = r"(?-u:\b)(?i:born|geboren|née?|né\(e\)|nacid[oa]|nat[oa]|nascid[oa]|urodzon[ya])[ \t]+(?i:in|à|a|ad|en|em|te|w)[ \t]+";
static VERB_AND_PREPOSITION_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// The words between a birthplace and the date after it: "on (the)", "am", "le", "el", "il", "em",
/// "op", "dnia".
const CONNECTORS: [&str; 9] = ["on", "the", "am", "le", "el", "il", "em", "op", "dnia"];

/// How long a birthplace written before its date may be (bytes).
const PLACE_FIRST_LEN: usize = 48;

/// Every cued date of birth in `text`.
pub fn detect(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&CUE_RE, CUE) else { return Vec::new() };
    let mut found = Vec::new();
    for m in re.find_iter(text) {
        let after = m.end();
        let mut line_end = text.get(after..).and_then(|r| r.find(['\n', '\u{c}'])).map_or(text.len(), |i| after + i);
        // A label alone at the end of its line ("Geburtsdatum:" in a table): the value is on the next.
        if text.get(after..line_end).is_some_and(|r| r.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '-').is_empty()) {
            let next_start = (line_end + 1).min(text.len());
            line_end = text.get(next_start..).and_then(|r| r.find(['\n', '\u{c}'])).map_or(text.len(), |i| next_start + i);
        }
        let mut window_end = after.saturating_add(WINDOW + 40).min(line_end);
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let Some(rest) = text.get(after..window_end) else { continue };
        let first = find_dates(rest).into_iter().find(|f| f.start <= WINDOW && matches!(f.value, DateValue::Date(d) if d.year >= 1900));
        if let Some(f) = first {
            found.push(Entity::new(EntityKind::DateOfBirth, after + f.start, after + f.end, 0.95, "date_of_birth"));
            found.extend(place_after(text, after + f.end));
        }
    }
    found.extend(date_and_place_lines(text));
    for entity in place_first(text) {
        if !found.iter().any(|f| f.start < entity.end && entity.start < f.end) {
            found.push(entity);
        }
    }
    found
}

/// A date of birth whose place comes first: "born in Leeds on 12/05/1988" gives the date and the
/// place "Leeds"; "Nato a Prato (PO) il …" the place "Prato (PO)".
fn place_first(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&VERB_AND_PREPOSITION_RE, VERB_AND_PREPOSITION) else { return Vec::new() };
    let mut found = Vec::new();
    for m in re.find_iter(text) {
        let start = m.end();
        let line_end = text.get(start..).and_then(|r| r.find(['\n', '\u{c}'])).map_or(text.len(), |i| start + i);
        let mut window_end = start.saturating_add(PLACE_FIRST_LEN + WINDOW).min(line_end);
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let Some(rest) = text.get(start..window_end) else { continue };
        let Some(date) = find_dates(rest).into_iter().find(|f| matches!(f.value, DateValue::Date(d) if d.year >= 1900)) else { continue };
        let Some(place) = rest.get(..date.start).and_then(place_before_connector) else { continue };
        if place.len() > PLACE_FIRST_LEN {
            continue;
        }
        found.push(Entity::new(EntityKind::PlaceOfBirth, start, start + place.len(), 0.85, "date_of_birth"));
        found.push(Entity::new(EntityKind::DateOfBirth, start + date.start, start + date.end, 0.95, "date_of_birth"));
    }
    found
}

/// The place at the start of `between` (the text from the place to the date), when all that
/// follows it is a comma and connector words, and it is capitalised words with their particles
/// and an optional bracketed code ("Prato (PO)").
fn place_before_connector(between: &str) -> Option<&str> {
    let mut place = between.trim_end();
    loop {
        let trimmed = place.trim_end_matches([',', ' ', '\t']);
        let last = trimmed.rsplit([' ', '\t']).next().unwrap_or("");
        if !CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(last)) {
            break;
        }
        let cut = last.len();
        if trimmed.len() == cut {
            return None;
        }
        place = trimmed.get(..trimmed.len() - cut)?;
    }
    let place = place.trim_end_matches([',', ' ', '\t']);
    let words_ok = place.split([' ', '\t', '-']).filter(|w| !w.is_empty()).enumerate().all(|(i, w)| {
        w.starts_with(char::is_uppercase) || (i > 0 && (PARTICLES.contains(&w) || is_bracketed_code(w)))
    });
    (words_ok && !place.is_empty()).then_some(place)
}

/// Lower-case words inside place names: "Frankfurt am Main", "Santiago de Compostela".
const PARTICLES: [&str; 13] = ["de", "del", "di", "da", "do", "am", "an", "der", "sur", "en", "la", "le", "im"];

/// "(PO)", "(España)": a province code or country in brackets after a town.
fn is_bracketed_code(word: &str) -> bool {
    let inner = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
    inner.is_some_and(|w| !w.is_empty() && w.len() <= 24 && w.chars().all(char::is_alphabetic))
}

/// The birthplace written right after a date of birth ending at `at`.
fn place_after(text: &str, at: usize) -> Option<Entity> {
    let re = cached(&PLACE_AFTER_RE, PLACE_AFTER)?;
    let place = re.captures(text.get(at..)?)?.get(1)?;
    Some(Entity::new(EntityKind::PlaceOfBirth, at + place.start(), at + place.end(), 0.85, "date_of_birth"))
}

/// Lines that are only a full date and its place: "05.03.1994 in Vilnius".
fn date_and_place_lines(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split(['\n', '\u{c}']) {
        let lead = line.len() - line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '•' | '·' | '-' | '*')).len();
        let start = line_start + lead;
        line_start += line.len() + 1;
        let Some(body) = line.get(lead..) else { continue };
        if !body.starts_with(|c: char| c.is_ascii_digit()) || !body.split_whitespace().any(|w| PLACE_WORDS.contains(&w)) {
            continue;
        }
        let Some(first) = find_dates(body).into_iter().next() else { continue };
        let full_date = matches!(first.value, DateValue::Date(d) if d.year >= 1900 && d.day.is_some());
        // Only a place introduced by its preposition: "15.03.2019, Berlin" is a signature line.
        let introduced = body.get(first.end..).is_some_and(|r| r.trim_start().split_whitespace().next().is_some_and(|w| ["in", "à", "en", "em", "a", "te"].contains(&w)));
        if first.start != 0 || !full_date || !introduced {
            continue;
        }
        if let Some(place) = place_after(text, start + first.end) {
            found.push(Entity::new(EntityKind::DateOfBirth, start, start + first.end, 0.85, "date_of_birth"));
            found.push(place);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        detect(text).iter().filter(|e| e.kind == EntityKind::DateOfBirth).map(|e| e.text(text)).collect()
    }

    #[test]
    fn finds_the_date_after_each_cue() {
        for (text, want) in [
            ("Born: March 15, 1990", "March 15, 1990"),
            ("DOB 15/03/1990", "15/03/1990"),
            ("Date of birth: 1 May 1985", "1 May 1985"),
            ("geb. 15.03.1990 in Köln", "15.03.1990"),
            ("Geburtsdatum: 15. März 1990", "15. März 1990"),
            ("geboren am 03.04.1988", "03.04.1988"),
            ("Née le 12/05/1992 à Lyon", "12/05/1992"),
            ("Date de naissance : 1er janvier 1990", "1er janvier 1990"),
            ("Fecha de nacimiento: 15 de marzo de 1990", "15 de marzo de 1990"),
            ("Nacido el 02/02/1980", "02/02/1980"),
            ("Data di nascita: 15/09/1985", "15/09/1985"),
            ("Nato il 3 aprile 1979", "3 aprile 1979"),
            ("Geboortedatum: 01-05-1990", "01-05-1990"),
            ("Data de nascimento: 10/10/1991", "10/10/1991"),
            ("Data urodzenia: 15 stycznia 1990", "15 stycznia 1990"),
            ("Born in Berlin, 1990", "1990"),
            ("Geburtsdatum:\n15.03.1990", "15.03.1990"),
            ("Nacido 9 de julio de 2001", "9 de julio de 2001"),
        ] {
            assert_eq!(spans(text), vec![want], "{text}");
        }
    }

    fn typed(text: &str) -> Vec<(EntityKind, &str)> {
        detect(text).iter().map(|e| (e.kind, e.text(text))).collect()
    }

    #[test]
    fn the_place_after_a_date_of_birth_is_the_birthplace() {
        use EntityKind::{DateOfBirth as D, PlaceOfBirth as P};
        for (text, want) in [
            ("geb.: am 21.08.1971, Musterstadt\nVerheiratet", vec![(D, "21.08.1971"), (P, "Musterstadt")]),
            ("Née le 12/05/1992 à Saint-Étienne", vec![(D, "12/05/1992"), (P, "Saint-Étienne")]),
            ("Nacida el 3 de marzo de 1990 en San Sebastián", vec![(D, "3 de marzo de 1990"), (P, "San Sebastián")]),
            ("Kontakt\n24. September 1991 in Schwerin\nLedig", vec![(D, "24. September 1991"), (P, "Schwerin")]),
            ("• 05.03.1994 in Frankfurt am Main", vec![(D, "05.03.1994"), (P, "Frankfurt am Main")]),
            ("02/04/1988 à Lyon", vec![(D, "02/04/1988"), (P, "Lyon")]),
            ("Born: 1 May 1985 in Leeds, UK", vec![(D, "1 May 1985")]),
            ("Born in Harrogate on 12/05/1988", vec![(D, "12/05/1988"), (P, "Harrogate")]),
            ("Née à Saint-Malo le 3 juin 1992", vec![(P, "Saint-Malo"), (D, "3 juin 1992")]),
            ("Nato a Lucca (LU) il 12/05/1988", vec![(P, "Lucca (LU)"), (D, "12/05/1988")]),
            ("Nata a Cesena, il 3 marzo 1990", vec![(P, "Cesena"), (D, "3 marzo 1990")]),
            ("geboren in Frankfurt am Main am 05.03.1994", vec![(D, "05.03.1994"), (P, "Frankfurt am Main")]),
            ("born in a small town in 1990", vec![(D, "1990")]),
            ("Nacido en Cádiz el 2 de julio de 1985", vec![(D, "2 de julio de 1985"), (P, "Cádiz")]),
        ] {
            assert_eq!(typed(text), want, "{text}");
        }
        for text in ["15.03.2019, Berlin", "März 2019 in Berlin", "2019 in Berlin", "15.03.2019 in Berlin eröffnet", "12.05.2020 in the office", "Geboren in Berlin", "NATO Agency 2015 – 2019"] {
            assert!(typed(text).is_empty(), "{text}: {:?}", typed(text));
        }
    }

    #[test]
    fn needs_a_cue_and_a_date() {
        for text in [
            "15.03.1990", "Born to code", "Geburtsdatum: Köln\n15.03.1990", "Native speaker of Portuguese 2019",
            "Reborn 2019", "DOB: ask me",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
    }
}
