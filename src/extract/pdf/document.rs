//! Opening a PDF: decryption, the page tree, page geometry, metadata and
//! link annotations.
//!
//! The page tree is walked on raw objects (not the `pdf` crate's typed
//! page tree) so that inherited attributes, reference cycles and absurd
//! depths are handled here, with budget charges and typed errors.

use super::content::Matrix;
use super::objects::{as_dict, dict_entry, malformed, name, number, numbers, resolve_opt, text_string, MemoCache};
use crate::document::{BBox, Link, Metadata};
use crate::error::{Error, Result};
use crate::limits::Budget;
use pdf::any::AnySync;
use pdf::file::{NoLog, Storage};
use pdf::object::{ParseOptions, PlainRef, Resolve};
use pdf::primitive::{Dictionary, Primitive};
use pdf::PdfError;
use std::collections::HashSet;
use std::sync::Arc;

pub type PdfStorage<'a> = Storage<
    std::borrow::Cow<'a, [u8]>,
    MemoCache<Result<AnySync, Arc<PdfError>>>,
    MemoCache<Result<Arc<[u8]>, Arc<PdfError>>>,
    NoLog,
>;

/// Open the file, decrypting with the empty user password when needed.
pub fn open(bytes: std::borrow::Cow<'_, [u8]>) -> Result<(PdfStorage<'_>, Dictionary)> {
    let encrypted = contains(&bytes, b"/Encrypt");
    let mut storage =
        Storage::with_cache(bytes, ParseOptions::tolerant(), MemoCache::default(), MemoCache::default(), NoLog)
            .map_err(|_| malformed())?;
    match storage.load_storage_and_trailer_password(b"") {
        Ok(trailer) => Ok((storage, trailer)),
        Err(_) if encrypted => Err(Error::encrypted(
            "the PDF is protected by a password; open it in a PDF viewer, save an unprotected copy and try again",
        )),
        Err(_) => Err(malformed()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// One leaf of the page tree with its inherited attributes resolved.
pub struct PageInfo {
    pub dict: Dictionary,
    pub resources: Dictionary,
    /// Visible box [x0 y0 x1 y1] in default user space.
    pub bbox: [f32; 4],
    pub rotate: i32,
    /// The page object, when it is an indirect one (a rewriter replaces it by number).
    pub reference: Option<PlainRef>,
}

#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Dictionary>,
    media_box: Option<Vec<f32>>,
    crop_box: Option<Vec<f32>>,
    rotate: Option<f32>,
}

/// The pages in order, at most `max_pages + 1` of them (so callers can
/// tell "too many").
pub fn pages(r: &impl Resolve, trailer: &Dictionary, max_pages: usize, budget: &mut Budget) -> Result<Vec<PageInfo>> {
    let root = dict_entry(r, trailer, "Root", budget)?.ok_or_else(malformed)?;
    let tree = root.get("Pages").cloned().ok_or_else(malformed)?;
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    walk(r, &tree, Inherited::default(), 0, &mut visited, &mut out, max_pages.saturating_add(1), budget)?;
    Ok(out)
}

/// The pages in order, failing when there are none or more than `limits.maxPages`.
pub fn pages_checked(r: &impl Resolve, trailer: &Dictionary, budget: &mut Budget) -> Result<Vec<PageInfo>> {
    let max_pages = budget.limits().max_pages;
    let page_infos = pages(r, trailer, max_pages, budget)?;
    if page_infos.len() > max_pages {
        return Err(Error::limit(format!("the PDF has more than {max_pages} pages (limits.maxPages)")));
    }
    if page_infos.is_empty() {
        return Err(Error::malformed("the PDF has no pages"));
    }
    Ok(page_infos)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    r: &impl Resolve,
    node: &Primitive,
    inherited: Inherited,
    depth: usize,
    visited: &mut HashSet<PlainRef>,
    out: &mut Vec<PageInfo>,
    max: usize,
    budget: &mut Budget,
) -> Result<()> {
    budget.nesting(depth)?;
    // A hard cap too: each level is a native stack frame.
    if depth > 256 {
        return Err(Error::limit("the PDF's page tree nests deeper than 256 levels"));
    }
    budget.spend(16)?;
    if out.len() >= max {
        return Ok(());
    }
    if let Primitive::Reference(reference) = node {
        if !visited.insert(*reference) {
            return Err(Error::malformed("the PDF's page tree refers back to itself"));
        }
    }
    let Some(dict) = resolve_opt(r, Some(node), budget)?.and_then(as_dict) else { return Ok(()) };
    let mut here = inherited;
    if let Some(res) = dict_entry(r, &dict, "Resources", budget)? {
        here.resources = Some(res);
    }
    let media = numbers(r, dict.get("MediaBox"), budget)?;
    if media.len() == 4 {
        here.media_box = Some(media);
    }
    let crop = numbers(r, dict.get("CropBox"), budget)?;
    if crop.len() == 4 {
        here.crop_box = Some(crop);
    }
    if let Some(rot) = resolve_opt(r, dict.get("Rotate"), budget)?.as_ref().and_then(number) {
        here.rotate = Some(rot);
    }
    let kids = match resolve_opt(r, dict.get("Kids"), budget)? {
        Some(Primitive::Array(kids)) => Some(kids),
        _ => None,
    };
    let is_pages = dict.get("Type").and_then(name) == Some("Pages");
    match kids {
        Some(kids) if is_pages || dict.get("Type").is_none() => {
            for kid in &kids {
                walk(r, kid, here.clone(), depth + 1, visited, out, max, budget)?;
            }
        }
        _ => {
            let reference = match node {
                Primitive::Reference(reference) => Some(*reference),
                _ => None,
            };
            out.push(leaf(dict, here, reference));
        }
    }
    Ok(())
}

fn normalise_box(b: &[f32]) -> Option<[f32; 4]> {
    let [x0, y0, x1, y1] = <[f32; 4]>::try_from(b).ok()?;
    let bx = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
    (bx.iter().all(|v| v.is_finite()) && bx[2] - bx[0] >= 1.0 && bx[3] - bx[1] >= 1.0).then_some(bx)
}

fn leaf(dict: Dictionary, inherited: Inherited, reference: Option<PlainRef>) -> PageInfo {
    let media = inherited.media_box.as_deref().and_then(normalise_box).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    // The visible area is the crop box clipped to the media box.
    let bbox = match inherited.crop_box.as_deref().and_then(normalise_box) {
        Some(c) => {
            let clipped = [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])];
            normalise_box(&clipped).unwrap_or(media)
        }
        None => media,
    };
    let rotate = inherited.rotate.map_or(0, |r| (((r as i64 / 90) % 4 + 4) % 4 * 90) as i32);
    PageInfo { dict, resources: inherited.resources.unwrap_or_default(), bbox, rotate, reference }
}

