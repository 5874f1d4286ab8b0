//! Finding a CV's sections: which lines are headings, and what kind of section each one opens.
//!
//! Both models and the profile builder need to know whether a line sits under "Experience",
//! "Education" or "Persönliche Daten": the same "Java" is a skill in one section and a project
//! name in another. Headings are found in two passes:
//!
//! 1. **Text.** A short line whose words are all section key words or filler words of the
//!    multilingual lexicon ([`crate::lexicon::headings`]) is a heading of that kind, whatever its
//!    style — plain-text CVs have no style. Written variants are normalised first: leading
//!    bullets and numbering, a trailing colon, ALL CAPS and letter-spacing ("E X P E R I E N C E").
//!    A line that *starts* with such a phrase and a colon ("Skills: Rust, Go") is a heading whose
//!    content continues on the same line.
//! 2. **Layout.** A document styles its headings consistently, so once text has found some, other
//!    short lines with the same style signature (source heading level, bold, larger than the body's
//!    median font, ALL CAPS) are headings too — of kind [`SectionKind::Other`], since the lexicon
//!    does not know their words ("Beyond The Classroom"). Only signatures with a strong cue
//!    (a heading level, a larger font or capitals) and used by few lines count, and only after the
//!    first text heading, so a bold name at the top stays in the [`SectionKind::Header`].
//!
//! Lines before the first heading form the `Header` section.

use std::ops::Range;

use crate::error::Result;
use crate::lexicon::{folded_words, headings};
// The kinds are what the heading lexicon classifies phrases into, so they live below this
// module, in the lexicon; callers name them here, with the sections they describe.
pub use crate::lexicon::headings::SectionKind;
use crate::limits::Budget;
use crate::text_view::TextView;

pub(crate) mod style;

use style::StyleSignature;

/// One section: its heading line (none for the header) and its body lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// TextView line index of the heading.
    pub heading: Option<usize>,
    /// TextView line indices of the body (the heading excluded).
    pub lines: Range<usize>,
}

/// The sections of a document, in order, with a per-line lookup.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    pub sections: Vec<Section>,
    /// Index into `sections` for every TextView line.
    line_section: Vec<usize>,
    heading_lines: Vec<bool>,
}

impl Sections {
    /// The kind of the section a line belongs to (a heading line belongs to the section it opens,
    /// which matters for "Skills: Rust, Go" lines). `Header` for out-of-range lines.
    pub fn kind_of_line(&self, line: usize) -> SectionKind {
        self.section_of_line(line)
            .map_or(SectionKind::Header, |s| s.kind)
    }

    /// The section a line belongs to.
    pub fn section_of_line(&self, line: usize) -> Option<&Section> {
        self.line_section
            .get(line)
            .and_then(|&i| self.sections.get(i))
    }

    pub fn is_heading(&self, line: usize) -> bool {
        self.heading_lines.get(line).copied().unwrap_or(false)
    }
}

/// Longest line (in chars) considered as a heading; "Heading: content" lines are checked on
/// their part before the colon.
const MAX_HEADING_CHARS: usize = 60;

