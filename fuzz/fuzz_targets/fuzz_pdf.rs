//! The PDF reader: the header is forced so every input reaches it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = cvshield_fuzz::with_prefix(data, b"%PDF-", b"%PDF-1.7\n");
    cvshield_fuzz::check(&bytes, Some("input.pdf"));
});