impl PageInfo {
    /// Size after rotation.
    pub fn size(&self) -> (f32, f32) {
        let (w, h) = (self.bbox[2] - self.bbox[0], self.bbox[3] - self.bbox[1]);
        if self.rotate % 180 == 0 {
            (w, h)
        } else {
            (h, w)
        }
    }

    /// Default user space → rotated page space with a top-left origin, y down.
    pub fn transform(&self) -> Matrix {
        let [x0, y0, x1, y1] = self.bbox;
        Matrix(match self.rotate {
            90 => [0.0, 1.0, 1.0, 0.0, -y0, -x0],
            180 => [-1.0, 0.0, 0.0, 1.0, x1, -y0],
            270 => [0.0, -1.0, -1.0, 0.0, y1, x1],
            _ => [1.0, 0.0, 0.0, -1.0, -x0, y1],
        })
    }

    /// The page's content streams concatenated.
    pub fn content(&self, r: &impl Resolve, budget: &mut Budget) -> Result<Vec<u8>> {
        let parts = match resolve_opt(r, self.dict.get("Contents"), budget)? {
            Some(Primitive::Array(items)) => items,
            Some(other) => vec![other],
            None => Vec::new(),
        };
        let mut data = Vec::new();
        for part in parts.iter().take(4096) {
            if let Some(Primitive::Stream(s)) = resolve_opt(r, Some(part), budget)? {
                match super::objects::stream_data(r, &s, budget) {
                    Ok(bytes) => {
                        data.extend_from_slice(&bytes);
                        // Streams split mid-token are joined with whitespace.
                        data.push(b'\n');
                    }
                    Err(e) if e.code == crate::error::ErrorCode::LimitExceeded => return Err(e),
                    Err(_) => {}
                }
            }
        }
        Ok(data)
    }

