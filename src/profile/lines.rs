//! What the parser needs to know about each line of a section: its text and offsets, whether it
//! is a bullet, its style and indent, and the dates on it.
//!
//! Entry splitting ([`super::entries`]) works on these facts only, so it treats PDF, DOCX and
//! plain text alike and falls back gracefully when a format has no geometry or no styles.

use std::ops::Range;

use crate::dates::{find_dates, open_end_cell, DateValue, FoundDate};
use crate::error::Result;
use crate::limits::Budget;
use crate::text_view::TextView;

/// Glyphs that start a bullet line.
const BULLETS: &[char] = &['•', '·', '▪', '■', '□', '◦', '‣', '●', '○', '➢', '➤', '►', '▸', '✓', '✔', '❖', '♦', '◆', '\u{f0b7}', '\u{f0a7}', '→'];

/// One line of a section, with the facts entry splitting uses.
#[derive(Debug, Clone)]
pub struct LineInfo<'a> {
    /// TextView line index.
    pub index: usize,
    /// Byte offset of the line in the TextView text.
    pub start: usize,
    pub text: &'a str,
    pub bullet: bool,
    pub bold: bool,
    pub font_size: f32,
    /// Left edge in points (paginated formats only).
    pub x0: Option<f32>,
    /// Dates and ranges on the line, offsets relative to `text`.
    pub dates: Vec<FoundDate>,
    /// Where the line changes font weight between two words, relative to `text`.
    pub weight_break: Option<usize>,
}

impl LineInfo<'_> {
    /// The text without a leading bullet glyph.
    pub fn content(&self) -> &str {
        strip_bullet(self.text)
    }

    pub fn has_date(&self) -> bool {
        !self.dates.is_empty()
    }

    /// True when the line is only a date or range (and a few words like "Expected", "since").
    pub fn is_date_only(&self) -> bool {
        self.has_date() && self.without_dates().chars().filter(|c| c.is_alphanumeric()).count() <= 12
    }

    /// The text with its date spans removed.
    pub fn without_dates(&self) -> String {
        let mut out = String::new();
        let mut at = 0;
        for d in &self.dates {
            out.push_str(self.text.get(at..d.start).unwrap_or(""));
            out.push(' ');
            at = d.end;
        }
        out.push_str(self.text.get(at..).unwrap_or(""));
        without_empty_brackets(&out)
    }

    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// A date cut out of "(2011-09)" leaves "( )"; the brackets held only the date, so they go too.
