//! The pictures of a DOCX or ODT whose body is a picture of the page (a scan pasted into Word).
//!
//! Only packages without text give images: a CV with text and a picture is read from its text.
//! Pictures are taken from the package's media folder (`word/media/`, `Pictures/`) in name order
//! (writers number them as they are placed), PNG and JPEG only; small ones (icons, a photo) are
//! not pages.

use crate::error::Result;
use crate::extract::archive::Archive;
use crate::limits::Budget;

use super::page_image::{check_count, check_pixels, estimated_dpi, PageImage};
use crate::extract::image_header::{read_header, ImageKind};

/// Pictures narrower than this many pixels are not a page (a page at 72 dpi is 595 wide).
const MIN_PAGE_WIDTH: u32 = 500;
const MEDIA_FOLDERS: [&str; 2] = ["word/media/", "Pictures/"];

/// The page-sized PNG and JPEG pictures of the package, in name order.
pub fn page_images(bytes: &[u8], budget: &mut Budget) -> Result<Vec<PageImage>> {
    let mut archive = Archive::open(bytes, budget)?;
    let mut names: Vec<String> =
        archive.names().into_iter().filter(|n| MEDIA_FOLDERS.iter().any(|f| n.starts_with(f))).collect();
    crate::sort::sort_by_key(&mut names, |n| natural_key(n));
    let mut out = Vec::new();
    for name in names {
        let Some(data) = archive.read(&name, budget)? else { continue };
        // Pictures that are not PNG or JPEG (EMF, SVG) or whose header is damaged are skipped:
        // they are decoration, and the page decides what to do with none.
        let Ok(info) = read_header(&data) else { continue };
        if !matches!(info.kind, ImageKind::Png | ImageKind::Jpeg) || info.width.max(info.height) < MIN_PAGE_WIDTH {
            continue;
        }
        check_pixels(info.width, info.height, budget)?;
        out.push(PageImage {
            page: out.len() + 1,
            width: info.width,
            height: info.height,
            dpi: info.dpi.filter(|d| *d >= 100.0).unwrap_or_else(|| estimated_dpi(info.width.min(info.height))),
            mime_type: info.kind.mime_type(),
            bytes: data,
        });
        check_count(out.len(), budget)?;
    }
    Ok(out)
}

/// Whether the package holds a page-sized picture (so a package without text is a scan).
pub fn has_page_picture(bytes: &[u8], budget: &mut Budget) -> Result<bool> {
    Ok(!page_images(bytes, budget)?.is_empty())
}

/// `image10.png` after `image9.png`: digit runs compare as numbers.
fn natural_key(name: &str) -> Vec<(u64, String)> {
    let mut key = Vec::new();
    let mut rest = name;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits > 0 {
            key.push((rest[..digits].parse().unwrap_or(u64::MAX), String::new()));
            rest = &rest[digits..];
        } else {
            let text = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
            key.push((0, rest[..text].to_string()));
            rest = &rest[text..];
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::archive::tests::make_zip;
    use crate::limits::Limits;
    use crate::ocr::png::{encode, Colour, Pixels};

    fn picture(width: u32) -> Vec<u8> {
        let data = vec![255u8; (width * width) as usize];
        encode(&Pixels { width, height: width, colour: Colour::Gray, bits: 8, data: &data }).unwrap()
    }

    #[test]
    fn page_sized_pictures_in_name_order_icons_skipped() {
        let (page, icon) = (picture(600), picture(40));
        let zip = make_zip(&[
            ("word/document.xml", b"<w:document/>"),
            ("word/media/image10.png", &page),
            ("word/media/image2.png", &page),
            ("word/media/image1.png", &icon),
            ("word/media/image3.emf", b"not an image"),
        ]);
        let images = page_images(&zip, &mut Budget::new(&Limits::default())).unwrap();
        assert_eq!(images.iter().map(|i| i.page).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(images[0].mime_type, "image/png");
        assert!(natural_key("image2.png") < natural_key("image10.png"));
    }
}
