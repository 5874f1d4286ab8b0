//! Page images as pixels: decoded from PNG and JPEG, painted, encoded anew.
//!
//! A scan is redacted in its pixels, so the image is decoded to plain 8-bit gray or RGB samples
//! first: nothing of the original file (its compressed data, its EXIF, XMP or text chunks) is
//! carried into the output, which the PNG writer of [`crate::ocr::png`] makes from the samples
//! alone. Alpha is flattened onto white; palettes and other bit depths become 8-bit samples.
//! Every size is checked against `limits.maxImagePixels` before any pixel is decoded. OCR reads
//! its words' stroke widths from the same samples ([`super::stroke`]), so the decoder lives with
//! the page images rather than with the redactor.

use std::io::Read;

use crate::error::{Error, Result};
use crate::extract::image_header::PNG_SIGNATURE;
use crate::limits::Budget;
use crate::ocr::page_image::check_pixels;
use crate::ocr::png::{self, Colour, Pixels};

/// A box in pixels: columns `x0..x1`, rows `y0..y1` (ends excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelBox {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

/// Decoded pixels, 8 bits per sample, rows top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// 1 (gray) or 3 (RGB).
    pub channels: u8,
    pub data: Vec<u8>,
}

/// The fill of a removed word's box.
pub const BLACK: u8 = 0;
/// The fill of what is not a kept word, from `moderate` on.
pub const WHITE: u8 = 255;

impl Raster {
    fn row_len(&self) -> usize {
        self.width as usize * usize::from(self.channels)
    }

    /// `b` cut to the image; `None` when nothing of it is inside.
    pub fn clip(&self, b: PixelBox) -> Option<PixelBox> {
        let c = PixelBox { x0: b.x0, y0: b.y0, x1: b.x1.min(self.width), y1: b.y1.min(self.height) };
        (c.x0 < c.x1 && c.y0 < c.y1).then_some(c)
    }

    /// Set every sample of `b` to `value`.
    pub fn fill(&mut self, b: PixelBox, value: u8) {
        let Some(b) = self.clip(b) else { return };
        let (row, ch) = (self.row_len(), usize::from(self.channels));
        for y in b.y0..b.y1 {
            let start = y as usize * row + b.x0 as usize * ch;
            let end = y as usize * row + b.x1 as usize * ch;
            if let Some(samples) = self.data.get_mut(start..end) {
                samples.fill(value);
            }
        }
    }

    /// Whether every sample of `b` (cut to the image) is `value`; a box wholly outside the image
    /// is not painted.
    pub fn is_filled(&self, b: PixelBox, value: u8) -> bool {
        let Some(b) = self.clip(b) else { return false };
        let (row, ch) = (self.row_len(), usize::from(self.channels));
        (b.y0..b.y1).all(|y| {
            let start = y as usize * row + b.x0 as usize * ch;
            let end = y as usize * row + b.x1 as usize * ch;
            self.data.get(start..end).is_some_and(|s| s.iter().all(|&v| v == value))
        })
    }

    /// Paint `value` over every pixel outside `keep` (the boxes worth keeping). One sweep down
    /// the rows: a box adds to a column count where it starts and takes away where it ends, so
    /// the work is the pixels plus the boxes, however many boxes overlap.
    pub fn fill_outside(&mut self, keep: &[PixelBox], value: u8) {
        let (width, ch, row) = (self.width as usize, usize::from(self.channels), self.row_len());
        let mut starts: Vec<&PixelBox> = keep.iter().filter_map(|b| self.clip(*b).map(|_| b)).collect();
        crate::sort::sort_by_key(&mut starts, |b| b.y0);
        let mut ends = starts.clone();
        crate::sort::sort_by_key(&mut ends, |b| b.y1);
        // Per column: how many boxes cover it on this row, kept as differences along the row.
        let mut steps = vec![0i64; width + 1];
        let (mut next_start, mut next_end) = (0, 0);
        for y in 0..self.height {
            while let Some(b) = ends.get(next_end).filter(|b| b.y1 <= y) {
                steps[b.x0 as usize] -= 1;
                steps[b.x1.min(self.width) as usize] += 1;
                next_end += 1;
            }
            while let Some(b) = starts.get(next_start).filter(|b| b.y0 <= y) {
                steps[b.x0 as usize] += 1;
                steps[b.x1.min(self.width) as usize] -= 1;
                next_start += 1;
            }
            let line = y as usize * row;
            let mut covered = 0i64;
            for (x, step) in steps.iter().take(width).enumerate() {
                covered += step;
                if covered == 0 {
                    if let Some(px) = self.data.get_mut(line + x * ch..line + (x + 1) * ch) {
                        px.fill(value);
                    }
                }
            }
        }
    }

