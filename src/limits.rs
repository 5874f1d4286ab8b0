//! Explicit, configurable processing limits and the work budget.
//!
//! Hostile documents are cheap to make and expensive to read: a 40 KB zip can
//! inflate to gigabytes, a PDF can nest arrays ten thousand deep or loop its
//! page tree. Every extractor takes a [`Limits`] and charges its work to a
//! [`Budget`], so each input either finishes or fails with
//! `limit_exceeded` after bounded work, natively and in wasm alike. Each public
//! call (`extract`, `parse`, `anonymize`, `tag`) makes one budget that all its
//! stages charge, so the limits bound the call as a whole.

use crate::error::{Error, Result};

/// Limits applied while reading one document. All are configurable; the
/// defaults suit CVs (a few pages, a few hundred KB) with generous headroom.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    /// Largest accepted input, in bytes (`too_large` above it).
    pub max_input_bytes: usize,
    /// Most pages read from a paginated document.
    pub max_pages: usize,
    /// Most bytes produced by decompression (zip members, PDF streams), in total.
    pub max_decompressed_bytes: u64,
    /// Largest accepted ratio of decompressed to compressed size for one zip member or PDF stream
    /// (a PDF stream may always inflate to 4 MiB).
    pub max_compression_ratio: u64,
    /// Deepest accepted XML element nesting (DOCX, ODT, HTML).
    pub max_xml_depth: usize,
    /// Deepest accepted nesting of PDF objects, Form XObjects and RTF groups.
    pub max_nesting: usize,
    /// Abstract work units (roughly: content operators, XML events, bytes scanned / 64).
    pub max_work: u64,
    /// Wall-clock limit in milliseconds; `None` disables it. Work units are the
    /// deterministic guard, this one catches slow paths they do not model.
    pub max_millis: Option<u64>,
    /// Most characters of text kept in the resulting document.
    pub max_output_chars: usize,
    /// Most pixels of one page image given to OCR (a page at 600 dpi has 35 million).
    pub max_image_pixels: u64,
    /// Most page images OCR reads in one call.
    pub max_page_images: usize,
    /// Wall-clock limit of native OCR for one document in milliseconds (the engine is stopped
    /// past it); OCR runs before the call the other limits bound.
    pub max_ocr_millis: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 20 * 1024 * 1024,
            max_pages: 100,
            max_decompressed_bytes: 256 * 1024 * 1024,
            max_compression_ratio: 200,
            max_xml_depth: 256,
            max_nesting: 64,
            max_work: 50_000_000,
            max_millis: Some(10_000),
            max_output_chars: 5_000_000,
            max_image_pixels: 40_000_000,
            max_page_images: 20,
            max_ocr_millis: 300_000,
        }
    }
}

/// Tracks the work and decompressed bytes spent on one document.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    work: u64,
    decompressed: u64,
    started_ms: f64,
    checks: u32,
}

impl Budget {
    pub fn new(limits: &Limits) -> Self {
        Budget { limits: limits.clone(), work: 0, decompressed: 0, started_ms: now_ms(), checks: 0 }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Charge `units` of work; fails once the work or time limit is passed.
    #[inline]
    pub fn spend(&mut self, units: u64) -> Result<()> {
        self.work = self.work.saturating_add(units);
        if self.work > self.limits.max_work {
            return Err(Error::limit(format!(
                "the document needs more than the work limit of {} units; it may be hostile or far larger than a CV (raise limits.maxWork to read it)",
                self.limits.max_work
            )));
        }
        self.checks = self.checks.wrapping_add(1);
        if self.checks % 1024 == 0 {
            self.check_time()?;
        }
        Ok(())
    }

    /// Fail if the wall-clock limit has passed.
    pub fn check_time(&self) -> Result<()> {
        if let Some(max) = self.limits.max_millis {
            if now_ms() - self.started_ms > max as f64 {
                return Err(Error::limit(format!(
                    "reading the document took longer than the time limit of {max} ms (raise limits.maxMillis to allow more)"
                )));
            }
        }
        Ok(())
    }

    /// Charge decompressed output; fails past `max_decompressed_bytes`.
    pub fn decompressed(&mut self, bytes: u64) -> Result<()> {
        self.decompressed = self.decompressed.saturating_add(bytes);
        if self.decompressed > self.limits.max_decompressed_bytes {
            return Err(Error::limit(format!(
                "the document decompresses to more than {} bytes (limits.maxDecompressedBytes)",
                self.limits.max_decompressed_bytes
            )));
        }
        self.spend(bytes / 64)
    }

    /// Fail if `depth` exceeds the nesting limit.
    pub fn nesting(&self, depth: usize) -> Result<()> {
        if depth > self.limits.max_nesting {
            return Err(Error::limit(format!(
                "the document nests deeper than {} levels (limits.maxNesting)",
                self.limits.max_nesting
            )));
        }
        Ok(())
    }

    pub fn work_spent(&self) -> u64 {
        self.work
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

// `std::time::Instant` panics on wasm32-unknown-unknown; the JS clock does not.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_limit_is_enforced() {
        let limits = Limits { max_work: 10, ..Limits::default() };
        let mut b = Budget::new(&limits);
        assert!(b.spend(10).is_ok());
        let err = b.spend(1).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::LimitExceeded);
    }

    #[test]
    fn decompression_limit_is_enforced() {
        let limits = Limits { max_decompressed_bytes: 100, ..Limits::default() };
        let mut b = Budget::new(&limits);
        assert!(b.decompressed(100).is_ok());
        assert!(b.decompressed(1).is_err());
    }

    #[test]
    fn misspelled_limits_are_refused_not_ignored() {
        let ok: Limits = serde_json::from_str(r#"{"maxPages": 3}"#).unwrap();
        assert_eq!(ok.max_pages, 3);
        assert_eq!(ok.max_input_bytes, Limits::default().max_input_bytes);
        assert!(serde_json::from_str::<Limits>(r#"{"maxpages": 3}"#).is_err());
    }

    #[test]
    fn time_limit_is_enforced() {
        let limits = Limits { max_millis: Some(0), ..Limits::default() };
        let b = Budget::new(&limits);
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(b.check_time().is_err());
    }
}
