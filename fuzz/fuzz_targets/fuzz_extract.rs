//! Any bytes through format detection and whichever extractor it picks.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cvshield_fuzz::check(data, None);
});
