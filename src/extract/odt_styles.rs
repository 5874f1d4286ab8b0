//! ODF styles (`style:style` in content.xml's automatic styles and in
//! styles.xml) resolved through `style:parent-style-name`, and the metadata
//! in meta.xml.
//!
//! Writers put almost all formatting in automatic styles (`P3`, `T1`), so
//! bold, italic, size and heading cues can only be read through them.

use std::collections::HashMap;

use crate::error::Result;
use crate::limits::Budget;

use super::docx_styles::Props;
use super::xml::{Element, XmlEvent, XmlReader};

const MAX_STYLE_CHAIN: usize = 16;

#[derive(Debug, Clone, Default)]
struct StyleDef {
    parent: Option<String>,
    props: Props,
    heading: Option<u8>,
}

/// What a style resolves to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub props: Props,
    pub heading: Option<u8>,
}

/// Paragraph and text styles by (family, name).
#[derive(Debug, Default)]
pub struct OdfStyles {
    defs: HashMap<(String, String), StyleDef>,
    defaults: Props,
}

impl OdfStyles {
    /// Add the `style:style` and `style:default-style` definitions of one part.
    pub fn add_part(&mut self, xml: &str, budget: &mut Budget) -> Result<()> {
        let mut reader = XmlReader::new(xml, budget);
        let mut current: Option<((String, String), StyleDef)> = None;
        let mut in_default = false;
        loop {
            match reader.next(budget)? {
                XmlEvent::Start(e) => match e.name() {
                    "style" => {
                        let key = (e.attr("family").unwrap_or_default(), e.attr("name").unwrap_or_default());
                        let mut def = StyleDef { parent: e.attr("parent-style-name"), ..StyleDef::default() };
                        def.heading = e
                            .attr("default-outline-level")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|l| (1..=10).contains(l))
                            .map(|l| l.min(6));
                        current = Some((key, def));
                    }
                    "default-style" => in_default = e.attr("family").as_deref() == Some("paragraph"),
                    "text-properties" => {
                        if let Some((_, def)) = current.as_mut() {
                            apply_text_properties(&mut def.props, &e);
                        } else if in_default {
                            apply_text_properties(&mut self.defaults, &e);
                        }
                    }
                    // Master pages hold headers and footers, not style definitions.
                    "master-styles" => reader.skip_element(budget)?,
                    _ => {}
                },
                XmlEvent::End(name) => match name.as_str() {
                    "style" => {
                        if let Some((key, def)) = current.take() {
                            if self.defs.len() < 10_000 {
                                self.defs.insert(key, def);
                            }
                        }
                    }
                    "default-style" => in_default = false,
                    _ => {}
                },
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        Ok(())
    }

    /// Resolve a style of `family` through its parents; paragraph styles end at the defaults.
    pub fn resolve(&self, family: &str, name: Option<&str>) -> Resolved {
        let mut out = Resolved::default();
        let mut next = name.map(str::to_string);
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(def) = next.take().and_then(|n| self.defs.get(&(family.to_string(), n))) else { break };
            out.props = out.props.or(&def.props);
            out.heading = out.heading.or(def.heading);
            next = def.parent.clone();
        }
        if family == "paragraph" {
            out.props = out.props.or(&self.defaults);
        }
        out
    }
}

fn apply_text_properties(props: &mut Props, e: &Element) {
    if let Some(weight) = e.attr_q("fo:font-weight") {
        props.bold = Some(weight == "bold" || weight.parse::<u32>().is_ok_and(|w| w >= 600));
    }
    if let Some(style) = e.attr_q("fo:font-style") {
        props.italic = Some(style == "italic" || style == "oblique");
    }
    if let Some(display) = e.attr_q("text:display") {
        props.hidden = Some(display == "none");
    }
    if let Some(size) =
        e.attr_q("fo:font-size").and_then(|s| s.strip_suffix("pt").and_then(|n| n.trim().parse::<f32>().ok()))
    {
        if size.is_finite() && size > 0.0 && size < 2000.0 {
            props.size = Some(size);
        }
    }
}

/// `meta:generator` and the page count from meta.xml.
pub fn parse_meta(xml: &str, budget: &mut Budget) -> Result<(Option<String>, Option<usize>)> {
    let mut generator = None;
    let mut pages = None;
    let mut reader = XmlReader::new(xml, budget);
    loop {
        match reader.next(budget)? {
            XmlEvent::Start(e) if e.name() == "generator" => generator = reader.metadata_text(budget)?,
            XmlEvent::Start(e) if e.name() == "document-statistic" => {
                pages = e
                    .attr("page-count")
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&n| n > 0 && n < 100_000);
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok((generator, pages))
}
