//! Evaluation helpers shared by tests, benchmarks and the `eval` commands.
//!
//! Kept in the library (not in test files) because the parser and
//! anonymiser evaluations of later stages match labels the same way.

pub mod anonymize_eval;
pub mod corpus;
pub mod matching;
pub mod parse_eval;
