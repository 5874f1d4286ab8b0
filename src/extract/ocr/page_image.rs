//! A page image and the limits every source of one checks: pixels per image, images per call,
//! and a resolution when the file records none.

use crate::error::{Error, Result};
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

pub fn is_page_dpi(dpi: f32) -> bool {
    dpi.is_finite() && (MIN_PAGE_DPI..=MAX_PAGE_DPI).contains(&dpi)
}

/// The resolution of an image that shows an A4-wide page.
pub fn estimated_dpi(width: u32) -> f32 {
    (width as f32 / A4_WIDTH_INCHES).clamp(50.0, MAX_PAGE_DPI)
}

