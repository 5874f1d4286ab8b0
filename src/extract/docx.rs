//! DOCX (WordprocessingML) → flow [`Document`].
//!
//! Reading order is header lines, the body, footnotes and endnotes, then
//! footer lines. Within a part we walk the XML once and keep small stacks:
//! - paragraphs (`w:p`) nest because text boxes (`w:txbxContent`) live inside a
//!   run of their anchor paragraph; a box's lines are emitted where it is anchored;
//! - `mc:AlternateContent` holds the same box twice (DrawingML in `mc:Choice`,
//!   VML in `mc:Fallback`): we read the first Choice only, so box text appears once;
//! - tables collect their cells; a row whose cells each hold one paragraph
//!   becomes one line with a two-space gap between cells (keeps
//!   "Company  Title  2019 – 2021" rows readable), other rows give one line per
//!   cell paragraph, cell by cell;
//! - hyperlinks come from `w:hyperlink r:id` (target in the relationships) and
//!   from `HYPERLINK` field codes; field instructions are never text.
//!
//! Deleted (`w:del`, `w:moveFrom`) and hidden (`w:vanish`) text is not what a
//! reader sees and is skipped. `docProps/core.xml` is not read: its author
//! fields are personal data that the document body does not show.

use std::collections::HashMap;

use crate::document::{Document, Format, Line, Link, Metadata, Region};
use crate::error::{Error, Result};
use crate::limits::Budget;

use super::archive::Archive;
use super::docx_styles::{parse_app_properties, parse_relationships, part_path, Props, Resolved, Styles};
use super::text_lines::{push_link_text, unique_lines, LineBuilder, LineKind, OpenLink};
use super::text_sink::LineSink;
use super::xml::{Element, XmlEvent, XmlReader};

/// Fields nest (a PAGE inside an IF); more open at once than this is hostile.
const MAX_OPEN_FIELDS: usize = 64;

pub fn extract(bytes: &[u8], budget: &mut Budget) -> Result<Document> {
    let mut archive = Archive::open(bytes, budget)?;
    let body_xml = archive
        .read_text("word/document.xml", budget)?
        .ok_or_else(|| Error::malformed("the DOCX package has no main document part"))?;
    let styles = match archive.read_text("word/styles.xml", budget)? {
        Some(xml) => Styles::parse(&xml, budget)?,
        None => Styles::default(),
    };
    let rels = match archive.read_text("word/_rels/document.xml.rels", budget)? {
        Some(xml) => parse_relationships(&xml, budget)?,
        None => Vec::new(),
    };
    let hyperlinks: HashMap<String, String> =
        rels.iter().filter(|r| r.kind == "hyperlink").map(|r| (r.id.clone(), r.target.clone())).collect();
    let context = PartContext { styles: &styles, hyperlinks: &hyperlinks };

    let mut links = Vec::new();
    let mut lines = Vec::new();
    lines.extend(read_parts(&mut archive, &rels, "header", Region::Header, &context, &mut links, budget)?);
    lines.extend(read_part(&body_xml, Region::Body, None, &context, &mut links, budget)?);
    for (name, note) in [("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")] {
        if let Some(xml) = archive.read_text(name, budget)? {
            lines.extend(read_part(&xml, Region::Footnote, Some(note), &context, &mut links, budget)?);
        }
    }
    lines.extend(read_parts(&mut archive, &rels, "footer", Region::Footer, &context, &mut links, budget)?);

    let (producer, pages) = match archive.read_text("docProps/app.xml", budget)? {
        Some(xml) => parse_app_properties(&xml, budget)?,
        None => (None, None),
    };
    let metadata = Metadata { pages: pages.unwrap_or(1), producer, ..Metadata::default() };
    Ok(Document::flow(Format::Docx, metadata, lines, links))
}

