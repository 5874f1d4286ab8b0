//! A new PDF made of page images: one picture per page, drawn over the whole page.
//!
//! Nothing of the scanned file is copied: no Info dictionary, XMP, outline, annotations, links,
//! page labels or earlier revisions, only a catalogue, the page tree and for each page its size,
//! its content stream and its image (8-bit gray or RGB samples, Flate-compressed).

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::ocr::raster::Raster;
use crate::redact::pdf::write::assemble;
use crate::error::{Error, Result};

/// One page of the output: its size in points and its picture (none for a blank page).
pub struct OutPage<'a> {
    pub width: f32,
    pub height: f32,
    pub image: Option<&'a Image>,
}

/// A painted page image, encoded.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub gray: bool,
    /// Flate-compressed samples ([`Image::flate`]) or a whole PNG file ([`Image::png`]).
    pub data: Vec<u8>,
}

impl Image {
    /// The samples Flate-compressed, as a PDF image stream holds them.
    pub fn flate(raster: &Raster) -> Result<Image> {
        let mut z = ZlibEncoder::new(Vec::with_capacity(raster.data.len() / 8), Compression::fast());
        let data = z
            .write_all(&raster.data)
            .and_then(|_| z.finish())
            .map_err(|_| Error::malformed("the redacted page could not be compressed"))?;
        Ok(Image { width: raster.width, height: raster.height, gray: raster.channels == 1, data })
    }

    /// The pixels as a PNG file (for an image input; not for [`write`]).
    pub fn png(raster: &Raster) -> Result<Image> {
        Ok(Image { width: raster.width, height: raster.height, gray: raster.channels == 1, data: raster.to_png()? })
    }
}

/// The PDF of `pages`.
pub fn write(pages: &[OutPage]) -> Result<Vec<u8>> {
    // Objects: 1 catalogue, 2 page tree, then per page: the page, its content, its image.
    let mut objects: Vec<Vec<u8>> = Vec::with_capacity(2 + 3 * pages.len());
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes());
    for (i, page) in pages.iter().enumerate() {
        let (w, h) = (page.width, page.height);
        let id = 3 + 3 * i;
        let (resources, content) = match page.image {
            Some(_) => (format!("/Resources << /XObject << /Im0 {} 0 R >> >>", id + 2), format!("q {w:.3} 0 0 {h:.3} 0 0 cm /Im0 Do Q")),
            None => ("/Resources << >>".to_string(), String::new()),
        };
        objects.push(
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.3} {h:.3}] {resources} /Contents {} 0 R >>", id + 1).into_bytes(),
        );
        objects.push(stream(format!("<< /Length {} >>", content.len()), content.as_bytes()));
        objects.push(match page.image {
            Some(image) => {
                let space = if image.gray { "/DeviceGray" } else { "/DeviceRGB" };
                let dict = format!(
                    "<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {space} /BitsPerComponent 8 /Filter /FlateDecode /Length {} >>",
                    image.width,
                    image.height,
                    image.data.len()
                );
                stream(dict, &image.data)
            }
            // A blank page has no image; its slot holds a null so object numbers stay regular.
            None => b"null".to_vec(),
        });
    }
    assemble(&objects)
}

fn stream(dict: String, data: &[u8]) -> Vec<u8> {
    [dict.as_bytes(), b"\nstream\n", data, b"\nendstream"].concat()
}
