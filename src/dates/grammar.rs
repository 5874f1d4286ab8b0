//! The date grammar over [`tokens`](super::tokens): single dates, ranges and open ends.
//!
//! Each `*_at` function tries one form starting at token `i` and returns the value with the
//! index of the first token after it, so callers can require a whole string (`parse_date`) or
//! scan a line (`find_dates`). Forms are tried longest first.
//!
//! Ambiguous numeric dates (`05/06/1990`) are read day-first, as in every CV language but
//! en-US; a US date is recognised when its second number cannot be a month (`03/15/1990`).
//! Two-digit years after an apostrophe (`'19`) are 20yy below 50 and 19yy otherwise.

use super::months::{fold, is_season_word, month_number};
use super::tokens::{Kind, Token};
use super::{DateRange, PartialDate};

const RANGE_DASHES: &[char] = &['-', '–', '—', '−', '~', '→', '‒'];
const RANGE_WORDS: &[&str] = &["to", "till", "til", "until", "through", "thru", "bis", "a", "au", "al", "hasta", "tot", "ate", "do", "t/m"];
const FROM_WORDS: &[&str] = &["from", "von", "vom", "de", "du", "desde", "dal", "da", "van", "od"];
const SINCE_WORDS: &[&str] = &["since", "seit", "depuis", "desde", "sinds", "dal", "od"];
const OPEN_WORDS: &[&str] = &[
    "present", "current", "currently", "now", "today", "ongoing", "heute", "aktuell", "jetzt", "dato",
    "aujourd'hui", "actuel", "actuelle", "actuellement", "maintenant", "actualidad", "presente", "actual",
    "actualmente", "hoy", "oggi", "heden", "nu", "huidig", "atual", "atualmente", "hoje", "obecnie", "teraz",
    "dzis", "dzisiaj", "derzeit", "attuale", "nadal", "laufend", "ahora", "naværende", "nuværende", "nuvarande",
    "pagaende",
];

/// True when the folded word is an open end of a range ("present", "heute", "actualidad"…).
/// The featurizer's "present" word class asks here too.
pub fn is_present_word(folded: &str) -> bool {
    OPEN_WORDS.contains(&folded)
}
/// Two-word open ends ("à ce jour", "hasta la fecha", "en cours", "in corso", "em curso", "to date").
const OPEN_PAIRS: &[(&str, &str)] = &[
    ("ce", "jour"), ("la", "fecha"), ("en", "cours"), ("en", "curso"), ("in", "corso"), ("em", "curso"), ("la", "data"), ("to", "date"), ("till", "date"),
    ("o", "momento"), ("ao", "momento"),
];
pub(super) const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "e", "o", "º"];

/// True when the folded words are an open end alone ("Present", "en cours", "to date").
pub fn is_open_end(words: &[&str]) -> bool {
    match words {
        [one] => OPEN_WORDS.contains(one),
        [first, second] => OPEN_PAIRS.contains(&(*first, *second)),
        _ => false,
    }
}

fn word<'a>(t: &[Token<'a>], i: usize) -> Option<String> {
    t.get(i).filter(|t| t.kind == Kind::Word).map(|t| fold(t.text))
}

fn punct(t: &[Token], i: usize, set: &[char]) -> bool {
    t.get(i).is_some_and(|t| t.is_punct(set))
}

/// Token `i` follows token `i - 1` without a space.
fn glued(t: &[Token], i: usize) -> bool {
    t.get(i).is_some_and(|t| !t.space_before)
}

fn skip_punct(t: &[Token], i: usize, set: &[char]) -> usize {
    if punct(t, i, set) { i + 1 } else { i }
}

fn skip_word(t: &[Token], i: usize, words: &[&str]) -> usize {
    match word(t, i) {
        Some(w) if words.contains(&w.as_str()) => i + 1,
        _ => i,
    }
}

/// A four-digit year in 1900..=2099.
fn year4(t: &[Token], i: usize) -> Option<u16> {
    let tok = t.get(i)?;
    if tok.text.len() != 4 {
        return None;
    }
    let y = tok.num(4)?;
    (1900..=2099).contains(&y).then_some(y as u16)
}

/// `'19` / `’19`.
fn apostrophe_year(t: &[Token], i: usize) -> Option<(u16, usize)> {
    if !punct(t, i, &['\'', '’', '‘']) || !glued(t, i + 1) {
        return None;
    }
    let tok = t.get(i + 1)?;
    if tok.text.len() != 2 {
        return None;
    }
    let yy = tok.num(2)? as u16;
    Some((if yy < 50 { 2000 + yy } else { 1900 + yy }, i + 2))
}