/// Headers or footers: each part once, and a line repeated across parts
/// (first-page, default and even-page variants) only once.
fn read_parts(
    archive: &mut Archive,
    rels: &[super::docx_styles::Relationship],
    kind: &str,
    region: Region,
    context: &PartContext,
    links: &mut Vec<Link>,
    budget: &mut Budget,
) -> Result<Vec<Line>> {
    let mut paths: Vec<String> =
        rels.iter().filter(|r| r.kind == kind && !r.external).map(|r| part_path(&r.target)).collect();
    crate::sort::sort(&mut paths);
    paths.dedup();
    let mut out: Vec<Line> = Vec::new();
    for path in paths {
        let Some(xml) = archive.read_text(&path, budget)? else { continue };
        out.extend(read_part(&xml, region, None, context, links, budget)?);
    }
    Ok(unique_lines(out))
}

/// Read one part. `note` names the note element (`footnote`, `endnote`) in a
/// notes part, whose separator pseudo-notes are skipped.
fn read_part(
    xml: &str,
    region: Region,
    note: Option<&str>,
    context: &PartContext,
    links: &mut Vec<Link>,
    budget: &mut Budget,
) -> Result<Vec<Line>> {
    let mut walker = Walker::new(region, context);
    let mut reader = XmlReader::new(xml, budget);
    loop {
        match reader.next(budget)? {
            XmlEvent::Start(e) if Some(e.name()) == note && e.attr("type").is_some_and(|t| t != "normal") => {
                reader.skip_element(budget)?;
            }
            XmlEvent::Eof => break,
            event => walker.handle(event, &mut reader, budget)?,
        }
    }
    Ok(walker.finish(links))
}

struct PartContext<'a> {
    styles: &'a Styles,
    hyperlinks: &'a HashMap<String, String>,
}

/// One open paragraph.
struct Paragraph {
    builder: LineBuilder,
    style: Resolved,
    numbered: Option<bool>,
    outline: Option<u8>,
    region: Region,
}

/// The run being read: its direct formatting and character style.
#[derive(Default)]
struct Run {
    direct: Props,
    character: Props,
}

/// An open field (`w:fldChar begin … separate … end`).
struct Field {
    instruction: String,
    in_result: bool,
    link: Option<usize>,
}

struct Walker<'a> {
    context: &'a PartContext<'a>,
    base_region: Region,
    paragraphs: Vec<Paragraph>,
    run: Run,
    out: LineSink,
    text_boxes: usize,
    /// Per open `mc:AlternateContent`: whether a branch was already taken.
    alternates: Vec<bool>,
    fields: Vec<Field>,
    open_links: Vec<OpenLink>,
    /// Indices into `open_links` of the `w:hyperlink` elements currently open.
    hyperlink_elements: Vec<Option<usize>>,
    done_links: Vec<Link>,
}

impl<'a> Walker<'a> {
    fn new(base_region: Region, context: &'a PartContext<'a>) -> Self {
        Walker {
            context,
            base_region,
            paragraphs: Vec::new(),
            run: Run::default(),
            out: LineSink::default(),
            text_boxes: 0,
            alternates: Vec::new(),
            fields: Vec::new(),
            open_links: Vec::new(),
            hyperlink_elements: Vec::new(),
            done_links: Vec::new(),
        }
    }

    fn finish(mut self, links: &mut Vec<Link>) -> Vec<Line> {
        // Close anything a truncated part left open so no text is lost.
        while !self.paragraphs.is_empty() {
            self.end_paragraph();
        }
        for open in self.open_links.drain(..) {
            self.done_links.push(open.into_link());
        }
        links.append(&mut self.done_links);
        self.out.finish()
    }

    fn handle(&mut self, event: XmlEvent, reader: &mut XmlReader, budget: &mut Budget) -> Result<()> {
        match event {
            XmlEvent::Start(e) => self.start(&e, reader, budget),
            XmlEvent::End(name) => {
                self.end(&name);
                Ok(())
            }
            XmlEvent::Text(_) | XmlEvent::Eof => Ok(()),
        }
    }

