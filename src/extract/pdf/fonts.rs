//! Fonts: character codes → Unicode text and advance widths.
//!
//! Covers simple fonts (Type1, TrueType, MMType1, Type3) with base encodings
//! and Differences, composite Type0 fonts with Identity and embedded CMaps,
//! ToUnicode maps (preferred whenever they map a code), the embedded font
//! program's own encoding or cmap when there is no ToUnicode (`fontfile`),
//! widths from /Widths, CID /W arrays, /DW, or standard-14 metrics, and the
//! style hints (bold, italic) that the layout stage and later section
//! detection use. Glyphs of icon fonts and private-use code points are
//! marked as icons (`icons`).

use super::cmap::CMap;
use super::encodings::{glyph_name_to_text, BaseEncoding};
use super::fontfile::{self, GlyphText};
use super::icons;
use super::metrics::standard_width;
use super::objects::{dict_entry, name, number, numbers, resolve, resolve_opt, stream_data};
use crate::error::{ErrorCode, Result};
use crate::limits::Budget;
use pdf::object::Resolve;
use pdf::primitive::{Dictionary, Primitive};
use std::collections::HashMap;

/// Most entries read from one /W or /Widths array.
const MAX_WIDTH_ENTRIES: usize = 65_536;

/// One decoded character code.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedCode {
    pub text: String,
    /// Advance in text-space units per unit of font size (1/1000 em for most fonts).
    pub width: f32,
    /// Single-byte code 32: word spacing (Tw) applies.
    pub is_word_space: bool,
    /// How many bytes of the shown string the code took (what a redactor cuts out).
    pub bytes: usize,
}

#[derive(Debug, Clone)]
enum Codes {
    /// One byte per code; text from the 256-entry table.
    Simple { table: Vec<Option<String>> },
    /// Type0: codes split by a CMap (Identity when `cmap` is `None`);
    /// `glyphs` gives text by glyph ID from the embedded font program when
    /// there is no ToUnicode, reached through `cid_to_gid` (Identity when `None`).
    Composite { cmap: Option<CMap>, unicode_codes: bool, glyphs: Option<GlyphText>, cid_to_gid: Option<Vec<u16>> },
}

/// A font ready to decode shown strings.
#[derive(Debug, Clone)]
pub struct Font {
    codes: Codes,
    to_unicode: Option<CMap>,
    /// Widths by code (simple) or CID (composite), in glyph space.
    widths: HashMap<u32, f32>,
    cid_ranges: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// Glyph space → text space scale (0.001, or FontMatrix[0] for Type3).
    scale: f32,
    base_name: String,
    pub bold: bool,
    pub italic: bool,
    pub vertical: bool,
    /// Every glyph draws an icon, not a letter (FontAwesome and the like).
    icon_font: bool,
    /// Width of a space in text-space units per unit of font size.
    pub space_width: f32,
    /// Non-fatal problems as stable codes.
    pub warnings: Vec<&'static str>,
}

fn strip_subset_prefix(name: &str) -> &str {
    match name.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 && prefix.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// Bold/italic hints from a PostScript font name.
pub fn style_from_name(name: &str) -> (bool, bool) {
    let lower = name.to_ascii_lowercase();
    let bold = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|k| lower.contains(k));
    let italic = lower.contains("italic") || lower.contains("oblique");
    (bold, italic)
}

impl Font {
    /// A stand-in used when a font cannot be read: Latin text with 500-unit widths.
    pub fn fallback() -> Font {
        let table = (0u8..=255).map(|c| BaseEncoding::WinAnsi.char_for(c).map(String::from)).collect();
        Font {
            codes: Codes::Simple { table },
            to_unicode: None,
            widths: HashMap::new(),
            cid_ranges: Vec::new(),
            default_width: 500.0,
            scale: 0.001,
            base_name: String::new(),
            bold: false,
            italic: false,
            vertical: false,
            icon_font: false,
            space_width: 0.25,
            warnings: vec!["unreadable_font"],
        }
    }

