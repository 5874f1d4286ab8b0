//! The feature templates: what each of a token's id slots describes.
//!
//! Values are small strings hashed per slot. Token-level values (word, shape, class) are computed
//! once per token and line-level values (style, region, section, flags) once per line, so the
//! cost is linear in the number of tokens.

use crate::document::Region;
use crate::error::Result;
use crate::lexicon::words::{word_class, WordClass};
use crate::fold::fold;
use crate::limits::Budget;
use crate::sections::style::{median_font_size, LARGER_RATIO};
use crate::sections::Sections;
use crate::text_view::TextView;

use super::hash::Fnv;
use super::{Token, BUCKETS};

/// The slots, in id order.
pub const SLOT_NAMES: [&str; 22] = [
    "word",             // lowercased token
    "shape",            // Xxxx, XXXX, dddd, x.x. (runs capped at 4)
    "prefix3",          // first 3 chars, lowercased
    "suffix3",          // last 3 chars, lowercased
    "class",            // lexicon word class (month, org suffix, degree, …) or none
    "word-2",           // neighbour words in the same line (<bol>/<eol> past its ends)
    "word-1",
    "word+1",
    "word+2",
    "shape-1",          // neighbour shapes
    "shape+1",
    "class-1",          // neighbour classes
    "class+1",
    "position",         // only / first / last / middle with index bucket
    "line_length",      // tokens in the line, bucketed
    "line_style",       // bold, italic, font size vs the document median, heading mark, list item
    "line_region",      // body/header/footer/table/textbox/footnote and layout column
    "section",          // the line's section kind, and whether the line is a heading
    "section_line",     // the line's index within its section: 0, 1, 2, 3+
    "line_flags",       // the line holds a date range / an e-mail / digits
    "word×section",     // conjunctions
    "shape×position",
];
pub const SLOTS: usize = SLOT_NAMES.len();

/// Per-token values shared by the token's own and its neighbours' slots.
struct TokenInfo {
    word: String,
    shape: String,
    class: &'static str,
}

/// Per-line values.
#[derive(Default)]
struct LineInfo {
    style: String,
    region: String,
    section: String,
    section_line: &'static str,
    flags: String,
    tokens: usize,
    years: u32,
    present: bool,
    email: bool,
    digits: bool,
}

pub fn feature_ids(view: &TextView, sections: &Sections, tokens: &[Token], budget: &mut Budget) -> Result<Vec<i64>> {
    let text = view.text();
    let infos: Vec<TokenInfo> = tokens.iter().enumerate().map(|(i, _)| token_info(text, tokens, i)).collect();
    let lines = line_infos(view, sections, tokens, &infos, budget)?;
    let mut ids = Vec::with_capacity(tokens.len().saturating_mul(SLOTS));
    let empty = LineInfo::default();
    let mut index_in_line = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        budget.spend(SLOTS as u64)?;
        if i > 0 && tokens.get(i - 1).map(|t| t.line) != Some(token.line) {
            index_in_line = 0;
        }
        let line = lines.get(token.line).unwrap_or(&empty);
        let Some(info) = infos.get(i) else { continue };
        let neighbour = |offset: isize| -> Option<&TokenInfo> {
            let j = i.checked_add_signed(offset)?;
            (tokens.get(j)?.line == token.line).then(|| infos.get(j)).flatten()
        };
        let word_at = |offset: isize| neighbour(offset).map_or(if offset < 0 { "<bol>" } else { "<eol>" }, |t| t.word.as_str());
        let shape_at = |offset: isize| neighbour(offset).map_or(if offset < 0 { "<bol>" } else { "<eol>" }, |t| t.shape.as_str());
        let class_at = |offset: isize| neighbour(offset).map_or(if offset < 0 { "<bol>" } else { "<eol>" }, |t| t.class);
        let position = position(index_in_line, line.tokens);
        let values: [&str; SLOTS] = [
            &info.word,
            &info.shape,
            &affix(&info.word, true),
            &affix(&info.word, false),
            info.class,
            word_at(-2),
            word_at(-1),
            word_at(1),
            word_at(2),
            shape_at(-1),
            shape_at(1),
            class_at(-1),
            class_at(1),
            position,
            length_bucket(line.tokens),
            &line.style,
            &line.region,
            &line.section,
            line.section_line,
            &line.flags,
            &format!("{}|{}", info.word, line.section),
            &format!("{}|{}", info.shape, position),
        ];
        for (slot, value) in values.iter().enumerate() {
            ids.push(Fnv::slot(slot).str(value).id(BUCKETS));
        }
        index_in_line = index_in_line.saturating_add(1);
    }
    Ok(ids)
}

fn token_info(text: &str, tokens: &[Token], i: usize) -> TokenInfo {
    let Some(token) = tokens.get(i) else {
        return TokenInfo { word: String::new(), shape: String::new(), class: "none" };
    };
    let raw = token_word(text.get(token.start..token.end).unwrap_or(""));
    let word = raw.to_lowercase();
    let class = abbreviation_key(text, tokens, i)
        .and_then(|key| word_class(&key))
        .or_else(|| word_class(&fold(&raw)))
        .map_or("none", WordClass::as_str);
    TokenInfo { word, shape: shape(&raw), class }
}

