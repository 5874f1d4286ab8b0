//! Rows → column segments in reading order, by finding column gutters.
//!
//! A row is cut into *chunks* wherever two glyphs are further apart than a
//! wide word gap. A wide gap alone does not make a column: a right-aligned
//! date on a job-title line has one too. A column *gutter* is a vertical band
//! of whitespace that stays free across many consecutive rows with text on
//! both sides — a whitespace rectangle, as in XY-cut layout analysis. The
//! sweep below grows such bands row by row (intersecting each band with the
//! next row's free intervals), then judges each finished band:
//!
//! * independent flows — some rows have text only left of the band and some
//!   only right of it (two columns whose baselines drift apart): a gutter
//!   when at least one side's lines end or start along the band (a column
//!   edge), not a band inside one column that a flush-right line bounds;
//! * one side only ever shares rows with the other side: a gutter when that
//!   side is dense (a sidebar on the same baseline grid), not when it is a
//!   sparse annotation (dates, labels);
//! * every row has both sides: a gutter only when both sides are wide
//!   (newspaper-style columns), never for narrow date or label columns;
//! * a right side made of short right-aligned pieces is a date column, not a
//!   text column, even under a header that reaches across it (a contact
//!   row above the entries, its cells spread across the page);
//! * a narrow left side each of whose rows starts an entry on the right (a
//!   date beside the entry's first line, a heading just above it) is a label
//!   column whatever its alignment (a timeline), unlike a sidebar, whose
//!   lines follow each other at the line step;
//! * so is a narrow left side of labels or dates in rows at the line step
//!   (a label/value or date/entry table, as tabular CVs set their personal
//!   data and entries) when every block of the right side starts beside a
//!   left row or under a heading, in two blocks or more: a value that wraps
//!   continues below its label's row, but a main column's paragraphs beside
//!   a sidebar start wherever they start.
//!
//! Rows are cut at the gutters covering them and the pieces are ordered by
//! recursive XY-cut over the gutters (see [`reading_order`]): rows outside
//! every gutter are full-width and read in place, so headers come first,
//! columns are read left to right, each top to bottom, and spanning blocks
//! stay in y order.

use super::layout_rows::Row;

/// Consecutive glyphs of one row whose mutual gaps are all small.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chunk {
    pub first: usize,
    pub end: usize,
    pub x0: f32,
    pub x1: f32,
    /// The chunk was drawn as another flow than the chunk before it.
    pub flow_start: bool,
}

/// A gap wider than this many ems always cuts a chunk…
const CHUNK_GAP_EM: f32 = 0.8;
/// …and so does one wider than this multiple of the row's median gap
/// (letter-spaced rows have wide median gaps, and stay whole within a word).
const CHUNK_GAP_MEDIAN: f32 = 2.0;

/// Cut a row into chunks, at wide gaps and where `breaks` (per glyph, see
/// `layout_flows`) says another flow starts.
pub(super) fn chunks(row: &Row, breaks: &[bool]) -> Vec<Chunk> {
    let glyphs = &row.glyphs;
    let mut gaps: Vec<f32> = glyphs.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    let median = if gaps.is_empty() {
        0.0
    } else {
        let mid = gaps.len() / 2;
        *gaps.select_nth_unstable_by(mid, f32::total_cmp).1
    };
    let mut out: Vec<Chunk> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        let em = g
            .size
            .max(glyphs.get(i.wrapping_sub(1)).map_or(0.0, |p| p.size));
        let threshold = (CHUNK_GAP_EM * em).max(CHUNK_GAP_MEDIAN * median);
        let flow_start = breaks.get(i).copied().unwrap_or(false);
        match out.last_mut() {
            // chunk.x1 is the rightmost edge so far, so overlaps never cut.
            Some(chunk) if !flow_start && g.x0 - chunk.x1 <= threshold => {
                chunk.end = i + 1;
                chunk.x1 = chunk.x1.max(g.x1);
            }
            _ => out.push(Chunk {
                first: i,
                end: i + 1,
                x0: g.x0,
                x1: g.x1,
                flow_start,
            }),
        }
    }
    out
}

