//! Placed glyphs → lines of one page in reading order.
//!
//! The PDF interpreter hands over glyphs with positions and nothing else: no
//! words, no lines, no columns. This stage rebuilds them in four steps, each
//! in its own file so each can be read and tested on its own:
//!
//! 1. `layout_rows`: sanitise glyphs (non-finite or absurd values never
//!    reach the arithmetic), group them into baseline rows, re-attach
//!    superscripts and subscripts, drop fake-bold overprints;
//! 2. `layout_columns`: cut rows into chunks at wide gaps and where
//!    `layout_flows` finds that another drawing flow starts, find column
//!    gutters (vertical whitespace bands over many rows) and order the
//!    pieces: full-width rows in place, columns left to right, and within
//!    a part without gutters each flow's wrapped lines together;
//! 3. `layout_text`: turn a chunk's glyphs into text, inserting spaces
//!    from gaps and collapsing letter-spaced headings;
//! 4. here: assemble each piece into a [`Line`] with its box, dominant size,
//!    style majority, bullet flag and column.
//!
//! Before step 2, `layout_tables` takes out borderless tables whose cells wrap (a grid
//! under a heading row): they are read row by row, each table row one line of tab-separated
//! cells, and the rows above, between and below go through steps 2 to 4 as parts of their own.
//!
//! Rotated (non-upright) glyphs have no horizontal baseline to group by:
//! `layout_rotated` rebuilds their runs in content-stream order, and their
//! lines follow the page's upright lines.
//!
//! Everything is O(n log n) in the number of glyphs, apart from sweeps whose
//! width is capped by constants, and nothing indexes with input-derived values.

#[path = "layout_columns.rs"]
mod layout_columns;
#[path = "layout_flows.rs"]
mod layout_flows;
#[path = "layout_rotated.rs"]
mod layout_rotated;
#[path = "layout_rows.rs"]
mod layout_rows;
#[path = "layout_tables.rs"]
mod layout_tables;
#[path = "layout_text.rs"]
mod layout_text;

use super::glyph::PageGlyphs;
use super::icons;
use crate::document::{BBox, Line, Region};
use crate::extract::text_lines::WeightRuns;
use layout_columns::{Chunk, Segment};
use layout_rows::{Placed, Row, ASCENT, DESCENT};

/// One glyph of a line, in the order the line's text was built from: its `seq` and its text as
/// layout used it (whitespace glyphs are not listed; they only decide spaces).
#[derive(Debug, Clone, PartialEq)]
pub struct LineGlyph {
    pub seq: u32,
    pub text: String,
}

/// Build the lines of one page in reading order.
pub fn page_lines(page: &PageGlyphs) -> Vec<Line> {
    page_lines_traced(page).into_iter().map(|(line, _)| line).collect()
}

/// [`page_lines`] with the glyphs each line's text was built from (what a redactor maps spans to).
pub fn page_lines_traced(page: &PageGlyphs) -> Vec<(Line, Vec<LineGlyph>)> {
    let (upright, rotated) = layout_rows::sanitize(&page.glyphs);
    let mut lines = upright_lines(upright);
    lines.extend(
        layout_rotated::rotated_lines(rotated)
            .into_iter()
            .map(|r| {
                let line = make_line(layout_text::collapse_spaces(&icons::resolve(&r.text)), r.bbox, &r.glyphs, 0);
                (line, line_glyphs(&r.glyphs))
            })
            .filter(|(line, _)| !line.text.is_empty()),
    );
    lines
}

fn line_glyphs(glyphs: &[Placed]) -> Vec<LineGlyph> {
    glyphs.iter().map(|g| LineGlyph { seq: g.seq, text: g.text.clone() }).collect()
}

/// Rows, tables, and for the rest chunks, gutters, order, lines.
fn upright_lines(glyphs: Vec<Placed>) -> Vec<(Line, Vec<LineGlyph>)> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    let rows = layout_rows::build_rows(glyphs);
    // Gutters are whitespace: found on chunks cut at gaps only. Reading
    // order also cuts where another drawing flow starts.
    let gapped: Vec<Vec<Chunk>> = rows.iter().map(|row| layout_columns::chunks(row, &[])).collect();
    let mut lines = Vec::new();
    let mut at = 0;
    for table in layout_tables::find(&rows, &gapped) {
        lines.extend(flow_lines(rows.get(at..table.first).unwrap_or(&[]), gapped.get(at..table.first).unwrap_or(&[])));
        lines.extend(table.rows.iter().filter_map(|cells| table_line(&rows, cells)));
        at = table.end;
    }
    lines.extend(flow_lines(rows.get(at..).unwrap_or(&[]), gapped.get(at..).unwrap_or(&[])));
    lines
}

