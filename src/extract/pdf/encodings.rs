//! Simple-font encodings and glyph names → Unicode text.
//!
//! The base encodings (Standard, WinAnsi, MacRoman, MacExpert, Symbol,
//! ZapfDingbats) and the Adobe Glyph List come from the `pdf_encoding` crate;
//! this module adds the AGL naming conventions that the list alone does not
//! cover (`uniXXXX`, `uXXXX[XX]`, `f_f_i` ligatures, `.suffix` variants),
//! TeX's glyph names, and expands typographic ligatures, because downstream
//! matching wants letters.

use pdf_encoding::{ForwardMap, MACEXPERT, MACROMAN, STANDARD, SYMBOL, WINANSI, ZDINGBAT};

/// A simple font's base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            b"SymbolEncoding" => BaseEncoding::Symbol,
            b"ZapfDingbatsEncoding" => BaseEncoding::ZapfDingbats,
            _ => return None,
        })
    }

    fn table(self) -> &'static ForwardMap {
        match self {
            BaseEncoding::Standard => &STANDARD,
            BaseEncoding::WinAnsi => &WINANSI,
            BaseEncoding::MacRoman => &MACROMAN,
            BaseEncoding::MacExpert => &MACEXPERT,
            BaseEncoding::Symbol => &SYMBOL,
            BaseEncoding::ZapfDingbats => &ZDINGBAT,
        }
    }

    /// The character for a one-byte code.
    pub fn char_for(self, code: u8) -> Option<char> {
        // The tables give the glyph names' Unicode values, where "space" is
        // U+00A0 and Standard's "hyphen" is U+00AD; a shown code 32 or 45
        // is an ordinary space or hyphen-minus in text.
        match (self, code) {
            (_, 32) => Some(' '),
            (BaseEncoding::Standard, 45) => Some('-'),
            _ => self.table().get(code),
        }
    }
}

/// Unicode text for a glyph name, with ligatures expanded.
pub fn glyph_name_to_text(name: &str) -> Option<String> {
    if let Some(lig) = ligature_name(name) {
        return Some(lig.to_string());
    }
    if let Some(text) = tex_name(name) {
        return Some(text.to_string());
    }
    if let Some(text) = pdf_encoding::glyphname_to_unicode(name) {
        if text.chars().any(super::icons::is_private_use) {
            // Adobe's private-use names ("Asmall", "dotlessj"): the letter itself.
            return name.strip_suffix("small").and_then(glyph_name_to_text).map(|t| t.to_lowercase());
        }
        return Some(expand_ligatures(text));
    }
    // "a.sc", "one.oldstyle": the part before the dot names the character.
    if let Some((base, _)) = name.split_once('.') {
        if !base.is_empty() {
            return glyph_name_to_text(base);
        }
    }
    // "f_f_i": a ligature of named components.
    if name.contains('_') {
        let mut out = String::new();
        for part in name.split('_') {
            out.push_str(&glyph_name_to_text(part)?);
        }
        return Some(out);
    }
    if let Some(hex) = name.strip_prefix("uni") {
        return unicode_groups(hex);
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(|c| c.to_string());
        }
    }
    None
}

fn ligature_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "ff" => "ff",
        "fi" => "fi",
        "fl" => "fl",
        "ffi" => "ffi",
        "ffl" => "ffl",
        "st" => "st",
        _ => return None,
    })
}

/// TeX's glyph names that the Adobe Glyph List lacks or maps to private use
/// (the fonts of the OT1, T1 and OMS encodings; after TeX's glyphtounicode.tex).
fn tex_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "dotlessj" => "\u{0237}",
        // The stroke of ł and Ł, drawn over the letter (see `accents`).
        "suppress" => "\u{0337}",
        "Germandbls" | "SS" => "SS",
        "visiblespace" => "\u{2423}",
        "compwordmark" | "cwm" | "capitalcompwordmark" | "ascendercompwordmark" | "perthousandzero" => "",
        "ringfitted" => "\u{02DA}",
        "Ifractur" => "\u{2111}",
        "Rfractur" => "\u{211C}",
        _ => return None,
    })
}

/// `uniXXXXYYYY`: one or more groups of four hex digits.
fn unicode_groups(hex: &str) -> Option<String> {
    if hex.is_empty() || hex.len() % 4 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let units: Vec<u16> = hex
        .as_bytes()
        .chunks(4)
        .filter_map(|chunk| std::str::from_utf8(chunk).ok())
        .filter_map(|s| u16::from_str_radix(s, 16).ok())
        .collect();
    let text: String = char::decode_utf16(units).filter_map(|r| r.ok()).collect();
    (!text.is_empty()).then_some(text)
}

/// Expand the Latin presentation-form ligatures (U+FB00–U+FB06) into letters.
pub fn expand_ligatures(text: &str) -> String {
    crate::ligatures::expand(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings_decode_codes() {
        assert_eq!(BaseEncoding::WinAnsi.char_for(0x93), Some('\u{201C}'));
        assert_eq!(BaseEncoding::MacRoman.char_for(0x8E), Some('é'));
        assert_eq!(BaseEncoding::Standard.char_for(0xD0), Some('\u{2014}'));
        assert_eq!(BaseEncoding::Symbol.char_for(0x61), Some('α'));
        assert_eq!(BaseEncoding::from_name(b"Foo"), None);
        assert_eq!(BaseEncoding::Standard.char_for(32), Some(' '));
        assert_eq!(BaseEncoding::Standard.char_for(45), Some('-'));
        assert_eq!(BaseEncoding::WinAnsi.char_for(0xAD), Some('\u{AD}'));
    }

    #[test]
    fn glyph_names_follow_agl_conventions() {
        assert_eq!(glyph_name_to_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_text("fi").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_text("uni00410042").as_deref(), Some("AB"));
        assert_eq!(glyph_name_to_text("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_text("g123"), None);
        assert_eq!(glyph_name_to_text("dotlessj").as_deref(), Some("\u{0237}"));
        assert_eq!(glyph_name_to_text("Germandbls").as_deref(), Some("SS"));
        assert_eq!(glyph_name_to_text("compwordmark").as_deref(), Some(""));
        assert_eq!(glyph_name_to_text("Asmall").as_deref(), Some("a"));
        assert_eq!(expand_ligatures("\u{FB01}rst"), "first");
    }
}
