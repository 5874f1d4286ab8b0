//! The scans inside an image-only PDF: for each page without text, the largest picture drawn on
//! it, as a JPEG (DCT streams passed through as they are) or a PNG (raw and Flate pixels).
//!
//! A page that has text, visible or an invisible OCR layer, is read from its text and gives no
//! image, even when a large picture of text sits on it. Bilevel codecs (CCITT fax, JBIG2) and
//! JPEG 2000 have no decoder here: they are `unsupported_format`.

use std::collections::HashMap;

use pdf::object::Resolve;
use pdf::primitive::{Dictionary, PdfStream, Primitive};

use crate::error::{Error, Result};
use crate::extract::pdf::content::ImageUse;
use crate::extract::pdf::document::{self, PageInfo};
use crate::extract::pdf::objects::{image_data, name, number, numbers, resolve, resolve_opt};
use crate::extract::pdf::{page_glyphs, with_repair};
use crate::limits::Budget;

use super::page_image::{check_count, check_pixels, PageImage};
use super::png::{self, Colour, Pixels};

/// Pictures smaller than this share of the page are logos and photos, not a scan of it…
const MIN_PAGE_SHARE: f32 = 0.25;
/// …unless the page is tiled from several pictures at least this share each.
const MIN_PIECE_SHARE: f32 = 0.05;

/// The page images of the PDF's text-less pages.
pub fn page_images(bytes: &[u8], budget: &mut Budget) -> Result<Vec<PageImage>> {
    with_repair(bytes, budget, |bytes, budget| {
        let (storage, trailer) = document::open(bytes)?;
        let r = storage.resolver();
        let pages = document::pages_checked(&r, &trailer, budget)?;
        let mut fonts = HashMap::new();
        let mut out = Vec::new();
        for (index, info) in pages.iter().enumerate() {
            if let Some(image) = page_image(&r, info, index + 1, &mut fonts, budget)? {
                out.push(image);
                check_count(out.len(), budget)?;
            }
        }
        Ok(out)
    })
    .map(|(images, _)| images)
}

fn page_image(
    r: &impl Resolve,
    info: &PageInfo,
    page: usize,
    fonts: &mut HashMap<pdf::object::PlainRef, std::rc::Rc<crate::extract::pdf::fonts::Font>>,
    budget: &mut Budget,
) -> Result<Option<PageImage>> {
    let mut warnings = Vec::new();
    let (glyphs, trace) = page_glyphs(r, info, fonts, &mut warnings, true, budget)?;
    if glyphs.glyphs.iter().any(|g| !g.text.trim().is_empty()) {
        return Ok(None);
    }
    let area = |u: &ImageUse| (u.x1 - u.x0).max(0.0) * (u.y1 - u.y0).max(0.0);
    let mut uses = trace.map(|t| t.images).unwrap_or_default();
    uses.retain(|u| u.reference.is_some() && area(u).is_finite());
    uses.sort_by(|a, b| area(b).total_cmp(&area(a)));
    let Some(largest) = uses.first() else { return Ok(None) };
    let page_area = glyphs.width * glyphs.height;
    // Some scanners store a page as strips or tiles: no one picture is the page, and composing
    // them is a renderer's job.
    let pieces = uses.iter().filter(|u| area(u) >= MIN_PIECE_SHARE * page_area).count();
    if pieces > 1 && area(largest) < MIN_PAGE_SHARE * page_area {
        return Err(Error::unsupported(
            "a scanned page is stored as several pictures, which this build does not compose; the command line renders it through poppler",
        ));
    }
    if area(largest) < MIN_PAGE_SHARE * page_area {
        return Ok(None);
    }
    let Some(reference) = largest.reference else { return Ok(None) };
    let Primitive::Stream(stream) = resolve(r, &Primitive::Reference(reference), budget)? else {
        return Ok(None);
    };
    let image = decode(r, &stream, budget)?;
    let drawn = (largest.x1 - largest.x0).max(largest.y1 - largest.y0);
    let dpi = if drawn > 1.0 { 72.0 * image.width.max(image.height) as f32 / drawn } else { 0.0 };
    Ok(Some(PageImage { page, dpi, ..image }))
}

fn int(r: &impl Resolve, dict: &Dictionary, key: &str, budget: &mut Budget) -> Result<Option<u32>> {
    Ok(resolve_opt(r, dict.get(key), budget)?
        .as_ref()
        .and_then(number)
        .filter(|v| *v >= 0.0 && *v <= u32::MAX as f32)
        .map(|v| v as u32))
}