/// Find the headings and sections of a document.
pub fn find_sections(view: &TextView, budget: &mut Budget) -> Result<Sections> {
    let count = view.lines().len();
    let styles = style::line_styles(view, budget)?;
    // Pass 1: text.
    let mut kinds: Vec<Option<SectionKind>> = Vec::with_capacity(count);
    let mut current = SectionKind::Header;
    // The section a heading of its own line opened, while a "Languages: …" line heads a section
    // inside it: the next "Label: …" line of no kind is a category of the outer block again.
    let mut block = SectionKind::Header;
    let mut inline_inside = false;
    for index in 0..count {
        let text = view.line_text(index);
        budget.spend(1 + (text.len() / 16) as u64)?;
        let listed = view.line(index).is_some_and(|l| l.list_item);
        let classified = classify(text);
        let kind = match classified {
            // "Soft skills: …" inside Skills is a label, not a new section.
            Some((kind, true)) if kind == current => None,
            // "Languages: Python, Java" lists skills, wherever it stands.
            Some((SectionKind::Languages, true)) if text.split_once(':').is_some_and(|(_, values)| headings::lists_programming_languages(values)) => None,
            // "Expertise : …" between a dated entry's lines and the next entry is its label.
            Some((_, true)) if is_entry_list(current) && next_line_dated(view, index) => None,
            // "INTERNSHIP" over the phone and e-mail lines: the headline of the document, not a
            // section (a "Contact" heading does head them).
            Some((kind, false)) if current == SectionKind::Header && !matches!(kind, SectionKind::Contact | SectionKind::Personal) && next_line_contact(view, index) => None,
            Some((kind, _)) if !listed => Some(kind),
            // "Languages: English, Spanish" / "IT: Excel, SAP" under "Skills": the second label
            // names a category of the skills, not more languages; "Languages: …" / "Passport
            // No.: …" under "Personal details": the next field of the details.
            None if inline_inside && matches!(block, SectionKind::Skills | SectionKind::Personal | SectionKind::Contact) && block != current && label_and_values(text).is_some() => Some(block),
            _ => None,
        };
        if let Some(kind) = kind {
            current = kind;
            let inline = matches!(classified, Some((_, true))) || (kind == block && inline_inside && classified.is_none());
            if !inline {
                block = kind;
            }
            inline_inside = inline && kind != block;
        }
        kinds.push(kind);
    }
    // Pass 2: layout, using the style of the headings text found.
    let signatures: Vec<StyleSignature> = kinds
        .iter()
        .zip(&styles)
        .filter(|(k, _)| k.is_some())
        .map(|(_, s)| s.signature)
        .collect();
    if let Some(first) = kinds.iter().position(Option::is_some) {
        let rare = style::rare_signatures(&styles);
        let strong: Vec<StyleSignature> = signatures
            .iter()
            .copied()
            .filter(|s| s.is_strong() && rare.contains(s))
            .collect();
        for index in first.saturating_add(1)..count {
            budget.spend(1)?;
            let (Some(style), Some(None)) = (styles.get(index), kinds.get(index)) else {
                continue;
            };
            if style.looks_like_heading && strong.contains(&style.signature) {
                if let Some(k) = kinds.get_mut(index) {
                    *k = Some(SectionKind::Other);
                }
            }
        }
    }
    Ok(assemble(&kinds))
}

/// Sections made of dated entries, whose entries carry "Label: …" lines.
fn is_entry_list(kind: SectionKind) -> bool {
    matches!(kind, SectionKind::Experience | SectionKind::Education | SectionKind::Volunteer)
}

/// The line after `index` holds a date (the next entry's header).
fn next_line_dated(view: &TextView, index: usize) -> bool {
    index + 1 < view.lines().len() && !view.line_dates(index + 1).is_empty()
}

/// The line after `index` holds a contact detail: an e-mail address, a web address or a phone
/// number (seven digits or more).
fn next_line_contact(view: &TextView, index: usize) -> bool {
    if index + 1 >= view.lines().len() {
        return false;
    }
    let next = view.line_text(index + 1);
    let digits = next.chars().filter(char::is_ascii_digit).count();
    let dated = !view.line_dates(index + 1).is_empty();
    next.contains('@') || next.contains("://") || next.contains("www.") || (digits >= 7 && !dated)
}

/// The section kind a line's text announces, if it is a heading.
pub fn heading_kind(text: &str) -> Option<SectionKind> {
    classify(text).map(|(kind, _)| kind)
}

