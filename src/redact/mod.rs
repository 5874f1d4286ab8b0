//! Redaction: the anonymised CV in its own format.
//!
//! The redactions are exactly those of an anonymize call at the same level, with the same
//! operators, placeholders, pseudonyms and key ([`crate::pipeline::plan_document`] makes the
//! plan); only the output differs. Each format has one renderer that takes a [`RedactInput`]
//! (the extracted document, its text, the plan, the level) and the original bytes, and returns
//! the rewritten bytes: [`txt`] (plain text and Markdown), [`html`], [`rtf`], [`docx`], [`odt`],
//! [`pdf`] (glyphs cut from the content streams, the file written whole); a scan (an image, an
//! image-only PDF, read through an OCR result) is repainted by [`scan`] (the removed words'
//! boxes painted black in its page images, which are encoded anew).
//! The flow formats find each removed string in their own text ([`locate`]) and rewrite the
//! bytes that write it; they also scrub what the text output never shows (document properties,
//! comments, tracked changes, link targets, alt text, photos from `moderate` on).
//!
//! One plan, the same redactions: a flow renderer removes a value where the plan removes it and
//! keeps it where the anonymised text keeps it (each find in its own text is matched to an
//! occurrence of the extracted text by what surrounds it); in places the extracted text does not
//! show (properties, link targets, attributes) every occurrence goes. Where a planned place
//! cannot be found, or the output fails the check below, the renderer runs again removing every
//! occurrence of the values concerned: the safe side.
//!
//! Never a half-redacted file: a removed string a renderer cannot place fails the call with
//! `unsupported_redaction`, and so does any removed string the crate's own extractor still reads
//! in the output (text, link targets, creator) more often than the anonymised text shows it, or
//! at a place where the anonymised text does not, checked here after every renderer.

pub mod docx;
pub mod html;
pub mod locate;
pub mod odt;
mod package;
pub mod pdf;
pub mod rtf;
pub mod scan;
pub mod txt;
mod xml_scan;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::anonymize::{AnonymizeOptions, Level, Meta, Plan, Redaction};
use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::extract::{extract_within, read_within};
use crate::limits::Budget;
use crate::ocr::{OcrResult, PageImage};
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

    /// The removed strings (each planned span's original), where the plan removes them in the
    /// extracted text, and their replacements.
    pub fn needles(&self, budget: &mut Budget) -> Result<Needles> {
        Needles::planned(self.text(), self.plan.replacements.iter().map(|p| (p.start, p.end, p.replacement.as_str())), budget)
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
        // A redacted scan is a PNG whatever the image it came from (lossless: the boxes stay black).
        Format::Image => "image/png",
    }
}

/// Redact a CV file (`hint`: its file name or MIME type, as for `extract`), returning it in its
/// own format with the replacements an anonymize call at `opts` makes. One budget for the call.
/// With an OCR result (`opts.ocr`) the document is a scan, repainted by [`scan`] in the page
/// images [`crate::ocr::page_images`] gives, which are those OCR reads in the page.
pub fn redact(bytes: &[u8], hint: Option<&str>, opts: &AnonymizeOptions) -> Result<Redacted> {
    redact_with_images(bytes, hint, opts, None)
}

/// [`redact`], naming the page images `opts.ocr` was read from when they are not those
/// [`crate::ocr::page_images`] gives (the command line OCRs a PDF's pages as poppler renders
/// them). Without an OCR result `images` is not used.
pub fn redact_with_images(bytes: &[u8], hint: Option<&str>, opts: &AnonymizeOptions, images: Option<&[PageImage]>) -> Result<Redacted> {
    redact_reread(bytes, hint, opts, images, None)
}

/// What reads a redacted scan's text again, natively by OCR (the command line's tesseract).
pub type Reread<'a> = &'a dyn Fn(&[u8], Format) -> Result<String>;

/// [`redact_with_images`], with a redacted scan read again by `reread`: a removed value read
/// there more often than the anonymised text shows it fails the call, as a value the crate's
/// extractor still reads in the other formats' output does.
pub fn redact_reread(
    bytes: &[u8],
    hint: Option<&str>,
    opts: &AnonymizeOptions,
    images: Option<&[PageImage]>,
    reread: Option<Reread>,
) -> Result<Redacted> {
    let mut budget = Budget::new(&opts.limits);
    if let Some(ocr) = &opts.ocr {
        return redact_scan(bytes, hint, opts, ocr, images, reread, &mut budget);
    }
    let doc = extract_within(bytes, hint, &mut budget)?;
    let view = TextView::new(&doc);
    let (plan, out) = plan_document(&view, opts, &mut budget)?;
    let input = RedactInput { document: &doc, view: &view, plan: &plan, level: opts.level };
    let mut needles = input.needles(&mut budget)?;
    let replacements: Vec<&str> = plan.replacements.iter().map(|p| p.replacement.as_str()).collect();
    let mut rendered = render(bytes, &input, &mut needles, &mut budget)?;
    let flow = doc.format != Format::Pdf;
    // A planned span whose place the renderer did not find: its value goes everywhere instead.
    if flow && needles.fall_back(false) {
        rendered = render(bytes, &input, &mut needles, &mut budget)?;
    }
    unplaced(&needles, doc.format)?;
    let mut checked = verify(&rendered.bytes, doc.format, &needles, &out.text, &replacements, &mut budget);
    // Output that keeps a value at a place the plan removed it from: every value goes everywhere.
    if checked.is_err() && flow && needles.fall_back(true) {
        rendered = render(bytes, &input, &mut needles, &mut budget)?;
        unplaced(&needles, doc.format)?;
        checked = verify(&rendered.bytes, doc.format, &needles, &out.text, &replacements, &mut budget);
    }
    checked?;
    Ok(redacted(doc.format, rendered, out))
}

