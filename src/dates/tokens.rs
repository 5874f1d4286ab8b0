//! A tiny tokenizer for date parsing: digit runs, letter runs and single punctuation marks,
//! each with its byte span and whether whitespace preceded it.
//!
//! Dates are recognised on tokens rather than with one large regex so the grammar (day, month,
//! year in any order the CV languages use, ranges, open ends) stays readable and so "glued"
//! neighbours (the digits of a phone number around a year) can be checked explicitly.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII digits.
    Num,
    /// Letters (with inner apostrophes: "aujourd'hui").
    Word,
    /// One other visible character; line and page breaks are `Punct('\n')`.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Whitespace (not a line break) separates it from the previous token.
    pub space_before: bool,
    /// That whitespace is a cell gap (a tab or two spaces and more): what stands on either
    /// side is no one number ("2016  78.4%" in a table row).
    pub gap_before: bool,
}

impl Token<'_> {
    pub fn is_punct(&self, set: &[char]) -> bool {
        matches!(self.kind, Kind::Punct(c) if set.contains(&c))
    }

    /// The value of a digit token of at most `max_len` digits.
    pub fn num(&self, max_len: usize) -> Option<u32> {
        if self.kind != Kind::Num || self.text.len() > max_len {
            return None;
        }
        self.text.parse().ok()
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space_before = false;
    let mut spaces = 0usize;
    while let Some((start, c)) = chars.next() {
        let kind = if c == '\n' || c == '\u{c}' {
            Kind::Punct('\n')
        } else if c.is_whitespace() {
            space_before = true;
            spaces += if c == '\t' { 2 } else { 1 };
            continue;
        } else if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else if c == '\u{ad}' {
            Kind::Punct('-')
        } else {
            Kind::Punct(c)
        };
        let mut end = start + c.len_utf8();
        match kind {
            Kind::Num => {
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
            }
            Kind::Word => {
                while let Some(&(i, d)) = chars.peek() {
                    let inner_apostrophe = is_apostrophe(d) && text.get(i + d.len_utf8()..).and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic);
                    if !(d.is_alphabetic() || inner_apostrophe) {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
            }
            Kind::Punct(_) => {}
        }
        tokens.push(Token { kind, text: text.get(start..end).unwrap_or(""), start, end, space_before, gap_before: spaces >= 2 });
        space_before = false;
        spaces = 0;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_words_and_marks() {
        let t = tokenize("Mär. 2019–heute\naujourd’hui 15th");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![Kind::Word, Kind::Punct('.'), Kind::Num, Kind::Punct('–'), Kind::Word, Kind::Punct('\n'), Kind::Word, Kind::Num, Kind::Word]
        );
        assert_eq!(t[0].text, "Mär");
        assert!(t[2].space_before && !t[3].space_before);
        assert_eq!(t[6].text, "aujourd’hui");
    }
}
