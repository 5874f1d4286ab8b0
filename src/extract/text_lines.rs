//! Turning styled text runs into clean [`Line`]s, shared by the flow extractors.
//!
//! DOCX, ODT, RTF, HTML and TXT all end up pushing pieces of text with a style
//! and then saying "this paragraph ends here". Doing the clean-up in one place
//! keeps every format's lines alike, so later stages never care where a line came from:
//!
//! - Whitespace: runs of spaces, NBSPs and newlines collapse to one space; a
//!   run that contains a tab (tab-stop columns such as `Engineer<TAB>2019 – 2021`)
//!   becomes two spaces — lines never hold raw tabs, yet the column gap stays
//!   visible. Table cells on one row are joined with the same two-space gap.
//! - Invisible characters (soft hyphen, zero-width spaces, BOM, controls) are
//!   dropped; U+2010/U+2011 hyphens become `-`.
//! - A line is bold (italic) when most of its visible characters are; a line set in two
//!   weights that meet at a word gap keeps where they meet ([`WeightRuns`]).
//! - The font size is the size that covers the most characters.

use crate::document::{Line, Region};

/// The style of one piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunStyle {
    pub bold: bool,
    pub italic: bool,
    /// Points; 0 when unknown.
    pub size: f32,
}

/// What a finished paragraph is, beyond its text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineKind {
    pub region: Region,
    pub heading: Option<u8>,
    pub list_item: bool,
}

/// Marks a column gap inside the line being built; rendered as two spaces.
const GAP: char = '\t';

/// Accumulates the text of one paragraph.
#[derive(Debug, Default)]
pub struct LineBuilder {
    text: String,
    visible: usize,
    bold: usize,
    italic: usize,
    sizes: Vec<(f32, usize)>,
    weights: WeightRuns,
}

impl LineBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Append text in `style`.
    pub fn push(&mut self, s: &str, style: RunStyle) {
        let mut visible = 0usize;
        for c in s.chars() {
            match normalise_char(c) {
                Some(Normalised::Char(c)) => {
                    self.text.push(c);
                    visible = visible.saturating_add(1);
                }
                Some(Normalised::Space) => self.text.push(' '),
                Some(Normalised::Gap) => self.text.push(GAP),
                None => {}
            }
        }
        if visible == 0 {
            return;
        }
        self.visible = self.visible.saturating_add(visible);
        self.weights.add(style.bold, visible);
        if style.bold {
            self.bold = self.bold.saturating_add(visible);
        }
        if style.italic {
            self.italic = self.italic.saturating_add(visible);
        }
        if style.size > 0.0 {
            if let Some((_, n)) = self.sizes.iter_mut().find(|(size, _)| *size == style.size) {
                *n = n.saturating_add(visible);
            } else if self.sizes.len() < 32 {
                self.sizes.push((style.size, visible));
            }
        }
    }

    /// Append a column gap (a tab, or the border between table cells).
    pub fn push_gap(&mut self) {
        self.text.push(GAP);
    }

    /// Finish the paragraph: `None` when it holds no visible text.
    pub fn finish(&mut self, kind: LineKind) -> Option<Line> {
        let builder = std::mem::take(self);
        let text = collapse_whitespace(&builder.text);
        if text.is_empty() {
            return None;
        }
        let mut line = Line::plain(text);
        line.bold = builder.visible > 0 && builder.bold * 2 > builder.visible;
        line.italic = builder.visible > 0 && builder.italic * 2 > builder.visible;
        line.weight_break = builder.weights.break_in(&line.text);
        line.font_size = builder
            .sizes
            .iter()
            .fold((0.0f32, 0usize), |best, &(size, n)| if n > best.1 { (size, n) } else { best })
            .0;
        line.region = kind.region;
        line.heading = kind.heading;
        line.list_item = kind.list_item;
        Some(line)
    }
}

/// The weights of a line's visible characters in order, as runs: enough to say where a line set
/// "**Title** Employer" in two weights changes weight. Producers mark fields by weight alone
/// (a bold job title and its employer in regular type on one line, no separator between); a
/// line with more than one change says nothing (a bold word inside a sentence).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct WeightRuns {
    /// Weight of the first run and its visible characters; then those of the second.
    first: (bool, usize),
    second: usize,
    /// The weight changed more than once.
    mixed: bool,
}

impl WeightRuns {
    /// Append `visible` non-space characters set in `bold`.
    pub fn add(&mut self, bold: bool, visible: usize) {
        if visible == 0 || self.mixed {
            return;
        }
        if self.first.1 == 0 {
            self.first = (bold, visible);
        } else if self.second == 0 && bold == self.first.0 {
            self.first.1 = self.first.1.saturating_add(visible);
        } else if bold != self.first.0 {
            self.second = self.second.saturating_add(visible);
        } else {
            self.mixed = true;
        }
    }

    /// Byte offset in `text` of the word gap where the first weight ends: `None` unless the
    /// line has exactly two runs, they meet between words, and `text` holds exactly the
    /// characters counted (a text rewritten after counting gives no break rather than a wrong one).
    pub fn break_in(&self, text: &str) -> Option<u32> {
        if self.mixed || self.first.1 == 0 || self.second == 0 {
            return None;
        }
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        if visible != self.first.1.saturating_add(self.second) {
            return None;
        }
        let mut seen = 0usize;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if seen == self.first.1 {
                    return u32::try_from(at).ok();
                }
                continue;
            }
            if seen == self.first.1 {
                return None; // the weight changes inside a word
            }
            seen += 1;
        }
        None
    }
}

enum Normalised {
    Char(char),
    Space,
    Gap,
}

