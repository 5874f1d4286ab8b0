//! The DOCX reader: the input is the XML (document, styles, numbering and
//! relationships parts, separated by NUL bytes), wrapped into a valid package.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::docx(data));
