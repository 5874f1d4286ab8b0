//! RTF → flow [`Document`], with a small hand-written reader.
//!
//! The RTF crates on crates.io are either unmaintained or drop the structure
//! we need (regions, fields, tables), and the format is simple enough to read
//! robustly in one pass: groups carry character state (bold, italic, size,
//! `\ucN`) and a destination; control words change state or emit text.
//!
//! - Destinations that are not printed text (font/colour/style tables, info,
//!   pictures, objects, bookmarks, unknown `\*` groups) are skipped; the style
//!   sheet is read only for heading styles, `\*\generator` for the producer.
//! - `\header*`/`\footer*` and `\footnote` text become header, footer and
//!   footnote lines (headers first, footers last, notes after the body).
//! - Fields: `\fldinst` is instruction code (a `HYPERLINK` becomes a link),
//!   `\fldrslt` is the visible text.
//! - Shapes: `\shptxt` (the text box) is read; `\shprslt`/`\nonshppict`
//!   (fallbacks for old readers) are skipped, so box text appears once.
//! - `\u` escapes honour `\ucN`; `\'hh` bytes are read in the current font's
//!   charset (`\fcharset`) or the document's `\ansicpg` (Windows 1250–1254,
//!   1257; others as 1252); `\bin` data is skipped.
//! - Tables: `\cell`/`\row` with the shared one-line-per-simple-row rule.
//! - `\listtext`/`\pntext` (the rendered bullet) are dropped and mark the
//!   paragraph as a list item, as does `\ls`.

use std::collections::HashMap;

use crate::document::{Document, Format, Line, Link, Metadata, Region};
use crate::error::{Error, Result};
use crate::limits::Budget;

use super::text_encoding::code_page_char;
use super::text_lines::{clean_text, unique_lines, LineBuilder, LineKind, RunStyle};
use super::text_sink::merge_table_row;

/// RTF's default font size (`\fs24`), restored by `\plain`.
const DEFAULT_SIZE: f32 = 12.0;

/// What the current group's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Text,
    Skip,
    FieldInstruction,
    StyleSheet,
    Generator,
    Info,
    ListText,
    FontTable,
}

/// Group-scoped state.
#[derive(Debug, Clone, Copy)]
struct State {
    dest: Dest,
    bold: bool,
    italic: bool,
    hidden: bool,
    size: f32,
    uc: u32,
    in_table: bool,
    list: bool,
    heading: Option<u8>,
    /// A `\*` was just seen: an unknown destination word must skip the group.
    starred: bool,
    /// Code page of `\'hh` bytes: the current font's charset, else `\ansicpg`.
    code_page: u16,
}

impl Default for State {
    fn default() -> Self {
        State {
            dest: Dest::Text,
            bold: false,
            italic: false,
            hidden: false,
            size: DEFAULT_SIZE,
            uc: 1,
            in_table: false,
            list: false,
            heading: None,
            starred: false,
            code_page: 1252,
        }
    }
}

/// A text flow: the body, one header/footer, one footnote or one text box.
struct Flow {
    region: Region,
    /// Group depth at which the flow started; it ends when that group closes.
    depth: usize,
    line: LineBuilder,
    lines: Vec<Line>,
    cell: Vec<Line>,
    row: Vec<Vec<Line>>,
}

impl Flow {
    fn new(region: Region, depth: usize) -> Self {
        Flow { region, depth, line: LineBuilder::new(), lines: Vec::new(), cell: Vec::new(), row: Vec::new() }
    }
}

struct Field {
    depth: usize,
    instruction: String,
    result: String,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    state: State,
    stack: Vec<State>,
    flows: Vec<Flow>,
    headers: Vec<Line>,
    footers: Vec<Line>,
    notes: Vec<Line>,
    fields: Vec<Field>,
    links: Vec<Link>,
    pending: String,
    pending_style: RunStyle,
    skip_chars: u32,
    high_surrogate: Option<u16>,
    heading_styles: HashMap<i32, u8>,
    style_entry: (Option<i32>, Option<u8>, String, usize),
    generator: String,
    pages: Option<usize>,
    ansi_code_page: u16,
    /// Font number → code page, from the font table's `\fcharset`s.
    font_code_pages: HashMap<i64, u16>,
    font_entry: Option<i64>,
}

