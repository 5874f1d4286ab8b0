//! Light text on large dark areas (a sidebar or column in white on navy, a tall name banner)
//! turned dark on light before recognition: tesseract's page layout takes such an area for a
//! picture and reads its text badly or not at all (a whole column came back as noise). Thin
//! heading bars are left alone: the engine inverts single lines it reads poorly by itself, and
//! there the letters nearly touch the bar's edges, where an inverted copy does more harm.
//!
//! The page is cut into small cells (1/32 inch); a cell is dark when most of the pixels in the
//! window around it are. Connected dark cells that make a solid area, at least half an inch each
//! way, three inches one way (longer than a portrait photograph, which inverted reads as noise)
//! and mostly filled, are a band; small light holes inside one (the inside of a large white
//! letter) go with it. A band's pixels are inverted and stretched so that its colour becomes
//! white: its text is then dark on paper and the page keeps its size, so boxes read from the new
//! image point into the old one. At a band's rim only the band itself (closed over its letters)
//! is inverted, so its edge stays where it was rather than on the cell grid. Bold headings in
//! black ink stay as they are: their strokes are thin next to the window.
//!
//! Native only, like the stroke widths: the wasm module has no room left for it under its size
//! budget, so the page (tesseract.js) reads its page images as they are.

use crate::limits::{Budget, Limits};

use super::page_image::PageImage;
use super::raster::{decode, Raster};

/// Cells per inch: an edge of a band is placed to within this.
const CELLS_PER_INCH: f32 = 32.0;
/// The window a cell's darkness is read over, in cells each way from it (about 1/6 inch across).
const REACH: usize = 2;
/// A pixel darker than this (0–255) is dark.
const DARK: u32 = 128;
/// A band is at least this wide and tall, in inches: thinner bars are the engine's to read.
const MIN_SIDE_INCHES: f32 = 0.5;
/// A band runs at least this far one way, in inches (a sidebar down the page, a banner across
/// it): a portrait is dark too, and inverted it read as noise words joined to the name beside it.
const MIN_LONG_INCHES: f32 = 3.0;
/// A band fills at least this share of its bounding box: bands are solid, text is not.
const MIN_FILL: f32 = 0.6;
/// Light letters at most twice this wide (inches) close into the band at its rim.
const CLOSE_INCHES: f32 = 0.03;
/// A light hole inside a band that is at most this wide and tall (inches) is part of the band.
const MAX_HOLE_INCHES: f32 = 0.4;

/// Invert the dark bands of `raster` (at `dpi`); whether there were any.
pub fn lighten_dark_bands(raster: &mut Raster, dpi: f32) -> bool {
    if raster.width == 0 || raster.height == 0 {
        return false;
    }
    let dpi = if dpi.is_finite() { dpi.clamp(50.0, 1200.0) } else { 300.0 };
    let cell = ((dpi / CELLS_PER_INCH).round() as usize).max(1);
    let grid = Grid::new(raster, cell);
    if grid.cols == 0 || grid.rows == 0 {
        return false;
    }
    let dark = grid.dark_windows();
    let min_side = ((MIN_SIDE_INCHES * dpi) as usize).div_ceil(cell).max(1);
    let min_long = ((MIN_LONG_INCHES * dpi) as usize).div_ceil(cell).max(1);
    let max_hole = ((MAX_HOLE_INCHES * dpi) as usize / cell).max(1);
    let mut band = vec![false; dark.len()];
    for part in components(&dark, grid.cols, grid.rows, true) {
        let solid = part.cells.len() as f32 >= MIN_FILL * part.area() as f32;
        if part.width().min(part.height()) >= min_side && part.width().max(part.height()) >= min_long && solid {
            for &i in &part.cells {
                band[i] = true;
            }
        }
    }
    if !band.iter().any(|&b| b) {
        return false;
    }
    // Light parts that do not reach the page's edge, small enough to be letters, join the band.
    for hole in components(&band, grid.cols, grid.rows, false) {
        if !hole.touches_edge(grid.cols, grid.rows) && hole.width() <= max_hole && hole.height() <= max_hole {
            for &i in &hole.cells {
                band[i] = true;
            }
        }
    }
    grid.invert(raster, &band, ((CLOSE_INCHES * dpi) as usize).max(1));
    true
}

/// The image to hand the engine for `image`: a PNG with its dark bands inverted, or `None` when
/// it has none (or cannot be decoded), and the image is read as it is.
pub fn for_engine(image: &PageImage, limits: &Limits) -> Option<PageImage> {
    let mut raster = decode(&image.bytes, &mut Budget::new(limits)).ok()?;
    if !lighten_dark_bands(&mut raster, image.dpi) {
        return None;
    }
    let bytes = raster.to_png().ok()?;
    Some(PageImage { page: image.page, width: raster.width, height: raster.height, dpi: image.dpi, mime_type: "image/png", bytes })
}