    /// Load a font dictionary.
    pub fn load(r: &impl Resolve, dict: &Dictionary, budget: &mut Budget) -> Result<Font> {
        budget.spend(64)?;
        let subtype = dict.get("Subtype").and_then(name).unwrap_or("Type1").to_string();
        let base_name = strip_subset_prefix(dict.get("BaseFont").and_then(name).unwrap_or("")).to_string();
        let mut warnings = Vec::new();

        let to_unicode = match resolve_opt(r, dict.get("ToUnicode"), budget)? {
            Some(Primitive::Stream(s)) => match stream_data(r, &s, budget) {
                Ok(data) => Some(CMap::parse(&data, budget)?).filter(CMap::has_unicode),
                Err(e) if e.code == ErrorCode::LimitExceeded => return Err(e),
                Err(_) => None,
            },
            _ => None,
        };

        let program_text = to_unicode.is_none();
        let mut font = if subtype == "Type0" {
            Self::load_composite(r, dict, &base_name, program_text, budget, &mut warnings)?
        } else {
            Self::load_simple(r, dict, &subtype, &base_name, program_text, budget, &mut warnings)?
        };
        font.to_unicode = to_unicode;
        font.icon_font = icons::is_icon_font(&base_name);
        font.base_name = base_name;
        font.warnings.extend(warnings);
        if let Codes::Composite { unicode_codes: false, glyphs: None, .. } = font.codes {
            if font.to_unicode.is_none() && !font.icon_font {
                font.warnings.push("cid_font_without_unicode_map");
            }
        }
        font.space_width = font.measure_space();
        Ok(font)
    }

