//! The PDF renderer of a plan: the same file with the redacted text truly gone.
//!
//! Steps, one file each: the pages are interpreted again with a trace of where every glyph
//! came from (`crate::extract::pdf`), `locate` maps the plan's spans to glyphs through the
//! lines layout built, `content` rewrites the content streams (the page's, and the Form
//! XObjects it draws) without those glyphs' codes and a box is drawn over each span, `photo`
//! greys out a portrait photo, `scrub` decides which annotations and catalogue entries go, and
//! `write` writes the whole file anew. Anything that cannot be removed safely is an
//! `unsupported_redaction` error, never a file that still holds the data.

pub mod content;
pub mod locate;
pub mod photo;
pub mod scrub;
pub mod write;

use crate::anonymize::{Level, Plan};
use crate::document::{BBox, Line};
use crate::error::{Error, Result};
use crate::extract::pdf::content::{Matrix, StreamKey, Trace};
use crate::extract::pdf::document::{self, PageInfo};
use crate::extract::pdf::glyph::Glyph;
use crate::extract::pdf::layout::{self, LineGlyph};
use crate::extract::pdf::objects::{as_dict, resolve_opt, stream_data};
use crate::extract::pdf::{page_glyphs, with_repair};
use crate::limits::Budget;
use content::Cut;
use pdf::object::PlainRef;
use pdf::primitive::{Dictionary, Primitive};
use scrub::Removed;
use std::collections::HashMap;
use std::io::Write;
use write::Replacement;

/// A redacted PDF and what besides text it lost.
#[derive(Debug, Clone)]
pub struct PdfRedacted {
    pub bytes: Vec<u8>,
    pub photos_removed: usize,
    pub links_removed: usize,
}

/// `text` is the TextView text of the document `crate::extract` made from `bytes`, and `plan` the
/// anonymiser's plan over that text (byte spans `plan.replacements[i].start..end` + replacement).
pub fn redact(bytes: &[u8], text: &str, plan: &Plan, level: Level, budget: &mut Budget) -> Result<PdfRedacted> {
    crate::extract::check_input_size(bytes.len(), budget.limits())?;
    match with_repair(bytes, budget, |b, budget| redact_file(b, text, plan, level, budget)) {
        Ok(((out, _), _)) => Ok(out),
        // The text was extracted from these bytes, so what is broken is something the page
        // draws that a rewrite would lose (an unreadable object), even with a rebuilt xref.
        Err(e) if e.code == crate::error::ErrorCode::Malformed => Err(Error::unsupported_redaction(e.message)),
        Err(e) => Err(e),
    }
}

/// The areas of each page (page space, top-left origin) a redaction painted over: text boxes and
/// photos.
type Painted = Vec<Vec<BBox>>;

/// One page after tracing: where its glyphs and images came from, and its lines.
struct Traced {
    trace: Trace,
    lines: Vec<(Line, Vec<LineGlyph>)>,
    by_seq: HashMap<u32, Glyph>,
}

/// Edits of one content stream: cuts keyed by the offset just past their operator.
type StreamCuts = HashMap<usize, Vec<Cut>>;

