//! ODT (OpenDocument text) → flow [`Document`].
//!
//! Reads `content.xml` for the body, `styles.xml` for the master pages'
//! headers and footers (and the common styles) and `meta.xml` for the
//! generator and page count. Reading order: header lines, body, footnotes,
//! footer lines.
//!
//! `text:h` is a heading at its `text:outline-level`; paragraphs inside
//! `text:list-item` are list items; `text:s`, `text:tab` and `text:line-break`
//! are spaces, a column gap and a new line; `draw:text-box` paragraphs become
//! text-box lines where their frame is anchored; table rows follow the same
//! rule as DOCX (single-paragraph cells join with a gap). Tracked deletions,
//! comments and image descriptions are not printed text and are skipped.

use crate::document::{Document, Format, Line, Link, Metadata, Region};
use crate::error::{Error, Result};
use crate::limits::Budget;

use super::archive::Archive;
use super::docx_styles::Props;
use super::odt_styles::{parse_meta, OdfStyles};
use super::text_lines::{push_link_text, unique_lines, LineBuilder, LineKind, OpenLink};
use super::text_sink::LineSink;
use super::xml::{Element, XmlEvent, XmlReader};

/// ODF password protection encrypts the members themselves (not the zip), and
/// says so in the manifest: without this check the ciphertext would read as
/// corrupt XML (`malformed`) instead of `encrypted`.
fn refuse_if_encrypted(archive: &mut Archive, budget: &mut Budget) -> Result<()> {
    let manifest = archive.read("META-INF/manifest.xml", budget)?.unwrap_or_default();
    budget.spend(manifest.len() as u64 / 64)?;
    if manifest.windows(ENCRYPTION_DATA.len()).any(|w| w == ENCRYPTION_DATA) {
        return Err(super::archive::encrypted());
    }
    Ok(())
}

const ENCRYPTION_DATA: &[u8] = b"encryption-data";

/// Most spaces one `text:s` may add; the attribute is attacker-controlled.
const MAX_SPACES: usize = 100;

pub fn extract(bytes: &[u8], budget: &mut Budget) -> Result<Document> {
    let mut archive = Archive::open(bytes, budget)?;
    refuse_if_encrypted(&mut archive, budget)?;
    let content = archive
        .read_text("content.xml", budget)?
        .ok_or_else(|| Error::malformed("the ODT package has no content part"))?;
    let styles_xml = archive.read_text("styles.xml", budget)?;
    let mut styles = OdfStyles::default();
    if let Some(xml) = &styles_xml {
        styles.add_part(xml, budget)?;
    }
    styles.add_part(&content, budget)?;

    let mut links = Vec::new();
    let (mut headers, mut footers) = (Vec::new(), Vec::new());
    if let Some(xml) = &styles_xml {
        let mut walker = Walker::new(&styles, true);
        walker.run(xml, budget)?;
        let (page_lines, _) = walker.finish(&mut links);
        let (footer_lines, header_lines): (Vec<Line>, Vec<Line>) =
            page_lines.into_iter().partition(|l| l.region == Region::Footer);
        headers = unique_lines(header_lines);
        footers = unique_lines(footer_lines);
    }
    let mut walker = Walker::new(&styles, false);
    walker.run(&content, budget)?;
    let (body, notes) = walker.finish(&mut links);

    let (producer, pages) = match archive.read_text("meta.xml", budget)? {
        Some(xml) => parse_meta(&xml, budget)?,
        None => (None, None),
    };
    let lines = headers.into_iter().chain(body).chain(notes).chain(footers).collect();
    let metadata = Metadata { pages: pages.unwrap_or(1), producer, ..Metadata::default() };
    Ok(Document::flow(Format::Odt, metadata, lines, links))
}

struct Paragraph {
    builder: LineBuilder,
    props: Props,
    kind: LineKind,
}

struct Walker<'a> {
    styles: &'a OdfStyles,
    /// Reading styles.xml: only header and footer content counts.
    master_pages_only: bool,
    page_region: Option<Region>,
    paragraphs: Vec<Paragraph>,
    spans: Vec<Props>,
    out: LineSink,
    list_items: usize,
    text_boxes: usize,
    notes: Vec<Line>,
    note_depth: usize,
    open_links: Vec<OpenLink>,
    done_links: Vec<Link>,
}

