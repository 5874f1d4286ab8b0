//! Bilevel scans: CCITT fax (T.4 Group 3 1-D and 2-D, T.6 Group 4) decoded to a one-bit bitmap
//! that [`super::png`] writes as a page image.
//!
//! Office scanners write black-and-white pages as CCITT Group 4, which no browser image decoder
//! reads, so the page (tesseract.js) could not OCR them without this. The decoder is
//! hayro-ccitt (pure Rust, no unsafe). JBIG2 is left out: its decoder would add 46.5 KB to the
//! gzipped wasm module, and the command line renders such pages through poppler. This module
//! knows nothing of PDF: the caller reads the parameters from the image dictionary and checks
//! the declared size against the limits before anything is decoded.

use crate::error::{Error, Result};

/// How a CCITT stream is coded: the `CCITTFaxDecode` parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaxParams {
    /// `K`: below 0 Group 4, 0 Group 3 1-D, above 0 Group 3 mixed 1-D/2-D.
    pub k: i32,
    pub columns: u32,
    /// Rows to decode; the image's height when the stream does not say.
    pub rows: u32,
    pub end_of_line: bool,
    pub byte_aligned: bool,
    pub end_of_block: bool,
}

/// A bilevel image, rows of `width` pixels packed eight to a byte, most significant bit first,
/// each row starting on a byte boundary; a set bit is a black pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Bitmap {
    /// An all-white bitmap; `None` when it would not fit in memory's address space.
    fn white(width: u32, height: u32) -> Option<Self> {
        let len = usize::try_from(u64::from(width).div_ceil(8) * u64::from(height)).ok()?;
        Some(Bitmap { width, height, data: vec![0; len] })
    }

    fn row_bytes(&self) -> usize {
        self.width.div_ceil(8) as usize
    }

    /// Blacken pixels `from..to` of row `y`; what falls outside the bitmap is dropped (a stream
    /// may code more columns or rows than the image declares).
    fn blacken(&mut self, y: u32, from: u32, to: u32) {
        let to = to.min(self.width);
        if y >= self.height || from >= to {
            return;
        }
        let row = y as usize * self.row_bytes();
        for x in from..to {
            if let Some(byte) = self.data.get_mut(row + (x / 8) as usize) {
                *byte |= 0x80 >> (x % 8);
            }
        }
    }

    /// The bitmap as samples where a set bit is white (PNG's one-bit grey) when `white_is_1`,
    /// else as it is.
    pub fn into_samples(mut self, white_is_1: bool) -> Vec<u8> {
        if white_is_1 {
            self.data.iter_mut().for_each(|b| *b = !*b);
        }
        self.data
    }
}

fn too_large() -> Error {
    Error::limit("a bilevel image is too large to hold in memory")
}

