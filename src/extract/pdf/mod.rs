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
    prescan::check_internal_streams(bytes, budget)?;
    match read(Cow::Borrowed(bytes), budget) {
        Err(e) if e.code == ErrorCode::Malformed => {
            // A damaged xref or trailer: retry once with a table rebuilt by scanning.
            match repair::rebuild(bytes, budget)? {
                Some(fixed) => read(Cow::Owned(fixed), budget).map(|mut out| {
                    out.3.push("rebuilt_xref".to_string());
                    out
                }),
                None => Err(e),
            }
        }
        other => other,
    }
}

fn read(bytes: Cow<'_, [u8]>, budget: &mut Budget) -> Result<GlyphPages> {
    let (storage, trailer) = document::open(bytes)?;
    let r = storage.resolver();
    let max_pages = budget.limits().max_pages;
    let page_infos = document::pages(&r, &trailer, max_pages, budget)?;
    if page_infos.len() > max_pages {
        return Err(Error::limit(format!("the PDF has more than {max_pages} pages (limits.maxPages)")));
    }
    if page_infos.is_empty() {
        return Err(Error::malformed("the PDF has no pages"));
    }
    let metadata = document::metadata(&r, &trailer, page_infos.len(), budget)?;
    let mut fonts = HashMap::new();
    let mut pages = Vec::with_capacity(page_infos.len());
    let mut links = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for (index, info) in page_infos.iter().enumerate() {
        let (width, height) = info.size();
        let data = info.content(&r, budget)?;
        let mut interpreter = content::Interpreter::new(&r, &mut fonts, width, height);
        interpreter.run(&data, &info.resources, info.transform(), 0, budget)?;
        let mut text = interpreter.finish();
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
        pages.push(PageGlyphs { width, height, glyphs });
        links.extend(info.links(&r, index + 1, budget)?);
    }
    if pages.iter().all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty())) {
        return Err(Error::no_text_layer(
            "the PDF has pages but no text layer (probably a scan); run OCR on it first or upload the original document",
        ));
    }
    Ok((pages, metadata, links, warnings))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod font_fixture_tests;