    fn load_simple(
        r: &impl Resolve,
        dict: &Dictionary,
        subtype: &str,
        base_name: &str,
        program_text: bool,
        budget: &mut Budget,
        warnings: &mut Vec<&'static str>,
    ) -> Result<Font> {
        let descriptor = dict_entry(r, dict, "FontDescriptor", budget)?;
        let symbolic =
            descriptor.as_ref().and_then(|d| d.get("Flags")).and_then(number).is_some_and(|f| (f as i64) & 4 != 0);
        let lower = base_name.to_ascii_lowercase();
        let mut base = if lower.starts_with("symbol") {
            BaseEncoding::Symbol
        } else if lower.starts_with("zapfdingbats") {
            BaseEncoding::ZapfDingbats
        } else if subtype == "TrueType" || symbolic {
            BaseEncoding::WinAnsi
        } else {
            BaseEncoding::Standard
        };
        let mut differences: HashMap<u8, String> = HashMap::new();
        // Without a named base encoding the font program's own applies.
        let mut builtin_applies = true;
        match resolve_opt(r, dict.get("Encoding"), budget)? {
            Some(Primitive::Name(n)) => {
                if let Some(b) = BaseEncoding::from_name(n.as_bytes()) {
                    base = b;
                    builtin_applies = false;
                }
            }
            Some(Primitive::Dictionary(enc)) => {
                if let Some(b) =
                    enc.get("BaseEncoding").and_then(name).and_then(|n| BaseEncoding::from_name(n.as_bytes()))
                {
                    base = b;
                    builtin_applies = false;
                }
                if let Some(Primitive::Array(items)) = resolve_opt(r, enc.get("Differences"), budget)? {
                    budget.spend(items.len() as u64)?;
                    let mut code: i64 = 0;
                    for item in &items {
                        match item {
                            Primitive::Integer(i) => code = i64::from(*i),
                            Primitive::Number(n) => code = *n as i64,
                            Primitive::Name(glyph) => {
                                if let Ok(byte) = u8::try_from(code) {
                                    differences.insert(byte, glyph.to_string());
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        let builtin = match (program_text && builtin_applies, descriptor.as_ref()) {
            // TrueType codes name glyphs only in symbolic fonts; others use a standard encoding.
            (true, Some(d)) if subtype != "TrueType" || symbolic => builtin_encoding(r, d, budget)?,
            _ => None,
        };
        let (builtin_names, builtin_text) = match builtin {
            Some(Builtin::Names(names)) => (names, HashMap::new()),
            Some(Builtin::Text(text)) => (HashMap::new(), text),
            None => (HashMap::new(), HashMap::new()),
        };
        // An icon font's glyph names say which icons are bullets.
        let icon_font = icons::is_icon_font(base_name);
        let table: Vec<Option<String>> = (0u8..=255)
            .map(|c| match differences.get(&c).or_else(|| builtin_names.get(&c)) {
                Some(glyph) if icon_font => Some(icons::named(glyph).to_string()),
                Some(glyph) => glyph_name_to_text(glyph),
                None if icon_font => Some(icons::by_code(base_name, c).to_string()),
                None => builtin_text.get(&c).cloned().or_else(|| base.char_for(c).map(String::from)),
            })
            .collect();

        let is_type3 = subtype == "Type3";
        let scale = if is_type3 {
            let m = numbers(r, dict.get("FontMatrix"), budget)?;
            m.first().copied().filter(|v| v.is_finite() && *v != 0.0).map_or(0.001, |v| v.abs())
        } else {
            0.001
        };
        let first_char = dict.get("FirstChar").and_then(number).unwrap_or(0.0).max(0.0) as u32;
        let widths_list = numbers(r, dict.get("Widths"), budget)?;
        let mut widths = HashMap::new();
        for (i, w) in widths_list.iter().take(MAX_WIDTH_ENTRIES).enumerate() {
            widths.insert(first_char.saturating_add(i as u32), *w);
        }
        let missing = descriptor.as_ref().and_then(|d| d.get("MissingWidth")).and_then(number).unwrap_or(0.0);
        let mut font = Font {
            codes: Codes::Simple { table },
            to_unicode: None,
            widths,
            cid_ranges: Vec::new(),
            default_width: missing,
            scale,
            base_name: base_name.to_string(),
            bold: false,
            italic: false,
            vertical: false,
            icon_font: false,
            space_width: 0.25,
            warnings: Vec::new(),
        };
        if widths_list.is_empty() {
            if standard_width(base_name, Some('a')).is_some() {
                // Unembedded standard font: widths come from its metrics.
                let codes: Vec<(u32, f32)> = (0u32..=255)
                    .map(|c| (c, standard_width(base_name, font.simple_char(c)).unwrap_or(500.0)))
                    .collect();
                font.widths.extend(codes);
            } else {
                warnings.push("missing_font_widths");
                font.default_width = if is_type3 { 500.0 } else { 500.0_f32.max(missing) };
            }
        }
        font.apply_style(base_name, descriptor.as_ref());
        Ok(font)
    }

    fn simple_char(&self, code: u32) -> Option<char> {
        match &self.codes {
            Codes::Simple { table } => table.get(code as usize)?.as_ref()?.chars().next(),
            Codes::Composite { .. } => None,
        }
    }

    fn load_composite(
        r: &impl Resolve,
        dict: &Dictionary,
        base_name: &str,
        program_text: bool,
        budget: &mut Budget,
        warnings: &mut Vec<&'static str>,
    ) -> Result<Font> {
        let mut vertical = false;
        let mut unicode_codes = false;
        let cmap = match resolve_opt(r, dict.get("Encoding"), budget)? {
            Some(Primitive::Name(n)) => {
                let n = n.as_str();
                vertical = n.ends_with("-V");
                // Unicode-keyed predefined CMaps: the code is the character.
                unicode_codes = n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16"));
                if !n.starts_with("Identity") && !unicode_codes {
                    warnings.push("unsupported_predefined_cmap");
                }
                None
            }
            Some(Primitive::Stream(s)) => {
                let data = stream_data(r, &s, budget)?;
                let cmap = CMap::parse(&data, budget)?;
                vertical = cmap.vertical || s.info.get("WMode").and_then(number) == Some(1.0);
                Some(cmap)
            }
            _ => None,
        };
        let descendant = match resolve_opt(r, dict.get("DescendantFonts"), budget)? {
            Some(Primitive::Array(items)) => match items.first() {
                Some(first) => super::objects::as_dict(resolve(r, first, budget)?),
                None => None,
            },
            _ => None,
        }
        .unwrap_or_default();
        let descriptor = dict_entry(r, &descendant, "FontDescriptor", budget)?;
        let default_width = descendant.get("DW").and_then(number).unwrap_or(1000.0);
        let (glyphs, cid_to_gid) = match (program_text && !unicode_codes, descriptor.as_ref()) {
            (true, Some(d)) => match program_glyphs(r, d, budget)? {
                Some(glyphs) => (Some(glyphs), cid_to_gid_map(r, &descendant, budget)?),
                None => (None, None),
            },
            _ => (None, None),
        };
        let mut font = Font {
            codes: Codes::Composite { cmap, unicode_codes, glyphs, cid_to_gid },
            to_unicode: None,
            widths: HashMap::new(),
            cid_ranges: Vec::new(),
            default_width,
            scale: 0.001,
            base_name: base_name.to_string(),
            bold: false,
            italic: false,
            vertical,
            icon_font: false,
            space_width: 0.25,
            warnings: Vec::new(),
        };
        font.read_cid_widths(r, &descendant, budget)?;
        font.apply_style(base_name, descriptor.as_ref());
        Ok(font)
    }

    /// `/W [c [w1 w2 …] cfirst clast w …]`.
    fn read_cid_widths(&mut self, r: &impl Resolve, descendant: &Dictionary, budget: &mut Budget) -> Result<()> {
        let Some(Primitive::Array(items)) = resolve_opt(r, descendant.get("W"), budget)? else { return Ok(()) };
        budget.spend(items.len() as u64)?;
        let mut i = 0;
        let mut entries = 0usize;
        while i < items.len() && entries < MAX_WIDTH_ENTRIES {
            let Some(first) = items.get(i).and_then(number) else { break };
            let first = first.max(0.0) as u32;
            match items.get(i + 1) {
                Some(list @ (Primitive::Array(_) | Primitive::Reference(_))) => {
                    let widths = numbers(r, Some(list), budget)?;
                    for (k, w) in widths.iter().enumerate().take(MAX_WIDTH_ENTRIES) {
                        self.widths.insert(first.saturating_add(k as u32), *w);
                    }
                    entries = entries.saturating_add(widths.len().max(1));
                    i += 2;
                }
                Some(last) => {
                    let last = number(last).unwrap_or(0.0).max(0.0) as u32;
                    let w = items.get(i + 2).and_then(number).unwrap_or(self.default_width);
                    if last >= first {
                        self.cid_ranges.push((first, last, w));
                    }
                    entries += 1;
                    i += 3;
                }
                None => break,
            }
        }
        Ok(())
    }

    fn apply_style(&mut self, base_name: &str, descriptor: Option<&Dictionary>) {
        let (mut bold, mut italic) = style_from_name(base_name);
        if let Some(d) = descriptor {
            let flags = d.get("Flags").and_then(number).unwrap_or(0.0) as i64;
            italic |= flags & (1 << 6) != 0;
            bold |= flags & (1 << 18) != 0;
            bold |= d.get("FontWeight").and_then(number).is_some_and(|w| w >= 600.0);
            italic |= d.get("ItalicAngle").and_then(number).is_some_and(|a| a.abs() > 1.0);
        }
        self.bold = bold;
        self.italic = italic;
    }

    fn width_of(&self, key: u32) -> f32 {
        if let Some(w) = self.widths.get(&key) {
            return *w;
        }
        self.cid_ranges.iter().find(|(lo, hi, _)| *lo <= key && key <= *hi).map_or(self.default_width, |(_, _, w)| *w)
    }

    fn measure_space(&self) -> f32 {
        let from_font = match &self.codes {
            Codes::Simple { .. } => {
                let w = self.width_of(32);
                (w > 0.0).then_some(w)
            }
            Codes::Composite { .. } => None,
        };
        let fallback = standard_width(&self.base_name, Some(' ')).unwrap_or(250.0);
        (from_font.unwrap_or(fallback) * self.scale).clamp(0.05, 1.0)
    }

    /// Decode a shown string into codes with text and widths.
    pub fn decode(&self, bytes: &[u8], budget: &mut Budget) -> Result<Vec<DecodedCode>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            budget.spend(1)?;
            let rest = bytes.get(pos..).unwrap_or_default();
            let (code, len, fallback_text, width_key) = match &self.codes {
                Codes::Simple { table } => {
                    let code = u32::from(rest.first().copied().unwrap_or(0));
                    let text = table.get(code as usize).cloned().flatten();
                    (code, 1, text, code)
                }
                Codes::Composite { cmap, unicode_codes, glyphs, cid_to_gid } => {
                    let (code, len) = match cmap {
                        Some(cmap) if cmap.has_codespaces() => cmap.next_code(rest, 2),
                        _ => {
                            let len = 2.min(rest.len());
                            (
                                rest.get(..len).unwrap_or_default().iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)),
                                len,
                            )
                        }
                    };
                    let cid = cmap.as_ref().and_then(|c| c.cid(code)).unwrap_or(code);
                    let text = if *unicode_codes {
                        char::from_u32(code).map(String::from)
                    } else {
                        glyphs.as_ref().and_then(|g| {
                            let gid = match cid_to_gid {
                                Some(map) => *map.get(cid as usize)?,
                                None => u16::try_from(cid).ok()?,
                            };
                            g.glyph(gid).map(String::from)
                        })
                    };
                    (code, len, text, cid)
                }
            };
            let taken = len.max(1).min(rest.len()).max(1);
            pos += len.max(1);
            let text = self.to_unicode.as_ref().and_then(|m| m.unicode(code)).or(fallback_text).unwrap_or_default();
            let text = icons::mark(clean_text(text), self.icon_font);
            let width = self.width_of(width_key) * self.scale;
            out.push(DecodedCode { text, width, is_word_space: len == 1 && code == 32, bytes: taken });
        }
        Ok(out)
    }
}

/// Most entries read from a /CIDToGIDMap stream (two bytes per CID).
const MAX_CID_TO_GID: usize = 65_536;

/// The embedded font program of a descriptor, with its kind.
fn font_program(
    r: &impl Resolve,
    descriptor: &Dictionary,
    budget: &mut Budget,
) -> Result<Option<(&'static str, Vec<u8>)>> {
    for key in ["FontFile", "FontFile2", "FontFile3"] {
        let Some(Primitive::Stream(s)) = resolve_opt(r, descriptor.get(key), budget)? else { continue };
        let kind = match (key, s.info.get("Subtype").and_then(name)) {
            ("FontFile", _) => "Type1",
            ("FontFile2", _) | (_, Some("OpenType")) => "TrueType",
            (_, Some("Type1C")) => "Type1C",
            _ => "CFF",
        };
        return match stream_data(r, &s, budget) {
            Ok(data) => Ok(Some((kind, data))),
            Err(e) if e.code == ErrorCode::LimitExceeded => Err(e),
            Err(_) => Ok(None),
        };
    }
    Ok(None)
}

/// What an embedded simple font's program says about its codes.
enum Builtin {
    /// Glyph names of the built-in encoding (Type 1, CFF). A code the
    /// program names but Unicode does not know gets no text rather than a guess.
    Names(HashMap<u8, String>),
    /// Text through the symbol/Mac cmap (TrueType), for the codes it reaches.
    Text(HashMap<u8, String>),
}

fn builtin_encoding(r: &impl Resolve, descriptor: &Dictionary, budget: &mut Budget) -> Result<Option<Builtin>> {
    let Some((kind, program)) = font_program(r, descriptor, budget)? else { return Ok(None) };
    let names = match kind {
        "Type1" => fontfile::type1_encoding(&program, budget)?,
        "Type1C" => fontfile::cff_encoding(&program, budget)?,
        _ => {
            let Some(glyphs) = GlyphText::parse(&program, budget)? else { return Ok(None) };
            let text: HashMap<u8, String> =
                (0u8..=255).filter_map(|c| Some((c, glyphs.code(c)??.to_string()))).collect();
            return Ok((!text.is_empty()).then_some(Builtin::Text(text)));
        }
    };
    Ok(names.map(|names| Builtin::Names(names.into_iter().collect())))
}

/// Text by glyph ID from a CID font's embedded program.
fn program_glyphs(r: &impl Resolve, descriptor: &Dictionary, budget: &mut Budget) -> Result<Option<GlyphText>> {
    match font_program(r, descriptor, budget)? {
        Some((_, program)) => GlyphText::parse(&program, budget),
        None => Ok(None),
    }
}

/// /CIDToGIDMap as a table, or `None` for Identity (also the default).
fn cid_to_gid_map(r: &impl Resolve, descendant: &Dictionary, budget: &mut Budget) -> Result<Option<Vec<u16>>> {
    let Some(Primitive::Stream(s)) = resolve_opt(r, descendant.get("CIDToGIDMap"), budget)? else { return Ok(None) };
    let data = match stream_data(r, &s, budget) {
        Ok(data) => data,
        Err(e) if e.code == ErrorCode::LimitExceeded => return Err(e),
        Err(_) => return Ok(None),
    };
    budget.spend(data.len() as u64 / 16)?;
    Ok(Some(
        data.chunks_exact(2).take(MAX_CID_TO_GID).map(|p| u16::from_be_bytes([p[0], p[1]])).collect(),
    ))
}

/// Tabs and line breaks act as spaces; other control characters (from
/// encodings that map codes below 32 to themselves) are not text.
fn clean_text(text: String) -> String {
    if !text.chars().any(char::is_control) {
        return text;
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\r' | '\n' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_comes_from_names() {
        assert_eq!(style_from_name("Arial-BoldMT"), (true, false));
        assert_eq!(style_from_name("Helvetica-Oblique"), (false, true));
        assert_eq!(style_from_name("Lato-Black"), (true, false));
        assert_eq!(style_from_name("Calibri"), (false, false));
        assert_eq!(strip_subset_prefix("ABCDEF+Calibri-Bold"), "Calibri-Bold");
        assert_eq!(clean_text("a\u{1}\tb".to_string()), "a b");
    }
}