fn month(t: &[Token], i: usize) -> Option<(u8, usize)> {
    let tok = t.get(i).filter(|t| t.kind == Kind::Word)?;
    let m = month_number(tok.text)?;
    Some((m, skip_punct(t, i + 1, &['.'])))
}

fn day(t: &[Token], i: usize) -> Option<(u8, usize)> {
    let tok = t.get(i)?;
    let d = tok.num(2)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut j = i + 1;
    if glued(t, j) && word(t, j).is_some_and(|w| ORDINALS.contains(&w.as_str())) {
        j += 1;
    }
    Some((d as u8, j))
}

/// One date after a "from" word ("De 24/09/2018", "von 03/2019"), the word included: the start
/// of a range whose end is elsewhere (on the next line) or missing.
pub(super) fn from_date_at(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    let w = word(t, i)?;
    if FROM_WORDS.contains(&w.as_str()) { date_at(t, i + 1) } else { None }
}

/// One date at token `i`.
pub(super) fn date_at(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    day_month_year(t, i)
        .or_else(|| month_day_year(t, i))
        .or_else(|| month_year(t, i))
        .or_else(|| season_year(t, i))
        .or_else(|| numeric(t, i))
        .or_else(|| apostrophe_year(t, i).map(|(y, j)| (PartialDate::year(y), j)))
        .or_else(|| year4(t, i).map(|y| (PartialDate::year(y), i + 1)))
}

/// "15 March 1990", "15. März 1990", "15 de marzo de 1990", "1er janvier 1990", "15-Mar-1990".
fn day_month_year(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    let (d, j) = day(t, i)?;
    let j = skip_punct(t, j, &['.', '-', '/']);
    let j = skip_word(t, j, &["de", "of"]);
    let (m, j) = month(t, j)?;
    let j = skip_punct(t, j, &['-', '/', ',']);
    let j = skip_word(t, j, &["de"]);
    let y = year4(t, j)?;
    Some((PartialDate::new(y, Some(m), Some(d))?, j + 1))
}

/// "March 15, 1990", "Mar 15th 1990".
fn month_day_year(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    let (m, j) = month(t, i)?;
    let (d, j) = day(t, j)?;
    let j = skip_punct(t, j, &[',']);
    let y = year4(t, j)?;
    Some((PartialDate::new(y, Some(m), Some(d))?, j + 1))
}

/// "Jan 2020", "janv. 2020", "enero de 2020", "Mar '19", "May, 2020".
fn month_year(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    let (m, j) = month(t, i)?;
    let j = skip_punct(t, j, &[',', '/', '-']);
    let j = skip_word(t, j, &["de", "of"]);
    if let Some((y, k)) = apostrophe_year(t, j) {
        return Some((PartialDate::new(y, Some(m), None)?, k));
    }
    let y = year4(t, j)?;
    Some((PartialDate::new(y, Some(m), None)?, j + 1))
}

/// "Summer 2019" → 2019.
fn season_year(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    let tok = t.get(i).filter(|t| t.kind == Kind::Word)?;
    if !is_season_word(tok.text) {
        return None;
    }
    let j = skip_word(t, i + 1, &["de", "of"]);
    if let Some((y, k)) = apostrophe_year(t, j) {
        return Some((PartialDate::year(y), k));
    }
    Some((PartialDate::year(year4(t, j)?), j + 1))
}

/// Numeric forms with one separator kind, all glued: 2020-01-15, 2020-01, 15.03.1990, 03/15/1990, 01/2020.
fn numeric(t: &[Token], i: usize) -> Option<(PartialDate, usize)> {
    const SEPS: &[char] = &['-', '/', '.'];
    let sep_at = |k: usize| -> Option<char> {
        match t.get(k) {
            Some(tok) if !tok.space_before && glued(t, k + 1) => match tok.kind {
                Kind::Punct(c) if SEPS.contains(&c) => Some(c),
                _ => None,
            },
            _ => None,
        }
    };
    if let Some(y) = year4(t, i) {
        let s1 = sep_at(i + 1)?;
        let m = t.get(i + 2)?.num(2)?;
        if academic_end(y, t, i + 2).is_some() && s1 != '.' {
            return None; // 2019/20 is a range, not a month
        }
        if sep_at(i + 3) == Some(s1) {
            if let Some(d) = t.get(i + 4).and_then(|tok| tok.num(2)) {
                return Some((PartialDate::new(y, Some(m as u8), Some(d as u8))?, i + 5));
            }
        }
        if s1 == '.' {
            return None; // 2020.01 reads like a version
        }
        return Some((PartialDate::new(y, Some(m as u8), None)?, i + 3));
    }
    let a = t.get(i)?.num(2)?;
    let s1 = sep_at(i + 1)?;
    if let Some(y) = year4(t, i + 2) {
        return Some((PartialDate::new(y, Some(a as u8), None)?, i + 3));
    }
    let b = t.get(i + 2)?.num(2)?;
    if sep_at(i + 3) != Some(s1) {
        return None;
    }
    let y = year4(t, i + 4)?;
    let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
    Some((PartialDate::new(y, Some(m as u8), Some(d as u8))?, i + 5))
}

