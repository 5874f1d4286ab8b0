//! One-line-per-item sections: certificates, awards, publications, interests, references.
//! Each item keeps its text; a date on it becomes the item's date and the rest of the text
//! after a dash its issuer or awarder.

use super::lines::{date_bounds, strip_bullet, LineInfo};
use super::name;
use super::roles;
use super::skills::list_items;
use super::types::{Award, Certificate, Interest, Publication, Reference};

/// An item: its text without dates, the first date, and a second part ("— Coursera").
struct Item {
    name: String,
    date: Option<String>,
    by: Option<String>,
}

/// Items of a list section: one per bullet or line; wrapped lines ("(CSA)", lower-case starts)
/// join the item above.
fn items(lines: &[LineInfo], comma_issuer: bool) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for line in lines {
        let content = strip_bullet(line.text).trim();
        if content.is_empty() {
            continue;
        }
        let rest = line.without_dates();
        let rest = strip_bullet(&rest).trim().trim_end_matches([',', '(', '-', '–']).trim().to_string();
        let date = line.dates.first().and_then(|d| {
            let (s, e, _) = date_bounds(d);
            e.or(s)
        });
        let wrapped = !line.bullet && (content.starts_with(char::is_lowercase) || content.starts_with('(')) && date.is_none();
        if let (true, Some(last)) = (wrapped, out.last_mut()) {
            last.name.push(' ');
            last.name.push_str(content);
            continue;
        }
        let mut parts: Vec<String> = vec![rest.clone()];
        for sep in [" - ", " – ", " — ", " | "] {
            if let Some((a, b)) = rest.split_once(sep) {
                parts = vec![a.to_string(), b.to_string()];
                break;
            }
        }
        // "Certified Supply Chain Professional (CSCP), APICS": the last comma piece is the issuer
        // when it reads as an organisation or school (an acronym, a legal form, "Institute").
        if comma_issuer && parts.len() == 1 {
            if let Some((a, b)) = rest.rsplit_once(", ") {
                let b = b.trim();
                let issuer = roles::is_acronym(b) || roles::org_score(b) > 0 || roles::school_score(b) > 0;
                if issuer && !a.trim().is_empty() && b.split_whitespace().count() <= 6 {
                    parts = vec![a.to_string(), b.to_string()];
                }
            }
        }
        let name = parts.first().cloned().unwrap_or_default().trim().trim_end_matches(['(', ',']).trim().to_string();
        let by = parts.get(1).map(|b| b.trim().trim_matches(['-', '–', '(', ')', ',']).trim().to_string()).filter(|b| !b.is_empty());
        if name.is_empty() {
            continue;
        }
        out.push(Item { name, date, by });
    }
    out
}

pub fn certificates(lines: &[LineInfo]) -> Vec<Certificate> {
    items(lines, true).into_iter().map(|i| Certificate { name: Some(i.name), date: i.date, issuer: i.by, url: None }).collect()
}

pub fn awards(lines: &[LineInfo]) -> Vec<Award> {
    items(lines, true).into_iter().map(|i| Award { title: Some(i.name), date: i.date, awarder: i.by, summary: None }).collect()
}

pub fn publications(lines: &[LineInfo]) -> Vec<Publication> {
    items(lines, false)
        .into_iter()
        .map(|i| Publication { name: Some(i.name), release_date: i.date, publisher: i.by, ..Publication::default() })
        .collect()
}

/// Interests: list items on each line.
pub fn interests(lines: &[LineInfo]) -> Vec<Interest> {
    lines
        .iter()
        .flat_map(|l| list_items(strip_bullet(l.text)))
        .map(|name| Interest { name: Some(name), keywords: Vec::new() })
        .collect()
}

/// References: a block per referee, split at blank-ish breaks — here one per line that starts
/// a capitalised name after a line of contact data; the first line is the name, the rest the text.
pub fn references(lines: &[LineInfo]) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let flush = |current: &mut Vec<String>, out: &mut Vec<Reference>| {
        if let Some((first, rest)) = current.split_first() {
            let (name, details) = referee_name(first);
            let reference = details.into_iter().chain(rest.iter().map(String::as_str)).collect::<Vec<_>>().join(", ");
            out.push(Reference { name: Some(name.to_string()), reference: (!reference.is_empty()).then_some(reference) });
        }
        current.clear();
    };
    for line in lines {
        let unbulleted = strip_bullet(line.text);
        let t = strip_numbering(unbulleted).trim();
        if t.is_empty() {
            continue;
        }
        let after_contact = current.last().is_some_and(|l| l.contains('@') || l.chars().filter(char::is_ascii_digit).count() >= 6);
        let numbered = t.len() < unbulleted.trim().len();
        if line.bullet || numbered || after_contact {
            flush(&mut current, &mut out);
        }
        current.push(t.to_string());
    }
    flush(&mut current, &mut out);
    out
}

