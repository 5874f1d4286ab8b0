//! Reading members of a zip package (DOCX, ODT) without trusting the zip.
//!
//! A hostile package can declare small sizes and inflate to gigabytes, hold a
//! million members, or encrypt its parts. We open the central directory once,
//! refuse packages with too many members, and read each member through a
//! counting loop that stops as soon as the output passes its limit — the
//! declared size, the compression ratio or the document's decompression budget,
//! whichever comes first — so headers only ever make limits tighter.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::text_encoding::decode_utf16;
use crate::error::{Error, Result};
use crate::limits::Budget;

/// More members than any real DOCX/ODT holds (they have tens, rarely hundreds).
const MAX_MEMBERS: usize = 10_000;
/// Output allowed beyond `compressed × ratio`, so tiny, highly compressible parts pass.
const RATIO_SLACK_BYTES: u64 = 64 * 1024;
/// Declared sizes may be off by a little in sloppy writers; more than this is a lie.
const DECLARED_SIZE_SLACK_BYTES: u64 = 4096;
const CHUNK: usize = 64 * 1024;

/// An opened zip package.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Archive<'a> {
    /// Open the package's central directory.
    pub fn open(bytes: &'a [u8], budget: &mut Budget) -> Result<Self> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(map_zip_error)?;
        if zip.len() > MAX_MEMBERS {
            return Err(Error::limit(format!(
                "the package holds {} members, more than the {MAX_MEMBERS} accepted",
                zip.len()
            )));
        }
        budget.spend(zip.len() as u64)?;
        Ok(Archive { zip })
    }

    /// The members' names, in the package's order.
    pub fn names(&self) -> Vec<String> {
        (0..self.zip.len()).filter_map(|i| self.zip.name_for_index(i)?.ok().map(|n| n.into_owned())).collect()
    }

    /// Read a member fully, within the limits; `Ok(None)` when it is absent.
    pub fn read(&mut self, name: &str, budget: &mut Budget) -> Result<Option<Vec<u8>>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        // Check encryption on the raw entry first: the decompressing reader refuses with a
        // generic error we would otherwise have to recognise by its message.
        if self.zip.by_index_raw(index).map_err(map_zip_error)?.encrypted() {
            return Err(encrypted());
        }
        let mut member = self.zip.by_index(index).map_err(map_zip_error)?;
        let limits = budget.limits().clone();
        let declared_limit = member.size().saturating_add(DECLARED_SIZE_SLACK_BYTES);
        let ratio_limit = member
            .compressed_size()
            .saturating_mul(limits.max_compression_ratio)
            .saturating_add(RATIO_SLACK_BYTES);
        let limit = declared_limit.min(ratio_limit).min(limits.max_decompressed_bytes);

        let mut out = Vec::new();
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let n = member
                .read(&mut chunk)
                .map_err(|_| Error::malformed("a package member is corrupt and cannot be decompressed"))?;
            if n == 0 {
                break;
            }
            budget.decompressed(n as u64)?;
            let total = (out.len() as u64).saturating_add(n as u64);
            if total > limit {
                return Err(if total > ratio_limit {
                    Error::limit(format!(
                        "a package member inflates more than {} times its compressed size (limits.maxCompressionRatio)",
                        limits.max_compression_ratio
                    ))
                } else if total > declared_limit {
                    Error::malformed("a package member is larger than its declared size")
                } else {
                    Error::limit("a package member is larger than the decompression limit (limits.maxDecompressedBytes)")
                });
            }
            out.extend_from_slice(chunk.get(..n).unwrap_or_default());
        }
        Ok(Some(out))
    }

    /// Read a member as text (UTF-8, or UTF-16 with a BOM); `Ok(None)` when absent.
    pub fn read_text(&mut self, name: &str, budget: &mut Budget) -> Result<Option<String>> {
        Ok(self.read(name, budget)?.map(|bytes| decode_xml_bytes(&bytes)))
    }
}

/// XML parts are UTF-8 in practice; honour a UTF-16 BOM, replace invalid bytes.
pub fn decode_xml_bytes(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn encrypted() -> Error {
    Error::encrypted("the document is password-protected; remove the password and save it again")
}

fn map_zip_error(e: ZipError) -> Error {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => encrypted(),
        ZipError::InvalidPassword => encrypted(),
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => Error::unsupported(
            "the package uses a zip feature we do not read (only stored and deflate members)",
        ),
        _ => Error::malformed("the document's zip package is corrupt"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::limits::Limits;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// Build a deflated zip from (name, content) pairs.
    pub fn make_zip(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in members {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_members_and_reports_absent_ones() {
        let zip = make_zip(&[("a.xml", b"<a/>")]);
        let mut budget = Budget::new(&Limits::default());
        let mut archive = Archive::open(&zip, &mut budget).unwrap();
        assert_eq!(archive.read("a.xml", &mut budget).unwrap().unwrap(), b"<a/>");
        assert!(archive.read("b.xml", &mut budget).unwrap().is_none());
    }

    #[test]
    fn zip_bomb_member_hits_the_ratio_limit() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let zip = make_zip(&[("bomb.xml", &zeros)]);
        let mut budget = Budget::new(&Limits::default());
        let mut archive = Archive::open(&zip, &mut budget).unwrap();
        let err = archive.read("bomb.xml", &mut budget).unwrap_err();
        assert_eq!(err.code, ErrorCode::LimitExceeded);
    }

    #[test]
    fn total_decompression_budget_is_enforced() {
        let text: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        let zip = make_zip(&[("a", &text), ("b", &text)]);
        let limits = Limits { max_decompressed_bytes: 300_000, ..Limits::default() };
        let mut budget = Budget::new(&limits);
        let mut archive = Archive::open(&zip, &mut budget).unwrap();
        assert!(archive.read("a", &mut budget).is_ok());
        assert_eq!(archive.read("b", &mut budget).unwrap_err().code, ErrorCode::LimitExceeded);
    }

    #[test]
    fn truncated_and_garbage_zips_are_malformed() {
        let zip = make_zip(&[("a.xml", b"<a/>")]);
        let mut budget = Budget::new(&Limits::default());
        for bad in [&zip[..zip.len() / 2], b"PK\x03\x04garbage"] {
            let err = Archive::open(bad, &mut budget).err().unwrap();
            assert_eq!(err.code, ErrorCode::Malformed);
        }
    }

    #[test]
    fn encrypted_member_is_reported_as_encrypted() {
        // A stored member whose general-purpose flag has the encryption bit set.
        let mut zip = make_zip(&[("a.xml", b"<a/>")]);
        for sig in [&b"PK\x03\x04"[..], b"PK\x01\x02"] {
            let pos = crate::extract::detect::find(&zip, sig).unwrap();
            let flag_at = pos + if sig == b"PK\x03\x04" { 6 } else { 8 };
            zip[flag_at] |= 1;
        }
        let mut budget = Budget::new(&Limits::default());
        let mut archive = Archive::open(&zip, &mut budget).unwrap();
        assert_eq!(archive.read("a.xml", &mut budget).unwrap_err().code, ErrorCode::Encrypted);
    }
}
