//! Finding the removed strings in a format's own text and turning each find into edits of the
//! source bytes.
//!
//! A renderer reads its format into [`Source`]s — one per paragraph (or attribute value), each
//! character with the byte range of the source that writes it (a literal byte, an entity, an RTF
//! escape) — and [`Needles::locate`] finds every removed string there. Matching ignores how
//! whitespace is written (tabs, runs of spaces, line breaks inside a paragraph), because the
//! extractor normalises it, and respects word edges, so a removed "Ann" leaves "Annual" alone.
//! A match becomes edits: the replacement written where its first character was, every other
//! character of it deleted, and the markup between them (run boundaries, formatting) kept.

use std::collections::BTreeSet;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::error::Result;
use crate::limits::Budget;

/// The text of one paragraph or attribute value, each character with its source byte range.
#[derive(Debug, Default, Clone)]
pub struct Source {
    pub chars: Vec<(char, usize, usize)>,
}

impl Source {
    pub fn push(&mut self, c: char, start: usize, end: usize) {
        self.chars.push((c, start, end));
    }

    /// Every character of `text` at its own byte offset plus `base`.
    pub fn from_str(text: &str, base: usize) -> Self {
        Source { chars: text.char_indices().map(|(i, c)| (c, base + i, base + i + c.len_utf8())).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// Replace source bytes `start..end` with `text` (unescaped; the renderer escapes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    pub fn delete(start: usize, end: usize) -> Self {
        Edit { start, end, text: String::new() }
    }
}

#[derive(Debug, Clone)]
struct Needle {
    chars: Vec<char>,
    replacement: String,
}

/// The removed strings of one plan, longest first.
#[derive(Debug, Clone, Default)]
pub struct Needles {
    needles: Vec<Needle>,
    /// Indices of the needles found so far.
    found: BTreeSet<usize>,
}

/// A character as compared: whitespace as one space, accents apart from their letters (the
/// extractors compose what a file decomposes); soft hyphens, zero-width characters and combining
/// marks are dropped.
fn normal(c: char, mut each: impl FnMut(char)) {
    match c {
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
        c if c.is_whitespace() => each(' '),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                each(d);
            }
        }),
    }
}

