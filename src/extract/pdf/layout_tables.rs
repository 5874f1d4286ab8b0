//! Borderless tables: found on baseline rows, read row by row.
//!
//! CVs from Word, LibreOffice and HTML forms list jobs and schools as a table under a
//! heading row ("Organisation | Role | Period"); in the PDF a long cell wraps onto more
//! lines. The gutter sweep sees the whitespace between the columns as gutters and reads
//! the table column by column, or interleaves the wrapped fragments with the next row's
//! cells; it does the first to a table of one-line cells too (Chromium, reportlab). What
//! marks such a table is a grid, not a gutter:
//!
//! * a heading row of three or more cells set apart by cell gaps gives the column starts,
//!   and no text just above it starts at one of its columns (page columns begin earlier);
//! * every line below starts each of its pieces at one of those starts (cells are set
//!   flush left) and ends it before the next one starts, at the table's font size;
//! * a cell's wrapped lines follow each other at the line step, and a table row is set
//!   apart from the next by the cell padding, so within a column a step wider than the
//!   line step starts the next cell; cells of one column whose baselines overlap those of
//!   another column's cell are one table row, however each is aligned vertically (top,
//!   middle or bottom); a table set without padding (every line fills every cell) has its
//!   rows at the line step, one line each, the heading row the first;
//! * the table ends before a row with only one cell or none in the first column (a
//!   heading under the table; a section's entries beside its name, which starts only the
//!   first of them);
//! * its data rows align their cells one way: first lines level, last lines level or
//!   middles level;
//! * a table none of whose cells wraps has two rows under its heading row at least, each
//!   filling every column, and a heading row with no digit (column names, not data).
//!
//! Everything else is left alone: a sidebar's blocks and the entries beside it start and
//! end at lines of their own, so they align no way; page columns on one baseline grid fill
//! no grid, as some column ends its paragraph early; and a line that runs across a column
//! start ends the grid.

use super::layout_columns::Chunk;
use super::layout_rows::Row;

/// One piece of a cell: a chunk of a baseline row.
pub(super) type Piece = (usize, Chunk);
/// A column's cell: its column and its pieces top to bottom.
type Cell = (usize, Vec<Piece>);
/// A table row while it is gathered: its first and last baseline row, its cells.
type Group = (usize, usize, Vec<Cell>);

/// A table: baseline rows `first..end`, its rows top to bottom, each a list of cells
/// (pieces top to bottom) in column order.
#[derive(Debug)]
pub(super) struct Table {
    pub first: usize,
    pub end: usize,
    pub rows: Vec<Vec<Vec<Piece>>>,
}

/// The heading row's cells are at least this many ems apart (a cell's padding either side).
const HEAD_GAP_EM: f32 = 1.0;
/// A heading row wraps onto at most this many lines.
const MAX_HEAD_LINES: usize = 3;
/// A table has this many columns at least, and at most this many.
const MIN_COLUMNS: usize = 3;
const MAX_COLUMNS: usize = 12;
/// A piece starts a column when it starts within this many ems of the column's start.
const START_EMS: f32 = 0.3;
/// Rows of one table are at most this many ems apart (line step plus cell padding).
const MAX_STEP_EMS: f32 = 3.0;
/// Rows of one table differ in font size by less than this factor.
const SIZE_RATIO: f32 = 1.25;
/// A table of one-line cells has this many rows at least, its heading row among them.
const MIN_PLAIN_ROWS: usize = 3;
/// A step in a column at most this multiple of the line step (plus half a point of
/// rounding) continues a cell; a cell's wrapped lines are set at exactly the line step.
const WRAP_SLACK: f32 = 1.08;
/// A line step below this many ems is no line step (overlapping flows, not a grid).
const MIN_LEADING_EMS: f32 = 0.9;
/// A gap of this share of the font's space is a word gap (see `layout_text`).
const WORD_GAP_SPACES: f32 = 0.45;
/// At most this many baseline rows are tried per table (bounds the work per page).
const MAX_ROWS: usize = 160;
/// At most this many tables per page.
const MAX_TABLES: usize = 32;

/// The tables of a page's rows (cut into chunks at gaps only), top to bottom.
pub(super) fn find(rows: &[Row], chunks: &[Vec<Chunk>]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() && out.len() < MAX_TABLES {
        match table_at(rows, chunks, i) {
            Some(table) => {
                i = table.end.max(i + 1);
                out.push(table);
            }
            None => i += 1,
        }
    }
    out
}

