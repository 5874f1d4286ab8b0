//! The documents the mutations start from: every file under
//! `tests/fixtures/`, every document of the real-world corpus, and the small
//! documents in `tests/robustness/seeds/` (one per format, so each format is
//! covered even before fixtures for it exist; the JS test reads them too).

use std::path::{Path, PathBuf};

pub struct Seed {
    /// Where the seed came from, e.g. `fixtures/pdf/two_columns.pdf` or `seeds/minimal.odt`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Lower-case extension, used for the hint and to choose format tokens.
    pub ext: String,
}

impl Seed {
    pub fn is_zip(&self) -> bool {
        self.bytes.starts_with(b"PK\x03\x04")
    }

    /// The token family for this seed's format.
    pub fn token_family(&self) -> &'static str {
        match self.ext.as_str() {
            "pdf" => "pdf",
            "docx" | "odt" | "xml" => "xml",
            "rtf" => "rtf",
            "html" | "htm" | "xhtml" => "html",
            _ => "txt",
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real-world corpus: `CVSHIELD_CORPUS`, else `../shared/corpus/realworld` beside the repo.
pub fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CVSHIELD_CORPUS").map(PathBuf::from),
        Some(repo_root().join("../shared/corpus/realworld")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// All seeds, sorted by name so case numbering is stable.
pub fn collect() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let fixtures = repo_root().join("tests/fixtures");
    for path in files_under(&fixtures).into_iter().filter(|p| is_document(p)) {
        push_file(&mut seeds, "fixtures", &fixtures, &path);
    }
    if let Some(corpus) = corpus_dir() {
        for path in files_under(&corpus).into_iter().filter(|p| is_document(p)) {
            push_file(&mut seeds, "corpus", &corpus, &path);
        }
    }
    let own = repo_root().join("tests/robustness/seeds");
    for path in files_under(&own) {
        push_file(&mut seeds, "seeds", &own, &path);
    }
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    seeds
}

/// Expectations, ground truth (`.json`) and READMEs sit beside the documents but are not inputs.
fn is_document(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    !name.ends_with(".json") && !name.starts_with("readme")
}

/// Every regular file below `dir`, recursively, in sorted order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn push_file(seeds: &mut Vec<Seed>, prefix: &str, base: &Path, path: &Path) {
    let Ok(bytes) = std::fs::read(path) else { return };
    let rel = path.strip_prefix(base).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    seeds.push(Seed { name: format!("{prefix}/{rel}"), bytes, ext });
}
