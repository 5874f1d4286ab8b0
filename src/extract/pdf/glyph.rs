//! The hand-off between the PDF content interpreter and the layout stage.
//!
//! The interpreter (`content.rs`, `fonts.rs`) turns content streams into
//! [`Glyph`]s placed on the page; the layout stage (`layout.rs`) knows
//! nothing about PDF operators and turns glyphs into lines in reading order.
//! Keeping glyphs (not words) as the unit lets layout decide spaces from
//! real gaps, which is what letter-spaced and TJ-kerned text needs.

/// One decoded character code placed on the page.
///
/// Coordinates are in points in page space *after* page rotation, with the
/// origin at the top-left and y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text for the code: usually one char, several for ligatures
    /// (already expanded, e.g. "fi"), empty when the code maps to nothing.
    pub text: String,
    /// Left and right edge along the writing direction.
    pub x0: f32,
    pub x1: f32,
    /// Baseline y.
    pub baseline: f32,
    /// Effective font size in points (Tf size × text matrix × CTM scale).
    pub font_size: f32,
    /// Width of a space in this font at this size, for gap → space decisions.
    pub space_width: f32,
    pub bold: bool,
    pub italic: bool,
    /// False when the text direction is not left-to-right horizontal on the page
    /// (vertical or rotated text, e.g. a sidebar label turned 90°).
    pub upright: bool,
    /// Position in content-stream order (monotonic per page).
    pub seq: u32,
}

/// The glyphs and geometry of one page, ready for layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageGlyphs {
    /// Width and height in points after rotation.
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}
