//! The profile: a CV parsed into JSON Resume (see [`types`] for the shape and its extensions).
//!
//! One file per step, in pipeline order: [`rows`] (label-column tables read row by row), [`lines`] (facts per line), [`entries`] (one entry per
//! job or school), [`cells`] (header lines cut into pieces), [`fields`] + [`roles`] (which piece
//! is which field: word lists score the pieces, the parser model's gated spans vote), [`work`], [`education`] (with [`qualifiers`]), [`contact`],
//! [`name`] (with [`name_fields`]), [`skills`], [`languages`], [`lists`], and [`parse`] tying them together.

pub mod cells;
pub mod contact;
pub mod education;
pub mod entries;
pub mod fields;
pub mod languages;
pub mod lines;
pub mod lists;
mod model;
pub mod name;
pub mod name_fields;
pub mod parse;
pub mod qualifiers;
pub mod roles;
pub mod rows;
pub mod schema;
pub mod sign_off;
pub mod skills;
pub mod table_head;
pub mod types;
pub mod visit;
pub mod work;

pub use parse::{parse, parse_document, parse_found, Found, ParseOptions};
pub use types::*;