/// The page cut into square cells of `cell` pixels, with the dark pixels each holds.
struct Grid {
    cell: usize,
    cols: usize,
    rows: usize,
    /// Dark pixels and all pixels per cell, row by row.
    dark: Vec<u32>,
    total: Vec<u32>,
}

impl Grid {
    fn new(raster: &Raster, cell: usize) -> Self {
        let (width, height, ch) = (raster.width as usize, raster.height as usize, usize::from(raster.channels.max(1)));
        let (cols, rows) = (width.div_ceil(cell), height.div_ceil(cell));
        let mut grid = Grid { cell, cols, rows, dark: vec![0; cols * rows], total: vec![0; cols * rows] };
        for (y, row) in raster.data.chunks_exact(width * ch).take(height).enumerate() {
            let base = (y / cell) * cols;
            for (x, px) in row.chunks_exact(ch).enumerate() {
                let i = base + x / cell;
                if let (Some(d), Some(t)) = (grid.dark.get_mut(i), grid.total.get_mut(i)) {
                    *d += u32::from(level(px) < DARK);
                    *t += 1;
                }
            }
        }
        grid
    }

    /// Per cell: whether most pixels of the window around it are dark.
    fn dark_windows(&self) -> Vec<bool> {
        // Sums over rectangles of cells from two summed-area tables.
        let (w, h) = (self.cols + 1, self.rows + 1);
        let mut sums = [vec![0u64; w * h], vec![0u64; w * h]];
        for (table, values) in sums.iter_mut().zip([&self.dark, &self.total]) {
            for r in 0..self.rows {
                let mut run = 0u64;
                for c in 0..self.cols {
                    run += u64::from(values.get(r * self.cols + c).copied().unwrap_or(0));
                    let above = table.get(r * w + c + 1).copied().unwrap_or(0);
                    if let Some(v) = table.get_mut((r + 1) * w + c + 1) {
                        *v = above + run;
                    }
                }
            }
        }
        let area = |t: &[u64], r0: usize, c0: usize, r1: usize, c1: usize| {
            let at = |r: usize, c: usize| t.get(r * w + c).copied().unwrap_or(0);
            (at(r1, c1) + at(r0, c0)).saturating_sub(at(r0, c1) + at(r1, c0))
        };
        let mut out = vec![false; self.cols * self.rows];
        for r in 0..self.rows {
            let (r0, r1) = (r.saturating_sub(REACH), (r + REACH + 1).min(self.rows));
            for c in 0..self.cols {
                let (c0, c1) = (c.saturating_sub(REACH), (c + REACH + 1).min(self.cols));
                let dark = area(&sums[0], r0, c0, r1, c1);
                let total = area(&sums[1], r0, c0, r1, c1);
                if let Some(o) = out.get_mut(r * self.cols + c) {
                    *o = 2 * dark > total;
                }
            }
        }
        out
    }

    /// Invert the band's pixels: all of a cell deep inside it, and at its rim (cells within one
    /// of its edge) only the pixels of the band closed over its light letters ([`closed_dark`]),
    /// so its edge falls where the page's does, not on the cell grid: paper inverted there would
    /// draw black bars along the letters.
    fn invert(&self, raster: &mut Raster, band: &[bool], reach: usize) {
        let (width, height, ch) = (raster.width as usize, raster.height as usize, usize::from(raster.channels.max(1)));
        let mark = |c: isize, r: isize| {
            c >= 0 && r >= 0 && (c as usize) < self.cols && band.get(r as usize * self.cols + c as usize).copied().unwrap_or(false)
        };
        let around = |i: usize| {
            let (c, r) = ((i % self.cols) as isize, (i / self.cols) as isize);
            let marks = (-1..=1).flat_map(|dr| (-1..=1).map(move |dc| (dc, dr))).map(|(dc, dr)| mark(c + dc, r + dr));
            marks.fold((true, false), |(all, any), m| (all && m, any || m))
        };
        let kinds: Vec<(bool, bool)> = (0..band.len()).map(around).collect();
        let closed = closed_dark(raster, reach);
        let paper = self.inverted_paper(raster, &kinds);
        for (y, row) in raster.data.chunks_exact_mut(width * ch).take(height).enumerate() {
            let base = (y / self.cell) * self.cols;
            for (x, px) in row.chunks_exact_mut(ch).enumerate() {
                let (inside, near) = kinds.get(base + x / self.cell).copied().unwrap_or((false, false));
                if inside || (near && closed.get(y * width + x).copied().unwrap_or(false)) {
                    for v in px {
                        *v = ((255 - u32::from(*v)) * 255 / paper).min(255) as u8;
                    }
                }
            }
        }
    }

