//! A small, bounded pull reader over quick-xml for the XML inside DOCX and ODT.
//!
//! The extractors only need elements, their attributes and text. This wrapper
//! hands them exactly that, with the safety rules in one place:
//! - nesting deeper than `limits.max_xml_depth` fails with `limit_exceeded`;
//! - every event is charged to the work budget (plus its length / 64);
//! - a DOCTYPE is ignored and custom entities are never expanded (quick-xml does
//!   not expand them; we drop unknown `&name;` references), so billion-laughs
//!   documents cost what their bytes cost; predefined and numeric references
//!   are decoded;
//! - empty elements (`<w:tab/>`) arrive as a start and an end, so callers keep
//!   one code path.
//!
//! Names are compared by local name (`w:p` → `p`): the prefixes of the formats
//! we read are fixed in practice, and local names keep callers short.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};
use crate::limits::Budget;

/// One event of the simplified stream.
#[derive(Debug)]
pub enum XmlEvent<'a> {
    Start(Element<'a>),
    /// The end of the element with this local name.
    End(String),
    Text(Cow<'a, str>),
    Eof,
}

/// A start tag.
#[derive(Debug)]
pub struct Element<'a> {
    start: BytesStart<'a>,
}

impl Element<'_> {
    /// The local name (`p` for `w:p`).
    pub fn name(&self) -> &str {
        local(self.start.name().into_inner())
    }

    /// The qualified name as written (`w:p`).
    pub fn qname(&self) -> &str {
        self.start.name().into_inner()
    }

    /// The value of the first attribute with this local name, entities decoded.
    pub fn attr(&self, local_name: &str) -> Option<String> {
        self.start
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| local(a.key.into_inner()) == local_name)
            .map(|a| attribute_value(&a))
    }

    /// The value of the attribute with this exact qualified name (`xlink:href`).
    pub fn attr_q(&self, qname: &str) -> Option<String> {
        self.start
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.into_inner() == qname)
            .map(|a| attribute_value(&a))
    }
}

/// Entities decoded (predefined and numeric only), the raw value if they are broken.
fn attribute_value(a: &quick_xml::events::attributes::Attribute) -> String {
    match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v.into_owned(),
        Err(_) => a.value.to_string(),
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// A bounded reader over one XML document.
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: usize,
    /// An empty element's end, owed after its start was returned.
    pending_end: Option<String>,
}

impl<'a> XmlReader<'a> {
    pub fn new(xml: &'a str, budget: &Budget) -> Self {
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.check_comments = false;
        config.allow_dangling_amp = true;
        XmlReader { reader, depth: 0, max_depth: budget.limits().max_xml_depth, pending_end: None }
    }

    /// Current element depth (0 outside the root).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event; `Eof` at the end. Fails on broken XML or past the limits.
    pub fn next(&mut self, budget: &mut Budget) -> Result<XmlEvent<'a>> {
        if let Some(name) = self.pending_end.take() {
            self.depth = self.depth.saturating_sub(1);
            budget.spend(1)?;
            return Ok(XmlEvent::End(name));
        }
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|_| Error::malformed("an XML part of the document is not well-formed"))?;
            budget.spend(1)?;
            match event {
                Event::Start(start) => {
                    self.enter()?;
                    budget.spend(start.len() as u64 / 64)?;
                    return Ok(XmlEvent::Start(Element { start }));
                }
                Event::Empty(start) => {
                    self.enter()?;
                    self.pending_end = Some(local(start.name().into_inner()).to_string());
                    return Ok(XmlEvent::Start(Element { start }));
                }
                Event::End(end) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(XmlEvent::End(local(end.name().into_inner()).to_string()));
                }
                Event::Text(text) => {
                    budget.spend(text.len() as u64 / 64)?;
                    return Ok(XmlEvent::Text(text.xml10_content()));
                }
                Event::CData(data) => {
                    budget.spend(data.len() as u64 / 64)?;
                    return Ok(XmlEvent::Text(data.xml10_content()));
                }
                Event::GeneralRef(reference) => {
                    if let Some(c) = resolve_reference(&reference.xml10_content()) {
                        return Ok(XmlEvent::Text(Cow::Owned(c.to_string())));
                    }
                    // Custom entities are never expanded: the reference is dropped.
                }
                Event::Eof => return Ok(XmlEvent::Eof),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Skip the rest of the element whose start was just returned.
    pub fn skip_element(&mut self, budget: &mut Budget) -> Result<()> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if let XmlEvent::Eof = self.next(budget)? {
                break;
            }
        }
        Ok(())
    }

    /// The concatenated text inside the element whose start was just returned.
    pub fn element_text(&mut self, budget: &mut Budget) -> Result<String> {
        let target = self.depth.saturating_sub(1);
        let mut out = String::new();
        while self.depth > target {
            match self.next(budget)? {
                XmlEvent::Text(t) => out.push_str(&t),
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// The element's text as a cleaned, bounded metadata value (`None` when blank).
    pub fn metadata_text(&mut self, budget: &mut Budget) -> Result<Option<String>> {
        let text = super::text_lines::clean_text(&self.element_text(budget)?);
        Ok((!text.is_empty()).then(|| text.chars().take(200).collect()))
    }

    fn enter(&mut self) -> Result<()> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > self.max_depth {
            return Err(Error::limit(format!(
                "an XML part nests deeper than {} elements (limits.maxXmlDepth)",
                self.max_depth
            )));
        }
        Ok(())
    }
}

/// Decode a predefined (`amp`) or numeric (`#233`, `#xE9`) entity name.
pub fn resolve_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;

    fn texts(xml: &str) -> Result<String> {
        let mut budget = Budget::new(&Limits::default());
        let mut r = XmlReader::new(xml, &budget);
        let mut out = String::new();
        loop {
            match r.next(&mut budget)? {
                XmlEvent::Text(t) => out.push_str(&t),
                XmlEvent::Start(e) => out.push_str(&format!("<{}>", e.name())),
                XmlEvent::End(n) => out.push_str(&format!("</{n}>")),
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn decodes_predefined_and_numeric_entities_and_expands_empty() {
        let out = texts(r#"<w:p a="1">A &amp; B &#233;&#x2013;<w:br/></w:p>"#).unwrap();
        assert_eq!(out, "<p>A & B é–<br></br></p>");
    }

    #[test]
    fn billion_laughs_is_not_expanded() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><r>x&lol3;y</r>"#;
        assert_eq!(texts(xml).unwrap(), "<r>xy</r>");
    }

    #[test]
    fn depth_limit_is_enforced() {
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        assert_eq!(texts(&deep).unwrap_err().code, ErrorCode::LimitExceeded);
    }

    #[test]
    fn attributes_by_local_and_qualified_name() {
        let mut budget = Budget::new(&Limits::default());
        let mut r = XmlReader::new(r#"<a xlink:href="x&amp;y" w:val="2"/>"#, &budget);
        let XmlEvent::Start(e) = r.next(&mut budget).unwrap() else { panic!("no start") };
        assert_eq!(e.attr("val").as_deref(), Some("2"));
        assert_eq!(e.attr_q("xlink:href").as_deref(), Some("x&y"));
    }
}