/// An accepted column gutter: free band `[x0, x1]` over rows `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Gutter {
    pub x0: f32,
    pub x1: f32,
    pub first: usize,
    pub last: usize,
}

/// Bands judged so far: column gutters, and label or date columns (bands
/// that are no gutter, nor is any shorter run of them).
#[derive(Default)]
struct Verdicts {
    gutters: Vec<Gutter>,
    labels: Vec<Gutter>,
    /// The label bands whose left side is a column of right-aligned labels.
    label_columns: Vec<Gutter>,
}

/// The bands of a page: column gutters, and columns of labels beside their
/// entries (read row by row, each label a line of its own).
pub(super) struct Bands {
    pub gutters: Vec<Gutter>,
    pub label_columns: Vec<Gutter>,
}

/// What the rows seen so far say about the text either side of a band.
#[derive(Debug, Clone, Copy)]
struct SideStats {
    rows: usize,
    left_rows: usize,
    right_rows: usize,
    both_rows: usize,
    /// Right ends of the right-side text (alignment test for date columns).
    right_end_min: f32,
    right_end_max: f32,
    right_width_max: f32,
    left_width_max: f32,
    /// Rightmost end of the left-side text, and how many rows end there
    /// (alignment test for label columns).
    left_end_max: f32,
    left_flush: usize,
    /// Leftmost start of the right-side text, and how many rows start there.
    right_start_min: f32,
    right_flush: usize,
    /// Leftmost and rightmost start of the left-side text.
    left_start_min: f32,
    left_start_max: f32,
    /// First and last row index with text on each side (density tests).
    left_span: (usize, usize),
    right_span: (usize, usize),
}

impl SideStats {
    fn empty() -> Self {
        SideStats {
            rows: 0,
            left_rows: 0,
            right_rows: 0,
            both_rows: 0,
            right_end_min: f32::INFINITY,
            right_end_max: f32::NEG_INFINITY,
            right_width_max: 0.0,
            left_width_max: 0.0,
            left_end_max: f32::NEG_INFINITY,
            left_flush: 0,
            right_start_min: f32::INFINITY,
            right_flush: 0,
            left_start_min: f32::INFINITY,
            left_start_max: f32::NEG_INFINITY,
            left_span: (usize::MAX, 0),
            right_span: (usize::MAX, 0),
        }
    }

    fn add(mut self, free: &Free, row: usize, size: f32) -> Self {
        self.rows += 1;
        if free.left_text {
            self.left_rows += 1;
            let tolerance = FLUSH_EMS * size;
            if free.x0 > self.left_end_max + tolerance {
                self.left_flush = 1;
            } else if free.x0 >= self.left_end_max - tolerance {
                self.left_flush += 1;
            }
            self.left_end_max = self.left_end_max.max(free.x0);
            self.left_start_min = self.left_start_min.min(free.row_x0);
            self.left_start_max = self.left_start_max.max(free.row_x0);
            self.left_width_max = self.left_width_max.max(free.x0 - free.row_x0);
            self.left_span = (self.left_span.0.min(row), self.left_span.1.max(row));
        }
        if free.right_text {
            self.right_rows += 1;
            let tolerance = FLUSH_EMS * size;
            if free.x1 < self.right_start_min - tolerance {
                self.right_flush = 1;
            } else if free.x1 <= self.right_start_min + tolerance {
                self.right_flush += 1;
            }
            self.right_start_min = self.right_start_min.min(free.x1);
            self.right_width_max = self.right_width_max.max(free.row_x1 - free.x1);
            self.right_end_min = self.right_end_min.min(free.row_x1);
            self.right_end_max = self.right_end_max.max(free.row_x1);
            self.right_span = (self.right_span.0.min(row), self.right_span.1.max(row));
        }
        if free.left_text && free.right_text {
            self.both_rows += 1;
        }
        self
    }
}

