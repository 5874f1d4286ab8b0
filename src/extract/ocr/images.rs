//! Page images: what OCR reads, from any input.
//!
//! An image input (PNG, JPEG, WebP, TIFF, told by its magic bytes) is its own single page,
//! passed through untouched. A PDF gives the largest picture drawn on each page that has no text
//! ([`super::pdf_images`]); a DOCX or ODT without body text gives the pictures of its body
//! ([`super::office_images`]). A page that has text is read from its text, so it gives no image.
//! Every image is checked against `limits.maxImagePixels` from its header before anything
//! decodes it, and a call gives at most `limits.maxPageImages`.

use crate::document::Format;
use crate::error::{ErrorCode, Result};
use crate::extract::image_header::read_header;
use crate::extract::detect_format;
use crate::limits::Budget;

use super::page_image::{check_count, check_pixels, estimated_dpi, is_page_dpi, PageImage};

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
    fn screen_resolutions_are_replaced_by_an_a4_estimate() {
        let mut b = jpeg(1240, 1754, true);
        b[13] = 1;
        b[14..16].copy_from_slice(&72u16.to_be_bytes());
        let image = image_input(&b, &mut budget()).unwrap();
        assert!((image.dpi - 150.0).abs() < 1.0, "{}", image.dpi);
    }
}