/// One image XObject as an image file (page and dpi left for the caller).
fn decode(r: &impl Resolve, stream: &PdfStream, budget: &mut Budget) -> Result<PageImage> {
    let info = &stream.info;
    let width = int(r, info, "Width", budget)?.unwrap_or(0);
    let height = int(r, info, "Height", budget)?.unwrap_or(0);
    check_pixels(width, height, budget)?;
    let (data, codec) = image_data(r, stream, budget)?;
    let image = |mime_type, bytes| PageImage { page: 0, width, height, dpi: 0.0, mime_type, bytes };
    match codec {
        Some(("DCTDecode", _)) => Ok(image("image/jpeg", data)),
        Some((codec, _)) => Err(Error::unsupported(format!(
            "the scan is stored with {codec}, which this build cannot decode; the command line reads it through poppler"
        ))),
        None => {
            let pixels = raw_pixels(r, info, width, height, &data, budget)?;
            let png = png::encode(&pixels.as_pixels(width, height))
                .ok_or_else(|| Error::malformed("a PDF image holds fewer pixels than it declares"))?;
            budget.spend(png.len() as u64 / 64)?;
            Ok(image("image/png", png))
        }
    }
}

/// Pixels in a layout PNG has: gray or RGB, converted from CMYK and indexed colour.
struct Converted {
    colour: Colour,
    bits: u8,
    data: Vec<u8>,
}

impl Converted {
    fn as_pixels(&self, width: u32, height: u32) -> Pixels<'_> {
        Pixels { width, height, colour: self.colour, bits: self.bits, data: &self.data }
    }
}

/// The colour spaces a scan uses.
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// An 8-bit (or narrower) palette over gray or RGB entries.
    Indexed { base: Colour, lookup: Vec<u8> },
}

fn colour_space(r: &impl Resolve, info: &Dictionary, budget: &mut Budget) -> Result<Option<Space>> {
    if resolve_opt(r, info.get("ImageMask"), budget)? == Some(Primitive::Boolean(true)) {
        return Ok(Some(Space::Gray));
    }
    let space = resolve_opt(r, info.get("ColorSpace"), budget)?;
    space_of(r, space.as_ref(), budget, 0)
}

fn space_of(r: &impl Resolve, space: Option<&Primitive>, budget: &mut Budget, depth: usize) -> Result<Option<Space>> {
    if depth > 2 {
        return Ok(None);
    }
    Ok(match space {
        Some(Primitive::Name(n)) => match n.as_str() {
            "DeviceGray" | "CalGray" | "G" => Some(Space::Gray),
            "DeviceRGB" | "CalRGB" | "RGB" => Some(Space::Rgb),
            "DeviceCMYK" | "CMYK" => Some(Space::Cmyk),
            _ => None,
        },
        Some(Primitive::Array(items)) => match items.first().and_then(name) {
            Some("ICCBased") => {
                let n = match resolve_opt(r, items.get(1), budget)? {
                    Some(Primitive::Stream(s)) => s.info.get("N").and_then(number),
                    _ => None,
                };
                match n {
                    Some(1.0) => Some(Space::Gray),
                    Some(3.0) => Some(Space::Rgb),
                    Some(4.0) => Some(Space::Cmyk),
                    _ => None,
                }
            }
            Some("CalGray") => Some(Space::Gray),
            Some("CalRGB") => Some(Space::Rgb),
            Some("Indexed" | "I") => {
                let base = resolve_opt(r, items.get(1), budget)?;
                let base = match space_of(r, base.as_ref(), budget, depth + 1)? {
                    Some(Space::Gray) => Colour::Gray,
                    Some(Space::Rgb) => Colour::Rgb,
                    _ => return Ok(None),
                };
                let lookup = match resolve_opt(r, items.get(3), budget)? {
                    Some(Primitive::String(s)) => s.as_bytes().to_vec(),
                    Some(Primitive::Stream(s)) => crate::extract::pdf::objects::stream_data(r, &s, budget)?,
                    _ => return Ok(None),
                };
                Some(Space::Indexed { base, lookup })
            }
            _ => None,
        },
        _ => None,
    })
}