/// One free interval of one row, with what borders it.
#[derive(Debug, Clone, Copy)]
struct Free {
    x0: f32,
    x1: f32,
    left_text: bool,
    right_text: bool,
    row_x0: f32,
    row_x1: f32,
}

/// A band still growing during the sweep.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    x0: f32,
    x1: f32,
    first: usize,
    stats: SideStats,
    /// The same for the rows below the band's first row with text on both
    /// sides (below a header of cells above a date column, see `judge`).
    rest: SideStats,
}

/// At most this many bands grow at once (bounds the sweep on hostile pages).
const MAX_ACTIVE: usize = 48;
/// At most this many gutters are accepted per page.
const MAX_GUTTERS: usize = 64;

/// Page-level measures the judgement needs.
struct Measures {
    /// Width of the text area.
    width: f32,
    /// Median row font size.
    size: f32,
    /// Narrowest band that can be a gutter.
    min_gutter: f32,
    /// Median baseline step between consecutive rows (the line step).
    step: f32,
}

/// Find the column gutters of a page's rows.
pub(super) fn find_gutters(rows: &[Row], chunks: &[Vec<Chunk>]) -> Bands {
    let Some(measures) = measure(rows, chunks) else {
        return Bands { gutters: Vec::new(), label_columns: Vec::new() };
    };
    let left_edge = chunks
        .iter()
        .flatten()
        .map(|c| c.x0)
        .fold(f32::INFINITY, f32::min)
        - 1.0;
    let right_edge = chunks
        .iter()
        .flatten()
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max)
        + 1.0;
    let mut verdicts = Verdicts::default();
    let mut active: Vec<Candidate> = Vec::new();
    for (i, row_chunks) in chunks.iter().enumerate() {
        let free = free_intervals(row_chunks, left_edge, right_edge);
        let mut next: Vec<Candidate> = Vec::new();
        // Older bands first, so when the cap bites the longest runs survive.
        for cand in &active {
            let mut survived = false;
            // Free intervals are sorted by x: start at the first that can overlap.
            let from = free.partition_point(|f| f.x1 <= cand.x0);
            for f in free.iter().skip(from).take_while(|f| f.x0 < cand.x1) {
                let (x0, x1) = (cand.x0.max(f.x0), cand.x1.min(f.x1));
                if x1 - x0 >= measures.min_gutter && next.len() < MAX_ACTIVE {
                    let stats = cand.stats.add(f, i, measures.size);
                    let below_header = cand.stats.both_rows > 0;
                    let rest = if below_header { cand.rest.add(f, i, measures.size) } else { cand.rest };
                    next.push(Candidate {
                        x0,
                        x1,
                        first: cand.first,
                        stats,
                        rest,
                    });
                    survived = true;
                }
            }
            if !survived {
                judge(cand, i, rows, chunks, &measures, &mut verdicts);
            }
        }
        for f in &free {
            if next.len() >= MAX_ACTIVE {
                break;
            }
            let known = next.iter().any(|c| c.x0 == f.x0 && c.x1 == f.x1);
            if !known && f.x1 - f.x0 >= measures.min_gutter {
                let stats = SideStats::empty().add(f, i, measures.size);
                next.push(Candidate {
                    x0: f.x0,
                    x1: f.x1,
                    first: i,
                    stats,
                    rest: SideStats::empty(),
                });
            }
        }
        active = next;
    }
    for cand in &active {
        judge(cand, chunks.len(), rows, chunks, &measures, &mut verdicts);
    }
    Bands { gutters: verdicts.gutters, label_columns: verdicts.label_columns }
}

