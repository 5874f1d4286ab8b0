//! ODT: `content.xml` and `styles.xml` (headers and footers live there) rewritten, `meta.xml`
//! scrubbed, the package written anew.
//!
//! Paragraphs (`text:p`, `text:h`) nest — a note's body or a frame's text box sits inside its
//! anchor paragraph — so each is collected on a stack from all the text inside it (`text:s`,
//! tabs and line breaks as spaces) and searched when it closes. Besides the text: comments
//! (`office:annotation`) and the tracked-changes log (which keeps deleted text) go with their
//! change markers; link targets (`xlink:href`) lose removed strings; frame titles and
//! descriptions (alt text) are cleared; the thumbnail (a picture of page 1) becomes neutral; from
//! `moderate` on, a portrait photo near the top is replaced by a neutral image.

use super::locate::{apply, Edit, Needles, Source};
use super::package::{is_portrait_frame, is_raster, neutral_image, read_all, write_all};
use super::xml_scan::{attribute, attributes, clear_fields, decode, delete_element, escape, local, percent_decode, tokens, Token};
use super::{RedactInput, Rendered};
use crate::error::Result;
use crate::extract::archive::decode_xml_bytes;
use crate::limits::Budget;

/// `meta.xml` fields that name or describe the person; always cleared.
const META_FIELDS: &[&str] = &["creator", "initial-creator", "title", "subject", "keyword", "description", "user-defined", "printed-by"];

pub fn redact(bytes: &[u8], input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    let mut members = read_all(bytes, budget)?;
    let mut photos: Vec<String> = Vec::new();
    for (name, data) in members.iter_mut() {
        let rewritten = match name.as_str() {
            "content.xml" | "styles.xml" => Some(rewrite_part(name, &decode_xml_bytes(data), needles, &mut photos, budget)?),
            "meta.xml" => Some(clear_fields(&decode_xml_bytes(data), Some(META_FIELDS), needles, budget)?),
            n if n.starts_with("Thumbnails/") => Some(neutral_image(n)),
            _ => None,
        };
        if let Some(new) = rewritten {
            *data = new;
        }
    }
    let mut photos_removed = 0;
    if input.removes_photos() {
        for (name, data) in members.iter_mut() {
            if photos.contains(name) {
                *data = neutral_image(name);
                photos_removed += 1;
            }
        }
    }
    Ok(Rendered { bytes: write_all(&members)?, photos_removed })
}

fn rewrite_part(name: &str, xml: &str, needles: &mut Needles, photos: &mut Vec<String>, budget: &mut Budget) -> Result<Vec<u8>> {
    let toks = tokens(xml, budget)?;
    let mut edits: Vec<Edit> = Vec::new();
    let mut paragraphs: Vec<Source> = Vec::new();
    let mut cleared = 0usize;
    let mut skipped = 0usize;
    let mut chars = 0usize;
    let mut frame = (0.0, 0.0);
    let mut images: Vec<(String, f64, f64, usize)> = Vec::new();
    let mut i = 0usize;
    while i < toks.len() {
        match toks[i] {
            Token::Open { name: qname, start, end, empty } => {
                let tag = local(qname);
                match tag {
                    "annotation" | "annotation-end" | "tracked-changes" | "change-start" | "change-end" | "change" => {
                        let (edit, next) = delete_element(&toks, i);
                        edits.push(edit);
                        i = next;
                        continue;
                    }
                    "p" | "h" if !empty => paragraphs.push(Source::default()),
                    "s" | "tab" | "line-break" => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.push(' ', start, end);
                        }
                    }
                    "title" | "desc" if !empty && qname.starts_with("svg:") => cleared += 1,
                    // A note's number is not text of the paragraph it sits in.
                    "note-citation" if !empty => skipped += 1,
                    "frame" => frame = (length(xml, start, end, "svg:width"), length(xml, start, end, "svg:height")),
                    "image" => {
                        if let Some(href) = attribute(xml, start, end, &["xlink:href"]) {
                            images.push((href, frame.0, frame.1, chars));
                        }
                    }
                    _ => {}
                }
                for (attr, _, value) in attributes(xml, start, end) {
                    if attr == "xlink:href" && tag != "image" {
                        let mut source = Source::default();
                        decode(xml, value.0, value.1, &mut source);
                        let found = needles.locate(&source, budget)?;
                        if found.is_empty() && needles.any_in(&percent_decode(xml.get(value.0..value.1).unwrap_or("")), budget)? {
                            edits.push(Edit { start: value.0, end: value.1, text: "#".into() });
                        }
                        edits.extend(found);
                    } else if matches!(attr, "office:title" | "xlink:title") {
                        edits.push(Edit::delete(value.0, value.1));
                    }
                }
            }
            Token::Close { name: qname, .. } => match local(qname) {
                "p" | "h" => {
                    if let Some(p) = paragraphs.pop() {
                        edits.extend(needles.locate_body(&p, budget)?);
                    }
                }
                "title" | "desc" if qname.starts_with("svg:") => cleared = cleared.saturating_sub(1),
                "note-citation" => skipped = skipped.saturating_sub(1),
                _ => {}
            },
            Token::Text { start, end } if cleared > 0 => edits.push(Edit::delete(start, end)),
            Token::Text { start, end } if skipped == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    let before = p.chars.len();
                    decode(xml, start, end, p);
                    chars += p.chars.len() - before;
                }
            }
            _ => {}
        }
        i += 1;
    }
    while let Some(p) = paragraphs.pop() {
        edits.extend(needles.locate_body(&p, budget)?);
    }
    let header = name == "styles.xml";
    for (href, width, height, at) in images {
        let position = if header { 0.0 } else { at as f64 / chars.max(1) as f64 };
        if is_portrait_frame(width, height, position) && is_raster(&href) {
            photos.push(href.trim_start_matches("./").to_string());
        }
    }
    Ok(apply(xml.as_bytes(), edits, escape))
}

/// A length like `3.5cm` or `1.2in` in centimetres (0 when unreadable).
fn length(xml: &str, start: usize, end: usize, name: &str) -> f64 {
    let value = attribute(xml, start, end, &[name]).unwrap_or_default();
    let number: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let per_cm = match value.get(number.len()..).unwrap_or("").trim() {
        "cm" => 1.0,
        "mm" => 10.0,
        "in" => 1.0 / 2.54,
        "pt" => 72.0 / 2.54,
        "pc" => 6.0 / 2.54,
        "px" => 96.0 / 2.54,
        _ => return 0.0,
    };
    number.parse::<f64>().map_or(0.0, |n| n / per_cm)
}