pub fn extract(bytes: &[u8], budget: &mut Budget) -> Result<Document> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(0);
    if !bytes.get(start..).is_some_and(|b| b.starts_with(b"{\\rtf")) {
        return Err(Error::malformed("the RTF document does not start with its header"));
    }
    let mut reader = Reader::new(bytes, start);
    reader.run(budget)?;
    reader.into_document()
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], pos: usize) -> Self {
        Reader {
            bytes,
            pos,
            state: State::default(),
            stack: Vec::new(),
            flows: vec![Flow::new(Region::Body, 0)],
            headers: Vec::new(),
            footers: Vec::new(),
            notes: Vec::new(),
            fields: Vec::new(),
            links: Vec::new(),
            pending: String::new(),
            pending_style: RunStyle::default(),
            skip_chars: 0,
            high_surrogate: None,
            heading_styles: HashMap::new(),
            style_entry: (None, None, String::new(), 0),
            generator: String::new(),
            pages: None,
            ansi_code_page: 1252,
            font_code_pages: HashMap::new(),
            font_entry: None,
        }
    }

    fn run(&mut self, budget: &mut Budget) -> Result<()> {
        while let Some(&b) = self.bytes.get(self.pos) {
            budget.spend(1)?;
            self.pos += 1;
            match b {
                b'{' => {
                    self.flush();
                    self.stack.push(self.state);
                    self.state.starred = false;
                    budget.nesting(self.stack.len())?;
                }
                b'}' => {
                    self.flush();
                    self.close_group();
                }
                b'\\' => self.control(budget)?,
                b'\r' | b'\n' => {}
                _ => self.byte_char(b),
            }
        }
        self.flush();
        Ok(())
    }

    fn close_group(&mut self) {
        let depth = self.stack.len();
        if self.state.dest == Dest::StyleSheet && self.style_entry.3 == depth {
            self.store_style();
        }
        while let Some(field) = self.fields.last() {
            if field.depth < depth {
                break;
            }
            if let Some(field) = self.fields.pop() {
                self.finish_field(field);
            }
        }
        if self.flows.len() > 1 && self.flows.last().is_some_and(|f| f.depth >= depth) {
            self.end_flow();
        }
        self.state = self.stack.pop().unwrap_or_default();
        self.skip_chars = 0;
    }

    /// Read a control word or symbol after a backslash.
    fn control(&mut self, budget: &mut Budget) -> Result<()> {
        let Some(&first) = self.bytes.get(self.pos) else { return Ok(()) };
        if !first.is_ascii_alphabetic() {
            self.pos += 1;
            return self.symbol(first);
        }
        let start = self.pos;
        while self.pos - start < 32 && self.bytes.get(self.pos).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word =
            std::str::from_utf8(self.bytes.get(start..self.pos).unwrap_or(b"")).unwrap_or("").to_string();
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        while self.pos - digits_start < 10 && self.bytes.get(self.pos).is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let param = std::str::from_utf8(self.bytes.get(digits_start..self.pos).unwrap_or(b""))
            .ok()
            .and_then(|d| d.parse::<i64>().ok())
            .map(|n| if negative { -n } else { n });
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if word == "bin" {
            // Binary data: skip it whole, it is never text.
            let n = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(usize::MAX);
            let end = self.pos.saturating_add(n).min(self.bytes.len());
            budget.spend(end.saturating_sub(self.pos) as u64 / 64)?;
            self.pos = end;
            return Ok(());
        }
        if self.skip_chars > 0 && word != "u" {
            self.skip_chars -= 1;
            return Ok(());
        }
        self.word(&word, param);
        Ok(())
    }

    fn symbol(&mut self, c: u8) -> Result<()> {
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.pos..self.pos.saturating_add(2)).unwrap_or(b"");
                let value = std::str::from_utf8(hex).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = value {
                    self.pos += 2;
                    self.byte_char(v);
                }
            }
            b'*' => self.state.starred = true,
            b'\\' | b'{' | b'}' => self.byte_char(c),
            b'~' => self.text_char('\u{a0}'),
            b'_' => self.text_char('-'),
            b'-' => {}
            b'\r' | b'\n' => self.paragraph_end(),
            _ => {}
        }
        Ok(())
    }

    fn word(&mut self, word: &str, param: Option<i64>) {
        let on = param != Some(0);
        let starred = std::mem::replace(&mut self.state.starred, false);
        match word {
            // Destinations.
            "fonttbl" => self.state.dest = Dest::FontTable,
            "colortbl" | "pict" | "object" | "themedata" | "colorschememapping" | "latentstyles"
            | "datastore" | "xmlnstbl" | "listtable" | "listoverridetable" | "rsidtbl" | "revtbl" | "pn"
            | "bkmkstart" | "bkmkend" | "xe" | "tc" | "shprslt" | "nonshppict" | "sp" | "fldtype"
            | "datafield" | "annotation" | "atnid" | "atnauthor" | "template" | "filetbl" | "mmathPr"
            | "pgdsctbl" | "wgrffmtfilter" | "falt" | "panose" | "fontemb" | "fontfile" | "userprops"
            | "docvar" | "ftnsep" | "ftnsepc" | "aftnsep" | "aftnsepc" => self.state.dest = Dest::Skip,
            "stylesheet" => self.state.dest = Dest::StyleSheet,
            "info" => self.state.dest = Dest::Info,
            "generator" => self.state.dest = Dest::Generator,
            "listtext" | "pntext" => {
                self.state.dest = Dest::ListText;
                self.mark_list();
            }
            "fldinst" => self.state.dest = Dest::FieldInstruction,
            "field" => self.fields.push(Field {
                depth: self.stack.len(),
                instruction: String::new(),
                result: String::new(),
            }),
            "fldrslt" | "shpinst" | "shp" => {}
            "shptxt" => self.start_flow(Region::TextBox),
            "header" | "headerl" | "headerr" | "headerf" => self.start_flow(Region::Header),
            "footer" | "footerl" | "footerr" | "footerf" => self.start_flow(Region::Footer),
            "footnote" => self.start_flow(Region::Footnote),
            // Character formatting.
            "b" => self.state.bold = on,
            "i" => self.state.italic = on,
            "v" => self.state.hidden = on,
            "fs" => {
                if let Some(half_points) = param.filter(|&p| p > 0 && p < 4000) {
                    self.state.size = half_points as f32 / 2.0;
                }
            }
            "plain" => {
                self.state.bold = false;
                self.state.italic = false;
                self.state.hidden = false;
                self.state.size = DEFAULT_SIZE;
            }
            "uc" => self.state.uc = u32::try_from(param.unwrap_or(1).clamp(0, 10)).unwrap_or(1),
            "u" => {
                if let Some(p) = param {
                    let unit = u16::try_from(if p < 0 { p + 65536 } else { p }).unwrap_or(0xFFFD);
                    self.unicode_unit(unit);
                    self.skip_chars = self.state.uc;
                }
            }
            // Paragraphs.
            "pard" => {
                self.state.in_table = false;
                self.state.list = false;
                self.state.heading = None;
            }
            "s" => {
                if self.state.dest == Dest::StyleSheet {
                    self.style_entry =
                        (param.and_then(|p| i32::try_from(p).ok()), None, String::new(), self.stack.len());
                } else {
                    self.state.heading = param
                        .and_then(|p| i32::try_from(p).ok())
                        .and_then(|s| self.heading_styles.get(&s).copied());
                }
            }
            "outlinelevel" => {
                let level = param.filter(|l| (0..9).contains(l)).map(|l| (l as u8 + 1).min(6));
                if self.state.dest == Dest::StyleSheet {
                    self.style_entry.1 = level;
                } else {
                    self.state.heading = level.or(self.state.heading);
                }
            }
            "ls" => {
                if param.is_some_and(|p| p > 0) {
                    self.mark_list();
                }
            }
            "intbl" => self.state.in_table = true,
            "ansicpg" => {
                if let Some(cp) = param.and_then(|p| u16::try_from(p).ok()) {
                    self.ansi_code_page = cp;
                    self.state.code_page = cp;
                }
            }
            "f" if self.state.dest == Dest::FontTable => self.font_entry = param,
            "fcharset" if self.state.dest == Dest::FontTable => {
                if let (Some(font), Some(cp)) = (self.font_entry, param.and_then(charset_code_page)) {
                    if self.font_code_pages.len() < 1000 {
                        self.font_code_pages.insert(font, cp);
                    }
                }
            }
            "f" => {
                self.state.code_page =
                    param.and_then(|f| self.font_code_pages.get(&f).copied()).unwrap_or(self.ansi_code_page);
            }
            "nofpages" if self.state.dest == Dest::Info => {
                self.pages = param.and_then(|p| usize::try_from(p).ok()).filter(|&p| p > 0 && p < 100_000);
            }
            "par" | "sect" | "page" => self.paragraph_end(),
            "line" => self.line_break(),
            "tab" => {
                self.flush();
                if self.state.dest == Dest::Text {
                    if let Some(flow) = self.flows.last_mut() {
                        flow.line.push_gap();
                    }
                }
            }
            "cell" | "nestcell" => self.end_cell(),
            "row" | "nestrow" => self.end_row(),
            // Special characters.
            "emdash" => self.text_char('—'),
            "endash" => self.text_char('–'),
            "bullet" => self.text_char('•'),
            "lquote" => self.text_char('‘'),
            "rquote" => self.text_char('’'),
            "ldblquote" => self.text_char('“'),
            "rdblquote" => self.text_char('”'),
            "emspace" | "enspace" | "qmspace" => self.text_char(' '),
            _ => {
                if starred {
                    // An unknown `\*` destination: ignorable by definition.
                    self.state.dest = Dest::Skip;
                }
            }
        }
    }

    fn mark_list(&mut self) {
        self.state.list = true;
        // `\listtext` is inside its paragraph's group: mark the group around it too.
        if let Some(outer) = self.stack.last_mut() {
            outer.list = true;
        }
    }

    fn byte_char(&mut self, b: u8) {
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        self.text_char(code_page_char(self.state.code_page, b));
    }

    fn unicode_unit(&mut self, unit: u16) {
        match unit {
            0xD800..=0xDBFF => self.high_surrogate = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high_surrogate.take() {
                    if let Some(Ok(c)) = char::decode_utf16([high, unit]).next() {
                        self.text_char(c);
                    }
                }
            }
            _ => {
                self.high_surrogate = None;
                self.text_char(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'));
            }
        }
    }

    fn text_char(&mut self, c: char) {
        match self.state.dest {
            Dest::Text => {
                if self.state.hidden {
                    return;
                }
                let style =
                    RunStyle { bold: self.state.bold, italic: self.state.italic, size: self.state.size };
                if style != self.pending_style {
                    self.flush();
                    self.pending_style = style;
                }
                self.pending.push(c);
                if let Some(field) = self.fields.last_mut() {
                    if field.result.len() < 1024 {
                        field.result.push(c);
                    }
                }
            }
            Dest::FieldInstruction => {
                if let Some(field) = self.fields.last_mut() {
                    if field.instruction.len() < 4096 {
                        field.instruction.push(c);
                    }
                }
            }
            Dest::StyleSheet => {
                if self.style_entry.2.len() < 256 {
                    self.style_entry.2.push(c);
                }
            }
            Dest::Generator => {
                if self.generator.len() < 256 {
                    self.generator.push(c);
                }
            }
            Dest::Skip | Dest::Info | Dest::ListText | Dest::FontTable => {}
        }
    }

    /// Move buffered text into the current line.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        if let Some(flow) = self.flows.last_mut() {
            flow.line.push(&text, self.pending_style);
        }
    }

    fn kind(&self, region: Region) -> LineKind {
        let region = if region == Region::Body && self.state.in_table { Region::Table } else { region };
        LineKind {
            region,
            heading: self.state.heading,
            list_item: self.state.list && self.state.heading.is_none(),
        }
    }

    fn line_break(&mut self) {
        self.flush();
        let Some(region) = self.flows.last().map(|f| f.region) else { return };
        let kind = self.kind(region);
        let in_table = self.state.in_table;
        if let Some(flow) = self.flows.last_mut() {
            if let Some(line) = flow.line.finish(kind) {
                if in_table {
                    flow.cell.push(line)
                } else {
                    flow.lines.push(line)
                }
            }
        }
    }

    fn paragraph_end(&mut self) {
        if self.state.dest != Dest::Text {
            return;
        }
        self.line_break();
    }

    fn end_cell(&mut self) {
        self.line_break();
        if let Some(flow) = self.flows.last_mut() {
            let cell = std::mem::take(&mut flow.cell);
            flow.row.push(cell);
        }
    }

    fn end_row(&mut self) {
        self.flush();
        if let Some(flow) = self.flows.last_mut() {
            let mut cells = std::mem::take(&mut flow.row);
            let leftover = std::mem::take(&mut flow.cell);
            if !leftover.is_empty() {
                cells.push(leftover);
            }
            flow.lines.extend(merge_table_row(cells));
        }
    }

    fn start_flow(&mut self, region: Region) {
        self.flush();
        self.flows.push(Flow::new(region, self.stack.len()));
    }

    fn end_flow(&mut self) {
        self.line_break();
        self.end_row();
        let Some(flow) = self.flows.pop() else { return };
        let target = match flow.region {
            // A text box's lines belong where the shape is anchored.
            Region::TextBox => match self.flows.last_mut() {
                Some(parent) => &mut parent.lines,
                None => &mut self.notes,
            },
            Region::Header => &mut self.headers,
            Region::Footer => &mut self.footers,
            _ => &mut self.notes,
        };
        target.extend(flow.lines);
    }

    fn store_style(&mut self) {
        let (number, outline, name, _) = std::mem::take(&mut self.style_entry);
        let name = name.trim().trim_end_matches(';').trim().to_ascii_lowercase();
        let by_name = name
            .strip_prefix("heading")
            .and_then(|n| n.trim().parse::<u8>().ok())
            .filter(|n| (1..=9).contains(n));
        let level = by_name.map(|l| l.min(6)).or(if name == "title" { Some(1) } else { None }).or(outline);
        if let (Some(number), Some(level)) = (number, level) {
            if self.heading_styles.len() < 10_000 {
                self.heading_styles.insert(number, level);
            }
        }
    }

    fn finish_field(&mut self, field: Field) {
        let instruction = field.instruction.trim();
        let Some(rest) = instruction.strip_prefix("HYPERLINK") else { return };
        let rest = rest.trim_start();
        if rest.starts_with("\\l") {
            return;
        }
        let url = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or(""),
            None => rest.split_whitespace().next().unwrap_or(""),
        };
        if !url.is_empty() {
            let text = clean_text(&field.result);
            self.links.push(Link {
                url: url.to_string(),
                page: None,
                bbox: None,
                text: (!text.is_empty()).then_some(text),
            });
        }
    }

    fn into_document(mut self) -> Result<Document> {
        while self.flows.len() > 1 {
            self.end_flow();
        }
        self.line_break();
        self.end_row();
        let body = self.flows.pop().map(|f| f.lines).unwrap_or_default();
        let lines = unique_lines(self.headers)
            .into_iter()
            .chain(body)
            .chain(self.notes)
            .chain(unique_lines(self.footers))
            .collect();
        let generator = clean_text(self.generator.trim_end_matches(';'));
        let metadata = Metadata {
            pages: self.pages.unwrap_or(1),
            producer: (!generator.is_empty()).then_some(generator),
            ..Metadata::default()
        };
        Ok(Document::flow(Format::Rtf, metadata, lines, self.links))
    }
}