/// A scan read through `ocr`, repainted in its page images.
fn redact_scan(
    bytes: &[u8],
    hint: Option<&str>,
    opts: &AnonymizeOptions,
    ocr: &OcrResult,
    images: Option<&[PageImage]>,
    reread: Option<Reread>,
    budget: &mut Budget,
) -> Result<Redacted> {
    let doc = read_within(bytes, hint, Some(ocr), budget)?;
    let view = TextView::new(&doc);
    let (plan, mut out) = plan_document(&view, opts, budget)?;
    out.meta.ocr = doc.metadata.ocr.clone();
    let input = RedactInput { document: &doc, view: &view, plan: &plan, level: opts.level };
    let found;
    let images = match images {
        Some(images) => images,
        None => {
            found = crate::ocr::page_images(bytes, hint, budget)?;
            &found
        }
    };
    let rendered = scan::redact(bytes, &input, ocr, images, budget)?;
    if let Some(reread) = reread {
        let text = reread(&rendered.bytes, doc.format)?;
        let needles = input.needles(budget)?;
        let kept = needles.counts_in(&out.text, budget)?;
        let found = needles.counts_in(&text, budget)?;
        if found.iter().zip(&kept).any(|(found, kept)| found > kept) {
            return Err(Error::unsupported_redaction(
                "OCR still reads a removed value in the redacted scan, so it is not returned; the anonymised text is still available",
            ));
        }
    }
    Ok(redacted(doc.format, rendered, out))
}

fn redacted(format: Format, rendered: Rendered, out: crate::anonymize::TextOutput) -> Redacted {
    Redacted {
        bytes: rendered.bytes,
        mime_type: mime_type(format),
        format,
        redactions: out.redactions,
        counts: out.counts,
        meta: RedactMeta { anonymize: out.meta, photos_removed: rendered.photos_removed },
    }
}

/// Why an image without an OCR result is refused.
fn scan_redaction() -> Error {
    Error::unsupported_redaction(
        "a scan is redacted with what OCR read from its page images (options.ocr, or --ocr on the command line)",
    )
}

/// A removed value a flow renderer found nowhere in the source fails the call (the PDF renderer
/// refuses what it cannot place itself).
fn unplaced(needles: &Needles, format: Format) -> Result<()> {
    match if format == Format::Pdf { 0 } else { needles.unplaced() } {
        0 => Ok(()),
        n => Err(Error::unsupported_redaction(format!(
            "{n} removed value(s) could not be found in the {} source to rewrite; the anonymised text is still available",
            format.as_str()
        ))),
    }
}

/// The renderer of the input's own format. The flow renderers place the planned spans through
/// `needles`; the PDF renderer places them through the page layout.
fn render(bytes: &[u8], input: &RedactInput, needles: &mut Needles, budget: &mut Budget) -> Result<Rendered> {
    match input.document.format {
        Format::Txt | Format::Markdown => txt::redact(bytes, input, needles, budget),
        Format::Html => html::redact(bytes, input, needles, budget),
        Format::Rtf => rtf::redact(bytes, input, needles, budget),
        Format::Docx => docx::redact(bytes, input, needles, budget),
        Format::Odt => odt::redact(bytes, input, needles, budget),
        Format::Pdf => {
            let out = pdf::redact(bytes, input.view.text(), input.plan, input.level, budget)?;
            Ok(Rendered { bytes: out.bytes, photos_removed: out.photos_removed })
        }
        Format::Image => Err(scan_redaction()),
    }
}

/// The final safety check: the output, read back by the crate's own extractor, holds no removed
/// string in its link targets or creator, and none in its text more often than the anonymised
/// text does, nor anywhere the anonymised text does not. The plan removes spans, not every
/// occurrence of a word: where detection left an occurrence of a removed value in place, the
/// text output keeps it too, and the document may keep exactly those; a span the renderer failed
/// to remove shows as one occurrence more, or as one where the anonymised text has none.
fn verify(output: &[u8], format: Format, needles: &Needles, anonymised: &str, replacements: &[&str], budget: &mut Budget) -> Result<()> {
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
    // A PDF draws a box where a replacement does not fit and its text may come back in another
    // order, so only the flow formats are held to the places too (the PDF renderer places the
    // planned spans by their glyphs).
    let placed = format == Format::Pdf || !needles.misplaced_in(view.text(), anonymised, replacements, budget)?;
    if found.iter().zip(&kept).any(|(found, kept)| found > kept) || !placed {
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
