//! The native integration tests, one module per area, in one test binary.
//!
//! Every file directly under `tests/` is a test binary of its own, and each of
//! those links the whole crate with tract; one binary links it once. The wasm
//! tests (`tests/wasm.rs`) stay apart: they build for another target.
//!
//! Run one area with a filter, e.g. `cargo test --test integration hostile::`.

mod util;

mod anonymize_cli;
mod anonymize_realworld;
mod anonymize_synthetic;
mod cli;
mod eval_cli;
mod detect_realworld;
mod extract_flow;
mod features_cli;
mod fuzz_regressions;
mod hostile;
mod leaks;
mod model_int8;
mod model_registry;
mod ocr;
mod parse_realworld;
mod parse_schema;
mod parse_synthetic;
mod pdf_layout;
mod realworld_2;
mod realworld_extract;
mod robustness;
mod sections_realworld;
