//! IBANs (country length + mod-97 checksum) and payment card numbers (issuer prefix, 13–19
//! digits, Luhn). Both are validated, so a match is near-certain (confidence 0.99).

use std::sync::OnceLock;

use regex::Regex;

use super::checksums::{iban_valid, luhn};
use super::common::{cached, char_at, char_before, digits};
use super::{Entity, EntityKind};

const IBAN: &str = r"(?-u:\b)[A-Z]{2}\d{2}(?:[ \u{00A0}]?[A-Z0-9]{1,4}){3,8}";
const CARD: &str = r"(?-u:\b)\d{4}(?:[ \-\u{00A0}]?\d{2,6}){2,4}(?-u:\b)";

static IBAN_RE: OnceLock<Option<Regex>> = OnceLock::new();
static CARD_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// IBAN lengths of the CV countries and their neighbours; other countries: 15..=34.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("DE", 22), ("GB", 22), ("FR", 27), ("ES", 24), ("IT", 27), ("NL", 18), ("PT", 25), ("PL", 28), ("BR", 29),
    ("BE", 16), ("AT", 20), ("CH", 21), ("LU", 20), ("IE", 22), ("DK", 18), ("SE", 24), ("NO", 15), ("FI", 18),
];

/// Every valid IBAN in `text`.
pub fn detect_iban(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&IBAN_RE, IBAN) else { return Vec::new() };
    let mut found = Vec::new();
    for m in re.find_iter(text) {
        let country = m.as_str().get(..2).unwrap_or("");
        let want = IBAN_LENGTHS.iter().find(|(c, _)| *c == country).map(|&(_, l)| l);
        // Shortest prefix of the match that has the country's length and a valid checksum.
        let mut compact = String::new();
        for (i, c) in m.as_str().char_indices() {
            if c.is_ascii_alphanumeric() {
                compact.push(c);
            }
            let end = m.start() + i + c.len_utf8();
            let length_ok = want.map_or((15..=34).contains(&compact.len()), |l| compact.len() == l);
            let at_boundary = char_at(text, end).is_none_or(|n| !n.is_ascii_alphanumeric());
            if length_ok && at_boundary && iban_valid(&compact) {
                found.push(Entity::new(EntityKind::Iban, m.start(), end, 0.99, "iban"));
                break;
            }
        }
    }
    found
}

/// Every Luhn-valid payment card number in `text`.
pub fn detect_cards(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&CARD_RE, CARD) else { return Vec::new() };
    re.find_iter(text)
        .filter(|m| !matches!(char_before(text, m.start()), Some('+' | '-' | '.' | '/')))
        .filter(|m| {
            let d = digits(m.as_str());
            (13..=19).contains(&d.len()) && issuer_prefix(&d) && luhn(&d)
        })
        .map(|m| Entity::new(EntityKind::PaymentCard, m.start(), m.end(), 0.99, "payment_card"))
        .collect()
}

/// Visa 4, Mastercard 51–55 / 22–27, Amex 34/37, Discover/Maestro/UnionPay 6, JCB 35, Diners 30/36/38.
fn issuer_prefix(d: &[u8]) -> bool {
    let two = d.first().copied().unwrap_or(0) * 10 + d.get(1).copied().unwrap_or(0);
    matches!(d.first(), Some(4) | Some(6)) || matches!(two, 51..=55 | 22..=27 | 34 | 37 | 35 | 30 | 36 | 38)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(f: fn(&str) -> Vec<Entity>, text: &str) -> Vec<String> {
        f(text).iter().map(|e| e.text(text).to_string()).collect()
    }

    #[test]
    fn ibans() {
        assert_eq!(spans(detect_iban, "IBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX"), vec!["DE89 3704 0044 0532 0130 00"]);
        assert_eq!(spans(detect_iban, "GB82WEST12345698765432."), vec!["GB82WEST12345698765432"]);
        assert_eq!(spans(detect_iban, "NL91 ABNA 0417 1643 00"), vec!["NL91 ABNA 0417 1643 00"]);
        for text in ["DE89 3704 0044 0532 0130 01", "AB12 CDEF GHIJ", "ISO 27001 certified", "DE12 3456"] {
            assert!(spans(detect_iban, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn cards() {
        assert_eq!(spans(detect_cards, "Card 4111 1111 1111 1111"), vec!["4111 1111 1111 1111"]);
        assert_eq!(spans(detect_cards, "5555-5555-5555-4444"), vec!["5555-5555-5555-4444"]);
        assert_eq!(spans(detect_cards, "3782 822463 10005"), vec!["3782 822463 10005"]);
        for text in ["4111 1111 1111 1112", "1234 5678 9012 3456", "2019 2020 2021 2022", "+4111 1111 1111 1111"] {
            assert!(spans(detect_cards, text).is_empty(), "{text}");
        }
    }
}
