//! Glyphs → lines in reading order (stub).
use super::glyph::PageGlyphs;
use crate::document::Line;

/// Build the lines of one page in reading order.
pub fn page_lines(_page: &PageGlyphs) -> Vec<Line> {
    Vec::new()
}