    /// The level the band's own colour takes once inverted (its dark pixels deep inside, on
    /// average), which is stretched to white: a band then reads as paper, not as a gray panel
    /// whose edges the engine takes for the borders of separate blocks.
    fn inverted_paper(&self, raster: &Raster, kinds: &[(bool, bool)]) -> u32 {
        let (width, ch) = (raster.width as usize, usize::from(raster.channels.max(1)));
        let (mut sum, mut count) = (0u64, 0u64);
        for (y, row) in raster.data.chunks_exact(width * ch).enumerate() {
            let base = (y / self.cell) * self.cols;
            for (x, px) in row.chunks_exact(ch).enumerate() {
                let level = level(px);
                if level < DARK && kinds.get(base + x / self.cell).is_some_and(|k| k.0) {
                    sum += u64::from(level);
                    count += 1;
                }
            }
        }
        let band = sum.checked_div(count).unwrap_or(0) as u32;
        (255 - band.min(DARK)).max(1)
    }
}

/// Per pixel: dark, or in a light gap no wider than `2 × reach` between dark pixels across and
/// down (a closing: dilated, then eroded, by a square); straight edges of dark areas stay put.
fn closed_dark(raster: &Raster, reach: usize) -> Vec<bool> {
    let (width, height, ch) = (raster.width as usize, raster.height as usize, usize::from(raster.channels.max(1)));
    let mut marks = vec![false; width * height];
    for (row, out) in raster.data.chunks_exact(width * ch).zip(marks.chunks_exact_mut(width)) {
        for (px, o) in row.chunks_exact(ch).zip(out.iter_mut()) {
            *o = level(px) < DARK;
        }
    }
    for any in [true, false] {
        marks = window_pass(&marks, width, height, reach, true, any);
        marks = window_pass(&marks, width, height, reach, false, any);
    }
    marks
}

/// One pass of a running window of `reach` each way along rows (`across`) or columns: set
/// where any (`any`) or all of the window (cut to the image) is set.
fn window_pass(marks: &[bool], width: usize, height: usize, reach: usize, across: bool, any: bool) -> Vec<bool> {
    let (lines, len) = if across { (height, width) } else { (width, height) };
    let at = |line: usize, i: usize| if across { line * width + i } else { i * width + line };
    let mut out = vec![false; marks.len()];
    let mut sums = vec![0usize; len + 1];
    for line in 0..lines {
        for i in 0..len {
            sums[i + 1] = sums[i] + usize::from(marks.get(at(line, i)).copied().unwrap_or(false));
        }
        for i in 0..len {
            let (lo, hi) = (i.saturating_sub(reach), (i + reach + 1).min(len));
            let set = sums[hi] - sums[lo];
            if let Some(o) = out.get_mut(at(line, i)) {
                *o = if any { set > 0 } else { set == hi - lo };
            }
        }
    }
    out
}

/// A pixel's gray level.
fn level(px: &[u8]) -> u32 {
    match px {
        [r, g, b] => (77 * u32::from(*r) + 150 * u32::from(*g) + 29 * u32::from(*b)) >> 8,
        [v, ..] => u32::from(*v),
        [] => 255,
    }
}

/// Connected cells (4-neighbours) and their bounding box in cells.
struct Component {
    cells: Vec<usize>,
    col0: usize,
    row0: usize,
    col1: usize,
    row1: usize,
}

impl Component {
    fn width(&self) -> usize {
        self.col1 + 1 - self.col0
    }
    fn height(&self) -> usize {
        self.row1 + 1 - self.row0
    }
    fn area(&self) -> usize {
        self.width() * self.height()
    }
    fn touches_edge(&self, cols: usize, rows: usize) -> bool {
        self.col0 == 0 || self.row0 == 0 || self.col1 + 1 == cols || self.row1 + 1 == rows
    }
}

