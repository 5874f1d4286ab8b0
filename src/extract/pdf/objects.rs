//! Object access on top of the `pdf` crate: resolving, typed lookups and
//! bounded stream decoding.
//!
//! We use the crate for what it does well (xref tables, object streams,
//! decryption, object syntax) and stay on its untyped `Primitive` layer:
//! its typed structs reject real-world files over a single odd entry,
//! while a CV reader should take whatever text it can. Stream filters are
//! applied here so that FlateDecode output is capped *while* inflating,
//! which a zip bomb inside a content stream needs.

use crate::error::{Error, Result};
use crate::limits::{Budget, Limits};
use pdf::enc::StreamFilter;
use pdf::file::Cache;
use pdf::object::{PlainRef, Resolve};
use pdf::primitive::{Dictionary, PdfStream, Primitive};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;

/// Reference chains longer than this are treated as broken.
const MAX_REFERENCE_HOPS: usize = 8;

/// A single-threaded memo for the `pdf` crate's object and stream caches.
/// Without one, every object inside an object stream re-inflates the whole
/// object stream (quadratic work).
pub struct MemoCache<T>(RefCell<HashMap<PlainRef, T>>);

impl<T> Default for MemoCache<T> {
    fn default() -> Self {
        MemoCache(RefCell::new(HashMap::new()))
    }
}

impl<T: Clone> Cache<T> for MemoCache<T> {
    fn get_or_compute(&self, key: PlainRef, compute: impl FnOnce() -> T) -> T {
        if let Some(value) = self.0.borrow().get(&key) {
            return value.clone();
        }
        // Not borrowed while computing: compute may resolve other objects.
        let value = compute();
        self.0.borrow_mut().insert(key, value.clone());
        value
    }
    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
    fn remove(&self, key: PlainRef) {
        self.0.borrow_mut().remove(&key);
    }
}

/// A message for any failure inside the `pdf` crate (never its details,
/// which may quote document bytes).
pub fn malformed() -> Error {
    Error::malformed("the PDF's internal structure is broken and could not be read")
}

/// Follow references until a direct object (bounded).
pub fn resolve(r: &impl Resolve, p: &Primitive, budget: &mut Budget) -> Result<Primitive> {
    let mut current = p.clone();
    for _ in 0..MAX_REFERENCE_HOPS {
        match current {
            Primitive::Reference(reference) => {
                budget.spend(8)?;
                current = r.resolve(reference).map_err(|_| malformed())?;
            }
            other => return Ok(other),
        }
    }
    Err(malformed())
}

/// Like [`resolve`] but treats unreadable objects as absent.
pub fn resolve_opt(r: &impl Resolve, p: Option<&Primitive>, budget: &mut Budget) -> Result<Option<Primitive>> {
    let Some(p) = p else { return Ok(None) };
    match resolve(r, p, budget) {
        Ok(Primitive::Null) => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code == crate::error::ErrorCode::LimitExceeded => Err(e),
        Err(_) => Ok(None),
    }
}

/// The dictionary of a dictionary or stream primitive.
pub fn as_dict(p: Primitive) -> Option<Dictionary> {
    match p {
        Primitive::Dictionary(d) => Some(d),
        Primitive::Stream(s) => Some(s.info),
        _ => None,
    }
}

/// Resolve `dict[key]` to a dictionary (or a stream's dictionary).
pub fn dict_entry(r: &impl Resolve, dict: &Dictionary, key: &str, budget: &mut Budget) -> Result<Option<Dictionary>> {
    Ok(resolve_opt(r, dict.get(key), budget)?.and_then(as_dict))
}

pub fn number(p: &Primitive) -> Option<f32> {
    match p {
        Primitive::Integer(i) => Some(*i as f32),
        Primitive::Number(n) if n.is_finite() => Some(*n),
        _ => None,
    }
}

