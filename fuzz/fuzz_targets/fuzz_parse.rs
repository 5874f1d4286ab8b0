//! Text through the whole parser: extraction of the text reader, sections,
//! rule detectors, dates and the profile builder. The first byte picks the
//! hint (odd → Markdown) and whether the parser model runs (bit 1), so the
//! fuzzer spends most of its time in the rules, which are the input-driven part.
#![no_main]
use cvshield::profile::{parse, ParseOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let hint = if selector & 1 == 1 { "cv.md" } else { "cv.txt" };
    let options = ParseOptions { hint: Some(hint.into()), use_model: selector & 2 == 2, ..ParseOptions::default() };
    if let Err(err) = parse(body, &options) {
        assert!(!err.message.is_empty(), "every error explains itself");
    }
});
