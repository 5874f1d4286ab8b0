//! The parts of a DOCX package that describe, rather than hold, the text:
//! styles (with `basedOn` inheritance), relationships (hyperlink targets,
//! header/footer parts) and the application metadata.
//!
//! Style resolution matters for CVs because the heading and bold cues that
//! later stages rely on usually come from a style ("Heading 2", a bold
//! "Company" character style), not from direct formatting.

use std::collections::HashMap;

use crate::error::Result;
use crate::limits::Budget;

use super::xml::{Element, XmlEvent, XmlReader};

/// Longest `basedOn` chain we follow; real ones are 2–4 deep, loops exist.
const MAX_STYLE_CHAIN: usize = 16;

/// Formatting a style (or direct formatting) sets; `None` means "inherit".
#[derive(Debug, Clone, Default)]
pub struct Props {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub hidden: Option<bool>,
    /// Points.
    pub size: Option<f32>,
}

impl Props {
    /// Fill what `self` leaves open from `other`.
    pub fn or(&self, other: &Props) -> Props {
        Props {
            bold: self.bold.or(other.bold),
            italic: self.italic.or(other.italic),
            hidden: self.hidden.or(other.hidden),
            size: self.size.or(other.size),
        }
    }

    /// The style to render with; `None` for hidden text, which readers never see.
    pub fn run_style(&self) -> Option<super::text_lines::RunStyle> {
        (self.hidden != Some(true)).then(|| super::text_lines::RunStyle {
            bold: self.bold.unwrap_or(false),
            italic: self.italic.unwrap_or(false),
            size: self.size.unwrap_or(0.0),
        })
    }

