//! Page images for OCR: a PNG, JPEG, TIFF or PDF (by the first byte) through `page_images`.
//! The body lives in `cvshield_fuzz::targets` so `cargo test` replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::page_images(data));
