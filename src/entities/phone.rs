//! Phone numbers: international (`+CC …`, `00CC …`) and the national formats of en-US, en-GB,
//! en-IN, de-DE, fr-FR, es-ES, it-IT, nl-NL, pt-BR and pl-PL.
//!
//! Own code instead of the `phonenumber` crate: its metadata tables would weigh more in wasm than
//! this whole detector, and CVs need "is this a phone number" rather than carrier-exact validation.
//! A candidate is a run of digits and separators (space, NBSP, soft hyphen, Unicode hyphens
//! U+2010–U+2012, `.-/()`); it is accepted by digit count per country code, or nationally by
//! shape:
//!
//! - trunk-prefixed `0…` with 9–12 digits (DE, FR, GB, IT, NL, IN, BR),
//! - 10 digits grouped 3-3-4 or `(3) 3-4` (US, also 11 with a leading 1), 5-5 (IN mobile),
//!   3-7 / 3-3-4 starting 3 (IT mobile),
//! - 9 digits starting 5–9 in groups of 3-3-3, 2-3-2-2 or 3-2-2-2 (ES, PL),
//! - `(2) 4/5-4` and `2 4-4` / `2 5-4` (BR, area code without zeros),
//! - an ungrouped run by its locale's numbering rules: trunk `0` + 8–10 digits (FR, NL, DE, GB,
//!   IT, IN), 10 digits starting 2–9 (US, IN, IT mobile), 9 starting 3, 6 or 7 (IT, ES mobile),
//!   11 as `AA 9 NNNN NNNN` (BR mobile) unless a CPF check digit pair says it is a CPF; never
//!   after an ID label ("PESEL", "SSN").
//!
//! After a country code the trunk zero may be written in brackets, alone or opening the area
//! code (`+44 (0)20…`, `+44 (0121) 496…`, `+31 (025) 073…`); it is not part of the number.
//!
//! Refused: anything glued to letters or digits (IBANs, IDs), date ranges and dates
//! (`2019 - 2021`, `15.03.1990`), decimals. A cue word before it ("Tel.", "Mobil", "☎") raises
//! confidence and admits an ungrouped national run.

use std::sync::OnceLock;

use regex::Regex;

use super::common::{cached, char_at, char_before, has_cue};
use super::{Entity, EntityKind};

const CANDIDATE: &str = r"\(?(?:\+|(?-u:\b)00)?\(?\d[\d \t\u{00A0}\u{00AD}\u{2009}\u{202F}\u{2010}\u{2011}\u{2012}().\-/]{4,24}\d\)?";

static CANDIDATE_RE: OnceLock<Option<Regex>> = OnceLock::new();

const CUES: &[&str] = &[
    "tel", "tel.", "phone", "mobile", "mob", "cell", "ph", "t", "m", "p", "☎", "📞", "contact", "handy", "mobil",
    "telefon", "téléphone", "tél", "portable", "teléfono", "telefono", "móvil", "movil", "cellulare", "telefoon",
    "mobiel", "telefone", "celular", "telemóvel", "kom", "komórka", "whatsapp",
];

/// True when `word` (lower case, without a trailing colon) is a phone cue ("Tel", "Mobil").
pub fn is_cue(word: &str) -> bool {
    CUES.contains(&word)
}

/// (country code, national significant digits min, max). Codes not listed accept 6..=12.
const COUNTRIES: &[(&str, usize, usize)] = &[
    ("1", 10, 10),
    ("44", 9, 10),
    ("91", 10, 10),
    ("49", 6, 12),
    ("33", 9, 9),
    ("34", 9, 9),
    ("39", 6, 11),
    ("31", 9, 9),
    ("55", 10, 11),
    ("48", 9, 9),
    ("41", 9, 9),
    ("43", 6, 13),
    ("32", 8, 9),
    ("351", 9, 9),
    ("353", 7, 9),
    ("61", 9, 9),
];

