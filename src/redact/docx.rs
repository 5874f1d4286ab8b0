//! DOCX: every WordprocessingML part rewritten, the package written anew.
//!
//! Paragraphs (`w:p`, and DrawingML's `a:p` in charts and diagrams) nest — a text box's
//! paragraphs live inside a run of their anchor — so each is collected on a stack from the text
//! of its `w:t`/`a:t` elements (tabs and breaks as spaces) and searched when it closes; a span
//! across runs is rewritten run by run. Both halves of `mc:AlternateContent` (the DrawingML box
//! and its VML fallback) are rewritten. Field instructions (`HYPERLINK "mailto:…"`) are searched
//! on their own. Besides the text:
//! - tracked changes are accepted: deletions (`w:del`, `w:moveFrom`) go with their text, the
//!   insertion markers go and their content stays;
//! - comments go (markers in the text, the comment parts emptied, `people.xml` too), and so do
//!   revision ids (`w:rsid*`, `w:rsids`) and author attributes;
//! - hyperlink targets in the relationships lose the removed strings;
//! - `docProps` keeps nothing personal (author, editor, title, subject, keywords, description,
//!   company, manager, every custom property) and its thumbnail becomes neutral;
//! - alt text and titles of images and shapes are cleared;
//! - from `moderate` on, a portrait photo near the top is replaced by a neutral image.

use std::collections::BTreeMap;

use super::locate::{apply, Edit, Needles, Source};
use super::package::{is_portrait_frame, is_raster, neutral_image, read_all, write_all};
use super::xml_scan::{attribute, attributes, clear_fields, decode, delete_element, escape, local, matching_close, percent_decode, tokens, Token};
use super::{RedactInput, Rendered};
use crate::error::Result;
use crate::extract::archive::decode_xml_bytes;
use crate::extract::docx_styles::resolve_part;
use crate::limits::Budget;

/// Core properties that name or describe the person; always cleared.
const CORE_FIELDS: &[&str] = &["creator", "lastModifiedBy", "title", "subject", "keywords", "description", "category", "contentStatus", "identifier"];
const APP_FIELDS: &[&str] = &["Company", "Manager", "HyperlinkBase"];

/// DrawingML lengths are in English Metric Units.
const EMU_PER_CM: f64 = 360_000.0;

/// An image a part draws (its frame in centimetres), and where.
struct Drawn {
    part: String,
    rel_id: String,
    width: f64,
    height: f64,
    /// Share of the part's text before it (0 in headers).
    position: f64,
}

pub fn redact(bytes: &[u8], input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    let mut members = read_all(bytes, budget)?;
    let mut drawn: Vec<Drawn> = Vec::new();
    for (name, data) in members.iter_mut() {
        let rewritten = if name.starts_with("word/") && name.ends_with(".xml") {
            let xml = decode_xml_bytes(data);
            let leaf = name.rsplit('/').next().unwrap_or("");
            if leaf.starts_with("comments") || leaf == "people.xml" {
                Some(empty_root(&xml, budget)?)
            } else {
                Some(rewrite_part(name, &xml, needles, &mut drawn, budget)?)
            }
        } else if name.ends_with(".rels") {
            Some(rewrite_relationships(&decode_xml_bytes(data), needles, budget)?)
        } else if name == "docProps/core.xml" {
            Some(clear_fields(&decode_xml_bytes(data), Some(CORE_FIELDS), needles, budget)?)
        } else if name == "docProps/app.xml" {
            Some(clear_fields(&decode_xml_bytes(data), Some(APP_FIELDS), needles, budget)?)
        } else if name == "docProps/custom.xml" {
            Some(clear_fields(&decode_xml_bytes(data), None, needles, budget)?)
        } else if name.starts_with("docProps/thumbnail") {
            Some(neutral_image(name))
        } else {
            None
        };
        if let Some(new) = rewritten {
            *data = new;
        }
    }
    let mut photos_removed = 0;
    if input.removes_photos() {
        let photos = photo_parts(&members, &drawn, budget)?;
        for (name, data) in members.iter_mut() {
            if photos.contains(name) {
                *data = neutral_image(name);
                photos_removed += 1;
            }
        }
    }
    Ok(Rendered { bytes: write_all(&members)?, photos_removed })
}

/// The paragraphs being read, innermost last, and a field instruction being read.
#[derive(Default)]
struct Walk {
    paragraphs: Vec<Source>,
    instruction: Option<Source>,
    in_text: bool,
    in_tab_stops: bool,
    /// Inside `mc:Fallback`: the VML copy of a box the extractor reads in its DrawingML form, so
    /// not text of the extracted document (every removed string goes).
    fallback: usize,
    chars: usize,
    extent: (f64, f64),
}

