//! Byte → text decoding for inputs that do not declare their encoding well:
//! plain text, Markdown, HTML and RTF code pages.
//!
//! CVs arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools (with
//! or without BOM) and Windows-1252 from older editors. We decide from the
//! bytes: BOM first, then NUL patterns for BOM-less UTF-16, then UTF-8
//! validity, falling back to Windows-1252 (whose 32-entry upper-control
//! table is all that differs from Latin-1). A full encoding library would
//! cost wasm size for code pages CVs practically never use.

/// The decoded text and the name of the encoding it was read as.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode text bytes by BOM, NUL pattern, UTF-8 validity, else Windows-1252.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Decoded { text: String::from_utf8_lossy(rest).into_owned(), encoding: "utf-8" };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Decoded { text: decode_utf16(rest, u16::from_le_bytes), encoding: "utf-16le" };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Decoded { text: decode_utf16(rest, u16::from_be_bytes), encoding: "utf-16be" };
    }
    match utf16_without_bom(bytes) {
        Some(Utf16::Le) => {
            return Decoded { text: decode_utf16(bytes, u16::from_le_bytes), encoding: "utf-16le" }
        }
        Some(Utf16::Be) => {
            return Decoded { text: decode_utf16(bytes, u16::from_be_bytes), encoding: "utf-16be" }
        }
        None => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_string(), encoding: "utf-8" },
        Err(_) => Decoded { text: decode_windows_1252(bytes), encoding: "windows-1252" },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    Le,
    Be,
}

/// BOM-less UTF-16 shows as NULs in every other byte for Latin text. We require
/// NULs in at least 40% of one parity and almost none in the other.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16> {
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 4;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(Utf16::Le)
    } else if mostly(even) && rarely(odd) {
        Some(Utf16::Be)
    } else {
        None
    }
}

pub fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes
        .chunks_exact(2)
        .map(|p| unit([p.first().copied().unwrap_or(0), p.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect()
}

/// Windows-1252 bytes 0x80–0x9F; the rest of the code page is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

pub fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH.get(usize::from(b - 0x80)).copied().unwrap_or('\u{fffd}'),
        _ => char::from(b),
    }
}

pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| windows_1252_char(b)).collect()
}

/// A byte in a Windows ANSI code page, as RTF's `\ansicpg` and font charsets
/// name them. Central European, Cyrillic, Greek, Turkish and Baltic cover the
/// CVs we see besides Western; anything else is read as Windows-1252.
pub fn code_page_char(code_page: u16, b: u8) -> char {
    let table = match code_page {
        1250 => &CP1250,
        1251 => &CP1251,
        1253 => &CP1253,
        1254 => &CP1254,
        1257 => &CP1257,
        _ => return windows_1252_char(b),
    };
    match b {
        0x80..=0xFF => table.get(usize::from(b - 0x80)).copied().unwrap_or('\u{fffd}'),
        _ => char::from(b),
    }
}

// Generated from Python's codecs; undefined bytes map to the C1 control of the same value.
/// Windows-1250, bytes 0x80–0xFF.
const CP1250: [char; 128] = [
    '€', '\u{81}', '‚', '\u{83}', '„', '…', '†', '‡', '\u{88}', '‰', 'Š', '‹', 'Ś', 'Ť', 'Ž', 'Ź', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', 'š', '›', 'ś', 'ť', 'ž', 'ź', '\u{a0}', 'ˇ', '˘', 'Ł',
    '¤', 'Ą', '¦', '§', '¨', '©', 'Ş', '«', '¬', '\u{ad}', '®', 'Ż', '°', '±', '˛', 'ł', '´', 'µ', '¶', '·',
    '¸', 'ą', 'ş', '»', 'Ľ', '˝', 'ľ', 'ż', 'Ŕ', 'Á', 'Â', 'Ă', 'Ä', 'Ĺ', 'Ć', 'Ç', 'Č', 'É', 'Ę', 'Ë', 'Ě',
    'Í', 'Î', 'Ď', 'Đ', 'Ń', 'Ň', 'Ó', 'Ô', 'Ő', 'Ö', '×', 'Ř', 'Ů', 'Ú', 'Ű', 'Ü', 'Ý', 'Ţ', 'ß', 'ŕ', 'á',
    'â', 'ă', 'ä', 'ĺ', 'ć', 'ç', 'č', 'é', 'ę', 'ë', 'ě', 'í', 'î', 'ď', 'đ', 'ń', 'ň', 'ó', 'ô', 'ő', 'ö',
    '÷', 'ř', 'ů', 'ú', 'ű', 'ü', 'ý', 'ţ', '˙',
];

/// Windows-1251, bytes 0x80–0xFF.
const CP1251: [char; 128] = [
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ', 'ђ', '‘', '’', '“', '”',
    '•', '–', '—', '\u{98}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ', '\u{a0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§',
    'Ё', '©', 'Є', '«', '¬', '\u{ad}', '®', 'Ї', '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»',
    'ј', 'Ѕ', 'ѕ', 'ї', 'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'Й', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р',
    'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'Ь', 'Э', 'Ю', 'Я', 'а', 'б', 'в', 'г', 'д', 'е',
    'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ',
    'ы', 'ь', 'э', 'ю', 'я',
];