fn measure(rows: &[Row], chunks: &[Vec<Chunk>]) -> Option<Measures> {
    let x0 = chunks
        .iter()
        .flatten()
        .map(|c| c.x0)
        .fold(f32::INFINITY, f32::min);
    let x1 = chunks
        .iter()
        .flatten()
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let width = x1 - x0;
    if !(width.is_finite() && width > 0.0) {
        return None;
    }
    let size = median(rows.iter().map(|r| r.size).collect())?;
    Some(Measures {
        width,
        size,
        min_gutter: (0.5 * size).max(3.0),
        step: median(rows.windows(2).map(|w| w[1].base - w[0].base).filter(|d| *d > 0.0).collect()).unwrap_or(f32::INFINITY),
    })
}

fn median(mut values: Vec<f32>) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    let mid = values.len() / 2;
    Some(*values.select_nth_unstable_by(mid, f32::total_cmp).1)
}

/// The whitespace of one row between the page's text edges.
fn free_intervals(chunks: &[Chunk], left_edge: f32, right_edge: f32) -> Vec<Free> {
    let (Some(first), Some(last)) = (chunks.first(), chunks.last()) else {
        return Vec::new();
    };
    let (row_x0, row_x1) = (first.x0, last.x1.max(first.x1));
    let mut out = Vec::with_capacity(chunks.len() + 1);
    let mut push = |x0: f32, x1: f32, left_text: bool, right_text: bool| {
        if x1 > x0 {
            out.push(Free {
                x0,
                x1,
                left_text,
                right_text,
                row_x0,
                row_x1,
            });
        }
    };
    push(left_edge, first.x0, false, true);
    let mut reach = first.x1;
    for c in chunks.iter().skip(1) {
        push(reach, c.x0, true, true);
        reach = reach.max(c.x1);
    }
    push(reach, right_edge, true, false);
    out
}

/// Rows of a gutter needed at least, and rows with text on each side.
const MIN_RUN_ROWS: usize = 3;
const MIN_SIDE_ROWS: usize = 2;
/// Each side's widest text must be at least this many ems.
const MIN_SIDE_EMS: f32 = 3.0;
/// A side that never has rows of its own is a column when it has this many
/// rows and fills this share of the rows between its first and last one
/// (a sidebar on the main column's baseline grid), unlike sparse dates or
/// labels that start entries whose continuation lines have no partner.
const DENSE_SIDE_ROWS: usize = 4;
const DENSE_SIDE: f32 = 0.6;
/// Both sides must be this share of the text width when every row has both.
const WIDE_SIDE: f32 = 0.25;
/// Right-side pieces narrower than this share of the text width, all ending
/// at one x, are right-aligned annotations (dates, places).
const ANNOTATION_WIDTH: f32 = 0.35;
/// Text ends within this many ems of one x are flush (aligned).
const FLUSH_EMS: f32 = 0.5;
/// A narrow left side whose rows all but this share end flush at the band,
/// at least half of them beside a line of the other side, is a column of
/// right-aligned labels or dates beside their entries (a sidebar set flush
/// right keeps a baseline grid of its own).
const LABEL_FLUSH: f32 = 0.75;
/// An entry's first line lies more than this many line steps below the line
/// before it (entries are set apart), and a heading at most this many above
/// its entry's first line.
const ENTRY_GAP: f32 = 1.2;
const HEADING_GAP: f32 = 2.0;
/// Consecutive lines of one table lie at least this many ems apart.
const LINE_EMS: f32 = 1.0;
/// A leading one-sided row this much larger than the band's rows (a name,
/// not a section heading) is a header above the columns.
const HEADING_RATIO: f32 = 1.6;

/// Whether the right side of a band is short pieces all ending at one x
/// (right-aligned dates or places), not a column of text.
fn dates_right(s: &SideStats, m: &Measures) -> bool {
    s.right_end_max - s.right_end_min <= FLUSH_EMS * m.size && s.right_width_max < ANNOTATION_WIDTH * m.width
}

