//! Folding: the one way the crate compares words and finds values regardless of case and accents.
//!
//! CVs write the same word "Expérience", "EXPERIENCE" and "experience", and the same name
//! "Müller", "MULLER" and "muller". [`fold`] maps each to one form (lowercase, diacritics
//! removed); the word lists, the date parser, the section finder and the featurizer compare folded
//! words. Finding every re-occurrence of a value in a document needs one folded copy of the
//! text ([`Folded`]) that remembers which original bytes each folded char came from, and
//! [`Needles`] searches it for many values in one pass. Both fold char by char with [`fold`], so a
//! word and the text it is found in are folded alike.

use std::collections::HashMap;


use crate::error::Result;
use crate::limits::Budget;

/// Lowercase `s` and strip diacritics ("Électricité" → "electricite", "Łódź" → "lodz").
pub fn fold(s: &str) -> String {
    // Most words are ASCII, whose decomposition is themselves: skip the NFD pass, a measurable
    // share of an anonymize call.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// One char as [`fold`] folds it, given to `push` char by char (none for a lone combining mark),
/// without allocating: folding a whole text goes through here once per char.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        return push(c.to_ascii_lowercase());
    }
    unicode_normalization::char::decompose_canonical(c, |d| {
        if unicode_normalization::char::is_combining_mark(d) {
            return;
        }
        match d {
            'ł' | 'Ł' => push('l'),
            'ø' | 'Ø' => push('o'),
            'ß' => {
                push('s');
                push('s');
            }
            'đ' | 'Đ' => push('d'),
            _ => d.to_lowercase().for_each(&mut push),
        }
    });
}

/// Folded chars of a text, each with the byte range of the original char it came from.
pub struct Folded {
    pub chars: Vec<char>,
    pub spans: Vec<(usize, usize)>,
}