fn rewrite_part(name: &str, xml: &str, needles: &mut Needles, drawn: &mut Vec<Drawn>, budget: &mut Budget) -> Result<Vec<u8>> {
    let toks = tokens(xml, budget)?;
    let mut edits: Vec<Edit> = Vec::new();
    let mut walk = Walk::default();
    let mut images: Vec<(String, f64, f64, usize)> = Vec::new();
    let mut i = 0usize;
    while i < toks.len() {
        match toks[i] {
            Token::Open { name: qname, start, end, empty } => {
                let tag = local(qname);
                match tag {
                    "del" | "moveFrom" | "rsids" | "commentRangeStart" | "commentRangeEnd" | "commentReference" => {
                        let (edit, next) = delete_element(&toks, i);
                        edits.push(edit);
                        i = next;
                        continue;
                    }
                    "ins" | "moveTo" | "moveFromRangeStart" | "moveFromRangeEnd" | "moveToRangeStart" | "moveToRangeEnd" => {
                        edits.push(Edit::delete(start, end));
                    }
                    "p" => walk.paragraphs.push(Source::default()),
                    "t" if !empty => walk.in_text = true,
                    "instrText" if !empty => {
                        walk.in_text = true;
                        walk.instruction = Some(Source::default());
                    }
                    "tabs" if !empty => walk.in_tab_stops = true,
                    "Fallback" if !empty => walk.fallback += 1,
                    "tab" | "br" | "cr" | "ptab" | "noBreakHyphen" if !walk.in_tab_stops => {
                        if let Some(p) = walk.paragraphs.last_mut() {
                            p.push(if tag == "noBreakHyphen" { '-' } else { ' ' }, start, end);
                        }
                    }
                    "extent" => walk.extent = (number(xml, start, end, "cx"), number(xml, start, end, "cy")),
                    _ => {}
                }
                scrub_attributes(xml, tag, start, end, needles, &mut edits, budget)?;
                if matches!(tag, "blip" | "imagedata") {
                    if let Some(id) = attribute(xml, start, end, &["r:embed", "r:id"]) {
                        images.push((id, walk.extent.0, walk.extent.1, walk.chars));
                    }
                }
            }
            Token::Close { name: qname, start, end } => match local(qname) {
                "p" => {
                    if let Some(p) = walk.paragraphs.pop() {
                        edits.extend(if walk.fallback > 0 { needles.locate(&p, budget)? } else { needles.locate_body(&p, budget)? });
                    }
                }
                "t" => walk.in_text = false,
                "instrText" => {
                    walk.in_text = false;
                    if let Some(source) = walk.instruction.take() {
                        edits.extend(needles.locate(&source, budget)?);
                    }
                }
                "tabs" => walk.in_tab_stops = false,
                "Fallback" => walk.fallback = walk.fallback.saturating_sub(1),
                "ins" | "moveTo" => edits.push(Edit::delete(start, end)),
                _ => {}
            },
            Token::Text { start, end } if walk.in_text => {
                let target = match walk.instruction.as_mut() {
                    Some(source) => source,
                    None => match walk.paragraphs.last_mut() {
                        Some(p) => p,
                        None => {
                            let mut alone = Source::default();
                            decode(xml, start, end, &mut alone);
                            edits.extend(needles.locate(&alone, budget)?);
                            i += 1;
                            continue;
                        }
                    },
                };
                let before = target.chars.len();
                decode(xml, start, end, target);
                walk.chars += target.chars.len() - before;
            }
            _ => {}
        }
        i += 1;
    }
    // Paragraphs left open by a truncated part are still searched.
    while let Some(p) = walk.paragraphs.pop() {
        edits.extend(needles.locate_body(&p, budget)?);
    }
    let header = name.contains("/header");
    for (rel_id, width, height, at) in images {
        let position = if header { 0.0 } else { at as f64 / walk.chars.max(1) as f64 };
        drawn.push(Drawn { part: name.to_string(), rel_id, width: width / EMU_PER_CM, height: height / EMU_PER_CM, position });
    }
    Ok(apply(xml.as_bytes(), edits, escape))
}




fn number(xml: &str, start: usize, end: usize, name: &str) -> f64 {
    attribute(xml, start, end, &[name]).and_then(|v| v.trim().parse().ok()).unwrap_or(0.0)
}