/// Whether a side with `count` rows between rows `span` is dense.
fn dense(count: usize, span: (usize, usize)) -> bool {
    let extent = span.1.saturating_sub(span.0).saturating_add(1);
    count >= DENSE_SIDE_ROWS && count as f32 >= DENSE_SIDE * extent as f32
}

/// Decide whether a finished band is a column gutter; rows `cand.first..end`.
fn judge(
    cand: &Candidate,
    end: usize,
    rows: &[Row],
    chunks: &[Vec<Chunk>],
    m: &Measures,
    verdicts: &mut Verdicts,
) {
    let s = &cand.stats;
    if verdicts.gutters.len() >= MAX_GUTTERS
        || s.rows < MIN_RUN_ROWS
        || s.left_rows < MIN_SIDE_ROWS
        || s.right_rows < MIN_SIDE_ROWS
        || end <= cand.first
    {
        return;
    }
    // A column of bullets or list numbers beside its text is no column.
    if s.left_width_max < MIN_SIDE_EMS * m.size || s.right_width_max < MIN_SIDE_EMS * m.size {
        return;
    }
    let left_only = s.left_rows - s.both_rows;
    let right_only = s.right_rows - s.both_rows;
    let right_aligned_short = dates_right(s, m);
    // Labels right-aligned against their entries (Europass, moderncv dates).
    let left_labels = s.left_width_max < ANNOTATION_WIDTH * m.width
        && s.left_flush as f32 >= LABEL_FLUSH * s.left_rows as f32
        && 2 * s.both_rows >= s.left_rows
        && s.left_start_max - s.left_start_min > FLUSH_EMS * m.size;
    let band = Gutter { x0: cand.x0, x1: cand.x1, first: cand.first, last: end - 1 };
    if right_aligned_short || left_labels {
        if verdicts.labels.len() < MAX_GUTTERS {
            verdicts.labels.push(band);
        }
        if left_labels && verdicts.label_columns.len() < MAX_GUTTERS {
            verdicts.label_columns.push(band);
        }
        return;
    }
    // A row of cells spread across the page by wide gaps (a contact row
    // whose icons extract as nothing) above right-aligned places and dates
    // lets the band that runs down the dates up through a gap between its
    // cells, and on through the one-sided rows above it (a centred name and
    // headline), but those rows are a header, not a column's first lines:
    // when the band's right side is such a date column below its first row
    // with text on both sides, it is that date column, read row by row.
    let r = &cand.rest;
    if r.right_rows >= MIN_SIDE_ROWS && r.left_rows >= MIN_SIDE_ROWS && dates_right(r, m) {
        if verdicts.labels.len() < MAX_GUTTERS {
            // Every row has text on some side, so the rest starts where either side does.
            let first = r.left_span.0.min(r.right_span.0).clamp(cand.first, end - 1);
            verdicts.labels.push(Gutter { x0: cand.x0, x1: cand.x1, first, last: end - 1 });
        }
        return;
    }
    // A shorter run of a band already found to be a label column is one too.
    if verdicts.labels.iter().any(|l| within(&band, l)) {
        return;
    }
    let is_gutter = if left_only > 0 && right_only > 0 {
        // Independent flows: each side has rows the other has not, and
        // one side's lines line up along the band (a column edge; a band
        // inside a column, where one line is set flush right, has none).
        s.rows > MIN_RUN_ROWS && (s.left_flush >= MIN_SIDE_ROWS || s.right_flush >= MIN_SIDE_ROWS)
    } else if left_only >= MIN_SIDE_ROWS {
        dense(s.right_rows, s.right_span)
    } else if right_only >= MIN_SIDE_ROWS {
        dense(s.left_rows, s.left_span)
    } else {
        s.left_width_max >= WIDE_SIDE * m.width && s.right_width_max >= WIDE_SIDE * m.width
    };
    if !is_gutter {
        return;
    }
    // A narrow left side of dates and headings, of any alignment, each
    // starting an entry (Typst timelines) or labelling the rows of a table,
    // is a label column, as above.
    if labels_entries(&band, rows, chunks, m) {
        if verdicts.labels.len() < MAX_GUTTERS && verdicts.label_columns.len() < MAX_GUTTERS {
            verdicts.labels.push(band);
            verdicts.label_columns.push(band);
        }
        return;
    }
    let mut first = cand.first;
    let last = end - 1;
    let band_size = median(rows[first..=last].iter().map(|r| r.size).collect()).unwrap_or(m.size);
    // A large one-sided first row (a name above a sidebar) is a header.
    while first < last
        && rows[first].size >= HEADING_RATIO * band_size
        && !has_both_sides(
            chunks.get(first).map_or(&[], |c| c.as_slice()),
            cand.x0,
            cand.x1,
        )
    {
        first += 1;
    }
    let covered = verdicts.gutters.iter().any(|g| within(&Gutter { first, ..band }, g));
    if !covered {
        verdicts.gutters.push(Gutter {
            x0: cand.x0,
            x1: cand.x1,
            first,
            last,
        });
    }
}

