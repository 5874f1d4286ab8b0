//! One flat text for a [`Document`], with a map back to its lines.
//!
//! Every stage after extraction (sections, featurizer, detectors, the models, the profile and the
//! anonymiser) points into the same string, so spans found by one stage mean the same thing to the
//! next and to the anonymised output. The text is the lines joined by `\n`, pages joined by `\f`
//! (a form feed replaces the newline between the last line of a page and the first of the next).
//! Offsets are UTF-8 byte offsets; [`TextView::char_index`] converts them to Unicode scalar
//! offsets for tools (the Python training recipe) that count characters.

use std::sync::OnceLock;

use crate::dates::{find_dates, FoundDate};
use crate::document::{Document, Line};

/// Where one document line sits in the flat text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRef {
    /// 0-based page index into `Document::pages`.
    pub page: usize,
    /// 0-based line index within that page.
    pub line: usize,
    /// Byte range of the line's text (without its terminator).
    pub start: usize,
    pub end: usize,
}

/// The flat text of a document plus the position of every line in it.
#[derive(Debug, Clone)]
pub struct TextView<'d> {
    doc: &'d Document,
    text: String,
    lines: Vec<LineRef>,
    /// Unicode scalar count before each line's start, for byte → char conversion.
    chars_before_line: Vec<usize>,
    /// Each line's dates, found on first ask: the sections, the profile's lines and the date
    /// detector all read them, and the date grammar is a measurable share of a call.
    dates: Vec<OnceLock<Vec<FoundDate>>>,
}

impl<'d> TextView<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut chars_before_line = Vec::new();
        let mut chars = 0usize;
        for (page_index, page) in doc.pages.iter().enumerate() {
            if page_index > 0 && !text.is_empty() {
                text.pop();
                text.push('\u{c}');
            }
            for (line_index, line) in page.lines.iter().enumerate() {
                let start = text.len();
                chars_before_line.push(chars);
                text.push_str(&line.text);
                chars = chars.saturating_add(line.text.chars().count()).saturating_add(1);
                lines.push(LineRef { page: page_index, line: line_index, start, end: text.len() });
                text.push('\n');
            }
        }
        let dates = lines.iter().map(|_| OnceLock::new()).collect();
        TextView { doc, text, lines, chars_before_line, dates }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn document(&self) -> &'d Document {
        self.doc
    }

    /// Every line, in reading order.
    pub fn lines(&self) -> &[LineRef] {
        &self.lines
    }

    /// The document line behind line `index` of this view.
    pub fn line(&self, index: usize) -> Option<&'d Line> {
        let r = self.lines.get(index)?;
        self.doc.pages.get(r.page)?.lines.get(r.line)
    }

    /// Text of line `index` of this view ("" when out of range).
    pub fn line_text(&self, index: usize) -> &str {
        self.lines.get(index).and_then(|r| self.text.get(r.start..r.end)).unwrap_or("")
    }

    /// [`find_dates`] of line `index` (none when out of range), found once per view.
    pub fn line_dates(&self, index: usize) -> &[FoundDate] {
        self.dates.get(index).map_or(&[], |d| d.get_or_init(|| find_dates(self.line_text(index))))
    }

    /// Index of the line containing byte offset `offset` (the last line for offsets past the end).
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        Some(self.lines.partition_point(|r| r.start <= offset).saturating_sub(1))
    }

    /// Unicode scalar offset of byte offset `offset` (clamped to the text, rounded down to a char
    /// boundary).
    pub fn char_index(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let Some(line) = self.line_of(offset) else { return 0 };
        let (Some(r), Some(&before)) = (self.lines.get(line), self.chars_before_line.get(line)) else {
            return 0;
        };
        let from = r.start.min(offset);
        before.saturating_add(self.text.get(from..offset).map_or(0, |s| s.chars().count()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Metadata, Page};

    fn doc(pages: &[&[&str]]) -> Document {
        Document {
            format: Format::Pdf,
            metadata: Metadata { pages: pages.len(), ..Default::default() },
            pages: pages
                .iter()
                .enumerate()
                .map(|(i, lines)| Page {
                    number: i + 1,
                    width: 0.0,
                    height: 0.0,
                    lines: lines.iter().map(|t| Line::plain(*t)).collect(),
                })
                .collect(),
            links: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn lines_join_with_newlines_and_pages_with_form_feeds() {
        let d = doc(&[&["Ana Müller", "Köln"], &["Erfahrung"]]);
        let v = TextView::new(&d);
        assert_eq!(v.text(), "Ana Müller\nKöln\u{c}Erfahrung\n");
        assert_eq!(v.lines().len(), 3);
        assert_eq!(v.line_text(1), "Köln");
        assert_eq!(v.line(2).map(|l| l.text.as_str()), Some("Erfahrung"));
        assert_eq!(v.lines()[2].page, 1);
    }

    #[test]
    fn offsets_map_to_lines_and_chars() {
        let d = doc(&[&["Ana Müller", "Köln"], &["Erfahrung"]]);
        let v = TextView::new(&d);
        let koln = v.text().find("Köln").unwrap();
        assert_eq!(v.line_of(koln), Some(1));
        assert_eq!(v.line_of(koln + 1), Some(1));
        assert_eq!(v.line_of(0), Some(0));
        // "Ana Müller\n" is 11 chars but 12 bytes.
        assert_eq!(v.char_index(koln), 11);
        let erf = v.text().find("Erfahrung").unwrap();
        assert_eq!(v.char_index(erf), "Ana Müller\nKöln\u{c}".chars().count());
        // Inside a multi-byte char rounds down; past the end clamps.
        assert_eq!(v.char_index(koln + 2), 12);
        assert_eq!(v.char_index(usize::MAX), v.text().chars().count());
    }

    #[test]
    fn empty_document_has_no_lines() {
        let d = doc(&[]);
        let v = TextView::new(&d);
        assert_eq!(v.text(), "");
        assert_eq!(v.line_of(0), None);
        assert_eq!(v.char_index(5), 0);
    }

    #[test]
    fn each_lines_dates_are_found_once_and_are_its_own() {
        let d = doc(&[&["Clerk, Acme Ltd", "03/2019 – present"], &["Since 2021", "Skills"]]);
        let v = TextView::new(&d);
        for i in 0..v.lines().len() {
            assert_eq!(v.line_dates(i), find_dates(v.line_text(i)).as_slice(), "line {i}");
        }
        assert!(v.line_dates(0).is_empty());
        assert_eq!(v.line_dates(1).len(), 1);
        assert_eq!(v.line_dates(2).len(), 1);
        // The second ask reads what the first found.
        assert!(std::ptr::eq(v.line_dates(1), v.line_dates(1)));
        assert!(v.line_dates(99).is_empty());
    }
}
