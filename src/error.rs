//! Typed errors with stable codes.
//!
//! Every failure the library can report is an [`Error`] carrying an [`ErrorCode`]
//! whose string form is part of the public contract (CLI JSON lines, the JS API,
//! the worker's HTTP bodies). Messages tell the user what to do and never quote
//! document content: a CV's text, names or file names must not reach logs.

use std::fmt;

/// The stable, machine-readable reason for a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The bytes are not a format we read (or a format we deliberately refuse, like legacy .doc).
    UnsupportedFormat,
    /// The document claims a format but its structure is broken.
    Malformed,
    /// The document is protected by a password we do not have.
    Encrypted,
    /// The document has pages but no extractable text (a scan or image-only PDF).
    NoTextLayer,
    /// The input is larger than the configured maximum size.
    TooLarge,
    /// A configured processing limit (pages, decompressed bytes, nesting, work, time) was hit.
    LimitExceeded,
    /// A key was missing, malformed, or does not open the values it was given (re-identification).
    InvalidKey,
    /// A tagger model (embedded or supplied) is corrupt or does not fit this build's featurizer.
    InvalidModel,
    /// A document could not be rewritten safely in its own format (a removed value the renderer
    /// cannot place, or one still readable in the output); nothing is returned rather than a file
    /// that still holds the data.
    UnsupportedRedaction,
}

impl ErrorCode {
    /// The stable string form, e.g. `no_text_layer`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UnsupportedFormat => "unsupported_format",
            ErrorCode::Malformed => "malformed",
            ErrorCode::Encrypted => "encrypted",
            ErrorCode::NoTextLayer => "no_text_layer",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::InvalidKey => "invalid_key",
            ErrorCode::InvalidModel => "invalid_model",
            ErrorCode::UnsupportedRedaction => "unsupported_redaction",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure with a stable code and a message a user can act on.
///
/// The message must never contain document content. Constructors take a
/// `&'static str` or an owned string built from numbers and format names only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into() }
    }
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedFormat, message)
    }
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Malformed, message)
    }
    pub fn encrypted(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Encrypted, message)
    }
    pub fn no_text_layer(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NoTextLayer, message)
    }
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::TooLarge, message)
    }
    pub fn limit(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::LimitExceeded, message)
    }
    pub fn invalid_key(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidKey, message)
    }
    pub fn invalid_model(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidModel, message)
    }
    pub fn unsupported_redaction(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedRedaction, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
