//! Rewriting a zip package (DOCX, ODT): every member read within the limits, passed through the
//! format's renderer, and written to a new package, so no old part or old revision survives.
//! Also the neutral images that stand in for a removed photo or a page thumbnail.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::{Error, ErrorCode, Result};
use crate::extract::archive::Archive;
use crate::limits::Budget;

/// A grey 16×16 PNG and JPEG: the image's frame keeps its size, so the layout does not move.
const GREY_PNG: &[u8] = include_bytes!("grey.png");
const GREY_JPEG: &[u8] = include_bytes!("grey.jpeg");

/// Every member of the package at `bytes`, name and content, in the package's order.
pub fn read_all(bytes: &[u8], budget: &mut Budget) -> Result<Vec<(String, Vec<u8>)>> {
    let mut archive = Archive::open(bytes, budget)?;
    let mut out = Vec::new();
    for name in archive.names() {
        if name.ends_with('/') {
            continue;
        }
        match archive.read(&name, budget) {
            Ok(Some(data)) => out.push((name, data)),
            Ok(None) => {}
            // A damaged image (a bad checksum, say) no reader shows; a neutral one keeps the
            // package whole.
            Err(e) if e.code == ErrorCode::Malformed && is_raster(&name) => {
                let neutral = neutral_image(&name);
                out.push((name, neutral));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A new package of `members`; `mimetype` (ODF) goes first and uncompressed, as ODF requires.
pub fn write_all(members: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let failed = |_| Error::unsupported_redaction("the redacted package could not be written");
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let mut ordered: Vec<&(String, Vec<u8>)> = members.iter().filter(|(n, _)| n == "mimetype").collect();
    ordered.extend(members.iter().filter(|(n, _)| n != "mimetype"));
    for (name, data) in ordered {
        let method = if name == "mimetype" { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        writer.start_file(name.as_str(), SimpleFileOptions::default().compression_method(method)).map_err(failed)?;
        writer.write_all(data).map_err(|_| Error::unsupported_redaction("the redacted package could not be written"))?;
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// Whether a member name is a raster image (what a photo is; vector art is not).
pub fn is_raster(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"].iter().any(|ext| lower.ends_with(ext))
}

/// A neutral image in the format its part name says (JPEG for `.jpg`/`.jpeg`, PNG otherwise:
/// readers sniff the bytes for the rest).
pub fn neutral_image(name: &str) -> Vec<u8> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        GREY_JPEG.to_vec()
    } else {
        GREY_PNG.to_vec()
    }
}

/// Frames smaller than this (centimetres, either side) are icons (a phone, an envelope), not
/// a face.
const MIN_PHOTO_CM: f64 = 1.5;

/// A portrait photo's frame (sides in centimetres): taller than wide or about square (a logo or
/// a banner is wide), not an icon, and early in the document (`position`, the share of the text
/// before it), where the contact block is.
pub fn is_portrait_frame(width_cm: f64, height_cm: f64, position: f64) -> bool {
    width_cm >= MIN_PHOTO_CM && height_cm >= MIN_PHOTO_CM && height_cm >= width_cm * 0.8 && height_cm <= width_cm * 2.5 && position <= 0.4
}