/// The end year of an academic year written `2019/20` (token `k` is the `20`).
fn academic_end(start: u16, t: &[Token], k: usize) -> Option<u16> {
    let tok = t.get(k)?;
    let next = start.checked_add(1)?;
    match tok.text.len() {
        2 if tok.num(2)? as u16 == next % 100 => Some(next),
        4 if tok.num(4)? as u16 == next => Some(next),
        _ => None,
    }
}

fn open_end(t: &[Token], i: usize) -> Option<usize> {
    let w = word(t, i)?;
    if OPEN_WORDS.contains(&w.as_str()) {
        return Some(i + 1);
    }
    let w2 = word(t, i + 1)?;
    OPEN_PAIRS.iter().any(|(a, b)| *a == w && *b == w2).then_some(i + 2)
}

/// A range separator at `i`: dashes (one or two) or a word ("to", "bis", "au", "hasta"…).
fn separator(t: &[Token], i: usize) -> Option<usize> {
    if punct(t, i, RANGE_DASHES) {
        // "– à ce jour": a dash may be followed by a separator word.
        let j = skip_punct(t, i + 1, RANGE_DASHES);
        return Some(skip_word(t, j, RANGE_WORDS));
    }
    let w = word(t, i)?;
    RANGE_WORDS.contains(&w.as_str()).then_some(i + 1)
}

/// A range at token `i`: "[from] START SEP (END | open)", "since START", "2019/20", "Jan – Mar 2020".
pub(super) fn range_at(t: &[Token], i: usize) -> Option<(DateRange, usize)> {
    if let Some(found) = core_range(t, i) {
        return Some(found);
    }
    let w = word(t, i)?;
    if FROM_WORDS.contains(&w.as_str()) {
        if let Some(found) = core_range(t, i + 1) {
            return Some(found);
        }
    }
    if SINCE_WORDS.contains(&w.as_str()) {
        let (start, j) = date_at(t, i + 1)?;
        return Some((DateRange { start: Some(start), end: None, open: true }, j));
    }
    None
}

fn core_range(t: &[Token], i: usize) -> Option<(DateRange, usize)> {
    // 2019/20, 2019-2020 as an academic year.
    if let Some(y) = year4(t, i) {
        if punct(t, i + 1, &['/', '-', '–']) && glued(t, i + 1) && glued(t, i + 2) {
            if let Some(end) = academic_end(y, t, i + 2) {
                if t.get(i + 2).is_some_and(|tok| tok.text.len() == 2) {
                    return Some((DateRange::closed(PartialDate::year(y), PartialDate::year(end)), i + 3));
                }
            }
        }
    }
    let (start, j, start_month_only) = match date_at(t, i) {
        Some((d, j)) => (Some(d), j, None),
        None => {
            let (m, j) = month(t, i)?;
            (None, j, Some(m))
        }
    };
    let k = separator(t, j)?;
    if let Some(start) = start {
        // "2019 – today", and "2019 to date" where the separator word starts the open end.
        if let Some(end) = open_end(t, k).or_else(|| open_end(t, k.saturating_sub(1)).filter(|_| k > j)) {
            return Some((DateRange { start: Some(start), end: None, open: true }, end));
        }
        let (end, next) = date_at(t, k)?;
        return Some((DateRange::closed(start, end), next));
    }
    // "Jan – Mar 2020": the start month takes the end's year (the year before when it is later).
    let m = start_month_only?;
    let (end, next) = date_at(t, k)?;
    let end_month = end.month?;
    let year = if m > end_month { end.year.checked_sub(1)? } else { end.year };
    Some((DateRange::closed(PartialDate::new(year, Some(m), None)?, end), next))
}