impl<'a> Walker<'a> {
    fn new(styles: &'a OdfStyles, master_pages_only: bool) -> Self {
        Walker {
            styles,
            master_pages_only,
            page_region: None,
            paragraphs: Vec::new(),
            spans: Vec::new(),
            out: LineSink::default(),
            list_items: 0,
            text_boxes: 0,
            notes: Vec::new(),
            note_depth: 0,
            open_links: Vec::new(),
            done_links: Vec::new(),
        }
    }

    fn run(&mut self, xml: &str, budget: &mut Budget) -> Result<()> {
        let mut reader = XmlReader::new(xml, budget);
        loop {
            match reader.next(budget)? {
                XmlEvent::Start(e) => self.start(&e, &mut reader, budget)?,
                XmlEvent::End(name) => self.end(&name),
                XmlEvent::Text(t) => self.push_text(&t),
                XmlEvent::Eof => return Ok(()),
            }
        }
    }

    /// (body lines, footnote lines); links are appended to `links`.
    fn finish(mut self, links: &mut Vec<Link>) -> (Vec<Line>, Vec<Line>) {
        while !self.paragraphs.is_empty() {
            self.end_paragraph();
        }
        while !self.open_links.is_empty() {
            self.close_link();
        }
        links.append(&mut self.done_links);
        (self.out.finish(), self.notes)
    }

    fn start(&mut self, e: &Element, reader: &mut XmlReader, budget: &mut Budget) -> Result<()> {
        let name = e.name();
        if self.master_pages_only && self.page_region.is_none() {
            match name {
                "header" | "header-left" | "header-first" => self.page_region = Some(Region::Header),
                "footer" | "footer-left" | "footer-first" => self.page_region = Some(Region::Footer),
                _ => {}
            }
            return Ok(());
        }
        match name {
            "automatic-styles" | "font-face-decls" | "scripts" | "tracked-changes" | "annotation"
            | "note-citation" | "sequence-decls" | "forms" | "desc" | "deletion" => {
                reader.skip_element(budget)?
            }
            "title" if e.qname() == "svg:title" => reader.skip_element(budget)?,
            "p" | "h" => {
                let style = self.styles.resolve("paragraph", e.attr("style-name").as_deref());
                let heading = if name == "h" {
                    Some(e.attr("outline-level").and_then(|v| v.parse::<u8>().ok()).unwrap_or(1).clamp(1, 6))
                } else {
                    style.heading
                };
                let kind = LineKind {
                    region: self.region(),
                    heading,
                    list_item: self.list_items > 0 && heading.is_none(),
                };
                self.paragraphs.push(Paragraph { builder: LineBuilder::new(), props: style.props, kind });
            }
            "span" => {
                let props = self.styles.resolve("text", e.attr("style-name").as_deref()).props;
                let inherited = self.spans.last().cloned().unwrap_or_default();
                self.spans.push(props.or(&inherited));
            }
            "a" => {
                let url = e.attr_q("xlink:href").unwrap_or_default();
                self.open_links.push(OpenLink::new(url));
            }
            "s" => {
                let count =
                    e.attr("c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_SPACES);
                self.push_text(&" ".repeat(count));
            }
            "tab" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.builder.push_gap();
                }
            }
            "line-break" => self.break_line(),
            "list-item" => self.list_items = self.list_items.saturating_add(1),
            "text-box" => self.text_boxes = self.text_boxes.saturating_add(1),
            "note-body" => {
                self.note_depth = self.note_depth.saturating_add(1);
                self.out.push_collector();
            }
            "table" => self.out.start_table(),
            "table-row" => self.out.start_row(),
            "table-cell" => self.out.push_collector(),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        if self.master_pages_only {
            if matches!(
                name,
                "header" | "header-left" | "header-first" | "footer" | "footer-left" | "footer-first"
            ) {
                while !self.paragraphs.is_empty() {
                    self.end_paragraph();
                }
                self.page_region = None;
            }
            if self.page_region.is_none() {
                return;
            }
        }
        match name {
            "p" | "h" => self.end_paragraph(),
            "span" => {
                self.spans.pop();
            }
            "a" => self.close_link(),
            "list-item" => self.list_items = self.list_items.saturating_sub(1),
            "text-box" => self.text_boxes = self.text_boxes.saturating_sub(1),
            "note-body" if self.note_depth > 0 => {
                self.note_depth -= 1;
                let lines = self.out.pop_collector();
                self.notes.extend(lines);
            }
            "table-cell" => self.out.end_cell(),
            "table-row" => self.out.end_row(),
            "table" => self.out.end_table(),
            _ => {}
        }
    }

