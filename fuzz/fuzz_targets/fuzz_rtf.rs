//! The RTF reader: the `{\rtf` header is forced so every input reaches it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = cvshield_fuzz::with_prefix(data, b"{\\rtf", b"{\\rtf1 ");
    cvshield_fuzz::check(&bytes, Some("input.rtf"));
});
