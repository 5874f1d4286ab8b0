//! A small, panic-free tokenizer for content streams and CMaps.
//!
//! Both are PostScript-like token soups (numbers, names, strings, arrays,
//! dictionaries, bare operators). We tokenize them ourselves instead of using
//! the `pdf` crate's op builder so that every operator can be charged to the
//! budget as it is read, malformed operators are skipped instead of aborting
//! the page, and nesting is bounded.

use crate::error::Result;
use crate::limits::Budget;

/// Most operands kept before an operator.
pub const MAX_OPERANDS: usize = 32;

/// Deepest array/dictionary nesting accepted inside one operand.
const MAX_OPERAND_DEPTH: usize = 16;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Number(f32),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// Dictionaries, booleans, null: kept only as placeholders.
    Other,
}

impl Operand {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// What the tokenizer yields: an operand or an operator keyword.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Operand(Operand),
    Operator(Vec<u8>),
    /// A closing `]`, `>>`, `}` with no opener: ignored by callers.
    Stray,
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operator, with its operands in `operands` (cleared first; operators take at
    /// most 6, so only the last [`MAX_OPERANDS`] are kept). Every token is charged to the budget.
    /// An inline image is skipped whole: its `BI` comes back with the position past its data.
    pub fn next_operator(&mut self, operands: &mut Vec<Operand>, budget: &mut Budget) -> Result<Option<Vec<u8>>> {
        operands.clear();
        while let Some(token) = self.next_token() {
            budget.spend(1)?;
            match token {
                Token::Operand(o) => {
                    if operands.len() >= MAX_OPERANDS {
                        operands.remove(0);
                    }
                    operands.push(o);
                }
                Token::Operator(op) => {
                    if op == b"BI" {
                        while let Some(t) = self.next_token() {
                            budget.spend(1)?;
                            if t == Token::Operator(b"ID".to_vec()) {
                                self.skip_inline_image();
                                break;
                            }
                        }
                    }
                    return Ok(Some(op));
                }
                Token::Stray => {}
            }
        }
        Ok(None)
    }

    /// The next token, or `None` at the end of the data.
    pub fn next_token(&mut self) -> Option<Token> {
        self.token_at_depth(0)
    }

    fn token_at_depth(&mut self, depth: usize) -> Option<Token> {
        self.skip_whitespace_and_comments();
        let b = self.peek()?;
        let token = match b {
            b'/' => {
                self.pos += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal_string()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.skip_container(b">>");
                Token::Operand(Operand::Other)
            }
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.hex_string()))
            }
            b'[' => {
                self.pos += 1;
                Token::Operand(self.array(depth))
            }
            b'{' => {
                self.pos += 1;
                self.skip_container(b"}");
                Token::Operand(Operand::Other)
            }
            b']' | b')' | b'}' => {
                self.pos += 1;
                Token::Stray
            }
            b'>' => {
                self.pos += if self.data.get(self.pos + 1) == Some(&b'>') { 2 } else { 1 };
                Token::Stray
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => match self.number() {
                Some(n) => Token::Operand(Operand::Number(n)),
                None => Token::Operator(self.regular_word()),
            },
            _ => {
                let word = self.regular_word();
                if word.is_empty() {
                    // A lone delimiter we do not handle: step over it.
                    self.pos += 1;
                    return Some(Token::Stray);
                }
                match word.as_slice() {
                    b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
                    _ => Token::Operator(word),
                }
            }
        };
        Some(token)
    }

    fn regular_word(&mut self) -> Vec<u8> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if is_whitespace(b) || is_delimiter(b) {
                break;
            }
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default().to_vec()
    }

    fn name(&mut self) -> Vec<u8> {
        let raw = self.regular_word();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b == b'#' {
                if let (Some(h), Some(l)) =
                    (raw.get(i + 1).copied().and_then(hex_value), raw.get(i + 2).copied().and_then(hex_value))
                {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
            }
            out.push(b);
            i += 1;
        }
        out
    }

    fn number(&mut self) -> Option<f32> {
        let start = self.pos;
        let word = self.regular_word();
        // PDF numbers have no exponent; tolerate doubled signs like "--5" by
        // taking the last sign, as viewers do.
        let text = std::str::from_utf8(&word).ok()?;
        let trimmed = text.trim_start_matches(['+', '-']);
        let negative = text.len() != trimmed.len() && text.starts_with('-');
        let ok = !trimmed.is_empty()
            && trimmed.bytes().all(|c| c.is_ascii_digit() || c == b'.')
            && trimmed.bytes().filter(|&c| c == b'.').count() <= 1;
        if !ok {
            self.pos = start;
            return None;
        }
        let value: f32 = if trimmed == "." { 0.0 } else { trimmed.parse().ok()? };
        Some(if negative { -value } else { value })
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => self.escape(&mut out),
                _ => out.push(b),
            }
        }
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(b) = self.peek() else { return };
        self.pos += 1;
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut value = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => out.push(h * 16 + v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h * 16);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut items = Vec::new();
        loop {
            self.skip_whitespace_and_comments();
            match self.peek() {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            if depth >= MAX_OPERAND_DEPTH {
                // Too deep: skip to the matching bracket without building.
                self.skip_container(b"]");
                return Operand::Other;
            }
            match self.token_at_depth(depth + 1) {
                Some(Token::Operand(op)) => items.push(op),
                // Operators inside arrays only appear in broken streams.
                Some(Token::Operator(_)) | Some(Token::Stray) => {}
                None => break,
            }
        }
        Operand::Array(items)
    }

    /// Skip a dictionary or procedure up to its `closer`, respecting strings.
    fn skip_container(&mut self, closer: &[u8]) {
        let mut level = 1usize;
        while let Some(b) = self.peek() {
            if self.data.get(self.pos..self.pos + closer.len()) == Some(closer) {
                self.pos += closer.len();
                level -= 1;
                if level == 0 {
                    return;
                }
                continue;
            }
            match b {
                b'(' => {
                    self.pos += 1;
                    self.literal_string();
                }
                b'<' if closer == b">>" && self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    level = level.saturating_add(1);
                }
                b'{' if closer == b"}" => {
                    self.pos += 1;
                    level = level.saturating_add(1);
                }
                b'[' if closer == b"]" => {
                    self.pos += 1;
                    level = level.saturating_add(1);
                }
                b'<' => {
                    self.pos += 1;
                    self.hex_string();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skip inline image data after `ID`: up to whitespace + `EI` + whitespace/end.
    pub fn skip_inline_image(&mut self) {
        // One whitespace byte separates ID from the data.
        self.pos = self.pos.saturating_add(1);
        while self.pos < self.data.len() {
            let at = self.pos;
            let before_ok = at > 0 && self.data.get(at - 1).copied().is_some_and(is_whitespace);
            if before_ok && self.data.get(at..at + 2) == Some(b"EI") {
                let after = self.data.get(at + 2).copied();
                if after.is_none() || after.is_some_and(|b| is_whitespace(b) || is_delimiter(b)) {
                    self.pos = at + 2;
                    return;
                }
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(data: &[u8]) -> Vec<Token> {
        let mut lexer = Lexer::new(data);
        std::iter::from_fn(|| lexer.next_token()).collect()
    }

    #[test]
    fn reads_operands_and_operators() {
        let t = tokens(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)c\\101) Tj [<0041> -250 (x)] TJ ET");
        assert_eq!(t[0], Token::Operator(b"BT".to_vec()));
        assert_eq!(t[1], Token::Operand(Operand::Name(b"F1".to_vec())));
        assert_eq!(t[2], Token::Operand(Operand::Number(12.0)));
        assert_eq!(t[9], Token::Operand(Operand::Number(-0.5)));
        assert_eq!(t[11], Token::Operand(Operand::Str(b"a(b)cA".to_vec())));
        assert_eq!(
            t[13],
            Token::Operand(Operand::Array(vec![
                Operand::Str(vec![0, 0x41]),
                Operand::Number(-250.0),
                Operand::Str(b"x".to_vec())
            ]))
        );
    }

    #[test]
    fn skips_dictionaries_and_inline_images() {
        let t = tokens(b"/P <</MCID 0 /A (x>>)>> BDC EMC");
        assert_eq!(t.len(), 4);
        assert_eq!(t[2], Token::Operator(b"BDC".to_vec()));
        let mut lexer = Lexer::new(b"ID \x00EI\xff EI Q");
        assert_eq!(lexer.next_token(), Some(Token::Operator(b"ID".to_vec())));
        lexer.skip_inline_image();
        assert_eq!(lexer.next_token(), Some(Token::Operator(b"Q".to_vec())));
    }

    #[test]
    fn survives_garbage_and_deep_nesting() {
        let deep: Vec<u8> = std::iter::repeat_n(b'[', 100_000).collect();
        let t = tokens(&deep);
        assert_eq!(t.len(), 1);
        let t = tokens(b"))) >> ] } <zz (unterminated");
        assert!(!t.is_empty());
    }
}