/// The connected runs of cells whose mark is `value`.
fn components(marks: &[bool], cols: usize, rows: usize, value: bool) -> Vec<Component> {
    let mut seen = vec![false; marks.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..marks.len().min(cols * rows) {
        if seen[start] || marks[start] != value {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut part = Component { cells: Vec::new(), col0: cols, row0: rows, col1: 0, row1: 0 };
        while let Some(i) = stack.pop() {
            let (r, c) = (i / cols, i % cols);
            part.cells.push(i);
            (part.col0, part.col1, part.row0, part.row1) = (part.col0.min(c), part.col1.max(c), part.row0.min(r), part.row1.max(r));
            let neighbours = [
                (c > 0).then(|| i - 1),
                (c + 1 < cols).then(|| i + 1),
                (r > 0).then(|| i - cols),
                (r + 1 < rows).then(|| i + cols),
            ];
            for n in neighbours.into_iter().flatten() {
                if !seen[n] && marks[n] == value {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white gray page of `w`×`h` pixels.
    fn page(w: u32, h: u32) -> Raster {
        Raster { width: w, height: h, channels: 1, data: vec![255; (w * h) as usize] }
    }

    fn paint(r: &mut Raster, x0: u32, y0: u32, x1: u32, y1: u32, v: u8) {
        r.fill(super::super::raster::PixelBox { x0, y0, x1, y1 }, v);
    }

    fn at(r: &Raster, x: u32, y: u32) -> u8 {
        r.data[(y * r.width + x) as usize]
    }

    #[test]
    fn white_text_on_a_dark_band_becomes_dark_on_light() {
        // At 100 dpi: a dark band 1 inch tall across the page, a white "stroke" inside it, and
        // black text strokes on the paper below.
        let mut r = page(400, 400);
        paint(&mut r, 0, 50, 400, 150, 20);
        paint(&mut r, 100, 90, 104, 110, 250);
        paint(&mut r, 100, 250, 104, 270, 0);
        assert!(lighten_dark_bands(&mut r, 100.0));
        assert_eq!(at(&r, 200, 60), 255, "the band is paper");
        assert_eq!(at(&r, 102, 100), 5, "its text is dark");
        let mut rims = (40..160).flat_map(|y| (0..400).map(move |x| (x, y))).filter(|&(x, _)| !(100..104).contains(&x));
        assert!(rims.all(|(x, y)| at(&r, x, y) == 255), "no dark line along the band's edges");
        assert_eq!(at(&r, 102, 260), 0, "the paper's text is untouched");
        assert_eq!(at(&r, 200, 260), 255);
        assert_eq!(at(&r, 200, 20), 255, "paper above the band stays light");
    }

    #[test]
    fn a_large_white_letter_inside_a_band_is_inverted_whole() {
        let mut r = page(400, 400);
        paint(&mut r, 0, 0, 200, 400, 30);
        // A thick white stroke, wider than the window around a cell.
        paint(&mut r, 65, 135, 95, 165, 255);
        assert!(lighten_dark_bands(&mut r, 100.0));
        assert_eq!(at(&r, 80, 150), 0, "the middle of the white stroke turns dark too");
        assert_eq!(at(&r, 150, 300), 255);
        assert_eq!(at(&r, 300, 300), 255);
    }

    /// Whether a white 4-inch page (at 100 dpi) with `boxes` (x0, y0, x1, y1, level) painted
    /// in order comes out of [`lighten_dark_bands`] untouched.
    fn left_alone(boxes: &[(u32, u32, u32, u32, u8)]) -> bool {
        let mut r = page(400, 400);
        for &(x0, y0, x1, y1, v) in boxes {
            paint(&mut r, x0, y0, x1, y1, v);
        }
        let before = r.clone();
        !lighten_dark_bands(&mut r, 100.0) && r == before
    }

    #[test]
    fn text_rules_thin_bars_and_photographs_are_not_bands() {
        // A heavy heading (thick strokes with light gaps) and a thin rule.
        let heading: Vec<_> = (0..8).map(|i| (40 + 30 * i, 40, 52 + 30 * i, 80, 0)).chain([(20, 120, 380, 124, 0)]).collect();
        assert!(left_alone(&heading));
        // A bar a quarter inch tall with a white letter: the engine inverts such lines itself.
        assert!(left_alone(&[(0, 100, 400, 125, 60), (40, 105, 44, 120, 255)]));
        // A dark picture an inch and a half by two, as a CV's portrait is.
        assert!(left_alone(&[(50, 50, 200, 250, 25), (100, 100, 140, 160, 200)]));
        // The same bar, but as tall as a sidebar is wide, is a band.
        assert!(!left_alone(&[(0, 100, 400, 200, 60), (40, 105, 44, 120, 255)]));
    }

    #[test]
    fn colour_pages_are_inverted_in_every_channel() {
        let mut r = Raster { width: 400, height: 100, channels: 3, data: vec![255; 120_000] };
        for px in r.data.chunks_exact_mut(3).take(400 * 60) {
            px.copy_from_slice(&[10, 30, 80]);
        }
        assert!(lighten_dark_bands(&mut r, 100.0));
        assert_eq!(&r.data[..3], &[255, 253, 197]);
        assert_eq!(&r.data[120_000 - 3..], &[255, 255, 255]);
    }

    #[test]
    fn empty_and_odd_rasters_do_not_panic() {
        let mut r = Raster { width: 0, height: 0, channels: 1, data: Vec::new() };
        assert!(!lighten_dark_bands(&mut r, f32::NAN));
        let mut short = Raster { width: 50, height: 50, channels: 3, data: vec![0; 10] };
        assert!(!lighten_dark_bands(&mut short, 300.0));
    }
}
