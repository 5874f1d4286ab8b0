//! OCR words → lines: noise dropped, skew undone, boxes that overreach into the next line
//! trimmed, words grouped on a shared baseline.
//!
//! The engines report each word's box, not where its baseline is: a word with descenders
//! ("typing") reaches lower than one without ("name"), and capitals reach higher. The PDF
//! layout stage groups glyphs by baseline, so this step finds each line's words first (by
//! vertical overlap, after undoing the page's skew) and gives them one baseline and one size.
//! Coordinates stay in pixels here.

pub mod size;

use size::line_size;
use super::types::OcrWord;

/// Below this confidence a word with fewer than two letters or digits is noise (specks, the
/// edge of a table rule, a fold); real short words ("a", "&", "5") come back more confident.
const NOISE_CONFIDENCE: f32 = 20.0;
/// Below this confidence a word with no letter or digit at all (rules read as "—", "|", "~") is
/// noise; punctuation read confidently (a bullet, a dash in a date range) is kept.
const SYMBOL_CONFIDENCE: f32 = 50.0;
/// Skew smaller than this (radians, ~0.1°) is left alone.
const MIN_SKEW: f32 = 0.002;
/// Skew larger than this (~10°) is not a scanned page's tilt; nothing is undone.
const MAX_SKEW: f32 = 0.18;
/// A word joins a line when their vertical centres are within this share of the taller one.
const SAME_LINE: f32 = 0.45;
/// Words of one line overlapping horizontally by more than this share of the narrower are on
/// different lines (a tight line spacing where centres come close).
const MAX_OVERLAP: f32 = 0.3;
/// Words of a line this many heights apart or closer are beside a word: they, not the rest of
/// a row that may run on into another column, tell where its line is.
const NEAR: f32 = 2.0;
/// A word's font size as a multiple of its height when its letters' shapes are not known
/// (ascender to descender is close to one em; most words have only one of the two).
pub const SIZE_PER_HEIGHT: f32 = 1.25;

/// A word kept for layout, in deskewed pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWord {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    pub confidence: f32,
    /// [`OcrWord::stroke`], and whether [`super::weight`] found it bold against the page.
    pub stroke: Option<f32>,
    pub bold: bool,
    /// Indices of the engine's words in its page's `words` this word was read from (more than
    /// one when repair joined neighbours): the boxes, in the page image's own pixels, a scan
    /// redactor paints.
    pub sources: Vec<usize>,
}

impl PlacedWord {
    fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    fn centre(&self) -> f32 {
        0.5 * (self.y0 + self.y1)
    }
}

/// One line of words, left to right, with its baseline and font size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub words: Vec<PlacedWord>,
    pub baseline: f32,
    pub size: f32,
}

/// Whether OCR's word is noise rather than text.
pub fn is_noise(text: &str, confidence: f32) -> bool {
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    (alnum < 2 && confidence < NOISE_CONFIDENCE) || (alnum == 0 && confidence < SYMBOL_CONFIDENCE)
}

/// Only dashes: what the engine reads a hyphen, an en or an em dash as ("-", "—-", "——").
pub fn is_dash_text(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '-' | '–' | '—' | '~'))
}

/// The words worth reading, with finite, ordered boxes clamped to the page; engine order kept.
pub fn clean_words(words: &[OcrWord], width: f32, height: f32) -> Vec<PlacedWord> {
    let clamp = |v: f32, max: f32| if v.is_finite() { v.clamp(0.0, max) } else { 0.0 };
    words
        .iter()
        .enumerate()
        .filter_map(|(source, w)| {
            let text = w.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let confidence = if w.confidence.is_finite() { w.confidence.clamp(0.0, 100.0) } else { 0.0 };
            // One unsure glyph, or an unsure run of dashes, waits for its line: it may be a
            // bullet or a dash between words ([`super::repair`]).
            let mark = (text.chars().count() == 1 || is_dash_text(&text)) && confidence >= NOISE_CONFIDENCE;
            if text.is_empty() || (is_noise(&text, confidence) && !mark) {
                return None;
            }
            let (a, b) = (clamp(w.bbox.x0, width), clamp(w.bbox.x1, width));
            let (c, d) = (clamp(w.bbox.y0, height), clamp(w.bbox.y1, height));
            let word = PlacedWord { text, x0: a.min(b), x1: a.max(b), y0: c.min(d), y1: c.max(d), confidence, stroke: w.stroke, bold: false, sources: vec![source] };
            (word.x1 > word.x0 && word.y1 > word.y0).then_some(word)
        })
        .collect()
}