/// Windows-1253, bytes 0x80–0xFF.
const CP1253: [char; 128] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', '\u{88}', '‰', '\u{8a}', '‹', '\u{8c}', '\u{8d}', '\u{8e}',
    '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', '\u{9a}', '›', '\u{9c}', '\u{9d}',
    '\u{9e}', '\u{9f}', '\u{a0}', '΅', 'Ά', '£', '¤', '¥', '¦', '§', '¨', '©', 'ª', '«', '¬', '\u{ad}', '®',
    '―', '°', '±', '²', '³', '΄', 'µ', '¶', '·', 'Έ', 'Ή', 'Ί', '»', 'Ό', '½', 'Ύ', 'Ώ', 'ΐ', 'Α', 'Β', 'Γ',
    'Δ', 'Ε', 'Ζ', 'Η', 'Θ', 'Ι', 'Κ', 'Λ', 'Μ', 'Ν', 'Ξ', 'Ο', 'Π', 'Ρ', 'Ò', 'Σ', 'Τ', 'Υ', 'Φ', 'Χ', 'Ψ',
    'Ω', 'Ϊ', 'Ϋ', 'ά', 'έ', 'ή', 'ί', 'ΰ', 'α', 'β', 'γ', 'δ', 'ε', 'ζ', 'η', 'θ', 'ι', 'κ', 'λ', 'μ', 'ν',
    'ξ', 'ο', 'π', 'ρ', 'ς', 'σ', 'τ', 'υ', 'φ', 'χ', 'ψ', 'ω', 'ϊ', 'ϋ', 'ό', 'ύ', 'ώ', 'ÿ',
];

/// Windows-1254, bytes 0x80–0xFF.
const CP1254: [char; 128] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', '\u{8e}', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', '\u{9e}', 'Ÿ', '\u{a0}',
    '¡', '¢', '£', '¤', '¥', '¦', '§', '¨', '©', 'ª', '«', '¬', '\u{ad}', '®', '¯', '°', '±', '²', '³', '´',
    'µ', '¶', '·', '¸', '¹', 'º', '»', '¼', '½', '¾', '¿', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Æ', 'Ç', 'È', 'É',
    'Ê', 'Ë', 'Ì', 'Í', 'Î', 'Ï', 'Ğ', 'Ñ', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', '×', 'Ø', 'Ù', 'Ú', 'Û', 'Ü', 'İ', 'Ş',
    'ß', 'à', 'á', 'â', 'ã', 'ä', 'å', 'æ', 'ç', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ğ', 'ñ', 'ò', 'ó',
    'ô', 'õ', 'ö', '÷', 'ø', 'ù', 'ú', 'û', 'ü', 'ı', 'ş', 'ÿ',
];

/// Windows-1257, bytes 0x80–0xFF.
const CP1257: [char; 128] = [
    '€', '\u{81}', '‚', '\u{83}', '„', '…', '†', '‡', '\u{88}', '‰', '\u{8a}', '‹', '\u{8c}', '¨', 'ˇ', '¸',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', '\u{9a}', '›', '\u{9c}', '¯', '˛', '\u{9f}',
    '\u{a0}', '¡', '¢', '£', '¤', '¥', '¦', '§', 'Ø', '©', 'Ŗ', '«', '¬', '\u{ad}', '®', 'Æ', '°', '±', '²',
    '³', '´', 'µ', '¶', '·', 'ø', '¹', 'ŗ', '»', '¼', '½', '¾', 'æ', 'Ą', 'Į', 'Ā', 'Ć', 'Ä', 'Å', 'Ę', 'Ē',
    'Č', 'É', 'Ź', 'Ė', 'Ģ', 'Ķ', 'Ī', 'Ļ', 'Š', 'Ń', 'Ņ', 'Ó', 'Ō', 'Õ', 'Ö', '×', 'Ų', 'Ł', 'Ś', 'Ū', 'Ü',
    'Ż', 'Ž', 'ß', 'ą', 'į', 'ā', 'ć', 'ä', 'å', 'ę', 'ē', 'č', 'é', 'ź', 'ė', 'ģ', 'ķ', 'ī', 'ļ', 'š', 'ń',
    'ņ', 'ó', 'ō', 'õ', 'ö', '÷', 'ų', 'ł', 'ś', 'ū', 'ü', 'ż', 'ž', '˙',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_nul_patterns_utf8_and_fallback() {
        let utf16le: Vec<u8> = "Zoë".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let utf16be: Vec<u8> = "Zoë".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode_text(&utf16le);
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë", "utf-16le"));
        let d = decode_text(&utf16be);
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë", "utf-16be"));
        let d = decode_text(b"\xEF\xBB\xBFZo\xC3\xAB");
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë", "utf-8"));
        let d = decode_text(b"Zo\xEB \x93quoted\x94 \x80");
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë “quoted” €", "windows-1252"));
    }

    #[test]
    fn code_pages_decode_their_letters() {
        assert_eq!(code_page_char(1251, 0xC8), 'И');
        assert_eq!(code_page_char(1250, 0x8A), 'Š');
        assert_eq!(code_page_char(1253, 0xC1), 'Α');
        assert_eq!(code_page_char(1254, 0xDE), 'Ş');
        assert_eq!(code_page_char(1257, 0xC0), 'Ą');
        assert_eq!(code_page_char(9999, 0xE9), 'é');
    }
}
