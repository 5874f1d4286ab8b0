//! Portrait photos: from `moderate` up a face (which shows gender, age and ethnicity) goes.
//!
//! A CV's photo is a raster image in the contact block: near the top of page 1, portrait or
//! square, neither an icon nor a page-wide banner. Its image object is replaced by a one-pixel
//! neutral grey image, so every place that draws it now draws a grey box of the same size and
//! the picture's data is not in the file at all.

use crate::extract::pdf::content::ImageUse;
use pdf::object::PlainRef;
use pdf::primitive::{Dictionary, Primitive};

/// The photo must start in this top share of the page…
const TOP_SHARE: f32 = 0.4;
/// …be at least this many points on each side (icons are smaller)…
const MIN_SIDE: f32 = 36.0;
/// …no wider than this share of the page (banners, backgrounds)…
const MAX_WIDTH_SHARE: f32 = 0.5;
/// …and its height over width in this range: square to portrait.
const ASPECT: (f32, f32) = (0.85, 1.8);

/// The image objects drawn as a portrait photo on page 1 of `width` × `height` points.
pub fn portraits(images: &[ImageUse], width: f32, height: f32) -> Vec<PlainRef> {
    let mut out: Vec<PlainRef> = Vec::new();
    for image in images {
        let (w, h) = (image.x1 - image.x0, image.y1 - image.y0);
        let fits = image.y0.is_finite()
            && image.y0 < TOP_SHARE * height
            && w >= MIN_SIDE
            && h >= MIN_SIDE
            && w <= MAX_WIDTH_SHARE * width
            && (ASPECT.0..=ASPECT.1).contains(&(h / w));
        if let (true, Some(reference)) = (fits, image.reference) {
            if !out.contains(&reference) {
                out.push(reference);
            }
        }
    }
    out
}

/// A 1×1 neutral grey image: dictionary and data.
pub fn grey_image() -> (Dictionary, Vec<u8>) {
    let mut dict = Dictionary::new();
    dict.insert("Type", Primitive::name("XObject"));
    dict.insert("Subtype", Primitive::name("Image"));
    dict.insert("Width", Primitive::Integer(1));
    dict.insert("Height", Primitive::Integer(1));
    dict.insert("ColorSpace", Primitive::name("DeviceGray"));
    dict.insert("BitsPerComponent", Primitive::Integer(8));
    (dict, vec![0xbf])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::content::StreamKey;

    fn image(x0: f32, y0: f32, x1: f32, y1: f32, id: u64) -> ImageUse {
        ImageUse { stream: StreamKey::Page, op_end: 0, x0, y0, x1, y1, reference: Some(PlainRef { id, gen: 0 }) }
    }

    #[test]
    fn a_portrait_near_the_top_is_a_photo_and_icons_and_banners_are_not() {
        let images = [
            image(450.0, 40.0, 550.0, 160.0, 1),  // portrait photo, top right
            image(40.0, 40.0, 52.0, 52.0, 2),     // icon
            image(0.0, 0.0, 595.0, 120.0, 3),     // banner
            image(450.0, 600.0, 550.0, 720.0, 4), // low on the page
        ];
        assert_eq!(portraits(&images, 595.0, 842.0), vec![PlainRef { id: 1, gen: 0 }]);
    }
}
