//! Text through the anonymiser at one of its three levels (the first byte
//! picks it): detection, the candidate's name variants, merging and the
//! replacement operators. Whatever it removes, its spans must fit the text.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::anonymize_text(data));
