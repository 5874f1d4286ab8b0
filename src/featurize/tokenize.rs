//! Splitting the TextView text into tokens: runs of letters and digits, and every other
//! non-space character on its own ("B.Sc." → `B` `.` `Sc` `.`; "2019–2021" → `2019` `–` `2021`).
//!
//! Tokens never cross a line, so each carries its TextView line index. Spans are UTF-8 byte
//! offsets into the TextView text, like every other span in the pipeline.

use crate::error::Result;
use crate::limits::Budget;
use crate::text_view::TextView;

use super::Token;

pub fn tokenize(view: &TextView, budget: &mut Budget) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    for (line, r) in view.lines().iter().enumerate() {
        let text = view.line_text(line);
        budget.spend(1)?;
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
    }
    Ok(tokens)
}

/// Format characters that show nothing (zero-width spaces and joiners, soft hyphen, BOM).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}
