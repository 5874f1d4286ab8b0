//! Plain text and Markdown: each line rewritten in place, Markdown link targets with it (a
//! removed address in `(mailto:…)` is text on the line like any other). The output is UTF-8.

use super::locate::{apply, Needles, Source};
use super::{RedactInput, Rendered};
use crate::error::Result;
use crate::extract::text_encoding::decode_text;
use crate::limits::Budget;

pub fn redact(bytes: &[u8], _input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    let text = decode_text(bytes).text;
    let mut edits = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        edits.extend(needles.locate_body(&Source::from_str(line, at), budget)?);
        at += line.len();
    }
    let bytes = apply(text.as_bytes(), edits, |s| s.to_string());
    Ok(Rendered { bytes, photos_removed: 0 })
}
