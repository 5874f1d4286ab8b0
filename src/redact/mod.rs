//! Redacted documents: the anonymiser's plan rendered in the input's own format.
pub mod pdf;