    /// Apply one run-property element (`w:b`, `w:i`, `w:sz`, `w:vanish`).
    pub fn apply(&mut self, e: &Element) {
        match e.name() {
            "b" => self.bold = Some(toggle(e)),
            "i" => self.italic = Some(toggle(e)),
            "vanish" => self.hidden = Some(toggle(e)),
            "sz" => {
                if let Some(half_points) = e.attr("val").and_then(|v| v.parse::<f32>().ok()) {
                    if half_points.is_finite() && half_points > 0.0 && half_points < 4000.0 {
                        self.size = Some(half_points / 2.0);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `<w:b/>` is on; `w:val="0|false|off"` turns it off.
fn toggle(e: &Element) -> bool {
    !matches!(e.attr("val").as_deref(), Some("0" | "false" | "off"))
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    props: Props,
    heading: Option<u8>,
    list: Option<bool>,
}

/// What a paragraph or character style resolves to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub props: Props,
    pub heading: Option<u8>,
    pub list: bool,
}

/// The style sheet of `word/styles.xml`.
#[derive(Debug, Default)]
pub struct Styles {
    defs: HashMap<String, StyleDef>,
    defaults: Props,
    default_paragraph: Option<String>,
}

impl Styles {
    pub fn parse(xml: &str, budget: &mut Budget) -> Result<Styles> {
        let mut styles = Styles::default();
        let mut reader = XmlReader::new(xml, budget);
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_defaults = false;
        loop {
            match reader.next(budget)? {
                XmlEvent::Start(e) => match e.name() {
                    "rPrDefault" => in_defaults = true,
                    "style" => {
                        let id = e.attr("styleId").unwrap_or_default();
                        if e.attr("type").as_deref() == Some("paragraph")
                            && e.attr("default").as_deref() == Some("1")
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, StyleDef::default()));
                    }
                    _ => {
                        if let Some((id, def)) = current.as_mut() {
                            apply_style_element(id, def, &e);
                        } else if in_defaults {
                            styles.defaults.apply(&e);
                        }
                    }
                },
                XmlEvent::End(name) => match name.as_str() {
                    "rPrDefault" => in_defaults = false,
                    "style" => {
                        if let Some((id, def)) = current.take() {
                            if styles.defs.len() < 10_000 {
                                styles.defs.insert(id, def);
                            }
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        Ok(styles)
    }

    /// Resolve a style through its `basedOn` chain; no id means the default paragraph style.
    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        let mut out = Resolved::default();
        let mut list = None;
        let mut next = id.map(str::to_string).or_else(|| self.default_paragraph.clone());
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(def) = next.as_deref().and_then(|id| self.defs.get(id)) else { break };
            out.props = out.props.or(&def.props);
            out.heading = out.heading.or(def.heading);
            list = list.or(def.list);
            next = def.based_on.clone();
        }
        out.props = out.props.or(&self.defaults);
        out.list = list.unwrap_or(false);
        out
    }

    /// Character-style properties only (no document defaults: the paragraph supplies those).
    pub fn character(&self, id: &str) -> Props {
        let mut props = Props::default();
        let mut next = Some(id.to_string());
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(def) = next.as_deref().and_then(|id| self.defs.get(id)) else { break };
            props = props.or(&def.props);
            next = def.based_on.clone();
        }
        props
    }
}

fn apply_style_element(id: &str, def: &mut StyleDef, e: &Element) {
    match e.name() {
        "basedOn" => def.based_on = e.attr("val"),
        "name" => {
            let name = e.attr("val").unwrap_or_default().to_ascii_lowercase();
            def.heading = def
                .heading
                .or_else(|| heading_from_name(&name))
                .or_else(|| heading_from_name(&id.to_ascii_lowercase()));
        }
        "outlineLvl" => {
            if let Some(level) = e.attr("val").and_then(|v| v.parse::<u8>().ok()) {
                if level < 9 {
                    def.heading = Some(level.saturating_add(1).min(6));
                }
            }
        }
        "numId" => def.list = Some(e.attr("val").as_deref() != Some("0")),
        _ => def.props.apply(e),
    }
}

/// "heading 2" / "Heading2" → 2, "title" → 1.
fn heading_from_name(name: &str) -> Option<u8> {
    if name == "title" {
        return Some(1);
    }
    let rest = name.strip_prefix("heading")?.trim();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

/// A relationship of the main document part.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

pub fn parse_relationships(xml: &str, budget: &mut Budget) -> Result<Vec<Relationship>> {
    let mut out = Vec::new();
    let mut reader = XmlReader::new(xml, budget);
    loop {
        match reader.next(budget)? {
            XmlEvent::Start(e) if e.name() == "Relationship" => {
                let kind = e.attr("Type").unwrap_or_default();
                out.push(Relationship {
                    id: e.attr("Id").unwrap_or_default(),
                    kind: kind.rsplit('/').next().unwrap_or("").to_string(),
                    target: e.attr("Target").unwrap_or_default(),
                    external: e.attr("TargetMode").as_deref() == Some("External"),
                });
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The package path of a part targeted from `word/document.xml`.
pub fn part_path(target: &str) -> String {
    resolve_part("word", target)
}

/// The package path of a relationship target, relative to the folder `dir` of its source part.
pub fn resolve_part(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `Application` and `Pages` from `docProps/app.xml`.
pub fn parse_app_properties(xml: &str, budget: &mut Budget) -> Result<(Option<String>, Option<usize>)> {
    let mut application = None;
    let mut pages = None;
    let mut reader = XmlReader::new(xml, budget);
    loop {
        match reader.next(budget)? {
            XmlEvent::Start(e) if e.name() == "Application" => application = reader.metadata_text(budget)?,
            XmlEvent::Start(e) if e.name() == "Pages" => {
                pages = reader
                    .element_text(budget)?
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0 && n < 100_000);
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok((application, pages))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn styles_inherit_through_based_on_and_name_headings() {
        let xml = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="MyHead"><w:basedOn w:val="Heading2"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#;
        let mut budget = Budget::new(&Limits::default());
        let styles = Styles::parse(xml, &mut budget).unwrap();
        let r = styles.resolve(Some("MyHead"));
        assert_eq!((r.heading, r.props.bold, r.props.size), (Some(2), Some(true), Some(14.0)));
        assert_eq!(styles.resolve(Some("Loop")).heading, Some(1));
        assert_eq!(styles.resolve(None).props.size, Some(11.0));
    }

    #[test]
    fn part_paths_resolve_relative_targets() {
        assert_eq!(part_path("header1.xml"), "word/header1.xml");
        assert_eq!(part_path("/word/footer2.xml"), "word/footer2.xml");
        assert_eq!(part_path("../customXml/item.xml"), "customXml/item.xml");
    }
}
