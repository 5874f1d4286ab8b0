//! Evaluation helpers shared by tests, benchmarks and the `eval` commands.
//!
//! Kept in the library (not in test files) because the parser and
//! anonymiser evaluations of later stages match labels the same way.

pub mod anonymize_eval;
pub mod corpus;
pub mod matching;
#[cfg(not(target_arch = "wasm32"))]
pub mod ocr;
pub mod parse_eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod real_gate;

/// The head of a Markdown table with a first column headed `first` and one column per name.
fn table_head<'a>(first: &str, names: impl Iterator<Item = &'a str>) -> String {
    let mut out = if first.is_empty() { String::from("| |") } else { format!("| {first} |") };
    let mut n = 0;
    for name in names {
        out.push_str(&format!(" {name} |"));
        n += 1;
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(n));
    out.push('\n');
    out
}