/// The page's skew as a slope (dy per dx), from neighbouring words of one line in the engine's
/// order: the median over all such pairs, or 0 when too few say anything.
pub fn skew_slope(words: &[PlacedWord]) -> f32 {
    let mut slopes: Vec<f32> = words
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let h = a.height().max(b.height());
            let gap = b.x0 - a.x1;
            let same_line = gap > -0.2 * h && gap < 3.0 * h && (b.centre() - a.centre()).abs() < 0.7 * h;
            let dx = 0.5 * ((b.x0 + b.x1) - (a.x0 + a.x1));
            // The bottoms of two words are a better guide than their centres only when neither
            // descends; centres are steadier across mixed words.
            (same_line && dx > h).then(|| (b.centre() - a.centre()) / dx)
        })
        .collect();
    if slopes.len() < 5 {
        return 0.0;
    }
    slopes.sort_by(f32::total_cmp);
    let slope = slopes[slopes.len() / 2];
    if slope.abs() < MIN_SKEW || slope.abs() > MAX_SKEW {
        0.0
    } else {
        slope
    }
}

/// Undo a skew of `slope` by shearing each word's box vertically about the page's left edge.
pub fn deskew(words: &mut [PlacedWord], slope: f32) {
    if slope == 0.0 {
        return;
    }
    for w in words {
        let shift = slope * 0.5 * (w.x0 + w.x1);
        w.y0 -= shift;
        w.y1 -= shift;
    }
}

/// A word whose box reaches this many times as tall as a neighbour it is read beside overreaches.
const OVERREACH: f32 = 1.6;

/// Boxes that overreach into the next (or last) line cut back to their neighbours' line.
///
/// A word the engine reads unsure (a smudge under it, an underline, a descender of the line
/// below taken in) can come back with a box two lines tall while its engine neighbours on the
/// same line keep theirs. Centred between two lines, it drew the next line's words into its own
/// row and broke that line in two. Only a neighbour beside it in the engine's order (its line
/// mate) whose top (or bottom) it shares decides, so a large heading beside small text, whose
/// edges differ at both ends, keeps its box.
pub fn trim_overreach(words: &mut [PlacedWord]) {
    for i in 0..words.len() {
        let w = &words[i];
        let beside = |n: &PlacedWord| {
            let gap = (w.x0 - n.x1).max(n.x0 - w.x1);
            gap > -0.3 * n.height() && gap <= NEAR * n.height() && OVERREACH * n.height() < w.height()
        };
        let mates = [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|j| words.get(j)).filter(|n| beside(n));
        let (mut bottom, mut top): (Option<f32>, Option<f32>) = (None, None);
        for n in mates {
            let reach = 0.5 * n.height();
            if (w.y0 - n.y0).abs() <= reach {
                bottom = Some(bottom.unwrap_or(f32::MIN).max(n.y1.max(w.y0 + n.height())));
            } else if (w.y1 - n.y1).abs() <= reach {
                top = Some(top.unwrap_or(f32::MAX).min(n.y0.min(w.y1 - n.height())));
            }
        }
        let w = &mut words[i];
        if let Some(b) = bottom {
            w.y1 = b.min(w.y1);
        } else if let Some(t) = top {
            w.y0 = t.max(w.y0);
        }
    }
}

