//! CMap parsing: ToUnicode maps and embedded CID encodings.
//!
//! The `pdf` crate's ToUnicode map is keyed by `u16`, which cannot tell a
//! one-byte code from a two-byte one and drops 3–4-byte codes. This parser
//! keeps codespace ranges (so byte strings split into codes of 1–4 bytes),
//! `bfchar`/`bfrange` (including the array form) with UTF-16 targets
//! (surrogates, several characters per code), and `cidchar`/`cidrange`
//! for embedded Type0 encodings. Ranges are stored, not expanded, so a
//! hostile `<0000> <FFFFFFFF>` costs nothing.

use super::encodings::expand_ligatures;
use super::lexer::{Lexer, Operand, Token};
use crate::error::Result;
use crate::limits::Budget;
use std::collections::HashMap;

/// Most bytes in one character code (PDF allows 1–4).
const MAX_CODE_BYTES: usize = 4;

#[derive(Debug, Clone, PartialEq)]
struct Codespace {
    len: usize,
    low: [u8; MAX_CODE_BYTES],
    high: [u8; MAX_CODE_BYTES],
}

#[derive(Debug, Clone, PartialEq)]
enum RangeTarget {
    /// Destination of the first code; later codes increment its last unit.
    Increment(Vec<u16>),
    /// One destination per code.
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
struct UnicodeRange {
    low: u32,
    high: u32,
    target: RangeTarget,
}

/// A parsed CMap (ToUnicode or CID encoding).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CMap {
    codespaces: Vec<Codespace>,
    unicode_single: HashMap<u32, String>,
    unicode_ranges: Vec<UnicodeRange>,
    cid_single: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
    /// True when the CMap declared vertical writing (`/WMode 1`).
    pub vertical: bool,
}

fn code_value(bytes: &[u8]) -> u32 {
    bytes.iter().take(MAX_CODE_BYTES).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes.chunks(2).map(|c| (u16::from(c[0]) << 8) | u16::from(c.get(1).copied().unwrap_or(0))).collect()
}

fn units_to_text(units: &[u16]) -> String {
    let text: String =
        char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}')).filter(|&c| c != '\0').collect();
    expand_ligatures(&text)
}

impl CMap {
    /// Parse CMap program text, charging the budget per entry.
    pub fn parse(data: &[u8], budget: &mut Budget) -> Result<CMap> {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        // Which `begin…` section we are in decides how operands pair up.
        let mut section: Option<Vec<u8>> = None;
        while let Some(token) = lexer.next_token() {
            budget.spend(1)?;
            match token {
                Token::Operand(op) => {
                    if section.is_some() {
                        operands.push(op);
                        cmap.flush_section(section.as_deref(), &mut operands);
                    } else {
                        if let (Some(Operand::Name(key)), Operand::Number(n)) = (operands.last(), &op) {
                            if key == b"WMode" && *n == 1.0 {
                                cmap.vertical = true;
                            }
                        }
                        operands.push(op);
                        if operands.len() > 8 {
                            operands.remove(0);
                        }
                    }
                }
                Token::Operator(word) => {
                    operands.clear();
                    if let Some(kind) = word.strip_prefix(b"begin") {
                        section = Some(kind.to_vec());
                    } else if word.starts_with(b"end") {
                        section = None;
                    }
                }
                Token::Stray => {}
            }
        }
        Ok(cmap)
    }

    /// Consume complete entries of the current section from `operands`.
    fn flush_section(&mut self, section: Option<&[u8]>, operands: &mut Vec<Operand>) {
        let arity = match section {
            Some(b"codespacerange") | Some(b"bfchar") | Some(b"cidchar") | Some(b"notdefchar") => 2,
            Some(b"bfrange") | Some(b"cidrange") | Some(b"notdefrange") => 3,
            _ => {
                operands.clear();
                return;
            }
        };
        if operands.len() < arity {
            return;
        }
        let entry: Vec<Operand> = std::mem::take(operands);
        match (section, entry.as_slice()) {
            (Some(b"codespacerange"), [Operand::Str(low), Operand::Str(high)]) => {
                let len = low.len();
                if (1..=MAX_CODE_BYTES).contains(&len) && high.len() == len {
                    let mut cs = Codespace { len, low: [0; MAX_CODE_BYTES], high: [0; MAX_CODE_BYTES] };
                    cs.low[..len].copy_from_slice(low);
                    cs.high[..len].copy_from_slice(high);
                    self.codespaces.push(cs);
                }
            }
            (Some(b"bfchar"), [Operand::Str(src), dst]) => {
                let text = match dst {
                    Operand::Str(bytes) => units_to_text(&utf16_units(bytes)),
                    Operand::Name(name) => std::str::from_utf8(name)
                        .ok()
                        .and_then(super::encodings::glyph_name_to_text)
                        .unwrap_or_default(),
                    _ => return,
                };
                self.unicode_single.insert(code_value(src), text);
            }
            (Some(b"bfrange"), [Operand::Str(low), Operand::Str(high), dst]) => {
                let (low, high) = (code_value(low), code_value(high));
                if low > high {
                    return;
                }
                let target = match dst {
                    Operand::Str(bytes) => RangeTarget::Increment(utf16_units(bytes)),
                    Operand::Array(items) => RangeTarget::List(
                        items
                            .iter()
                            .map(|item| match item {
                                Operand::Str(b) => units_to_text(&utf16_units(b)),
                                _ => String::new(),
                            })
                            .collect(),
                    ),
                    _ => return,
                };
                self.unicode_ranges.push(UnicodeRange { low, high, target });
            }
            (Some(b"cidchar"), [Operand::Str(src), Operand::Number(cid)]) => {
                self.cid_single.insert(code_value(src), number_to_u32(*cid));
            }
            (Some(b"cidrange"), [Operand::Str(low), Operand::Str(high), Operand::Number(cid)]) => {
                let (low, high) = (code_value(low), code_value(high));
                if low <= high {
                    self.cid_ranges.push((low, high, number_to_u32(*cid)));
                }
            }
            _ => {}
        }
    }

