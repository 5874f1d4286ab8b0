//! Street addresses and postcodes.
//!
//! ADDRESS is the street part of a line: number + street word (en "12 Baker Street", fr "12 rue
//! de la Paix"), street word + number (de/nl "Hauptstraße 5", "Dorpsstraat 12"; es/it/pt "Calle
//! Mayor, 5", "Via Roma 12", "Rua Augusta, 100"; pl "ul. Marszałkowska 10"). Street words are
//! capitalised where the language capitalises them, so prose ("via email") stays out.
//!
//! A post-office box ("P.O. Box 48-20117", "Postfach 10 02 03") and the value of an "Address:"
//! field in any of the languages are ADDRESS as written.
//!
//! POSTCODE is the code alone, accepted by country format only where it cannot be a year or a
//! phone fragment: next to a city (a capitalised word after it, or a US state before it), with
//! a "PLZ"/"CEP"/"PIN" cue, or in formats that are distinctive on their own (UK, CA, AR, BR with
//! dash).

use std::sync::OnceLock;

use regex::Regex;

use super::common::{cached, char_at, char_before, has_cue};
use super::{Entity, EntityKind};

const NUMBER_FIRST: &str = r"(?-u:\b)\d{1,5}(?:/\d{1,5})?[a-zA-Z]?,?[ \t]+(?:(?:[A-Z][\w'.-]*[ \t]+){1,4}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Court|Ct\.?|Way|Place|Pl\.?|Terrace|Close|Crescent|Square|Sq\.?|Parkway|Pkwy\.?|Highway|Hwy\.?|Row|Gardens|Mews|Circle|Marg|Path|Chowk|Nagar|Colony|Ganj|Vihar|Enclave|Layout|Bagh|Bazar|Bazaar)(?-u:\b)\.?|(?:bis[ \t]+|ter[ \t]+)?(?i:rue|avenue|av\.|boulevard|bd|chemin|allée|place|impasse|quai|route|cours)[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+l'|du[ \t]+|des[ \t]+|de[ \t]+)?[\w'-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w'-]*){0,3})";
/// Starts at a capital that begins a word (checked in code: a Unicode `\b` would keep the
/// regex engine off its fast DFA on any non-ASCII text).
const NAME_FIRST: &str = r"(?:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w-]* )?[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer|straat|laan|plein|gracht|kade|dijk|singel|-(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Ring|Gasse|Damm|Ufer))[ \t]+\d{1,3}(?:[ \t]?[a-zA-Z](?-u:\b))?(?:[-/]\d{1,3})?(?-u:\b)|(?:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][\w-]*[ \t]+)(?:Straße|Str\.|Weg|Platz|Allee|Ring|Gasse|Damm)[ \t]+\d{1,3}(?:[ \t]?[a-zA-Z](?-u:\b))?(?-u:\b)";
const KEYWORD_FIRST: &str = r"(?-u:\b)(?:Calle|C/|Avenida|Avda\.|Av\.|Plaza|Paseo|Camino|Carrer|Via|Viale|Piazza|Corso|Largo|Vicolo|Rua|Travessa|Praça|Alameda|Estrada|Rodovia|ul\.|al\.|os\.)[ \t]*(?:(?:de|del|della|di|da|do|dos|das|la|los|las)[ \t]+)*[\w'.-]+(?:[ \t]+[\w'.-]+){0,3}?,?[ \t]*(?:n[º°o]\.?[ \t]*|nr[ \t]*)?\d{1,5}[a-zA-Z]?(?:/\d{1,4})?(?-u:\b)";

