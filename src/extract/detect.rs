//! Format detection from content, not from the file name.

use crate::document::Format;
use crate::error::{Error, Result};

/// Decide the format of `bytes`. `hint` (a file name or MIME type) only
/// separates Markdown from plain text, which the bytes cannot.
pub fn detect_format(bytes: &[u8], hint: Option<&str>) -> Result<Format> {
    if bytes.is_empty() {
        return Err(Error::unsupported("the input is empty"));
    }
    // PDF: the header may follow some junk, which readers tolerate within the first KB.
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if super::image_header::image_kind(bytes).is_some() {
        return Ok(Format::Image);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE2: either a legacy binary Word file or an encrypted OOXML package.
        if find(bytes, &utf16le("EncryptedPackage")).is_some() {
            return Err(Error::encrypted(
                "the document is password-protected; remove the password and save it again",
            ));
        }
        return Err(Error::unsupported(
            "legacy binary Word (.doc) and other OLE files are not supported; save the file as DOCX or PDF",
        ));
    }
    let trimmed = skip_bom_and_space(bytes);
    if trimmed.starts_with(b"{\\rtf") {
        return Ok(Format::Rtf);
    }
    if looks_like_html(trimmed) {
        return Ok(Format::Html);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::unsupported(format!(
            "this looks like {kind}, not a CV document; send a PDF, DOCX, ODT, RTF, HTML or text file"
        )));
    }
    if looks_like_text(bytes) {
        return Ok(if is_markdown_hint(hint) { Format::Markdown } else { Format::Txt });
    }
    Err(Error::unsupported(
        "the format is not recognised; send a PDF, DOCX, ODT, RTF, HTML or text file",
    ))
}

fn zip_format(bytes: &[u8]) -> Result<Format> {
    // The zip's own names decide; scanning the local headers avoids a full parse here.
    if find(bytes, b"word/document.xml").is_some() {
        return Ok(Format::Docx);
    }
    if find(bytes, b"application/vnd.oasis.opendocument.text").is_some()
        || find(bytes, b"content.xml").is_some() && find(bytes, b"mimetype").is_some()
    {
        return Ok(Format::Odt);
    }
    Err(Error::unsupported(
        "the zip archive is not a DOCX or ODT document; send a PDF, DOCX, ODT, RTF, HTML or text file",
    ))
}

fn looks_like_html(b: &[u8]) -> bool {
    let head: Vec<u8> = b.iter().take(512).map(|c| c.to_ascii_lowercase()).collect();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || (head.starts_with(b"<?xml") && find(&head, b"<html").is_some())
        || (head.starts_with(b"<") && (find(&head, b"<body").is_some() || find(&head, b"<head").is_some()))
}

/// Common non-document signatures, named in the error so users know what they sent.
fn binary_signature(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a damaged PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7FELF", "an executable"),
        (b"MZ", "a Windows executable"),
    ];
    SIGS.iter().find(|(sig, _)| b.starts_with(sig)).map(|(_, name)| *name)
}

/// Text if it has a UTF-16 BOM, or if control bytes other than whitespace are rare.
fn looks_like_text(b: &[u8]) -> bool {
    if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    if super::text_encoding::utf16_without_bom(b).is_some() {
        return true;
    }
    let sample = &b[..b.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 100 <= sample.len()
}

fn is_markdown_hint(hint: Option<&str>) -> bool {
    hint.map(|h| {
        let h = h.to_ascii_lowercase();
        h.ends_with(".md") || h.ends_with(".markdown") || h.contains("text/markdown")
    })
    .unwrap_or(false)
}

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn detects_by_content_not_name() {
        assert_eq!(detect_format(b"%PDF-1.7\n", Some("cv.docx")).unwrap(), Format::Pdf);
        assert_eq!(detect_format(b"{\\rtf1\\ansi hi}", Some("cv.pdf")).unwrap(), Format::Rtf);
        assert_eq!(detect_format(b"<!DOCTYPE html><p>x", None).unwrap(), Format::Html);
        assert_eq!(detect_format(b"Jane Doe\nEngineer\n", Some("cv.pdf")).unwrap(), Format::Txt);
        assert_eq!(detect_format(b"# Jane\n", Some("cv.md")).unwrap(), Format::Markdown);
    }

    #[test]
    fn images_are_told_by_their_magic_bytes() {
        for input in [&b"\x89PNG\r\n\x1a\n...."[..], b"\xFF\xD8\xFF\xE0", b"RIFF\0\0\0\0WEBPVP8 ", b"II*\0\x08\0\0\0", b"MM\0*\0\0\0\x08"] {
            assert_eq!(detect_format(input, Some("cv.txt")).unwrap(), Format::Image);
        }
    }

    #[test]
    fn refuses_gifs_empty_and_legacy_doc() {
        for input in [&b""[..], b"GIF89a....", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."] {
            let err = detect_format(input, None).unwrap_err();
            assert_eq!(err.code, ErrorCode::UnsupportedFormat);
        }
    }

    #[test]
    fn binary_garbage_is_unsupported() {
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert_eq!(detect_format(&garbage, None).unwrap_err().code, ErrorCode::UnsupportedFormat);
    }
}
