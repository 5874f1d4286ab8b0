//! Bytes → [`Document`]: format detection and one extractor per format.
//!
//! The format is decided from the bytes (magic numbers, zip directory,
//! markup sniffing); a file name or MIME type is only a hint used to choose
//! between text flavours that the bytes cannot tell apart (Markdown vs TXT).
//! Every extractor charges its work to one [`Budget`], so limits hold across
//! the whole pipeline.

pub(crate) mod archive;
pub(crate) mod detect;
mod docx;
pub(crate) mod docx_styles;
pub(crate) mod html;
mod odt;
mod odt_styles;
pub mod pdf;
mod rtf;
mod text;
pub(crate) mod text_encoding;
mod text_lines;
mod text_sink;
mod xml;

pub use detect::detect_format;
pub(crate) use xml::resolve_reference as resolve_xml_reference;

use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::limits::{Budget, Limits};

/// Options for [`extract`].
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtractOptions {
    /// A file name or MIME type, used only where the bytes are ambiguous.
    pub hint: Option<String>,
    pub limits: Limits,
}

/// Read a document from its bytes.
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Document> {
    extract_within(bytes, options.hint.as_deref(), &mut Budget::new(&options.limits))
}

/// Read a document from its bytes as the first stage of a longer call (parse, anonymize) that
/// charges all its stages to `budget`, whose limits apply.
pub fn extract_within(bytes: &[u8], hint: Option<&str>, budget: &mut Budget) -> Result<Document> {
    let limits = budget.limits().clone();
    check_input_size(bytes.len(), &limits)?;
    let format = detect_format(bytes, hint)?;
    let doc = match format {
        Format::Pdf => pdf::extract(bytes, budget)?,
        Format::Docx => docx::extract(bytes, budget)?,
        Format::Odt => odt::extract(bytes, budget)?,
        Format::Rtf => rtf::extract(bytes, budget)?,
        Format::Html => html::extract(bytes, budget)?,
        Format::Txt | Format::Markdown => text::extract(bytes, format, budget)?,
    };
    enforce_output_limit(&doc, &limits)?;
    Ok(doc)
}

/// Fail with `too_large` if an input of `len` bytes is over the limit.
/// Public so callers holding bytes elsewhere (JS buffers, streams) can refuse
/// before copying them.
pub fn check_input_size(len: usize, limits: &Limits) -> Result<()> {
    if len > limits.max_input_bytes {
        return Err(Error::too_large(format!(
            "the input is {len} bytes, over the limit of {} bytes (limits.maxInputBytes)",
            limits.max_input_bytes
        )));
    }
    Ok(())
}

fn enforce_output_limit(doc: &Document, limits: &Limits) -> Result<()> {
    let chars: usize = doc.lines().map(|l| l.text.len()).sum();
    if chars > limits.max_output_chars {
        return Err(Error::limit(format!(
            "the document holds more than {} characters of text (limits.maxOutputChars)",
            limits.max_output_chars
        )));
    }
    Ok(())
}
