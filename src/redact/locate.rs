//! Finding the removed strings in a format's own text and turning each find into edits of the
//! source bytes.
//!
//! A renderer reads its format into [`Source`]s — one per paragraph (or attribute value), each
//! character with the byte range of the source that writes it (a literal byte, an entity, an RTF
//! escape). In text the extractor reads, [`Needles::locate_body`] removes the planned spans
//! only: each find is matched to an occurrence of the extracted text by the letters and digits
//! around it (and, where that is ambiguous, by reading order), and goes if the plan removes that
//! occurrence; in places the extracted text does not show, [`Needles::locate`] removes every
//! occurrence. Matching ignores how
//! whitespace is written (tabs, runs of spaces, line breaks inside a paragraph), because the
//! extractor normalises it, and respects word edges, so a removed "Ann" leaves "Annual" alone.
//! A match becomes edits: the replacement written where its first character was, every other
//! character of it deleted, and the markup between them (run boundaries, formatting) kept.

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

/// Letters and digits compared on each side of a find to tell its occurrences apart.
const CONTEXT: usize = 16;

/// One occurrence of a needle in the extracted text: what surrounds it, and whether the plan
/// removes it there.
#[derive(Debug, Clone)]
struct Occurrence {
    /// Letters and digits before (nearest first) and after, in lower case.
    left: Vec<char>,
    right: Vec<char>,
    /// The replacement where the plan removes this occurrence; `None` where it keeps it.
    planned: Option<String>,
    /// Byte offset in the extracted text.
    at: usize,
    used: bool,
}

#[derive(Debug, Clone)]
struct Needle {
    chars: Vec<char>,
    /// Written where an occurrence outside the planned ones goes.
    replacement: String,
    /// The occurrences in the extracted text, in order (empty when the needle is not planned).
    occurrences: Vec<Occurrence>,
    /// Every occurrence goes, wherever it is: no plan, or its planned places could not be told
    /// apart from the kept ones.
    every: bool,
    /// Too short to say anything alone (one letter, say), or written again by its own
    /// replacement (a date kept as its year, "C" in "Company C"): replaced at its planned places
    /// and in body text the extractor does not read, and not counted by the safety check.
    short: bool,
    /// Written again by its own replacement, so where it goes it comes back: it may go
    /// everywhere (a copy of a text box) where a merely short one must not.
    echoed: bool,
    found: bool,
}

impl Needle {
    /// Take the occurrence that a find in a body source, with this context, stands for: of the
    /// unused ones that fit, the first at or after byte `from` of the extracted text, else the
    /// first (a renderer reads in about the extractor's order, but a header the extractor puts
    /// first may come last). Its planned replacement (`None`: kept) and offset; `None` when no
    /// occurrence fits, text the extractor does not read.
    fn take(&mut self, left: &[char], right: &[char], from: usize) -> Option<(Option<String>, usize)> {
        let fitting = |o: &&Occurrence| !o.used && fits(&o.left, left) && fits(&o.right, right);
        let at = self.occurrences.iter().filter(fitting).find(|o| o.at >= from).or_else(|| self.occurrences.iter().find(fitting))?.at;
        let o = self.occurrences.iter_mut().find(|o| o.at == at)?;
        o.used = true;
        Some((o.planned.clone(), at))
    }

    /// Whether a planned occurrence was never taken (its place was not found).
    fn missed(&self) -> bool {
        !self.every && !self.short && self.occurrences.iter().any(|o| o.planned.is_some() && !o.used)
    }
}