const POSTCODE_CITY: &str = r"(?-u:\b)(?:[A-Z]-)?(\d{5}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{5}-\d{3}|\d{8})\s+[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][a-zß-öø-ÿąćęłńśźżšžčř]";
const US_ZIP: &str = r"(?-u:\b)(?:AS|FM|GU|MH|MP|PW|PR|VI|AA|AE|AP|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+(\d{5}(?:-\d{4})?)(?-u:\b)";
/// Canadian postal codes ("H3C 7S2"): letter-digit-letter, digit-letter-digit.
const CA: &str = r"(?-u:\b)[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d(?-u:\b)";
static CA_RE: OnceLock<Option<Regex>> = OnceLock::new();
const UK: &str = r"(?-u:\b)[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}(?-u:\b)";
const CUED: &str = r"(?-u:\b)(\d{5}-\d{3}|[1-9]\d{2}\s?\d{3}|\d{5}|\d{2}-\d{3}|\d{4}\s?[A-Z]{2})(?-u:\b)";
/// An Indian PIN after the state (or its last word, when the name was broken over two lines) or
/// "India": "Tamil Nadu - 600001", "Pradesh 264856".
const IN_PIN_AFTER_STATE: &str = r"(?-u:\b)(?:Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|Jharkhand|Karnataka|Kerala|Maharashtra|Manipur|Meghalaya|Mizoram|Nagaland|Odisha|Orissa|Punjab|Rajasthan|Sikkim|Nadu|Telangana|Tripura|Uttarakhand|Bengal|Delhi|Kashmir|Ladakh|Puducherry|Pondicherry|Chandigarh|India)[ \t]*[-–,]?[ \t]*([1-9]\d{2}[ \t]?\d{3})(?-u:\b)";
/// The Argentine CPA ("C1323MJY"), whose shape is its own.
const AR_CPA: &str = r"(?-u:\b)[A-HJ-NP-Z]\d{4}[A-Z]{3}(?-u:\b)";
const IN_PIN_AFTER_CITY: &str = r"[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ][a-zß-öø-ÿąćęłńśźżšžčř]+\s*[-–,]?\s*([1-9]\d{2}\s?\d{3})(?-u:\b)";

/// Post-office boxes in each language, with the number and an attached postcode ("P.O. Box
/// 48-20117", "Postfach 10 02 03", "B.P. 45", "Apartado 123", "Caixa Postal 12", "Postbus 51").
const PO_BOX: &str = r"(?i)(?-u:\b)(?:p\.?[ \t]?o\.?[ \t]?box|post[ \t]+office[ \t]+box|postfach|boîte[ \t]+postale|b\.[ \t]?p\.|apartado(?:[ \t]+de[ \t]+correos)?|caixa[ \t]+postal|casella[ \t]+postale|postbus)[ \t]*[:.]?[ \t]*(?:n[º°o]\.?[ \t]*)?\d{1,6}(?:[ \t]\d{2}){0,2}(?:[ \t]*[-/][ \t]*\d{3,6})?(?-u:\b)";
/// The label of a postal address at the start of a cell ("Address:", "Anschrift\t", "[address:").
const ADDRESS_LABEL: &str = r"(?im)(?:^|[\t|•·;\[(])[ \t]*(?:(?:(?:home|postal|mailing|permanent|present|current|residential|correspondence|private)[ \t]+)?address|adresse(?:[ \t]+postale)?|anschrift|wohnadresse|wohnanschrift|privatadresse|dirección|direccion|domicilio|indirizzo|residenza|endereço|endereco|morada|adres|woonadres|adres[ \t]+zamieszkania)[ \t]*(?::|\t)[ \t]*";

static PO_BOX_RE: OnceLock<Option<Regex>> = OnceLock::new();
static ADDRESS_LABEL_RE: OnceLock<Option<Regex>> = OnceLock::new();
static NUMBER_FIRST_RE: OnceLock<Option<Regex>> = OnceLock::new();
static NAME_FIRST_RE: OnceLock<Option<Regex>> = OnceLock::new();
static KEYWORD_FIRST_RE: OnceLock<Option<Regex>> = OnceLock::new();
static POSTCODE_CITY_RE: OnceLock<Option<Regex>> = OnceLock::new();
static US_ZIP_RE: OnceLock<Option<Regex>> = OnceLock::new();
static UK_RE: OnceLock<Option<Regex>> = OnceLock::new();
static CUED_RE: OnceLock<Option<Regex>> = OnceLock::new();
static IN_PIN_RE: OnceLock<Option<Regex>> = OnceLock::new();
static IN_STATE_PIN_RE: OnceLock<Option<Regex>> = OnceLock::new();
static AR_CPA_RE: OnceLock<Option<Regex>> = OnceLock::new();
static AFTER_STREET_RE: OnceLock<Option<Regex>> = OnceLock::new();
/// What follows a street before its four-digit postcode and town ("…-Weg 4/7, 6965 Salzburg"),
/// on its line or at the start of the next.
const AFTER_STREET: &str = r"^,?(?:[ \t]+|[ \t]*\n[ \t]*)(\d{4})[ \t]+[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŠŽČŘ]";

