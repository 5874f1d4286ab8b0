//! Embedded font programs as a source of text, for fonts without ToUnicode.
//!
//! pdfTeX (Type 1 with the font's built-in encoding), some CFF subsets and
//! TrueType fonts used as symbolic or as CID fonts carry no ToUnicode map and
//! no usable /Encoding: only the font program says which glyph a code
//! draws. This module reads just that: the clear-text `/Encoding` of a Type 1
//! program, the encoding and charset names of a CFF font, and the `cmap` and
//! `post` tables of a TrueType/OpenType font (through `ttf-parser`). Glyph
//! names become text through the Adobe Glyph List (`encodings`).
//!
//! Font programs are hostile input like everything else: a truncated or
//! lying program yields `None` or fewer entries (the caller falls back to the
//! standard encodings), every loop is bounded, and the work is charged.

use super::encodings::glyph_name_to_text;
use crate::error::Result;
use crate::limits::Budget;
use std::collections::HashMap;
use ttf_parser::{GlyphId, PlatformId};

/// Most Unicode code points read from one cmap subtable when inverting it
/// (a hostile format-12 group can span the whole Unicode range).
const MAX_CMAP_CODEPOINTS: u32 = 131_072;

/// Code → glyph name from a Type 1 program's clear-text `/Encoding`
/// (`dup <code> /<name> put` entries). `None` when the program uses
/// StandardEncoding or has no readable encoding.
pub fn type1_encoding(program: &[u8], budget: &mut Budget) -> Result<Option<Vec<(u8, String)>>> {
    // The encoding sits in the clear-text part, before `eexec`.
    let clear = match find(program, b"eexec") {
        Some(end) => program.get(..end).unwrap_or(program),
        None => program,
    };
    let Some(start) = find(clear, b"/Encoding") else { return Ok(None) };
    let rest = clear.get(start + b"/Encoding".len()..).unwrap_or_default();
    budget.spend(rest.len() as u64 / 16)?;
    let tokens = rest.split(|b| b.is_ascii_whitespace() || *b == b'[' || *b == b']').filter(|t| !t.is_empty());
    let mut entries = Vec::new();
    let mut window: [&[u8]; 3] = [b"", b"", b""];
    for (i, token) in tokens.enumerate() {
        if i == 0 && token == b"StandardEncoding" {
            return Ok(None);
        }
        if token == b"def" {
            break;
        }
        if token == b"put" && window[0] == b"dup" {
            let code = std::str::from_utf8(window[1]).ok().and_then(|c| c.parse::<u8>().ok());
            let name = window[2].strip_prefix(b"/").and_then(|n| std::str::from_utf8(n).ok());
            if let (Some(code), Some(name)) = (code, name) {
                entries.push((code, name.to_string()));
            }
        }
        window = [window[1], window[2], token];
        if entries.len() > 256 || i > 8192 {
            break;
        }
    }
    Ok((!entries.is_empty()).then_some(entries))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Code → glyph name from a bare CFF font (`FontFile3` /Type1C): its
/// encoding, through its charset.
pub fn cff_encoding(program: &[u8], budget: &mut Budget) -> Result<Option<Vec<(u8, String)>>> {
    budget.spend(program.len() as u64 / 64 + 256)?;
    let Some(table) = ttf_parser::cff::Table::parse(program) else { return Ok(None) };
    let entries: Vec<(u8, String)> = (0u8..=255)
        .filter_map(|code| {
            let gid = table.glyph_index(code)?;
            let name = table.glyph_name(gid).filter(|n| *n != ".notdef")?;
            Some((code, name.to_string()))
        })
        .collect();
    Ok((!entries.is_empty()).then_some(entries))
}

/// Glyph ID → text from a font program's own tables, for fonts whose codes
/// name glyphs (TrueType simple fonts without an encoding, CID fonts without
/// ToUnicode).
#[derive(Debug, Clone, Default)]
pub struct GlyphText {
    by_gid: HashMap<u16, String>,
    /// Code → glyph ID through the symbol or Mac cmap, for simple TrueType fonts.
    by_code: HashMap<u8, u16>,
}

impl GlyphText {
    /// Read a TrueType/OpenType font (or a bare CFF one) program.
    pub fn parse(program: &[u8], budget: &mut Budget) -> Result<Option<GlyphText>> {
        budget.spend(program.len() as u64 / 64 + 256)?;
        if let Ok(face) = ttf_parser::RawFace::parse(program, 0) {
            return Self::from_sfnt(&face, budget);
        }
        let Some(table) = ttf_parser::cff::Table::parse(program) else { return Ok(None) };
        let mut out = GlyphText::default();
        for gid in 0..table.number_of_glyphs() {
            budget.spend(1)?;
            if let Some(text) = table.glyph_name(GlyphId(gid)).and_then(name_text) {
                out.by_gid.insert(gid, text);
            }
        }
        Ok((!out.by_gid.is_empty()).then_some(out))
    }

    fn from_sfnt(face: &ttf_parser::RawFace<'_>, budget: &mut Budget) -> Result<Option<GlyphText>> {
        let mut out = GlyphText::default();
        let table = |tag: &[u8; 4]| face.table(ttf_parser::Tag::from_bytes(tag));
        // Glyph names first: they say what a glyph is even when the cmap
        // sends several code points (or none) to it.
        let glyph_count = table(b"maxp").and_then(ttf_parser::maxp::Table::parse).map_or(0, |m| m.number_of_glyphs.get());
        if let Some(post) = table(b"post").and_then(ttf_parser::post::Table::parse) {
            for gid in 0..glyph_count {
                budget.spend(1)?;
                if let Some(text) = post.glyph_name(GlyphId(gid)).and_then(name_text) {
                    out.by_gid.insert(gid, text);
                }
            }
        } else if let Some(cff) = table(b"CFF ").and_then(ttf_parser::cff::Table::parse) {
            for gid in 0..cff.number_of_glyphs() {
                budget.spend(1)?;
                if let Some(text) = cff.glyph_name(GlyphId(gid)).and_then(name_text) {
                    out.by_gid.insert(gid, text);
                }
            }
        }
        let Some(cmap) = table(b"cmap").filter(|data| cmap_counts_fit(data)).and_then(ttf_parser::cmap::Table::parse) else {
            return Ok((!out.by_gid.is_empty()).then_some(out));
        };
        // Unicode subtables, inverted, fill what the names left open.
        for subtable in cmap.subtables {
            if !subtable.is_unicode() && subtable.platform_id != PlatformId::Windows {
                continue;
            }
            let mut seen = 0u32;
            let mut pairs: Vec<(u16, char)> = Vec::new();
            subtable.codepoints(|cp| {
                seen = seen.saturating_add(1);
                if seen > MAX_CMAP_CODEPOINTS {
                    return;
                }
                if let (Some(gid), Some(c)) = (subtable.glyph_index(cp), char::from_u32(cp)) {
                    pairs.push((gid.0, c));
                }
            });
            budget.spend(u64::from(seen.min(MAX_CMAP_CODEPOINTS)))?;
            // A glyph reached from several code points keeps the lowest (the
            // plain letter rather than a compatibility form).
            crate::sort::sort(&mut pairs);
            for (gid, c) in pairs {
                out.by_gid.entry(gid).or_insert_with(|| super::encodings::expand_ligatures(&c.to_string()));
            }
        }
        // Code → glyph for simple fonts: the (3,0) symbol cmap (codes at
        // U+F000 + code or at the code itself), else the (1,0) Mac cmap.
        for subtable in cmap.subtables {
            let symbol = subtable.platform_id == PlatformId::Windows && subtable.encoding_id == 0;
            let mac = subtable.platform_id == PlatformId::Macintosh && subtable.encoding_id == 0;
            if !symbol && !mac {
                continue;
            }
            for code in 0u8..=255 {
                let gid = if symbol {
                    subtable.glyph_index(0xF000 + u32::from(code)).or_else(|| subtable.glyph_index(u32::from(code)))
                } else {
                    subtable.glyph_index(u32::from(code))
                };
                if let Some(gid) = gid.filter(|g| g.0 != 0) {
                    out.by_code.entry(code).or_insert(gid.0);
                }
            }
        }
        Ok((!out.by_gid.is_empty() || !out.by_code.is_empty()).then_some(out))
    }

    /// Text of a glyph.
    pub fn glyph(&self, gid: u16) -> Option<&str> {
        self.by_gid.get(&gid).map(String::as_str)
    }

    /// Text of a simple font's code through the symbol/Mac cmap.
    pub fn code(&self, code: u8) -> Option<Option<&str>> {
        self.by_code.get(&code).map(|gid| self.glyph(*gid))
    }

    pub fn has_codes(&self) -> bool {
        !self.by_code.is_empty()
    }
}

/// Text for a glyph name, ignoring the generic names of subsetters and
/// converters (`glyph123`, `g45`, `cid00012`, `.notdef`), which say nothing.
fn name_text(name: &str) -> Option<String> {
    if name.is_empty() || name.starts_with('.') {
        return None;
    }
    glyph_name_to_text(name).filter(|t| !t.is_empty())
}

/// Every 32-bit count in the cmap's subtable headers (formats 8, 10, 12, 13 and 14) fits in the
/// table: a hostile count would have ttf-parser compute a length past 4 GiB, which its debug
/// builds assert against (release builds only find the data missing).
fn cmap_counts_fit(data: &[u8]) -> bool {
    let u16_at = |at: usize| data.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |at: usize| data.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let Some(tables) = u16_at(2) else { return false };
    (0..usize::from(tables)).all(|i| {
        let Some(offset) = u32_at(4 + i * 8 + 4).map(|o| o as usize) else { return false };
        // (where the count stands, bytes per counted entry)
        let count_at = match u16_at(offset) {
            Some(8) => Some((offset + 12 + 8192, 12)),
            Some(10) => Some((offset + 16, 2)),
            Some(12 | 13) => Some((offset + 12, 12)),
            Some(14) => Some((offset + 6, 11)),
            Some(_) => None,
            None => return false,
        };
        count_at.is_none_or(|(at, size)| u32_at(at).is_some_and(|n| (at as u64 + 4 + u64::from(n) * size) <= data.len() as u64))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn reads_a_type1_clear_text_encoding() {
        let mut budget = Budget::new(&Limits::default());
        let program = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
            dup 11 /ff put\ndup 123 /endash put\ndup 127 /dieresis put\nreadonly def\ncurrentfile eexec\n\x80\x01garbage";
        let entries = type1_encoding(program, &mut budget).unwrap().unwrap();
        assert_eq!(
            entries,
            vec![(11, "ff".to_string()), (123, "endash".to_string()), (127, "dieresis".to_string())]
        );
        let standard = b"/Encoding StandardEncoding def currentfile eexec";
        assert_eq!(type1_encoding(standard, &mut budget).unwrap(), None);
    }

    #[test]
    fn lying_or_truncated_programs_are_fallbacks() {
        let mut budget = Budget::new(&Limits::default());
        for program in [
            &b""[..],
            b"/Encoding",
            b"/Encoding 256 array dup 300 /a put dup -1 /b put dup x /c put dup 5 d put",
            b"\x80\x01\x00\x00",
            b"true\x00\x01\x00\x00\x00\x0c\x00\x00cmap",
            b"\x01\x00\x04\x02\xff\xff\xff\xff",
        ] {
            assert_eq!(type1_encoding(program, &mut budget).unwrap(), None);
            assert_eq!(cff_encoding(program, &mut budget).unwrap(), None);
            assert!(GlyphText::parse(program, &mut budget).unwrap().is_none());
        }
    }
}