pub fn name(p: &Primitive) -> Option<&str> {
    match p {
        Primitive::Name(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Numbers of an array (resolving the array itself, not its items).
pub fn numbers(r: &impl Resolve, p: Option<&Primitive>, budget: &mut Budget) -> Result<Vec<f32>> {
    match resolve_opt(r, p, budget)? {
        Some(Primitive::Array(items)) => {
            budget.spend(items.len() as u64)?;
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                let value = match item {
                    Primitive::Reference(_) => resolve(r, item, budget).ok().as_ref().and_then(number),
                    other => number(other),
                };
                out.push(value.unwrap_or(0.0));
            }
            Ok(out)
        }
        _ => Ok(Vec::new()),
    }
}

/// A PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units = rest.chunks(2).map(|c| (u16::from(c[0]) << 8) | u16::from(c.get(1).copied().unwrap_or(0)));
        return char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    // PDFDocEncoding agrees with Latin-1 for the characters metadata uses.
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The decoded bytes of a stream, charging decompressed bytes to the budget.
pub fn stream_data(r: &impl Resolve, stream: &PdfStream, budget: &mut Budget) -> Result<Vec<u8>> {
    match image_data(r, stream, budget)? {
        (data, None) => Ok(data),
        // Image codecs never carry text.
        (_, Some(_)) => Err(Error::malformed("a PDF stream uses a filter that cannot carry text")),
    }
}

/// Image codecs: a stream's filters stop being undone at the first of these, which an image
/// reader decodes (or, for DCT, passes on as the JPEG it is).
const IMAGE_CODECS: &[(&str, &str)] = &[
    ("DCTDecode", "DCTDecode"),
    ("DCT", "DCTDecode"),
    ("JPXDecode", "JPXDecode"),
    ("CCITTFaxDecode", "CCITTFaxDecode"),
    ("CCF", "CCITTFaxDecode"),
    ("JBIG2Decode", "JBIG2Decode"),
];

/// A stream's bytes with its filters undone up to the first image codec, and that codec's full
/// name (with its parameters) when there is one; decompressed bytes are charged to the budget.
pub fn image_data(r: &impl Resolve, stream: &PdfStream, budget: &mut Budget) -> Result<(Vec<u8>, Option<(&'static str, Dictionary)>)> {
    let raw = stream.raw_data(r).map_err(|_| malformed())?;
    budget.spend(raw.len() as u64 / 64)?;
    let filters = filter_names(r, &stream.info, budget)?;
    let params = decode_params(r, &stream.info, budget)?;
    let cap = stream_cap(budget.limits(), raw.len());
    let mut data: Vec<u8> = raw.to_vec();
    for (index, filter) in filters.iter().enumerate() {
        let param = params.get(index).cloned().flatten().unwrap_or_default();
        if let Some((_, codec)) = IMAGE_CODECS.iter().find(|(n, _)| n == filter) {
            return Ok((data, Some((codec, param))));
        }
        data = apply_filter(r, filter, param, &data, cap, budget)?;
        budget.decompressed(data.len() as u64)?;
    }
    Ok((data, None))
}

fn filter_names(r: &impl Resolve, info: &Dictionary, budget: &mut Budget) -> Result<Vec<String>> {
    Ok(match resolve_opt(r, info.get("Filter"), budget)? {
        Some(Primitive::Name(n)) => vec![n.to_string()],
        Some(Primitive::Array(items)) => items.iter().filter_map(name).map(str::to_string).take(8).collect(),
        _ => Vec::new(),
    })
}

fn decode_params(r: &impl Resolve, info: &Dictionary, budget: &mut Budget) -> Result<Vec<Option<Dictionary>>> {
    Ok(match resolve_opt(r, info.get("DecodeParms"), budget)? {
        Some(Primitive::Dictionary(d)) => vec![Some(d)],
        Some(Primitive::Array(items)) => items
            .into_iter()
            .take(8)
            .map(|p| match p {
                Primitive::Dictionary(d) => Some(d),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}

/// Streams smaller than this may still inflate to it, whatever their ratio: short, highly
/// repetitive content streams are legitimate.
const MIN_STREAM_CAP: u64 = 4 * 1024 * 1024;

/// The most one stream may inflate to, through all its filters: the total limit, and, as for zip
/// members, at most `max_compression_ratio` times its stored size (with a floor), so a stream of
/// a kilobyte deflated twice is refused after megabytes, not after hundreds of them (a Worker
/// isolate has 128 MB).
fn stream_cap(limits: &Limits, stored: usize) -> u64 {
    (stored as u64).saturating_mul(limits.max_compression_ratio).max(MIN_STREAM_CAP).min(limits.max_decompressed_bytes)
}

fn apply_filter(
    r: &impl Resolve,
    filter: &str,
    params: Dictionary,
    data: &[u8],
    cap: u64,
    budget: &mut Budget,
) -> Result<Vec<u8>> {
    match filter {
        "FlateDecode" | "Fl" => {
            let inflated = bounded_inflate(data, cap)?;
            let predictor = params.get("Predictor").and_then(number).unwrap_or(1.0);
            if predictor > 1.0 {
                // Size is now known to be bounded; let the crate undo the predictor.
                let filter = StreamFilter::from_kind_and_params("FlateDecode", params, r).map_err(|_| malformed())?;
                return pdf::enc::decode(data, &filter).map_err(|_| malformed());
            }
            Ok(inflated)
        }
        "ASCIIHexDecode" | "AHx" => pdf::enc::decode_hex(data).map_err(|_| malformed()),
        "ASCII85Decode" | "A85" => pdf::enc::decode_85(data).map_err(|_| malformed()),
        "RunLengthDecode" | "RL" => {
            // Run-length output is at most 128× its input.
            if (data.len() as u64).saturating_mul(128) > cap {
                budget.decompressed((data.len() as u64).saturating_mul(128))?;
            }
            pdf::enc::run_length_decode(data).map_err(|_| malformed())
        }
        "LZWDecode" | "LZW" => {
            let filter = StreamFilter::from_kind_and_params("LZWDecode", params, r).map_err(|_| malformed())?;
            pdf::enc::decode(data, &filter).map_err(|_| malformed())
        }
        "Crypt" => Ok(data.to_vec()),
        _ => Err(Error::malformed("a PDF stream uses a filter this reader does not know")),
    }
}

/// Inflate zlib (or raw deflate) data, failing past `cap` bytes. Truncated
/// streams keep what inflated before the damage, as viewers do.
pub fn bounded_inflate(data: &[u8], cap: u64) -> Result<Vec<u8>> {
    let zlib = inflate_with(flate2::read::ZlibDecoder::new(data), cap)?;
    if !zlib.is_empty() {
        return Ok(zlib);
    }
    inflate_with(flate2::read::DeflateDecoder::new(data), cap)
}

fn inflate_with(reader: impl Read, cap: u64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let _ = reader.take(cap.saturating_add(1)).read_to_end(&mut out);
    if out.len() as u64 > cap {
        return Err(Error::limit(format!(
            "a PDF stream decompresses to more than {cap} bytes (limits.maxDecompressedBytes, or limits.maxCompressionRatio times its size)"
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn a_stream_may_inflate_to_its_ratio_with_a_floor() {
        let limits = Limits::default();
        assert_eq!(stream_cap(&limits, 1_000), MIN_STREAM_CAP);
        assert_eq!(stream_cap(&limits, 100_000), 100_000 * limits.max_compression_ratio);
        assert_eq!(stream_cap(&limits, usize::MAX), limits.max_decompressed_bytes);
    }

    #[test]
    fn inflate_is_capped_and_tolerates_truncation() {
        use flate2::write::ZlibEncoder;
        use std::io::Write;
        let mut enc = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&vec![b'a'; 100_000]).unwrap();
        let packed = enc.finish().unwrap();
        assert_eq!(bounded_inflate(&packed, 200_000).unwrap().len(), 100_000);
        assert_eq!(bounded_inflate(&packed, 1000).unwrap_err().code, crate::error::ErrorCode::LimitExceeded);
        let partial = bounded_inflate(&packed[..packed.len() / 2], 200_000).unwrap();
        assert!(!partial.is_empty() && partial.len() < 100_000);
        let _ = Limits::default();
    }

    #[test]
    fn decodes_text_strings() {
        assert_eq!(text_string(b"\xfe\xff\x00A\x00\xe9"), "Aé");
        assert_eq!(text_string(b"Word \xe9"), "Word é");
    }
}