    /// The pixels as a PNG holding nothing else (no text, EXIF or colour-profile chunk).
    pub fn to_png(&self) -> Result<Vec<u8>> {
        png::encode(&self.pixels()).ok_or_else(|| Error::malformed("the painted page image could not be encoded"))
    }

    /// The samples as the PNG and PDF writers take them.
    pub fn pixels(&self) -> Pixels<'_> {
        let colour = if self.channels == 1 { Colour::Gray } else { Colour::Rgb };
        Pixels { width: self.width, height: self.height, colour, bits: 8, data: &self.data }
    }
}

/// Decode a PNG or JPEG page image; other formats are `unsupported_redaction`.
pub fn decode(bytes: &[u8], budget: &mut Budget) -> Result<Raster> {
    if bytes.starts_with(PNG_SIGNATURE) {
        decode_png(bytes, budget)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        decode_jpeg(bytes, budget)
    } else {
        Err(Error::unsupported_redaction(
            "only PNG and JPEG scans can be repainted; the anonymised text and profile are available",
        ))
    }
}

fn malformed() -> Error {
    Error::malformed("the page image is damaged and cannot be decoded")
}

fn decode_jpeg(bytes: &[u8], budget: &mut Budget) -> Result<Raster> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(|_| malformed())?;
    let info = decoder.info().ok_or_else(malformed)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_pixels(width, height, budget)?;
    let pixels = width as usize * height as usize;
    budget.spend(pixels as u64 / 16)?;
    decoder.set_max_decoding_buffer_size(pixels.saturating_mul(4));
    let data = decoder.decode().map_err(|_| malformed())?;
    let (channels, data) = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => (1, data),
        jpeg_decoder::PixelFormat::RGB24 => (3, data),
        // Adobe's CMYK JPEGs store inverted samples, which the decoder hands back as they are.
        jpeg_decoder::PixelFormat::CMYK32 => {
            let rgb = data.chunks_exact(4).flat_map(|p| [0, 1, 2].map(|i| (u16::from(p[i]) * u16::from(p[3]) / 255) as u8)).collect();
            (3, rgb)
        }
        jpeg_decoder::PixelFormat::L16 => {
            return Err(Error::unsupported_redaction("a 16-bit JPEG scan cannot be repainted"));
        }
    };
    let raster = Raster { width, height, channels, data };
    (raster.data.len() == pixels * usize::from(channels)).then_some(raster).ok_or_else(malformed)
}

/// The IHDR fields a decoder needs.
struct Header {
    width: u32,
    height: u32,
    bits: u8,
    colour_type: u8,
}

impl Header {
    fn samples(&self) -> Option<u8> {
        match (self.colour_type, self.bits) {
            (0, 1 | 2 | 4 | 8 | 16) | (3, 1 | 2 | 4 | 8) => Some(1),
            (4, 8 | 16) => Some(2),
            (2, 8 | 16) => Some(3),
            (6, 8 | 16) => Some(4),
            _ => None,
        }
    }
}

fn decode_png(bytes: &[u8], budget: &mut Budget) -> Result<Raster> {
    let mut at = PNG_SIGNATURE.len();
    let (mut header, mut palette, mut idat) = (None, Vec::new(), Vec::new());
    while let Some(len_bytes) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]) as usize;
        let kind = &len_bytes[4..8];
        let data = bytes.get(at + 8..(at + 8).checked_add(len).ok_or_else(malformed)?).ok_or_else(malformed)?;
        budget.spend(len as u64 / 64 + 1)?;
        match kind {
            b"IHDR" if data.len() == 13 => {
                let int = |i: usize| u32::from_be_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                if data[10] != 0 || data[11] != 0 {
                    return Err(malformed());
                }
                if data[12] != 0 {
                    return Err(Error::unsupported_redaction("an interlaced PNG scan cannot be repainted; save it without interlacing"));
                }
                header = Some(Header { width: int(0), height: int(4), bits: data[8], colour_type: data[9] });
            }
            b"PLTE" => palette = data.to_vec(),
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let header = header.ok_or_else(malformed)?;
    check_pixels(header.width, header.height, budget)?;
    let samples = header.samples().ok_or_else(malformed)?;
    let row = (u64::from(header.width) * u64::from(samples) * u64::from(header.bits)).div_ceil(8) as usize;
    let expected = (row + 1).checked_mul(header.height as usize).ok_or_else(malformed)?;
    budget.decompressed(expected as u64)?;
    budget.spend(expected as u64 / 16)?;
    let mut raw = Vec::with_capacity(expected);
    flate2::read::ZlibDecoder::new(idat.as_slice())
        .take(expected as u64)
        .read_to_end(&mut raw)
        .map_err(|_| malformed())?;
    if raw.len() < expected {
        return Err(malformed());
    }
    let bpp = (usize::from(samples) * usize::from(header.bits)).div_ceil(8);
    let rows = unfilter(&mut raw, row, bpp)?;
    to_raster(&header, samples, &rows, row, &palette)
}