    fn start(&mut self, e: &Element, reader: &mut XmlReader, budget: &mut Budget) -> Result<()> {
        match e.name() {
            // Not visible, or visible twice: skip the whole element.
            "del" | "moveFrom" | "delText" | "pPrChange" | "rPrChange" | "sdtPr" | "fldData" | "sectPr" => {
                reader.skip_element(budget)?
            }
            "AlternateContent" => self.alternates.push(false),
            "Choice" | "Fallback" => match self.alternates.last_mut() {
                Some(taken) if !*taken => *taken = true,
                _ => reader.skip_element(budget)?,
            },
            "p" => self.start_paragraph(),
            "pPr" => self.paragraph_properties(reader, budget)?,
            "r" => self.run = Run::default(),
            "rPr" => self.run_properties(reader, budget)?,
            "t" => {
                let text = reader.element_text(budget)?;
                self.push_text(&text);
            }
            "instrText" => {
                let text = reader.element_text(budget)?;
                if let Some(field) = self.fields.last_mut() {
                    if !field.in_result && field.instruction.len() < 4096 {
                        field.instruction.push_str(&text);
                    }
                }
            }
            "fldChar" => match e.attr("fldCharType").as_deref() {
                Some("begin") if self.fields.len() < MAX_OPEN_FIELDS => {
                    self.fields.push(Field { instruction: String::new(), in_result: false, link: None })
                }
                Some("separate") => self.separate_field(),
                Some("end") => self.end_field(),
                _ => {}
            },
            "fldSimple" if self.fields.len() < MAX_OPEN_FIELDS => {
                self.fields.push(Field {
                    instruction: e.attr("instr").unwrap_or_default(),
                    in_result: false,
                    link: None,
                });
                self.separate_field();
            }
            "hyperlink" => {
                let target = e
                    .attr_q("r:id")
                    .or_else(|| e.attr("id"))
                    .and_then(|id| self.context.hyperlinks.get(&id).cloned());
                let index = target.map(|url| {
                    self.open_links.push(OpenLink::new(url));
                    self.open_links.len() - 1
                });
                self.hyperlink_elements.push(index);
            }
            "tab" | "ptab" => self.push_gap(),
            "br" | "cr" => self.break_line(),
            "noBreakHyphen" => self.push_text("-"),
            "sym" => {
                let c = e
                    .attr("char")
                    .and_then(|hex| u32::from_str_radix(hex.trim(), 16).ok())
                    .and_then(char::from_u32);
                // Symbol-font glyphs live in the private use area: decorations, not text.
                if let Some(c) = c.filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c)) {
                    self.push_text(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            "txbxContent" => self.text_boxes = self.text_boxes.saturating_add(1),
            "tbl" => self.out.start_table(),
            "tr" => self.out.start_row(),
            "tc" => self.out.push_collector(),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => self.end_paragraph(),
            "AlternateContent" => {
                self.alternates.pop();
            }
            "fldSimple" => self.end_field(),
            "hyperlink" => {
                if let Some(Some(index)) = self.hyperlink_elements.pop() {
                    self.close_link(index);
                }
            }
            "txbxContent" => self.text_boxes = self.text_boxes.saturating_sub(1),
            "tc" => self.out.end_cell(),
            "tr" => self.out.end_row(),
            "tbl" => self.out.end_table(),
            _ => {}
        }
    }

    fn region(&self) -> Region {
        if self.base_region != Region::Body {
            self.base_region
        } else if self.text_boxes > 0 {
            Region::TextBox
        } else if self.out.in_table() {
            Region::Table
        } else {
            Region::Body
        }
    }

    fn start_paragraph(&mut self) {
        let style = self.context.styles.resolve(None);
        let region = self.region();
        self.paragraphs.push(Paragraph {
            builder: LineBuilder::new(),
            style,
            numbered: None,
            outline: None,
            region,
        });
    }

    fn paragraph_properties(&mut self, reader: &mut XmlReader, budget: &mut Budget) -> Result<()> {
        let base = reader.depth();
        let mut style_id = None;
        let mut numbered = None;
        let mut outline = None;
        while reader.depth() >= base {
            match reader.next(budget)? {
                XmlEvent::Start(e) => match e.name() {
                    "pStyle" => style_id = e.attr("val"),
                    "numId" => numbered = Some(e.attr("val").as_deref() != Some("0")),
                    "outlineLvl" => {
                        outline = e
                            .attr("val")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|&l| l < 9)
                            .map(|l| l.saturating_add(1).min(6))
                    }
                    // The paragraph mark's own formatting and old revisions are not the text's.
                    "rPr" | "pPrChange" | "tabs" => reader.skip_element(budget)?,
                    _ => {}
                },
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        if let Some(p) = self.paragraphs.last_mut() {
            if style_id.is_some() {
                p.style = self.context.styles.resolve(style_id.as_deref());
            }
            p.numbered = numbered.or(p.numbered);
            p.outline = outline.or(p.outline);
        }
        Ok(())
    }

    fn run_properties(&mut self, reader: &mut XmlReader, budget: &mut Budget) -> Result<()> {
        let base = reader.depth();
        while reader.depth() >= base {
            match reader.next(budget)? {
                XmlEvent::Start(e) => match e.name() {
                    "rStyle" => {
                        if let Some(id) = e.attr("val") {
                            self.run.character = self.context.styles.character(&id);
                        }
                    }
                    "rPrChange" => reader.skip_element(budget)?,
                    _ => self.run.direct.apply(&e),
                },
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// True while inside a field's instruction, whose text is code, not content.
    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| !f.in_result)
    }

    fn push_text(&mut self, text: &str) {
        if self.in_instruction() {
            return;
        }
        let Some(p) = self.paragraphs.last_mut() else { return };
        let props = self.run.direct.or(&self.run.character).or(&p.style.props);
        let Some(style) = props.run_style() else { return };
        p.builder.push(text, style);
        push_link_text(&mut self.open_links, text);
    }

    fn push_gap(&mut self) {
        if let Some(p) = self.paragraphs.last_mut() {
            if !self.fields.iter().any(|f| !f.in_result) {
                p.builder.push_gap();
            }
        }
    }

    fn separate_field(&mut self) {
        let Some(field) = self.fields.last_mut() else { return };
        field.in_result = true;
        if let Some(url) = hyperlink_instruction(&field.instruction) {
            self.open_links.push(OpenLink::new(url));
            field.link = Some(self.open_links.len() - 1);
        }
    }

    fn end_field(&mut self) {
        if let Some(field) = self.fields.pop() {
            if let Some(index) = field.link {
                self.close_link(index);
            }
        }
    }

    /// Finish the link at `index` (and any opened after it, which cannot outlive it).
    fn close_link(&mut self, index: usize) {
        while self.open_links.len() > index {
            if let Some(open) = self.open_links.pop() {
                self.done_links.push(open.into_link());
            }
        }
        for field in &mut self.fields {
            if field.link.is_some_and(|i| i >= index) {
                field.link = None;
            }
        }
        for slot in &mut self.hyperlink_elements {
            if slot.is_some_and(|i| i >= index) {
                *slot = None;
            }
        }
    }

    /// A `w:br`/`w:cr`: the paragraph continues on a new line of the same kind.
    fn break_line(&mut self) {
        let Some(p) = self.paragraphs.last_mut() else { return };
        let kind = paragraph_kind(p);
        if let Some(line) = p.builder.finish(kind) {
            self.out.emit(line);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.paragraphs.pop() else { return };
        if let Some(line) = p.builder.finish(paragraph_kind(&p)) {
            self.out.emit(line);
        }
    }
}

fn paragraph_kind(p: &Paragraph) -> LineKind {
    // Word numbers headings through the same lists as bullets; a heading is not a list item.
    let heading = p.outline.or(p.style.heading);
    LineKind { region: p.region, heading, list_item: heading.is_none() && p.numbered.unwrap_or(p.style.list) }
}

/// The URL of a `HYPERLINK "url" \o "tip"` field instruction (internal `\l` anchors excluded).
fn hyperlink_instruction(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start().strip_prefix("HYPERLINK")?.trim_start();
    if rest.starts_with("\\l") {
        return None;
    }
    let url = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or(""),
        None => rest.split_whitespace().next().unwrap_or(""),
    };
    (!url.is_empty()).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::archive::tests::make_zip;
    use crate::limits::Limits;

    const NS: &str = r#"xmlns:w="w" xmlns:r="r" xmlns:mc="mc""#;

    fn docx(body: &str, extra: &[(&str, &[u8])]) -> Document {
        let document =
            format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>"#);
        let mut members: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
        members.extend_from_slice(extra);
        let zip = make_zip(&members);
        extract(&zip, &mut Budget::new(&Limits::default())).unwrap()
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.lines().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn runs_tabs_breaks_and_deleted_text() {
        let doc = docx(
            r#"<w:p><w:r><w:t>Engineer</w:t><w:tab/><w:t xml:space="preserve">2019 </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
               <w:r><w:t>– 2021</w:t><w:br/><w:t>Acme</w:t><w:noBreakHyphen/><w:t>X</w:t></w:r></w:p>"#,
            &[],
        );
        assert_eq!(texts(&doc), ["Engineer  2019 – 2021", "Acme-X"]);
    }

    #[test]
    fn text_box_is_read_once_from_the_choice() {
        let doc = docx(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>SKILLS</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
               <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>SKILLS</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            &[],
        );
        assert_eq!(texts(&doc), ["SKILLS"]);
        assert_eq!(doc.pages[0].lines[0].region, Region::TextBox);
    }

    #[test]
    fn table_rows_of_single_paragraph_cells_join_with_a_gap() {
        let doc = docx(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Acme</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2020</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            &[],
        );
        assert_eq!(texts(&doc), ["Acme  2020", "a", "b", "c"]);
        assert!(doc.lines().all(|l| l.region == Region::Table));
    }

    #[test]
    fn hyperlinks_from_relationships_and_fields() {
        let rels = br#"<Relationships><Relationship Id="rId5" Type="http://x/hyperlink" Target="https://example.org/me" TargetMode="External"/></Relationships>"#;
        let doc = docx(
            r#"<w:p><w:hyperlink r:id="rId5"><w:r><w:t>my site</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> </w:t></w:r>
               <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "mailto:a@example.org" </w:instrText></w:r>
               <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>a@example.org</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            &[("word/_rels/document.xml.rels", rels)],
        );
        assert_eq!(texts(&doc), ["my site a@example.org"]);
        let urls: Vec<_> = doc.links.iter().map(|l| (l.url.as_str(), l.text.as_deref())).collect();
        assert_eq!(
            urls,
            [("https://example.org/me", Some("my site")), ("mailto:a@example.org", Some("a@example.org"))]
        );
    }

    #[test]
    fn styles_give_headings_bold_and_lists() {
        let styles = br#"<w:styles><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;
        let doc = docx(
            r#"<w:p><w:pPr><w:pStyle w:val="H1"/><w:rPr><w:i/></w:rPr></w:pPr><w:r><w:t>Experience</w:t></w:r></w:p>
               <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:sz w:val="21"/></w:rPr><w:t>Did things</w:t></w:r></w:p>"#,
            &[("word/styles.xml", styles)],
        );
        let lines: Vec<_> = doc.lines().collect();
        assert_eq!((lines[0].heading, lines[0].bold, lines[0].italic), (Some(1), true, false));
        assert_eq!((lines[1].list_item, lines[1].bold, lines[1].font_size), (true, false, 10.5));
    }

    #[test]
    fn a_bold_title_before_a_regular_employer_keeps_the_weight_break() {
        let doc = docx(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Jefa de Obra</w:t></w:r><w:r><w:t xml:space="preserve"> Lumbre Obras S.L.</w:t></w:r></w:p>
               <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Jefa</w:t></w:r><w:r><w:t>tura</w:t></w:r></w:p>"#,
            &[],
        );
        let lines: Vec<_> = doc.lines().collect();
        assert_eq!((lines[0].text.as_str(), lines[0].weight_break), ("Jefa de Obra Lumbre Obras S.L.", Some(12)));
        assert_eq!(lines[1].weight_break, None, "a weight change inside a word is no break");
    }

    #[test]
    fn missing_main_part_is_malformed() {
        let zip = make_zip(&[("word/other.xml", b"<a/>")]);
        let err = extract(&zip, &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Malformed);
    }
}
