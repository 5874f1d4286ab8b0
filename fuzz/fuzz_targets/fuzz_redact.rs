//! A document through the redactor: the first byte picks the level and the format the rest
//! becomes (DOCX/ODT parts, RTF, HTML, text, Markdown). A redacted document must have bytes; a
//! refusal must explain itself. The body lives in `cvshield_fuzz::targets` so `cargo test`
//! replays saved crashes through it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cvshield_fuzz::targets::redact_document(data));