fn normalise_char(c: char) -> Option<Normalised> {
    Some(match c {
        '\t' => Normalised::Gap,
        ' ' | '\n' | '\r' | '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' => Normalised::Space,
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Normalised::Space,
        '\u{2010}' | '\u{2011}' => Normalised::Char('-'),
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => return None,
        c if c.is_control() => return None,
        c => Normalised::Char(c),
    })
}

/// Text typed letter by letter ("J A N E   D O E"): four pieces or more, four in five of them
/// single characters. Its word gaps are runs of spaces, which the text keeps as two (the
/// featurizer and the name finder read the words from them).
pub fn spelt_out(s: &str) -> bool {
    let pieces: Vec<&str> = s.split_whitespace().collect();
    let singles = pieces.iter().filter(|p| p.chars().count() == 1).count();
    pieces.len() >= 4 && singles * 5 >= pieces.len() * 4
}

/// Trim, collapse whitespace runs to one space, or to two when the run holds a gap (or is a
/// word gap of [`spelt_out`] text).
pub fn collapse_whitespace(s: &str) -> String {
    let spelt = spelt_out(s);
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<bool> = None; // Some(has_gap) while inside a whitespace run
    for c in s.chars() {
        if c == ' ' || c == GAP {
            let gap = pending.is_some() && spelt || pending.unwrap_or(false) || c == GAP;
            pending = Some(gap);
            continue;
        }
        if let Some(gap) = pending.take() {
            if !out.is_empty() {
                out.push_str(if gap { "  " } else { " " });
            }
        }
        out.push(c);
    }
    out
}

/// Clean a free-standing string (metadata, link text) the way lines are cleaned.
pub fn clean_text(s: &str) -> String {
    let mut b = LineBuilder::new();
    b.push(s, RunStyle::default());
    collapse_whitespace(&b.text)
}

/// A hyperlink whose visible text is still being read.
#[derive(Debug)]
pub struct OpenLink {
    pub url: String,
    text: String,
}

impl OpenLink {
    pub fn new(url: String) -> Self {
        OpenLink { url, text: String::new() }
    }

    /// Append visible text (bounded: link texts are short, hostile ones are not).
    pub fn push(&mut self, text: &str) {
        if self.text.len() < 1024 {
            self.text.push_str(text);
        }
    }

    pub fn into_link(self) -> crate::document::Link {
        let text = clean_text(&self.text);
        crate::document::Link {
            url: self.url,
            page: None,
            bbox: None,
            text: (!text.is_empty()).then_some(text),
        }
    }
}

/// Append `text` to every link still open (a run can sit inside nested links).
pub fn push_link_text(links: &mut [OpenLink], text: &str) {
    for link in links {
        link.push(text);
    }
}

/// Lines with repeated texts removed (first kept): headers and footers repeat
/// across first-page, odd and even variants.
pub fn unique_lines(lines: impl IntoIterator<Item = Line>) -> Vec<Line> {
    let mut seen = std::collections::HashSet::new();
    lines.into_iter().filter(|l| seen.insert(l.text.clone())).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn weight_runs_break_only_between_two_runs_at_a_word_gap() {
        let runs = |parts: &[(bool, usize)]| {
            let mut w = WeightRuns::default();
            parts.iter().for_each(|&(b, n)| w.add(b, n));
            w
        };
        assert_eq!(runs(&[(true, 5), (true, 4), (false, 7)]).break_in("Sales Lead Acme Co"), None, "counts must match the text");
        assert_eq!(runs(&[(true, 9), (false, 6)]).break_in("Sales Lead Acme Co"), Some(10));
        assert_eq!(runs(&[(false, 6), (true, 9)]).break_in("AcmeCo  Sales Lead"), Some(6));
        assert_eq!(runs(&[(true, 4), (false, 11)]).break_in("Sales Lead Acme Co"), None, "inside a word");
        assert_eq!(runs(&[(true, 5), (false, 4), (true, 6)]).break_in("Sales Lead Acme Co"), None, "three runs");
        assert_eq!(runs(&[(true, 15)]).break_in("Sales Lead Acme Co"), None, "one weight");
    }

    use super::*;

    #[test]
    fn tabs_become_a_two_space_gap_and_spaces_collapse() {
        let mut b = LineBuilder::new();
        b.push("  Engineer\t\t2019 –  2021 \u{a0}", RunStyle::default());
        assert_eq!(b.finish(LineKind::default()).unwrap().text, "Engineer  2019 – 2021");
    }

    #[test]
    fn text_typed_letter_by_letter_keeps_its_word_gaps() {
        let mut b = LineBuilder::new();
        b.push("J A N E   D O E", RunStyle::default());
        assert_eq!(b.finish(LineKind::default()).unwrap().text, "J A N E  D O E");
        // Ordinary text still collapses its space runs.
        b.push("A B  Testing   Tools", RunStyle::default());
        assert_eq!(b.finish(LineKind::default()).unwrap().text, "A B Testing Tools");
    }

    #[test]
    fn bold_by_majority_and_dominant_size() {
        let mut b = LineBuilder::new();
        b.push("Senior Engineer", RunStyle { bold: true, italic: false, size: 12.0 });
        b.push(", Acme", RunStyle { bold: false, italic: true, size: 10.0 });
        let line = b.finish(LineKind::default()).unwrap();
        assert!(line.bold && !line.italic);
        assert_eq!(line.font_size, 12.0);
    }

    #[test]
    fn invisible_characters_drop_and_empty_lines_vanish() {
        let mut b = LineBuilder::new();
        b.push("co\u{ad}operate\u{200b} \u{2011}x", RunStyle::default());
        assert_eq!(b.finish(LineKind::default()).unwrap().text, "cooperate -x");
        b.push(" \t\u{feff} ", RunStyle::default());
        assert!(b.finish(LineKind::default()).is_none());
    }
}
