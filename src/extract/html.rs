//! HTML → flow [`Document`].
//!
//! html5gum tokenizes (WHATWG-exact entities, tag soup, raw-text script and
//! style); we keep our own small element stack instead of a full tree builder:
//! block elements end lines, `h1`–`h6` are headings, `li` list items, `b`/
//! `strong`/`font-weight` bold, `i`/`em`/`font-style` italic, `a href` links,
//! table rows follow the shared one-line-per-simple-row rule. Script, style,
//! template, noscript, head and similar never reach the text.
//!
//! Encoding: BOM, then a `<meta charset>` / `http-equiv` declaration in the
//! first 2 KB, then UTF-8 if valid, else Windows-1252.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::document::{Document, Format, Line, Link, Metadata, Region};
use crate::error::{Error, Result};
use crate::limits::Budget;

use super::text_encoding::{decode_text, decode_windows_1252};
use super::text_lines::{push_link_text, LineBuilder, LineKind, OpenLink, RunStyle};
use super::text_sink::LineSink;

/// Elements whose content is never visible text.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "head", "title", "svg", "math", "select", "iframe", "object",
    "textarea",
];
/// Elements that may appear inside `<head>`.
const HEAD_CONTENT: &[&str] =
    &["title", "meta", "link", "style", "script", "base", "noscript", "template", "head"];
