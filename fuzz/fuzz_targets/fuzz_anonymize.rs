//! Text through the anonymiser at one of its three levels (the first byte
//! picks it): detection, the candidate's name variants, merging and the
//! replacement operators. Whatever it removes, its spans must fit the text.
#![no_main]
use cvshield::anonymize::{anonymize, AnonymizeInput, AnonymizeOptions, Level};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(body) else { return };
    let level = match selector % 3 {
        0 => Level::Basic,
        1 => Level::Moderate,
        _ => Level::Thorough,
    };
    let options = AnonymizeOptions { level, ..AnonymizeOptions::default() };
    match anonymize(AnonymizeInput::Text(text), &options) {
        Ok(out) => {
            let out_len = out.text.as_ref().map_or(usize::MAX, String::len);
            for r in &out.redactions {
                assert!(r.start <= r.end, "a redaction's span is ordered");
                assert!(r.output_start <= r.output_end && r.output_end <= out_len, "output spans fit the output");
            }
        }
        Err(err) => assert!(!err.message.is_empty(), "every error explains itself"),
    }
});