/// Whether `text` occurs in `haystack` with no letter or digit right before or after it.
fn contains_word(haystack: &str, text: &str) -> bool {
    !text.is_empty()
        && haystack.match_indices(text).any(|(at, _)| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + text.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Whether a source character is a needle's: the same, or its capital (a `caps` style writes
/// "Design" and shows, and extracts, "DESIGN").
fn same(source: char, needle: char) -> bool {
    source == needle || (source.is_uppercase() && needle.to_uppercase().eq(source.to_uppercase()))
}

/// The characters of `s` as compared, whitespace runs collapsed to one space, trimmed.
fn normalise(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        normal(c, |c| {
            if !(c == ' ' && out.last().is_none_or(|&l| l == ' ')) {
                out.push(c);
            }
        });
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

impl Needles {
    /// One needle per line of each original (a span may cross lines; each line is looked for on
    /// its own), the replacement on the first. Pieces with fewer than two letters or digits (four
    /// for a line of a longer span) say nothing about anyone and would match everywhere, and
    /// pieces a replacement writes itself are kept by the plan; neither is looked for.
    pub fn new<'a>(spans: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut needles: Vec<Needle> = Vec::new();
        let mut replacements: Vec<String> = Vec::new();
        for (original, replacement) in spans {
            replacements.push(normalise(replacement).into_iter().collect());
            let mut replacement = Some(replacement);
            let pieces: Vec<&str> = original.split(['\n', '\u{c}']).collect();
            // A line of a longer span may be a word like "of": alone it says nothing and would
            // match everywhere.
            let least = if pieces.len() > 1 { 4 } else { 2 };
            for piece in pieces {
                let chars = normalise(piece);
                if chars.iter().filter(|c| c.is_alphanumeric()).count() < least {
                    continue;
                }
                let replacement = replacement.take().unwrap_or("").to_string();
                if needles.iter().any(|n| n.chars == chars) {
                    continue;
                }
                needles.push(Needle { chars, replacement });
            }
        }
        // What a replacement writes as words of its own is not removed (a date generalised to its
        // year, say); a value that only sits inside a replacement's word ("me" in "[NAME]") is.
        needles.retain(|n| {
            let text: String = n.chars.iter().flat_map(|c| c.to_lowercase()).collect();
            !replacements.iter().any(|r| contains_word(&r.to_lowercase(), &text))
        });
        needles.sort_by(|a, b| b.chars.len().cmp(&a.chars.len()));
        Needles { needles, found: BTreeSet::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// How many needles have not been found in any source yet.
    pub fn unplaced(&self) -> usize {
        self.needles.len() - self.found.len()
    }

    /// Whether any needle occurs in `text` (the safety check on a re-read output).
    pub fn any_in(&self, text: &str, budget: &mut Budget) -> Result<bool> {
        let source = Source::from_str(text, 0);
        let mut probe = Needles { needles: self.needles.clone(), found: BTreeSet::new() };
        Ok(!probe.locate(&source, budget)?.is_empty())
    }

    /// How often each needle occurs in `text`, in needle order.
    pub fn counts_in(&self, text: &str, budget: &mut Budget) -> Result<Vec<usize>> {
        let source = Source::from_str(text, 0);
        let mut counts = Vec::with_capacity(self.needles.len());
        for needle in &self.needles {
            let mut probe = Needles { needles: vec![needle.clone()], found: BTreeSet::new() };
            counts.push(probe.locate(&source, budget)?.len());
        }
        Ok(counts)
    }

    /// Edits that remove every needle from `source`.
    pub fn locate(&mut self, source: &Source, budget: &mut Budget) -> Result<Vec<Edit>> {
        if source.is_empty() || self.needles.is_empty() {
            return Ok(Vec::new());
        }
        // Normalised characters, each with the first and last source character it stands for.
        let mut norm: Vec<(char, usize, usize)> = Vec::with_capacity(source.chars.len());
        for (i, &(c, _, _)) in source.chars.iter().enumerate() {
            normal(c, |c| match norm.last_mut() {
                Some(last) if c == ' ' && last.0 == ' ' => last.2 = i,
                _ => norm.push((c, i, i)),
            });
        }
        budget.spend((norm.len() as u64).saturating_mul(self.needles.len() as u64) / 16)?;
        let mut covered = vec![false; norm.len()];
        let mut matches: Vec<(usize, usize, usize, bool)> = Vec::new();
        for (index, needle) in self.needles.iter().enumerate() {
            let n = needle.chars.len();
            if n == 0 || n > norm.len() {
                continue;
            }
            let first_alnum = needle.chars.first().is_some_and(|c| c.is_alphanumeric());
            let last_alnum = needle.chars.last().is_some_and(|c| c.is_alphanumeric());
            let mut at = 0usize;
            while at + n <= norm.len() {
                let hit = norm[at..at + n].iter().zip(&needle.chars).all(|(a, b)| same(a.0, *b))
                    && !(first_alnum && at > 0 && norm[at - 1].0.is_alphanumeric())
                    && !(last_alnum && norm.get(at + n).is_some_and(|c| c.0.is_alphanumeric()));
                if !hit {
                    at += 1;
                    continue;
                }
                self.found.insert(index);
                if !covered[at..at + n].iter().any(|&c| c) {
                    matches.push((index, norm[at].1, norm[at + n - 1].2, true));
                } else {
                    // Partly inside a longer find: what sticks out of it goes too.
                    for k in at..at + n {
                        if !covered[k] {
                            matches.push((index, norm[k].1, norm[k].2, false));
                        }
                    }
                }
                covered[at..at + n].iter_mut().for_each(|c| *c = true);
                at += n;
            }
        }
        let mut edits = Vec::new();
        matches.sort_by_key(|m| (m.1, m.2));
        for (index, first, last, replace) in matches {
            let replacement = if replace { self.needles[index].replacement.as_str() } else { "" };
            let mut pending: Option<Edit> = None;
            for (k, &(_, start, end)) in source.chars[first..=last].iter().enumerate() {
                let text = if k == 0 { replacement.to_string() } else { String::new() };
                match pending.as_mut() {
                    Some(p) if p.end == start && k > 0 => p.end = end,
                    _ => {
                        if let Some(p) = pending.take() {
                            edits.push(p);
                        }
                        pending = Some(Edit { start, end, text });
                    }
                }
            }
            edits.extend(pending);
        }
        Ok(edits)
    }
}

/// `source` with `edits` made, each edit's text passed through `escape`. Edits that overlap an
/// earlier one are merged into it (the earlier replacement stands, the bytes of both go).
pub fn apply(source: &[u8], mut edits: Vec<Edit>, escape: impl Fn(&str) -> String) -> Vec<u8> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = Vec::with_capacity(source.len());
    let mut cursor = 0usize;
    for e in edits {
        let start = e.start.min(source.len());
        let end = e.end.min(source.len());
        if start < cursor {
            cursor = cursor.max(end);
            continue;
        }
        out.extend_from_slice(source.get(cursor..start).unwrap_or_default());
        out.extend_from_slice(escape(&e.text).as_bytes());
        cursor = end.max(start);
    }
    out.extend_from_slice(source.get(cursor..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn redact(text: &str, spans: &[(&str, &str)]) -> String {
        let mut needles = Needles::new(spans.iter().copied());
        let mut budget = Budget::new(&Limits::default());
        let edits = needles.locate(&Source::from_str(text, 0), &mut budget).unwrap();
        String::from_utf8(apply(text.as_bytes(), edits, |s| s.to_string())).unwrap()
    }

    #[test]
    fn replaces_every_occurrence_on_word_edges_only() {
        assert_eq!(redact("Ann Lee, Annual report. Ann", &[("Ann Lee", "[NAME]"), ("Ann", "[NAME]")]), "[NAME], Annual report. [NAME]");
    }

    #[test]
    fn a_value_inside_a_replacement_word_is_still_removed_but_a_kept_year_is_not() {
        // "me" sits inside "[NAME]" but is no word of it; "2021" is what the date became.
        assert_eq!(redact("including me, and Ann", &[("me", "[ADDRESS]"), ("Ann", "[NAME]")]), "including [ADDRESS], and [NAME]");
        assert_eq!(redact("Oct. 2021 to 2021", &[("2021", "2021")]), "Oct. 2021 to 2021");
    }

    #[test]
    fn whitespace_is_matched_however_it_is_written() {
        assert_eq!(redact("Ann\t  Lee\n", &[("Ann Lee", "[NAME]")]), "[NAME]\n");
    }

    #[test]
    fn a_span_across_lines_is_looked_for_line_by_line() {
        let out = redact("1 Main Street\nSpringfield\nSkills", &[("1 Main Street\nSpringfield", "[ADDRESS]")]);
        assert_eq!(out, "[ADDRESS]\n\nSkills");
    }

    #[test]
    fn markup_between_characters_is_kept() {
        // "Ann" in one run, "Lee" in the next: the characters map to the bytes of each run's text.
        let xml = "<r>Ann </r><r>Lee</r>";
        let mut source = Source::default();
        for (i, c) in xml.char_indices() {
            if (3..7).contains(&i) || (14..17).contains(&i) {
                source.push(c, i, i + 1);
            }
        }
        let mut needles = Needles::new([("Ann Lee", "[NAME]")]);
        let edits = needles.locate(&source, &mut Budget::new(&Limits::default())).unwrap();
        assert_eq!(String::from_utf8(apply(xml.as_bytes(), edits, |s| s.to_string())).unwrap(), "<r>[NAME]</r><r></r>");
        assert_eq!(needles.unplaced(), 0);
    }

    #[test]
    fn short_pieces_are_not_looked_for() {
        let needles = Needles::new([("J", "[NAME]"), ("J.\nDoerfler", "[NAME]"), ("of\nDoerfler", "[NAME]")]);
        assert_eq!(needles.needles.len(), 1);
        assert_eq!(needles.needles[0].replacement, "[NAME]", "the replacement goes to the first piece looked for");
    }
}
