//! Generalising a place to its country.
//!
//! The generalise operator turns "Seattle, WA" into "United States": the country is what a
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

/// The country's English name for an ISO alpha-2 code (the profile's `countryCode`).
pub fn country_of_code(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    CODES.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
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
        assert_eq!(country_of("Oak Park, CA 91377"), Some("United States"));
        assert_eq!(country_of("Denver, Colorado"), Some("United States"));
        assert_eq!(country_of("Orlando, Florida, United States"), Some("United States"));
        assert_eq!(country_of("Toronto, ON"), Some("Canada"));
        assert_eq!(country_of("80331 München, Deutschland"), Some("Germany"));
        assert_eq!(country_of("Manchester, UK"), Some("United Kingdom"));
        assert_eq!(country_of_code("de"), Some("Germany"));
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
