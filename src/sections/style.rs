//! The visual cues of a line that make it look like a heading.
//!
//! Fonts differ between documents, so sizes are compared with the document's own body size (the
//! median line font size) rather than with absolute points.

use crate::error::Result;
use crate::limits::Budget;
use crate::text_view::TextView;

/// The style features headings of one document share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StyleSignature {
    /// The source marks the line as a heading (a style, `<h2>`, `##`).
    pub marked: bool,
    pub bold: bool,
    /// Font clearly larger than the body's median.
    pub larger: bool,
    /// All letters are capitals.
    pub caps: bool,
}

impl StyleSignature {
    /// Whether the signature sets a line apart from body text (bold alone does not: job titles
    /// and company names are often bold too).
    pub fn is_strong(&self) -> bool {
        self.marked || self.larger || self.caps
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LineStyle {
    pub signature: StyleSignature,
    /// Short, no digits, not a sentence, not a list item: shaped like a heading.
    pub looks_like_heading: bool,
}

/// Font size above `median × LARGER_RATIO` counts as larger than the body.
pub const LARGER_RATIO: f32 = 1.1;

/// The median font size of the document's lines (0 when the format gives none).
pub fn median_font_size(view: &TextView) -> f32 {
    let mut sizes: Vec<f32> = (0..view.lines().len())
        .filter_map(|i| view.line(i))
        .map(|l| l.font_size)
        .filter(|s| *s > 0.0)
        .collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

/// Whether every cased letter of `text` is a capital (and there are at least three).
pub fn is_all_caps(text: &str) -> bool {
    let mut cased = 0usize;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            cased += 1;
        }
    }
    cased >= 3
}

pub fn line_styles(view: &TextView, budget: &mut Budget) -> Result<Vec<LineStyle>> {
    let median = median_font_size(view);
    let mut styles = Vec::with_capacity(view.lines().len());
    for index in 0..view.lines().len() {
        budget.spend(1)?;
        let text = view.line_text(index).trim();
        let Some(line) = view.line(index) else {
            styles.push(LineStyle::default());
            continue;
        };
        let signature = StyleSignature {
            marked: line.heading.is_some(),
            bold: line.bold,
            larger: median > 0.0 && line.font_size > median * LARGER_RATIO,
            caps: is_all_caps(text),
        };
        let words = text.split_whitespace().count();
        let looks_like_heading = !line.list_item
            && (1..=5).contains(&words)
            && text.chars().count() <= 40
            && text.chars().any(char::is_alphabetic)
            && !text.chars().any(|c| c.is_ascii_digit() || c == '@')
            && !text.ends_with(['.', ',', ';'])
            && !text.starts_with(char::is_lowercase);
        styles.push(LineStyle {
            signature,
            looks_like_heading,
        });
    }
    Ok(styles)
}

/// Lines a heading signature may always have, however short the document.
const MIN_SIGNATURE_ALLOWANCE: f32 = 4.0;
/// Most share of lines a heading signature may have.
const MAX_SIGNATURE_SHARE: f32 = 0.15;

/// The signatures carried by few lines of the document (a style used by many lines is body style).
pub fn rare_signatures(styles: &[LineStyle]) -> Vec<StyleSignature> {
    let mut counts: Vec<(StyleSignature, usize)> = Vec::new();
    for style in styles {
        match counts.iter_mut().find(|(s, _)| *s == style.signature) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => counts.push((style.signature, 1)),
        }
    }
    let most = ((styles.len() as f32) * MAX_SIGNATURE_SHARE).max(MIN_SIGNATURE_ALLOWANCE);
    counts
        .into_iter()
        .filter(|(_, n)| (*n as f32) <= most)
        .map(|(s, _)| s)
        .collect()
}