/// Every phone number in `text`.
pub fn detect(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&CANDIDATE_RE, CANDIDATE) else { return Vec::new() };
    let mut found = Vec::new();
    for m in re.find_iter(text) {
        let (start, raw) = (m.start(), m.as_str());
        // Try the whole run, then without leading groups when the run stands free ("47034
        // 3776442963": postcode, phone), then without trailing ones ("030 1234567 2019").
        let whole = trim_edges(raw);
        let offset = raw.find(whole).unwrap_or(0);
        let free = !char_before(text, start + offset).is_some_and(|c| c.is_alphanumeric());
        let mut tries: Vec<&str> = vec![whole];
        let mut rest = whole;
        for _ in 0..2 {
            rest = drop_first_group(rest);
            if free && !rest.is_empty() {
                tries.push(rest);
            }
        }
        let mut shorter = whole;
        for _ in 0..2 {
            shorter = drop_last_group(shorter);
            tries.push(shorter);
        }
        for candidate in tries.into_iter().filter(|c| !c.is_empty()) {
            // Every try is a sub-slice of `raw`; its offset is the pointer difference.
            let offset = (candidate.as_ptr() as usize).saturating_sub(raw.as_ptr() as usize);
            let (s, e) = (start + offset, start + offset + candidate.len());
            if let Some(confidence) = judge(text, s, e, candidate) {
                found.push(Entity::new(EntityKind::Phone, s, e, confidence, "phone"));
                break;
            }
        }
    }
    found
}

/// Day, month and a four-digit year joined by dots ("01.10.2018"): part of a date or a date
/// range cut short ("01.10.2018 - 31.07"), never of a phone number.
fn holds_dotted_date(groups: &[(char, String)]) -> bool {
    let value = |g: &str| g.parse::<u32>().unwrap_or(0);
    groups.windows(3).any(|w| {
        let [(_, day), ('.', month), ('.', year)] = w else { return false };
        day.len() <= 2 && month.len() <= 2 && (1..=31).contains(&value(day)) && (1..=12).contains(&value(month))
            && year.len() == 4 && (year.starts_with("19") || year.starts_with("20"))
    })
}

/// Without unbalanced brackets and dangling separators at either end.
fn trim_edges(s: &str) -> &str {
    let mut s = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{ad}' || c == '.' || c == '-' || c == '/');
    if s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
        s = s.get(..s.len() - 1).unwrap_or(s);
    }
    if s.starts_with('(') && s.matches('(').count() > s.matches(')').count() {
        s = s.get(1..).unwrap_or(s);
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{ad}' || c == '.' || c == '-' || c == '/')
}

/// Without the first digit group and the separators after it ("47034 377…" → "377…").
fn drop_first_group(s: &str) -> &str {
    match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) if s.starts_with(|c: char| c.is_ascii_digit()) => trim_edges(s.get(i..).unwrap_or("")),
        _ => "",
    }
}

fn drop_last_group(s: &str) -> &str {
    match s.rfind(|c: char| !(c.is_ascii_digit())) {
        Some(i) => trim_edges(s.get(..i).unwrap_or("")),
        None => "",
    }
}

/// Digit groups of a candidate, each with the first visible separator before it (' ' when only
/// spaces, '\0' for none).
fn groups(s: &str) -> Vec<(char, String)> {
    let mut out: Vec<(char, String)> = Vec::new();
    let mut sep = '\0';
    let mut current = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            out.push((sep, std::mem::take(&mut current)));
            sep = ' ';
        }
        if !c.is_whitespace() && c != '\u{ad}' && matches!(sep, ' ' | '\0') {
            sep = c;
        }
    }
    if !current.is_empty() {
        out.push((sep, current));
    }
    out
}

/// The confidence of `candidate` (at `s..e` in `text`) being a phone number, or `None`.
fn judge(text: &str, s: usize, e: usize, candidate: &str) -> Option<f32> {
    // Glued to letters or other digits: part of an IBAN, ID, URL or word.
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@' || c == '%');
    if glued(char_before(text, s)) || glued(char_at(text, e)) {
        return None;
    }
    if matches!(char_before(text, s), Some('/' | '.' | '-' | ':' | '=' | '#')) && !has_cue(text, s, 24, CUES) {
        return None;
    }
    if crate::dates::parse_range(candidate).is_some() {
        return None;
    }
    let cue = has_cue(text, s, 24, CUES);
    // "(+39) 347 …": the country code in brackets is still the international form.
    let candidate = candidate.strip_prefix('(').filter(|c| c.starts_with('+') || c.starts_with("00")).unwrap_or(candidate);
    let all: String = candidate.chars().filter(char::is_ascii_digit).collect();
    let groups = groups(candidate);
    if groups.len() > 7 || holds_dotted_date(&groups) {
        return None;
    }
    // A decimal or version: one dot between short groups and nothing else.
    if !candidate.starts_with('+') && groups.len() == 2 && groups.get(1).is_some_and(|g| g.0 == '.') {
        return None;
    }
    // `AAA-GG-SSSS` is the US social security number's shape, also with leading zeros ("007-…").
    let ssn_shape = matches!(groups.as_slice(), [(_, a), ('-', b), ('-', c)] if a.len() == 3 && b.len() == 2 && c.len() == 4);
    if ssn_shape && !cue && !candidate.starts_with('+') {
        return None;
    }
    if let Some(national) = international(candidate, &all) {
        let (cc, nsn) = national;
        let (min, max) = COUNTRIES.iter().find(|(c, _, _)| *c == cc).map_or((6, 12), |&(_, a, b)| (a, b));
        return (min..=max).contains(&nsn.len()).then_some(if cue { 0.97 } else { 0.93 });
    }
    if national_shape(candidate, &all, &groups) {
        return Some(if cue { 0.95 } else { 0.85 });
    }
    if groups.len() == 1 && (cue || !has_cue(text, s, 24, super::ids::CUES)) && bare_national(&all) {
        return Some(if cue { 0.9 } else { 0.8 });
    }
    // An ungrouped national run only after a cue word.
    (cue && groups.len() == 1 && (all.starts_with('0') && (9..=12).contains(&all.len()) || all.len() == 10)).then_some(0.8)
}

