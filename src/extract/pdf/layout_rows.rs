//! Glyphs → rows: sanitising (positions, sizes, text), grouping by baseline,
//! scripts, overprint.
//!
//! A *row* is every glyph sharing one baseline across the whole page; it may
//! still hold fragments of several columns, which the column stage separates.
//! Baselines are clustered on sorted values by their consecutive gaps, so a
//! line whose baseline jitters slightly (OCR-like text layers) stays whole
//! while the next line, at least a line gap away, starts a new row.
//! Superscripts and subscripts (raised or lowered by `Ts`, usually smaller)
//! first form rows of their own and are then re-attached to the row they sit
//! next to horizontally. Duplicate glyphs drawn twice at almost the same spot
//! (fake bold) are dropped.

use super::super::glyph::Glyph;

/// Coordinates beyond this many points are clamped: no real page is that big,
/// and clamping keeps all later arithmetic finite.
const MAX_COORD: f32 = 1.0e6;
const MIN_SIZE: f32 = 0.5;
const MAX_SIZE: f32 = 2000.0;
/// Share of the font size used as the ascent above and descent below the baseline.
pub(super) const ASCENT: f32 = 0.8;
pub(super) const DESCENT: f32 = 0.2;

/// A glyph after sanitising: finite, ordered coordinates, positive sizes,
/// clean text. Whitespace glyphs become the `space_before` flag of the next
/// glyph once rows are built.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub base: f32,
    pub size: f32,
    pub space_w: f32,
    pub bold: bool,
    pub italic: bool,
    pub seq: u32,
    pub space_before: bool,
}

impl Placed {
    fn is_space(&self) -> bool {
        self.text.chars().all(|c| c == ' ')
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
}

/// Sanitise the page's glyphs and split them into upright and rotated ones.
/// Glyphs with non-finite positions or empty text are dropped; missing or
/// absurd sizes are replaced by the page's typical size.
pub(super) fn sanitize(glyphs: &[Glyph]) -> (Vec<Placed>, Vec<Placed>) {
    let typical = typical_size(glyphs);
    let mut upright = Vec::new();
    let mut rotated = Vec::new();
    for g in glyphs {
        if !(g.x0.is_finite() && g.x1.is_finite() && g.baseline.is_finite()) {
            continue;
        }
        let text = clean_glyph_text(&g.text);
        if text.is_empty() {
            continue;
        }
        let size = if g.font_size.is_finite() && g.font_size > 0.0 {
            g.font_size.clamp(MIN_SIZE, MAX_SIZE)
        } else {
            typical
        };
        let space_w = if g.space_width.is_finite() && g.space_width > 0.0 {
            g.space_width.clamp(0.1 * size, size)
        } else {
            0.25 * size
        };
        let (a, b) = (clamp_coord(g.x0), clamp_coord(g.x1));
        let placed = Placed {
            text,
            x0: a.min(b),
            x1: a.max(b),
            base: clamp_coord(g.baseline),
            size,
            space_w,
            bold: g.bold,
            italic: g.italic,
            seq: g.seq,
            space_before: false,
        };
        if g.upright {
            upright.push(placed);
        } else {
            rotated.push(placed);
        }
    }
    (upright, rotated)
}

/// Clean one glyph's text: expand the Latin ligatures U+FB00–FB06, drop soft
/// hyphens, zero-width and control characters, turn every kind of whitespace
/// (NBSP, tab, CR, LF, thin spaces…) into a plain space.
fn clean_glyph_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if let Some(letters) = crate::ligatures::letters(c) {
            out.push_str(letters);
            continue;
        }
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn clamp_coord(v: f32) -> f32 {
    v.clamp(-MAX_COORD, MAX_COORD)
}

/// The median of the valid font sizes, or 10 pt when there is none.
fn typical_size(glyphs: &[Glyph]) -> f32 {
    let mut sizes: Vec<f32> = glyphs
        .iter()
        .map(|g| g.font_size)
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| s.clamp(MIN_SIZE, MAX_SIZE))
        .collect();
    if sizes.is_empty() {
        return 10.0;
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// Glyphs sharing one baseline, sorted by x, whitespace folded into flags.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub glyphs: Vec<Placed>,
    /// Baseline of the row's first glyph of the dominant size.
    pub base: f32,
    /// The font size carrying most of the row's glyphs.
    pub size: f32,
}

impl Row {
    fn from_glyphs(glyphs: Vec<Placed>) -> Option<Row> {
        let size = dominant_size(glyphs.iter().filter(|g| !g.is_space()))?;
        let base = glyphs
            .iter()
            .find(|g| !g.is_space() && g.size == size)?
            .base;
        Some(Row { glyphs, base, size })
    }
}

/// The font size carrying the most glyphs (ties: the larger), so one big
/// bullet does not make a body-text row look like a heading.
fn dominant_size<'a>(glyphs: impl Iterator<Item = &'a Placed>) -> Option<f32> {
    let mut sizes: Vec<f32> = glyphs.map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let mut best: Option<(f32, usize)> = None;
    for run in sizes.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() >= n) {
            best = run.first().map(|&s| (s, run.len()));
        }
    }
    best.map(|(s, _)| s)
}

