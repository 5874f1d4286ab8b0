//! stub
use crate::document::Document;
use crate::error::{Error, Result};
use crate::limits::Budget;

pub fn extract(_bytes: &[u8], _budget: &mut Budget) -> Result<Document> {
    Err(Error::unsupported("not built yet"))
}