/// For `+CC…` / `00CC…`: the country code and the national significant number (without a
/// written trunk "(0)").
fn international(candidate: &str, all: &str) -> Option<(String, String)> {
    let digits_after = if candidate.starts_with('+') {
        all
    } else if candidate.starts_with("00") {
        all.get(2..)?
    } else {
        return None;
    };
    let groups = groups(candidate.trim_start_matches('+'));
    let first = &groups.first()?.1;
    let first = if candidate.starts_with("00") { first.get(2..).unwrap_or("") } else { first.as_str() };
    // The code is the first group when it is short, else the longest known prefix.
    let cc = if (1..=3).contains(&first.len()) {
        first.to_string()
    } else {
        ["351", "353", "1", "44", "91", "49", "33", "34", "39", "31", "55", "48", "41", "43", "32", "61"]
            .iter()
            .find(|c| digits_after.starts_with(*c))?
            .to_string()
    };
    let mut nsn = digits_after.get(cc.len()..)?.to_string();
    // The trunk zero in brackets, alone or opening the area code: "(0)20", "(0121)".
    if candidate.contains("(0") && nsn.starts_with('0') {
        nsn.remove(0);
    }
    // The access prefix and code written twice: "+1 001-555-…".
    if let Some(rest) = nsn.strip_prefix(&format!("00{cc}")) {
        nsn = rest.to_string();
    }
    Some((cc, nsn))
}

fn national_shape(candidate: &str, all: &str, groups: &[(char, String)]) -> bool {
    let lens: Vec<usize> = groups.iter().map(|g| g.1.len()).collect();
    let n = all.len();
    let first = all.chars().next().unwrap_or('x');
    if groups.len() < 2 {
        return false;
    }
    if first == '0' && (9..=12).contains(&n) && lens.iter().all(|&l| l >= 2) {
        return true;
    }
    match (n, lens.as_slice()) {
        (10, [3, 3, 4]) => true,
        (11, [1, 3, 3, 4]) => first == '1',
        (10, [5, 5]) => matches!(first, '6'..='9'),
        (10, [3, 7]) | (10, [3, 3, 2, 2]) => first == '3',
        (9, [3, 3, 3]) | (9, [2, 3, 2, 2]) | (9, [3, 2, 2, 2]) => matches!(first, '5'..='9'),
        (10, [2, 4, 4]) | (11, [2, 5, 4]) => candidate.starts_with('(') || brazilian(groups),
        _ => false,
    }
}

/// `AA NNNN-NNNN` / `AA 9NNNN-NNNN`: a two-digit area code without zeros, the subscriber
/// number hyphenated, and not two years ("12 2019-2020").
fn brazilian(groups: &[(char, String)]) -> bool {
    let [(_, area), (_, head), ('-', tail)] = groups else { return false };
    let year = |g: &str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    !area.contains('0') && (head.len() == 4 || head.starts_with('9')) && !(year(head) && year(tail))
}