const POSTCODE_CUES: &[&str] = &["plz", "zip", "zip code", "postcode", "post code", "postal code", "code postal", "cp", "c.p", "cap", "cep", "pin", "pincode", "pin code", "kod pocztowy", "postcode:"];

/// Every street address line part in `text`.
pub fn detect_addresses(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    for (cell, pattern) in [(&NUMBER_FIRST_RE, NUMBER_FIRST), (&NAME_FIRST_RE, NAME_FIRST), (&KEYWORD_FIRST_RE, KEYWORD_FIRST)] {
        let Some(re) = cached(cell, pattern) else { continue };
        for m in re.find_iter(text) {
            if char_before(text, m.start()).is_some_and(char::is_alphanumeric) {
                continue;
            }
            // Not inside a longer number or a date ("2019 Place…", "3.5 Road").
            if matches!(char_before(text, m.start()), Some('.' | ',' | '/' | '-')) && m.as_str().starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            // A year is no house number ("et al. Nature 2019", "Arbeitsplatz 2019").
            let has_year = m.as_str().split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse::<u32>().ok()).any(|n| (1900..=2099).contains(&n));
            if has_year {
                continue;
            }
            found.push(Entity::new(EntityKind::Address, m.start(), m.end().min(text.len()), 0.8, "address"));
        }
    }
    if let Some(re) = cached(&PO_BOX_RE, PO_BOX) {
        found.extend(re.find_iter(text).map(|m| Entity::new(EntityKind::Address, m.start(), m.end(), 0.85, "address")));
    }
    found.extend(labelled_addresses(text));
    found
}

/// Longest value taken whole after an address label.
const MAX_LABELLED_BYTES: usize = 160;

/// The value of an "Address:" field, which is the address whatever its shape ("7(1), North
/// Street, Ramnad (dt)", "Kabac, Cebu 6000"): from the label to the end of its cell (a separator,
/// a tab, two spaces, a closing bracket or the next "Label:"), when it holds a digit or a comma,
/// as a postal address does and a bare city or "on request" does not.
fn labelled_addresses(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&ADDRESS_LABEL_RE, ADDRESS_LABEL) else { return Vec::new() };
    let mut found = Vec::new();
    for m in re.find_iter(text) {
        let rest = text.get(m.end()..).unwrap_or("");
        let value = cell_value(rest);
        let shaped = value.contains(|c: char| c.is_ascii_digit() || c == ',');
        if shaped && value.chars().filter(|c| c.is_alphabetic()).count() >= 2 && value.len() <= MAX_LABELLED_BYTES {
            found.push(Entity::new(EntityKind::Address, m.end(), m.end() + value.len(), 0.85, "address"));
            // "Via Roma, 7," / "40127, Bologna, Italy": a value whose line ends at a comma wraps
            // onto the next line; its numbered parts (flat, postcode) are the address too. The
            // town after them stays a place, which the home-town detector reads.
            let line_end = rest.find(['\n', '\u{c}']).unwrap_or(rest.len());
            let wraps = rest.get(..line_end).is_some_and(|line| line.trim_end().ends_with(',') && line.trim_end().trim_end_matches(',').len() == value.len());
            if let Some(next) = rest.get(line_end + 1..).filter(|_| wraps) {
                let lead = next.len() - next.trim_start_matches([' ', '\t']).len();
                let cell = cell_value(next.get(lead..).unwrap_or(""));
                let mut numbered = 0;
                for part in cell.split_inclusive(',') {
                    if !part.contains(|c: char| c.is_ascii_digit()) {
                        break;
                    }
                    numbered += part.len();
                }
                let more = cell.get(..numbered).unwrap_or("").trim_end_matches([',', ' ']);
                if more.contains(|c: char| c.is_alphanumeric()) && value.len() + more.len() <= MAX_LABELLED_BYTES {
                    let start = m.end() + line_end + 1 + lead;
                    found.push(Entity::new(EntityKind::Address, start, start + more.len(), 0.85, "address"));
                }
            }
        }
    }
    found
}

