//! What an OCR engine hands back: words with their boxes and confidences, per page image.
//!
//! The same shape comes from native tesseract (its TSV) and from tesseract.js in the page (as
//! JSON, camelCase), so the document built from it does not depend on the engine.

use serde::{Deserialize, Serialize};

use crate::document::BBox;

/// One recognised word; `bbox` in pixels of its page image, origin top-left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrWord {
    pub text: String,
    pub bbox: BBox,
    /// 0–100, as tesseract gives it.
    pub confidence: f32,
    /// The mean width of the word's strokes in pixels, when its pixels were measured (natively,
    /// [`super::stroke`]); the engines report no font style, and [`super::weight`] reads bold
    /// from this against the page's other words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke: Option<f32>,
}

/// The words of one page image, in the engine's reading order (block, paragraph, line, word).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrPage {
    /// 1-based page number in the source document.
    pub number: usize,
    /// Size of the page image in pixels.
    pub width: u32,
    pub height: u32,
    /// Resolution of the page image, which turns pixels into points.
    pub dpi: f32,
    pub words: Vec<OcrWord>,
}

/// Everything OCR read from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrResult {
    pub pages: Vec<OcrPage>,
    /// Tesseract language codes used (`eng`, `deu`…).
    pub languages: Vec<String>,
    /// The engine and its version, e.g. `tesseract 5.3.0` or `tesseract.js 6.0.1`.
    pub engine: String,
}
