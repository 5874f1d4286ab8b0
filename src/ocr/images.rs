//! Page images: what OCR reads, from any input.
//!
//! An image input (PNG, JPEG, WebP, TIFF, told by its magic bytes) is its own single page,
//! passed through untouched. A PDF gives the largest picture drawn on each page that has no text
//! ([`super::pdf_images`]); a DOCX or ODT without body text gives the pictures of its body
//! ([`super::office_images`]). A page that has text is read from its text, so it gives no image.
//! Every image is checked against `limits.maxImagePixels` from its header before anything
//! decodes it, and a call gives at most `limits.maxPageImages`.

use crate::document::Format;
use crate::error::{Error, ErrorCode, Result};
use crate::extract::detect_format;
use crate::limits::Budget;

/// A page image to OCR.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// 1-based page (of a PDF) or picture (of a DOCX/ODT body, in document order).
    pub page: usize,
    pub width: u32,
    pub height: u32,
    /// Resolution as recorded or derived from where the picture is drawn (a PDF page), else
    /// estimated from an A4-wide page.
    pub dpi: f32,
    /// `image/png` | `image/jpeg` (also `image/webp` and `image/tiff` for such image inputs).
    pub mime_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The page images to OCR in `bytes`; empty when every page has text.
pub fn page_images(bytes: &[u8], hint: Option<&str>, budget: &mut Budget) -> Result<Vec<PageImage>> {
    crate::extract::check_input_size(bytes.len(), budget.limits())?;
    let images = match detect_format(bytes, hint)? {
        Format::Image => vec![image_input(bytes, budget)?],
        Format::Pdf => super::pdf_images::page_images(bytes, budget)?,
        Format::Docx | Format::Odt => match crate::extract::extract_within(bytes, hint, budget) {
            Ok(doc) if doc.lines().any(|l| !l.text.trim().is_empty()) => Vec::new(),
            Ok(_) => super::office_images::page_images(bytes, budget)?,
            Err(e) if e.code == ErrorCode::NoTextLayer => super::office_images::page_images(bytes, budget)?,
            Err(e) => return Err(e),
        },
        Format::Rtf | Format::Html | Format::Txt | Format::Markdown => Vec::new(),
    };
    check_count(images.len(), budget)?;
    Ok(images)
}

/// An image input as one page image, after its header is checked.
pub fn image_input(bytes: &[u8], budget: &mut Budget) -> Result<PageImage> {
    let info = read_header(bytes)?;
    check_pixels(info.width, info.height, budget)?;
    budget.spend(bytes.len() as u64 / 64)?;
    Ok(PageImage {
        page: 1,
        width: info.width,
        height: info.height,
        dpi: info.dpi.filter(|d| is_page_dpi(*d)).unwrap_or_else(|| estimated_dpi(info.width)),
        mime_type: info.kind.mime_type(),
        bytes: bytes.to_vec(),
    })
}

/// Fail past `limits.maxPageImages`.
pub fn check_count(count: usize, budget: &Budget) -> Result<()> {
    let max = budget.limits().max_page_images;
    if count > max {
        return Err(Error::limit(format!("the document has more than {max} page images (limits.maxPageImages)")));
    }
    Ok(())
}

/// Fail on an empty image or one with more pixels than `limits.maxImagePixels`.
pub fn check_pixels(width: u32, height: u32, budget: &Budget) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::malformed("the image declares no pixels"));
    }
    let max = budget.limits().max_image_pixels;
    if u64::from(width) * u64::from(height) > max {
        return Err(Error::limit(format!(
            "an image has {width}×{height} pixels, more than {max} (limits.maxImagePixels)"
        )));
    }
    Ok(())
}

/// Recorded resolutions below this are screen defaults (72, 96), not a scan's.
const MIN_PAGE_DPI: f32 = 100.0;
const MAX_PAGE_DPI: f32 = 1200.0;
const A4_WIDTH_INCHES: f32 = 8.27;

fn is_page_dpi(dpi: f32) -> bool {
    dpi.is_finite() && (MIN_PAGE_DPI..=MAX_PAGE_DPI).contains(&dpi)
}