/// An ungrouped digit run that a national numbering plan allows (see the module docs).
fn bare_national(all: &str) -> bool {
    let bytes = all.as_bytes();
    let (Some(&first), Some(&second)) = (bytes.first(), bytes.get(1)) else { return false };
    match (all.len(), first) {
        (9..=11, b'0') => second != b'0',
        (10, b'2'..=b'9') => true,
        (9, b'3' | b'6' | b'7') => true,
        (11, b'1'..=b'9') => {
            let digits = super::common::digits(all);
            second != b'0' && bytes.get(2) == Some(&b'9') && !super::checksums::cpf_valid(&digits)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        detect(text).iter().map(|e| e.text(text)).collect()
    }

    #[test]
    fn finds_numbers_of_every_country() {
        for (text, want) in [
            ("Phone: 206-555-0149", "206-555-0149"),
            ("(555) 123-4567", "(555) 123-4567"),
            ("+1-(234)-555-1234", "+1-(234)-555-1234"),
            ("123.456.7890", "123.456.7890"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("Mobile: (+39) 347 5512983 (Mobile)", "(+39) 347 5512983"),
            ("Tel. (0049) 171 2345678", "(0049) 171 2345678"),
            ("07700 900123", "07700 900123"),
            ("+91 98765 43210", "+91 98765 43210"),
            ("98765 43210", "98765 43210"),
            ("Tel.: 030 / 123 456 78", "030 / 123 456 78"),
            ("+49 (0) 171 1234567", "+49 (0) 171 1234567"),
            ("0171-1234567", "0171-1234567"),
            ("01 23 45 67 89", "01 23 45 67 89"),
            ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
            ("612 345 678", "612 345 678"),
            ("+34 612 34 56 78", "+34 612 34 56 78"),
            ("333 1234567", "333 1234567"),
            ("+39 02 1234 5678", "+39 02 1234 5678"),
            ("06-12345678", "06-12345678"),
            ("+31 6 12345678", "+31 6 12345678"),
            ("(11) 91234-5678", "(11) 91234-5678"),
            ("+55 11 91234-5678", "+55 11 91234-5678"),
            ("512 345 678", "512 345 678"),
            ("+48 12 345 67 89", "+48 12 345 67 89"),
            ("0049 30 1234567", "0049 30 1234567"),
            ("(909)\u{a0}555-\u{ad}5555", "(909)\u{a0}555-\u{ad}5555"),
            ("(909) 555\u{2010}5555", "(909) 555\u{2010}5555"),
            ("Mobil: 01711234567", "01711234567"),
            ("+44 (0121) 496 0636", "+44 (0121) 496 0636"),
            ("+44 (029) 2018 0222", "+44 (029) 2018 0222"),
            ("+31 (025) 0732250", "+31 (025) 0732250"),
            ("+31 (0659)-765247", "+31 (0659)-765247"),
            ("+1 001-687-529-8725", "+1 001-687-529-8725"),
            ("17 2198-2614", "17 2198-2614"),
            ("11 91234-5678", "11 91234-5678"),
        ] {
            assert_eq!(spans(text), vec![want], "{text}");
        }
    }

    #[test]
    fn finds_ungrouped_national_numbers() {
        for (text, want) in [
            ("Bristol 01174960962 a@b.org", "01174960962"),
            ("Lyon\t0481054032\t", "0481054032"),
            ("Sesia • 033243181 • ", "033243181"),
            ("MI 5808254294 linda", "5808254294"),
            ("Roma | 3422340369", "3422340369"),
            ("Nazzaro 392258928", "392258928"),
            ("Melo 37991234567", "37991234567"),
            ("Cellulare: 392258928 E-mail", "392258928"),
            ("Piazza Notarbartolo, 1, 47034 3776442963 erika", "3776442963"),
            ("Curryville, GU 29516 635-610-2525 karen", "635-610-2525"),
            ("AR 08839  (897)341-6690  francisco", "(897)341-6690"),
            ("22, 73391729 46 3539-2474 dalbuquerque", "46 3539-2474"),
        ] {
            assert_eq!(spans(text), vec![want], "{text}");
        }
    }

    #[test]
    fn refuses_ungrouped_runs_outside_numbering_plans() {
        for text in [
            "1531717799", "0012345678", "123456789", "01234567", "012345678901", "45678901234", "12 2019-2020",
            "10 1234-5678", "PESEL 02270803628", "099-81-9453", "Nacionalidad: Española\nDNI: 007-49-6732\n", "SSN 123456789 ", "ID 0123456789", "CPF 11144477735", "37939253581", "Ref 8123456789012",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
    }

    #[test]
    fn refuses_dates_years_codes_and_ids() {
        for text in [
            "2019 - 2021", "2019 – 2021", "15.03.1990", "01/2019 - 03/2020", "1990", "10115 Berlin", "12-345 Kraków",
            "DE89 3704 0044 0532 0130 00", "SSN 123-45-6789", "ID 12345678901", "3.14159", "version 10.2.1",
            "ISBN 978-3-16-148410-0", "Budget: 1,250,000", "AB123456C", "75008 Paris", "2010 2012 2015", "12345678",
            "01.10.2018 - 31.07.2020", "1.8.2010 - 31.08.2012 Tel",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
    }
}
