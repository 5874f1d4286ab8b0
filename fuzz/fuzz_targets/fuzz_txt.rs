//! The plain-text and Markdown reader. Inputs that detection sends elsewhere
//! (a PDF header, markup, binary) are skipped; the first byte picks the hint.
#![no_main]
use cvshield::extract::detect_format;
use cvshield::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let hint = if selector & 1 == 1 { "input.md" } else { "input.txt" };
    if matches!(detect_format(body, Some(hint)), Ok(Format::Txt | Format::Markdown)) {
        cvshield_fuzz::check(body, Some(hint));
    }
});