/// The removed strings of one plan, longest first.
#[derive(Debug, Clone, Default)]
pub struct Needles {
    needles: Vec<Needle>,
    /// Where in the extracted text the last body source's finds stood.
    position: usize,
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

/// A source's characters as compared, each with the first and last source character it stands
/// for.
fn normalised(source: &Source) -> Vec<(char, usize, usize)> {
    let mut norm: Vec<(char, usize, usize)> = Vec::with_capacity(source.chars.len());
    for (i, &(c, _, _)) in source.chars.iter().enumerate() {
        normal(c, |c| match norm.last_mut() {
            Some(last) if c == ' ' && last.0 == ' ' => last.2 = i,
            _ => norm.push((c, i, i)),
        });
    }
    norm
}

/// Where `needle` starts in `norm`, on word edges, each find after the end of the one before.
fn hits(needle: &[char], norm: &[(char, usize, usize)]) -> Vec<usize> {
    let n = needle.len();
    let mut out = Vec::new();
    if n == 0 || n > norm.len() {
        return out;
    }
    let first_alnum = needle.first().is_some_and(|c| c.is_alphanumeric());
    let last_alnum = needle.last().is_some_and(|c| c.is_alphanumeric());
    let mut at = 0usize;
    while at + n <= norm.len() {
        let hit = norm[at..at + n].iter().zip(needle).all(|(a, b)| same(a.0, *b))
            && !(first_alnum && at > 0 && norm[at - 1].0.is_alphanumeric())
            && !(last_alnum && norm.get(at + n).is_some_and(|c| c.0.is_alphanumeric()));
        if hit {
            out.push(at);
            at += n;
        } else {
            at += 1;
        }
    }
    out
}

/// The letters and digits around `norm[at..at + n]`, nearest first, in lower case, skipping
/// positions `skip` marks.
fn context(norm: &[(char, usize, usize)], at: usize, n: usize, skip: &[bool]) -> (Vec<char>, Vec<char>) {
    let keep = |&(i, c): &(usize, &(char, usize, usize))| c.0.is_alphanumeric() && !skip.get(i).copied().unwrap_or(false);
    let lower = |(_, c): (usize, &(char, usize, usize))| c.0.to_lowercase().next().unwrap_or(c.0);
    let left = norm[..at].iter().enumerate().rev().filter(keep).map(lower).take(CONTEXT).collect();
    let right = norm.iter().enumerate().skip(at + n).filter(keep).map(lower).take(CONTEXT).collect();
    (left, right)
}

/// Whether two contexts agree as far as both reach (a paragraph's text ends where the extracted
/// text goes on).
fn fits(a: &[char], b: &[char]) -> bool {
    let k = a.len().min(b.len());
    a[..k] == b[..k]
}

impl Needles {
    /// Needles that remove every occurrence of each original (no plan to map them to).
    pub fn new<'a>(spans: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut planned = Vec::new();
        let mut needles = Self::pieces(spans.into_iter().map(|(o, r)| (None, o, r)), &mut planned);
        needles.needles.iter_mut().for_each(|n| n.every = true);
        needles
    }

