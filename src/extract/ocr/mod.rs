//! Scanned CVs: page images out of a document, and a [`crate::Document`] out of OCR words.
//!
//! OCR itself runs outside this module's pure code: natively through Debian's tesseract
//! ([`tesseract`]; [`native`] decides what a call OCRs; neither is in the wasm build), in the
//! page through tesseract.js. With several languages the document's own is found first
//! ([`language`]): tesseract lets the first of its languages win accents. Both hand back an
//! [`OcrResult`] (words with pixel boxes and confidences), and everything after it is shared:
//!
//! 1. [`page_images`]: what to OCR — the image input itself, the pictures drawn on the text-less
//!    pages of a PDF, the pictures of a DOCX/ODT body without text ([`images`], [`pdf_images`],
//!    [`office_images`]; raw pixels are written as PNG by [`png`], after [`bilevel`] decodes
//!    CCITT fax scans);
//! 2. [`document_from_ocr`]: words → lines ([`lines`]: noise dropped, skew undone, words grouped
//!    on baselines, sized by their letters' shapes: [`lines::size`]) → repairs of marks and contact tokens ([`repair`]) → columns and reading order by the PDF layout stage, which takes the words as
//!    placed glyphs, so scans and text PDFs share one layout implementation ([`document`]).
//!
//! The pipeline takes an [`OcrResult`] as an option (`ocr`) of extract, parse, anonymize and
//! redact; [`crate::extract::read_within`] makes the document from it.
//!
//! Natively, large dark areas of a page (white text on a navy sidebar) are inverted before the
//! engine reads it ([`polarity`]), and each word also carries its stroke width from the page's
//! pixels ([`stroke`]), from which [`weight`] reads bold for layout; the page (tesseract.js)
//! path does neither.

pub mod bilevel;
#[cfg(not(target_arch = "wasm32"))]
pub mod cache;
pub mod document;
pub mod images;
pub mod language;
pub mod lines;
pub mod office_images;
pub mod page_image;
pub mod pdf_images;
pub mod png;
#[cfg(not(target_arch = "wasm32"))]
pub mod polarity;
pub mod raster;
pub mod repair;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(not(target_arch = "wasm32"))]
pub mod stroke;
#[cfg(not(target_arch = "wasm32"))]
pub mod tesseract;
mod types;
pub mod weight;

pub use document::document_from_ocr;
pub use images::page_images;
pub use page_image::PageImage;
pub use types::{OcrPage, OcrResult, OcrWord};