/// One table row as a line: its cells in column order, separated by tabs, each cell's
/// wrapped pieces joined by a space; its glyphs in that order.
fn table_line(rows: &[Row], cells: &[Vec<layout_tables::Piece>]) -> Option<(Line, Vec<LineGlyph>)> {
    let mut raw = String::new();
    let mut glyphs: Vec<Placed> = Vec::new();
    for cell in cells {
        if !raw.is_empty() {
            raw.push('\t');
        }
        for (i, (row, chunk)) in cell.iter().enumerate() {
            let Some(row) = rows.get(*row) else { continue };
            let Some(piece) = row.glyphs.get(chunk.first..chunk.end) else { continue };
            if i > 0 {
                raw.push(' ');
            }
            raw.push_str(&layout_text::chunk_text(piece, layout_text::line_spacing(&row.glyphs)));
            glyphs.extend_from_slice(piece);
        }
    }
    let text = layout_text::collapse_spaces(&icons::resolve(&raw));
    if text.is_empty() {
        return None;
    }
    Some((make_line(text, bounding_box(&glyphs), &glyphs, 0), line_glyphs(&glyphs)))
}

/// Chunks, gutters, order, lines of rows outside tables.
fn flow_lines(rows: &[Row], gapped: &[Vec<Chunk>]) -> Vec<(Line, Vec<LineGlyph>)> {
    if rows.is_empty() {
        return Vec::new();
    }
    let bands = layout_columns::find_gutters(rows, gapped);
    let order = layout_flows::DrawOrder::new(rows);
    let chunks: Vec<Vec<Chunk>> = rows
        .iter()
        .zip(order.breaks())
        .map(|(row, breaks)| layout_columns::chunks(row, &breaks))
        .collect();
    let glyph_range = |s: &Segment| {
        let pieces = chunks.get(s.row)?.get(s.first..s.end)?;
        let (first, last) = (pieces.first()?, pieces.last()?);
        let x1 = pieces.iter().map(|c| c.x1).fold(f32::NEG_INFINITY, f32::max);
        Some((first.first, last.end, first.x0, x1))
    };
    let leaf = |items: Vec<Segment>| layout_flows::flow_order(items, rows, &glyph_range, &order);
    layout_columns::reading_order(&chunks, &bands, &leaf)
        .into_iter()
        .flat_map(|segment| segment_lines(rows, &chunks, segment))
        .collect()
}

/// A gap between two chunks of one line at least this many ems wide separates cells (a place
/// or date set right of an employer, a tab stop): it becomes a tab, as a DOCX tab stop does, so
/// that later stages can tell cells from words.
const CELL_GAP_EM: f32 = 1.5;

/// Chunks of one row whose font sizes differ by this factor are separate lines: a name set
/// large with a small address or phone on its baseline (CV headers) are two things, while a
/// heading and its text, or a date beside an entry, stay within it.
const SIZE_BREAK_RATIO: f32 = 1.8;

/// One segment (a run of chunks of one row) as lines: one, or one per run of chunks of a
/// similar size (see [`SIZE_BREAK_RATIO`]); lines without text are dropped.
fn segment_lines(rows: &[Row], chunks: &[Vec<Chunk>], segment: Segment) -> Vec<(Line, Vec<LineGlyph>)> {
    let Some(row) = rows.get(segment.row) else { return Vec::new() };
    let Some(pieces) = chunks.get(segment.row).and_then(|c| c.get(segment.first..segment.end)) else { return Vec::new() };
    let size = |c: &Chunk| row.glyphs.get(c.first..c.end).map_or(0.0, dominant_size);
    let mut runs: Vec<&[Chunk]> = Vec::new();
    let mut start = 0;
    for (i, pair) in pieces.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        let (a, b) = (size(a), size(b));
        if a.min(b) > 0.0 && a.max(b) >= SIZE_BREAK_RATIO * a.min(b) {
            runs.extend(pieces.get(start..=i));
            start = i + 1;
        }
    }
    runs.extend(pieces.get(start..));
    runs.into_iter().filter_map(|run| run_line(row, run, segment.column)).collect()
}

