//! Content hashes. One hex SHA-256 for everything that names data by its content — model files
//! checked against their specs, cache entries keyed by the bytes they came from — so no module
//! has to reach into another's internals for it.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
