//! Icons and symbols: glyphs a reader sees as pictures, not letters.
//!
//! CV templates draw phone, mail, map-pin and social-network icons from icon
//! fonts (FontAwesome, Academicons, Marvosym, Nerd Fonts…) or private-use
//! code points. Decoded as if they were text they become stray letters
//! ("Q", "#", "§") or private-use characters glued to a phone number. The
//! font stage turns icons shaped as bullets (dots, squares, carets,
//! chevrons, checks: known by glyph name or by the private-use code points
//! of FontAwesome, Symbol and Wingdings) into "•" and marks every other icon
//! with [`ICON`]. The layout stage drops those: a phone, mail, calendar or
//! map-pin icon beside contact details or a date is no text; a bullet
//! starts a list item like any other bullet character.

/// The text of a glyph that stands for an icon (U+FFFC OBJECT REPLACEMENT
/// CHARACTER: "an object is drawn here").
pub const ICON: char = '\u{FFFC}';

/// The text an icon glyph carries through layout.
pub const ICON_TEXT: &str = "\u{FFFC}";

/// Font-name parts of icon fonts (lower case, subset prefix stripped).
const ICON_FONTS: &[&str] = &[
    "fontawesome",
    "font awesome",
    "academicons",
    "marvosym",
    "nerdfont",
    "nerd font",
    "glyphicons",
    "materialicons",
    "material icons",
    "materialsymbols",
    "icomoon",
    "ionicons",
    "octicons",
    "fontello",
    "simple-icons",
    "simpleicons",
    "entypo",
    "typicons",
    "foundation-icons",
    "remixicon",
    "bootstrap-icons",
    "tabler-icons",
    "wingdings",
    "webdings",
];

/// Whether a font (by its PostScript name) draws icons rather than letters.
pub fn is_icon_font(base_name: &str) -> bool {
    let lower = base_name.to_ascii_lowercase();
    ICON_FONTS.iter().any(|k| lower.contains(k))
}

/// Glyph names of bullet-shaped icons (FontAwesome 4/5 and similar; `_`
/// and `-` are alike, `-o`/`-alt` variants included by prefix match).
const BULLET_NAMES: &[&str] = &[
    "bullet", "circle", "dot-circle", "square", "square-full", "caret-right", "chevron-right",
    "chevron-circle-right", "angle-right", "angle-double-right", "arrow-right", "arrow-circle-right",
    "long-arrow-right", "long-arrow-alt-right", "check", "check-circle", "check-square", "hand-o-right",
    "hand-point-right", "play", "play-circle", "minus", "star",
];

/// Private-use code points of bullet-shaped icons: FontAwesome 4/5
/// (check, caret, chevron, angle, arrow, hand, circle, square, play, minus,
/// star) and the Symbol/Wingdings bullets Word maps there.
const BULLET_CODES: &[u32] = &[
    0xF00C, 0xF058, 0xF05D, 0xF046, 0xF14A, 0xF0DA, 0xF054, 0xF138, 0xF105, 0xF101, 0xF061, 0xF0A9,
    0xF18E, 0xF178, 0xF0A4, 0xF111, 0xF10C, 0xF1DB, 0xF192, 0xF0C8, 0xF096, 0xF04B, 0xF144, 0xF01D,
    0xF068, 0xF005, 0xF0B7, 0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0xF06C, 0xF06E, 0xF071, 0xF0E8,
];

/// The text of an icon-font glyph by its name: a bullet or an icon.
pub fn named(glyph_name: &str) -> &'static str {
    let name = glyph_name.to_ascii_lowercase().replace('_', "-");
    let bullet = BULLET_NAMES.iter().any(|b| {
        name == *b || name.strip_prefix(b).is_some_and(|rest| matches!(rest, "-o" | "-alt" | "-thin" | "-o-right"))
    });
    if bullet {
        BULLET
    } else {
        ICON_TEXT
    }
}

/// The text of an unnamed icon-font code: Wingdings-style fonts draw at
/// code c the symbol Word maps to U+F000 + c, so their bullets are known.
pub fn by_code(base_name: &str, code: u8) -> &'static str {
    let lower = base_name.to_ascii_lowercase();
    let wingdings = lower.contains("wingdings") || lower.contains("webdings");
    if wingdings && BULLET_CODES.contains(&(0xF000 + u32::from(code))) {
        BULLET
    } else {
        ICON_TEXT
    }
}

/// Private Use Area code points: no meaning outside the font that drew them.
pub fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// The text of a decoded glyph with icons replaced: "•" for bullet-shaped
/// ones, [`ICON`] for the rest. In an icon font every glyph but a space is
/// an icon, named or not.
pub fn mark(text: String, icon_font: bool) -> String {
    if (text.trim().is_empty() && !text.is_empty()) || text == BULLET {
        return text;
    }
    if let Some(c) = text.chars().find(|&c| is_private_use(c)) {
        return if BULLET_CODES.contains(&u32::from(c)) { BULLET } else { ICON_TEXT }.to_string();
    }
    if icon_font {
        return ICON_TEXT.to_string();
    }
    text
}

/// The text of a bullet-shaped icon.
const BULLET: &str = "•";

/// Drop the icons of one line's text. A space stands in for each, so words
/// on both sides stay apart (the caller collapses spaces). Bullet-shaped
/// icons are already "•"; an icon of any other shape at a line's start is
/// a calendar, pin or phone beside a date or contact details far more often
/// than a bullet, so it is dropped too.
pub fn resolve(text: &str) -> String {
    if !text.contains(ICON) {
        return text.to_string();
    }
    text.replace(ICON, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_vanish_from_lines() {
        assert_eq!(resolve("\u{FFFC} +49 170 1234567 \u{FFFC} jane@example.org"), "  +49 170 1234567   jane@example.org");
        assert_eq!(resolve("\u{FFFC} March 2016 – Ongoing"), "  March 2016 – Ongoing");
        assert_eq!(resolve("Köln\u{FFFC}Bonn"), "Köln Bonn");
        assert_eq!(resolve("plain"), "plain");
    }

    #[test]
    fn marks_icon_fonts_and_private_use() {
        assert!(is_icon_font("FontAwesome5Free-Solid"));
        assert!(is_icon_font("Academicons"));
        assert!(!is_icon_font("LMRoman10-Regular"));
        assert_eq!(mark("\u{F095}".to_string(), false), ICON_TEXT);
        assert_eq!(mark("Q".to_string(), true), ICON_TEXT);
        assert_eq!(mark(" ".to_string(), true), " ");
        assert_eq!(mark(String::new(), true), ICON_TEXT);
        assert_eq!(mark("\u{F0DA}".to_string(), true), "•");
        assert_eq!(mark("\u{F0B7}".to_string(), false), "•");
        assert_eq!(mark("•".to_string(), true), "•");
        assert_eq!(named("caret-right"), "•");
        assert_eq!(named("check_square_o"), "•");
        assert_eq!(named("map_marker"), ICON_TEXT);
        assert_eq!(named("github-square"), ICON_TEXT);
        assert_eq!(named("phone"), ICON_TEXT);
        assert_eq!(by_code("Wingdings-Regular", b'l'), "•");
        assert_eq!(by_code("Wingdings-Regular", b'('), ICON_TEXT);
        assert_eq!(by_code("FontAwesome", 0x0C), ICON_TEXT);
        assert_eq!(mark(String::new(), false), "");
        assert_eq!(mark("é".to_string(), false), "é");
    }
}
