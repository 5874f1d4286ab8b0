//! The PDF reader: the header is forced so every input reaches it.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::pdf(data));
