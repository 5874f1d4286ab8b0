//! A guard for streams the `pdf` crate inflates on its own.
//!
//! Content, font and CMap streams are inflated by us with a size cap
//! (`objects::stream_data`), but the crate inflates object streams and
//! xref streams internally, without any limit. A small file can hide a
//! decompression bomb there. Before opening, we find those streams in the
//! raw bytes and inflate them once under the budget, so a bomb fails with
//! `limit_exceeded` instead of exhausting memory.

use super::objects::bounded_inflate;
use crate::error::Result;
use crate::limits::Budget;

/// How far before `stream` we look for its dictionary.
const DICT_WINDOW: usize = 4096;

pub fn check_internal_streams(bytes: &[u8], budget: &mut Budget) -> Result<()> {
    budget.spend(bytes.len() as u64 / 64)?;
    let cap = budget.limits().max_decompressed_bytes;
    let mut from = 0;
    while let Some(found) = find(bytes.get(from..).unwrap_or_default(), b"stream") {
        let at = from + found;
        from = at + 6;
        if at >= 3 && bytes.get(at - 3..at) == Some(b"end") {
            continue;
        }
        let dict = bytes.get(at.saturating_sub(DICT_WINDOW)..at).unwrap_or_default();
        // Only the dictionary of this object: after the last "obj".
        let dict = match rfind(dict, b"obj") {
            Some(i) => dict.get(i..).unwrap_or_default(),
            None => dict,
        };
        let internal = find(dict, b"/ObjStm").is_some() || find(dict, b"/XRef").is_some();
        if !internal || find(dict, b"Fl").is_none() {
            continue;
        }
        let mut start = from;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let data = bytes.get(start..).unwrap_or_default();
        let inflated = bounded_inflate(data, cap)?;
        budget.decompressed(inflated.len() as u64)?;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;

    fn bomb_pdf(zeros: usize) -> Vec<u8> {
        use flate2::write::ZlibEncoder;
        use std::io::Write;
        let mut enc = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; zeros]).unwrap();
        let packed = enc.finish().unwrap();
        let mut pdf = b"%PDF-1.5\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ".to_vec();
        pdf.extend_from_slice(format!("{} >>\nstream\n", packed.len()).as_bytes());
        pdf.extend_from_slice(&packed);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        pdf
    }

    #[test]
    fn object_stream_bombs_hit_the_limit() {
        let limits = Limits { max_decompressed_bytes: 1_000_000, ..Limits::default() };
        let mut budget = Budget::new(&limits);
        let err = check_internal_streams(&bomb_pdf(5_000_000), &mut budget).unwrap_err();
        assert_eq!(err.code, ErrorCode::LimitExceeded);
        let mut budget = Budget::new(&limits);
        assert!(check_internal_streams(&bomb_pdf(10_000), &mut budget).is_ok());
    }
}
