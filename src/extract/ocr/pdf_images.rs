//! The scans inside an image-only PDF: for each page without text, the largest picture drawn on
//! it, as a JPEG (DCT streams passed through as they are) or a PNG (raw and Flate pixels).
//!
//! A page that has text, visible or an invisible OCR layer, is read from its text and gives no
//! image, even when a large picture of text sits on it. CCITT fax scans are decoded by
//! [`super::bilevel`] and written as one-bit PNGs; JBIG2 and JPEG 2000 have no decoder here:
//! they are `unsupported_format`.

use std::collections::HashMap;

use pdf::object::Resolve;
use pdf::primitive::{Dictionary, PdfStream, Primitive};

use crate::error::{Error, Result};
use crate::extract::pdf::content::ImageUse;
use crate::extract::pdf::document::{self, PageInfo};
use crate::extract::pdf::objects::{image_data, name, number, numbers, resolve, resolve_opt};
use crate::extract::pdf::{page_glyphs, with_repair};
use crate::limits::Budget;

use super::bilevel::{self, Bitmap, FaxParams};
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
    crate::sort::sort_by(&mut uses, |a, b| area(b).total_cmp(&area(a)));
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
        Some(("CCITTFaxDecode", params)) => {
            let (fax, black_is_1) = fax_params(r, &params, width, height, budget)?;
            check_pixels(fax.columns, fax.rows, budget)?;
            budget.spend(u64::from(fax.columns) * u64::from(fax.rows) / 16)?;
            let bitmap = bilevel::ccitt(&data, &fax, width, height)?;
            bilevel_png(r, info, bitmap, black_is_1, budget).map(|png| image("image/png", png))
        }
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

/// The `CCITTFaxDecode` parameters, with the stream's rows defaulting to the image's height, and
/// whether black pixels are coded as 1 (`BlackIs1`).
fn fax_params(r: &impl Resolve, params: &Dictionary, width: u32, height: u32, budget: &mut Budget) -> Result<(FaxParams, bool)> {
    let flag = |key: &str, budget: &mut Budget, default: bool| -> Result<bool> {
        Ok(match resolve_opt(r, params.get(key), budget)? {
            Some(Primitive::Boolean(b)) => b,
            _ => default,
        })
    };
    let k = resolve_opt(r, params.get("K"), budget)?.as_ref().and_then(number).unwrap_or(0.0);
    // A stream without /Columns is, by the standard, 1728 pixels wide (a fax line); scanners that
    // omit it write the image's width.
    let columns = int(r, params, "Columns", budget)?.filter(|&c| c > 0).unwrap_or(if width > 0 { width } else { 1728 });
    let rows = int(r, params, "Rows", budget)?.filter(|&n| n > 0).unwrap_or(height);
    let fax = FaxParams {
        k: k.clamp(i32::MIN as f32, i32::MAX as f32) as i32,
        columns,
        rows,
        end_of_line: flag("EndOfLine", budget, false)?,
        byte_aligned: flag("EncodedByteAlign", budget, false)?,
        end_of_block: flag("EndOfBlock", budget, true)?,
    };
    Ok((fax, flag("BlackIs1", budget, false)?))
}

/// A decoded bilevel image as a one-bit grey PNG. Its samples are 0 for black (1 with
/// `black_is_1`), read through the image's Decode array; an image mask paints its 0 samples
/// (by default) with the fill colour, black on a scan, so it reads the same.
fn bilevel_png(r: &impl Resolve, info: &Dictionary, bitmap: Bitmap, black_is_1: bool, budget: &mut Budget) -> Result<Vec<u8>> {
    if !matches!(colour_space(r, info, budget)?, Some(Space::Gray) | None) {
        return Err(Error::unsupported("a bilevel PDF scan uses a colour space this reader does not convert"));
    }
    let inverted = decode_inverted(r, info, budget)?;
    let (width, height) = (bitmap.width, bitmap.height);
    let data = bitmap.into_samples(!(black_is_1 ^ inverted));
    let png = png::encode(&Pixels { width, height, colour: Colour::Gray, bits: 1, data: &data })
        .ok_or_else(|| Error::malformed("a PDF image holds fewer pixels than it declares"))?;
    budget.spend(png.len() as u64 / 64)?;
    Ok(png)
}