/// The Windows code page of an RTF font charset (`\fcharset`); `None` keeps `\ansicpg`.
fn charset_code_page(charset: i64) -> Option<u16> {
    Some(match charset {
        238 => 1250,
        204 => 1251,
        161 => 1253,
        162 => 1254,
        186 => 1257,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;

    fn run(rtf: &str) -> Document {
        extract(rtf.as_bytes(), &mut Budget::new(&Limits::default())).unwrap()
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.lines().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn text_escapes_unicode_and_skipped_destinations() {
        let doc = run(
            r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\*\generator Writer 1.0;}{\info{\author Secret}{\nofpages2}}
            {\*\unknown hidden}\pard Zo\'eb \uc1\u8211? \u-10179\u-8694? {\b Bold} caf\u233e\par
            A\tab B\line C\~D\_E\par}",
        );
        assert_eq!(texts(&doc), ["Zoë – 😊 Bold café", "A  B", "C D-E"]);
        assert_eq!(doc.metadata.producer.as_deref(), Some("Writer 1.0"));
        assert_eq!(doc.metadata.pages, 2);
    }

    #[test]
    fn styles_headings_lists_tables_fields_and_regions() {
        let doc = run(r#"{\rtf1{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}}
            {\header\pard Jane Roe\par}{\footer\pard Page\par}
            \pard\s1 Experience\par
            \pard{\listtext\'95\tab}\ls1 Built things\par
            \pard\intbl Acme\cell 2020\cell\row
            \pard Mail {\field{\*\fldinst HYPERLINK "mailto:j@example.org"}{\fldrslt j@example.org}}{\footnote\pard Note text\par}\par
            {\shp{\*\shpinst{\sp{\sn shapeType}{\sv 202}}{\shptxt \pard SKILLS\par}}{\shprslt\pard SKILLS\par}}}"#);
        let lines: Vec<_> =
            doc.lines().map(|l| (l.text.as_str(), l.region, l.heading, l.list_item)).collect();
        assert_eq!(
            lines,
            [
                ("Jane Roe", Region::Header, None, false),
                ("Experience", Region::Body, Some(1), false),
                ("Built things", Region::Body, None, true),
                ("Acme  2020", Region::Table, None, false),
                ("Mail j@example.org", Region::Body, None, false),
                ("SKILLS", Region::TextBox, None, false),
                ("Note text", Region::Footnote, None, false),
                ("Page", Region::Footer, None, false),
            ]
        );
        assert_eq!(doc.links[0].url, "mailto:j@example.org");
        assert_eq!(doc.links[0].text.as_deref(), Some("j@example.org"));
    }

    #[test]
    fn code_pages_follow_ansicpg_and_font_charsets() {
        let doc = run(
            r"{\rtf1\ansi\ansicpg1250{\fonttbl{\f0\fcharset238 Arial;}{\f1\fcharset204 Arial Cyr;}}\f0 \'8aimon \f1\'c8\'e2\'e0\'ed\par}",
        );
        assert_eq!(doc.lines().next().unwrap().text, "Šimon Иван");
    }

    #[test]
    fn deep_nesting_is_limited_and_garbage_is_malformed() {
        let deep = format!("{{\\rtf1{}x", "{".repeat(10_000));
        let err = extract(deep.as_bytes(), &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, ErrorCode::LimitExceeded);
        let err = extract(b"not rtf", &mut Budget::new(&Limits::default())).unwrap_err();
        assert_eq!(err.code, ErrorCode::Malformed);
    }
}
