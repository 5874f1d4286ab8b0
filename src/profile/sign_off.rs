//! The place and date a CV is signed with ("München, 12.03.2024", "Lyon, le 3 mai 2024",
//! "Innsbruck, im März 2024"), which German, Austrian, Swiss and French CVs write after their
//! last section, often with the signer's name under it. Read as content, it became a skill, an
//! interest or a language of that section; it is no part of any section.

use super::lines::LineInfo;
use crate::dates::{DateValue, FoundDate, PartialDate};
use super::roles;

/// Words between the place's comma and the date: "den", "im", "le", "el", "a" …
const LINKS: &[&str] = &["den", "dem", "im", "am", "le", "el", "a", "à", "em", "il", "on", "the", "in"];

/// Whether `line` is a sign-off: a place name, a comma, optional linking words, and a date with
/// its month that ends the line.
pub fn is_sign_off(line: &LineInfo) -> bool {
    sign_off_place(line.text, &line.dates).is_some()
}

/// The byte range of the place in a sign-off line (`text` with the `dates` found on it). The
/// place a CV is signed at is where the candidate lives: the anonymiser treats it as their place.
pub fn sign_off_place(text: &str, dates: &[FoundDate]) -> Option<(usize, usize)> {
    let trimmed = text.trim_end();
    let date = dates.last()?;
    // A bare year names an event as often ("Chess, 2019"); a signature gives the month or day.
    let with_month = matches!(date.value, DateValue::Date(PartialDate { month: Some(_), .. }));
    if date.end < trimmed.len() || dates.len() > 1 || !with_month {
        return None;
    }
    let (written, links) = text.get(..date.start)?.split_once(',')?;
    // "En Sevilla, a 3 de mayo de 2024", "In Hainburg, den …", "Fait à Lyon, le …".
    let mut place = written.trim();
    for _ in 0..2 {
        place = place.split_once(' ').filter(|(first, _)| LEADS.contains(&first.to_lowercase().as_str())).map_or(place, |(_, rest)| rest);
    }
    let is_sign_off = links.split_whitespace().all(|w| LINKS.contains(&w.to_lowercase().as_str())) && roles::is_place_name(place) && place.split_whitespace().count() <= 3;
    let start = written.len() - written.trim_start().len() + (written.trim().len() - place.len());
    is_sign_off.then_some((start, start + place.len()))
}

/// Words before the place: "En Sevilla, …", "In Hainburg, …", "Fait à Lyon, …".
const LEADS: &[&str] = &["en", "in", "à", "em", "a", "fait", "done"];

/// How many lines at the end of `lines` are a sign-off: the place-and-date line, and the
/// signer's name written under it.
pub fn trailing_sign_off(lines: &[LineInfo]) -> usize {
    let n = lines.len();
    match (n.checked_sub(2).and_then(|i| lines.get(i)), lines.last()) {
        (Some(place_date), Some(name)) if is_sign_off(place_date) && super::name::is_name_like(name.content().trim(), false) => 2,
        (_, Some(last)) if is_sign_off(last) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::lines::plain_lines;

    #[test]
    fn place_and_date_lines_are_sign_offs() {
        for t in ["Hainburg, 12.03.2024", "Hainburg, den 12.03.2024", "Hainburg, im März 2024", "Lyon, le 3 mai 2024", "Sevilla, 3 de mayo de 2024", "Bad Tölz, March 2024"] {
            assert!(is_sign_off(&plain_lines(t)[0]), "{t}");
        }
        for t in ["Tally, Power BI, MS Excel", "Acme GmbH, 2019 – 2021", "Projektleiter, März 2024", "Hainburg, 2019 – 2021 Teamleitung", "Chess, 2019"] {
            assert!(!is_sign_off(&plain_lines(t)[0]), "{t}");
        }
        assert_eq!(trailing_sign_off(&plain_lines("SAP, Excel\nHainburg, im März 2024")), 1);
        assert_eq!(trailing_sign_off(&plain_lines("Hainburg, im März 2024\nSAP, Excel")), 0);
        assert_eq!(trailing_sign_off(&plain_lines("SAP, Excel\nEn Villarreal de Osma, a 25.06.2023\nJana Example")), 2);
    }

    #[test]
    fn the_place_of_a_sign_off() {
        for (t, want) in [("Hainburg, 12.03.2024", "Hainburg"), ("Fait à Saint-Brieuc, le 3 mai 2024", "Saint-Brieuc"), ("En Villarreal de Osma, a 25.06.2023", "Villarreal de Osma")] {
            let (s, e) = sign_off_place(t, &crate::dates::find_dates(t)).unwrap_or_default();
            assert_eq!(&t[s..e], want);
        }
    }
}
