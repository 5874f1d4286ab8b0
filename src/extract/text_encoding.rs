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
}
