//! Every input a fuzzer once crashed, hung or ran out of memory on, replayed in
//! `cargo test` through the very function its fuzz target runs (the targets'
//! bodies live in `fuzz/src/targets.rs`, included here), so a fixed bug stays fixed.
//!
//! Inputs live in `tests/fixtures/fuzz-regressions/<target>/<name>` (the
//! minimised artifact, `cargo fuzz tmin`); `<target>` is the fuzz target's name.
//! Each must finish without a panic and well inside the time a hang took.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_steering;

use fuzz_steering::targets::ALL;

/// A debug build is far slower than the fuzzers' optimised one; a real hang still
/// takes longer than this (libFuzzer's limit there is 3 s of optimised code).
const MAX_PER_INPUT: Duration = Duration::from_secs(20);

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut failures = Vec::new();
    let mut replayed = 0;
    let Ok(dirs) = std::fs::read_dir(&root) else { panic!("{} is missing", root.display()) };
    for dir in dirs.flatten().filter(|d| d.path().is_dir()) {
        let target = dir.file_name().to_string_lossy().to_string();
        let Some((_, run)) = ALL.iter().find(|(name, _)| *name == target) else {
            panic!("tests/fixtures/fuzz-regressions/{target}: no fuzz target of that name");
        };
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).into_iter().flatten().flatten().map(|f| f.path()).collect();
        files.sort();
        for file in files {
            let name = format!("{target}/{}", file.file_name().unwrap_or_default().to_string_lossy());
            let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
            let started = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| run(&bytes)));
            let took = started.elapsed();
            replayed += 1;
            match outcome {
                Err(_) => failures.push(format!("{name}: panicked")),
                Ok(()) if took > MAX_PER_INPUT => failures.push(format!("{name}: took {took:?}")),
                Ok(()) => println!("{name}: ok in {took:?}"),
            }
        }
    }
    println!("{replayed} saved fuzz inputs replayed");
    assert!(failures.is_empty(), "saved fuzz inputs fail again:\n{}", failures.join("\n"));
}