/// Undo PNG's per-row filters; the rows without their filter bytes.
///
/// Rendered pages are mostly paper, and OCR measures strokes on every page natively, so a run of
/// unchanged samples is copied whole (memcmp and memcpy, fast even in a debug build): a zero
/// difference under Up repeats the row above, and under Average and Paeth too where the row
/// above and the samples to the left hold one value.
fn unfilter(raw: &mut [u8], row: usize, bpp: usize) -> Result<Vec<u8>> {
    const CHUNK: usize = 16;
    const ZEROS: [u8; CHUNK] = [0; CHUNK];
    const WHITE: [u8; CHUNK] = [255; CHUNK];
    let height = raw.len() / (row + 1);
    let mut out = vec![0u8; row * height];
    let blank = vec![0u8; row];
    for y in 0..height {
        let filter = raw[y * (row + 1)];
        if filter > 4 {
            return Err(malformed());
        }
        let line = &raw[y * (row + 1) + 1..(y + 1) * (row + 1)];
        let (done, rest) = out.split_at_mut(y * row);
        let prior = if y == 0 { &blank[..] } else { &done[(y - 1) * row..] };
        let cur = &mut rest[..row];
        let mut x = 0;
        while x < row {
            let end = (x + CHUNK).min(row);
            let unchanged = line[x..end] == ZEROS[..end - x];
            let flat = || x >= bpp && prior[x - bpp..end - 1] == prior[x - bpp + 1..end] && cur[x - bpp..x] == prior[x - bpp..x];
            // Paper under Sub: white repeated.
            let white = || filter == 1 && x >= bpp && cur[x - bpp..x] == WHITE[..bpp.min(CHUNK)];
            if filter == 0 || (unchanged && (filter == 2 || (matches!(filter, 3 | 4) && flat()))) {
                let from = if filter == 0 { &line[x..end] } else { &prior[x..end] };
                cur[x..end].copy_from_slice(from);
            } else if unchanged && white() {
                cur[x..end].copy_from_slice(&WHITE[..end - x]);
            } else {
                unfilter_run(filter, line, prior, cur, bpp, x, end);
            }
            x = end;
        }
    }
    Ok(out)
}

