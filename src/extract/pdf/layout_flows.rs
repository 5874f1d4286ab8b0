//! Drawing order: which pieces of a row were drawn as separate text flows.
//!
//! Producers draw a box of text line by line before the box beside it: a
//! date cell of a table (both of its lines) before the entry cell, a Typst
//! or LaTeX entry block before its date block. When such boxes share
//! baselines, a row holds pieces of two flows, and reading the row whole
//! puts a date between the halves of a value that wraps. Geometry cannot
//! always tell: a date box may start a word gap after the entry's text.
//! Drawing order can: two glyphs side by side on a row belong to different
//! flows when text of another row was drawn between them.
//!
//! The layout stage cuts rows at such breaks and reads each flow's pieces
//! in a chain (a piece that wrapped, then the piece on the next row that
//! was drawn right after it and lies under it), so a wrapped date or value
//! is read whole before the flow beside it; pieces that end up next to each
//! other on one row are joined again, so a single-line date stays on its
//! entry's line.

use super::layout_columns::Segment;
use super::layout_rows::{Row, ASCENT, DESCENT};
use super::layout_text::first_word_width;

/// The drawing rank of every glyph of the page's rows.
pub(super) struct DrawOrder {
    /// `rank[row][glyph]`: position of the glyph in drawing order.
    rank: Vec<Vec<u32>>,
    /// `at[rank]`: the row and glyph index drawn at that position.
    at: Vec<(u32, u32)>,
}

