//! Icons and symbols: glyphs a reader sees as pictures, not letters.
//!
//! CV templates draw phone, mail, map-pin and social-network icons from icon
//! fonts (FontAwesome, Academicons, Marvosym, Nerd Fonts…) or private-use
//! code points. Decoded as if they were text they become stray letters
//! ("Q", "#", "§") or private-use characters glued to a phone number. The
//! font stage marks every such glyph with [`ICON`]; the layout stage then
//! decides per line: an icon starting a line of prose is a list bullet,
//! every other icon (beside contact details, inside a line) is dropped.

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

/// Private Use Area code points: no meaning outside the font that drew them.
pub fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// The text of a decoded glyph with icons replaced by [`ICON`].
/// In an icon font every glyph but a space is an icon, named or not.
pub fn mark(text: String, icon_font: bool) -> String {
    let blank = text.trim().is_empty();
    if icon_font && !(blank && !text.is_empty()) {
        return ICON_TEXT.to_string();
    }
    if !blank && text.chars().any(is_private_use) {
        return ICON_TEXT.to_string();
    }
    text
}

/// The bullet an icon at the start of a line of prose becomes.
const BULLET: &str = "•";

/// Resolve the icons of one line's text: a leading icon before prose is a
/// bullet, all other icons are dropped (a space stands in, so words on
/// both sides stay apart; the caller collapses spaces).
pub fn resolve(text: &str) -> String {
    if !text.contains(ICON) {
        return text.to_string();
    }
    let trimmed = text.trim_start();
    let (leading, rest) = match trimmed.strip_prefix(ICON) {
        Some(rest) => (true, rest.trim_start_matches(|c: char| c == ICON || c.is_whitespace())),
        None => (false, trimmed),
    };
    let rest = rest.replace(ICON, " ");
    if leading && !rest.is_empty() && !starts_with_contact(&rest) {
        format!("{BULLET} {rest}")
    } else {
        rest
    }
}

/// Whether the text begins with contact details: a phone number, an e-mail
/// address, a URL, a handle or a domain.
fn starts_with_contact(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    // A phone number: six or more digits before anything but digits, spaces
    // and phone punctuation (a year or a count is fewer).
    let digits = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-' | '.' | '/'))
        .filter(char::is_ascii_digit)
        .count();
    let starts_phone = first.starts_with('+') || digits >= 6;
    let looks_address = first.contains('@')
        || first.contains("://")
        || first.starts_with("www.")
        || (first.contains('/') && first.contains('.'));
    starts_phone || looks_address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_become_bullets_or_vanish() {
        assert_eq!(resolve("\u{FFFC} Led the migration"), "• Led the migration");
        assert_eq!(resolve("\u{FFFC} +49 170 1234567 \u{FFFC} jane@example.org"), "+49 170 1234567   jane@example.org");
        assert_eq!(resolve("\u{FFFC} github.com/jane"), "github.com/jane");
        assert_eq!(resolve("Köln\u{FFFC}Bonn"), "Köln Bonn");
        assert_eq!(resolve("\u{FFFC}"), "");
        assert_eq!(resolve("plain"), "plain");
        assert_eq!(resolve("\u{FFFC} 2019 award for the best thesis"), "• 2019 award for the best thesis");
        assert_eq!(resolve("\u{FFFC} 0170 1234567"), "0170 1234567");
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
        assert_eq!(mark(String::new(), false), "");
        assert_eq!(mark("é".to_string(), false), "é");
    }
}