/// The text of one cell at the start of `rest`: up to a line break, a tab, a separator, two
/// spaces, a closing bracket or the next "Label:" ("… 80331 München Phone: +49…" stops before
/// "Phone"), without trailing punctuation.
fn cell_value(rest: &str) -> &str {
    let mut end = rest.find(['\n', '\u{c}', '\t', '|', '•', '·', ']']).unwrap_or(rest.len());
    end = end.min(rest.find("  ").unwrap_or(rest.len()));
    if let Some(colon) = rest.get(..end).and_then(|v| v.find(':')) {
        end = rest.get(..colon).and_then(|v| v.rfind(' ')).unwrap_or(0);
    }
    rest.get(..end).unwrap_or("").trim_end_matches([' ', ',', ';', '.', '\u{a0}'])
}

/// Every postcode in `text` that sits next to a city, a US state or a postcode cue.
pub fn detect_postcodes(text: &str) -> Vec<Entity> {
    postcodes_after(text, &detect_addresses(text))
}

/// [`detect_postcodes`] given the text's street addresses (`detect_addresses`), so a caller
/// that has them does not scan for them twice.
pub fn postcodes_after(text: &str, streets: &[Entity]) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut push = |s: usize, e: usize, c: f32| {
        let glued = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_digit() || ch == '+' || ch == '.' || ch == '/');
        if !glued(char_before(text, s)) && !glued(char_at(text, e)) {
            found.push(Entity::new(EntityKind::Postcode, s, e, c, "postcode"));
        }
    };
    if let Some(re) = cached(&POSTCODE_CITY_RE, POSTCODE_CITY) {
        for caps in re.captures_iter(text) {
            let (Some(whole), Some(code)) = (caps.get(0), caps.get(1)) else { continue };
            // "over 50000 Users": a code starts its line or follows a separator (", 10115 Berlin").
            if !starts_an_address_part(text, whole.start()) {
                continue;
            }
            let s = code.as_str();
            // NL codes never use SA, SD or SS; a 4-digit NL code is not a year followed by initials.
            let nl_bad = s.chars().any(|c| c.is_ascii_uppercase()) && (s.ends_with("SA") || s.ends_with("SD") || s.ends_with("SS") || s.starts_with('0'));
            let year_like = s.get(..4).and_then(|y| y.parse::<u32>().ok()).is_some_and(|y| (1900..=2099).contains(&y)) && s.len() <= 7 && !s.contains('-');
            if nl_bad || (year_like && s.chars().any(|c| c.is_ascii_uppercase()) && !in_contact_context(text, code.start())) {
                continue;
            }
            push(code.start(), code.end(), 0.85);
        }
    }
    // Four-digit codes (AT, CH, BE, DK, NO, HU, AU…) could be years anywhere else: only right
    // after a street.
    if let Some(re) = cached(&AFTER_STREET_RE, AFTER_STREET) {
        for street in streets {
            if let Some(code) = text.get(street.end..).and_then(|rest| re.captures(rest)).and_then(|caps| caps.get(1)) {
                push(street.end + code.start(), street.end + code.end(), 0.85);
            }
        }
    }
    for (cell, pattern) in [(&IN_STATE_PIN_RE, IN_PIN_AFTER_STATE), (&AR_CPA_RE, AR_CPA)] {
        let Some(re) = cached(cell, pattern) else { continue };
        for caps in re.captures_iter(text) {
            if let Some(code) = caps.get(1).or_else(|| caps.get(0)) {
                push(code.start(), code.end(), 0.85);
            }
        }
    }
    for (cell, pattern) in [(&US_ZIP_RE, US_ZIP), (&IN_PIN_RE, IN_PIN_AFTER_CITY)] {
        let Some(re) = cached(cell, pattern) else { continue };
        for caps in re.captures_iter(text) {
            if let Some(code) = caps.get(1) {
                let is_pin = code.as_str().replace(' ', "").len() == 6;
                if is_pin && !in_contact_context(text, code.start()) {
                    continue;
                }
                push(code.start(), code.end(), 0.85);
            }
        }
    }
    for (cell, pattern) in [(&UK_RE, UK), (&CA_RE, CA)] {
        let Some(re) = cached(cell, pattern) else { continue };
        for m in re.find_iter(text) {
            push(m.start(), m.end(), 0.85);
        }
    }
    if let Some(re) = cached(&CUED_RE, CUED) {
        for caps in re.captures_iter(text) {
            if let Some(code) = caps.get(1) {
                if has_cue(text, code.start(), 16, POSTCODE_CUES) {
                    push(code.start(), code.end(), 0.9);
                }
            }
        }
    }
    found
}

