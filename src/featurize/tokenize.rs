//! Splitting the TextView text into tokens: runs of letters and digits, and every other
//! non-space character on its own ("B.Sc." → `B` `.` `Sc` `.`; "2019–2021" → `2019` `–` `2021`).
//!
//! Tokens never cross a line, so each carries its TextView line index. Spans are UTF-8 byte
//! offsets into the TextView text, like every other span in the pipeline.
//!
//! A letter-spaced line ("J A N E   D O E", "E X P E R I E N C E" — display names and headings
//! of designed CVs, and what PDF extraction makes of tracked-out type) would otherwise be a row of
//! one-letter tokens that look like nothing a tagger has learnt. Its letters are joined back
//! into word tokens ([`join_letter_spacing`]): a token then spans its letters and the single
//! spaces between them, and its word is the letters alone (see `templates::token_word`).

use crate::error::Result;
use crate::limits::Budget;
use crate::text_view::TextView;

use super::Token;

pub fn tokenize(view: &TextView, budget: &mut Budget) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    for (line, r) in view.lines().iter().enumerate() {
        let text = view.line_text(line);
        budget.spend(1)?;
        let first = tokens.len();
        let mut run: Option<usize> = None;
        for (offset, c) in text.char_indices() {
            let at = r.start.saturating_add(offset);
            if c.is_alphanumeric() {
                run.get_or_insert(at);
                continue;
            }
            if let Some(start) = run.take() {
                budget.spend(1)?;
                tokens.push(Token { start, end: at, line });
            }
            if !c.is_whitespace() && !c.is_control() && !is_invisible(c) {
                budget.spend(1)?;
                tokens.push(Token { start: at, end: at.saturating_add(c.len_utf8()), line });
            }
        }
        if let Some(start) = run {
            budget.spend(1)?;
            tokens.push(Token { start, end: r.end, line });
        }
        let joined = join_letter_spacing(view.text(), &tokens[first..]);
        if let Some(joined) = joined {
            tokens.truncate(first);
            tokens.extend(joined);
        }
    }
    Ok(tokens)
}

/// Fewest one-letter tokens a letter-spaced line has, and the share of its letter or digit
/// tokens they make at least: a line of initials ("J. R. R. Tolkien") or a grade list stays as
/// it is.
const MIN_SPACED_LETTERS: usize = 4;
const MIN_SPACED_SHARE: f64 = 0.8;

/// A line's tokens with letter-spaced runs joined into words, or `None` when the line is not
/// letter-spaced. Letters one space apart join; a wider gap, or any other token, ends a word.
fn join_letter_spacing(text: &str, line: &[Token]) -> Option<Vec<Token>> {
    let piece = |t: &Token| text.get(t.start..t.end).unwrap_or("");
    let is_letter = |t: &Token| {
        let mut chars = piece(t).chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphanumeric())
    };
    let words = line.iter().filter(|t| piece(t).chars().all(char::is_alphanumeric)).count();
    let letters = line.iter().filter(|t| is_letter(t)).count();
    if letters < MIN_SPACED_LETTERS || (letters as f64) < MIN_SPACED_SHARE * words as f64 {
        return None;
    }
    let mut out: Vec<Token> = Vec::with_capacity(line.len());
    let mut open = false;
    for t in line {
        let letter = is_letter(t);
        if let (true, true, Some(last)) = (open, letter, out.last_mut()) {
            if text.get(last.end..t.start) == Some(" ") {
                last.end = t.end;
                continue;
            }
        }
        out.push(*t);
        open = letter;
    }
    Some(out)
}

/// Format characters that show nothing (zero-width spaces and joiners, soft hyphen, BOM).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}