/// Whether the band's narrow left side labels the entries on its right, so
/// that the two are one table read row by row. Every left row shares its row
/// with a right-side line or sits alone just above such a row (a section
/// heading), and either every left row starts an entry (no right-side line
/// just before it, at the page's line step: a timeline's dates beside
/// entries set apart), or every block of right-side lines (lines at the
/// line step) starts beside a left row or under a heading, in at least two
/// blocks (label/value and date/entry rows set at the line step, a value
/// that wraps continuing below its label's row). A sidebar's lines follow
/// each other at the line step beside the main column's running text, whose
/// paragraphs start wherever they start, so it does neither. Left rows
/// above the first right-side line or below the last are read before or
/// after the right side either way: only the heading just above the first
/// entry counts, and only the rows beside the right side must be narrow.
fn labels_entries(band: &Gutter, rows: &[Row], chunks: &[Vec<Chunk>], m: &Measures) -> bool {
    let row = |i: usize| chunks.get(i).map_or(&[][..], |c| c.as_slice());
    let sides = |i: usize| {
        (
            row(i).iter().any(|c| c.x1 <= band.x0 + 0.5),
            row(i).iter().any(|c| c.x0 >= band.x1 - 0.5),
        )
    };
    let base = |i: usize| rows.get(i).map_or(f32::NAN, |r| r.base);
    let Some(first) = (band.first..=band.last).find(|&i| sides(i).1) else { return false };
    let Some(last) = (first..=band.last).rev().find(|&i| sides(i).1) else { return false };
    let first = if first > band.first { first - 1 } else { first };
    let (mut entries, mut blocks) = (0usize, 0usize);
    let (mut every_entry_starts, mut headings_above_entries, mut every_block_labelled) = (true, true, true);
    // A heading was seen and no left row beside a right-side line since.
    let mut awaiting_label = false;
    let mut left_width = 0.0f32;
    let mut previous: Option<(usize, bool, bool)> = None;
    for i in first..=last {
        let (left, right) = sides(i);
        // Rows of one table are lines of one grid, never closer than a
        // line's height; columns each with a leading of its own interleave.
        if let Some((p, _, _)) = previous {
            let size = rows.get(i).map_or(0.0, |r| r.size).min(rows.get(p).map_or(0.0, |r| r.size));
            if (left || right) && base(i) - base(p) < LINE_EMS * size {
                every_block_labelled = false;
            }
        }
        let under_heading = matches!(previous, Some((_, true, false)));
        let starts = match previous {
            None => true,
            Some((p, _, _)) => under_heading || base(i) - base(p) > ENTRY_GAP * m.step,
        };
        if left && right {
            let mut cells = row(i).iter().filter(|c| c.x1 <= band.x0 + 0.5);
            if let Some(cell) = cells.next() {
                let x1 = cells.fold(cell.x1, |x1, c| x1.max(c.x1));
                left_width = left_width.max(x1 - cell.x0);
            }
            every_entry_starts &= starts;
            entries += 1;
            blocks += usize::from(starts);
            awaiting_label = false;
        } else if left {
            // A heading: the next row has a line of the right side, just
            // below, and the next left row labels a line of the right side.
            let next = i + 1;
            if next > last || !sides(next).1 || base(next) - base(i) > HEADING_GAP * m.step {
                return false;
            }
            headings_above_entries &= sides(next).0;
            every_block_labelled &= !awaiting_label;
            awaiting_label = true;
        } else if right && starts {
            // A block's first line under a heading is labelled by it (an
            // employer above its dated positions); any other is not.
            every_block_labelled &= under_heading;
            blocks += usize::from(under_heading);
        }
        if left || right {
            previous = Some((i, left, right));
        }
    }
    left_width < ANNOTATION_WIDTH * m.width
        && entries >= MIN_SIDE_ROWS
        && ((every_entry_starts && headings_above_entries) || (every_block_labelled && blocks >= MIN_SIDE_ROWS))
}

