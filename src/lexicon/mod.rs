//! Word lists shared by the section finder, the featurizer and the parser's rules, in one place.
//!
//! CVs in the eight supported languages (en, de, fr, es, it, nl, pt, pl) use a small, closed
//! vocabulary for their structure: section headings, month names, "present", organisation
//! suffixes, school and degree words, job-title head words, contact and sensitive-attribute cue
//! words. Keeping those lists here means the stages that read them agree on them and a new word
//! is added once. Lookups work on [`fold`](crate::fold::fold)ed words (lowercase,
//! diacritics removed), so "Expérience", "EXPERIENCE" and "experience" are the same entry.

pub mod entry_words;
pub mod headings;
pub mod name_labels;
pub mod person_words;
pub mod words;

use crate::fold::fold;

/// Word → class of word lists where a word listed twice keeps its first class: one hash lookup
/// where the lists are asked of every word.
pub fn first_listed<K: Copy>(lists: &[(K, &[&'static str])]) -> std::collections::HashMap<&'static str, K> {
    let mut by_word = std::collections::HashMap::new();
    for (class, words) in lists {
        for word in *words {
            by_word.entry(*word).or_insert(*class);
        }
    }
    by_word
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
    fn folded_words_are_the_alphanumeric_runs() {
        assert_eq!(folded_words("Honors/Awards:"), ["honors", "awards"]);
        assert_eq!(
            folded_words("Centres d'intérêt"),
            ["centres", "d", "interet"]
        );
    }
}