/// Group words into lines, top to bottom; each line's words left to right.
pub fn group_lines(mut words: Vec<PlacedWord>) -> Vec<OcrLine> {
    crate::sort::sort_by(&mut words, |a, b| a.centre().total_cmp(&b.centre()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<PlacedWord>> = Vec::new();
    // Lines still open: their centres are within reach of the words that follow.
    let mut open: Vec<usize> = Vec::new();
    for word in words {
        open.retain(|&i| {
            let line = &lines[i];
            line.iter().any(|w| word.centre() - w.centre() < w.height().max(word.height()))
        });
        let best = open
            .iter()
            .copied()
            .filter(|&i| fits(&lines[i], &word))
            .min_by(|&a, &b| distance(&lines[a], &word).total_cmp(&distance(&lines[b], &word)));
        match best {
            Some(i) => lines[i].push(word),
            None => {
                lines.push(vec![word]);
                open.push(lines.len() - 1);
            }
        }
    }
    let mut out: Vec<OcrLine> = lines.into_iter().map(finish_line).collect();
    crate::sort::sort_by(&mut out, |a, b| a.baseline.total_cmp(&b.baseline));
    out
}

/// The vertical distance between a word's centre and the middle of the line's words beside it
/// (within [`NEAR`] heights), or of the whole line when none is. A row across two columns holds
/// lines whose baselines differ (a sidebar's contact line half a line above a main column's
/// line): measured against the whole row, the main line's lower words fell out of it one by
/// one and its pieces were read as separate lines.
fn distance(line: &[PlacedWord], word: &PlacedWord) -> f32 {
    let near = |w: &&PlacedWord| w.x0.max(word.x0) - w.x1.min(word.x1) <= NEAR * w.height().max(word.height());
    let beside: Vec<&PlacedWord> = line.iter().filter(near).collect();
    let middle = if beside.is_empty() { middle(line.iter()) } else { middle(beside.into_iter()) };
    (middle - word.centre()).abs()
}

fn middle<'a>(words: impl Iterator<Item = &'a PlacedWord>) -> f32 {
    let mut centres: Vec<f32> = words.map(PlacedWord::centre).collect();
    centres.sort_by(f32::total_cmp);
    centres.get(centres.len() / 2).copied().unwrap_or(0.0)
}

fn fits(line: &[PlacedWord], word: &PlacedWord) -> bool {
    let tall = line.iter().map(PlacedWord::height).fold(word.height(), f32::max);
    let close = distance(line, word) <= SAME_LINE * tall;
    let overlaps = line.iter().any(|w| {
        let overlap = w.x1.min(word.x1) - w.x0.max(word.x0);
        overlap > MAX_OVERLAP * (w.x1 - w.x0).min(word.x1 - word.x0)
    });
    close && !overlaps
}

/// A line's words sorted by x, its baseline (where most words end: words with descenders reach
/// lower, so a low percentile of the bottoms) and its size ([`line_size`]).
fn finish_line(mut words: Vec<PlacedWord>) -> OcrLine {
    crate::sort::sort_by(&mut words, |a, b| a.x0.total_cmp(&b.x0));
    let mut bottoms: Vec<f32> = words.iter().map(|w| w.y1).collect();
    bottoms.sort_by(f32::total_cmp);
    let baseline = bottoms[(bottoms.len() - 1) * 2 / 5];
    let size = line_size(&words);
    OcrLine { words, baseline, size }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BBox;

    fn word(text: &str, x0: f32, y0: f32, x1: f32, y1: f32, confidence: f32) -> OcrWord {
        OcrWord { text: text.into(), bbox: BBox { x0, y0, x1, y1 }, confidence, stroke: None }
    }

    fn texts(lines: &[OcrLine]) -> Vec<String> {
        lines.iter().map(|l| l.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")).collect()
    }

    #[test]
    fn noise_goes_and_short_confident_words_stay() {
        assert!(is_noise("|", 30.0));
        assert!(is_noise("~", 10.0));
        assert!(is_noise("i", 5.0));
        assert!(!is_noise("a", 85.0));
        assert!(!is_noise("•", 90.0));
        assert!(!is_noise("Berlin", 5.0), "a real word is kept however unsure the engine is");
    }

    #[test]
    fn hostile_boxes_are_clamped_or_dropped() {
        let words = [
            word("Jane", f32::NAN, 0.0, 40.0, 20.0, 95.0),
            word("Doe", 50.0, 0.0, 1e30, 20.0, 95.0),
            word("gone", 10.0, 10.0, 10.0, 20.0, 95.0),
            word("  ", 0.0, 0.0, 5.0, 5.0, 95.0),
        ];
        let kept = clean_words(&words, 100.0, 100.0);
        assert_eq!(kept.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), ["Jane", "Doe"]);
        assert!(kept.iter().all(|w| w.x1 <= 100.0 && w.x0 >= 0.0));
    }

    #[test]
    fn unsure_dashes_wait_for_their_line_and_other_unsure_symbols_go() {
        let words = [word("—-", 10.0, 10.0, 30.0, 15.0, 36.0), word("|~", 40.0, 0.0, 44.0, 30.0, 36.0)];
        let kept = clean_words(&words, 100.0, 100.0);
        assert_eq!(kept.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), ["—-"]);
    }

    #[test]
    fn descenders_and_capitals_share_a_line_and_baseline() {
        // "Typing on" with a descender in "Typing": boxes differ, the baseline is the words' common bottom.
        let words = [
            word("Typing", 10.0, 100.0, 80.0, 130.0, 90.0),
            word("on", 90.0, 108.0, 110.0, 122.0, 90.0),
            word("paper", 120.0, 108.0, 170.0, 130.0, 90.0),
            word("Next", 10.0, 150.0, 60.0, 172.0, 90.0),
        ];
        let lines = group_lines(clean_words(&words, 500.0, 500.0));
        assert_eq!(texts(&lines), ["Typing on paper", "Next"]);
        assert_eq!(lines[0].baseline, 122.0);
    }

    #[test]
    fn a_skewed_page_is_straightened_before_grouping() {
        // Two lines of six words each, tilted by 2° (slope 0.035): over 600 px the first line
        // drops 21 px, nearly to where the second would start without deskewing.
        let slope = 0.035f32;
        let mut words = Vec::new();
        for (row, top) in [(0, 100.0f32), (1, 130.0)] {
            for i in 0..6 {
                let x0 = 10.0 + 100.0 * i as f32;
                let dy = slope * (x0 + 40.0);
                words.push(word(&format!("w{row}{i}"), x0, top + dy, x0 + 80.0, top + 20.0 + dy, 90.0));
            }
        }
        let mut placed = clean_words(&words, 1000.0, 1000.0);
        let found = skew_slope(&placed);
        assert!((found - slope).abs() < 0.002, "{found}");
        deskew(&mut placed, found);
        let lines = group_lines(placed);
        assert_eq!(texts(&lines), ["w00 w01 w02 w03 w04 w05", "w10 w11 w12 w13 w14 w15"]);
    }

    #[test]
    fn a_main_column_line_beside_a_higher_sidebar_line_stays_whole() {
        // A sidebar's phone line sits half a line above a main column's line on the same band;
        // the main line's words with descenders reach lower than those without.
        let mut words: Vec<OcrWord> = ["(+00)", "(555)", "0100"].iter().enumerate().map(|(i, t)| word(t, 200.0 + 130.0 * i as f32, 1004.0, 300.0 + 130.0 * i as f32, 1050.0, 95.0)).collect();
        words.extend([
            word("Acme", 1224.0, 1031.0, 1388.0, 1078.0, 92.0),
            word("Works:", 1438.0, 1029.0, 1588.0, 1066.0, 96.0),
            word("building", 1636.0, 1029.0, 2077.0, 1078.0, 96.0),
            word("the", 2125.0, 1029.0, 2218.0, 1066.0, 96.0),
            word("shop", 2265.0, 1029.0, 2390.0, 1078.0, 96.0),
        ]);
        let lines = group_lines(clean_words(&words, 2480.0, 3508.0));
        let main: Vec<String> = texts(&lines).iter().filter_map(|t| t.find("Acme").map(|i| t[i..].to_string())).collect();
        assert_eq!(main, ["Acme Works: building the shop"], "{:?}", texts(&lines));
    }

    #[test]
    fn a_box_reaching_into_the_next_line_does_not_break_it() {
        // Two main column lines beside a sidebar line that sits between them; the engine read
        // "plan" and "for" unsure with boxes reaching down over the second main line, and gave
        // them to the first. Rows: (text, x0, y0, x1, y1, confidence) in engine order.
        let table: [(&str, u16, u16, u16, u16, u8); 12] = [("site.example/someone", 194, 1136, 1047, 1182, 95), ("plan", 1223, 1127, 1322, 1196, 7), ("ahead", 1336, 1116, 1535, 1153, 95), ("with", 1574, 1116, 1685, 1153, 95), ("our", 1722, 1127, 1842, 1153, 95), ("tools", 1878, 1116, 2099, 1153, 95), ("for", 2138, 1127, 2261, 1196, 74), ("the", 2298, 1116, 2390, 1165, 95), ("customers.", 1222, 1164, 1420, 1196, 95), ("2001-2002", 1709, 1155, 2132, 1201, 90), ("(two", 2183, 1159, 2225, 1205, 95), ("months)", 2252, 1159, 2397, 1205, 95)];
        let words: Vec<OcrWord> = table.iter().map(|&(t, x0, y0, x1, y1, c)| word(t, x0.into(), y0.into(), x1.into(), y1.into(), c.into())).collect();
        let main = |lines: &[OcrLine]| -> Vec<String> { texts(lines).iter().map(|t| t.trim_start_matches("site.example/someone").trim().to_string()).collect() };
        let mut placed = clean_words(&words, 2480.0, 3508.0);
        trim_overreach(&mut placed);
        assert_eq!(main(&group_lines(placed)), ["plan ahead with our tools for the", "customers. 2001-2002 (two months)"]);
        // A large heading beside small text shares neither edge with it and keeps its box.
        let mut placed = clean_words(&[word("Heading", 100.0, 100.0, 400.0, 180.0, 95.0), word("note", 420.0, 130.0, 500.0, 160.0, 95.0)], 1000.0, 1000.0);
        trim_overreach(&mut placed);
        assert_eq!(placed[0].y1, 180.0);
    }

    #[test]
    fn side_by_side_columns_on_one_band_are_one_row_for_layout_to_split() {
        let words = [
            word("Skills", 10.0, 100.0, 70.0, 120.0, 90.0),
            word("Experience", 400.0, 102.0, 520.0, 122.0, 90.0),
        ];
        let lines = group_lines(clean_words(&words, 800.0, 800.0));
        assert_eq!(texts(&lines), ["Skills Experience"]);
    }
}
