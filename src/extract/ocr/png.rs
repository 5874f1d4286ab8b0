//! PNG: reading a header, writing decoded pixels.
//!
//! PDF pages hold their scans as raw (usually Flate-compressed) pixel arrays that no image
//! reader takes as they are; OCR engines read PNG everywhere. The writer is the format's
//! minimum (IHDR, one IDAT of unfiltered rows, IEND) on the crate's own zlib, so no image crate
//! joins the wasm module.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::{Compression, Crc};

use crate::extract::image_header::PNG_SIGNATURE;

/// The colour layouts the writer takes: what a PDF image's colour space decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One sample per pixel (DeviceGray, a bilevel scan at 1 bit).
    Gray,
    /// Three samples per pixel (DeviceRGB).
    Rgb,
}

/// Pixels to encode: rows of `width` pixels, each row starting on a byte boundary, as PDF
/// image streams and PNG both lay them out.
pub struct Pixels<'a> {
    pub width: u32,
    pub height: u32,
    pub colour: Colour,
    /// 1, 2, 4, 8 or 16 (8 only for RGB).
    pub bits: u8,
    pub data: &'a [u8],
}

impl Pixels<'_> {
    /// Bytes per row; `None` when the layout is not one PNG has.
    pub fn row_bytes(&self) -> Option<usize> {
        let samples = match self.colour {
            Colour::Gray if matches!(self.bits, 1 | 2 | 4 | 8 | 16) => 1,
            Colour::Rgb if matches!(self.bits, 8 | 16) => 3,
            _ => return None,
        };
        let bits = u64::from(self.width) * samples * u64::from(self.bits);
        usize::try_from(bits.div_ceil(8)).ok()
    }
}

/// Encode `pixels` as PNG; `None` when there are too few bytes for the declared size or the
/// layout is not one PNG has. Extra bytes (padding at a stream's end) are ignored.
pub fn encode(pixels: &Pixels) -> Option<Vec<u8>> {
    let row = pixels.row_bytes()?;
    let needed = row.checked_mul(usize::try_from(pixels.height).ok()?)?;
    let data = pixels.data.get(..needed)?;
    if pixels.width == 0 || pixels.height == 0 {
        return None;
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend(pixels.width.to_be_bytes());
    ihdr.extend(pixels.height.to_be_bytes());
    let colour_type = match pixels.colour {
        Colour::Gray => 0,
        Colour::Rgb => 2,
    };
    ihdr.extend([pixels.bits, colour_type, 0, 0, 0]);
    let mut z = ZlibEncoder::new(Vec::with_capacity(needed / 8), Compression::fast());
    for line in data.chunks(row.max(1)) {
        // Filter type 0 (none): scans compress well enough without prediction.
        z.write_all(&[0]).ok()?;
        z.write_all(line).ok()?;
    }
    let idat = z.finish().ok()?;
    let mut out = Vec::with_capacity(idat.len() + 64);
    out.extend(PNG_SIGNATURE);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    let mut crc = Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend(crc.sum().to_be_bytes());
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::image_header::png_header;

    #[test]
    fn writes_a_png_its_own_reader_reads() {
        let data = [0b1010_0000u8, 0b0101_0000];
        let png = encode(&Pixels { width: 4, height: 2, colour: Colour::Gray, bits: 1, data: &data }).unwrap();
        assert_eq!(png_header(&png), Some((4, 2, None)));
        // The IDAT inflates to the filter byte and the row, per row.
        let mut inflated = Vec::new();
        let idat_len = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&png[41..41 + idat_len]), &mut inflated).unwrap();
        assert_eq!(inflated, [0, 0b1010_0000, 0, 0b0101_0000]);
    }

    #[test]
    fn too_few_bytes_or_an_odd_layout_are_refused() {
        assert!(encode(&Pixels { width: 4, height: 3, colour: Colour::Gray, bits: 8, data: &[0; 11] }).is_none());
        assert!(encode(&Pixels { width: 4, height: 1, colour: Colour::Rgb, bits: 1, data: &[0; 12] }).is_none());
        assert!(encode(&Pixels { width: 0, height: 1, colour: Colour::Gray, bits: 8, data: &[] }).is_none());
    }

    #[test]
    fn a_cut_short_png_has_no_header() {
        let png = encode(&Pixels { width: 2, height: 2, colour: Colour::Gray, bits: 8, data: &[1, 2, 3, 4] }).unwrap();
        assert!(png_header(&png[..png.len() - 12]).is_none());
        assert!(png_header(&png[..20]).is_none());
    }
}
