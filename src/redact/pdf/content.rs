//! Rewriting a content stream with some glyph codes cut out.
//!
//! The stream is tokenised exactly as the interpreter did (same lexer, same inline-image
//! skipping), so a text-showing operator is found again by the offset just past it that the
//! interpreter recorded. Only the operators that drew removed codes are rewritten, as one `TJ`
//! whose strings keep the other codes byte for byte and whose numbers replace each removed
//! code by its own advance: every kept glyph lands where it was. All other bytes are copied.

use super::write::{hex_string, number};
use crate::error::{Error, Result};
use crate::extract::pdf::lexer::{Lexer, Operand};
use crate::limits::Budget;
use std::collections::HashMap;

/// One code to remove from a text-showing operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cut {
    /// Index of the string among a TJ array's items (0 for Tj, ' and ").
    pub item: usize,
    /// Byte range of the code in that string.
    pub code: (usize, usize),
    /// The code's advance as a TJ number.
    pub adjust: f32,
}

fn unsupported() -> Error {
    Error::unsupported_redaction("a PDF page draws redacted text in a way the redactor cannot rewrite")
}

/// `data` with the codes of `cuts` (keyed by the offset just past their operator) removed.
pub fn rewrite(data: &[u8], cuts: &HashMap<usize, Vec<Cut>>, budget: &mut Budget) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() + 64);
    let mut lexer = Lexer::new(data);
    let mut operands: Vec<Operand> = Vec::new();
    let mut op_start = 0usize;
    let mut copied = 0usize;
    let mut applied = 0usize;
    while let Some(op) = lexer.next_operator(&mut operands, budget)? {
        let op_end = lexer.position();
        if let Some(cuts) = cuts.get(&op_end) {
            let replacement = rewrite_op(&op, &operands, cuts).ok_or_else(unsupported)?;
            out.extend_from_slice(data.get(copied..op_start).ok_or_else(unsupported)?);
            out.push(b'\n');
            out.extend_from_slice(&replacement);
            out.push(b'\n');
            copied = op_end;
            applied += 1;
        }
        op_start = op_end;
    }
    if applied != cuts.len() {
        return Err(unsupported());
    }
    out.extend_from_slice(data.get(copied..).unwrap_or_default());
    Ok(out)
}

/// The operator rewritten as (for `'` and `"`, the line move and spacing, then) one `TJ`.
fn rewrite_op(op: &[u8], operands: &[Operand], cuts: &[Cut]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let items: Vec<Operand> = match op {
        b"TJ" => match operands.last() {
            Some(Operand::Array(items)) => items.clone(),
            _ => return None,
        },
        b"Tj" | b"'" | b"\"" => {
            let s = operands.iter().rev().find(|o| matches!(o, Operand::Str(_)))?.clone();
            if op == b"\"" {
                let values: Vec<f32> = operands.iter().filter_map(Operand::number).collect();
                if values.len() >= 2 {
                    let n = values.len();
                    out.extend_from_slice(format!("{} Tw {} Tc ", number(values[n - 2]), number(values[n - 1])).as_bytes());
                }
            }
            if op != b"Tj" {
                out.extend_from_slice(b"T* ");
            }
            vec![s]
        }
        _ => return None,
    };
    let mut parts: Vec<Part> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match item {
            Operand::Str(bytes) => {
                let mut mine: Vec<&Cut> = cuts.iter().filter(|c| c.item == index).collect();
                crate::sort::sort_by_key(&mut mine, |c| c.code.0);
                let mut at = 0usize;
                for cut in mine {
                    let (start, end) = cut.code;
                    if start < at || end > bytes.len() || start >= end || !cut.adjust.is_finite() {
                        return None;
                    }
                    push_bytes(&mut parts, bytes.get(at..start)?);
                    push_number(&mut parts, cut.adjust);
                    at = end;
                }
                push_bytes(&mut parts, bytes.get(at..)?);
            }
            Operand::Number(n) if n.is_finite() => push_number(&mut parts, *n),
            _ => {}
        }
    }
    if cuts.iter().any(|c| !matches!(items.get(c.item), Some(Operand::Str(_)))) {
        return None;
    }
    out.push(b'[');
    for part in &parts {
        match part {
            Part::Bytes(b) => hex_string(b, &mut out),
            Part::Number(n) => {
                out.push(b' ');
                out.extend_from_slice(number(*n).as_bytes());
                out.push(b' ');
            }
        }
    }
    out.extend_from_slice(b"] TJ");
    Some(out)
}

enum Part {
    Bytes(Vec<u8>),
    Number(f32),
}

fn push_bytes(parts: &mut Vec<Part>, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(Part::Bytes(b)) => b.extend_from_slice(bytes),
        _ => parts.push(Part::Bytes(bytes.to_vec())),
    }
}

fn push_number(parts: &mut Vec<Part>, n: f32) {
    match parts.last_mut() {
        Some(Part::Number(m)) => *m += n,
        _ => parts.push(Part::Number(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn cut(item: usize, code: (usize, usize), adjust: f32) -> Cut {
        Cut { item, code, adjust }
    }

    #[test]
    fn cuts_codes_and_keeps_the_pen_where_it_was() {
        let data = b"BT /F1 12 Tf (Hello) Tj ET";
        let end = data.windows(2).position(|w| w == b"Tj").unwrap() + 2;
        let cuts = HashMap::from([(end, vec![cut(0, (1, 3), -600.0)])]);
        let out = rewrite(data, &cuts, &mut Budget::new(&Limits::default())).unwrap();
        let text = String::from_utf8(out).unwrap();
        // "H" kept, "el" become one advance of -600, "lo" kept.
        assert!(text.contains("[<48> -600 <6c6f>] TJ"), "{text}");
        assert!(text.starts_with("BT /F1 12 Tf") && text.ends_with("ET"));
    }

    #[test]
    fn rewrites_tj_arrays_and_quote_operators() {
        let data = b"[(Ab) -50 (cd)] TJ 1 2 (xy) \"";
        let tj = data.windows(2).position(|w| w == b"TJ").unwrap() + 2;
        let quote = data.len();
        let cuts = HashMap::from([(tj, vec![cut(2, (0, 1), -500.0)]), (quote, vec![cut(0, (0, 2), -1000.0)])]);
        let out = String::from_utf8(rewrite(data, &cuts, &mut Budget::new(&Limits::default())).unwrap()).unwrap();
        assert!(out.contains("[<4162> -550 <64>] TJ"), "{out}");
        assert!(out.contains("1 Tw 2 Tc T* [ -1000 ] TJ"), "{out}");
    }

    #[test]
    fn a_cut_that_does_not_fit_its_operator_is_refused() {
        let data = b"(Hi) Tj";
        let cuts = HashMap::from([(data.len(), vec![cut(0, (1, 5), -500.0)])]);
        let err = rewrite(data, &cuts, &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::UnsupportedRedaction);
        let missing = HashMap::from([(3, vec![cut(0, (0, 1), -500.0)])]);
        assert!(rewrite(data, &missing, &mut Budget::new(&Limits::default())).is_err());
    }
}
