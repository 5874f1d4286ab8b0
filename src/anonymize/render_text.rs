//! Rendering a plan on the text, keeping its lines.
//!
//! Each planned span is swapped for its replacement; line breaks and page breaks inside a span are
//! kept after the replacement, so the output has exactly the lines of the input and a reader (or a
//! diff) can still find their way. The output position of every replacement is recorded so that
//! re-identification can put originals back.

use std::collections::BTreeMap;

use super::plan::{Plan, Planned};
use super::reversible::{self, Key};
use super::Redaction;
use crate::error::Result;

/// The rewritten text and where each planned replacement ended up in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewritten {
    pub text: String,
    /// Byte range of each replacement (with the line breaks it kept) in the output, in plan order;
    /// `None` for a span that was left out.
    pub output_spans: Vec<Option<(usize, usize)>>,
}

/// Apply `planned` (sorted, non-overlapping) to `text`. Spans that overlap an earlier one or do
/// not fall on char boundaries are left out.
pub fn rewrite(text: &str, planned: &[Planned]) -> Rewritten {
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(planned.len());
    let mut cursor = 0usize;
    for p in planned {
        let (Some(before), Some(original)) = (text.get(cursor..p.start), text.get(p.start..p.end)) else {
            spans.push(None);
            continue;
        };
        out.push_str(before);
        let start = out.len();
        out.push_str(&p.replacement);
        out.extend(original.chars().filter(|c| matches!(c, '\n' | '\u{c}')));
        spans.push(Some((start, out.len())));
        cursor = p.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    Rewritten { text: out, output_spans: spans }
}

/// The anonymised text, one redaction per replacement made (its original sealed with `key` in
/// reversible mode) and the count of each type removed.
pub fn render_text(text: &str, plan: &Plan, key: Option<&Key>) -> Result<(String, Vec<Redaction>, BTreeMap<String, usize>)> {
    let rewritten = rewrite(text, &plan.replacements);
    let mut redactions = Vec::with_capacity(plan.replacements.len());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (p, output) in plan.replacements.iter().zip(&rewritten.output_spans) {
        let Some((output_start, output_end)) = *output else { continue };
        let original = match key {
            Some(key) => Some(reversible::seal(key, p.target.as_str(), text.get(p.start..p.end).unwrap_or(""))?),
            None => None,
        };
        *counts.entry(p.target.as_str().to_string()).or_insert(0) += 1;
        redactions.push(Redaction {
            target: p.target,
            start: p.start,
            end: p.end,
            output_start,
            output_end,
            replacement: p.replacement.clone(),
            detector: p.detector,
            confidence: p.confidence,
            original,
        });
    }
    Ok((rewritten.text, redactions, counts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::plan::Target;
    use crate::entities::EntityKind;

    fn plan(start: usize, end: usize, replacement: &str) -> Planned {
        Planned { target: Target::Kind(EntityKind::Person), start, end, replacement: replacement.into(), detector: "t", confidence: 1.0 }
    }

    #[test]
    fn rewriting_keeps_every_line() {
        let text = "Ana\nMüller\nKöln";
        let out = rewrite(text, &[plan(0, 11, "[NAME]"), plan(12, 17, "Germany")]);
        assert_eq!(out.text, "[NAME]\n\nGermany");
        assert_eq!(out.text.lines().count(), text.lines().count());
        assert_eq!(out.output_spans, [Some((0, 7)), Some((8, 15))]);
        // Overlapping or broken spans are skipped, not panicked on.
        let out = rewrite(text, &[plan(0, 3, "[NAME]"), plan(2, 5, "x"), plan(5, 6, "y")]);
        assert_eq!(out.text, "[NAME]\nMüller\nKöln");
    }
}
