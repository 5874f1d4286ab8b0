//! Bold on a scan, from the stroke widths measured in its pixels ([`super::stroke`], natively):
//! a word is bold when its strokes are clearly wider, for its line's size, than the page's
//! typical word. The page is the yardstick, not a fixed width: faces, rendering and scanning
//! thicken or thin every stroke alike. Words too short to measure follow their line's measured
//! letters; without enough measured words nothing is marked.

use super::lines::{OcrLine, PlacedWord};

/// A word is bold when its stroke over its line's size is at least this many times the page's
/// median (regular text spreads to about 1.15 of it, bold starts near 1.3).
const BOLD: f32 = 1.25;
/// Fewer measured words than this give no page median to compare with.
const MIN_WORDS: usize = 20;

/// Set `bold` on the words of a page's `lines` from their strokes.
pub fn mark_bold(lines: &mut [OcrLine]) {
    // Over the line's size: a heading's strokes are wider by its size alone (measured against
    // the page's text layer, widths alone or ink density over the box agree less with it).
    let ratio = |w: &PlacedWord, size: f32| w.stroke.filter(|s| s.is_finite() && size > 0.0).map(|s| s / size);
    let mut ratios: Vec<f32> = lines.iter().flat_map(|l| l.words.iter().filter_map(move |w| ratio(w, l.size))).collect();
    if ratios.len() < MIN_WORDS {
        return;
    }
    ratios.sort_by(f32::total_cmp);
    let Some(&median) = ratios.get(ratios.len() / 2) else { return };
    for line in lines.iter_mut() {
        let size = line.size;
        let (mut bold, mut regular) = (0usize, 0usize);
        for w in &mut line.words {
            let Some(r) = ratio(w, size) else { continue };
            w.bold = r >= BOLD * median;
            let letters = w.text.chars().count();
            if w.bold {
                bold += letters;
            } else {
                regular += letters;
            }
        }
        for w in line.words.iter_mut().filter(|w| ratio(w, size).is_none()) {
            w.bold = bold > regular;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, stroke: Option<f32>) -> PlacedWord {
        PlacedWord { text: text.into(), x0: 0.0, x1: 10.0, y0: 0.0, y1: 10.0, confidence: 90.0, stroke, bold: false, sources: vec![0] }
    }

    fn line(words: Vec<PlacedWord>, size: f32) -> OcrLine {
        OcrLine { words, baseline: 0.0, size }
    }

    fn bold(lines: &[OcrLine]) -> Vec<Vec<bool>> {
        lines.iter().map(|l| l.words.iter().map(|w| w.bold).collect()).collect()
    }

    #[test]
    fn wide_strokes_for_the_size_are_bold_and_short_words_follow_their_line() {
        let body = |n: usize| line((0..n).map(|_| word("text", Some(2.0))).collect(), 40.0);
        // A heading twice the size with strokes twice as wide is not bold by that alone.
        let mut lines = vec![body(12), line(vec![word("Heading", Some(4.0))], 80.0), line(vec![word("Firm", Some(3.0)), word("of", None), word("Makers", Some(3.0))], 40.0), body(12)];
        mark_bold(&mut lines);
        let got = bold(&lines);
        assert_eq!(got[1], [false]);
        assert_eq!(got[2], [true, true, true]);
        assert!(got[0].iter().chain(&got[3]).all(|b| !b));
    }

    #[test]
    fn too_few_measured_words_mark_nothing() {
        let mut lines = vec![line(vec![word("Firm", Some(3.0)), word("text", Some(2.0)), word("text", Some(2.0))], 40.0)];
        mark_bold(&mut lines);
        assert_eq!(bold(&lines), [[false, false, false]]);
    }
}