/// Consecutive baselines closer than this share of the font size belong to one row…
const ROW_STEP: f32 = 0.3;
/// …as long as the row's baselines stay within this share of it.
const ROW_SPAN: f32 = 0.5;

/// Group glyphs into rows, top to bottom.
pub(super) fn build_rows(mut glyphs: Vec<Placed>) -> Vec<Row> {
    crate::sort::sort_by(&mut glyphs, |a, b| {
        a.base
            .total_cmp(&b.base)
            .then(a.x0.total_cmp(&b.x0))
            .then(a.seq.cmp(&b.seq))
    });
    let mut groups: Vec<Vec<Placed>> = Vec::new();
    let mut current: Vec<Placed> = Vec::new();
    let (mut anchor, mut last) = (0.0f32, 0.0f32);
    for g in glyphs {
        let joins = match current.last() {
            Some(prev) => {
                // A step measured on the larger glyph keeps a big bullet
                // (drawn a little lower) on its line; the span from the
                // anchor, measured on the smaller, stops chains of steps.
                let (small, large) = (prev.size.min(g.size), prev.size.max(g.size));
                g.base - last <= ROW_STEP * large && g.base - anchor <= ROW_SPAN * small
            }
            None => true,
        };
        if !joins {
            groups.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            anchor = g.base;
        }
        last = g.base;
        current.push(g);
    }
    groups.push(current);

    let mut rows: Vec<Row> = groups.into_iter().filter_map(Row::from_glyphs).collect();
    attach_scripts(&mut rows);
    for row in &mut rows {
        let glyphs = std::mem::take(&mut row.glyphs);
        row.glyphs = fold_spaces_and_overprint(glyphs);
    }
    rows.retain(|r| !r.glyphs.is_empty());
    crate::sort::sort_by(&mut rows, |a, b| a.base.total_cmp(&b.base));
    rows
}

/// A script row is at most this share of its neighbour's size…
const SCRIPT_SIZE: f32 = 0.9;
/// …its baseline within this share of the neighbour's size…
const SCRIPT_REACH: f32 = 0.5;
/// …it is short (ordinals, footnote marks, chemical indices)…
const SCRIPT_MAX_GLYPHS: usize = 4;
/// …and it touches a neighbour glyph within this share of the neighbour's size.
const SCRIPT_TOUCH: f32 = 0.4;
/// How many rows either side are looked at for a script's parent.
const SCRIPT_NEIGHBOURS: usize = 3;
/// A script stands this many of its own ems clear of the rest of its row:
/// closer glyphs on its baseline are words of one line (a justified narrow
/// column whose last word ends beside another column's larger heading).
const SCRIPT_ISOLATION: f32 = 2.0;