/// A referee's line without its list number ("1. Dr. Jane Doe, …", "2) Jane Doe"): the number
/// is no part of the name, and with it the name was not read apart from role and employer.
fn strip_numbering(line: &str) -> &str {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return line;
    }
    let rest = line.get(digits..).unwrap_or("");
    match rest.strip_prefix(['.', ')']) {
        Some(after) if after.starts_with(char::is_whitespace) => after.trim_start(),
        _ => line,
    }
}

/// Separators between a referee's name and the rest of its line ("Jane Doe, Professor, …").
const REFEREE_SEPARATORS: [&str; 6] = [", ", " – ", " — ", " | ", " - ", " · "];

/// A referee block's first line split into the name and what follows it on the line, when the
/// line opens with a name-shaped piece before a separator; else the whole line is the name.
/// The name is what the anonymiser removes as a person, so role, employer and contact stay
/// apart ("Jane Doe, Professor, Acme University, jane@…").
fn referee_name(line: &str) -> (&str, Option<&str>) {
    let cut = REFEREE_SEPARATORS.iter().filter_map(|sep| line.find(sep).map(|i| (i, sep.len()))).min_by_key(|&(i, _)| i);
    let Some((i, len)) = cut else { return (line, None) };
    let (head, rest) = (line.get(..i).unwrap_or(line).trim(), line.get(i + len..).unwrap_or("").trim());
    if rest.is_empty() || !name::is_name_like(&name::clean_name(head), false) {
        return (line, None);
    }
    (head, Some(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::lines::plain_lines;

    #[test]
    fn certificates_with_issuer_and_date() {
        let c = certificates(&plain_lines("ZetaCare Device Certification - Zeta Support - 2018\nExample Cloud Platform (ECP)\n(ECA)\nHubSpot Certified Professional (02.1988)"));
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].name.as_deref(), Some("ZetaCare Device Certification"));
        assert_eq!(c[0].issuer.as_deref(), Some("Zeta Support"));
        assert_eq!(c[0].date.as_deref(), Some("2018"));
        assert_eq!(c[1].name.as_deref(), Some("Example Cloud Platform (ECP) (ECA)"));
        assert_eq!(c[2].date.as_deref(), Some("1988-02"));
        assert_eq!(c[2].name.as_deref(), Some("HubSpot Certified Professional"));
        let c = certificates(&plain_lines("Certified Tea Taster (CTT), ITTA, 2019\nFirst Aid, Example Training Institute\nSpreadsheets, Word, Slides"));
        let read: Vec<(Option<&str>, Option<&str>)> = c.iter().map(|c| (c.name.as_deref(), c.issuer.as_deref())).collect();
        assert_eq!(read, [(Some("Certified Tea Taster (CTT)"), Some("ITTA")), (Some("First Aid"), Some("Example Training Institute")), (Some("Spreadsheets, Word, Slides"), None)]);
    }

    #[test]
    fn referee_name_apart_from_role_and_contact() {
        let r = references(&plain_lines("Orla Penhaligon, Head of Research, Quillfield Institute, o.penhaligon@example.org\nDr. Bastien Morvaunt – Kestrel Labs – +33 1 23 45 67 89\nTeodor Wrenlow\nTeam Lead, Halcyon Works"));
        let names: Vec<_> = r.iter().map(|r| r.name.as_deref().unwrap_or("")).collect();
        assert_eq!(names, ["Orla Penhaligon", "Dr. Bastien Morvaunt", "Teodor Wrenlow"]);
        assert_eq!(r[0].reference.as_deref(), Some("Head of Research, Quillfield Institute, o.penhaligon@example.org"));
        assert_eq!(r[2].reference.as_deref(), Some("Team Lead, Halcyon Works"));
        let r = references(&plain_lines("1. Dr. Bastien Morvaunt, Head of Physics, Quillfield Institute\n2) Teodor Wrenlow, Halcyon Works\n2020 Award winner"));
        let names: Vec<_> = r.iter().map(|r| r.name.as_deref().unwrap_or("")).collect();
        assert_eq!(names, ["Dr. Bastien Morvaunt", "Teodor Wrenlow"]);
        assert_eq!(r[1].reference.as_deref(), Some("Halcyon Works, 2020 Award winner"), "a year opens no entry");
        // A line that does not open with a name stays whole.
        let r = references(&plain_lines("Available on request, upon contact"));
        assert_eq!(r[0].name.as_deref(), Some("Available on request, upon contact"));
    }

    #[test]
    fn interests_split() {
        let i = interests(&plain_lines("Kochen, Laufen, Ehrenamt im Sportverein"));
        assert_eq!(i.len(), 3);
    }
}