    pub fn has_codespaces(&self) -> bool {
        !self.codespaces.is_empty()
    }

    pub fn has_unicode(&self) -> bool {
        !self.unicode_single.is_empty() || !self.unicode_ranges.is_empty()
    }

    /// Split the next code off `bytes`: returns (code, byte length).
    /// Falls back to `default_len` bytes when no codespace matches.
    pub fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        for len in 1..=MAX_CODE_BYTES {
            let Some(prefix) = bytes.get(..len) else { break };
            let matched = self
                .codespaces
                .iter()
                .any(|cs| cs.len == len && prefix.iter().enumerate().all(|(i, b)| cs.low[i] <= *b && *b <= cs.high[i]));
            if matched {
                return (code_value(prefix), len);
            }
        }
        let len = if self.codespaces.is_empty() {
            default_len
        } else {
            self.codespaces.iter().map(|cs| cs.len).min().unwrap_or(default_len)
        };
        let len = len.clamp(1, MAX_CODE_BYTES).min(bytes.len().max(1));
        (code_value(bytes.get(..len).unwrap_or(bytes)), len)
    }

    /// Unicode text for a code, when the map has one.
    pub fn unicode(&self, code: u32) -> Option<String> {
        if let Some(text) = self.unicode_single.get(&code) {
            return Some(text.clone());
        }
        // Later ranges win, as later definitions override earlier ones.
        let range = self.unicode_ranges.iter().rev().find(|r| r.low <= code && code <= r.high)?;
        let offset = code - range.low;
        match &range.target {
            RangeTarget::Increment(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add((offset & 0xffff) as u16);
                Some(units_to_text(&units))
            }
            RangeTarget::List(items) => items.get(offset as usize).cloned(),
        }
    }

    /// CID for a code via `cidchar`/`cidrange`.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(cid) = self.cid_single.get(&code) {
            return Some(*cid);
        }
        self.cid_ranges
            .iter()
            .rev()
            .find(|(low, high, _)| *low <= code && code <= *high)
            .map(|(low, _, start)| start.saturating_add(code - low))
    }
}

fn number_to_u32(n: f32) -> u32 {
    if n.is_finite() && n >= 0.0 {
        n.min(u32::MAX as f32) as u32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def /WMode 0 def
        2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
        3 beginbfchar <41> <0042> <8001> <D83DDE00> <8002> <00660069> endbfchar
        2 beginbfrange <61> <63> <0041> <8010> <8012> [<0058> <FB01> <0059>] endbfrange
        1 begincidrange <8100> <81FF> 500 endcidrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn maps_codes_of_mixed_lengths() {
        let mut budget = Budget::new(&Limits::default());
        let cmap = CMap::parse(SAMPLE, &mut budget).unwrap();
        assert_eq!(cmap.next_code(b"\x41\x80\x01", 1), (0x41, 1));
        assert_eq!(cmap.next_code(b"\x80\x01", 1), (0x8001, 2));
        assert_eq!(cmap.unicode(0x41).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x8001).as_deref(), Some("😀"));
        assert_eq!(cmap.unicode(0x8002).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(0x62).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x8011).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(0x8012).as_deref(), Some("Y"));
        assert_eq!(cmap.unicode(0x64), None);
        assert_eq!(cmap.cid(0x8105), Some(505));
        assert!(!cmap.vertical);
    }

    #[test]
    fn huge_ranges_cost_nothing_and_garbage_is_harmless() {
        let mut budget = Budget::new(&Limits::default());
        let cmap = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange", &mut budget).unwrap();
        assert_eq!(cmap.unicode(1).as_deref(), Some("B"));
        let cmap = CMap::parse(b"beginbfrange <01> ] <<>> endbfrange /WMode 1 def", &mut budget).unwrap();
        assert!(cmap.vertical);
    }
}
