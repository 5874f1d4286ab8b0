//! Accent glyphs drawn over (or under) a letter become one character.
//!
//! TeX's `\accent` (every accented letter in pdfTeX's default OT1 encoding)
//! and some other producers draw "ö" as two glyphs: a standalone dieresis
//! placed over an "o". Read one by one that is "¨o" or, with the accent lost,
//! "o". Like pdftotext and pdf.js, a standalone accent whose box sits over a
//! neighbouring letter (in content order) is composed with it into one
//! character (NFC). Position decides: an accent that overlaps no letter (a
//! backtick or caret in running text) stays as it is.

use super::glyph::Glyph;
use unicode_normalization::UnicodeNormalization;

/// How many glyphs either side (in content order) may hold the base letter.
const REACH: usize = 2;
/// The accent's centre may sit this share of the font size outside the base's box…
const SLACK: f32 = 0.1;
/// …and its baseline this many font sizes away from the base's (raised
/// accents over capitals, cedillas below).
const BASELINE_REACH: f32 = 1.0;

/// The combining mark for a standalone accent glyph, and whether it sits above.
fn combining(text: &str) -> Option<(char, bool)> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '\u{00A8}' => ('\u{0308}', true),
        '\u{00B4}' | '\u{02CA}' => ('\u{0301}', true),
        '`' | '\u{02CB}' => ('\u{0300}', true),
        '^' | '\u{02C6}' => ('\u{0302}', true),
        '~' | '\u{02DC}' => ('\u{0303}', true),
        '\u{02C7}' => ('\u{030C}', true),
        '\u{02DA}' => ('\u{030A}', true),
        '\u{00AF}' | '\u{02C9}' => ('\u{0304}', true),
        '\u{02D8}' => ('\u{0306}', true),
        '\u{02D9}' => ('\u{0307}', true),
        '\u{02DD}' => ('\u{030B}', true),
        '\u{00B8}' => ('\u{0327}', false),
        '\u{02DB}' => ('\u{0328}', false),
        // TeX's "suppress" glyph: the stroke of ł and Ł.
        '\u{0337}' => ('\u{0337}', true),
        '\u{0300}'..='\u{036F}' => (c, !matches!(c, '\u{0316}'..='\u{0333}')),
        _ => return None,
    })
}

/// The letter with the mark, as one character where Unicode has one.
fn compose(base: &str, mark: char, above: bool) -> Option<String> {
    let mut chars = base.chars();
    let letter = chars.next()?;
    if chars.next().is_some() || !letter.is_alphabetic() {
        return None;
    }
    // An accent over a dotless i or j puts it on the ordinary letter.
    let letter = match (letter, above) {
        ('\u{0131}', true) => 'i',
        ('\u{0237}', true) => 'j',
        (l, _) => l,
    };
    if mark == '\u{0337}' {
        return match letter {
            'l' => Some("ł".to_string()),
            'L' => Some("Ł".to_string()),
            _ => None,
        };
    }
    Some([letter, mark].into_iter().nfc().collect())
}

/// Compose standalone accents with the letters they are drawn on.
pub fn compose_accents(glyphs: &mut [Glyph]) {
    for i in 0..glyphs.len() {
        let Some((mark, above)) = glyphs.get(i).and_then(|g| combining(&g.text)) else { continue };
        let accent = &glyphs[i];
        if !accent.upright {
            continue;
        }
        let centre = 0.5 * (accent.x0 + accent.x1);
        let size = accent.font_size.abs().max(1.0);
        let near = |j: usize| -> Option<f32> {
            let base = glyphs.get(j)?;
            let fits = base.upright
                && centre >= base.x0 - SLACK * size
                && centre <= base.x1 + SLACK * size
                && (base.baseline - accent.baseline).abs() <= BASELINE_REACH * size
                && compose(&base.text, mark, above).is_some();
            fits.then(|| (centre - 0.5 * (base.x0 + base.x1)).abs())
        };
        let candidates = i.saturating_sub(REACH)..(i + REACH + 1).min(glyphs.len());
        let best = candidates
            .filter(|&j| j != i)
            .filter_map(|j| near(j).map(|d| (j, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(j, _)| j);
        if let Some(j) = best {
            if let Some(text) = compose(&glyphs[j].text, mark, above) {
                glyphs[j].text = text;
                glyphs[i].text.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, x1: f32, baseline: f32) -> Glyph {
        Glyph {
            text: text.to_string(),
            x0,
            x1,
            baseline,
            font_size: 10.0,
            space_width: 2.5,
            bold: false,
            italic: false,
            upright: true,
            seq: 0,
        }
    }

    fn texts(glyphs: &[Glyph]) -> String {
        glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn accents_over_letters_compose() {
        // TeX order: accent first, then the letter under it.
        let mut g = vec![glyph("G", 0.0, 7.0, 100.0), glyph("\u{A8}", 7.0, 12.0, 100.0), glyph("o", 7.0, 12.0, 100.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "Gö");
        // Raised over a capital, after it, and an acute on a dotless i.
        let mut g = vec![glyph("E", 0.0, 6.0, 100.0), glyph("\u{B4}", 1.0, 6.0, 97.5)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "É");
        let mut g = vec![glyph("\u{B4}", 0.0, 5.0, 100.0), glyph("\u{131}", 1.0, 4.0, 100.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "í");
        let mut g = vec![glyph("\u{337}", 0.0, 3.0, 100.0), glyph("L", 0.0, 6.0, 100.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "Ł");
        let mut g = vec![glyph("\u{B8}", 0.0, 4.0, 100.0), glyph("c", 0.0, 4.5, 100.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "ç");
    }

    #[test]
    fn accents_beside_letters_stay() {
        let mut g = vec![glyph("x", 0.0, 5.0, 100.0), glyph("^", 5.0, 10.0, 100.0), glyph("2", 10.0, 15.0, 100.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "x^2");
        let mut g = vec![glyph("`", 0.0, 5.0, 100.0), glyph("a", 0.0, 5.0, 160.0)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "`a");
        let mut g = vec![glyph("\u{A8}", f32::NAN, 5.0, 100.0), glyph("a", 0.0, 5.0, f32::INFINITY)];
        compose_accents(&mut g);
        assert_eq!(texts(&g), "\u{A8}a");
    }
}
