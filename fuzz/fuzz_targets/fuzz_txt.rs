//! The plain-text and Markdown reader. Inputs that detection sends elsewhere
//! (a PDF header, markup, binary) are skipped; the first byte picks the hint.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::txt(data));