fn redact_file(
    bytes: std::borrow::Cow<'_, [u8]>,
    text: &str,
    plan: &Plan,
    level: Level,
    budget: &mut Budget,
) -> Result<(PdfRedacted, Painted)> {
    let (storage, trailer) = document::open(bytes)?;
    let r = storage.resolver();
    let infos = document::pages_checked(&r, &trailer, budget)?;
    let mut fonts = HashMap::new();
    let mut warnings = Vec::new();
    let mut pages = Vec::with_capacity(infos.len());
    for info in &infos {
        let (glyphs, trace) = page_glyphs(&r, info, &mut fonts, &mut warnings, true, budget)?;
        let trace = trace.unwrap_or_default();
        let lines = layout::page_lines_traced(&glyphs);
        let by_seq = trace.glyphs.iter().map(|s| (s.glyph.seq, s.glyph.clone())).collect();
        pages.push(Traced { trace, lines, by_seq });
    }
    let layouts: Vec<locate::PageLayout<'_>> =
        pages.iter().map(|p| locate::PageLayout { lines: &p.lines, glyphs: &p.by_seq }).collect();
    let mut cuts = locate::locate(text, &layouts, plan)?;
    // Invisible text drawn over a scan: the words are pixels of the image, which removing the
    // text layer would leave in place.
    for (page, located) in pages.iter().zip(&cuts) {
        if page.trace.glyphs.iter().any(|s| !s.visible && located.seqs.contains(&s.glyph.seq)) {
            return Err(Error::unsupported_redaction(
                "redacted text is an invisible layer over a scanned image; the image itself would still show it",
            ));
        }
    }

    // Every glyph under a box goes too: overprinted copies, composed accents, hidden duplicates.
    let mut page_cuts: Vec<StreamCuts> = vec![HashMap::new(); pages.len()];
    let mut form_cuts: HashMap<PlainRef, StreamCuts> = HashMap::new();
    for ((page, located), mine) in pages.iter().zip(cuts.iter_mut()).zip(page_cuts.iter_mut()) {
        for source in &page.trace.glyphs {
            if !located.seqs.contains(&source.glyph.seq) && !locate::inside(&source.glyph, &located.boxes) {
                continue;
            }
            budget.spend(1)?;
            let cut = Cut { item: source.item, code: source.code, adjust: source.adjust };
            let target = match source.stream {
                StreamKey::Page => &mut *mine,
                StreamKey::Form(Some(form)) => form_cuts.entry(form).or_default(),
                StreamKey::Form(None) => {
                    return Err(Error::unsupported_redaction("redacted text is drawn by a form the redactor cannot rewrite"))
                }
            };
            let list = target.entry(source.op_end).or_default();
            if !list.iter().any(|c| c.item == cut.item && c.code == cut.code) {
                list.push(cut);
            }
        }
    }

    let removed = Removed::new(plan.replacements.iter().filter_map(|p| text.get(p.start..p.end)).flat_map(|s| s.split(['\n', '\u{c}'])));
    let mut replacements: HashMap<PlainRef, Replacement> = HashMap::new();
    let mut next_id: u64 = 1 << 40;
    let mut links_removed = 0usize;

    // Photos.
    let photos = match (level, infos.first(), pages.first()) {
        (Level::Moderate | Level::Thorough, Some(info), Some(page)) => {
            let (w, h) = info.size();
            photo::portraits(&page.trace.images, w, h)
        }
        _ => Vec::new(),
    };
    for reference in &photos {
        let (dict, data) = photo::grey_image();
        replacements.insert(*reference, Replacement::Stream(dict, data));
    }

    // Forms.
    for (form, cuts) in &form_cuts {
        let Some(Primitive::Stream(stream)) = resolve_opt(&r, Some(&Primitive::Reference(*form)), budget)? else {
            return Err(Error::unsupported_redaction("a form drawing redacted text could not be read again"));
        };
        let data = stream_data(&r, &stream, budget)?;
        let new = content::rewrite(&data, cuts, budget)?;
        let mut dict = stream.info.clone();
        replacements.insert(*form, flate_stream(&mut dict, &new)?);
    }

    // Pages: content, boxes, annotations.
    for (index, info) in infos.iter().enumerate() {
        let (Some(page), Some(located)) = (page_cuts.get(index), cuts.get(index)) else { continue };
        let mut dict = info.dict.clone();
        let mut changed = false;
        if !page.is_empty() || !located.boxes.is_empty() {
            let data = info.content(&r, budget)?;
            let mut new = b"q\n".to_vec();
            new.extend_from_slice(&content::rewrite(&data, page, budget)?);
            new.extend_from_slice(b"\nQ\n");
            boxes(&mut new, &located.boxes, info);
            let id = PlainRef { id: next_id, gen: 0 };
            next_id += 1;
            replacements.insert(id, flate_stream(&mut Dictionary::new(), &new)?);
            dict.insert("Contents", Primitive::Reference(id));
            changed = true;
        }
        if let Some(Primitive::Array(annots)) = resolve_opt(&r, dict.get("Annots"), budget)? {
            let to_page = info.transform();
            let covered = |rect: &[f32]| -> bool {
                let (ax, ay) = to_page.apply(rect[0], rect[1]);
                let (bx, by) = to_page.apply(rect[2], rect[3]);
                let b = BBox { x0: ax.min(bx), y0: ay.min(by), x1: ax.max(bx), y1: ay.max(by) };
                located.boxes.iter().any(|c| c.x0 < b.x1 && b.x0 < c.x1 && c.y0 < b.y1 && b.y0 < c.y1)
            };
            let mut kept = Vec::with_capacity(annots.len());
            for annot in annots.iter().take(10_000) {
                let (keep, is_link) = scrub::keep_annotation(&r, annot, covered, &removed, budget)?;
                if keep {
                    kept.push(annot.clone());
                } else if is_link {
                    links_removed += 1;
                }
            }
            if kept.len() != annots.len() {
                dict.insert("Annots", Primitive::Array(kept));
                changed = true;
            }
        }
        if changed {
            let reference = info
                .reference
                .ok_or_else(|| Error::unsupported_redaction("a page to redact is not an object of its own"))?;
            replacements.insert(reference, Replacement::Object(Primitive::Dictionary(dict)));
        }
    }

    let Some(Primitive::Reference(root)) = trailer.get("Root").cloned() else {
        return Err(Error::unsupported_redaction("the PDF's catalogue is not an object of its own"));
    };
    let catalog = resolve_opt(&r, Some(&Primitive::Reference(root)), budget)?
        .and_then(as_dict)
        .ok_or_else(|| Error::malformed("the PDF has no catalogue"))?;
    replacements.insert(root, Replacement::Object(Primitive::Dictionary(scrub::catalog(&r, catalog, budget)?)));
    let bytes = write::write(&r, root, &replacements, &removed, budget)?;
    let mut painted: Painted = cuts.into_iter().map(|c| c.boxes).collect();
    if let (Some(first), Some(page)) = (painted.first_mut(), pages.first()) {
        for image in page.trace.images.iter().filter(|i| i.reference.is_some_and(|r| photos.contains(&r))) {
            first.push(BBox { x0: image.x0, y0: image.y0, x1: image.x1, y1: image.y1 });
        }
    }
    Ok((PdfRedacted { bytes, photos_removed: photos.len(), links_removed }, painted))
}

