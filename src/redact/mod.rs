//! Redaction: the anonymised CV in its own format.
//!
//! The redactions are exactly those of an anonymize call at the same level, with the same
//! operators, placeholders, pseudonyms and key ([`crate::pipeline::plan_document`] makes the
//! plan); only the output differs. Each format has one renderer that takes a [`RedactInput`]
//! (the extracted document, its text, the plan, the level) and the original bytes, and returns
//! the rewritten bytes: [`txt`] (plain text and Markdown), [`html`], [`rtf`], [`docx`], [`odt`],
//! [`pdf`] (glyphs cut from the content streams, the file written whole).
//! The flow formats find each removed string in their own text ([`locate`]) and rewrite the
//! bytes that write it; they also scrub what the text output never shows (document properties,
//! comments, tracked changes, link targets, alt text, photos from `moderate` on).
//!
//! Never a half-redacted file: a removed string a renderer cannot place fails the call with
//! `unsupported_redaction`, and so does any removed string the crate's own extractor still reads
//! in the output (text, link targets, creator), checked here after every renderer.

pub mod docx;
pub mod html;
pub mod locate;
pub mod odt;
mod package;
pub mod pdf;
pub mod rtf;
pub mod txt;
mod xml_scan;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::anonymize::{AnonymizeOptions, Level, Meta, Plan, Redaction};
use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::extract::extract_within;
use crate::limits::Budget;
use crate::pipeline::plan_document;
use crate::text_view::TextView;
use locate::Needles;

/// What a renderer gets besides the original bytes: the document as extracted, its flat text
/// (the [`TextView`] text the plan's byte spans point into), the plan and the level.
pub struct RedactInput<'a> {
    pub document: &'a Document,
    pub view: &'a TextView<'a>,
    pub plan: &'a Plan,
    pub level: Level,
}

impl RedactInput<'_> {
    /// The flat text the plan's spans point into.
    pub fn text(&self) -> &str {
        self.view.text()
    }

    /// The removed strings (each planned span's original) and their replacements.
    pub fn needles(&self) -> Needles {
        let text = self.text();
        Needles::new(self.plan.replacements.iter().filter_map(|p| Some((text.get(p.start..p.end)?, p.replacement.as_str()))))
    }

    /// Whether photos go: a face shows gender, age and ethnicity, which `moderate` removes.
    pub fn removes_photos(&self) -> bool {
        self.level >= Level::Moderate
    }
}

/// What a renderer returns.
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Portrait photos replaced by a neutral image.
    pub photos_removed: usize,
    /// Removed strings the renderer found nowhere in the source: the call fails if any.
    pub unplaced: usize,
}

/// The meta of a redact call: the anonymize call's, plus what only a document holds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedactMeta {
    #[serde(flatten)]
    pub anonymize: Meta,
    pub photos_removed: usize,
}

/// The redacted document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redacted {
    /// The rewritten file, in the input's format.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    pub mime_type: &'static str,
    pub format: Format,
    /// The replacements made, as `anonymize` reports them (spans in the extracted text).
    pub redactions: Vec<Redaction>,
    pub counts: BTreeMap<String, usize>,
    pub meta: RedactMeta,
}

/// The MIME type of a format.
pub fn mime_type(format: Format) -> &'static str {
    match format {
        Format::Pdf => "application/pdf",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Odt => "application/vnd.oasis.opendocument.text",
        Format::Rtf => "application/rtf",
        Format::Html => "text/html; charset=utf-8",
        Format::Txt => "text/plain; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Image => "application/octet-stream",
    }
}

/// Redact a CV file (`hint`: its file name or MIME type, as for `extract`), returning it in its
/// own format with the replacements an anonymize call at `opts` makes. One budget for the call.
pub fn redact(bytes: &[u8], hint: Option<&str>, opts: &AnonymizeOptions) -> Result<Redacted> {
    if opts.ocr.is_some() {
        return Err(scan_redaction());
    }
    let mut budget = Budget::new(&opts.limits);
    let doc = extract_within(bytes, hint, &mut budget)?;
    let view = TextView::new(&doc);
    let (plan, out) = plan_document(&view, opts, &mut budget)?;
    let input = RedactInput { document: &doc, view: &view, plan: &plan, level: opts.level };
    let rendered = render(bytes, &input, &mut budget)?;
    if rendered.unplaced > 0 {
        return Err(Error::unsupported_redaction(format!(
            "{} removed value(s) could not be found in the {} source to rewrite; the anonymised text is still available",
            rendered.unplaced,
            doc.format.as_str()
        )));
    }
    verify(&rendered.bytes, doc.format, &input.needles(), &out.text, &mut budget)?;
    Ok(Redacted {
        bytes: rendered.bytes,
        mime_type: mime_type(doc.format),
        format: doc.format,
        redactions: out.redactions,
        counts: out.counts,
        meta: RedactMeta { anonymize: out.meta, photos_removed: rendered.photos_removed },
    })
}

/// Why a scan is refused: its pages hold their text as pixels, which no renderer here repaints yet.
pub fn scan_redaction() -> Error {
    Error::unsupported_redaction(
        "a scanned page cannot be redacted in its own format yet; the anonymised text and profile are available",
    )
}

/// The renderer of the input's own format.
fn render(bytes: &[u8], input: &RedactInput, budget: &mut Budget) -> Result<Rendered> {
    match input.document.format {
        Format::Txt | Format::Markdown => txt::redact(bytes, input, budget),
        Format::Html => html::redact(bytes, input, budget),
        Format::Rtf => rtf::redact(bytes, input, budget),
        Format::Docx => docx::redact(bytes, input, budget),
        Format::Odt => odt::redact(bytes, input, budget),
        Format::Pdf => {
            let out = pdf::redact(bytes, input.view.text(), input.plan, input.level, budget)?;
            Ok(Rendered { bytes: out.bytes, photos_removed: out.photos_removed, unplaced: 0 })
        }
        Format::Image => Err(scan_redaction()),
    }
}

/// The final safety check: the output, read back by the crate's own extractor, holds no removed
/// string in its link targets or creator, and none in its text more often than the anonymised
/// text does. The plan removes spans, not every occurrence of a word: where detection left an
/// occurrence of a removed value in place, the text output keeps it too, and the document may
/// keep exactly those; a span the renderer failed to remove shows as one occurrence more.
fn verify(output: &[u8], format: Format, needles: &Needles, anonymised: &str, budget: &mut Budget) -> Result<()> {
    let hint = match format {
        Format::Markdown => Some("redacted.md"),
        _ => None,
    };
    let doc = extract_within(output, hint, budget)
        .map_err(|_| Error::unsupported_redaction("the redacted document could not be read back, so it is not returned"))?;
    let view = TextView::new(&doc);
    let still_readable = || {
        Error::unsupported_redaction(format!(
            "a removed value is still readable in the redacted {}, so it is not returned; the anonymised text is still available",
            format.as_str()
        ))
    };
    let kept = needles.counts_in(anonymised, budget)?;
    let found = needles.counts_in(view.text(), budget)?;
    if found.iter().zip(&kept).any(|(found, kept)| found > kept) {
        return Err(still_readable());
    }
    for field in doc.links.iter().map(|l| l.url.as_str()).chain(doc.metadata.creator.as_deref()) {
        if needles.any_in(field, budget)? {
            return Err(still_readable());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
