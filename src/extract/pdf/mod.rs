//! PDF text extraction (stub; see issue 2).
pub mod glyph;
pub mod layout;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::limits::Budget;

pub fn extract(_bytes: &[u8], _budget: &mut Budget) -> Result<Document> {
    Err(Error::unsupported("PDF extraction is not built yet"))
}
