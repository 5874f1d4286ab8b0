//! OCR words → lines: noise dropped, skew undone, words grouped on a shared baseline.
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

/// Group words into lines, top to bottom; each line's words left to right.
pub fn group_lines(mut words: Vec<PlacedWord>) -> Vec<OcrLine> {
    words.sort_by(|a, b| a.centre().total_cmp(&b.centre()).then(a.x0.total_cmp(&b.x0)));
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
    out.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    out
}

/// The vertical distance between a line's middle and a word's centre.
fn distance(line: &[PlacedWord], word: &PlacedWord) -> f32 {
    (middle(line) - word.centre()).abs()
}

fn middle(line: &[PlacedWord]) -> f32 {
    let mut centres: Vec<f32> = line.iter().map(PlacedWord::centre).collect();
    centres.sort_by(f32::total_cmp);
    centres[centres.len() / 2]
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
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
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
    fn side_by_side_columns_on_one_band_are_one_row_for_layout_to_split() {
        let words = [
            word("Skills", 10.0, 100.0, 70.0, 120.0, 90.0),
            word("Experience", 400.0, 102.0, 520.0, 122.0, 90.0),
        ];
        let lines = group_lines(clean_words(&words, 800.0, 800.0));
        assert_eq!(texts(&lines), ["Skills Experience"]);
    }
}
