//! cvshield: read a CV, structure it and anonymise it, entirely on the user's side.
//!
//! Data flows one way: bytes → [`document::Document`] (this crate's
//! [`extract`] stage) → sections → entities → profile → [`detect`]ed spans → an
//! [`anonymize`] plan → anonymised output (text, profile, or the document in its own format:
//! [`redact`]); [`pipeline`] runs the whole call.
//! The same code builds natively (library and the `cvshield` CLI) and for
//! `wasm32-unknown-unknown` (browser page, npm package, edge worker).
//!
//! The `eval` feature (on by default) adds `eval` and `model::evaluate`, scoring against
//! labelled data for the CLI and the tests; the wasm module is built without it.

pub mod anonymize;
pub mod dates;
pub mod digest;
pub mod detect;
pub mod document;
pub mod entities;
pub mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod extract;
pub mod fold;
pub mod featurize;
pub mod lexicon;
pub mod ligatures;
pub mod limits;
pub mod model;
pub mod pipeline;
pub mod profile;
pub mod redact;
pub mod sections;
pub mod sort;
pub mod text_view;

/// The JavaScript API; public so the wasm-bindgen tests can call it.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use document::{Document, Format};
pub use error::{Error, ErrorCode, Result};
pub use extract::{extract, ocr, ExtractOptions};
pub use limits::Limits;
pub use text_view::TextView;
