//! Text through the whole parser: extraction of the text reader, sections,
//! rule detectors, dates and the profile builder. The first byte picks the
//! hint (odd → Markdown) and whether the parser model runs (bit 1), so the
//! fuzzer spends most of its time in the rules, which are the input-driven part.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::parse_text(data));