/// Decode a CCITT fax stream into a `width` × `height` bitmap. Rows the stream leaves out at
/// its end stay white, as some encoders omit trailing white rows before the end-of-block mark;
/// a stream that breaks off inside a row, or holds codes that are not CCITT, is malformed.
pub fn ccitt(data: &[u8], params: &FaxParams, width: u32, height: u32) -> Result<Bitmap> {
    use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
    let encoding = match params.k {
        k if k < 0 => EncodingMode::Group4,
        0 => EncodingMode::Group3_1D,
        _ => EncodingMode::Group3_2D,
    };
    let settings = DecodeSettings {
        columns: params.columns,
        rows: params.rows,
        end_of_block: params.end_of_block,
        end_of_line: params.end_of_line,
        rows_are_byte_aligned: params.byte_aligned,
        encoding,
        strict: false,
    };
    struct Sink {
        bitmap: Bitmap,
        row: u32,
    }
    impl hayro_ccitt::Decoder for Sink {
        fn push_row(&mut self, changes: &[u32]) {
            // Changes alternate white→black, black→white; an odd count ends the row black.
            for pair in changes.chunks(2) {
                let to = pair.get(1).copied().unwrap_or(u32::MAX);
                self.bitmap.blacken(self.row, pair[0], to);
            }
            self.row = self.row.saturating_add(1);
        }
    }
    let mut sink = Sink { bitmap: Bitmap::white(width, height).ok_or_else(too_large)?, row: 0 };
    hayro_ccitt::decode(data, &mut sink, &mut DecoderContext::new(settings))
        .map_err(|_| Error::malformed("a CCITT fax image is damaged or coded with other parameters than it declares"))?;
    if sink.row == 0 {
        return Err(Error::malformed("a CCITT fax image holds no rows"));
    }
    Ok(sink.bitmap)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// Two Group 4 rows of 16 pixels, each 4 white, 8 black, 4 white, and an end-of-block.
    /// Row 1: horizontal mode (001), white run 4 (1011), black run 8 (000101), vertical 0 (1) to
    /// the end; row 2: vertical 0 three times, copying row 1.
    pub(crate) fn g4_rows() -> Vec<u8> {
        pack("001 1011 000101 1  1 1 1  000000000001 000000000001")
    }

    const G4: FaxParams = FaxParams { k: -1, columns: 16, rows: 2, end_of_line: false, byte_aligned: false, end_of_block: true };

    #[test]
    fn blackening_clips_to_the_bitmap() {
        let mut b = Bitmap::white(10, 2).unwrap();
        b.blacken(0, 6, 100);
        b.blacken(5, 0, 10);
        assert_eq!(b.data, [0b0000_0011, 0b1100_0000, 0, 0]);
        assert_eq!(b.into_samples(true), [0b1111_1100, 0b0011_1111, 0xFF, 0xFF]);
    }

    #[test]
    fn group4_rows_decode_to_black_runs() {
        let b = ccitt(&g4_rows(), &G4, 16, 2).unwrap();
        assert_eq!(b.data, [0x0F, 0xF0, 0x0F, 0xF0]);
    }

    #[test]
    fn group3_and_byte_aligned_group4_rows_decode_alike() {
        let rows = [0x0F, 0xF0, 0x0F, 0xF0];
        // Group 3 1-D without EOL marks: white 4 (1011), black 8 (000101), white 4, twice.
        let g3 = pack("1011 000101 1011  1011 000101 1011");
        assert_eq!(ccitt(&g3, &FaxParams { k: 0, end_of_block: false, ..G4 }, 16, 2).unwrap().data, rows);
        // Group 3 2-D: a tag bit before each row, 1 for a 1-D row, 0 for a 2-D one (vertical 0
        // three times, copying the row above).
        let g3_2d = pack("1 1011 000101 1011  0 1 1 1");
        assert_eq!(ccitt(&g3_2d, &FaxParams { k: 4, end_of_block: false, ..G4 }, 16, 2).unwrap().data, rows);
        // The Group 4 rows, each starting on a byte boundary.
        let aligned = pack("001 1011 000101 1 00  111 00000  000000000001 000000000001");
        assert_eq!(ccitt(&aligned, &FaxParams { byte_aligned: true, ..G4 }, 16, 2).unwrap().data, rows);
    }

    #[test]
    fn hostile_fax_streams_are_typed_errors() {
        let fail = |data: &[u8], params: FaxParams| ccitt(data, &params, 16, 2).unwrap_err().code;
        assert_eq!(fail(&[], G4), ErrorCode::Malformed);
        // Codes that are no mode of T.6 (seven zero bits then a one: an extension).
        assert_eq!(fail(&[0x01, 0x01, 0x01], G4), ErrorCode::Malformed);
        // The Group 4 rows above read as Group 3 1-D.
        assert_eq!(fail(&pack("001 1011 000101 1  1 1 1"), FaxParams { k: 0, ..G4 }), ErrorCode::Malformed);
    }

    /// Bits written as '0'/'1' (spaces ignored), packed MSB first, zero-padded.
    fn pack(bits: &str) -> Vec<u8> {
        let bits: Vec<u8> = bits.bytes().filter(|b| !b.is_ascii_whitespace()).map(|b| b - b'0').collect();
        bits.chunks(8).map(|c| c.iter().enumerate().fold(0u8, |acc, (i, &b)| acc | (b << (7 - i)))).collect()
    }
}