impl DrawOrder {
    pub fn new(rows: &[Row]) -> Self {
        let mut all: Vec<(u32, u32, u32)> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (g, glyph) in row.glyphs.iter().enumerate() {
                all.push((glyph.seq, index(r), index(g)));
            }
        }
        crate::sort::sort(&mut all);
        let mut rank: Vec<Vec<u32>> = rows.iter().map(|r| vec![0; r.glyphs.len()]).collect();
        for (k, &(_, r, g)) in all.iter().enumerate() {
            if let Some(slot) = rank.get_mut(r as usize).and_then(|row| row.get_mut(g as usize)) {
                *slot = index(k);
            }
        }
        DrawOrder { rank, at: all.into_iter().map(|(_, r, g)| (r, g)).collect() }
    }

    /// Per row, per glyph: whether text of another row was drawn between
    /// the glyph and its left neighbour (the first glyph never breaks).
    pub fn breaks(&self) -> Vec<Vec<bool>> {
        // next_other[k]: first rank after k drawn on another row than k.
        let n = self.at.len();
        let mut next_other = vec![u32::MAX; n];
        for k in (0..n.saturating_sub(1)).rev() {
            next_other[k] = if self.at[k + 1].0 != self.at[k].0 { index(k + 1) } else { next_other[k + 1] };
        }
        self.rank
            .iter()
            .map(|ranks| {
                let mut out = vec![false; ranks.len()];
                for (i, pair) in ranks.windows(2).enumerate() {
                    let (lo, hi) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
                    out[i + 1] = next_other.get(lo as usize).is_some_and(|&q| q < hi);
                }
                out
            })
            .collect()
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A wrapped line is at most this many row sizes below the line it continues.
const WRAP_PITCH: f32 = 2.0;
/// Line ends within this many ems of each other are aligned.
const ALIGNED_EMS: f32 = 0.1;

/// Per piece: glyph range, x extent, first and last drawing rank.
type PieceInfo = (usize, usize, f32, f32, u32, u32);

/// At most this many pieces are looked at between two lines of one flow.
const MAX_BETWEEN: usize = 16;

/// Whether lines `i` and `j` of one flow (drawn one after the other, `j`
/// under `i`) have a line of another flow between them: every piece on the
/// rows between lies beside them and reaches into both lines' height (an
/// entry line centred beside a wrapped date, a larger body heading beside a
/// narrow column's lines). Read row by row, that line would split the
/// flow's text however much room its lines had, so the two are read
/// together. A line that reaches only one of them (a one-line date beside
/// the next entry's first line) sits between two blocks, not inside one.
fn beside_between(items: &[Segment], info: &[Option<PieceInfo>], rows: &[Row], i: usize, j: usize) -> bool {
    let (Some(a), Some(b)) = (items.get(i), items.get(j)) else { return false };
    let (Some(ai), Some(bi)) = (info.get(i).copied().flatten(), info.get(j).copied().flatten()) else { return false };
    let (Some(above), Some(below)) = (rows.get(a.row), rows.get(b.row)) else { return false };
    let (x0, x1) = (ai.2.min(bi.2), ai.3.max(bi.3));
    let above_bottom = above.base + DESCENT * above.size;
    let below_top = below.base - ASCENT * below.size;
    let from = items.partition_point(|s| s.row <= a.row);
    let to = items.partition_point(|s| s.row < b.row);
    let (Some(between), Some(pieces)) = (items.get(from..to), info.get(from..to)) else { return false };
    let straddles = |s: &Segment| {
        rows.get(s.row).is_some_and(|r| r.base - ASCENT * r.size < above_bottom && r.base + DESCENT * r.size > below_top)
    };
    !between.is_empty()
        && between.len() <= MAX_BETWEEN
        && between.iter().all(straddles)
        && pieces.iter().all(|k| k.is_some_and(|k| k.3 <= x0 || x1 <= k.2))
}

/// Order the segments of one block of rows (no gutter inside): by row and
/// x, except that each segment is followed by the chain of segments that
/// continue its flow on the rows below. A segment continues on the next row
/// when that row's piece was drawn right after it, lies under it, and the
/// segment wrapped: it ends in a hyphen, or the next piece's first word
/// would not have fit beside it in the room up to its neighbouring piece
/// (or the edge of the text) on the side the two lines are not aligned on.
/// Cells of a table drawn one after another whose text did not wrap stay
/// paired by row.
pub(super) fn flow_order(
    mut items: Vec<Segment>,
    rows: &[Row],
    glyph_range: &dyn Fn(&Segment) -> Option<(usize, usize, f32, f32)>,
    order: &DrawOrder,
) -> Vec<Segment> {
    crate::sort::sort_by_key(&mut items, |s| (s.row, s.first));
    let info: Vec<Option<PieceInfo>> = items
        .iter()
        .map(|s| {
            let (g0, g1, x0, x1) = glyph_range(s)?;
            let ranks = order.rank.get(s.row)?.get(g0..g1)?;
            let first = ranks.iter().copied().min()?;
            let last = ranks.iter().copied().max()?;
            Some((g0, g1, x0, x1, first, last))
        })
        .collect();
    // The item holding a glyph: items of a row are sorted by chunk, so
    // their glyph ranges are too.
    let find = |row: usize, glyph: usize| -> Option<usize> {
        let from = items.partition_point(|s| s.row < row);
        let to = items.partition_point(|s| s.row <= row);
        let at = from
            + info
                .get(from..to)?
                .partition_point(|info| info.is_some_and(|(_, g1, ..)| g1 <= glyph));
        info.get(at)?.filter(|&(g0, g1, ..)| g0 <= glyph && glyph < g1).map(|_| at)
    };
    // The text area of this part, for lines with no neighbour on a side.
    let left_edge = info.iter().flatten().map(|i| i.2).fold(f32::INFINITY, f32::min);
    let right_edge = info.iter().flatten().map(|i| i.3).fold(f32::NEG_INFINITY, f32::max);
    // Per item: the piece drawn right after it below it, and whether the
    // item is full (its text wrapped).
    let below: Vec<Option<(usize, bool)>> = (0..items.len())
        .map(|i| {
            let (g0_above, g1_above, x0, x1, _, last) = info[i]?;
            let &(row, glyph) = order.at.get((last as usize).checked_add(1)?)?;
            let (row, glyph) = (row as usize, glyph as usize);
            let j = find(row, glyph)?;
            let (g0, g1, nx0, nx1, first, _) = info[j]?;
            let (above, below) = (rows.get(items[i].row)?, rows.get(row)?);
            let pitch = below.base - above.base;
            let drawn_below = row > items[i].row
                && first == last + 1
                && pitch <= WRAP_PITCH * above.size.max(below.size)
                && nx0 < x1
                && x0 < nx1;
            if !drawn_below {
                return None;
            }
            // The room this line had: up to its neighbours on its row.
            let neighbour = |k: Option<usize>| {
                k.filter(|&k| items.get(k).is_some_and(|s| s.row == items[i].row)).and_then(|k| info[k])
            };
            let (left, right) = (neighbour(i.checked_sub(1)), neighbour(Some(i + 1)));
            let room_left = left.map_or(left_edge, |n| n.3);
            let room_right = right.map_or(right_edge, |n| n.2);
            let line = above.glyphs.get(g0_above..g1_above)?;
            let space = line.last().map_or(0.25 * above.size, |g| g.space_w);
            let word = first_word_width(below.glyphs.get(g0..g1)?);
            let tolerance = ALIGNED_EMS * above.size;
            let (left_aligned, right_aligned) = ((x0 - nx0).abs() <= tolerance, (x1 - nx1).abs() <= tolerance);
            let full_left = x0 - space - word < room_left;
            let full_right = x1 + space + word > room_right;
            let full = match (left_aligned, right_aligned) {
                // Both ends aligned (justified, or two pieces as wide): the
                // side a neighbour bounds decides, else both must be full.
                (true, true) => match (left.is_some(), right.is_some()) {
                    (true, false) => full_left,
                    (false, true) => full_right,
                    _ => full_left && full_right,
                },
                (false, true) => full_left,
                _ => full_right,
            };
            let hyphenated = line.last().is_some_and(|g| g.text.ends_with('-'));
            let interleaved = beside_between(&items, &info, rows, i, j);
            Some((j, full || hyphenated || interleaved))
        })
        .collect();
    // A line continues on the piece below it when it wrapped, or when it
    // is itself the continuation of a wrapped line (the paragraph's room is
    // set by its first line, beside its neighbours). Links go down the
    // rows, so one pass in row order sees every predecessor first.
    let mut next: Vec<Option<usize>> = vec![None; items.len()];
    let mut continued = vec![false; items.len()];
    for i in 0..items.len() {
        if let Some((j, wrapped)) = below[i] {
            if wrapped || continued[i] {
                next[i] = Some(j);
                if let Some(c) = continued.get_mut(j) {
                    *c = true;
                }
            }
        }
    }
    let mut done = vec![false; items.len()];
    let mut out = Vec::with_capacity(items.len());
    for start in 0..items.len() {
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| !done[i]) {
            done[i] = true;
            out.push(items[i]);
            at = next[i];
        }
    }
    out
}
