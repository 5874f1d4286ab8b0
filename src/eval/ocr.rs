//! How an evaluation reads scans: natively, through tesseract, as the CLI's `--ocr` says.
//!
//! The default reads no scan, so an evaluation scores the text layer alone unless asked.

use crate::error::Result;
use crate::limits::Limits;
use crate::ocr::native::{ocr_for, OcrMode};
use crate::ocr::OcrResult;

/// When documents are OCR'd and with which languages.
#[derive(Debug, Clone)]
pub struct EvalOcr {
    pub mode: OcrMode,
    pub languages: Vec<String>,
}

impl Default for EvalOcr {
    fn default() -> Self {
        EvalOcr { mode: OcrMode::Never, languages: Vec::new() }
    }
}

impl EvalOcr {
    /// What OCR reads of one document, when it needs it.
    pub fn result(&self, bytes: &[u8], hint: Option<&str>, limits: &Limits) -> Result<Option<OcrResult>> {
        if self.mode == OcrMode::Never {
            return Ok(None);
        }
        ocr_for(bytes, hint, self.mode, &self.languages, limits)
    }
}
