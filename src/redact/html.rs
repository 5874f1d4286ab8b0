//! HTML: the page's text rewritten where it is written, and the attributes that carry text a
//! reader or a crawler sees (`href`, `alt`, `title`, `<meta content>`…).
//!
//! The text outside tags (scripts and styles aside) is one stream, blocks separated by a space,
//! so a span across inline markup (`<b>Ann</b> Lee`) is found and the markup kept. Comments go
//! (the page does not show them, a leak would hide there); `<meta>` authors are cleared; from
//! `moderate` on, a portrait photo embedded as a `data:` URL near the top becomes a neutral one.
//! The output keeps the page's encoding when it is Windows-1252, and is UTF-8 otherwise.

use super::locate::{apply, Edit, Needles, Source};
use super::package::is_portrait_frame;
use super::xml_scan::{attribute, attributes, html_tokens, Token};
use super::{RedactInput, Rendered};
use crate::error::Result;
use crate::extract::html::decode_html;
use crate::extract::text_encoding::{decode_windows_1252, windows_1252_char};
use crate::limits::Budget;

/// Elements that do not break a line of text.
const INLINE: &[&str] = &["a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var"];
/// Attributes whose values are text or targets.
const TEXT_ATTRIBUTES: &[&str] = &["href", "alt", "title", "content", "value", "placeholder", "aria-label", "label", "cite", "action"];
/// `<meta name=…>` that name the author; cleared whatever they hold.
const AUTHOR_META: &[&str] = &["author", "creator", "publisher", "dc.creator", "og:title", "twitter:creator"];
/// A grey 1×1 PNG, the stand-in for an embedded portrait photo.
const NEUTRAL_DATA_URL: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNYAAAAogCh3I2xzAAAAABJRU5ErkJggg==";

pub fn redact(bytes: &[u8], input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    let html = decode_html(bytes);
    let toks = html_tokens(&html, budget)?;
    let mut edits: Vec<Edit> = Vec::new();
    let mut text = Source::default();
    let mut images: Vec<(usize, usize, f64, f64, usize)> = Vec::new();
    for t in &toks {
        match *t {
            Token::Text { start, end } => decode_text(&html, start, end, &mut text),
            Token::Other { start, end } if html[start..end].starts_with("<!--") => edits.push(Edit::delete(start, end)),
            Token::Open { name, start, end, .. } | Token::Close { name, start, end } => {
                let name = name.to_ascii_lowercase();
                if !INLINE.contains(&name.as_str()) {
                    text.push(' ', start, start);
                }
                if !matches!(t, Token::Open { .. }) {
                    continue;
                }
                let meta_author = name == "meta" && attribute(&html, start, end, &["name", "property"]).is_some_and(|n| AUTHOR_META.contains(&n.to_ascii_lowercase().as_str()));
                for (attr, _, value) in attributes(&html, start, end) {
                    let attr = attr.to_ascii_lowercase();
                    if meta_author && attr == "content" {
                        edits.push(Edit::delete(value.0, value.1));
                    } else if TEXT_ATTRIBUTES.contains(&attr.as_str()) {
                        let mut source = Source::default();
                        decode_text(&html, value.0, value.1, &mut source);
                        edits.extend(needles.locate(&source, budget)?);
                    } else if name == "img" && attr == "src" && html.get(value.0..value.1).is_some_and(is_raster_data_url) {
                        // CSS pixels; a photo without a size is taken as one of passport size.
                        let size = |n: &str| attribute(&html, start, end, &[n]).and_then(|v| v.trim_end_matches("px").trim().parse::<f64>().ok()).map(|px| px * 2.54 / 96.0);
                        let (w, h) = (size("width").unwrap_or(3.5), size("height").unwrap_or(4.5));
                        images.push((value.0, value.1, w, h, text.chars.len()));
                    }
                }
            }
            _ => {}
        }
    }
    edits.extend(needles.locate_body(&text, budget)?);
    let mut photos_removed = 0;
    if input.removes_photos() {
        let total = text.chars.len().max(1) as f64;
        for (start, end, w, h, at) in images {
            if is_portrait_frame(w, h, at as f64 / total) {
                edits.push(Edit { start, end, text: NEUTRAL_DATA_URL.into() });
                photos_removed += 1;
            }
        }
    }
    let mut out = apply(html.as_bytes(), edits, super::xml_scan::escape);
    // A page read as Windows-1252 (declared, or not UTF-8) is written back in it, so its
    // declaration stays true.
    if std::str::from_utf8(bytes).is_err() && decode_windows_1252(bytes) == html {
        out = to_windows_1252(&String::from_utf8_lossy(&out));
    }
    Ok(Rendered { bytes: out, photos_removed })
}

/// Windows-1252 bytes of `text`; characters it lacks as numeric references.
fn to_windows_1252(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match (0x80..=0xFFu8).find(|&b| windows_1252_char(b) == c) {
            _ if c.is_ascii() => out.push(c as u8),
            Some(b) => out.push(b),
            None => out.extend_from_slice(format!("&#{};", u32::from(c)).as_bytes()),
        }
    }
    out
}

/// An embedded raster image (a photo is one; an SVG icon is not).
fn is_raster_data_url(url: &str) -> bool {
    ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"].iter().any(|p| url.starts_with(p))
}

/// HTML text: XML references plus the named ones CVs use.
fn decode_text(html: &str, start: usize, end: usize, into: &mut Source) {
    let mut plain = Source::default();
    super::xml_scan::decode(html, start, end, &mut plain);
    let mut chars = plain.chars.into_iter().peekable();
    while let Some((c, s, e)) = chars.next() {
        if c == '&' && e - s == 1 {
            let rest = html.get(e..end.min(e + 10)).unwrap_or("");
            if let Some(semi) = rest.find(';') {
                if let Some(decoded) = named_entity(&rest[..semi]) {
                    let stop = e + semi + 1;
                    while chars.peek().is_some_and(|&(_, s2, _)| s2 < stop) {
                        chars.next();
                    }
                    into.push(decoded, s, stop);
                    continue;
                }
            }
        }
        into.push(c, s, e);
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "aring" => 'å',
        "iacute" => 'í',
        "iuml" => 'ï',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "Eacute" => 'É',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Aring" => 'Å',
        "Oslash" => 'Ø',
        _ => return None,
    })
}