/// Whether a Decode array of [1 0] inverts the samples (bilevel scans stored as "1 = black").
fn decode_inverted(r: &impl Resolve, info: &Dictionary, budget: &mut Budget) -> Result<bool> {
    Ok(numbers(r, info.get("Decode"), budget)?.first().is_some_and(|&d| d == 1.0))
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
    let inverted = decode_inverted(r, info, budget)?;
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
    use super::super::bilevel::tests::g4_rows;
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

    /// The two 16-pixel rows of [`g4_rows`] (4 white, 8 black, 4 white) as one-bit grey PNG
    /// samples, 1 for white, or inverted.
    fn expected_png(inverted: bool) -> Vec<u8> {
        let row: [u8; 2] = if inverted { [0x0F, 0xF0] } else { [0xF0, 0x0F] };
        let data = [row, row].concat();
        png::encode(&Pixels { width: 16, height: 2, colour: Colour::Gray, bits: 1, data: &data }).unwrap()
    }

    #[test]
    fn bilevel_scans_become_one_bit_pngs_read_through_their_decode_arrays() {
        let g4 = g4_rows();
        let fax = |params: &str, image: &str| {
            let dict = format!("/Width 16 /Height 2 /BitsPerComponent 1 {image} /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 16 {params} >>");
            let images = page_images(&image_pdf(&dict, &g4), &mut budget()).unwrap();
            assert_eq!((images[0].width, images[0].height, images[0].mime_type), (16, 2, "image/png"));
            images[0].bytes.clone()
        };
        let gray = "/ColorSpace /DeviceGray";
        assert_eq!(fax("/Rows 2", gray), expected_png(false));
        // Without /Rows the image's height is decoded.
        assert_eq!(fax("", gray), expected_png(false));
        assert_eq!(fax("/BlackIs1 true", gray), expected_png(true));
        assert_eq!(fax("", "/ColorSpace /DeviceGray /Decode [1 0]"), expected_png(true));
        assert_eq!(fax("/BlackIs1 true", "/ColorSpace /DeviceGray /Decode [1 0]"), expected_png(false));
        // An image mask paints its 0 samples black.
        assert_eq!(fax("", "/ImageMask true"), expected_png(false));
    }

    #[test]
    fn hostile_bilevel_streams_are_typed_errors() {
        let g4 = g4_rows();
        let fail = |dict: &str, data: &[u8]| match page_images(&image_pdf(dict, data), &mut budget()) {
            Ok(_) => panic!("{dict} decoded from {data:?}"),
            Err(e) => e.code,
        };
        let fax = |params: &str| format!("/Width 16 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << {params} >>");
        // A stream that claims more pixels than the limit, refused before anything is decoded.
        assert_eq!(fail(&fax("/K -1 /Columns 100000 /Rows 100000"), &g4), ErrorCode::LimitExceeded);
        assert_eq!(fail(&fax("/K -1 /Columns 16"), &g4[..1]), ErrorCode::Malformed);
        assert_eq!(fail(&fax("/K 0 /Columns 16"), &g4[..4]), ErrorCode::Malformed);
        assert_eq!(fail(&fax("/K -1 /Columns 16"), &[0x01; 8]), ErrorCode::Malformed);
        // JBIG2 has no decoder in this build.
        let jbig2 = "/Width 16 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode";
        assert_eq!(fail(jbig2, &g4), ErrorCode::UnsupportedFormat);
        let rgb = "/Width 16 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 16 >>";
        assert_eq!(fail(rgb, &g4), ErrorCode::UnsupportedFormat);
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