/// The kind a line announces and whether content follows on the same line ("Skills: Rust").
fn classify(text: &str) -> Option<(SectionKind, bool)> {
    let trimmed = strip_decoration(text);
    if trimmed.is_empty() {
        return None;
    }
    let collapsed = collapse_letter_spacing(trimmed);
    let phrase = collapsed.as_deref().unwrap_or(trimmed);
    let phrase = phrase.trim_end_matches([':', ' ', '\u{a0}']);
    if phrase.chars().count() <= MAX_HEADING_CHARS && !ends_like_sentence(phrase) {
        if let Some(kind) = headings::phrase_kind(&folded_words(phrase)) {
            return Some((kind, false));
        }
        if collapsed.is_some() {
            if let Some(kind) = headings::run_together_kind(phrase) {
                return Some((kind, false));
            }
        }
        if crate::fold::fold(phrase) == "resume" && phrase.contains(['é', 'É']) {
            // French "Résumé"; the English word is a document title.
            return Some((SectionKind::Summary, false));
        }
    }
    // "Heading: content" on one line.
    let (head, rest) = trimmed.split_once(':')?;
    if rest.trim().is_empty() || head.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    headings::phrase_kind(&folded_words(head)).map(|kind| (kind, true))
}

/// "Frameworks: Django, React" → ("Frameworks", "Django, React"): a short label (four words at
/// most, no web address) and what follows its colon.
pub fn label_and_values(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(':')?;
    let label = label.trim();
    if label.is_empty() || label.split_whitespace().count() > 4 || rest.trim().is_empty() || label.contains("http") {
        return None;
    }
    Some((label, rest.trim()))
}

/// Strip bullets, numbering and surrounding punctuation: "• 2. EXPERIENCE —" → "EXPERIENCE".
fn strip_decoration(text: &str) -> &str {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '•' | '·'
                    | '▪'
                    | '■'
                    | '►'
                    | '-'
                    | '–'
                    | '—'
                    | '_'
                    | '='
                    | '*'
                    | '#'
                    | '|'
                    | '/'
            )
    });
    let without_number =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    if without_number.len() < text.len() && without_number.starts_with(' ') {
        return without_number.trim_start();
    }
    text
}

fn ends_like_sentence(phrase: &str) -> bool {
    phrase.ends_with(['.', ',', ';'])
}

/// "E X P E R I E N C E" → "EXPERIENCE"; "W O R K  E X P E R I E N C E" → "WORK EXPERIENCE".
/// `None` when the line is not letter-spaced.
fn collapse_letter_spacing(text: &str) -> Option<String> {
    let pieces: Vec<&str> = text.split(' ').filter(|p| !p.is_empty()).collect();
    let singles = pieces.iter().filter(|p| p.chars().count() == 1).count();
    if pieces.len() < 4 || singles * 10 < pieces.len() * 8 {
        return None;
    }
    let words: Vec<String> = text
        .split("  ")
        .map(|w| w.chars().filter(|c| *c != ' ').collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    Some(words.join(" "))
}

/// Turn per-line heading kinds into sections.
fn assemble(kinds: &[Option<SectionKind>]) -> Sections {
    let mut sections = Vec::new();
    let mut line_section = Vec::with_capacity(kinds.len());
    let mut heading_lines = Vec::with_capacity(kinds.len());
    let first = kinds
        .iter()
        .position(Option::is_some)
        .unwrap_or(kinds.len());
    if first > 0 {
        sections.push(Section {
            kind: SectionKind::Header,
            heading: None,
            lines: 0..first,
        });
    }
    for (index, kind) in kinds.iter().enumerate() {
        if let Some(kind) = kind {
            if let Some(last) = sections.last_mut() {
                last.lines.end = index;
            }
            sections.push(Section {
                kind: *kind,
                heading: Some(index),
                lines: index.saturating_add(1)..kinds.len(),
            });
        }
        heading_lines.push(kind.is_some());
        line_section.push(sections.len().saturating_sub(1));
    }
    if let Some(last) = sections.last_mut() {
        last.lines.end = kinds.len();
    }
    Sections {
        sections,
        line_section,
        heading_lines,
    }
}

#[cfg(test)]
mod tests;
