//! Plain text and Markdown.
//!
//! Plain text: decode (see `text_encoding`), split on every newline convention
//! (`\n`, `\r\n`, lone `\r`, NEL, U+2028/2029; a form feed is a page break and
//! counts a page), one line per non-blank text line.
//!
//! Markdown keeps what a reader sees: `#` and setext headings become headings
//! (markers stripped), `-`/`*`/`+`/`1.` items become list items (marker
//! stripped), `**bold**`/`*italic*` set the style flags, `[text](url)` keeps
//! the text and records the link, rules and code fences vanish.

use crate::document::{Document, Format, Line, Link, Metadata};
use crate::error::Result;
use crate::limits::Budget;

use super::text_encoding::decode_text;
use super::text_lines::{LineBuilder, LineKind, RunStyle};

pub fn extract(bytes: &[u8], format: Format, budget: &mut Budget) -> Result<Document> {
    budget.spend(bytes.len() as u64 / 64)?;
    let decoded = decode_text(bytes);
    let mut pages = 1usize;
    let mut raw_lines = Vec::new();
    for (line, page_break) in split_lines(&decoded.text) {
        budget.spend(1)?;
        if page_break {
            pages = pages.saturating_add(1);
        }
        raw_lines.push(line);
    }
    let mut links = Vec::new();
    let lines = if format == Format::Markdown {
        markdown_lines(&raw_lines, &mut links, budget)?
    } else {
        raw_lines.iter().filter_map(|l| plain_text_line(l)).collect()
    };
    let metadata = Metadata { pages, encoding: Some(decoded.encoding.to_string()), ..Metadata::default() };
    Ok(Document::flow(format, metadata, lines, links))
}

/// Split on all newline conventions; the flag says a form feed preceded the line.
fn split_lines(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut page_break = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0c}');
        if !is_break {
            continue;
        }
        out.push((text.get(start..i).unwrap_or(""), page_break));
        page_break = c == '\u{0c}';
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                end = j + 1;
            }
        }
        start = end;
    }
    out.push((text.get(start..).unwrap_or(""), page_break));
    out
}

/// A plain-text line; one that starts with a bullet glyph is a list item (the glyph is kept: it is the text).
fn plain_text_line(text: &str) -> Option<Line> {
    let mut line = plain_line(text)?;
    let mut chars = line.text.chars();
    let marker = chars.next();
    line.list_item =
        matches!(marker, Some('-' | '*' | '•' | '·' | '▪' | '◦' | '‣' | '–' | '○' | '■' | '►' | '✓'))
            && chars.next() == Some(' ');
    Some(line)
}

fn plain_line(text: &str) -> Option<Line> {
    let mut b = LineBuilder::new();
    b.push(text, RunStyle::default());
    b.finish(LineKind::default())
}

fn markdown_lines(raw: &[&str], links: &mut Vec<Link>, budget: &mut Budget) -> Result<Vec<Line>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut in_fence = false;
    for (i, raw_line) in raw.iter().enumerate() {
        budget.spend(1 + raw_line.len() as u64 / 64)?;
        let trimmed = raw_line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            if let Some(line) = plain_line(raw_line) {
                lines.push(line);
            }
            continue;
        }
        // A setext underline turns the previous line into a heading.
        let previous_is_text = i > 0 && raw.get(i - 1).is_some_and(|p| !p.trim().is_empty());
        if previous_is_text && is_setext_underline(trimmed) {
            if let Some(last) = lines.last_mut() {
                if last.heading.is_none() && !last.list_item {
                    last.heading = Some(if trimmed.starts_with('=') { 1 } else { 2 });
                    continue;
                }
            }
        }
        if is_rule(trimmed) {
            continue;
        }
        let mut kind = LineKind::default();
        let mut body = trimmed;
        while let Some(rest) = body.strip_prefix('>') {
            body = rest.trim_start();
        }
        if let Some((level, rest)) = atx_heading(body) {
            kind.heading = Some(level);
            body = rest;
        } else if let Some(rest) = list_marker(body) {
            kind.list_item = true;
            body = rest;
        }
        if let Some(line) = inline_markdown(body, kind, links) {
            lines.push(line);
        }
    }
    Ok(lines)
}

fn is_setext_underline(t: &str) -> bool {
    !t.is_empty() && (t.chars().all(|c| c == '=') || (t.len() >= 2 && t.chars().all(|c| c == '-')))
}

fn is_rule(t: &str) -> bool {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3 && ['-', '*', '_'].iter().any(|&m| compact.chars().all(|c| c == m))
}

fn atx_heading(t: &str) -> Option<(u8, &str)> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = t.get(hashes..)?;
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let rest = rest.trim().trim_end_matches('#').trim_end();
    Some((hashes as u8, rest))
}

fn list_marker(t: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(marker) {
            let rest = rest.trim_start();
            // Task lists: "- [ ] x" / "- [x] x".
            let rest = ["[ ] ", "[x] ", "[X] "].iter().find_map(|m| rest.strip_prefix(m)).unwrap_or(rest);
            return Some(rest);
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits) {
        let rest = t.get(digits..)?;
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest.trim_start());
        }
    }
    None
}