/// A token's word: its text, without the spaces of a letter-spaced word ("D U L C E" → "DULCE").
fn token_word(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains(' ') {
        std::borrow::Cow::Owned(raw.chars().filter(|c| *c != ' ').collect())
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

/// For a token inside a dotted abbreviation ("B.Sc.", "S.p.A.", "geb."), the folded letters of
/// the whole abbreviation without dots ("bsc", "spa", "geb"); `None` otherwise.
fn abbreviation_key(text: &str, tokens: &[Token], i: usize) -> Option<String> {
    let part = |j: usize| -> Option<&str> { tokens.get(j).and_then(|t| text.get(t.start..t.end)) };
    let joined = |a: usize, b: usize| -> bool {
        matches!((tokens.get(a), tokens.get(b)), (Some(x), Some(y)) if x.end == y.start && x.line == y.line)
    };
    let is_piece = |j: usize| part(j).is_some_and(|s| s == "." || s.chars().all(char::is_alphanumeric));
    let (mut first, mut last) = (i, i);
    // Abbreviations are short: look at most 8 tokens either way.
    while first > 0 && i - first < 8 && joined(first - 1, first) && is_piece(first - 1) {
        first -= 1;
    }
    while last.saturating_add(1) < tokens.len() && last - i < 8 && joined(last, last + 1) && is_piece(last + 1) {
        last += 1;
    }
    let pieces: Vec<&str> = (first..=last).filter_map(part).collect();
    if !pieces.contains(&".") {
        return None;
    }
    Some(fold(&pieces.iter().filter(|p| **p != ".").copied().collect::<String>()))
}

/// "Müller" → "Xxxxx" capped to "Xxxx"; "2019" → "dddd"; "B.Sc." pieces → "X", ".", "Xx".
pub fn shape(raw: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0usize;
    for c in raw.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a' // letters without case (CJK, Arabic…)
        } else {
            c
        };
        run = if s == last { run.saturating_add(1) } else { 1 };
        last = s;
        if run <= 4 {
            out.push(s);
        }
    }
    out
}

fn affix(word: &str, prefix: bool) -> String {
    let n = word.chars().count();
    if prefix {
        word.chars().take(3).collect()
    } else {
        word.chars().skip(n.saturating_sub(3)).collect()
    }
}

fn position(index: usize, count: usize) -> &'static str {
    match (index, count) {
        (_, 0 | 1) => "only",
        (0, _) => "first",
        (i, n) if i.saturating_add(1) == n => "last",
        (1, _) => "mid1",
        (2, _) => "mid2",
        (3..=5, _) => "mid3-5",
        _ => "mid6+",
    }
}

fn length_bucket(tokens: usize) -> &'static str {
    match tokens {
        0 | 1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=10 => "7-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

fn line_infos(
    view: &TextView,
    sections: &Sections,
    tokens: &[Token],
    infos: &[TokenInfo],
    budget: &mut Budget,
) -> Result<Vec<LineInfo>> {
    let median = median_font_size(view);
    let text = view.text();
    let mut lines: Vec<LineInfo> = (0..view.lines().len()).map(|_| LineInfo::default()).collect();
    // Token-derived line facts in one pass over the tokens.
    for (i, token) in tokens.iter().enumerate() {
        let raw = text.get(token.start..token.end).unwrap_or("");
        let (Some(info), Some(line)) = (infos.get(i), lines.get_mut(token.line)) else { continue };
        line.tokens = line.tokens.saturating_add(1);
        line.digits |= raw.bytes().any(|b| b.is_ascii_digit());
        if raw.len() == 4 && raw.parse::<u32>().is_ok_and(|y| (1950..=2099).contains(&y)) {
            line.years = line.years.saturating_add(1);
        }
        line.present |= info.class == WordClass::Present.as_str();
        if raw == "@" {
            let before = i.checked_sub(1).and_then(|j| tokens.get(j)).is_some_and(|t| t.end == token.start);
            let after = tokens.get(i.saturating_add(1)).is_some_and(|t| t.start == token.end && t.line == token.line);
            line.email |= before && after;
        }
    }
    for (index, info) in lines.iter_mut().enumerate() {
        budget.spend(1)?;
        let date_range = info.years >= 2 || (info.years >= 1 && info.present);
        info.flags = format!("d{}e{}n{}", date_range as u8, info.email as u8, info.digits as u8);
        let kind = sections.kind_of_line(index).as_str();
        let heading = sections.is_heading(index);
        info.section = format!("{kind}{}", if heading { "|h" } else { "" });
        info.section_line = if heading {
            "heading"
        } else {
            match sections.section_of_line(index).map(|s| index.saturating_sub(s.lines.start)) {
                Some(0) | None => "0",
                Some(1) => "1",
                Some(2) => "2",
                Some(_) => "3+",
            }
        };
        let Some(line) = view.line(index) else { continue };
        let size = if median <= 0.0 || line.font_size <= 0.0 {
            "unknown"
        } else {
            let ratio = line.font_size / median;
            if ratio < 0.9 {
                "smaller"
            } else if ratio <= LARGER_RATIO {
                "body"
            } else if ratio < 1.4 {
                "larger"
            } else {
                "largest"
            }
        };
        info.style = format!(
            "b{}i{}{}h{}l{}",
            line.bold as u8,
            line.italic as u8,
            size,
            line.heading.unwrap_or(0),
            line.list_item as u8
        );
        let region = match line.region {
            Region::Body => "body",
            Region::Header => "header",
            Region::Footer => "footer",
            Region::Table => "table",
            Region::TextBox => "textbox",
            Region::Footnote => "footnote",
        };
        info.region = format!("{region}|c{}", line.column.min(3));
    }
    Ok(lines)
}

#[cfg(test)]
pub fn class_for_test(text: &str, tokens: &[Token], i: usize) -> &'static str {
    token_info(text, tokens, i).class
}
