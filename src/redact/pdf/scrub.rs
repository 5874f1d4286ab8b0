//! What must not survive outside the page content: the removed strings themselves (to test any
//! string of the file against), annotations that point at or carry removed data, and catalogue
//! entries that hold data no reader sees on the page (XMP, scripts, attachments).

use crate::extract::pdf::objects::{as_dict, name, resolve_opt, text_string};
use crate::limits::Budget;
use crate::error::Result;
use pdf::object::Resolve;
use pdf::primitive::{Dictionary, Primitive};

/// The originals of the removed spans, folded for matching: letters and digits only, lowercase,
/// so "Marisol Tate" is found in `linkedin.com/in/marisol-tate` too.
#[derive(Debug, Default)]
pub struct Removed {
    folded: Vec<String>,
}

/// Values with fewer letters or digits than this say nothing on their own ("a", "-").
const MIN_ALNUM: usize = 2;

fn fold(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

impl Removed {
    pub fn new<'a>(originals: impl IntoIterator<Item = &'a str>) -> Self {
        let mut folded: Vec<String> = originals
            .into_iter()
            .map(fold)
            .filter(|o| o.chars().count() >= MIN_ALNUM)
            .collect();
        crate::sort::sort(&mut folded);
        folded.dedup();
        Removed { folded }
    }

    /// Whether a PDF string (text string or byte string) holds a removed value.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        if self.folded.is_empty() || bytes.is_empty() {
            return false;
        }
        let text = fold(&text_string(bytes));
        // URIs write spaces and non-ASCII as %xx.
        let unescaped = fold(&percent_decode(&text_string(bytes)));
        self.folded.iter().any(|o| text.contains(o.as_str()) || unescaped.contains(o.as_str()))
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether any string inside `p` (following references a few levels deep) holds removed data.
pub fn holds_removed(r: &impl Resolve, p: &Primitive, removed: &Removed, depth: usize, budget: &mut Budget) -> Result<bool> {
    budget.spend(1)?;
    Ok(match p {
        Primitive::String(s) => removed.holds(s.as_bytes()),
        Primitive::Array(items) => {
            for item in items.iter().take(4096) {
                if holds_removed(r, item, removed, depth, budget)? {
                    return Ok(true);
                }
            }
            false
        }
        Primitive::Dictionary(d) => {
            for (key, value) in d.iter() {
                // Parents and pages lead back up the tree, not into this object's data.
                if matches!(key.as_str(), "Parent" | "P" | "Dest" | "First" | "Last" | "Next" | "Prev") {
                    continue;
                }
                if holds_removed(r, value, removed, depth, budget)? {
                    return Ok(true);
                }
            }
            false
        }
        Primitive::Reference(_) if depth > 0 => match resolve_opt(r, Some(p), budget)? {
            Some(Primitive::Stream(_)) | None => false,
            Some(inner) => holds_removed(r, &inner, removed, depth - 1, budget)?,
        },
        _ => false,
    })
}

/// Annotation kinds dropped whatever they hold: attachments carry files, and pop-ups, sounds
/// and movies data the redactor cannot read.
const DROPPED_ANNOTS: &[&str] = &["FileAttachment", "Sound", "Movie", "RichMedia", "Screen"];

/// What to do with one annotation of a page: keep it or drop it (and whether it was a link).
pub fn keep_annotation(
    r: &impl Resolve,
    annot: &Primitive,
    covered: impl Fn(&[f32]) -> bool,
    removed: &Removed,
    budget: &mut Budget,
) -> Result<(bool, bool)> {
    let Some(dict) = resolve_opt(r, Some(annot), budget)?.and_then(as_dict) else { return Ok((false, false)) };
    let subtype = dict.get("Subtype").and_then(name).unwrap_or("");
    let is_link = subtype == "Link";
    if DROPPED_ANNOTS.contains(&subtype) {
        return Ok((false, is_link));
    }
    let rect = crate::extract::pdf::objects::numbers(r, dict.get("Rect"), budget)?;
    // A link over redacted text goes whatever its target (a profile URL under a redacted name),
    // and any annotation whose strings (targets, contents, values) hold removed data.
    if is_link && rect.len() == 4 && covered(&rect) {
        return Ok((false, true));
    }
    let held = holds_removed(r, &Primitive::Dictionary(dict.clone()), removed, 3, budget)?;
    Ok((!held, is_link))
}

/// The catalogue without what no page shows: XMP, document-level scripts and actions, and
/// attachments.
pub fn catalog(r: &impl Resolve, mut root: Dictionary, budget: &mut Budget) -> Result<Dictionary> {
    for key in ["Metadata", "AA", "PieceInfo", "SpiderInfo"] {
        root.remove(key);
    }
    if let Some(action) = resolve_opt(r, root.get("OpenAction"), budget)?.and_then(as_dict) {
        if action.get("S").and_then(name) != Some("GoTo") {
            root.remove("OpenAction");
        }
    }
    if let Some(mut names) = resolve_opt(r, root.get("Names"), budget)?.and_then(as_dict) {
        names.remove("JavaScript");
        names.remove("EmbeddedFiles");
        root.insert("Names", Primitive::Dictionary(names));
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_values_are_found_in_urls_titles_and_encodings() {
        let removed = Removed::new(["Marisol Tate", "x", "ana@example.org"]);
        assert!(removed.holds(b"http://linkedin.com/in/marisol-tate"));
        assert!(removed.holds(b"mailto:Ana@Example.org"));
        assert!(removed.holds(b"https://example.com/Marisol%20Tate"));
        // UTF-16BE text string, as bookmarks are written.
        let title: Vec<u8> = [0xfe, 0xff].into_iter().chain("CV – Marisol Tate".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert!(removed.holds(&title));
        assert!(!removed.holds(b"Curriculum Vitae"));
        // One letter says nothing on its own.
        assert!(!removed.holds(b"xyz"));
    }
}
