//! Multilingual date parsing for CVs: single dates, ranges and open ends, normalised to
//! "YYYY", "YYYY-MM" or "YYYY-MM-DD" (what JSON Resume's `startDate`/`endDate` expect).
//!
//! Three entry points share one grammar ([`grammar`]): [`parse_date`] and [`parse_range`] read a
//! whole string (a field the parser already isolated), [`find_dates`] scans a line and reports
//! every date or range with its byte span. A number glued to other digits (`555-2019`,
//! `ISO 9001:2015`, `2019%`) is not a date, so phone numbers, versions and percentages stay out.

mod grammar;
pub mod months;
mod tokens;

use serde::{Deserialize, Serialize};

pub use grammar::is_present_word;
pub use months::{is_month_word, month_number};

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    /// Only set when `month` is.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A validated date: month 1..=12, day within the month (29 February in leap years only).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
        }
        if let Some(d) = day {
            let m = month?;
            if d == 0 || d > days_in_month(year, m) {
                return None;
            }
        }
        Some(PartialDate { year, month, day })
    }

    pub fn year(year: u16) -> PartialDate {
        PartialDate { year, month: None, day: None }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for PartialDate {
    type Err = &'static str;
    /// Reads the normalised forms only ("YYYY", "YYYY-MM", "YYYY-MM-DD").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split('-');
        let mut next = |len: usize| -> Result<Option<u16>, &'static str> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().map(Some).map_err(|_| "bad number"),
                Some(_) => Err("expected YYYY, YYYY-MM or YYYY-MM-DD"),
            }
        };
        let year = next(4)?.ok_or("empty date")?;
        let month = next(2)?.map(|m| m as u8);
        let day = next(2)?.map(|d| d as u8);
        if parts.next().is_some() {
            return Err("expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        PartialDate::new(year, month, day).ok_or("no such date")
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A period. A single date read as a range has `start == end`; `open` marks a range that runs
/// to the present ("2019 – today", "since 2019"), whose `end` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub open: bool,
}

impl DateRange {
    pub fn closed(start: PartialDate, end: PartialDate) -> DateRange {
        DateRange { start: Some(start), end: Some(end), open: false }
    }
}

/// What [`find_dates`] found at a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DateValue {
    Date(PartialDate),
    Range(DateRange),
}

/// A date or range found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

const EDGE_PUNCT: &[char] = &['(', ')', '[', ']', ',', ';', ':', '.', '|', '•', '·', '*'];

/// Tokens of `s` without leading and trailing punctuation (brackets, commas, full stops…).
fn trimmed_tokens(s: &str) -> Vec<tokens::Token<'_>> {
    let mut t = tokens::tokenize(s);
    while t.last().is_some_and(|tok| tok.is_punct(EDGE_PUNCT) || tok.is_punct(&['\n'])) {
        t.pop();
    }
    let lead = t.iter().take_while(|tok| tok.is_punct(EDGE_PUNCT) || tok.is_punct(&['\n'])).count();
    t.drain(..lead);
    t
}

/// Parse a whole string as one date ("März 2019", "15.03.1990", "2019").
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let t = trimmed_tokens(s);
    match grammar::date_at(&t, 0) {
        Some((d, next)) if next == t.len() => Some(d),
        _ => None,
    }
}

/// Parse a whole string as a range ("Jan 2020 – heute", "2019/20", "seit 2019") or as one date
/// (returned as `start == end`).
pub fn parse_range(s: &str) -> Option<DateRange> {
    let t = trimmed_tokens(s);
    if let Some((r, next)) = grammar::range_at(&t, 0) {
        if next == t.len() {
            return Some(r);
        }
    }
    parse_date(s).map(|d| DateRange::closed(d, d))
}

