//! PDF text extraction: bytes → [`Document`] with positioned lines and links.
//!
//! The `pdf` crate reads the file structure (xref, objects, decryption);
//! `content` interprets each page's content streams into [`glyph::Glyph`]s
//! using `fonts`, `cmap`, `encodings` and `fontfile`; `accents` composes
//! accents drawn as glyphs of their own with their letters; `layout` turns
//! glyphs into lines in reading order. Work is charged to the [`Budget`] throughout.
pub mod accents;
pub mod cmap;
pub mod content;
pub mod document;
pub mod encodings;
pub mod fontfile;
pub mod fonts;
pub mod glyph;
pub mod icons;
pub mod layout;
pub mod lexer;
pub mod metrics;
pub mod objects;
pub mod prescan;
pub mod repair;

use crate::document::{Document, Format, Page};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::Budget;
use glyph::PageGlyphs;
use std::borrow::Cow;
use std::collections::HashMap;

/// Extract a PDF into a [`Document`].
pub fn extract(bytes: &[u8], budget: &mut Budget) -> Result<Document> {
    let (pages, metadata, links, warnings) = extract_glyphs(bytes, budget)?;
    let pages = pages
        .iter()
        .enumerate()
        .map(|(i, page)| Page {
            number: i + 1,
            width: page.width,
            height: page.height,
            lines: layout::page_lines(page),
        })
        .collect();
    Ok(Document { format: Format::Pdf, metadata, pages, links, warnings })
}

type GlyphPages = (Vec<PageGlyphs>, crate::document::Metadata, Vec<crate::document::Link>, Vec<String>);

/// Everything up to layout: per-page glyphs, metadata, links and warnings.
pub fn extract_glyphs(bytes: &[u8], budget: &mut Budget) -> Result<GlyphPages> {
    let (mut out, repaired) = with_repair(bytes, budget, read)?;
    if repaired {
        out.3.push("rebuilt_xref".to_string());
    }
    Ok(out)
}

/// Run `f` on the file, and on a copy with its xref table rebuilt by scanning when `f` finds a
/// damaged xref or trailer; the flag says whether the rebuilt copy was used.
pub fn with_repair<T>(
    bytes: &[u8],
    budget: &mut Budget,
    mut f: impl FnMut(Cow<'_, [u8]>, &mut Budget) -> Result<T>,
) -> Result<(T, bool)> {
    prescan::check_internal_streams(bytes, budget)?;
    match f(Cow::Borrowed(bytes), budget) {
        Err(e) if e.code == ErrorCode::Malformed => match repair::rebuild(bytes, budget)? {
            Some(fixed) => f(Cow::Owned(fixed), budget).map(|out| (out, true)),
            None => Err(e),
        },
        other => other.map(|out| (out, false)),
    }
}

fn read(bytes: Cow<'_, [u8]>, budget: &mut Budget) -> Result<GlyphPages> {
    let (storage, trailer) = document::open(bytes)?;
    let r = storage.resolver();
    let page_infos = document::pages_checked(&r, &trailer, budget)?;
    let metadata = document::metadata(&r, &trailer, page_infos.len(), budget)?;
    let mut fonts = HashMap::new();
    let mut pages = Vec::with_capacity(page_infos.len());
    let mut links = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for (index, info) in page_infos.iter().enumerate() {
        let (page, _) = page_glyphs(&r, info, &mut fonts, &mut warnings, false, budget)?;
        pages.push(page);
        links.extend(info.links(&r, index + 1, budget)?);
    }
    if pages.iter().all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty())) {
        return Err(Error::no_text_layer(
            "the PDF has pages but no text layer (probably a scan); OCR can read it: drop it on the page, or use the command line with --ocr",
        ));
    }
    Ok((pages, metadata, links, warnings))
}

/// One page's glyphs as layout sees them, and with `trace` where each was drawn (for the redactor).
pub fn page_glyphs<R: pdf::object::Resolve>(
    r: &R,
    info: &document::PageInfo,
    fonts: &mut HashMap<pdf::object::PlainRef, std::rc::Rc<fonts::Font>>,
    warnings: &mut Vec<String>,
    trace: bool,
    budget: &mut Budget,
) -> Result<(PageGlyphs, Option<content::Trace>)> {
    let (width, height) = info.size();
    let data = info.content(r, budget)?;
    let mut interpreter = content::Interpreter::new(r, fonts, width, height);
    if trace {
        interpreter = interpreter.with_trace();
    }
    interpreter.run(&data, &info.resources, info.transform(), 0, budget)?;
    let (mut text, traced) = interpreter.finish_traced();
    accents::compose_accents(&mut text.visible);
    accents::compose_accents(&mut text.invisible);
    for w in text.warnings {
        if !warnings.iter().any(|x| x == w) {
            warnings.push(w.to_string());
        }
    }
    // Invisible text (render mode 3) is kept only when the page shows no
    // text: that is an OCR layer over a scanned image, the page's only
    // text. Next to visible text it is hidden content (e.g. keyword
    // stuffing) that a reader never sees.
    let glyphs = if text.visible.iter().any(|g| !g.text.trim().is_empty()) {
        text.visible
    } else {
        if text.invisible.iter().any(|g| !g.text.trim().is_empty())
            && !warnings.iter().any(|w| w == "invisible_text_layer")
        {
            warnings.push("invisible_text_layer".to_string());
        }
        text.invisible
    };
    Ok((PageGlyphs { width, height, glyphs }, traced))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod font_fixture_tests;
