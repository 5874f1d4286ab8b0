//! RTF: text rewritten in the groups where it lives, the `\info` group (author, operator, title,
//! company…) dropped, `HYPERLINK` field instructions searched like text, and from `moderate` on a
//! portrait `\pict` near the top dropped. The text of destinations a reader does not print
//! (LibreOffice's page-style table keeps a copy of each header, say) is searched too.
//!
//! The extractor's reader decodes; this scan keeps, for every character, the bytes that write it
//! (a literal byte, a `\'hh` escape, a `\uN` with its fallback), so an edit changes exactly those
//! and every control word around them stays. A replacement is written as a group (`{…}`), so it
//! cannot run into a control word before it; a deletion right after a control word leaves a space
//! (its delimiter) for the same reason.

use std::collections::BTreeSet;

use super::locate::{apply, Edit, Needles, Source};
use super::package::is_portrait_frame;
use super::{RedactInput, Rendered};
use crate::error::{Error, Result};
use crate::extract::text_encoding::code_page_char;
use crate::limits::Budget;

/// Destinations that hold no printed text.
const SKIPPED: &[&str] = &[
    "fonttbl", "colortbl", "stylesheet", "pict", "object", "themedata", "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "listtable",
    "listoverridetable", "rsidtbl", "revtbl", "pn", "bkmkstart", "bkmkend", "xe", "tc", "shprslt", "nonshppict", "sp", "fldtype", "datafield",
    "annotation", "atnid", "atnauthor", "template", "filetbl", "mmathPr", "pgdsctbl", "wgrffmtfilter", "falt", "panose", "fontemb", "fontfile",
    "userprops", "docvar", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "generator", "listtext", "pntext",
];
/// `\picwgoal`/`\pichgoal` are in twips.
const TWIPS_PER_CM: f64 = 566.93;

/// Destinations of hex data.
const BLOBS: &[&str] = &["pict", "objdata", "themedata", "datastore", "colorschememapping", "blipuid", "fontemb", "fontfile", "panose", "passwordhash"];
/// Groups dropped whole: document properties, comments, revision tables and user properties.
const DROPPED: &[&str] = &["info", "annotation", "atnid", "atnauthor", "atndate", "revtbl", "userprops", "docvar"];

#[derive(Clone, Copy, Default)]
struct Group {
    /// Not printed text: searched on its own all the same (a reader of the file sees it).
    skip: bool,
    /// Binary data written as hex: never text.
    blob: bool,
    instruction: bool,
    uc: usize,
    /// Where the group opened, and whether its first control word is still to come.
    start: usize,
    first: bool,
    starred: bool,
    picture: Option<(i64, i64)>,
}

pub fn redact(bytes: &[u8], input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    let scan = scan(bytes, budget)?;
    let mut edits: Vec<Edit> = scan.dropped.iter().map(|&(s, e)| Edit::delete(s, e)).collect();
    for (source, body) in &scan.sources {
        edits.extend(if *body { needles.locate_body(source, budget)? } else { needles.locate(source, budget)? });
    }
    let mut photos_removed = 0;
    if input.removes_photos() {
        let total = scan.chars.max(1) as f64;
        for &(start, end, w, h, at, fallback) in &scan.pictures {
            if is_portrait_frame(w as f64 / TWIPS_PER_CM, h as f64 / TWIPS_PER_CM, at as f64 / total) {
                edits.push(Edit::delete(start, end));
                photos_removed += usize::from(!fallback);
            }
        }
    }
    for e in edits.iter_mut() {
        e.text = if e.text.is_empty() {
            if scan.after_word.contains(&e.start) { " ".into() } else { String::new() }
        } else {
            format!("{{{}}}", escape(&e.text))
        };
    }
    Ok(Rendered { bytes: apply(bytes, edits, |s| s.to_string()), photos_removed })
}

struct Scan {
    /// Paragraphs of text (`true`: the extractor reads them), of destinations not printed, and
    /// field instructions.
    sources: Vec<(Source, bool)>,
    /// Groups to drop whole.
    dropped: Vec<(usize, usize)>,
    /// Pictures: range, size, text characters before them, whether inside `\nonshppict`.
    pictures: Vec<(usize, usize, i64, i64, usize, bool)>,
    chars: usize,
    /// Offsets right after a control word that had no delimiter space.
    after_word: BTreeSet<usize>,
}

