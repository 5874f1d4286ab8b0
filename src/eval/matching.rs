//! The label-matching conventions of the evaluation corpus.
//!
//! Labels are what a reader sees on the page; extracted text may differ in
//! invisible ways. Both sides are normalised the same way before a
//! substring test: Unicode NFC; ligatures ﬁ ﬂ ﬀ ﬃ ﬄ expanded; NBSP, tab, CR and
//! newlines to one space; U+2010/U+2011 to `-`; soft hyphen U+00AD tried both
//! as `-` and as nothing; runs of `-` collapsed; case-insensitive.

use unicode_normalization::UnicodeNormalization;

/// Text prepared for label look-ups: both soft-hyphen readings, normalised.
pub struct MatchText {
    variants: [String; 2],
}

impl MatchText {
    pub fn new(text: &str) -> Self {
        MatchText { variants: [normalise(text, "-"), normalise(text, "")] }
    }

    /// True when `label` (normalised the same way, either soft-hyphen reading) occurs in the text.
    pub fn contains(&self, label: &str) -> bool {
        let labels = [normalise(label, "-"), normalise(label, "")];
        labels.iter().filter(|l| !l.is_empty()).any(|l| self.variants.iter().any(|t| t.contains(l.as_str())))
    }

    /// Like [`MatchText::contains`], but the label must stand as whole words: no letter or digit
    /// right before or after it ("Doe" is not in "does", "Java" not in "JavaScript").
    pub fn contains_word(&self, label: &str) -> bool {
        let labels = [normalise(label, "-"), normalise(label, "")];
        labels.iter().filter(|l| !l.is_empty()).any(|l| self.variants.iter().any(|t| has_word(t, l)))
    }
}

fn has_word(text: &str, label: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(label).any(|(at, m)| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at + m.len()..).and_then(|s| s.chars().next());
        let edge_before = !m.chars().next().is_some_and(char::is_alphanumeric) || !alnum(before);
        let edge_after = !m.chars().next_back().is_some_and(char::is_alphanumeric) || !alnum(after);
        edge_before && edge_after
    })
}

/// Normalise `s` for matching, writing soft hyphens as `soft_hyphen`.
pub fn normalise(s: &str, soft_hyphen: &str) -> String {
    let mut expanded = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(letters) = crate::ligatures::letters(c) {
            expanded.push_str(letters);
            continue;
        }
        match c {
            '\u{00A0}' | '\t' | '\r' | '\n' => expanded.push(' '),
            '\u{2010}' | '\u{2011}' => expanded.push('-'),
            '\u{00AD}' => expanded.push_str(soft_hyphen),
            c => expanded.push(c),
        }
    }
    let mut out = String::with_capacity(expanded.len());
    for c in expanded.nfc().flat_map(char::to_lowercase) {
        let collapsible = c == ' ' || c == '-';
        if collapsible && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_corpus_conventions() {
        let text = MatchText::new("O\u{FB03}ce\tManager\r\n(909)\u{00A0}555-\u{00AD}\u{2010}5555  CAFE\u{0301}");
        assert!(text.contains("office manager"));
        assert!(text.contains("(909) 555-5555"));
        assert!(text.contains("café"));
        assert!(!text.contains("office managers"));
    }

    #[test]
    fn soft_hyphen_is_tried_both_ways() {
        let text = MatchText::new("Data\u{00AD}base");
        assert!(text.contains("Database"));
        assert!(text.contains("Data-base"));
    }

    #[test]
    fn whole_words_only_when_asked() {
        let text = MatchText::new("John Doe does JavaScript (909) 555-5555");
        assert!(text.contains("java") && !text.contains_word("java"));
        assert!(text.contains_word("doe") && text.contains_word("(909) 555-5555"));
        assert!(!MatchText::new("does").contains_word("doe"));
    }

    #[test]
    fn empty_labels_never_match() {
        assert!(!MatchText::new("anything").contains("  "));
    }
}