    fn region(&self) -> Region {
        if let Some(region) = self.page_region {
            region
        } else if self.note_depth > 0 {
            Region::Footnote
        } else if self.text_boxes > 0 {
            Region::TextBox
        } else if self.out.in_table() {
            Region::Table
        } else {
            Region::Body
        }
    }

    fn push_text(&mut self, text: &str) {
        let Some(p) = self.paragraphs.last_mut() else { return };
        let props = self.spans.last().cloned().unwrap_or_default().or(&p.props);
        let Some(style) = props.run_style() else { return };
        p.builder.push(text, style);
        push_link_text(&mut self.open_links, text);
    }

    fn close_link(&mut self) {
        if let Some(open) = self.open_links.pop() {
            if !open.url.is_empty() && !open.url.starts_with('#') {
                self.done_links.push(open.into_link());
            }
        }
    }

    fn break_line(&mut self) {
        let Some(p) = self.paragraphs.last_mut() else { return };
        if let Some(line) = p.builder.finish(p.kind) {
            self.out.emit(line);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.paragraphs.pop() else { return };
        if let Some(line) = p.builder.finish(p.kind) {
            self.out.emit(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::archive::tests::make_zip;
    use crate::limits::Limits;

    /// An encrypted package is `encrypted`, not `malformed`: its content is ciphertext, not broken
    /// XML (the hostile corpus's encrypted.odt).
    #[test]
    fn password_protected_package_is_encrypted() {
        let manifest = br#"<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="AAAA"/></manifest:file-entry></manifest:manifest>"#;
        let zip = make_zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"\x8f\x01ciphertext"),
            ("META-INF/manifest.xml", manifest),
        ]);
        let err = extract(&zip, &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Encrypted);
    }

    #[test]
    fn headings_lists_spans_spaces_links_and_frames() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:style="s" xmlns:fo="f" xmlns:xlink="x" xmlns:draw="d" xmlns:table="tb">
          <office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
          <office:body><office:text>
            <text:h text:outline-level="2">Experience</text:h>
            <text:list><text:list-item><text:p><text:span text:style-name="T1">Engineer</text:span>,<text:s text:c="3"/>Acme<text:tab/>2019</text:p></text:list-item></text:list>
            <text:p>See <text:a xlink:href="https://example.org">my site</text:a><text:line-break/>next</text:p>
            <text:p><draw:frame><draw:text-box><text:p>SKILLS</text:p></draw:text-box></draw:frame></text:p>
            <table:table><table:table-row><table:table-cell><text:p>Acme</text:p></table:table-cell><table:table-cell><text:p>2020</text:p></table:table-cell></table:table-row></table:table>
          </office:text></office:body></office:document-content>"#;
        let styles = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><office:master-styles><style:master-page><style:header><text:p>Jane Roe</text:p></style:header><style:footer><text:p>Page 1</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#;
        let zip = make_zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
            ("styles.xml", styles.as_bytes()),
        ]);
        let doc = extract(&zip, &mut Budget::new(&Limits::default())).unwrap();
        let lines: Vec<_> =
            doc.lines().map(|l| (l.text.as_str(), l.region, l.heading, l.list_item, l.bold)).collect();
        assert_eq!(
            lines,
            [
                ("Jane Roe", Region::Header, None, false, false),
                ("Experience", Region::Body, Some(2), false, false),
                ("Engineer, Acme  2019", Region::Body, None, true, false),
                ("See my site", Region::Body, None, false, false),
                ("next", Region::Body, None, false, false),
                ("SKILLS", Region::TextBox, None, false, false),
                ("Acme  2020", Region::Table, None, false, false),
                ("Page 1", Region::Footer, None, false, false),
            ]
        );
        assert_eq!(doc.links[0].url, "https://example.org");
        assert_eq!(doc.links[0].text.as_deref(), Some("my site"));
    }
}
