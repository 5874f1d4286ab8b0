//! Helpers several test modules share: where the repository is, the CLI binary, scratch folders.

use std::path::PathBuf;
use std::process::Command;

/// The repository root: fixtures, models and the registry are read from here.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `cvshield` binary cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cvshield"))
}

/// A fresh, empty scratch folder. Every test here runs in one process, so the process id alone does
/// not keep folders apart: `area` (one per module) and `name` (one per test) do.
pub fn temp_dir(area: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cvshield-{area}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