/// Nothing but bullets or a separator (`,` `|` `·` `-` `;` `:`) before `at` on its line, or an
/// address context.
fn starts_an_address_part(text: &str, at: usize) -> bool {
    let before = super::common::line_before(text, at, 200);
    let before = before.trim_end();
    before.is_empty()
        || before.ends_with([',', '|', '·', '•', '-', '–', ';', ':', '/'])
        || before.chars().all(|c| !c.is_alphanumeric())
        || in_contact_context(text, at)
}

/// The line holds an address cue or a street, or is short like a contact line.
fn in_contact_context(text: &str, at: usize) -> bool {
    has_cue(text, at, 80, &["address", "adresse", "anschrift", "dirección", "direccion", "indirizzo", "adres", "endereço", "endereco", "adres zamieszkania", "pin", "pincode"])
        || !detect_addresses(line_head(text, at, 120)).is_empty()
}

/// Up to `max_bytes` of the line before byte `at`, as written.
fn line_head(text: &str, at: usize, max_bytes: usize) -> &str {
    let Some(head) = text.get(..at) else { return "" };
    let line_start = head.rfind(['\n', '\u{c}']).map_or(0, |i| i + 1);
    let mut from = at.saturating_sub(max_bytes).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<&str> {
        detect_addresses(text).iter().map(|e| e.text(text)).collect()
    }
    fn postcodes(text: &str) -> Vec<&str> {
        let mut v: Vec<&str> = detect_postcodes(text).iter().map(|e| e.text(text)).collect();
        v.dedup();
        v
    }

    #[test]
    fn street_lines_in_every_language() {
        for (text, want) in [
            ("221B Baker Street, London", "221B Baker Street"),
            ("1600 Pennsylvania Ave., Washington", "1600 Pennsylvania Ave."),
            ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5"),
            ("Berliner Straße 12a", "Berliner Straße 12a"),
            ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix"),
            ("Calle Mayor, 5", "Calle Mayor, 5"),
            ("C/ Alcalá 45, Madrid", "C/ Alcalá 45"),
            ("Via Roma 12, Milano", "Via Roma 12"),
            ("Dorpsstraat 12, 1012 AB Amsterdam", "Dorpsstraat 12"),
            ("Rua Augusta, 100", "Rua Augusta, 100"),
            ("ul. Marszałkowska 10/12", "ul. Marszałkowska 10/12"),
            ("Jana Roe\nLindenstr. 50A\n13595 Berlin", "Lindenstr. 50A"),
            ("Jana Roe\nKirchgasse 2", "Kirchgasse 2"),
            ("Hanne-Nüte-Weg 4/7, 6965 Ort", "Hanne-Nüte-Weg 4/7"),
            ("Am Dittmar-Ring 98", "Am Dittmar-Ring 98"),
            ("88, Dugar Chowk, Pune", "88, Dugar Chowk"),
            ("31/125, Gera Marg, Nizamabad", "31/125, Gera Marg"),
            ("32/465, Luthra Circle", "32/465, Luthra Circle"),
            ("P.O Box 48-20117, Exampleton", "P.O Box 48-20117"),
            ("Postfach 10 02 03", "Postfach 10 02 03"),
            ("Apartado de correos 1234", "Apartado de correos 1234"),
            ("B.P. 45, Dakar", "B.P. 45"),
            ("Caixa Postal 123", "Caixa Postal 123"),
            ("[address:4(2), east lane, ramnad(dt).]", "4(2), east lane, ramnad(dt)"),
            ("Address: Flat 12, Sector 4, Pune - 411001", "Flat 12, Sector 4, Pune - 411001"),
            ("Domicilio: Barrio Centro, Cali", "Barrio Centro, Cali"),
            ("Anschrift\tAm Hang 4, 12345 Ort | Tel: 0301", "Am Hang 4, 12345 Ort"),
            ("Anschrift  Lindenallee 9, 12345 Ort", "Lindenallee 9"),
            ("Indirizzo: Contrada Pozzo 7 Cellulare: 333", "Contrada Pozzo 7"),
        ] {
            assert_eq!(addresses(text), vec![want], "{text}");
        }
    }

    #[test]
    fn a_labelled_address_wrapped_after_a_comma_goes_on() {
        let text = "Mail: a@b.c | Indirizzo: Vicolo Stretto, 4,\n61100, Borgo Alto, Italia (Casa) | Web: example.org\nPROFILO";
        let mut found = addresses(text);
        found.dedup();
        assert_eq!(found, ["Vicolo Stretto, 4", "61100"]);
        let mut found = addresses("Address: Vicolo Stretto 4,\nFlat 9, 61100, Borgo Alto");
        found.dedup();
        assert_eq!(found, ["Vicolo Stretto 4", "Flat 9, 61100"]);
        // A value ending its line without a comma is whole.
        let mut found = addresses("Address: Vicolo Stretto 4\nSkills: Excel, Word");
        found.dedup();
        assert_eq!(found, ["Vicolo Stretto 4"]);
    }

    #[test]
    fn prose_is_not_an_address() {
        for text in ["Address: Berlin", "Address: on request", "E-mail address: a@b.c", "IP address: 10.0.0.1", "Haus 5\nMain Street", "sent via email 24/7", "Engineering 5 years", "2019 Place of the year", "Spring 2019", "Arbeitsplatz 2019", "3 Drive folders", "et al. Nature 2019"] {
            assert!(addresses(text).is_empty(), "{text}: {:?}", addresses(text));
        }
    }

    #[test]
    fn postcodes_by_country() {
        for (text, want) in [
            ("10115 Berlin", "10115"),
            ("D-80331 München", "80331"),
            ("75008 Paris", "75008"),
            ("28013 Madrid", "28013"),
            ("20121 Milano", "20121"),
            ("1012 AB Amsterdam", "1012 AB"),
            ("00-950 Warszawa", "00-950"),
            ("01310-100 São Paulo", "01310-100"),
            ("Seattle, WA 98101", "98101"),
            ("London SW1A 1AA", "SW1A 1AA"),
            ("Address: Andheri, Mumbai - 400053", "400053"),
            ("PLZ: 10115", "10115"),
            ("Hanne-Nüte-Weg 4/7, 6965 Ort", "6965"),
            ("Kirchgasse 2, 3011 Bern", "3011"),
            ("Kirchgasse 2\n3011 Bern", "3011"),
            ("Karnataka - 560001", "560001"),
            ("Pradesh 264856", "264856"),
            ("Sarmiento 2879, C1323MJY CABA", "C1323MJY"),
            ("Lynchfurt, FM 90419", "90419"),
            ("88, Dugar Chowk, Mira-Bhayandar 258630", "258630"),
            ("Montréal, QC H3C 7S2", "H3C 7S2"),
            ("Rua Sete, 88613636 Campo Verde", "88613636"),
        ] {
            assert_eq!(postcodes(text), vec![want], "{text}");
        }
    }

    #[test]
    fn years_and_numbers_are_not_postcodes() {
        for text in ["2019 Berlin office", "2019 AB Testing", "Tel 0171 12345 Berlin", "12345", "3.14159 Pi", "Mumbai 400053 units sold", "over 50000 Users", "et al. Nature 2019",
            "2019 Berlin", "founded 1999 Zürich", "Karnataka grew 12%", "ABC1234XY", "A1B2C3D4", "revenue 88613636 Users",
        ] {
            assert!(postcodes(text).is_empty(), "{text}: {:?}", postcodes(text));
        }
    }
}
