//! An optional on-disk cache of native OCR output, so re-reading the same scans (an evaluation
//! run again after a change downstream of OCR) does not run the engine again.
//!
//! Off unless `CVSHIELD_OCR_CACHE` names a folder. Each entry is the engine's output for one
//! page image, in a file named by nothing but a sha256 over the image bytes, the languages,
//! the engine's version and its settings: no document name, path or text is in a name, and a
//! changed engine, language set or setting misses rather than returning stale words.

use std::path::PathBuf;

use crate::digest::sha256_hex;

/// The folder of the cache; unset or empty, there is none.
const DIR_ENV: &str = "CVSHIELD_OCR_CACHE";

/// A cache folder.
pub struct OcrCache {
    dir: PathBuf,
}

impl OcrCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        OcrCache { dir: dir.into() }
    }

    /// The cache `CVSHIELD_OCR_CACHE` names, if any.
    pub fn from_env() -> Option<Self> {
        std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()).map(OcrCache::new)
    }

    /// Where the output for this key is kept.
    fn entry(&self, key: &[&[u8]]) -> PathBuf {
        // Length-prefixed parts, so no two different keys hash the same bytes.
        let mut bytes = Vec::new();
        for part in key {
            bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
            bytes.extend_from_slice(part);
        }
        self.dir.join(format!("{}.tsv", sha256_hex(&bytes)))
    }

    /// The cached output for `key`, when there is one.
    pub fn get(&self, key: &[&[u8]]) -> Option<String> {
        std::fs::read_to_string(self.entry(key)).ok()
    }

    /// Keep `output` for `key`; a cache that cannot be written is skipped, never an error.
    pub fn put(&self, key: &[&[u8]], output: &str) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.entry(key);
        // Written aside and renamed, so a concurrent reader never sees half an entry.
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, output).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_named_by_a_hash_of_every_key_part() {
        let dir = std::env::temp_dir().join(format!("cvshield-ocr-cache-test-{}", std::process::id()));
        let cache = OcrCache::new(&dir);
        assert_ne!(cache.entry(&[b"ab", b"c"]), cache.entry(&[b"a", b"bc"]));
        let path = cache.entry(&[b"page", b"eng"]);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert_eq!(name.len(), 64 + ".tsv".len());
        assert!(name[..64].chars().all(|c| c.is_ascii_hexdigit()));
        cache.put(&[b"page", b"eng"], "level\ttext\n");
        assert_eq!(cache.get(&[b"page", b"eng"]).as_deref(), Some("level\ttext\n"));
        assert_eq!(cache.get(&[b"page", b"deu"]), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
