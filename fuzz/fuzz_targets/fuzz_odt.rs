//! The ODT reader: the input is the XML (content, styles and meta parts,
//! separated by NUL bytes), wrapped into a valid package.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let package = cvshield_fuzz::odt_from(data);
    cvshield_fuzz::check(&package, Some("input.odt"));
});