/// The resolution of an image that shows an A4-wide page.
pub fn estimated_dpi(width: u32) -> f32 {
    (width as f32 / A4_WIDTH_INCHES).clamp(50.0, MAX_PAGE_DPI)
}

/// The image formats OCR takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Tiff,
}

impl ImageKind {
    pub fn mime_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
            ImageKind::Tiff => "image/tiff",
        }
    }
}

/// The image format of `bytes` by its magic bytes.
pub fn image_kind(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(ImageKind::Tiff)
    } else {
        None
    }
}

/// What an image's header says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub dpi: Option<f32>,
}

/// Read an image's size and resolution from its header; `malformed` when it is cut short.
pub fn read_header(bytes: &[u8]) -> Result<ImageInfo> {
    let kind = image_kind(bytes).ok_or_else(|| Error::unsupported("the image is not a PNG, JPEG, WebP or TIFF"))?;
    let header = match kind {
        ImageKind::Png => super::png::read_header(bytes),
        ImageKind::Jpeg => jpeg_header(bytes),
        ImageKind::Webp => webp_header(bytes),
        ImageKind::Tiff => tiff_header(bytes),
    };
    let (width, height, dpi) =
        header.ok_or_else(|| Error::malformed(format!("the {} image is damaged or cut short", kind.mime_type())))?;
    Ok(ImageInfo { kind, width, height, dpi })
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Size from the first start-of-frame marker, resolution from a JFIF segment; the file must
/// also end its image (EOI), or it is cut short.
pub fn jpeg_header(b: &[u8]) -> Option<(u32, u32, Option<f32>)> {
    let mut at = 2;
    let mut dpi = None;
    loop {
        // Markers may be padded with fill bytes.
        while b.get(at) == Some(&0xFF) && b.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if b.get(at) != Some(&0xFF) {
            return None;
        }
        let marker = *b.get(at + 1)?;
        let length = usize::from(be16(b, at + 2)?);
        if length < 2 {
            return None;
        }
        let segment = b.get(at + 4..at + 2 + length)?;
        match marker {
            0xE0 if segment.starts_with(b"JFIF\0") => {
                let (unit, x) = (*segment.get(7)?, f32::from(be16(segment, 8)?));
                dpi = match unit {
                    1 => Some(x),
                    2 => Some(x * 2.54),
                    _ => None,
                };
            }
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = u32::from(be16(segment, 1)?);
                let width = u32::from(be16(segment, 3)?);
                let tail = &b[b.len().saturating_sub(64 * 1024)..];
                let ends = tail.windows(2).any(|w| w == [0xFF, 0xD9]);
                return ends.then_some((width, height, dpi));
            }
            _ => {}
        }
        at += 2 + length;
    }
}

/// Size from the VP8 (lossy), VP8L (lossless) or VP8X (extended) header.
fn webp_header(b: &[u8]) -> Option<(u32, u32, Option<f32>)> {
    let chunk = b.get(12..16)?;
    let (w, h) = match chunk {
        b"VP8 " => {
            if b.get(23..26)? != [0x9D, 0x01, 0x2A] {
                return None;
            }
            (u32::from(le16(b, 26)? & 0x3FFF), u32::from(le16(b, 28)? & 0x3FFF))
        }
        b"VP8L" => {
            if *b.get(20)? != 0x2F {
                return None;
            }
            let bits = le32(b, 21)?;
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8X" => {
            let w = u32::from_le_bytes([*b.get(24)?, *b.get(25)?, *b.get(26)?, 0]) + 1;
            let h = u32::from_le_bytes([*b.get(27)?, *b.get(28)?, *b.get(29)?, 0]) + 1;
            (w, h)
        }
        _ => return None,
    };
    Some((w, h, None))
}

