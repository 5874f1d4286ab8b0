//! Word lists shared by the section finder and the featurizer, in one place.
//!
//! CVs in the eight supported languages (en, de, fr, es, it, nl, pt, pl) use a small, closed
//! vocabulary for their structure: section headings, month names, "present", organisation
//! suffixes, school and degree words, job-title head words, contact and sensitive-attribute cue
//! words. Keeping those lists here means the section finder and the featurizer agree on them and a
//! new word is added once. Lookups work on [`fold`]ed words (lowercase, diacritics removed), so
//! "Expérience", "EXPERIENCE" and "experience" are the same entry.

pub mod headings;
pub mod words;

use unicode_normalization::UnicodeNormalization;

/// Lowercase `s` and strip diacritics ("Électricité" → "electricite", "Łódź" → "lodz").
pub fn fold(s: &str) -> String {
    // Most words are ASCII, whose decomposition is themselves: skip the NFD pass (5 % of a wasm
    // anonymize call in issue 8's profile).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The alphanumeric runs of `s`, folded: "Honors/Awards:" → ["honors", "awards"].
pub fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Expérience"), "experience");
        assert_eq!(fold("DOŚWIADCZENIE"), "doswiadczenie");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("McKinsey & Co."), "mckinsey & co.");
        assert_eq!(folded_words("Honors/Awards:"), ["honors", "awards"]);
        assert_eq!(
            folded_words("Centres d'intérêt"),
            ["centres", "d", "interet"]
        );
    }
}