    /// Needles for the planned spans (`start`, `end`, replacement) of `text`, the extracted text:
    /// each knows which of its occurrences there the plan removes, so a renderer reading the same
    /// text in its own source ([`Needles::locate_body`]) removes those and keeps the others.
    pub fn planned<'a>(text: &str, spans: impl IntoIterator<Item = (usize, usize, &'a str)>, budget: &mut Budget) -> Result<Self> {
        let spans: Vec<(usize, &str, &str)> = spans.into_iter().filter_map(|(s, e, r)| Some((s, text.get(s..e)?, r))).collect();
        let mut planned: Vec<Vec<(usize, usize, String)>> = Vec::new();
        let mut needles = Self::pieces(spans.into_iter().map(|(s, o, r)| (Some(s), o, r)), &mut planned);
        let source = Source::from_str(text, 0);
        let norm = normalised(&source);
        budget.spend((norm.len() as u64).saturating_mul(needles.needles.len() as u64) / 16)?;
        for (needle, places) in needles.needles.iter_mut().zip(&planned) {
            let n = needle.chars.len();
            let mut placed = vec![false; places.len()];
            for at in hits(&needle.chars, &norm) {
                let byte = source.chars[norm[at].1].1;
                let (left, right) = context(&norm, at, n, &[]);
                let place = places.iter().position(|p| p.0 <= byte && byte < p.1);
                if let Some(k) = place {
                    placed[k] = true;
                }
                needle.occurrences.push(Occurrence { left, right, planned: place.map(|k| places[k].2.clone()), at: byte, used: false });
            }
            // A planned piece that is no find of its own (cut inside a word) cannot be told apart.
            needle.every = placed.contains(&false);
        }
        Ok(needles)
    }

    /// One needle per line of each original (a span may cross lines; each line is looked for on
    /// its own), the replacement on the first; `planned` gets, per needle, the byte range and
    /// replacement of each planned piece (when the span's start is known). Pieces with fewer than
    /// two letters or digits (four for a line of a longer span) say nothing about anyone and
    /// would match everywhere, and a piece its own replacement writes as a word (a date kept as
    /// its year) stays in the text; both are short needles, placed where planned only (and not
    /// looked for at all without a plan).
    fn pieces<'a>(spans: impl Iterator<Item = (Option<usize>, &'a str, &'a str)>, planned: &mut Vec<Vec<(usize, usize, String)>>) -> Self {
        let mut needles: Vec<Needle> = Vec::new();
        for (start, original, replacement) in spans {
            let own: String = normalise(replacement).into_iter().flat_map(char::to_lowercase).collect();
            let mut replacement = Some(replacement);
            let pieces: Vec<&str> = original.split(['\n', '\u{c}']).collect();
            // A line of a longer span may be a word like "of": alone it says nothing and would
            // match everywhere.
            let least = if pieces.len() > 1 { 4 } else { 2 };
            let mut offset = 0usize;
            for piece in pieces {
                let at = offset;
                offset += piece.len() + 1;
                let chars = normalise(piece);
                let alnum = chars.iter().filter(|c| c.is_alphanumeric()).count();
                let lower: String = chars.iter().flat_map(|c| c.to_lowercase()).collect();
                let echoed = contains_word(&own, &lower);
                let short = alnum < least || echoed;
                if alnum == 0 || (short && start.is_none()) {
                    continue;
                }
                let replacement = replacement.take().unwrap_or("").to_string();
                let index = match needles.iter().position(|n| n.chars == chars) {
                    Some(i) => i,
                    None => {
                        needles.push(Needle { chars, replacement: replacement.clone(), occurrences: Vec::new(), every: false, short, echoed, found: false });
                        planned.push(Vec::new());
                        needles.len() - 1
                    }
                };
                if let Some(start) = start {
                    planned[index].push((start + at, start + at + piece.len(), replacement));
                }
            }
        }
        let mut pairs: Vec<(Needle, Vec<(usize, usize, String)>)> = needles.into_iter().zip(std::mem::take(planned)).collect();
        crate::sort::sort_by(&mut pairs, |a, b| b.0.chars.len().cmp(&a.0.chars.len()));
        let (needles, sorted): (Vec<Needle>, Vec<_>) = pairs.into_iter().unzip();
        *planned = sorted;
        Needles { needles, position: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// How many needles could not be placed: one removing every occurrence found nowhere, or one
    /// whose planned places were not all found.
    pub fn unplaced(&self) -> usize {
        self.needles.iter().filter(|n| (n.every && !n.found && !n.short) || n.missed()).count()
    }

    /// Needles whose planned places were not all found go back to removing every occurrence (the
    /// safe side), or all of them with `all`. Whether anything changed: then what was found so
    /// far is forgotten, for another pass of the renderer.
    pub fn fall_back(&mut self, all: bool) -> bool {
        let mut changed = false;
        for n in &mut self.needles {
            if !n.every && (all || n.missed()) {
                n.every = true;
                changed = true;
            }
        }
        if changed {
            self.position = 0;
            for n in &mut self.needles {
                n.found = false;
                n.occurrences.iter_mut().for_each(|o| o.used = false);
            }
        }
        changed
    }

    /// Whether any needle occurs in `text` (the safety check on a re-read output).
    pub fn any_in(&self, text: &str, budget: &mut Budget) -> Result<bool> {
        let source = Source::from_str(text, 0);
        let mut probe = self.every();
        Ok(!probe.locate(&source, budget)?.is_empty())
    }

    /// These needles removing every occurrence.
    fn every(&self) -> Needles {
        let mut probe = self.clone();
        probe.needles.iter_mut().for_each(|n| {
            n.every = true;
            n.occurrences.clear();
        });
        probe
    }

    /// How often each needle occurs in `text`, in needle order (short ones not counted).
    pub fn counts_in(&self, text: &str, budget: &mut Budget) -> Result<Vec<usize>> {
        let norm = normalised(&Source::from_str(text, 0));
        budget.spend((norm.len() as u64).saturating_mul(self.needles.len() as u64) / 16)?;
        Ok(self.needles.iter().map(|n| if n.short { 0 } else { hits(&n.chars, &norm).len() }).collect())
    }

    /// Whether `output` (a redacted document's text, read back) holds a needle somewhere
    /// `anonymised` (the anonymised text) does not: every find in the output must stand where
    /// a find of the anonymised text stands, told by the letters and digits around it (the same
    /// on both sides: both texts are whole, so neither context is cut short). Both sides
    /// are compared without the replacements (a PDF draws a box where one does not fit) and
    /// without other finds (a value removed in one place more does not move the rest).
    pub fn misplaced_in(&self, output: &str, anonymised: &str, replacements: &[&str], budget: &mut Budget) -> Result<bool> {
        let strip = |text: &str| {
            let mut text = text.to_string();
            for r in replacements.iter().filter(|r| r.chars().any(char::is_alphanumeric)) {
                if text.contains(*r) {
                    text = text.replace(*r, " ");
                }
            }
            text
        };
        budget.spend(((output.len() + anonymised.len()) as u64).saturating_mul(replacements.len() as u64 + 1) / 64)?;
        let finds = |text: &str, budget: &mut Budget| -> Result<Vec<Vec<(Vec<char>, Vec<char>)>>> {
            let norm = normalised(&Source::from_str(text, 0));
            budget.spend((norm.len() as u64).saturating_mul(self.needles.len() as u64) / 8)?;
            let all: Vec<Vec<usize>> = self.needles.iter().map(|n| hits(&n.chars, &norm)).collect();
            let mut skip = vec![false; norm.len()];
            for (n, at) in self.needles.iter().zip(&all) {
                for &a in at {
                    skip[a..a + n.chars.len()].iter_mut().for_each(|s| *s = true);
                }
            }
            Ok(self.needles.iter().zip(&all).map(|(n, at)| at.iter().map(|&a| context(&norm, a, n.chars.len(), &skip)).collect()).collect())
        };
        let out = finds(&strip(output), budget)?;
        let kept = finds(&strip(anonymised), budget)?;
        for ((out, kept), _) in out.iter().zip(&kept).zip(&self.needles).filter(|(_, n)| !n.short) {
            budget.spend((out.len() as u64).saturating_mul(kept.len() as u64) / 8)?;
            let mut used = vec![false; kept.len()];
            for (left, right) in out {
                let twin = (0..kept.len()).find(|&i| !used[i] && kept[i].0 == *left && kept[i].1 == *right);
                match twin {
                    Some(i) => used[i] = true,
                    None => return Ok(true),
                }
            }
        }
        Ok(false)
    }

    /// Edits that remove every needle from `source`: a place the extracted text does not show
    /// (a property, a link target, an attribute), so every occurrence goes.
    pub fn locate(&mut self, source: &Source, budget: &mut Budget) -> Result<Vec<Edit>> {
        self.locate_in(source, false, budget)
    }

    /// Edits that remove the planned occurrences from `source`, text the extractor reads (a
    /// paragraph of the body, a header): each find is matched, by the letters and digits around
    /// it, to an occurrence of the extracted text, and goes if the plan removes that one. A find
    /// that matches none is text the extractor does not show, and goes.
    pub fn locate_body(&mut self, source: &Source, budget: &mut Budget) -> Result<Vec<Edit>> {
        self.locate_in(source, true, budget)
    }

    fn locate_in(&mut self, source: &Source, body: bool, budget: &mut Budget) -> Result<Vec<Edit>> {
        if source.is_empty() || self.needles.is_empty() {
            return Ok(Vec::new());
        }
        let norm = normalised(source);
        budget.spend((norm.len() as u64).saturating_mul(self.needles.len() as u64) / 16)?;
        let mut covered = vec![false; norm.len()];
        let mut matches: Vec<(usize, usize, String)> = Vec::new();
        let mut furthest = self.position;
        for needle in self.needles.iter_mut() {
            let n = needle.chars.len();
            let planned = body && !needle.every;
            if needle.short && !needle.echoed && !planned {
                continue;
            }
            let mut from = self.position;
            for at in hits(&needle.chars, &norm) {
                needle.found = true;
                let replacement = if planned {
                    // Each find looks through the needle's occurrences: hostile text with many
                    // of them pays for it.
                    budget.spend(needle.occurrences.len() as u64 / 8)?;
                    let (left, right) = context(&norm, at, n, &[]);
                    match needle.take(&left, &right, from) {
                        Some((planned, taken)) => {
                            from = taken + 1;
                            furthest = furthest.max(taken + 1);
                            match planned {
                                Some(r) => r,
                                None => continue,
                            }
                        }
                        None => needle.replacement.clone(),
                    }
                } else {
                    needle.replacement.clone()
                };
                if !covered[at..at + n].iter().any(|&c| c) {
                    matches.push((norm[at].1, norm[at + n - 1].2, replacement));
                } else {
                    // Partly inside a longer find: what sticks out of it goes too.
                    for k in at..at + n {
                        if !covered[k] {
                            matches.push((norm[k].1, norm[k].2, String::new()));
                        }
                    }
                }
                covered[at..at + n].iter_mut().for_each(|c| *c = true);
            }
        }
        if body {
            self.position = furthest;
        }
        let mut edits = Vec::new();
        crate::sort::sort_by_key(&mut matches, |m| (m.0, m.1));
        for (first, last, replacement) in matches {
            let mut pending: Option<Edit> = None;
            for (k, &(_, start, end)) in source.chars[first..=last].iter().enumerate() {
                let text = if k == 0 { replacement.clone() } else { String::new() };
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
    crate::sort::sort_by_key(&mut edits, |e| (e.start, e.end));
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
    fn planned_needles_replace_the_planned_occurrence_only() {
        let text = "Ann Lee\nAnnual report by Ann\nAnn";
        let mut budget = Budget::new(&Limits::default());
        let mut needles = Needles::planned(text, [(0, 7, "[NAME]"), (29, 32, "[NAME]")], &mut budget).unwrap();
        let mut edits = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            edits.extend(needles.locate_body(&Source::from_str(line, at), &mut budget).unwrap());
            at += line.len();
        }
        assert_eq!(String::from_utf8(apply(text.as_bytes(), edits, |s| s.to_string())).unwrap(), "[NAME]\nAnnual report by Ann\n[NAME]");
        assert_eq!(needles.unplaced(), 0);
        // The same find elsewhere (a link target) goes wherever it is.
        let edits = needles.locate(&Source::from_str("mailto:Ann", 0), &mut budget).unwrap();
        assert_eq!(edits.len(), 1);
    }

    #[test]
    fn a_planned_place_that_is_not_found_falls_back_to_every_occurrence() {
        let text = "Ann Lee and Ann";
        let mut budget = Budget::new(&Limits::default());
        let mut needles = Needles::planned(text, [(12, 15, "[NAME]")], &mut budget).unwrap();
        // The renderer's text is not the extracted text: no find fits the planned one.
        let source = Source::from_str("Bob and Ann Smith", 0);
        let edits = needles.locate_body(&source, &mut budget).unwrap();
        assert_eq!(edits.len(), 1, "text the extractor does not show goes");
        assert_eq!(needles.unplaced(), 1);
        assert!(needles.fall_back(false));
        assert_eq!(needles.locate_body(&Source::from_str(text, 0), &mut budget).unwrap().len(), 2);
        assert_eq!(needles.unplaced(), 0);
    }

    #[test]
    fn many_occurrences_of_a_planned_value_spend_the_budget_instead_of_running_on() {
        let text = "Berlin ".repeat(40_000);
        let mut budget = Budget::new(&Limits::default());
        let mut needles = Needles::planned(&text, [(0, 6, "[LOCATION]")], &mut budget).unwrap();
        let err = needles.locate_body(&Source::from_str(&text, 0), &mut budget).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::LimitExceeded);
    }

    #[test]
    fn short_pieces_are_not_looked_for() {
        let needles = Needles::new([("J", "[NAME]"), ("J.\nDoerfler", "[NAME]"), ("of\nDoerfler", "[NAME]")]);
        assert_eq!(needles.needles.len(), 1);
        assert_eq!(needles.needles[0].replacement, "[NAME]", "the replacement goes to the first piece looked for");
    }
}
