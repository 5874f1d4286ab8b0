//! Text of placed glyphs: the decision where the spaces between glyphs go.
//!
//! PDFs often carry no space characters at all (TeX, many HTML printers):
//! words are separated only by where the next glyph is drawn. Others draw
//! explicit spaces *and* leave gaps. So a space is emitted when a space glyph
//! was present or when the gap is wide compared with the font's space, and
//! never twice. Letter-spaced headings ("J O H N   S M I T H" drawn with
//! character spacing) have every gap wide; they are recognised by the share of
//! wide gaps, and only gaps clearly wider than the letter gap become spaces.

use super::layout_rows::Placed;

/// Collapse runs of spaces into one and trim both ends, except in text written letter by
/// letter ("J A N E  D O E", spaces typed between the letters), where a run of two or more is
/// the word gap and stays two: the featurizer and the name finder read words from it, as they
/// do in the text formats.
pub(super) fn collapse_spaces(text: &str) -> String {
    let spelt_out = crate::extract::text_lines::spelt_out(text);
    let mut out = String::with_capacity(text.len());
    let mut gap = 0usize;
    for piece in text.split(' ') {
        if piece.is_empty() {
            gap += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if spelt_out && gap >= 1 { "  " } else { " " });
        }
        out.push_str(piece);
        gap = 0;
    }
    out
}

/// A gap wider than this share of the font's space width reads as a space.
const SPACE_GAP_SHARE: f32 = 0.45;
/// A gap after a space glyph wider than this many space widths held several spaces.
const MULTI_SPACE_SHARE: f32 = 1.5;
/// A chunk counts as letter-spaced when at least this share of its gaps is wide.
const LETTER_SPACED_SHARE: f32 = 0.6;

/// A glyph starting this share of a glyph width back over the one before
/// it (far more than kerning) was drawn over it.
const DRAWN_OVER_SHARE: f32 = 0.5;

/// How a line spaces its letters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Spacing {
    /// Ordinary text whose letters are this far apart: 0, or a uniform
    /// tracking narrower than the gap that reads as a space (Canva, some
    /// Word styles), which word gaps add to.
    Tracked(f32),
    /// Letter-spaced: every gap wide, letters this far apart, words further.
    LetterSpaced(f32),
}

/// The text of one chunk: glyphs of one row, sorted by x, no space glyphs
/// (those survive only as `space_before` flags). `spacing` is that of the
/// line the chunk belongs to (see [`line_spacing`]): a letter-spaced line is
/// cut into chunks at its word gaps, and a short word alone ("A N D") has
/// too few gaps to show its spacing.
pub(super) fn chunk_text(glyphs: &[Placed], spacing: Spacing) -> String {
    let mut out = String::new();
    let mut previous: Option<&Placed> = None;
    for glyph in glyphs {
        if let Some(prev) = previous.filter(|prev| word_gap(prev, glyph, spacing)) {
            out.push(' ');
            if several_spaces(prev, glyph) {
                out.push(' ');
            }
        }
        out.push_str(&glyph.text);
        previous = Some(glyph);
    }
    out
}

/// Several typed spaces stand between two glyphs ("J A N E   D O E"): the text keeps a run of
/// spaces there for [`collapse_spaces`].
pub(super) fn several_spaces(prev: &Placed, glyph: &Placed) -> bool {
    glyph.space_before && glyph.x0 - prev.x1 > MULTI_SPACE_SHARE * space_reference(prev, glyph)
}

/// Whether a space goes between two neighbouring glyphs of a line.
fn word_gap(prev: &Placed, glyph: &Placed, spacing: Spacing) -> bool {
    let gap = glyph.x0 - prev.x1;
    let space = space_reference(prev, glyph);
    let threshold = match spacing {
        Spacing::LetterSpaced(letter) => letter + 0.5 * space,
        Spacing::Tracked(tracking) => tracking + SPACE_GAP_SHARE * space,
    };
    // A glyph drawn back over the one before it comes from another box
    // (text overflowing into its neighbour): a word gap.
    let drawn_over = -gap > DRAWN_OVER_SHARE * glyph.width().max(prev.width());
    glyph.space_before || gap > threshold || drawn_over
}

/// Width of the first word of a line's glyphs.
pub(super) fn first_word_width(glyphs: &[Placed]) -> f32 {
    let spacing = line_spacing(glyphs);
    let Some(first) = glyphs.first() else { return 0.0 };
    let mut end = first.x1;
    for pair in glyphs.windows(2) {
        if word_gap(&pair[0], &pair[1], spacing) {
            break;
        }
        end = end.max(pair[1].x1);
    }
    end - first.x0
}

/// The width of a space around two neighbouring glyphs.
fn space_reference(a: &Placed, b: &Placed) -> f32 {
    0.5 * (a.space_w + b.space_w)
}

/// Fewer gaps than this say nothing about a line's tracking.
const MIN_TRACKING_GAPS: usize = 4;

/// The spacing of a line's letters.
///
/// Only gaps not already marked by a space glyph count: those are where a
/// letter-spaced run shows its uniform wide gaps. Letter gap and tracking
/// are low percentiles, so the fewer, wider word gaps do not drag them up.
pub(super) fn line_spacing(glyphs: &[Placed]) -> Spacing {
    let mut gaps: Vec<f32> = Vec::new();
    let mut wide = 0usize;
    for pair in glyphs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.space_before {
            continue;
        }
        let gap = b.x0 - a.x1;
        if gap > SPACE_GAP_SHARE * space_reference(a, b) {
            wide += 1;
        }
        gaps.push(gap);
    }
    gaps.sort_by(f32::total_cmp);
    if gaps.len() >= 3 && (wide as f32) >= LETTER_SPACED_SHARE * gaps.len() as f32 {
        return gaps.get(gaps.len() * 2 / 5).map_or(Spacing::Tracked(0.0), |&gap| Spacing::LetterSpaced(gap));
    }
    if gaps.len() < MIN_TRACKING_GAPS {
        return Spacing::Tracked(0.0);
    }
    // Tracking never reaches half a space: wider is letter spacing (above).
    let half_space = glyphs.iter().map(|g| 0.5 * g.space_w).fold(f32::INFINITY, f32::min);
    let tracking = gaps.get(gaps.len() * 3 / 10).copied().unwrap_or(0.0);
    Spacing::Tracked(tracking.clamp(0.0, half_space.max(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_space_runs() {
        assert_eq!(collapse_spaces("  a   b  c "), "a b c");
        assert_eq!(collapse_spaces("   "), "");
        // Spelt out letter by letter: the word gap stays.
        assert_eq!(collapse_spaces("J A N E   D O E "), "J A N E  D O E");
        assert_eq!(collapse_spaces("J A N E D O E"), "J A N E D O E");
    }
}
