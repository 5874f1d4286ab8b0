//! Image formats told by their headers: which format (magic bytes), and the size and
//! resolution a header declares, read without decoding a pixel. Format detection uses it to
//! route an image input to OCR, and OCR to check an image against the pixel limit first.

use crate::error::{Error, Result};

/// What every PNG file starts with.
pub const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

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
    if bytes.starts_with(PNG_SIGNATURE) {
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
        ImageKind::Png => png_header(bytes),
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

/// Size (IHDR) and resolution (pHYs) of a PNG, walking its chunks to IEND; `None` when the
/// chunks run past the end, the first is not IHDR or there is no IEND (a cut-short file).
pub fn png_header(b: &[u8]) -> Option<(u32, u32, Option<f32>)> {
    let mut at = PNG_SIGNATURE.len();
    let (mut size, mut dpi) = (None, None);
    loop {
        let length = usize::try_from(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let kind = b.get(at + 4..at + 8)?;
        let data = b.get(at + 8..at.checked_add(8)?.checked_add(length)?)?;
        match kind {
            b"IHDR" => {
                let w = u32::from_be_bytes(data.get(0..4)?.try_into().ok()?);
                let h = u32::from_be_bytes(data.get(4..8)?.try_into().ok()?);
                size = Some((w, h));
            }
            _ if size.is_none() => return None,
            b"pHYs" if data.get(8) == Some(&1) => {
                let per_metre = u32::from_be_bytes(data.get(0..4)?.try_into().ok()?);
                dpi = Some(per_metre as f32 * 0.0254);
            }
            b"IEND" => return size.map(|(w, h)| (w, h, dpi)),
            _ => {}
        }
        at = at.checked_add(12)?.checked_add(length)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