/// Move raised or lowered smaller glyphs (superscripts, subscripts, footnote
/// markers) into the row they touch horizontally.
fn attach_scripts(rows: &mut [Row]) {
    // x0 and x1 of every row, sorted, to test "touches" with a binary search.
    let edges: Vec<(Vec<f32>, Vec<f32>)> = rows
        .iter()
        .map(|r| {
            let mut starts: Vec<f32> = r.glyphs.iter().map(|g| g.x0).collect();
            let mut ends: Vec<f32> = r.glyphs.iter().map(|g| g.x1).collect();
            starts.sort_by(f32::total_cmp);
            ends.sort_by(f32::total_cmp);
            (starts, ends)
        })
        .collect();
    let mut moves: Vec<(usize, usize, Vec<usize>)> = Vec::new(); // (from, to, glyph indices)
    for (i, row) in rows.iter().enumerate() {
        let parents: Vec<usize> = (i.saturating_sub(SCRIPT_NEIGHBOURS)..=i + SCRIPT_NEIGHBOURS)
            .filter(|&j| j != i)
            .filter_map(|j| rows.get(j).map(|p| (j, p)))
            .filter(|(_, p)| {
                row.size <= SCRIPT_SIZE * p.size
                    && (row.base - p.base).abs() <= SCRIPT_REACH * p.size
            })
            .map(|(j, _)| j)
            .collect();
        if parents.is_empty() {
            continue;
        }
        let mut order: Vec<usize> = (0..row.glyphs.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| row.glyphs[a].x0.total_cmp(&row.glyphs[b].x0));
        for piece in split_pieces(&row.glyphs, &order, SCRIPT_ISOLATION * row.size) {
            let (Some(&first), Some(&last)) = (piece.first(), piece.last()) else {
                continue;
            };
            if piece.iter().filter(|&&k| !row.glyphs[k].is_space()).count() > SCRIPT_MAX_GLYPHS {
                continue;
            }
            let (x0, x1) = (row.glyphs[first].x0, row.glyphs[last].x1);
            let parent = parents.iter().copied().find(|&j| {
                let (starts, ends) = &edges[j];
                let touch = SCRIPT_TOUCH * rows[j].size;
                any_within(ends, x0 - touch, x0 + 0.5 * touch)
                    || any_within(starts, x1 - 0.5 * touch, x1 + touch)
            });
            if let Some(to) = parent {
                moves.push((i, to, piece));
            }
        }
    }
    for (from, to, indices) in moves {
        let taken: Vec<Placed> = indices
            .iter()
            .filter_map(|&k| rows[from].glyphs.get(k).cloned())
            .collect();
        rows[to].glyphs.extend(taken);
        for &k in &indices {
            if let Some(g) = rows[from].glyphs.get_mut(k) {
                g.text.clear(); // emptied glyphs are dropped when spaces are folded
            }
        }
    }
}

/// Split x-sorted glyph indices where the gap exceeds `gap`.
fn split_pieces(glyphs: &[Placed], order: &[usize], gap: f32) -> Vec<Vec<usize>> {
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let mut right = f32::NEG_INFINITY;
    for &k in order {
        let g = &glyphs[k];
        match pieces.last_mut() {
            Some(piece) if g.x0 - right <= gap => piece.push(k),
            _ => pieces.push(vec![k]),
        }
        right = right.max(g.x1);
    }
    pieces
}

/// Whether any value of the sorted slice lies in `[lo, hi]`.
fn any_within(sorted: &[f32], lo: f32, hi: f32) -> bool {
    let at = sorted.partition_point(|&v| v < lo);
    sorted.get(at).is_some_and(|&v| v <= hi)
}

/// How many kept glyphs back a duplicate is looked for.
const OVERPRINT_LOOKBACK: usize = 4;

/// A glyph overlapping the glyphs before it by more than this share of its
/// width is read in drawing order among them.
const OVERLAP_SHARE: f32 = 0.15;