/// Every date and range in `text` (usually one line), left to right, without overlaps.
/// Work is linear in the text's length (each position tries a bounded number of forms).
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let t = tokens::tokenize(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let hit = grammar::range_at(&t, i)
            .map(|(r, j)| (DateValue::Range(r), j))
            .or_else(|| grammar::date_at(&t, i).map(|(d, j)| (DateValue::Date(d), j)))
            .or_else(|| grammar::from_date_at(&t, i).map(|(d, j)| (DateValue::Date(d), j)));
        if let Some((value, j)) = hit {
            if j > i && stands_alone(&t, i, j) {
                if let (Some(first), Some(last)) = (t.get(i), t.get(j - 1)) {
                    found.push(FoundDate { start: first.start, end: last.end, value });
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

/// A cell after a tab that holds nothing but an open end ("…  En cours", "…\tPresent"): the
/// date column of an entry that started at a date the CV does not give. An open range without
/// a start.
pub fn open_end_cell(text: &str) -> Option<FoundDate> {
    let mut at = text.find('\t')?;
    for cell in text.get(at..)?.split('\t') {
        let start = at + (cell.len() - cell.trim_start().len());
        at += cell.len() + 1;
        let trimmed = cell.trim().trim_end_matches('.');
        let folded = months::fold(trimmed);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if !words.is_empty() && grammar::is_open_end(&words) {
            return Some(FoundDate { start, end: start + trimmed.len(), value: DateValue::Range(DateRange { start: None, end: None, open: true }) });
        }
    }
    None
}

/// False when tokens `i..j` are part of a longer number: digits or a glued `+ - / . :` chain
/// before or after (`555-2019`, `+49 2019`, `9001:2015`), a glued word (`v2019`, `2019px`) or `%`.
/// A cell gap (a tab, two spaces or more) ends a number: "2016  78.4%" is a year beside a score.
fn stands_alone(t: &[tokens::Token], i: usize, j: usize) -> bool {
    use tokens::Kind;
    const CHAIN: &[char] = &['-', '/', '.', ':', '+', ','];
    let first_glued = t.get(i).is_some_and(|tok| !tok.space_before);
    if let Some(prev) = i.checked_sub(1).and_then(|p| t.get(p)) {
        let first_is_num = t.get(i).is_some_and(|tok| tok.kind == Kind::Num);
        let gap = t.get(i).is_some_and(|tok| tok.gap_before);
        if prev.kind == Kind::Num && (first_is_num || first_glued) && !gap {
            return false;
        }
        if prev.is_punct(&['+']) {
            return false;
        }
        if prev.kind == Kind::Word && first_glued && first_is_num {
            return false;
        }
        let before = i.checked_sub(2).and_then(|p| t.get(p));
        if first_glued && prev.is_punct(CHAIN) && !prev.space_before && before.is_some_and(|b| b.kind == Kind::Num) {
            return false;
        }
    }
    let last_is_num = j.checked_sub(1).and_then(|l| t.get(l)).is_some_and(|tok| tok.kind == Kind::Num);
    if let Some(next) = t.get(j) {
        // "1980 – 1990  12. Oberschule": an ordinal ("12.") before a word starts a name; so does
        // a school year after a date ("2011  12th Standard").
        let ordinal = t.get(j + 1).is_some_and(|p| p.is_punct(&['.']) && !p.space_before)
            && t.get(j + 2).is_some_and(|w| w.kind == Kind::Word && w.space_before)
            || t.get(j + 1).is_some_and(|w| w.kind == Kind::Word && !w.space_before && grammar::ORDINALS.contains(&months::fold(w.text).as_str()));
        if next.kind == Kind::Num && last_is_num && !(ordinal && next.space_before) && !next.gap_before {
            return false;
        }
        if !next.space_before && last_is_num && (next.kind == Kind::Word || next.is_punct(&['%'])) {
            return false;
        }
        let after = t.get(j + 1);
        if !next.space_before && next.is_punct(CHAIN) && after.is_some_and(|a| a.kind == Kind::Num && !a.space_before) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests;