/// A stream replacement holding `data` deflated, keeping `dict`'s other entries.
fn flate_stream(dict: &mut Dictionary, data: &[u8]) -> Result<Replacement> {
    for key in ["Filter", "DecodeParms", "Length", "DL"] {
        dict.remove(key);
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).map_err(|_| Error::malformed("a PDF stream could not be compressed"))?;
    let packed = encoder.finish().map_err(|_| Error::malformed("a PDF stream could not be compressed"))?;
    dict.insert("Filter", Primitive::name("FlateDecode"));
    Ok(Replacement::Stream(dict.clone(), packed))
}

/// Filled black rectangles over `boxes` (page space), in the page's default user space.
fn boxes(out: &mut Vec<u8>, boxes: &[BBox], info: &PageInfo) {
    let Some(to_user) = invert(&info.transform()) else { return };
    if boxes.is_empty() {
        return;
    }
    out.extend_from_slice(b"q 0 0 0 rg\n");
    for b in boxes {
        let (ax, ay) = to_user.apply(b.x0, b.y0);
        let (bx, by) = to_user.apply(b.x1, b.y1);
        let (x, y) = (ax.min(bx), ay.min(by));
        let (w, h) = ((ax - bx).abs(), (ay - by).abs());
        let n = write::number;
        out.extend_from_slice(format!("{} {} {} {} re f\n", n(x), n(y), n(w), n(h)).as_bytes());
    }
    out.extend_from_slice(b"Q\n");
}

fn invert(m: &Matrix) -> Option<Matrix> {
    let [a, b, c, d, e, f] = m.0;
    let det = a * d - b * c;
    if det == 0.0 || !det.is_finite() {
        return None;
    }
    let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
    Some(Matrix([ia, ib, ic, id, -(e * ia + f * ic), -(e * ib + f * id)]))
}

#[cfg(test)]
mod tests;