fn scan(bytes: &[u8], budget: &mut Budget) -> Result<Scan> {
    let mut out = Scan { sources: Vec::new(), dropped: Vec::new(), pictures: Vec::new(), chars: 0, after_word: BTreeSet::new() };
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { uc: 1, ..Group::default() };
    let mut paragraph = Source::default();
    let mut hidden = Source::default();
    let mut instructions: Vec<Source> = Vec::new();
    let mut fallback_depth: Option<usize> = None;
    let mut code_page = 1252u16;
    let mut skip_fallback = 0usize;
    let mut pos = 0usize;
    budget.spend(bytes.len() as u64 / 16)?;
    while let Some(&b) = bytes.get(pos) {
        let at = pos;
        pos += 1;
        let mut ch: Option<char> = None;
        match b {
            b'{' => {
                stack.push(group);
                budget.nesting(stack.len())?;
                group.start = at;
                group.first = true;
                group.starred = false;
                group.picture = None;
                continue;
            }
            b'}' => {
                if let Some((w, h)) = group.picture {
                    out.pictures.push((group.start, pos, w, h, out.chars, fallback_depth.is_some()));
                }
                if fallback_depth == Some(stack.len()) {
                    fallback_depth = None;
                }
                if group.skip {
                    out.sources.push((std::mem::take(&mut hidden), false));
                }
                let outer = stack.pop().unwrap_or_default();
                if group.instruction && !outer.instruction {
                    if let Some(source) = instructions.pop() {
                        out.sources.push((source, false));
                    }
                }
                group = outer;
                skip_fallback = 0;
                continue;
            }
            b'\\' => {
                let Some(&first) = bytes.get(pos) else { break };
                if first.is_ascii_alphabetic() {
                    let word_start = pos;
                    while pos - word_start < 32 && bytes.get(pos).is_some_and(|c| c.is_ascii_alphabetic()) {
                        pos += 1;
                    }
                    let word = std::str::from_utf8(&bytes[word_start..pos]).unwrap_or("");
                    let negative = bytes.get(pos) == Some(&b'-');
                    if negative {
                        pos += 1;
                    }
                    let digits = pos;
                    while pos - digits < 10 && bytes.get(pos).is_some_and(|c| c.is_ascii_digit()) {
                        pos += 1;
                    }
                    let param = std::str::from_utf8(&bytes[digits..pos]).ok().and_then(|d| d.parse::<i64>().ok()).map(|n| if negative { -n } else { n });
                    if bytes.get(pos) == Some(&b' ') {
                        pos += 1;
                    } else {
                        out.after_word.insert(pos);
                    }
                    let was_first = std::mem::replace(&mut group.first, false);
                    let starred = std::mem::replace(&mut group.starred, false);
                    if word == "bin" {
                        pos = pos.saturating_add(usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(usize::MAX)).min(bytes.len());
                        continue;
                    }
                    if skip_fallback > 0 && word != "u" {
                        skip_fallback -= 1;
                        extend_last(&mut paragraph, &mut hidden, &mut instructions, &group, pos);
                        continue;
                    }
                    if was_first && DROPPED.contains(&word) {
                        let end = group_end(bytes, group.start);
                        out.dropped.push((group.start, end));
                        // Resume at the group's closing brace, which pops it.
                        pos = end.saturating_sub(1).max(pos);
                        group.skip = true;
                        continue;
                    }
                    match word {
                        "fldinst" => {
                            group.instruction = true;
                            group.skip = false;
                            instructions.push(Source::default());
                        }
                        "pict" => {
                            group.skip = true;
                            group.blob = true;
                            group.picture = Some((0, 0));
                        }
                        "nonshppict" => {
                            group.skip = true;
                            fallback_depth.get_or_insert(stack.len());
                        }
                        "picwgoal" | "picw" => {
                            if let Some(p) = group.picture.as_mut() {
                                if word == "picwgoal" || p.0 == 0 {
                                    // `\picw` is in pixels for bitmaps: 15 twips each at 96 dpi.
                                    p.0 = param.unwrap_or(0) * if word == "picw" { 15 } else { 1 };
                                }
                            }
                        }
                        "pichgoal" | "pich" => {
                            if let Some(p) = group.picture.as_mut() {
                                if word == "pichgoal" || p.1 == 0 {
                                    p.1 = param.unwrap_or(0) * if word == "pich" { 15 } else { 1 };
                                }
                            }
                        }
                        // Shapes and field results hold printed text, starred or not.
                        "shpinst" | "shptxt" | "shp" | "fldrslt" => {}
                        w if SKIPPED.contains(&w) || (starred && was_first) => {
                            group.skip = true;
                            group.blob |= BLOBS.contains(&w);
                        }
                        "ansicpg" => code_page = param.and_then(|p| u16::try_from(p).ok()).unwrap_or(1252),
                        "uc" => group.uc = usize::try_from(param.unwrap_or(1).clamp(0, 10)).unwrap_or(1),
                        "u" => {
                            let unit = param.unwrap_or(0);
                            let unit = if unit < 0 { unit + 65536 } else { unit };
                            ch = Some(u32::try_from(unit).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
                            skip_fallback = group.uc;
                        }
                        "par" | "sect" | "page" | "cell" | "row" | "nestcell" | "nestrow" => {
                            if group.skip {
                                out.sources.push((std::mem::take(&mut hidden), false));
                            } else if !group.instruction {
                                out.sources.push((std::mem::take(&mut paragraph), true));
                            }
                        }
                        "line" | "tab" | "emspace" | "enspace" | "qmspace" => ch = Some(' '),
                        "emdash" => ch = Some('—'),
                        "endash" => ch = Some('–'),
                        "lquote" => ch = Some('‘'),
                        "rquote" => ch = Some('’'),
                        "ldblquote" => ch = Some('“'),
                        "rdblquote" => ch = Some('”'),
                        "bullet" => ch = Some('•'),
                        _ => {}
                    }
                } else {
                    pos += 1;
                    match first {
                        b'\'' => {
                            let value = bytes.get(pos..pos + 2).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                            if let Some(v) = value {
                                pos += 2;
                                if skip_fallback > 0 {
                                    skip_fallback -= 1;
                                    extend_last(&mut paragraph, &mut hidden, &mut instructions, &group, pos);
                                    continue;
                                }
                                ch = Some(code_page_char(code_page, v));
                            }
                        }
                        b'*' => group.starred = true,
                        b'\\' | b'{' | b'}' => ch = Some(char::from(first)),
                        b'~' => ch = Some('\u{a0}'),
                        b'_' => ch = Some('-'),
                        b'\r' | b'\n' => {
                            if !group.skip && !group.instruction {
                                out.sources.push((std::mem::take(&mut paragraph), true));
                            }
                        }
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => continue,
            _ => {
                if skip_fallback > 0 {
                    skip_fallback -= 1;
                    extend_last(&mut paragraph, &mut hidden, &mut instructions, &group, pos);
                    continue;
                }
                ch = Some(code_page_char(code_page, b));
            }
        }
        let Some(c) = ch else { continue };
        if group.instruction {
            if let Some(source) = instructions.last_mut() {
                source.push(c, at, pos);
            }
        } else if !group.skip {
            paragraph.push(c, at, pos);
            out.chars += 1;
        } else if !group.blob {
            hidden.push(c, at, pos);
        }
    }
    out.sources.push((paragraph, true));
    out.sources.push((hidden, false));
    out.sources.extend(instructions.into_iter().map(|s| (s, false)));
    if stack.len() > 1 {
        return Err(Error::unsupported_redaction("the RTF document's groups are not closed, so it cannot be rewritten safely"));
    }
    Ok(out)
}

/// A `\u` character's fallback belongs to it: deleting the character deletes the fallback.
fn extend_last(paragraph: &mut Source, hidden: &mut Source, instructions: &mut [Source], group: &Group, end: usize) {
    let target = if group.instruction { instructions.last_mut() } else if group.skip { Some(hidden) } else { Some(paragraph) };
    if let Some(last) = target.and_then(|s| s.chars.last_mut()) {
        last.2 = end;
    }
}

/// The offset after the `}` closing the group that opens at `start` (the end of the input when
/// it is not closed).
fn group_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// RTF text: ASCII as is (`\`, `{`, `}` escaped), everything else as `\uN?`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{}?", *unit as i16));
                }
            }
        }
    }
    out
}
