//! Places and their countries.
//!
//! Detection reads the candidate's country and the "City, ST" places of their contact lines with
//! this; the anonymiser's generalise operator turns "Seattle, WA" into "United States": the country is what a
//! recruiter may legitimately need (work permits, time zones), the city is what narrows a
//! candidate down. Only signals written in the place itself count — a country name (English or
//! the locale's own), a US state or Canadian province — plus the profile's `countryCode` for the
//! candidate's home. A place without such a signal is not guessed at: it becomes a placeholder.

/// Country names as written, lower case, per country (English name first).
const COUNTRIES: &[(&str, &[&str])] = &[
    ("United States", &["united states", "usa", "u.s.a.", "u.s.", "us", "estados unidos", "états-unis", "vereinigte staaten"]),
    ("United Kingdom", &["united kingdom", "uk", "u.k.", "england", "scotland", "wales", "northern ireland", "great britain", "royaume-uni", "reino unido", "vereinigtes königreich"]),
    ("Germany", &["germany", "deutschland", "allemagne", "alemania", "germania", "niemcy", "duitsland", "alemanha"]),
    ("France", &["france", "frankreich", "francia", "francja", "frankrijk", "frança"]),
    ("Spain", &["spain", "españa", "espagne", "spanien", "spagna", "hiszpania", "spanje", "espanha"]),
    ("Italy", &["italy", "italia", "italie", "italien", "włochy", "italië", "itália"]),
    ("Netherlands", &["netherlands", "the netherlands", "nederland", "pays-bas", "niederlande", "países bajos", "holandia", "holanda"]),
    ("Poland", &["poland", "polska", "pologne", "polen", "polonia", "polônia"]),
    ("Brazil", &["brazil", "brasil", "brésil", "brasilien", "brasile", "brazylia", "brazilië"]),
    ("India", &["india", "inde", "indien", "indie", "índia"]),
    ("Canada", &["canada", "kanada", "canadá"]),
    ("Australia", &["australia", "australie", "australien", "austrália"]),
    ("Ireland", &["ireland", "irlande", "irland", "irlanda", "irlandia"]),
    ("Austria", &["austria", "österreich", "autriche"]),
    ("Switzerland", &["switzerland", "schweiz", "suisse", "svizzera", "suiza"]),
    ("Belgium", &["belgium", "belgique", "belgië", "belgien", "bélgica"]),
    ("Portugal", &["portugal"]),
    ("Mexico", &["mexico", "méxico", "mexique"]),
];

/// ISO 3166-1 alpha-2 codes of the countries above.
const CODES: &[(&str, &str)] = &[
    ("US", "United States"), ("GB", "United Kingdom"), ("UK", "United Kingdom"), ("DE", "Germany"),
    ("FR", "France"), ("ES", "Spain"), ("IT", "Italy"), ("NL", "Netherlands"), ("PL", "Poland"),
    ("BR", "Brazil"), ("IN", "India"), ("CA", "Canada"), ("AU", "Australia"), ("IE", "Ireland"),
    ("AT", "Austria"), ("CH", "Switzerland"), ("BE", "Belgium"), ("PT", "Portugal"), ("MX", "Mexico"),
];

const US_STATE_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
];

const US_STATES: &[&str] = &[
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
    "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
];

const CANADIAN_PROVINCE_CODES: &[&str] = &["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];

/// The country a written place lies in, when the place itself says so.
pub fn country_of(place: &str) -> Option<&'static str> {
    let lower = place.to_lowercase();
    let words = words(&lower);
    for (country, names) in COUNTRIES {
        if names.iter().any(|name| contains_phrase(&words, name)) {
            return Some(country);
        }
    }
    if US_STATES.iter().any(|state| contains_phrase(&words, state)) {
        return Some("United States");
    }
    // Region codes only in the "City, ST" position: upper case, after a comma.
    for part in place.split(',').skip(1) {
        let Some(code) = part.split_whitespace().next() else { continue };
        if US_STATE_CODES.contains(&code) {
            return Some("United States");
        }
        if CANADIAN_PROVINCE_CODES.contains(&code) {
            return Some("Canada");
        }
    }
    None
}

/// True when `s` is itself a country's name in one of the supported languages ("Deutschland",
/// "Italia", "United Kingdom").
pub fn is_country_name(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    COUNTRIES.iter().any(|(_, names)| names.contains(&lower.as_str()))
}