/// Revision ids go; authors, alt text and titles are cleared; tooltips, link targets, simple
/// field instructions and image names lose removed strings.
fn scrub_attributes(xml: &str, tag: &str, start: usize, end: usize, needles: &mut Needles, edits: &mut Vec<Edit>, budget: &mut Budget) -> Result<()> {
    for (name, whole, value) in attributes(xml, start, end) {
        let attr = local(name);
        if name.starts_with("w:rsid") {
            edits.push(Edit::delete(whole.0, whole.1));
        } else if matches!(attr, "author" | "initials" | "alt") || (matches!(tag, "docPr" | "cNvPr") && matches!(attr, "descr" | "title")) || name == "o:title" {
            edits.push(Edit::delete(value.0, value.1));
        } else if matches!(attr, "tooltip" | "href" | "action" | "instr") || (matches!(tag, "docPr" | "cNvPr") && attr == "name") {
            let mut source = Source::default();
            decode(xml, value.0, value.1, &mut source);
            edits.extend(needles.locate(&source, budget)?);
        }
    }
    Ok(())
}

/// The part with its root element emptied (comments, people): the parts and their
/// relationships stay, so the package stays whole, but hold nothing.
fn empty_root(xml: &str, budget: &mut Budget) -> Result<Vec<u8>> {
    let toks = tokens(xml, budget)?;
    let root = toks.iter().position(|t| matches!(t, Token::Open { .. }));
    let Some(root) = root else { return Ok(xml.as_bytes().to_vec()) };
    let Token::Open { end, empty, .. } = toks[root] else { return Ok(xml.as_bytes().to_vec()) };
    if empty {
        return Ok(xml.as_bytes().to_vec());
    }
    let close = matching_close(&toks, root);
    let close_start = match toks[close] {
        Token::Close { start, .. } => start,
        _ => xml.len(),
    };
    Ok(apply(xml.as_bytes(), vec![Edit::delete(end, close_start)], |s| s.to_string()))
}


/// Hyperlink targets lose the removed strings (a target still holding one, written in a way the
/// search cannot see — percent-encoded, say — becomes `#`).
fn rewrite_relationships(xml: &str, needles: &mut Needles, budget: &mut Budget) -> Result<Vec<u8>> {
    let toks = tokens(xml, budget)?;
    let mut edits = Vec::new();
    for t in &toks {
        let Token::Open { name, start, end, .. } = *t else { continue };
        if local(name) != "Relationship" {
            continue;
        }
        let attrs = attributes(xml, start, end);
        let hyperlink = attrs.iter().any(|a| a.0 == "Type" && xml.get(a.2 .0..a.2 .1).is_some_and(|v| v.ends_with("/hyperlink")));
        let external = attrs.iter().any(|a| a.0 == "TargetMode" && xml.get(a.2 .0..a.2 .1) == Some("External"));
        if !hyperlink && !external {
            continue;
        }
        if let Some(&(_, _, value)) = attrs.iter().find(|a| a.0 == "Target") {
            let mut source = Source::default();
            decode(xml, value.0, value.1, &mut source);
            let found = needles.locate(&source, budget)?;
            let target = xml.get(value.0..value.1).unwrap_or("");
            if found.is_empty() && needles.any_in(&percent_decode(target), budget)? {
                edits.push(Edit { start: value.0, end: value.1, text: "#".into() });
            } else {
                edits.extend(found);
            }
        }
    }
    Ok(apply(xml.as_bytes(), edits, escape))
}


/// The media parts that are portrait photos: a raster image a part draws in a portrait or square
/// frame near its top.
fn photo_parts(members: &[(String, Vec<u8>)], drawn: &[Drawn], budget: &mut Budget) -> Result<Vec<String>> {
    let mut targets: BTreeMap<(String, String), String> = BTreeMap::new();
    for (name, data) in members {
        let Some((dir, file)) = name.rsplit_once("/_rels/") else { continue };
        let Some(part) = file.strip_suffix(".rels") else { continue };
        let xml = decode_xml_bytes(data);
        for t in tokens(&xml, budget)? {
            let Token::Open { name: tag, start, end, .. } = t else { continue };
            if local(tag) != "Relationship" {
                continue;
            }
            if let (Some(id), Some(target)) = (attribute(&xml, start, end, &["Id"]), attribute(&xml, start, end, &["Target"])) {
                targets.insert((format!("{dir}/{part}"), id), resolve_part(dir, &target));
            }
        }
    }
    let mut photos: Vec<String> = drawn
        .iter()
        .filter(|d| is_portrait_frame(d.width, d.height, d.position))
        .filter_map(|d| targets.get(&(d.part.clone(), d.rel_id.clone())).cloned())
        .filter(|t| is_raster(t))
        .collect();
    crate::sort::sort(&mut photos);
    photos.dedup();
    Ok(photos)
}