/// Sort a row's glyphs by x, except that runs of overlapping letters are
/// put in drawing order: text overflowing its box into the next one (a date
/// wider than its column, a label running into its value) would otherwise
/// interleave letter by letter. Where two such texts overlap, a letter can
/// by chance start where the letters before it end and so start a run of
/// its own; neighbouring runs whose drawing orders interleave hold letters
/// of the same texts and are one run. Space glyphs keep their place by x: a
/// stray space of another text box is judged by where it lies (see
/// [`is_gap`]).
fn sort_for_reading(glyphs: Vec<Placed>) -> Vec<Placed> {
    let by_x = |a: &Placed, b: &Placed| a.x0.total_cmp(&b.x0).then(a.seq.cmp(&b.seq));
    let (mut spaces, mut letters): (Vec<Placed>, Vec<Placed>) = glyphs.into_iter().partition(Placed::is_space);
    crate::sort::sort_by(&mut spaces, by_x);
    crate::sort::sort_by(&mut letters, by_x);
    // Overprinted duplicates go first: a fake-bold word is two texts
    // overlapping all along, which would otherwise read as one run.
    let mut kept: Vec<Placed> = Vec::with_capacity(letters.len());
    for g in letters {
        if !kept.iter().rev().take(OVERPRINT_LOOKBACK).any(|k| is_overprint(k, &g)) {
            kept.push(g);
        }
    }
    let mut letters = kept;
    // Runs as (start, end, first seq, last seq), merged while their seq
    // ranges intersect.
    let mut runs: Vec<(usize, usize, u32, u32)> = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for (i, g) in letters.iter().enumerate() {
        let overlaps = reach - g.x0 > OVERLAP_SHARE * g.width();
        reach = reach.max(g.x1);
        match runs.last_mut() {
            Some(run) if overlaps || (run.2 <= g.seq && g.seq <= run.3) => {
                run.1 = i + 1;
                run.2 = run.2.min(g.seq);
                run.3 = run.3.max(g.seq);
            }
            _ => runs.push((i, i + 1, g.seq, g.seq)),
        }
        // A new run whose range reaches back into the run before joins it.
        while runs.len() >= 2 {
            let (Some(&last), Some(&before)) = (runs.last(), runs.get(runs.len() - 2)) else { break };
            if last.2 > before.3 || last.3 < before.2 {
                break;
            }
            runs.pop();
            if let Some(merged) = runs.last_mut() {
                merged.1 = last.1;
                merged.2 = merged.2.min(last.2);
                merged.3 = merged.3.max(last.3);
            }
        }
    }
    for &(start, end, ..) in &runs {
        if let Some(run) = letters.get_mut(start..end) {
            crate::sort::sort_by_key(run, |g| g.seq);
        }
    }
    // Merge the spaces back by x; inside a reordered run a letter counts at
    // the furthest x0 so far, so the merge key never goes back.
    let mut out = Vec::with_capacity(letters.len() + spaces.len());
    let mut spaces = spaces.into_iter().peekable();
    let mut key = f32::NEG_INFINITY;
    for letter in letters {
        key = key.max(letter.x0);
        while let Some(space) = spaces.next_if(|sp| (sp.x0, sp.seq) < (key, letter.seq)) {
            out.push(space);
        }
        out.push(letter);
    }
    out.extend(spaces);
    out
}

/// Sort a row for reading, drop overprinted duplicates and turn whitespace glyphs
/// into the `space_before` flag of the next glyph. A space glyph mostly
/// covered by the letters either side of it while those letters touch (a
/// stray space of another text box that landed on this baseline) is no
/// word gap.
pub(super) fn fold_spaces_and_overprint(glyphs: Vec<Placed>) -> Vec<Placed> {
    let glyphs = sort_for_reading(glyphs);
    let mut kept: Vec<Placed> = Vec::with_capacity(glyphs.len());
    let mut pending: Vec<(f32, f32)> = Vec::new();
    for mut g in glyphs {
        if g.text.is_empty() {
            continue;
        }
        if g.is_space() {
            if !kept.is_empty() {
                pending.push((g.x0, g.x1));
            }
            continue;
        }
        g.space_before = pending.iter().any(|&space| is_gap(space, kept.last(), &g));
        pending.clear();
        kept.push(g);
    }
    kept
}

/// Letters closer than this share of a space glyph's width touch.
const TOUCH_SHARE: f32 = 0.25;

/// Whether a space glyph marks a gap: its box lies mostly outside its
/// neighbours' boxes, or they leave room for it (a kerned or tightly
/// justified space overlaps the next letter but still leaves a gap).
fn is_gap((x0, x1): (f32, f32), before: Option<&Placed>, after: &Placed) -> bool {
    let Some(before) = before else { return true };
    let width = x1 - x0;
    let overlap = |g: &Placed| (x1.min(g.x1) - x0.max(g.x0)).max(0.0);
    overlap(before) + overlap(after) < 0.5 * width || after.x0 - before.x1 >= TOUCH_SHARE * width
}

/// Same text at the same size drawn again within a fraction of a glyph: a
/// fake-bold overprint.
fn is_overprint(a: &Placed, b: &Placed) -> bool {
    let size = a.size.max(b.size);
    if a.text != b.text || (a.size - b.size).abs() > 0.1 * size {
        return false;
    }
    let tolerance = (0.5 * a.width().max(b.width()))
        .min(0.2 * size)
        .max(0.02 * size);
    (a.x0 - b.x0).abs() < tolerance && (a.base - b.base).abs() < 0.2 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_ligatures_soft_hyphens_and_whitespace() {
        assert_eq!(clean_glyph_text("\u{FB01}"), "fi");
        assert_eq!(clean_glyph_text("e\u{FB03}cient"), "efficient");
        assert_eq!(clean_glyph_text("co\u{00AD}op"), "coop");
        assert_eq!(clean_glyph_text("a\u{00A0}b\tc\rd"), "a b c d");
        assert_eq!(clean_glyph_text("\u{0001}\u{200B}"), "");
    }
}