    /// URI link annotations on this page.
    pub fn links(&self, r: &impl Resolve, page_number: usize, budget: &mut Budget) -> Result<Vec<Link>> {
        let Some(Primitive::Array(annots)) = resolve_opt(r, self.dict.get("Annots"), budget)? else {
            return Ok(Vec::new());
        };
        let to_page = self.transform();
        let mut links = Vec::new();
        for annot in annots.iter().take(10_000) {
            budget.spend(8)?;
            let Some(dict) = resolve_opt(r, Some(annot), budget)?.and_then(as_dict) else { continue };
            if dict.get("Subtype").and_then(name) != Some("Link") {
                continue;
            }
            let Some(url) = link_target(r, &dict, budget)? else { continue };
            let rect = numbers(r, dict.get("Rect"), budget)?;
            let bbox = normalise_box(&rect).map(|[x0, y0, x1, y1]| {
                let (ax, ay) = to_page.apply(x0, y0);
                let (bx, by) = to_page.apply(x1, y1);
                BBox { x0: ax.min(bx), y0: ay.min(by), x1: ax.max(bx), y1: ay.max(by) }
            });
            links.push(Link { url, page: Some(page_number), bbox, text: None });
        }
        Ok(links)
    }
}

fn link_target(r: &impl Resolve, annot: &Dictionary, budget: &mut Budget) -> Result<Option<String>> {
    let Some(action) = dict_entry(r, annot, "A", budget)? else { return Ok(None) };
    let target = match action.get("S").and_then(name) {
        Some("URI") => resolve_opt(r, action.get("URI"), budget)?,
        // A remote GoTo/Launch whose file spec is a web address.
        Some("GoToR") | Some("Launch") => match resolve_opt(r, action.get("F"), budget)? {
            Some(Primitive::Dictionary(spec)) => spec.get("F").or_else(|| spec.get("UF")).cloned(),
            other => other,
        },
        _ => None,
    };
    let Some(Primitive::String(s)) = target else { return Ok(None) };
    let url = text_string(s.as_bytes()).trim().to_string();
    let lower = url.to_ascii_lowercase();
    let is_web = ["http://", "https://", "mailto:", "www.", "tel:"].iter().any(|p| lower.starts_with(p));
    Ok((is_web || action.get("S").and_then(name) == Some("URI")).then_some(url).filter(|u| !u.is_empty()))
}

/// Producer and creator from the Info dictionary.
pub fn metadata(r: &impl Resolve, trailer: &Dictionary, pages: usize, budget: &mut Budget) -> Result<Metadata> {
    let info = dict_entry(r, trailer, "Info", budget).ok().flatten().unwrap_or_default();
    let field = |key: &str, budget: &mut Budget| -> Option<String> {
        match resolve_opt(r, info.get(key), budget).ok().flatten() {
            Some(Primitive::String(s)) => Some(text_string(s.as_bytes()).trim().to_string()).filter(|s| !s.is_empty()),
            _ => None,
        }
    };
    let producer = field("Producer", budget);
    let creator = field("Creator", budget);
    Ok(Metadata { pages, producer, creator, encoding: None, ocr: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rotate: i32) -> PageInfo {
        PageInfo {
            dict: Dictionary::default(),
            resources: Dictionary::default(),
            bbox: [0.0, 0.0, 600.0, 800.0],
            rotate,
            reference: None,
        }
    }

    #[test]
    fn rotation_maps_to_top_left_space() {
        // A point near the bottom-left of the unrotated page.
        let (x, y) = (10.0, 20.0);
        assert_eq!(page(0).transform().apply(x, y), (10.0, 780.0));
        assert_eq!(page(90).transform().apply(x, y), (20.0, 10.0));
        assert_eq!(page(180).transform().apply(x, y), (590.0, 20.0));
        assert_eq!(page(270).transform().apply(x, y), (780.0, 590.0));
        assert_eq!(page(90).size(), (800.0, 600.0));
    }
}