fn raw_pixels(r: &impl Resolve, info: &Dictionary, width: u32, height: u32, data: &[u8], budget: &mut Budget) -> Result<Converted> {
    let unsupported = || Error::unsupported("a PDF scan uses a colour layout this reader does not convert");
    let mask = resolve_opt(r, info.get("ImageMask"), budget)? == Some(Primitive::Boolean(true));
    let bits = if mask { 1 } else { int(r, info, "BitsPerComponent", budget)?.unwrap_or(8) };
    let bits = u8::try_from(bits).map_err(|_| unsupported())?;
    let space = colour_space(r, info, budget)?.ok_or_else(unsupported)?;
    // A Decode array of [1 0] inverts the samples (bilevel scans stored as "1 = black").
    let inverted = numbers(r, info.get("Decode"), budget)?.first().is_some_and(|&d| d == 1.0);
    let pixels = u64::from(width) * u64::from(height);
    budget.spend(pixels / 16)?;
    let short = || Error::malformed("a PDF image holds fewer pixels than it declares");
    Ok(match space {
        Space::Gray | Space::Rgb => {
            let colour = if matches!(space, Space::Gray) { Colour::Gray } else { Colour::Rgb };
            let mut data = data.to_vec();
            if inverted && colour == Colour::Gray {
                data.iter_mut().for_each(|b| *b = !*b);
            }
            Converted { colour, bits, data }
        }
        Space::Cmyk if bits == 8 => {
            let need = usize::try_from(pixels * 4).map_err(|_| short())?;
            let data = data.get(..need).ok_or_else(short)?;
            let rgb = data
                .chunks_exact(4)
                .flat_map(|p| {
                    let k = 255 - u16::from(p[3]);
                    [0, 1, 2].map(|i| ((255 - u16::from(p[i])) * k / 255) as u8)
                })
                .collect();
            Converted { colour: Colour::Rgb, bits: 8, data: rgb }
        }
        Space::Indexed { base, lookup } if bits == 8 => {
            let need = usize::try_from(pixels).map_err(|_| short())?;
            let per = if base == Colour::Gray { 1 } else { 3 };
            let data = data.get(..need).ok_or_else(short)?;
            let mut out = Vec::with_capacity(need * per);
            for &index in data {
                let at = usize::from(index) * per;
                match lookup.get(at..at + per) {
                    Some(entry) => out.extend_from_slice(entry),
                    None => out.extend(std::iter::repeat_n(0u8, per)),
                }
            }
            Converted { colour: base, bits: 8, data: out }
        }
        _ => return Err(unsupported()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;

    /// A one-page PDF drawing one image XObject over the whole A4 page.
    fn image_pdf(dict: &str, data: &[u8]) -> Vec<u8> {
        pdf_drawing("q 595 0 0 842 0 0 cm /Im0 Do Q", dict, data)
    }

    /// A one-page A4 PDF whose content stream `content` draws the image XObject `/Im0`.
    fn pdf_drawing(content: &str, dict: &str, data: &[u8]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let content = content.as_bytes();
        let objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
            [format!("<< /Type /XObject /Subtype /Image {dict} /Length {} >>\nstream\n", data.len()).as_bytes(), data, b"\nendstream"].concat(),
        ];
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
        out
    }

    fn budget() -> Budget {
        Budget::new(&Limits::default())
    }

    #[test]
    fn a_flate_gray_scan_becomes_a_png_at_its_drawn_resolution() {
        use std::io::Write;
        let (w, h) = (1240u32, 1754u32);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&vec![200u8; (w * h) as usize]).unwrap();
        let dict = format!("/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode");
        let images = page_images(&image_pdf(&dict, &z.finish().unwrap()), &mut budget()).unwrap();
        assert_eq!(images.len(), 1);
        let image = &images[0];
        assert_eq!((image.page, image.width, image.height, image.mime_type), (1, w, h, "image/png"));
        assert!((image.dpi - 150.0).abs() < 1.0, "{}", image.dpi);
        assert_eq!(crate::extract::image_header::png_header(&image.bytes).map(|(w, h, _)| (w, h)), Some((w, h)));
    }

    #[test]
    fn a_dct_scan_is_passed_through() {
        let jpeg = b"\xFF\xD8\xFF\xE0not really a jpeg\xFF\xD9";
        let dict = "/Width 100 /Height 140 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode";
        let images = page_images(&image_pdf(dict, jpeg), &mut budget()).unwrap();
        assert_eq!(images[0].bytes, jpeg);
        assert_eq!(images[0].mime_type, "image/jpeg");
    }

    #[test]
    fn a_page_tiled_from_strips_is_left_to_a_renderer() {
        // Four strips, each under a quarter of the page: no one picture is the page.
        let strips = "q 595 0 0 200 0 0 cm /Im0 Do Q q 595 0 0 200 0 210 cm /Im0 Do Q \
                      q 595 0 0 200 0 420 cm /Im0 Do Q q 595 0 0 200 0 630 cm /Im0 Do Q";
        let pdf = pdf_drawing(strips, "/Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8", &[255; 100]);
        assert_eq!(page_images(&pdf, &mut budget()).unwrap_err().code, ErrorCode::UnsupportedFormat);
    }

    #[test]
    fn hostile_image_dictionaries_are_typed_errors() {
        let huge = "/Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8";
        assert_eq!(page_images(&image_pdf(huge, b"x"), &mut budget()).unwrap_err().code, ErrorCode::LimitExceeded);
        let short = "/Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8";
        assert_eq!(page_images(&image_pdf(short, b"xyz"), &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        let empty = "/Width 0 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8";
        assert_eq!(page_images(&image_pdf(empty, b""), &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        let odd = "/Width 10 /Height 10 /ColorSpace /Lab /BitsPerComponent 8";
        assert_eq!(page_images(&image_pdf(odd, &[0; 300]), &mut budget()).unwrap_err().code, ErrorCode::UnsupportedFormat);
    }
}
