//! Dates of birth, found by their cue: "born", "DOB", "date of birth", "geb.", "geboren am",
//! "Geburtsdatum", "né(e) le", "date de naissance", "fecha de nacimiento", "nacido el",
//! "data di nascita", "nato il", "geboortedatum", "data de nascimento", "data urodzenia"…
//! The entity is the date right after the cue (same line within a few words, or the next line
//! when the cue ends its line, as in a two-column table), parsed by
//! [`crate::dates`] so any of its formats counts.

use std::sync::OnceLock;

use regex::Regex;

use super::common::cached;
use super::{Entity, EntityKind};
use crate::dates::{find_dates, DateValue};

const CUE: &str = r"(?i)(?-u:\b)(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|geb\.?|geboren(?:\s+am)?|geburtsdatum|née?\s+le|né\(e\)\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa]\s+el|f\.\s*nac\.?|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op|data\s+de\s+nascimento|nascid[oa]\s+em|data\s+urodzenia|urodzon[ya]|ur\.)(?:\W|$)";

static CUE_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// How far after a cue the date may start (bytes): room for ": ", "on the", "in Berlin am".
const WINDOW: usize = 40;

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
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        detect(text).iter().map(|e| e.text(text)).collect()
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
        ] {
            assert_eq!(spans(text), vec![want], "{text}");
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