/// Chunks of one row as a line; `None` when they have no text.
fn run_line(row: &Row, pieces: &[Chunk], column: u16) -> Option<(Line, Vec<LineGlyph>)> {
    let first = pieces.first()?.first;
    let end = pieces.last()?.end;
    let glyphs = row.glyphs.get(first..end)?;
    let spacing = layout_text::line_spacing(glyphs);
    let texts: Vec<String> = pieces
        .iter()
        .map(|chunk| row.glyphs.get(chunk.first..chunk.end).map(|g| layout_text::chunk_text(g, spacing)))
        .collect::<Option<_>>()?;
    // Only a line that also has ordinary word spaces has cells: justified text and
    // letter-spaced headings have every gap wide.
    let spaced = texts.iter().any(|t| t.contains(' '));
    let mut raw = String::new();
    for (i, (chunk, text)) in pieces.iter().zip(&texts).enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| pieces.get(j)) {
            let size = |at: usize| row.glyphs.get(at).map_or(0.0, |g| g.size);
            let em = size(prev.end.saturating_sub(1)).max(size(chunk.first));
            raw.push(if spaced && chunk.x0 - prev.x1 >= CELL_GAP_EM * em { '\t' } else { ' ' });
            if let (Some(a), Some(b)) = (row.glyphs.get(prev.end.saturating_sub(1)), row.glyphs.get(chunk.first)) {
                if layout_text::several_spaces(a, b) {
                    raw.push(' ');
                }
            }
        }
        raw.push_str(text);
    }
    let text = layout_text::collapse_spaces(&icons::resolve(&raw));
    if text.is_empty() {
        return None;
    }
    Some((make_line(text, bounding_box(glyphs), glyphs, column), line_glyphs(glyphs)))
}

/// A line from its text, box and glyphs (for size, style and bullets).
fn make_line(text: String, bbox: BBox, glyphs: &[Placed], column: u16) -> Line {
    let mut weights = WeightRuns::default();
    for g in glyphs {
        weights.add(g.bold, g.text.chars().filter(|c| !c.is_whitespace()).count());
    }
    Line {
        weight_break: weights.break_in(&text),
        list_item: starts_with_bullet(&text),
        text,
        bbox: Some(bbox),
        font_size: dominant_size(glyphs),
        bold: majority(glyphs, |g| g.bold),
        italic: majority(glyphs, |g| g.italic),
        region: Region::Body,
        heading: None,
        column,
    }
}

fn bounding_box(glyphs: &[Placed]) -> BBox {
    let mut b = BBox {
        x0: f32::INFINITY,
        y0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
        y1: f32::NEG_INFINITY,
    };
    for g in glyphs {
        b.x0 = b.x0.min(g.x0);
        b.x1 = b.x1.max(g.x1);
        b.y0 = b.y0.min(g.base - ASCENT * g.size);
        b.y1 = b.y1.max(g.base + DESCENT * g.size);
    }
    b
}

/// The font size carrying the most characters (sizes bucketed to 0.1 pt).
fn dominant_size(glyphs: &[Placed]) -> f32 {
    let mut sized: Vec<(i32, usize)> = glyphs
        .iter()
        .map(|g| ((g.size * 10.0).round() as i32, g.text.chars().count()))
        .collect();
    crate::sort::sort(&mut sized);
    let mut best = (0i32, 0usize);
    let mut i = 0;
    while i < sized.len() {
        let bucket = sized[i].0;
        let mut count = 0usize;
        while i < sized.len() && sized[i].0 == bucket {
            count = count.saturating_add(sized[i].1);
            i += 1;
        }
        if count > best.1 {
            best = (bucket, count);
        }
    }
    best.0 as f32 / 10.0
}

/// Whether more than half of the characters have the property.
fn majority(glyphs: &[Placed], property: impl Fn(&Placed) -> bool) -> bool {
    let (mut yes, mut all) = (0usize, 0usize);
    for g in glyphs {
        let n = g.text.chars().count();
        all = all.saturating_add(n);
        if property(g) {
            yes = yes.saturating_add(n);
        }
    }
    yes.saturating_mul(2) > all
}

/// Bullet glyphs that mark a list item on their own…
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '·', '●', '○', '■', '□', '◆', '◇', '►', '▸', '▹', '➢', '➤', '✓', '✔',
    '∙', '⁃', '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '\u{F076}', '\u{F0FC}',
];
/// …and ones that do only when a space follows (so "-5" or "*nix" are not items).
const DASH_BULLETS: &[char] = &['-', '–', '—', '*', '+', '>'];

fn starts_with_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if BULLETS.contains(&c) => true,
        Some(c) if DASH_BULLETS.contains(&c) => chars.next() == Some(' '),
        _ => false,
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
