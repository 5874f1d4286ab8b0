//! A line's font size from its words' boxes, read through the shapes of their letters.
//!
//! An engine's word box runs from the highest ink to the lowest, so its height depends on the
//! letters as much as on the size: "mean" stands half an em tall, "Name" three quarters, "Typing"
//! nearly a whole one. Taken at one ratio, a one-word line (a job title, a heading) came out a
//! fifth larger or smaller than the body by its letters alone, and the size that tells headings
//! and entry headers apart was lost. Each word's height here is divided by the share of the em
//! its letters reach (the x-height, cap height, ascender and descender of Helvetica's metrics
//! in the PDF standard fonts: 0.523, 0.718, 0.718 and 0.207 em — sans-serif CVs sit close to
//! them, serif faces a little lower), and the line takes the median over its words the engine
//! read with some confidence. Scripts whose letter shapes are not known here keep the plain ratio.
//!
//! Words side by side in two columns share a row until layout splits it, so a row is sized by
//! its parts ([`size_segments`]): a sidebar's date beside a main column's larger job title no
//! longer pulls the title down to body size.

use super::{OcrLine, PlacedWord, SIZE_PER_HEIGHT};

/// Shares of the em a word's box spans: x-height letters, up to capitals and digits, up to an
/// ascender, and what a descender adds below the baseline (Helvetica's AFM: XHeight 523,
/// CapHeight 718, Ascender 718, Descender -207).
const X_HEIGHT: f32 = 0.523;
const CAPITAL: f32 = 0.718;
const ASCENDER: f32 = 0.718;
const DESCENDER: f32 = 0.207;
/// Words read less confidently than this do not size their line while others do (specks and
/// half-read marks from a neighbouring column or a dark band have boxes of any height).
const SURE: f32 = 50.0;
/// A gap wider than this many ems between neighbours on a row parts it (word gaps are a
/// quarter to a half em, even in justified text; a gutter or a tab stop is wider).
const PART_GAP: f32 = 1.5;

/// The share of the em `text`'s box spans, when all its letters are of known shape.
pub fn em_share(text: &str) -> Option<f32> {
    let (mut capital, mut tall, mut deep, mut any) = (false, false, false, false);
    for c in text.chars() {
        match c {
            // Brackets, bars and slashes reach from above the capitals to below the baseline.
            '(' | ')' | '[' | ']' | '{' | '}' | '|' | '/' | '@' | '$' => (tall, deep) = (true, true),
            'g' | 'p' | 'q' | 'y' | 'ç' | 'ş' | 'ţ' | 'ą' | 'ę' => deep = true,
            // An i's dot reaches about an ascender's height (so it is one below); a j's descends too.
            'j' => (tall, deep) = (true, true),
            'a' | 'c' | 'e' | 'm' | 'n' | 'o' | 'r' | 's' | 'u' | 'v' | 'w' | 'x' | 'z' => {}
            'b' | 'd' | 'f' | 'h' | 'i' | 'k' | 'l' | 't' | 'ß' => tall = true,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => capital = true,
            // Latin letters with accents, whose marks stand above the x-height.
            c if c.is_alphabetic() && ('\u{C0}'..='\u{17F}').contains(&c) => tall = true,
            c if c.is_alphanumeric() => return None,
            _ => continue,
        }
        any = true;
    }
    let top = if tall { ASCENDER } else if capital { CAPITAL } else { X_HEIGHT };
    any.then_some(top + if deep { DESCENDER } else { 0.0 })
}