/// The country's English name for an ISO alpha-2 code (the profile's `countryCode`).
pub fn country_of_code(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    CODES.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// Byte spans of "City, ST" / "City, Country" places in one contact line ("NYC, NY",
/// "Elm Grove, CA 95123", "Lyon, France"): up to three capitalised words, a comma, then a region
/// code or a country or state name (and a trailing postcode). Used on the candidate's contact
/// block, where such a place is their address.
pub fn find_places(line: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (comma, _) in line.match_indices(',') {
        let Some(after) = line.get(comma + 1..) else { continue };
        let Some(end) = region_end(after).map(|e| comma + 1 + e) else { continue };
        let Some(before) = line.get(..comma) else { continue };
        let Some(start) = place_start(before) else { continue };
        if found.last().is_none_or(|&(_, last_end)| start >= last_end) {
            found.push((start, end));
        }
    }
    found
}

/// End (relative to `after`) of a region written after a comma, if one is.
fn region_end(after: &str) -> Option<usize> {
    let trimmed = after.trim_start();
    let lead = after.len() - trimmed.len();
    let word_end = trimmed.find(|c: char| !(c.is_alphabetic() || c == '.')).unwrap_or(trimmed.len());
    let word = trimmed.get(..word_end)?;
    let mut end = if US_STATE_CODES.contains(&word) || CANADIAN_PROVINCE_CODES.contains(&word) {
        lead + word_end
    } else {
        // One to three capitalised words naming a country or a state.
        let mut best = None;
        let mut cursor = 0;
        for _ in 0..3 {
            let rest = trimmed.get(cursor..)?;
            let w_end = rest.find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-')).unwrap_or(rest.len());
            let w = rest.get(..w_end)?;
            if !w.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            cursor += w_end;
            let phrase = trimmed.get(..cursor)?;
            if country_of(phrase).is_some() {
                best = Some(lead + cursor);
            }
            if !trimmed.get(cursor..)?.starts_with(' ') {
                break;
            }
            cursor += 1;
        }
        best?
    };
    // A postcode after the region ("CA 91377").
    let rest = after.get(end..)?;
    let digits = rest.strip_prefix(' ').map(|r| r.chars().take_while(char::is_ascii_digit).count()).unwrap_or(0);
    if (4..=6).contains(&digits) {
        end += 1 + digits;
    }
    Some(end)
}

/// Start of up to three capitalised words right before a comma.
fn place_start(before: &str) -> Option<usize> {
    let mut start = None;
    let mut cursor = before.len();
    for _ in 0..3 {
        let head = before.get(..cursor)?;
        let word_start = head.rfind(|c: char| !(c.is_alphabetic() || c == '.' || c == '-' || c == '\'')).map_or(0, |i| i + head.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8));
        let word = head.get(word_start..)?;
        if word.is_empty() || !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        start = Some(word_start);
        if word_start == 0 || !head.get(..word_start)?.ends_with(' ') {
            break;
        }
        cursor = word_start - 1;
    }
    start
}

/// International calling codes of the supported locales (+1 is shared by several countries and
/// left out).
const CALLING_CODES: &[(&str, &str)] = &[
    ("44", "United Kingdom"), ("49", "Germany"), ("33", "France"), ("34", "Spain"), ("39", "Italy"),
    ("31", "Netherlands"), ("48", "Poland"), ("55", "Brazil"), ("91", "India"), ("43", "Austria"),
    ("41", "Switzerland"), ("32", "Belgium"), ("351", "Portugal"), ("353", "Ireland"), ("52", "Mexico"),
    ("61", "Australia"),
];

/// The country of a phone number written with its international prefix ("+49 170…", "0044 20…").
pub fn country_of_phone(phone: &str) -> Option<&'static str> {
    let t = phone.trim_start_matches(['(', ' ']);
    let digits = t.strip_prefix('+').or_else(|| t.strip_prefix("00"))?;
    let digits: String = digits.chars().take_while(|c| c.is_ascii_digit()).take(3).collect();
    CALLING_CODES.iter().filter(|(code, _)| digits.starts_with(code)).max_by_key(|(code, _)| code.len()).map(|(_, country)| *country)
}

fn words(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')).filter(|w| !w.is_empty()).map(|w| w.trim_end_matches('.')).collect()
}

/// `phrase` (one or more words) occurs as whole words in `words`.
fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').map(|w| w.trim_end_matches('.')).collect();
    !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_their_country() {
        assert_eq!(country_of("Seattle, WA"), Some("United States"));
        assert_eq!(country_of("Elm Grove, CA 95123"), Some("United States"));
        assert_eq!(country_of("Denver, Colorado"), Some("United States"));
        assert_eq!(country_of("Tampa, Florida, United States"), Some("United States"));
        assert_eq!(country_of("Toronto, ON"), Some("Canada"));
        assert_eq!(country_of("80331 München, Deutschland"), Some("Germany"));
        assert!(is_country_name("Deutschland") && is_country_name("Italia") && !is_country_name("München, Deutschland"));
        assert_eq!(country_of("Manchester, UK"), Some("United Kingdom"));
        assert_eq!(country_of_code("de"), Some("Germany"));
        assert_eq!(country_of_phone("+49 (0)7882 308549"), Some("Germany"));
        assert_eq!(country_of_phone("0044 20 7946 0000"), Some("United Kingdom"));
        assert_eq!(country_of_phone("+1-(234)-555-1234"), None);
        assert_eq!(country_of_phone("030 1234567"), None);
    }

    #[test]
    fn contact_lines_give_their_places() {
        let find = |line: &str| find_places(line).into_iter().map(|(s, e)| line[s..e].to_string()).collect::<Vec<_>>();
        assert_eq!(find("mail@x.org 555-010-2233 NYC, NY github.com/x"), ["NYC, NY"]);
        assert_eq!(find("Elm Grove, CA 95123 ▪ ▪ 123-456-7890"), ["Elm Grove, CA 95123"]);
        assert_eq!(find("Tacoma, WA | 253-555-0182"), ["Tacoma, WA"]);
        assert_eq!(find("Rue de la Paix 3, 75002 Paris, France"), ["Paris, France"]);
        assert_eq!(find("Denver, Colorado"), ["Denver, Colorado"]);
        assert!(find("Python, Rust, Go").is_empty());
        assert!(find("Skills, Tools").is_empty());
    }

    #[test]
    fn places_without_a_signal_are_not_guessed() {
        assert_eq!(country_of("Burg"), None);
        assert_eq!(country_of("Hamburg"), None);
        // A lower-case "in" or "us" inside a sentence is not a state code.
        assert_eq!(country_of("Plaza Mayor, in the centre"), None);
        assert_eq!(country_of("Campus"), None);
    }
}
