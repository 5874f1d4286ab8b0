//! The DOCX reader: the input is the XML (document, styles, numbering and
//! relationships parts, separated by NUL bytes), wrapped into a valid package.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let package = cvshield_fuzz::docx_from(data);
    cvshield_fuzz::check(&package, Some("input.docx"));
});