/// Fold one string to chars (for needles).
pub fn fold_str(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// One char folded the way [`fold`] folds words.
fn push_folded(c: char, out: &mut Vec<char>) {
    fold_char(c, |f| out.push(f));
}

/// A folded key for comparing values ("Red Hat" and "RED  HAT" give the same key).
pub fn fold_key(s: &str) -> String {
    let folded: String = fold_str(s).into_iter().collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Folded {
    pub fn new(text: &str, budget: &mut Budget) -> Result<Self> {
        budget.spend(text.len() as u64 / 16)?;
        let mut chars = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(text.len());
        for (start, c) in text.char_indices() {
            let end = start + c.len_utf8();
            fold_char(c, |f| {
                chars.push(f);
                spans.push((start, end));
            });
        }
        Ok(Folded { chars, spans })
    }

    /// Original byte range of folded chars `from..to` (`to` exclusive, non-empty).
    pub fn byte_range(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let start = self.spans.get(from)?.0;
        let end = self.spans.get(to.checked_sub(1)?)?.1;
        Some((start, end))
    }

    pub fn is_word_char(&self, index: usize) -> bool {
        self.chars.get(index).is_some_and(|c| c.is_alphanumeric())
    }

    /// Whether folded chars `from..to` stand as a whole word (no letter or digit either side).
    pub fn is_whole_word(&self, from: usize, to: usize) -> bool {
        (from == 0 || !self.is_word_char(from - 1)) && !self.is_word_char(to)
    }

    /// Start indices of every occurrence of `needle` (folded), whitespace in the needle matching
    /// any run of spaces in the text. For many needles use [`Needles`]: one pass for all of them.
    pub fn find_all(&self, needle: &[char], budget: &mut Budget) -> Result<Vec<(usize, usize)>> {
        let mut found = Vec::new();
        let Some(&first) = needle.first() else { return Ok(found) };
        budget.spend(self.chars.len() as u64 / 8)?;
        for i in 0..self.chars.len() {
            if self.chars.get(i) != Some(&first) {
                continue;
            }
            if let Some(end) = self.match_at(i, needle) {
                found.push((i, end));
            }
        }
        Ok(found)
    }

    /// End (exclusive) of a match of `needle` starting at `i`; runs of white space in the needle
    /// match runs of spaces, tabs or line breaks in the text.
    fn match_at(&self, i: usize, needle: &[char]) -> Option<usize> {
        let mut t = i;
        let mut n = 0;
        while n < needle.len() {
            let want = *needle.get(n)?;
            if want.is_whitespace() {
                while needle.get(n).is_some_and(|c| c.is_whitespace()) {
                    n += 1;
                }
                let start = t;
                // A value may wrap onto the next line ("the Windrow\nSchool District").
                while self.chars.get(t).is_some_and(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '\n')) {
                    t += 1;
                }
                if t == start {
                    return None;
                }
                continue;
            }
            if *self.chars.get(t)? != want {
                return None;
            }
            t += 1;
            n += 1;
        }
        Some(t)
    }
}

/// Many folded needles searched in one pass over a [`Folded`] text.
///
/// Looking for each of a document's removed values (or profile values) with [`Folded::find_all`]
/// costs one pass over the text per value, and both numbers grow with the document: quadratic
/// time. Here each needle is indexed by its first two folded chars, so one pass tries, at each
/// position, only the needles that start with the chars found there; the hits are exactly
/// those of `find_all`, in the same order (by needle, then by position).
#[derive(Debug, Default)]
pub struct Needles {
    needles: Vec<Vec<char>>,
    /// Needles whose first two chars are not white space, by those chars.
    by_pair: HashMap<(char, char), Vec<usize>>,
    /// The others (one char long, or white space in the first two), by their first char.
    by_first: HashMap<char, Vec<usize>>,
}

impl Needles {
    /// The folded `values`; needle `i` of a hit is `values[i]`.
    pub fn new<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut out = Needles::default();
        for value in values {
            let needle = fold_str(value);
            let index = out.needles.len();
            match (needle.first(), needle.get(1)) {
                (Some(&a), Some(&b)) if !a.is_whitespace() && !b.is_whitespace() => out.by_pair.entry((a, b)).or_default().push(index),
                (Some(&a), _) => out.by_first.entry(a).or_default().push(index),
                (None, _) => {}
            }
            out.needles.push(needle);
        }
        out
    }

    /// Every (needle index, start, end) in `folded`, ordered by needle index, then start.
    pub fn find_all(&self, folded: &Folded, budget: &mut Budget) -> Result<Vec<(usize, usize, usize)>> {
        let mut found = Vec::new();
        if self.needles.is_empty() {
            return Ok(found);
        }
        budget.spend(folded.chars.len() as u64 / 8)?;
        let mut tried = 0u64;
        for (i, &c) in folded.chars.iter().enumerate() {
            let paired = folded.chars.get(i + 1).and_then(|&next| self.by_pair.get(&(c, next)));
            for &n in self.by_first.get(&c).into_iter().chain(paired).flatten() {
                tried += 1;
                if let Some(end) = self.needles.get(n).and_then(|needle| folded.match_at(i, needle)) {
                    found.push((n, i, end));
                }
            }
        }
        budget.spend(tried / 8)?;
        crate::sort::sort(&mut found);
        Ok(found)
    }

    /// The hits of [`Needles::find_all`] that stand as whole words, as (needle index, original
    /// byte start, byte end), in the same order: what every caller looks for.
    pub fn find_words(&self, folded: &Folded, budget: &mut Budget) -> Result<Vec<(usize, usize, usize)>> {
        Ok(self
            .find_all(folded, budget)?
            .into_iter()
            .filter(|&(_, s, e)| folded.is_whole_word(s, e))
            .filter_map(|(n, s, e)| folded.byte_range(s, e).map(|(start, end)| (n, start, end)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Expérience"), "experience");
        assert_eq!(fold("DOŚWIADCZENIE"), "doswiadczenie");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("McKinsey & Co."), "mckinsey & co.");
    }

    #[test]
    fn finds_case_and_accent_insensitively_with_original_offsets() {
        let text = "Dr. MÜLLER met muller and Müllerin";
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let hits = folded.find_all(&fold_str("Müller"), &mut budget).unwrap();
        assert_eq!(hits.len(), 3);
        let (s, e) = folded.byte_range(hits[0].0, hits[0].1).unwrap();
        assert_eq!(&text[s..e], "MÜLLER");
        assert!(folded.is_whole_word(hits[1].0, hits[1].1));
        assert!(!folded.is_whole_word(hits[2].0, hits[2].1));
        assert_eq!(fold_key("  RED   Hät "), "red hat");
    }

    #[test]
    fn whitespace_in_needles_matches_runs() {
        let text = "Red  Hat\tRed\nHat\u{c}Red\u{c}Hat";
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        assert_eq!(folded.find_all(&fold_str("red hat"), &mut budget).unwrap().len(), 2);
    }

    #[test]
    fn needles_find_what_find_all_finds_in_the_same_order() {
        let text = "Red  Hat\tRed\nHat; MÜLLER, Müllerin, a b, Ana  B, red hat, x";
        let values = ["Red Hat", "Müller", "a b", "x", "", " hat", "Ana B", "red"];
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let mut one_by_one = Vec::new();
        for (n, v) in values.iter().enumerate() {
            for (s, e) in folded.find_all(&fold_str(v), &mut budget).unwrap() {
                one_by_one.push((n, s, e));
            }
        }
        let needles = Needles::new(values.iter().copied());
        assert_eq!(needles.find_all(&folded, &mut budget).unwrap(), one_by_one);
        assert!(one_by_one.len() >= 10);
    }
}