/// Size and resolution from the first image file directory.
fn tiff_header(b: &[u8]) -> Option<(u32, u32, Option<f32>)> {
    let big = b.starts_with(b"MM");
    let u16_at = |at: usize| -> Option<u16> { if big { be16(b, at) } else { le16(b, at) } };
    let u32_at = |at: usize| -> Option<u32> {
        let v: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
        Some(if big { u32::from_be_bytes(v) } else { u32::from_le_bytes(v) })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?).min(512);
    let (mut width, mut height, mut xres, mut unit) = (None, None, None, 2u32);
    for i in 0..count {
        let entry = ifd + 2 + 12 * i;
        let (tag, kind) = (u16_at(entry)?, u16_at(entry + 2)?);
        let value = match kind {
            3 => u32::from(u16_at(entry + 8)?),
            4 => u32_at(entry + 8)?,
            _ => 0,
        };
        match tag {
            256 => width = Some(value),
            257 => height = Some(value),
            282 if kind == 5 => {
                let at = usize::try_from(u32_at(entry + 8)?).ok()?;
                let (num, den) = (u32_at(at)?, u32_at(at + 4)?);
                xres = (den > 0).then(|| num as f32 / den as f32);
            }
            296 => unit = value,
            _ => {}
        }
    }
    let dpi = match unit {
        2 => xres,
        3 => xres.map(|x| x * 2.54),
        _ => None,
    };
    Some((width?, height?, dpi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;

    fn budget() -> Budget {
        Budget::new(&Limits::default())
    }

    fn jpeg(width: u16, height: u16, eoi: bool) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend([0xFF, 0xE0, 0x00, 0x10]);
        b.extend(b"JFIF\0\x01\x01\x01\x01\x2C\x01\x2C\0\0");
        b.extend([0xFF, 0xC0, 0x00, 0x0B, 0x08]);
        b.extend(height.to_be_bytes());
        b.extend(width.to_be_bytes());
        b.extend([0x01, 0x01, 0x11, 0x00]);
        if eoi {
            b.extend([0xFF, 0xD9]);
        }
        b
    }

    #[test]
    fn a_jpeg_header_gives_size_and_resolution() {
        let image = image_input(&jpeg(2480, 3508, true), &mut budget()).unwrap();
        assert_eq!((image.width, image.height, image.dpi, image.mime_type), (2480, 3508, 300.0, "image/jpeg"));
    }

    #[test]
    fn hostile_headers_are_typed_errors() {
        assert_eq!(image_input(&jpeg(2480, 3508, false), &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(image_input(&jpeg(0, 3508, true), &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(image_input(&jpeg(65535, 65535, true), &mut budget()).unwrap_err().code, ErrorCode::LimitExceeded);
        assert_eq!(image_input(&jpeg(2480, 3508, true)[..12], &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(image_input(b"\xFF\xD8\xFF", &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(image_input(b"RIFF\0\0\0\0WEBPVP8 ", &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(image_input(b"II*\0\xff\xff\xff\x7f", &mut budget()).unwrap_err().code, ErrorCode::Malformed);
    }

    #[test]
    fn a_tiff_header_gives_size_and_resolution() {
        // Little-endian, one IFD at 8 with width, height, x resolution (at 50) and unit (inch).
        let mut b = b"II*\0\x08\0\0\0".to_vec();
        b.extend(4u16.to_le_bytes());
        for (tag, kind, value) in [(256u16, 3u16, 1700u32), (257, 4, 2200), (282, 5, 62), (296, 3, 2)] {
            b.extend(tag.to_le_bytes());
            b.extend(kind.to_le_bytes());
            b.extend(1u32.to_le_bytes());
            b.extend(value.to_le_bytes());
        }
        b.extend([0, 0, 0, 0]);
        b.resize(62, 0);
        b.extend(200u32.to_le_bytes());
        b.extend(1u32.to_le_bytes());
        let info = read_header(&b).unwrap();
        assert_eq!((info.kind, info.width, info.height, info.dpi), (ImageKind::Tiff, 1700, 2200, Some(200.0)));
    }

    #[test]
    fn screen_resolutions_are_replaced_by_an_a4_estimate() {
        let mut b = jpeg(1240, 1754, true);
        b[13] = 1;
        b[14..16].copy_from_slice(&72u16.to_be_bytes());
        let image = image_input(&b, &mut budget()).unwrap();
        assert!((image.dpi - 150.0).abs() < 1.0, "{}", image.dpi);
    }
}