/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];
/// Elements that start and end lines.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];
/// Elements a new element of the same name implicitly closes, up to these scope boundaries.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];
const SCOPES: &[&str] =
    &["ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "div", "body", "html", "td", "th", "section"];

pub fn extract(bytes: &[u8], budget: &mut Budget) -> Result<Document> {
    budget.spend(bytes.len() as u64 / 64)?;
    let html = decode_html(bytes);
    let mut builder = HtmlBuilder::new(budget.limits().max_xml_depth);
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html.as_str(), emitter) {
        budget.spend(1)?;
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                let start =
                    StartTag { href: attr("href"), style: attr("style"), self_closing: tag.self_closing };
                builder.start(&name, start)?;
            }
            Token::EndTag(tag) => builder.end(&String::from_utf8_lossy(&tag.name).to_ascii_lowercase()),
            Token::String(text) => {
                budget.spend(text.value.len() as u64 / 64)?;
                builder.text(&String::from_utf8_lossy(&text.value));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    let (lines, links) = builder.finish();
    Ok(Document::flow(Format::Html, Metadata::default(), lines, links))
}

/// Decode by BOM, declared charset, UTF-8 validity, else Windows-1252.
pub(crate) fn decode_html(bytes: &[u8]) -> String {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    if !has_bom {
        let head: Vec<u8> = bytes.iter().take(2048).map(|b| b.to_ascii_lowercase()).collect();
        let head = String::from_utf8_lossy(&head);
        if let Some(at) = head.find("charset=") {
            let value: String = head
                .get(at + 8..)
                .unwrap_or("")
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if matches!(
                value.as_str(),
                "windows-1252" | "iso-8859-1" | "latin1" | "iso-8859-15" | "cp1252" | "us-ascii"
            ) {
                return decode_windows_1252(bytes);
            }
        }
    }
    decode_text(bytes).text
}

struct StartTag {
    href: Option<String>,
    style: Option<String>,
    self_closing: bool,
}

/// One open element.
struct Open {
    name: String,
    bold: bool,
    italic: bool,
    link: bool,
}

struct HtmlBuilder {
    max_depth: usize,
    stack: Vec<Open>,
    hidden: usize,
    /// Hidden only because of an open `<head>` (the elements inside it are closed).
    in_head_only: bool,
    line: LineBuilder,
    out: LineSink,
    open_links: Vec<OpenLink>,
    links: Vec<Link>,
}

impl HtmlBuilder {
    fn new(max_depth: usize) -> Self {
        HtmlBuilder {
            max_depth,
            stack: Vec::new(),
            hidden: 0,
            in_head_only: false,
            line: LineBuilder::new(),
            out: LineSink::default(),
            open_links: Vec::new(),
            links: Vec::new(),
        }
    }

    fn start(&mut self, name: &str, tag: StartTag) -> Result<()> {
        // Browsers end an unclosed <head> at the first element that cannot live in it.
        if self.in_head_only && self.hidden == 1 && !HEAD_CONTENT.contains(&name) {
            self.hidden = 0;
            self.in_head_only = false;
        }
        if self.hidden > 0 {
            if HIDDEN.contains(&name) && !tag.self_closing {
                self.hidden = self.hidden.saturating_add(1);
            }
            return Ok(());
        }
        if HIDDEN.contains(&name) {
            if !tag.self_closing {
                self.hidden = 1;
                self.in_head_only = name == "head";
            }
            return Ok(());
        }
        if name == "br" {
            self.finish_line();
            return Ok(());
        }
        if VOID.contains(&name) {
            if BLOCKS.contains(&name) {
                self.finish_line();
            }
            return Ok(());
        }
        if SELF_CLOSING_SIBLINGS.contains(&name) {
            self.close_sibling(name);
        }
        if BLOCKS.contains(&name) {
            self.finish_line();
        }
        let css = tag.style.as_deref().unwrap_or("").to_ascii_lowercase().replace(' ', "");
        let bold = matches!(name, "b" | "strong" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || css.contains("font-weight:bold")
            || ["600", "700", "800", "900"].iter().any(|w| css.contains(&format!("font-weight:{w}")));
        let italic = matches!(name, "i" | "em" | "cite") || css.contains("font-style:italic");
        let link = name == "a"
            && match tag.href.as_deref().map(str::trim) {
                Some(href)
                    if !href.is_empty() && !href.starts_with('#') && !href.starts_with("javascript:") =>
                {
                    self.open_links.push(OpenLink::new(href.to_string()));
                    true
                }
                _ => false,
            };
        match name {
            "table" => self.out.start_table(),
            "tr" => self.out.start_row(),
            "td" | "th" => self.out.push_collector(),
            _ => {}
        }
        if tag.self_closing {
            return Ok(());
        }
        self.stack.push(Open { name: name.to_string(), bold, italic, link });
        if self.stack.len() > self.max_depth {
            return Err(Error::limit(format!(
                "the HTML nests deeper than {} elements (limits.maxXmlDepth)",
                self.max_depth
            )));
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        if self.hidden > 0 {
            if HIDDEN.contains(&name) {
                self.hidden -= 1;
                self.in_head_only = self.in_head_only && self.hidden > 0;
            }
            return;
        }
        if name == "br" || name == "p" && !self.stack.iter().any(|o| o.name == "p") {
            // `</br>` and a stray `</p>` both act as line breaks in browsers.
            self.finish_line();
            return;
        }
        if let Some(at) = self.stack.iter().rposition(|o| o.name == name) {
            while self.stack.len() > at {
                self.pop();
            }
        }
    }

    /// `<li>` after an open `<li>` (and the like) closes it, within the nearest list or table.
    fn close_sibling(&mut self, name: &str) {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.name == name {
                while self.stack.len() > i {
                    self.pop();
                }
                return;
            }
            if SCOPES.contains(&open.name.as_str()) {
                return;
            }
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if BLOCKS.contains(&open.name.as_str()) {
            self.finish_line_as(&open);
        }
        if open.link {
            if let Some(open) = self.open_links.pop() {
                self.links.push(open.into_link());
            }
        }
        match open.name.as_str() {
            "td" | "th" => self.out.end_cell(),
            "tr" => self.out.end_row(),
            "table" => self.out.end_table(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        let style = RunStyle {
            bold: self.stack.iter().any(|o| o.bold),
            italic: self.stack.iter().any(|o| o.italic),
            size: 0.0,
        };
        if self.stack.iter().any(|o| o.name == "pre") {
            let mut pieces = text.split('\n').peekable();
            while let Some(piece) = pieces.next() {
                self.push(piece, style);
                if pieces.peek().is_some() {
                    self.finish_line();
                }
            }
        } else {
            self.push(text, style);
        }
    }

    fn push(&mut self, text: &str, style: RunStyle) {
        self.line.push(text, style);
        push_link_text(&mut self.open_links, text);
    }

    fn kind(&self) -> LineKind {
        let heading = self.stack.iter().rev().find_map(|o| match o.name.as_str() {
            "h1" => Some(1),
            "h2" => Some(2),
            "h3" => Some(3),
            "h4" => Some(4),
            "h5" => Some(5),
            "h6" => Some(6),
            _ => None,
        });
        let in_table = self.stack.iter().any(|o| matches!(o.name.as_str(), "td" | "th"));
        LineKind {
            region: if in_table { Region::Table } else { Region::Body },
            heading,
            list_item: heading.is_none() && self.stack.iter().any(|o| o.name == "li"),
        }
    }

    fn finish_line(&mut self) {
        let kind = self.kind();
        if let Some(line) = self.line.finish(kind) {
            self.out.emit(line);
        }
    }

    /// Finish the line of a block that has just been popped (its own kind still applies).
    fn finish_line_as(&mut self, open: &Open) {
        self.stack.push(Open { name: open.name.clone(), bold: false, italic: false, link: false });
        self.finish_line();
        self.stack.pop();
    }

    fn finish(mut self) -> (Vec<Line>, Vec<Link>) {
        while !self.stack.is_empty() {
            self.pop();
        }
        self.finish_line();
        (self.out.finish(), self.links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn run(html: &[u8]) -> Document {
        extract(html, &mut Budget::new(&Limits::default())).unwrap()
    }

    #[test]
    fn blocks_headings_lists_styles_links_tables() {
        let doc = run(br#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>
            <h1>Jane &amp; Roe</h1><script>var x = "<p>no</p>";</script>
            <p>Call <b>now</b> at <a href="mailto:j@example.org">j@example.org</a><br>Second&nbsp;line
            <ul><li>Rust<li><strong>Go</strong></ul>
            <table><tr><td>Acme<td>2020</tr></table><div style="font-weight: 700">Bold div</div></body></html>"#);
        let lines: Vec<_> =
            doc.lines().map(|l| (l.text.as_str(), l.heading, l.list_item, l.bold, l.region)).collect();
        assert_eq!(
            lines,
            [
                ("Jane & Roe", Some(1), false, true, Region::Body),
                ("Call now at j@example.org", None, false, false, Region::Body),
                ("Second line", None, false, false, Region::Body),
                ("Rust", None, true, false, Region::Body),
                ("Go", None, true, true, Region::Body),
                ("Acme  2020", None, false, false, Region::Table),
                ("Bold div", None, false, true, Region::Body),
            ]
        );
        assert_eq!(doc.links[0].url, "mailto:j@example.org");
    }

    #[test]
    fn unclosed_head_ends_at_the_first_body_element() {
        let doc =
            run(b"<html><head><title>Secret title</title><meta charset=utf-8><h1>Visible Name</h1><p>Body");
        let texts: Vec<_> = doc.lines().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Visible Name", "Body"]);
    }

    #[test]
    fn declared_windows_1252_is_honoured_and_deep_nesting_is_limited() {
        let doc = run(
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>Zo\xEB \x96 CV</p></body></html>",
        );
        assert_eq!(doc.lines().next().unwrap().text, "Zoë – CV");
        let deep = "<span>".repeat(1000);
        let err = extract(format!("<html><body>{deep}x").as_bytes(), &mut Budget::new(&Limits::default()))
            .unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::LimitExceeded);
    }
}