fn without_empty_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '[']) {
        let close = if rest[open..].starts_with('(') { ')' } else { ']' };
        let after = &rest[open + 1..];
        let inside = after.len() - after.trim_start().len();
        out.push_str(&rest[..open]);
        if after[inside..].starts_with(close) {
            rest = &after[inside + 1..];
        } else {
            out.push_str(&rest[open..open + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `text` without its leading bullet glyph (and the space after it).
pub fn strip_bullet(text: &str) -> &str {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if BULLETS.contains(&c) => chars.as_str().trim_start(),
        Some('-' | '*' | '–' | '+') if chars.as_str().starts_with([' ', '\t']) => chars.as_str().trim_start(),
        _ => t,
    }
}

/// True when the line starts with a bullet glyph or the source marks it as a list item.
pub fn starts_with_bullet(text: &str) -> bool {
    strip_bullet(text).len() != text.trim_start().len()
}

/// The facts of every line in `lines` (TextView line indices).
pub fn line_infos<'a>(view: &'a TextView, lines: Range<usize>, budget: &mut Budget) -> Result<Vec<LineInfo<'a>>> {
    let mut out = Vec::with_capacity(lines.len());
    for index in lines {
        let text = view.line_text(index);
        budget.spend(1 + (text.len() / 8) as u64)?;
        let Some(r) = view.lines().get(index) else { continue };
        let line = view.line(index);
        let dates = line_dates(text, view.line_dates(index));
        out.push(LineInfo {
            index,
            start: r.start,
            text,
            bullet: line.is_some_and(|l| l.list_item) || starts_with_bullet(text),
            bold: line.is_some_and(|l| l.bold),
            font_size: line.map_or(0.0, |l| l.font_size),
            x0: line.and_then(|l| l.bbox).map(|b| b.x0),
            dates,
            weight_break: line.and_then(|l| l.weight_break).map(|b| b as usize),
        });
    }
    join_wrapped_ranges(&mut out);
    Ok(out)
}

/// "… · (October 2017 - July" / "2020)": a range whose end year a narrow column wrapped onto
/// the next line (LinkedIn's export does). The range is the first line's date, its end year
/// is no date of the second line's (where it would open an entry of its own).
fn join_wrapped_ranges(lines: &mut [LineInfo]) {
    for i in 1..lines.len() {
        let (Some(before), Some(after)) = (lines.get(i - 1), lines.get(i)) else { continue };
        let Some((dates, taken)) = wrapped_range(before.text, after.text) else { continue };
        if let Some(prev) = lines.get_mut(i - 1) {
            prev.dates = dates;
        }
        if let Some(next) = lines.get_mut(i) {
            next.dates.retain(|d| d.start >= taken);
        }
    }
}

/// The dates of line `head` when the year opening line `next` ends a range begun on `head`
/// (ends clamped to `head`), and how many bytes of `next` that year takes.
pub fn wrapped_range(head: &str, next: &str) -> Option<(Vec<FoundDate>, usize)> {
    let head = head.trim_end();
    let lead = next.len() - next.trim_start().len();
    let year = next.get(lead..lead + 4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    if next.get(lead + 4..).is_some_and(|rest| rest.starts_with(|c: char| c.is_alphanumeric())) {
        return None;
    }
    let joined = format!("{head} {year}");
    let found: Vec<FoundDate> = find_dates(&joined).into_iter().filter(plausible).collect();
    let crosses = found.last().is_some_and(|d| matches!(d.value, DateValue::Range(_)) && d.start < head.len() && d.end > head.len());
    crosses.then(|| (found.into_iter().map(|d| FoundDate { end: d.end.min(head.len()), ..d }).collect(), lead + 4))
}

/// The dates of a line `text` whose [`find_dates`] are `found`; a cell holding only an open end
/// ("En cours") is an open range.
fn line_dates(text: &str, found: &[FoundDate]) -> Vec<FoundDate> {
    let dates: Vec<FoundDate> = found.iter().copied().filter(plausible).collect();
    if dates.is_empty() {
        return open_end_cell(text).into_iter().collect();
    }
    dates
}

/// CV dates are recent centuries; "1000 users" is not a year.
fn plausible(d: &FoundDate) -> bool {
    let year_ok = |y: u16| (1940..=2100).contains(&y);
    match d.value {
        DateValue::Date(p) => year_ok(p.year),
        DateValue::Range(r) => r.start.is_none_or(|p| year_ok(p.year)) && r.end.is_none_or(|p| year_ok(p.year)),
    }
}

/// `YYYY[-MM[-DD]]` start and end of a found date; a single date is its own start and end;
/// `open` when the range runs to the present.
pub fn date_bounds(d: &FoundDate) -> (Option<String>, Option<String>, bool) {
    match d.value {
        DateValue::Date(p) => (Some(p.to_string()), Some(p.to_string()), false),
        DateValue::Range(r) => (r.start.map(|p| p.to_string()), r.end.map(|p| p.to_string()), r.open),
    }
}

/// True when a found date is a range (not a single date).
pub fn is_range(d: &FoundDate) -> bool {
    matches!(d.value, DateValue::Range(r) if r.open || r.start != r.end)
}

/// Plain lines of `text` (split at `\n`) with their real offsets, for the step tests.
#[cfg(test)]
pub fn plain_lines(text: &str) -> Vec<LineInfo<'_>> {
    let mut at = 0;
    let mut lines: Vec<LineInfo> = text
        .split('\n')
        .enumerate()
        .map(|(index, t)| {
            let l = LineInfo { index, start: at, text: t, bullet: starts_with_bullet(t), bold: false, font_size: 0.0, x0: None, dates: line_dates(t, &find_dates(t)), weight_break: None };
            at += t.len() + 1;
            l
        })
        .collect();
    join_wrapped_ranges(&mut lines);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_wrapped_before_its_end_year() {
        let lines = plain_lines("Master of Arts · (October 2017 - July\n2020)\nAcme 2021");
        assert_eq!(date_bounds(&lines[0].dates[0]), (Some("2017-10".to_string()), Some("2020-07".to_string()), false));
        assert!(lines[1].dates.is_empty());
        assert!(lines[0].dates.iter().all(|d| d.end <= lines[0].text.len()));
        // A year that opens a line of its own words, or no open range, joins nothing.
        assert_eq!(plain_lines("Analyst, July\n2020 Acme")[1].dates.len(), 1);
        assert!(wrapped_range("Since 2019", "2020)").is_none());
    }
}