/// The table whose heading row is row `head`, if it is one.
fn table_at(rows: &[Row], chunks: &[Vec<Chunk>], head: usize) -> Option<Table> {
    let head_chunks = chunks.get(head)?;
    let size = rows.get(head)?.size;
    if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&head_chunks.len()) || size.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    if head_chunks.windows(2).any(|w| w[1].x0 - w[0].x1 < HEAD_GAP_EM * size) {
        return None;
    }
    let starts: Vec<f32> = head_chunks.iter().map(|c| c.x0).collect();
    let tolerance = (START_EMS * size).max(1.0);
    // The heading row is the table's first: text just above it that starts at another
    // column's start means those columns began earlier, as a page's columns do.
    if let (Some(above), Some(above_chunks)) = (head.checked_sub(1).and_then(|i| rows.get(i)), head.checked_sub(1).and_then(|i| chunks.get(i))) {
        let near = rows.get(head).map_or(f32::INFINITY, |r| r.base) - above.base <= MAX_STEP_EMS * size;
        let inner = starts.get(1..).unwrap_or(&[]);
        if near && above_chunks.iter().any(|c| inner.iter().any(|&x| (c.x0 - x).abs() <= tolerance)) {
            return None;
        }
    }
    let column = |c: &Chunk| {
        let at = starts.iter().position(|&x| (c.x0 - x).abs() <= tolerance)?;
        let fits = starts.get(at + 1).is_none_or(|&next| c.x1 <= next - tolerance);
        fits.then_some(at)
    };
    // Pieces per column, top to bottom.
    let mut columns: Vec<Vec<Piece>> = vec![Vec::new(); starts.len()];
    let mut end = head;
    let mut stopped_by_line = false;
    while end < rows.len() && end - head < MAX_ROWS {
        let (Some(row), Some(row_chunks)) = (rows.get(end), chunks.get(end)) else { break };
        if end > head {
            let step = row.base - rows.get(end - 1).map_or(row.base, |r| r.base);
            if step > MAX_STEP_EMS * size || row.size > SIZE_RATIO * size || row.size * SIZE_RATIO < size {
                break;
            }
        }
        let pieces: Vec<Chunk> = row_chunks.iter().flat_map(|c| split_at_starts(row, *c, &starts, tolerance)).collect();
        let placed: Option<Vec<usize>> = pieces.iter().map(&column).collect();
        let Some(placed) = placed.filter(|p| !p.is_empty()) else {
            stopped_by_line = true;
            break;
        };
        for (c, chunk) in placed.into_iter().zip(pieces) {
            if let Some(col) = columns.get_mut(c) {
                col.push((end, chunk));
            }
        }
        end += 1;
    }
    let base = |i: usize| rows.get(i).map_or(f32::NAN, |r| r.base);
    let leading = columns
        .iter()
        .flat_map(|col| col.windows(2).map(|w| base(w[1].0) - base(w[0].0)))
        .filter(|d| *d > 0.0)
        .fold(f32::INFINITY, f32::min);
    if !(leading >= MIN_LEADING_EMS * size && leading.is_finite()) {
        return None;
    }
    let continues = |step: f32| step <= WRAP_SLACK * leading + 0.5;
    // Cells: runs of a column's pieces at the line step, with their column.
    let mut cells: Vec<Cell> = Vec::new();
    for (c, col) in columns.into_iter().enumerate() {
        let mut cell: Vec<Piece> = Vec::new();
        for piece in col {
            if cell.last().is_some_and(|last| !continues(base(piece.0) - base(last.0))) {
                cells.push((c, std::mem::take(&mut cell)));
            }
            cell.push(piece);
        }
        if !cell.is_empty() {
            cells.push((c, cell));
        }
    }
    let span = |cell: &[Piece]| (cell.first().map_or(0, |p| p.0), cell.last().map_or(0, |p| p.0));
    // A table row whose every line fills every cell is rows set without padding, not wrapped cells.
    let full = |(top, bottom, group): &Group| (*top..=*bottom).all(|r| group.iter().all(|(_, cell)| cell.iter().any(|p| p.0 == r)));
    crate::sort::sort_by(&mut cells, |a, b| span(&a.1).0.cmp(&span(&b.1).0).then(a.0.cmp(&b.0)));
    // Table rows: cells whose baseline rows overlap, swept top to bottom.
    let mut groups: Vec<Group> = Vec::new();
    for cell in cells {
        let (top, bottom) = span(&cell.1);
        match groups.last_mut() {
            Some(group) if top <= group.1 => {
                group.1 = group.1.max(bottom);
                group.2.push(cell);
            }
            _ => groups.push((top, bottom, vec![cell])),
        }
    }
    // The heading row's cells may wrap too, but a heading is short: a run of lines just below
    // it (a sidebar's or a column's at the line step) makes no grid, unless it fills every
    // column on every line (a table set without padding).
    let first = groups.first()?;
    if first.0 != head || (first.1 > head + MAX_HEAD_LINES - 1 && !full(first)) {
        return None;
    }
    // The table ends before a row of one cell or none in the first column (a heading under
    // the table; the entries of a section whose name sits in the first column), and before
    // a row cut short by a line that ends the grid.
    let mut keep = groups.iter().position(|g| g.2.len() < 2 || g.2.iter().all(|(c, _)| *c != 0)).unwrap_or(groups.len());
    if stopped_by_line && keep == groups.len() && groups.last().is_some_and(|g| continues(base(end) - base(g.1))) {
        keep -= 1;
    }
    groups.truncate(keep);
    // Every data row aligns its cells one way, the same for the whole table: their first
    // lines level (top), their last lines level (bottom), or their middles level (centred).
    // A sidebar's blocks and a main column's entries beside it start and end where they will.
    let mut alignments = [true; 3];
    for (top, bottom, group) in groups.iter().skip(1) {
        let middle = base(*top) + base(*bottom);
        alignments[0] &= group.iter().all(|(_, cell)| span(cell).0 == *top);
        alignments[1] &= group.iter().all(|(_, cell)| span(cell).1 == *bottom);
        alignments[2] &= group.iter().all(|(_, cell)| {
            let (a, b) = span(cell);
            (base(a) + base(b) - middle).abs() <= 0.5 * leading
        });
    }
    if !alignments.contains(&true) {
        return None;
    }
    let end = groups.last().map_or(head, |g| g.1 + 1);
    let mut table_rows: Vec<Vec<Vec<Piece>>> = Vec::new();
    let mut wrapped = false;
    for mut group in groups {
        crate::sort::sort_by(&mut group.2, |a, b| a.0.cmp(&b.0));
        let (top, bottom) = (group.0, group.1);
        if full(&group) && bottom > top {
            for r in top..=bottom {
                table_rows.push(group.2.iter().map(|(_, cell)| cell.iter().filter(|p| p.0 == r).copied().collect()).collect());
            }
        } else {
            wrapped |= bottom > top;
            table_rows.push(group.2.into_iter().map(|(_, cell)| cell).collect());
        }
    }
    // Without a wrapped cell the grid is all there is to go by: a sidebar's list beside a
    // column's paragraph starts pieces at three places for a line or two, and a contact block
    // set in three columns of lines fills a grid. Such a table has two rows under its heading,
    // every row fills every column, and its heading row names columns, so holds no digit (an
    // address, a phone number, a year is a row of data).
    let whole = |row: &Vec<Vec<Piece>>| row.len() == starts.len() && row.iter().all(|cell| !cell.is_empty());
    let names = rows.get(head).is_some_and(|r| !r.glyphs.iter().any(|g| g.text.chars().any(char::is_numeric)));
    if !wrapped && (table_rows.len() < MIN_PLAIN_ROWS || !table_rows.iter().all(whole) || !names) {
        return None;
    }
    (table_rows.len() >= 2).then_some(Table { first: head, end, rows: table_rows })
}

/// A chunk cut where one of its glyphs starts a column after a word gap: cells closer than a
/// chunk gap (an HTML table's narrow padding) are still cells of their columns.
fn split_at_starts(row: &Row, chunk: Chunk, starts: &[f32], tolerance: f32) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut piece = chunk;
    for i in chunk.first + 1..chunk.end {
        let (Some(prev), Some(g)) = (row.glyphs.get(i - 1), row.glyphs.get(i)) else { continue };
        let starts_column = starts.iter().any(|&x| x > piece.x0 + tolerance && (g.x0 - x).abs() <= tolerance);
        if starts_column && (g.space_before || g.x0 - prev.x1 >= WORD_GAP_SPACES * g.space_w) {
            out.push(Chunk { end: i, x1: prev.x1.max(piece.x0), ..piece });
            piece = Chunk { first: i, end: chunk.end, x0: g.x0, x1: chunk.x1, flow_start: false };
        }
    }
    out.push(piece);
    out
}