/// The font size, in the words' units, of a line of `words`: 0 when there are none.
pub fn line_size(words: &[PlacedWord]) -> f32 {
    let size = |w: &PlacedWord| (w.y1 - w.y0) / em_share(&w.text).unwrap_or(1.0 / SIZE_PER_HEIGHT);
    let sure: Vec<&PlacedWord> = words.iter().filter(|w| w.confidence >= SURE && em_share(&w.text).is_some()).collect();
    let mut sizes: Vec<f32> = if sure.is_empty() { words.iter().map(size).collect() } else { sure.into_iter().map(size).collect() };
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

/// Each row of `lines` (sized as a whole) parted at wide gaps into lines of one baseline, each
/// sized by its own words; a part with no sure word of known shape keeps the row's size.
pub fn size_segments(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let row = line_size(&line.words);
        let mut part: Vec<PlacedWord> = Vec::new();
        let mut finish = |part: Vec<PlacedWord>| {
            let sized = part.iter().any(|w| w.confidence >= SURE && em_share(&w.text).is_some());
            let size = if sized { line_size(&part) } else { row };
            out.push(OcrLine { words: part, baseline: line.baseline, size });
        };
        for w in line.words {
            if part.last().is_some_and(|p| w.x0 - p.x1 > PART_GAP * row) {
                finish(std::mem::take(&mut part));
            }
            part.push(w);
        }
        if !part.is_empty() {
            finish(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, height: f32, confidence: f32) -> PlacedWord {
        PlacedWord { text: text.into(), x0: 0.0, x1: 10.0, y0: 100.0 - height, y1: 100.0, confidence, stroke: None, bold: false, sources: vec![0] }
    }

    #[test]
    fn letter_shapes_give_the_share_of_the_em_a_box_spans() {
        assert_eq!(em_share("mean"), Some(X_HEIGHT));
        assert_eq!(em_share("Name"), Some(CAPITAL));
        assert_eq!(em_share("Nile"), Some(ASCENDER));
        assert_eq!(em_share("ray"), Some(X_HEIGHT + DESCENDER));
        assert_eq!(em_share("Typing"), Some(ASCENDER + DESCENDER));
        assert_eq!(em_share("(2019)"), Some(ASCENDER + DESCENDER));
        assert_eq!(em_share("SALES"), Some(CAPITAL));
        assert_eq!(em_share("été"), Some(ASCENDER));
        assert_eq!(em_share("•"), None);
        assert_eq!(em_share("Жук"), None);
    }

    #[test]
    fn one_word_lines_of_one_size_get_one_size_whatever_their_letters() {
        // At 40 px an em, boxes of a plain, a capital, a tall and a tall-and-deep word (the old
        // single ratio made these about 26, 36, 36 and 46).
        let sizes: Vec<f32> = [("mean", X_HEIGHT * 40.0), ("Name", CAPITAL * 40.0), ("Nile", ASCENDER * 40.0), ("Typing", (ASCENDER + DESCENDER) * 40.0)].iter().map(|&(t, h)| line_size(&[word(t, h, 90.0)])).collect();
        assert!(sizes.iter().all(|s| (s - 40.0).abs() < 1.5), "{sizes:?}");
    }

    #[test]
    fn unsure_specks_and_unknown_scripts_do_not_size_a_line_of_sure_words() {
        let line = [word("Firm", ASCENDER * 40.0, 90.0), word("of", ASCENDER * 40.0, 90.0), word("mm", 3.0, 20.0), word("Жук", 60.0, 90.0), word("ii", 4.0, 30.0)];
        assert!((line_size(&line) - 40.0).abs() < 0.5, "{}", line_size(&line));
        // With no sure word of known shape every word counts, at the plain ratio.
        assert!((line_size(&[word("Жук", 32.0, 90.0)]) - 40.0).abs() < 0.5);
        assert_eq!(line_size(&[]), 0.0);
    }

    #[test]
    fn a_row_across_two_columns_is_sized_by_its_parts() {
        let at = |text: &str, x0: f32, height: f32| PlacedWord { x0, x1: x0 + 60.0, ..word(text, height, 90.0) };
        // A sidebar's date range at 40 px an em beside a job title at 50, two ems apart.
        let row = OcrLine { words: vec![at("2019", 0.0, CAPITAL * 40.0), at("-", 70.0, 5.0), at("2021", 80.0, CAPITAL * 40.0), at("Senior", 220.0, ASCENDER * 50.0), at("Baker", 290.0, ASCENDER * 50.0)], baseline: 100.0, size: 0.0 };
        let parts = size_segments(vec![row]);
        let sizes: Vec<(usize, f32)> = parts.iter().map(|l| (l.words.len(), l.size)).collect();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert!(sizes[0].0 == 3 && (sizes[0].1 - 40.0).abs() < 0.5 && sizes[1].0 == 2 && (sizes[1].1 - 50.0).abs() < 0.5, "{sizes:?}");
        assert!(parts.iter().all(|l| l.baseline == 100.0));
        // A lone mark apart from the words keeps the row's size.
        let row = OcrLine { words: vec![at("•", 0.0, 8.0), at("Baker", 200.0, ASCENDER * 50.0)], baseline: 100.0, size: 0.0 };
        assert!(size_segments(vec![row]).iter().all(|l| (l.size - 50.0).abs() < 0.5));
    }
}
