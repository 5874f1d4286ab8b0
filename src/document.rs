//! The layout document every extractor produces and every later stage reads.
//!
//! One shape for all formats, so that sectioning and the models never care
//! where text came from. Paginated formats (PDF) fill in real geometry; flow
//! formats (DOCX, ODT, RTF, HTML, TXT) have no page geometry, so their lines
//! carry `bbox: None` and their structure lives in `region`, `heading`,
//! `list_item` and the style flags instead of invented coordinates.

use serde::{Deserialize, Serialize};

/// The detected source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Odt,
    Rtf,
    Html,
    Txt,
    Markdown,
    /// A picture of a CV (PNG, JPEG, WebP, TIFF): read only through OCR.
    Image,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Markdown => "markdown",
            Format::Image => "image",
        }
    }
}

/// An extracted document: metadata, pages of lines, and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub format: Format,
    pub metadata: Metadata,
    pub pages: Vec<Page>,
    /// Hyperlink targets: PDF URI annotations, DOCX/ODT/HTML hyperlinks.
    pub links: Vec<Link>,
    /// Non-fatal problems as stable codes (e.g. `missing_font_widths`), never content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// Page count of the source (PDF pages; 1 for flow formats unless they mark page breaks).
    pub pages: usize,
    /// Producer or generator application, when the file names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Detected text encoding for plain-text inputs (`utf-8`, `utf-16le`, `windows-1252`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Set when the text was read from page images by OCR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
}

/// How a document's text was read by OCR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OcrInfo {
    /// The engine and version, e.g. `tesseract 5.3.0`.
    pub engine: String,
    /// Tesseract language codes it read with.
    pub languages: Vec<String>,
    /// Mean confidence (0–100) of the words kept.
    pub mean_confidence: f32,
}

/// One page. Flow formats put everything on page 1 (or split at explicit page breaks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Page size in points after rotation (0 for flow formats).
    pub width: f32,
    pub height: f32,
    /// Lines in reading order.
    pub lines: Vec<Line>,
}

/// Where on the page (or in the file's structure) a line lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    #[default]
    Body,
    Header,
    Footer,
    Table,
    TextBox,
    Footnote,
}

/// One line of text in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub text: String,
    /// Box in points, origin at the page's top-left, y growing downwards; `None` for flow formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// Dominant font size in points (0 when the format does not say).
    pub font_size: f32,
    pub bold: bool,
    pub italic: bool,
    #[serde(default, skip_serializing_if = "is_body")]
    pub region: Region,
    /// Heading level 1–6 when the source marks the line as a heading (styles, `<h2>`, `##`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
    /// True when the source marks the line as a list item (bullets, numbering, `<li>`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub list_item: bool,
    /// Layout column (0 = the first/leftmost or only column) for paginated formats.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub column: u16,
    /// Byte offset of the word gap where a line set in two weights changes weight ("**Engineer**
    /// Acme GmbH"): producers separate an entry's fields by weight alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_break: Option<u32>,
}

fn is_body(r: &Region) -> bool {
    *r == Region::Body
}
fn is_zero(c: &u16) -> bool {
    *c == 0
}

impl Line {
    /// A plain line with no geometry or style, as flow formats start from.
    pub fn plain(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            bbox: None,
            font_size: 0.0,
            bold: false,
            italic: false,
            region: Region::Body,
            heading: None,
            list_item: false,
            column: 0,
            weight_break: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// A hyperlink target and, when known, where it sits and what text it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub url: String,
    /// 1-based page, when the format is paginated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// The visible text the link covers, when the format ties it to text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Document {
    /// All lines of all pages in reading order.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.pages.iter().flat_map(|p| p.lines.iter())
    }

    /// The document as plain text: one line per line, a blank line between pages.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, page) in self.pages.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for line in &page.lines {
                out.push_str(&line.text);
                out.push('\n');
            }
        }
        out
    }

    /// Build a one-page flow document from lines (DOCX, ODT, RTF, HTML, TXT).
    pub fn flow(format: Format, metadata: Metadata, lines: Vec<Line>, links: Vec<Link>) -> Self {
        let metadata = Metadata { pages: metadata.pages.max(1), ..metadata };
        Document {
            format,
            metadata,
            pages: vec![Page { number: 1, width: 0.0, height: 0.0, lines }],
            links,
            warnings: Vec::new(),
        }
    }
}