/// Strip inline markup, keeping styles and links.
fn inline_markdown(text: &str, kind: LineKind, links: &mut Vec<Link>) -> Option<Line> {
    let mut b = LineBuilder::new();
    let mut style = RunStyle::default();
    let mut rest = text;
    let mut plain = String::new();
    let flush = |plain: &mut String, b: &mut LineBuilder, style: RunStyle| {
        b.push(plain, style);
        plain.clear();
    };
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(next) =
                rest.get(1..).and_then(|r| r.chars().next()).filter(|n| n.is_ascii_punctuation())
            {
                plain.push(next);
                rest = rest.get(1 + next.len_utf8()..).unwrap_or("");
                continue;
            }
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            flush(&mut plain, &mut b, style);
            style.bold = !style.bold;
            rest = rest.get(2..).unwrap_or("");
            continue;
        }
        if c == '*'
            && (style.italic || rest.get(1..).is_some_and(|r| r.starts_with(|n: char| !n.is_whitespace())))
        {
            flush(&mut plain, &mut b, style);
            style.italic = !style.italic;
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        if c == '`' {
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        let image = c == '!' && rest.get(1..).is_some_and(|r| r.starts_with('['));
        let link_start = if image { 1 } else { 0 };
        if c == '[' || image {
            if let Some((label, url, consumed)) = parse_link(rest.get(link_start..).unwrap_or("")) {
                plain.push_str(label);
                if !image && !url.is_empty() {
                    links.push(Link {
                        url: url.to_string(),
                        page: None,
                        bbox: None,
                        text: Some(label.to_string()),
                    });
                }
                rest = rest.get(link_start + consumed..).unwrap_or("");
                continue;
            }
        }
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let inner = rest.get(1..end).unwrap_or("");
                if inner.starts_with("http://")
                    || inner.starts_with("https://")
                    || inner.starts_with("mailto:")
                {
                    plain.push_str(inner);
                    links.push(Link {
                        url: inner.to_string(),
                        page: None,
                        bbox: None,
                        text: Some(inner.to_string()),
                    });
                    rest = rest.get(end + 1..).unwrap_or("");
                    continue;
                }
            }
        }
        plain.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    flush(&mut plain, &mut b, style);
    b.finish(kind)
}

/// `[label](url "title")` at the start of `s`: (label, url, bytes consumed).
fn parse_link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = s.get(1..close)?;
    if label.contains('[') {
        return None;
    }
    let after = s.get(close + 2..)?;
    let end = after.find(')')?;
    let target = after.get(..end)?.trim();
    let url = target.split_whitespace().next().unwrap_or("").trim_matches(|c| c == '<' || c == '>');
    Some((label, url, close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn run(bytes: &[u8], format: Format) -> Document {
        extract(bytes, format, &mut Budget::new(&Limits::default())).unwrap()
    }

    #[test]
    fn every_newline_convention_splits_lines() {
        let doc = run(b"one\r\ntwo\rthree\nfour\x0cfive\r\n\r\n", Format::Txt);
        let texts: Vec<_> = doc.lines().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["one", "two", "three", "four", "five"]);
        assert!(doc.lines().all(|l| !l.list_item));
        assert_eq!(doc.metadata.pages, 2);
        assert_eq!(doc.metadata.encoding.as_deref(), Some("utf-8"));
    }

    #[test]
    fn plain_text_bullets_are_list_items_with_their_glyph() {
        let doc = run("Skills:\n- Rust\n• Go\n-5 degrees\n".as_bytes(), Format::Txt);
        let lines: Vec<_> = doc.lines().map(|l| (l.text.as_str(), l.list_item)).collect();
        assert_eq!(lines, [("Skills:", false), ("- Rust", true), ("• Go", true), ("-5 degrees", false)]);
    }

    #[test]
    fn markdown_headings_lists_styles_and_links() {
        let md = "Jane Roe\n========\n## Experience ##\n- **Engineer**, Acme\n2. Second\nSee [my site](https://example.org \"t\") now\nSkills\n---\n";
        let doc = run(md.as_bytes(), Format::Markdown);
        let lines: Vec<_> = doc.lines().collect();
        assert_eq!((lines[0].text.as_str(), lines[0].heading), ("Jane Roe", Some(1)));
        assert_eq!((lines[1].text.as_str(), lines[1].heading), ("Experience", Some(2)));
        assert_eq!(lines[2].text, "Engineer, Acme");
        assert!(lines[2].list_item && lines[2].bold);
        assert_eq!((lines[3].text.as_str(), lines[3].list_item), ("Second", true));
        assert_eq!(lines[4].text, "See my site now");
        assert_eq!(doc.links[0].url, "https://example.org");
        assert_eq!((lines[5].text.as_str(), lines[5].heading), ("Skills", Some(2)));
    }
}
