//! Planned spans → the glyphs that drew them, and the boxes they covered.
//!
//! The text a plan points into is the one layout built: lines joined by `\n`, pages by `\f`
//! (`crate::text_view`). Layout also says which glyphs each line's text came from, in order;
//! a line's non-space characters are exactly those of its glyphs' texts (spaces come from gaps,
//! icons become spaces, a ligature glyph gives several characters), so a span's characters map
//! to glyphs by counting non-space characters on both sides.

use crate::anonymize::Plan;
use crate::document::{BBox, Line};
use crate::error::{Error, Result};
use crate::extract::pdf::glyph::Glyph;
use crate::extract::pdf::layout::LineGlyph;
use std::collections::{HashMap, HashSet};

/// One page as layout saw it, with every glyph the interpreter drew by `seq`.
pub struct PageLayout<'a> {
    pub lines: &'a [(Line, Vec<LineGlyph>)],
    pub glyphs: &'a HashMap<u32, Glyph>,
}

/// What to remove from one page.
#[derive(Debug, Default, Clone)]
pub struct PageCuts {
    pub seqs: HashSet<u32>,
    /// Page space, top-left origin.
    pub boxes: Vec<BBox>,
}

fn unsupported(what: &str) -> Error {
    Error::unsupported_redaction(format!("a redacted span could not be located on the PDF page ({what})"))
}

/// Icons and whitespace become spaces in a line's text (see `icons::resolve`).
fn counts(c: char) -> bool {
    !c.is_whitespace() && c != crate::extract::pdf::icons::ICON
}

/// The cuts of every page for the plan's spans over `text`.
pub fn locate(text: &str, pages: &[PageLayout<'_>], plan: &Plan) -> Result<Vec<PageCuts>> {
    // The line table, built as TextView builds its text.
    let mut built = String::new();
    let mut table: Vec<(usize, usize, usize, usize)> = Vec::new(); // page, line, start, end
    for (p, page) in pages.iter().enumerate() {
        if p > 0 && !built.is_empty() {
            built.pop();
            built.push('\u{c}');
        }
        for (l, (line, _)) in page.lines.iter().enumerate() {
            let start = built.len();
            built.push_str(&line.text);
            table.push((p, l, start, built.len()));
            built.push('\n');
        }
    }
    if built != text {
        return Err(Error::unsupported_redaction("the plan was not made on the text of this PDF"));
    }
    let mut out = vec![PageCuts::default(); pages.len()];
    for span in &plan.replacements {
        let first = table.partition_point(|&(_, _, _, end)| end <= span.start);
        for &(p, l, start, end) in table.iter().skip(first).take_while(|&&(_, _, start, _)| start < span.end) {
            let (Some(page), Some(cuts)) = (pages.get(p), out.get_mut(p)) else { continue };
            let Some((line, glyphs)) = page.lines.get(l) else { continue };
            let from = span.start.max(start) - start;
            let to = span.end.min(end) - start;
            let seqs = line_seqs(&line.text, glyphs, from, to)?;
            if seqs.is_empty() {
                continue;
            }
            let placed: Vec<&Glyph> = seqs.iter().filter_map(|s| page.glyphs.get(s)).collect();
            if placed.len() != seqs.len() {
                return Err(unsupported("a glyph without a position"));
            }
            cuts.boxes.push(cover(&placed));
            cuts.seqs.extend(seqs);
        }
    }
    Ok(out)
}

/// The glyphs behind bytes `from..to` of a line's text.
fn line_seqs(text: &str, glyphs: &[LineGlyph], from: usize, to: usize) -> Result<Vec<u32>> {
    let owners: Vec<u32> = glyphs.iter().flat_map(|g| g.text.chars().filter(|&c| counts(c)).map(move |_| g.seq)).collect();
    let line_chars: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| counts(c)).collect();
    if owners.len() != line_chars.len() {
        return Err(unsupported("its line's text does not match its glyphs"));
    }
    let mut seqs: Vec<u32> = line_chars
        .iter()
        .zip(&owners)
        .filter(|((at, _), _)| (from..to).contains(at))
        .map(|(_, &seq)| seq)
        .collect();
    seqs.dedup();
    Ok(seqs)
}

/// Share of the font size above and below the baseline that a box covers.
const ASCENT: f32 = 0.9;
const DESCENT: f32 = 0.25;

/// A box over glyphs; rotated glyphs get a square of their size around their origin.
pub fn cover(glyphs: &[&Glyph]) -> BBox {
    let mut b = BBox { x0: f32::INFINITY, y0: f32::INFINITY, x1: f32::NEG_INFINITY, y1: f32::NEG_INFINITY };
    for g in glyphs {
        let size = g.font_size.abs().clamp(1.0, 500.0);
        let (x0, x1, y0, y1) = if g.upright {
            (g.x0.min(g.x1), g.x0.max(g.x1), g.baseline - ASCENT * size, g.baseline + DESCENT * size)
        } else {
            let reach = (g.x1 - g.x0).abs().max(size);
            (g.x0 - reach, g.x0 + reach, g.baseline - reach, g.baseline + reach)
        };
        b.x0 = b.x0.min(x0);
        b.x1 = b.x1.max(x1);
        b.y0 = b.y0.min(y0);
        b.y1 = b.y1.max(y1);
    }
    b
}

/// Whether a glyph's centre lies in a box (an overprint, an accent or a hidden copy of removed text).
pub fn inside(g: &Glyph, boxes: &[BBox]) -> bool {
    let size = g.font_size.abs().clamp(1.0, 500.0);
    let (cx, cy) = if g.upright { (0.5 * (g.x0 + g.x1), g.baseline - 0.35 * size) } else { (g.x0, g.baseline) };
    boxes.iter().any(|b| cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(texts: &[&str]) -> Vec<LineGlyph> {
        texts.iter().enumerate().map(|(i, t)| LineGlyph { seq: i as u32 * 10, text: t.to_string() }).collect()
    }

    #[test]
    fn span_characters_map_to_their_glyphs_across_spaces_ligatures_and_icons() {
        // "ﬁ" was one glyph giving two characters; the icon became a space in the line's text.
        let line = glyphs(&["\u{FFFC}", "J", "o", "fi", "e", "l", "d"]);
        let text = "Jofield";
        assert_eq!(line_seqs(text, &line, 0, 2).unwrap(), vec![10, 20]);
        // A span ending inside a ligature takes the whole glyph.
        assert_eq!(line_seqs(text, &line, 2, 3).unwrap(), vec![30]);
        let spaced = glyphs(&["A", "n", "a", "M", "u"]);
        assert_eq!(line_seqs("Ana Mu", &spaced, 4, 6).unwrap(), vec![30, 40]);
    }

    #[test]
    fn a_line_whose_text_does_not_match_its_glyphs_is_refused() {
        let err = line_seqs("Anna", &glyphs(&["A", "n", "a"]), 0, 2).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::UnsupportedRedaction);
    }
}