/// Samples `from..to` of one row under filter 1–4, one by one (a loop per filter: the match
/// stays out of the per-sample work).
fn unfilter_run(filter: u8, line: &[u8], prior: &[u8], cur: &mut [u8], bpp: usize, from: usize, to: usize) {
    // The first pixel has nothing to its left: a and c are 0 there.
    let left = from.max(bpp.min(to));
    for x in from..left {
        let predicted = match filter {
            3 => prior[x] / 2,
            2 | 4 => prior[x],
            _ => 0,
        };
        cur[x] = line[x].wrapping_add(predicted);
    }
    match filter {
        1 => (left..to).for_each(|x| cur[x] = line[x].wrapping_add(cur[x - bpp])),
        2 => (left..to).for_each(|x| cur[x] = line[x].wrapping_add(prior[x])),
        3 => (left..to).for_each(|x| cur[x] = line[x].wrapping_add(((u16::from(cur[x - bpp]) + u16::from(prior[x])) / 2) as u8)),
        _ => (left..to).for_each(|x| cur[x] = line[x].wrapping_add(paeth(cur[x - bpp], prior[x], prior[x - bpp]))),
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    // Distances written out rather than through `abs`: this runs per sample, in debug builds too.
    let (a16, b16, c16) = (i16::from(a), i16::from(b), i16::from(c));
    let p = a16 + b16 - c16;
    let pa = if p > a16 { p - a16 } else { a16 - p };
    let pb = if p > b16 { p - b16 } else { b16 - p };
    let pc = if p > c16 { p - c16 } else { c16 - p };
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Unfiltered PNG rows → 8-bit gray or RGB, alpha flattened onto white.
fn to_raster(h: &Header, samples: u8, rows: &[u8], row: usize, palette: &[u8]) -> Result<Raster> {
    let (width, height) = (h.width as usize, h.height as usize);
    // Sample `i` of a row, scaled to 8 bits (palette indexes are left as they are).
    let sample = |line: &[u8], i: usize| -> u8 {
        match h.bits {
            8 => line[i],
            16 => line[2 * i],
            bits => {
                let bit = i * usize::from(bits);
                let v = (line[bit / 8] >> (8 - usize::from(bits) - bit % 8)) & ((1u8 << bits) - 1);
                if h.colour_type == 3 {
                    v
                } else {
                    v * (255 / ((1u8 << bits) - 1))
                }
            }
        }
    };
    let over_white = |v: u8, alpha: u8| ((u16::from(v) * u16::from(alpha) + 255 * (255 - u16::from(alpha))) / 255) as u8;
    let channels: u8 = if matches!(h.colour_type, 0 | 4) { 1 } else { 3 };
    if h.bits == 8 && matches!(h.colour_type, 0 | 2) {
        // Already 8-bit gray or RGB samples, row after row.
        let data = rows.get(..row * height).ok_or_else(malformed)?.to_vec();
        return Ok(Raster { width: h.width, height: h.height, channels, data });
    }
    let mut data = Vec::with_capacity(width * height * usize::from(channels));
    let s = usize::from(samples);
    for line in rows.chunks_exact(row).take(height) {
        for x in 0..width {
            match h.colour_type {
                0 => data.push(sample(line, x)),
                4 => data.push(over_white(sample(line, 2 * x), sample(line, 2 * x + 1))),
                2 => data.extend((0..3).map(|c| sample(line, s * x + c))),
                6 => {
                    let alpha = sample(line, s * x + 3);
                    data.extend((0..3).map(|c| over_white(sample(line, s * x + c), alpha)));
                }
                _ => {
                    let at = usize::from(sample(line, x)) * 3;
                    data.extend_from_slice(palette.get(at..at + 3).unwrap_or(&[0, 0, 0]));
                }
            }
        }
    }
    Ok(Raster { width: h.width, height: h.height, channels, data })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn budget() -> Budget {
        Budget::new(&Limits::default())
    }

    fn gray(width: u32, height: u32, data: Vec<u8>) -> Raster {
        Raster { width, height, channels: 1, data }
    }

    #[test]
    fn a_png_it_writes_decodes_to_the_same_pixels() {
        let raster = Raster { width: 3, height: 2, channels: 3, data: (0..18).map(|v| v * 13).collect() };
        assert_eq!(decode(&raster.to_png().unwrap(), &mut budget()).unwrap(), raster);
        let bilevel = png::encode(&Pixels { width: 4, height: 1, colour: Colour::Gray, bits: 1, data: &[0b1010_0000] }).unwrap();
        assert_eq!(decode(&bilevel, &mut budget()).unwrap(), gray(4, 1, vec![255, 0, 255, 0]));
    }

    #[test]
    fn every_png_filter_is_undone() {
        // Two rows of two gray pixels, [10, 20] then [30, 50]; the second row under each filter.
        for (filter, second) in [(0u8, [30u8, 50]), (1, [30, 20]), (2, [20, 30]), (3, [25, 25]), (4, [20, 20])] {
            let mut raw = vec![0, 10, 20, filter, second[0], second[1]];
            assert_eq!(unfilter(&mut raw, 2, 1).unwrap(), vec![10, 20, 30, 50], "filter {filter}");
        }
        assert_eq!(unfilter(&mut [7, 1, 2], 2, 1).unwrap_err().code, crate::error::ErrorCode::Malformed);
    }

    #[test]
    fn runs_copied_whole_decode_as_sample_by_sample() {
        // Paper with a few marks, three samples a pixel, each row under each filter in turn.
        let (row, bpp, height) = (3 * 100, 3, 10);
        let image: Vec<u8> = (0..row * height).map(|i| if (i / 7) % 23 == 0 || i % row > 290 { (i % 251) as u8 } else { 255 }).collect();
        let mut raw = Vec::new();
        for y in 0..height {
            let filter = (y % 5) as u8;
            raw.push(filter);
            for x in 0..row {
                let at = |y: usize, x: usize| image[y * row + x];
                let a = if x >= bpp { at(y, x - bpp) } else { 0 };
                let b = if y > 0 { at(y - 1, x) } else { 0 };
                let c = if x >= bpp && y > 0 { at(y - 1, x - bpp) } else { 0 };
                let predicted = match filter {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                    _ => paeth(a, b, c),
                };
                raw.push(at(y, x).wrapping_sub(predicted));
            }
        }
        assert_eq!(unfilter(&mut raw, row, bpp).unwrap(), image);
    }

    #[test]
    fn filling_paints_exactly_the_box_and_the_check_sees_one_pixel_left() {
        let mut r = gray(6, 4, vec![128; 24]);
        let b = PixelBox { x0: 1, y0: 1, x1: 4, y1: 3 };
        assert!(!r.is_filled(b, BLACK));
        r.fill(b, BLACK);
        assert!(r.is_filled(b, BLACK));
        assert_eq!(r.data.iter().filter(|&&v| v == BLACK).count(), 6);
        r.data[2 * 6 + 3] = 1;
        assert!(!r.is_filled(b, BLACK));
        // Past the edge it is cut to the image; wholly outside it counts as not painted.
        r.fill(PixelBox { x0: 5, y0: 3, x1: 99, y1: 99 }, BLACK);
        assert_eq!(r.data[23], BLACK);
        assert!(!r.is_filled(PixelBox { x0: 6, y0: 0, x1: 9, y1: 1 }, BLACK));
    }

    #[test]
    fn everything_outside_the_kept_boxes_goes_white() {
        let mut r = gray(4, 2, vec![9; 8]);
        r.fill_outside(&[PixelBox { x0: 1, y0: 0, x1: 3, y1: 1 }], WHITE);
        assert_eq!(r.data, [255, 9, 9, 255, 255, 255, 255, 255]);
        // Overlapping boxes, one ending where the other goes on, one past the edge.
        let mut r = gray(5, 4, vec![9; 20]);
        let keep = [
            PixelBox { x0: 0, y0: 0, x1: 2, y1: 2 },
            PixelBox { x0: 1, y0: 1, x1: 3, y1: 3 },
            PixelBox { x0: 4, y0: 3, x1: 9, y1: 9 },
        ];
        r.fill_outside(&keep, WHITE);
        #[rustfmt::skip]
        let want = [
            9, 9, 255, 255, 255,
            9, 9, 9, 255, 255,
            255, 9, 9, 255, 255,
            255, 255, 255, 255, 9,
        ];
        assert_eq!(r.data, want);
    }

    /// Damaged PNGs (of each layout the decoder converts) and a damaged JPEG scan: each decodes
    /// or is a typed error, never a panic.
    #[test]
    fn damaged_images_never_panic() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = vec![std::fs::read(root.join("tests/fixtures/ocr/en_150.jpg")).unwrap()];
        let samples: Vec<u8> = (0..=255).cycle().take(3 * 40 * 30).collect();
        seeds.push(Raster { width: 40, height: 30, channels: 3, data: samples.clone() }.to_png().unwrap());
        for (colour, bits) in [(Colour::Gray, 1), (Colour::Gray, 4), (Colour::Gray, 16), (Colour::Rgb, 16)] {
            seeds.push(png::encode(&Pixels { width: 20, height: 10, colour, bits, data: &samples }).unwrap());
        }
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below.max(1) as u64) as usize
        };
        for seed in &seeds {
            for _ in 0..150 {
                let mut bytes = seed.clone();
                match next(3) {
                    0 => bytes.truncate(next(bytes.len())),
                    1 => (0..1 + next(8)).for_each(|_| {
                        let at = next(bytes.len());
                        bytes[at] ^= 1 << next(8);
                    }),
                    _ => {
                        let at = next(bytes.len());
                        let end = (at + next(64)).min(bytes.len());
                        bytes[at..end].fill(next(256) as u8);
                    }
                }
                if let Err(e) = decode(&bytes, &mut budget()) {
                    assert!(!e.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn hostile_images_are_typed_errors() {
        use crate::error::ErrorCode;
        let png = gray(2, 2, vec![1, 2, 3, 4]).to_png().unwrap();
        assert_eq!(decode(&png[..png.len() - 20], &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        let mut huge = png.clone();
        huge[16..24].copy_from_slice(&[0, 1, 0, 0, 0, 1, 0, 0]);
        assert_eq!(decode(&huge, &mut budget()).unwrap_err().code, ErrorCode::LimitExceeded);
        let mut odd = png.clone();
        odd[24] = 3; // 3 bits per sample
        assert_eq!(decode(&odd, &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(decode(b"\xFF\xD8\xFF\xE0 noise", &mut budget()).unwrap_err().code, ErrorCode::Malformed);
        assert_eq!(decode(b"GIF89a", &mut budget()).unwrap_err().code, ErrorCode::UnsupportedRedaction);
    }
}

