//! Turning `FILE...|DIR|-` arguments into a list of inputs and reading them.
//!
//! Folders are walked recursively in sorted order so batch output is stable;
//! hidden entries are skipped and symlinked folders are not followed (no loops).
//! Files are checked against the size limit *before* being read, so a huge
//! file costs nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

use cvshield::extract::check_input_size;
use cvshield::{Error, Limits};

/// One thing to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// How the input is named in JSON lines (the user's own path; never logged elsewhere).
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// A file-name hint for format detection (only separates Markdown from TXT).
    pub fn hint(&self) -> Option<String> {
        match self {
            Input::File(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()),
            Input::Stdin => None,
        }
    }

    /// Read the bytes, refusing more than `limits.max_input_bytes` without reading it all.
    pub fn read(&self, limits: &Limits) -> Result<Vec<u8>, Error> {
        // One byte past the limit is enough for `check_input_size` to refuse.
        let cap = limits.max_input_bytes as u64 + 1;
        let mut bytes = Vec::new();
        match self {
            Input::File(path) => {
                let file = std::fs::File::open(path).map_err(io_error)?;
                let len = file.metadata().map_err(io_error)?.len();
                check_input_size(usize::try_from(len).unwrap_or(usize::MAX), limits)?;
                file.take(cap).read_to_end(&mut bytes).map_err(io_error)?;
            }
            Input::Stdin => {
                std::io::stdin().lock().take(cap).read_to_end(&mut bytes).map_err(io_error)?;
            }
        }
        check_input_size(bytes.len(), limits)?;
        Ok(bytes)
    }
}

/// An unreadable input is reported as `malformed` with the OS reason only.
fn io_error(e: std::io::Error) -> Error {
    Error::malformed(format!("the input could not be read ({})", e.kind()))
}

/// Expand the arguments. Returns the inputs and whether batch mode applies
/// (several inputs, or any folder).
pub fn collect(args: &[String]) -> Result<(Vec<Input>, bool), String> {
    let mut inputs = Vec::new();
    let mut saw_dir = false;
    let mut stdin_count = 0;
    for arg in args {
        if arg == "-" {
            stdin_count += 1;
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot open {arg}: {}", e.kind()))?;
        if meta.is_dir() {
            saw_dir = true;
            walk(path, &mut inputs, 0)?;
        } else {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
    if stdin_count > 1 {
        return Err("`-` (standard input) can be given only once".into());
    }
    let batch = saw_dir || inputs.len() > 1;
    Ok((inputs, batch))
}

const MAX_DIR_DEPTH: usize = 64;

fn walk(dir: &Path, out: &mut Vec<Input>, depth: usize) -> Result<(), String> {
    if depth > MAX_DIR_DEPTH {
        return Err(format!("folders nest deeper than {MAX_DIR_DEPTH} levels"));
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read folder {}: {}", dir.display(), e.kind()))?
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(&entry.path(), out, depth + 1)?;
        } else if kind.is_file() {
            out.push(Input::File(entry.path()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_hidden_entries_skipped() {
        let dir = std::env::temp_dir().join(format!("cvshield-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for name in ["b.txt", "a.txt", ".hidden.txt", "sub/c.txt"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let (inputs, batch) = collect(&[dir.display().to_string()]).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(&dir).unwrap().display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
        assert!(batch);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let path = std::env::temp_dir().join(format!("cvshield-big-{}", std::process::id()));
        std::fs::write(&path, vec![b'a'; 100]).unwrap();
        let limits = Limits { max_input_bytes: 10, ..Limits::default() };
        let err = Input::File(path.clone()).read(&limits).unwrap_err();
        assert_eq!(err.code, cvshield::ErrorCode::TooLarge);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn one_file_is_not_batch_and_double_stdin_is_refused() {
        assert!(collect(&["-".into(), "-".into()]).is_err());
        let (inputs, batch) = collect(&["-".into()]).unwrap();
        assert_eq!(inputs, vec![Input::Stdin]);
        assert!(!batch);
    }
}
