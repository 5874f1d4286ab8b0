//! The place and date a CV is signed with ("München, 12.03.2024", "Lyon, le 3 mai 2024",
//! "Innsbruck, im März 2024"), which German, Austrian, Swiss and French CVs write after their
//! last section. Read as content, it became a skill, an interest or a language of that section;
//! it is no part of any section.

use super::lines::LineInfo;
use crate::dates::{DateValue, PartialDate};
use super::roles;

/// Words between the place's comma and the date: "den", "im", "le", "el", "a" …
const LINKS: &[&str] = &["den", "dem", "im", "am", "le", "el", "a", "à", "em", "il", "on", "the", "in"];

/// Whether `line` is a sign-off: a place name, a comma, optional linking words, and a date with
/// its month that ends the line.
pub fn is_sign_off(line: &LineInfo) -> bool {
    let text = line.text.trim_end();
    let Some(date) = line.dates.last() else { return false };
    // A bare year names an event as often ("Chess, 2019"); a signature gives the month or day.
    let with_month = matches!(date.value, DateValue::Date(PartialDate { month: Some(_), .. }));
    if date.end < text.len() || line.dates.len() > 1 || !with_month {
        return false;
    }
    let Some((place, links)) = line.text.get(..date.start).and_then(|before| before.split_once(',')) else { return false };
    let place = place.trim();
    links.split_whitespace().all(|w| LINKS.contains(&w.to_lowercase().as_str())) && roles::is_place_name(place) && place.split_whitespace().count() <= 3
}

/// How many lines at the end of `lines` are a sign-off (at most one).
pub fn trailing_sign_off(lines: &[LineInfo]) -> usize {
    usize::from(lines.last().is_some_and(is_sign_off))
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
        for t in ["SAP FI/CO, BMD, MS Excel", "Acme GmbH, 2019 – 2021", "Projektleiter, März 2024", "Hainburg, 2019 – 2021 Teamleitung", "Chess, 2019"] {
            assert!(!is_sign_off(&plain_lines(t)[0]), "{t}");
        }
        assert_eq!(trailing_sign_off(&plain_lines("SAP, Excel\nHainburg, im März 2024")), 1);
        assert_eq!(trailing_sign_off(&plain_lines("Hainburg, im März 2024\nSAP, Excel")), 0);
    }
}