/// Whether band `a` lies in the rows of `b` and overlaps it in x.
fn within(a: &Gutter, b: &Gutter) -> bool {
    b.first <= a.first && a.last <= b.last && b.x0 < a.x1 && a.x0 < b.x1
}

/// Whether a row has text left of `x0` and right of `x1`.
fn has_both_sides(row: &[Chunk], x0: f32, x1: f32) -> bool {
    row.iter().any(|c| c.x1 <= x0) && row.iter().any(|c| c.x0 >= x1)
}

/// A run of chunks of one row that is read as one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Segment {
    pub row: usize,
    pub first: usize,
    pub end: usize,
    pub column: u16,
    x0: f32,
    /// Starts right of a label column's band: a line of its own.
    after_label: bool,
}

/// Put the rows' chunks into reading order.
///
/// Rows are cut at the gutters covering them; then the pieces are ordered
/// by recursive XY-cut over the gutters, longest first: what lies above
/// the gutter's rows, then its left side, then its right side, then what
/// lies below, each part ordered the same way with the remaining gutters.
/// A sidebar is thus read whole before the main column, a two-column band
/// between full-width blocks stays between them, and a column nested in
/// one side (a two-column skills list in the main column) is resolved
/// inside that side only. Rows are also cut where another drawing flow
/// starts; `leaf` orders the pieces of a part without gutters, and pieces
/// of one row it leaves side by side are joined again. Label columns cut
/// rows into lines too, but are no gutters: labels are read row by row.
pub(super) fn reading_order(
    chunks: &[Vec<Chunk>],
    bands: &Bands,
    leaf: &dyn Fn(Vec<Segment>) -> Vec<Segment>,
) -> Vec<Segment> {
    let segments = cut_rows(chunks, &bands.gutters, &bands.label_columns);
    let mut sorted = bands.gutters.to_vec();
    // Longest first; ties: topmost, then leftmost.
    crate::sort::sort_by(&mut sorted, |a, b| {
        (b.last - b.first)
            .cmp(&(a.last - a.first))
            .then(a.first.cmp(&b.first))
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut out = Vec::with_capacity(segments.len());
    xy_cut(segments, &sorted, leaf, &mut out);
    rejoin(out)
}

/// Join consecutive segments that are neighbouring pieces of one row.
fn rejoin(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for s in segments {
        match out.last_mut() {
            Some(last)
                if last.row == s.row && last.end == s.first && last.column == s.column && !s.after_label =>
            {
                last.end = s.end;
            }
            _ => out.push(s),
        }
    }
    out
}

/// Cut every row at the gutters covering it; a piece's column is the number
/// of distinct gutters covering its row that lie to its left.
fn cut_rows(chunks: &[Vec<Chunk>], gutters: &[Gutter], labels: &[Gutter]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let covering = |bands: &[Gutter], row: usize| -> Vec<Gutter> {
        bands.iter().filter(|g| g.first <= row && row <= g.last).copied().collect()
    };
    let spans = |bands: &[Gutter], reach: f32, next: &Chunk| {
        bands.iter().any(|g| reach <= g.x0 + 0.5 && next.x0 >= g.x1 - 0.5)
    };
    for (row, row_chunks) in chunks.iter().enumerate() {
        let cuts = covering(gutters, row);
        let label_cuts = covering(labels, row);
        let dividers = dividers(&cuts.iter().collect::<Vec<_>>());
        let mut first = 0usize;
        let mut reach = f32::NEG_INFINITY;
        let mut after_label = false;
        for (j, chunk) in row_chunks.iter().enumerate() {
            reach = reach.max(chunk.x1);
            let next = row_chunks.get(j + 1);
            let label_after = next.is_some_and(|next| spans(&label_cuts, reach, next));
            let cut_after = label_after || next.is_some_and(|next| next.flow_start || spans(&cuts, reach, next));
            if cut_after || j + 1 == row_chunks.len() {
                let x0 = row_chunks.get(first).map_or(chunk.x0, |c| c.x0);
                let column = dividers.iter().filter(|&&d| d <= x0).count();
                let column = u16::try_from(column).unwrap_or(u16::MAX);
                segments.push(Segment {
                    row,
                    first,
                    end: j + 1,
                    column,
                    x0,
                    after_label,
                });
                first = j + 1;
                reach = f32::NEG_INFINITY;
                after_label = label_after;
            }
        }
    }
    segments
}

/// Gutters overlapping in x count as one divider (at their common middle).
fn dividers(gutters: &[&Gutter]) -> Vec<f32> {
    let mut spans: Vec<(f32, f32)> = gutters.iter().map(|g| (g.x0, g.x1)).collect();
    crate::sort::sort_by(&mut spans, |a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match merged.last_mut() {
            Some(last) if x0 <= last.1 => {
                last.0 = last.0.max(x0);
                last.1 = last.1.min(x1).max(last.0);
            }
            _ => merged.push((x0, x1)),
        }
    }
    merged.into_iter().map(|(a, b)| 0.5 * (a + b)).collect()
}

/// Order `items` by the first gutter (longest) that lies within them, then
/// recurse; each part only sees the gutters inside it, so the recursion is
/// at most as deep as there are gutters and visits every piece once per level.
fn xy_cut(
    items: Vec<Segment>,
    gutters: &[Gutter],
    leaf: &dyn Fn(Vec<Segment>) -> Vec<Segment>,
    out: &mut Vec<Segment>,
) {
    let (Some(top), Some(bottom)) = (
        items.iter().map(|s| s.row).min(),
        items.iter().map(|s| s.row).max(),
    ) else {
        return;
    };
    let Some(cut) = gutters
        .iter()
        .find(|g| g.first <= bottom && top <= g.last)
        .copied()
    else {
        out.extend(leaf(items));
        return;
    };
    let (mut above, mut left, mut right, mut below) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for s in items {
        if s.row < cut.first {
            above.push(s);
        } else if s.row > cut.last {
            below.push(s);
        } else if s.x0 < cut.x0 {
            left.push(s);
        } else {
            right.push(s);
        }
    }
    let inside = |keep: &dyn Fn(&Gutter) -> bool| -> Vec<Gutter> {
        gutters
            .iter()
            .filter(|g| **g != cut && keep(g))
            .copied()
            .collect()
    };
    xy_cut(above, &inside(&|g| g.first < cut.first), leaf, out);
    xy_cut(
        left,
        &inside(&|g| g.x1 <= cut.x0 && g.first <= cut.last && cut.first <= g.last),
        leaf,
        out,
    );
    xy_cut(
        right,
        &inside(&|g| g.x0 >= cut.x1 && g.first <= cut.last && cut.first <= g.last),
        leaf,
        out,
    );
    xy_cut(below, &inside(&|g| g.last > cut.last), leaf, out);
}
