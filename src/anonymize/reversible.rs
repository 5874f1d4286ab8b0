//! Reversible mode: the removed values, sealed with the caller's key.
//!
//! A blind screen ends with a shortlist; the recruiter then needs the real names back, but the
//! anonymised output may have travelled through systems that must not read them. So each
//! redaction can carry its original value encrypted with a 32-byte key the caller supplies and
//! keeps: XChaCha20-Poly1305 (RustCrypto `chacha20poly1305`), a fresh random 24-byte nonce per
//! value (large enough that random nonces never collide in practice), the redaction's type as
//! associated data so a sealed value cannot be moved to another type unnoticed. The format is
//! `hex(nonce ‖ ciphertext ‖ tag)`. A wrong key, or a tampered value, fails with `invalid_key`
//! and reveals nothing.

use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::limits::Budget;

const NONCE_BYTES: usize = 24;

/// A caller-supplied 32-byte key. Its bytes never appear in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    pub fn new(bytes: [u8; 32]) -> Self {
        Key(bytes)
    }

    /// A key from a key file's content: 32 raw bytes, or 64 hexadecimal digits (surrounding
    /// white space ignored).
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Self> {
        if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
            return Ok(Key(raw));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| bad_key_format())?.trim();
        let decoded = from_hex(text).ok_or_else(bad_key_format)?;
        <[u8; 32]>::try_from(decoded.as_slice()).map(Key).map_err(|_| bad_key_format())
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

fn bad_key_format() -> Error {
    Error::invalid_key("the key must be 32 bytes, given raw or as 64 hexadecimal digits")
}

/// Encrypt `value` for a redaction of type `label`.
pub fn seal(key: &Key, label: &str, value: &str) -> Result<String> {
    let nonce = XNonce::try_generate().map_err(|_| Error::invalid_key("no random source is available to encrypt the original values"))?;
    let sealed = key
        .cipher()
        .encrypt(&nonce, Payload { msg: value.as_bytes(), aad: label.as_bytes() })
        .map_err(|_| Error::invalid_key("the original values could not be encrypted"))?;
    let mut out = String::with_capacity((NONCE_BYTES + sealed.len()) * 2);
    push_hex(&mut out, nonce.as_slice());
    push_hex(&mut out, &sealed);
    Ok(out)
}

/// Decrypt a value sealed by [`seal`] for type `label`.
pub fn open(key: &Key, label: &str, sealed: &str) -> Result<String> {
    let wrong = || Error::invalid_key("the key does not open these values (wrong key, or the output was altered)");
    let bytes = from_hex(sealed).ok_or_else(wrong)?;
    if bytes.len() < NONCE_BYTES {
        return Err(wrong());
    }
    let (nonce, body) = bytes.split_at(NONCE_BYTES);
    let nonce = XNonce::try_from(nonce).map_err(|_| wrong())?;
    let plain = key.cipher().decrypt(&nonce, Payload { msg: body, aad: label.as_bytes() }).map_err(|_| wrong())?;
    String::from_utf8(plain).map_err(|_| wrong())
}

/// One profile value the anonymiser changed, sealed: where it was (a JSON Pointer into the
/// anonymised profile) and its original JSON, encrypted with the pointer as associated data so a
/// sealed value cannot be moved to another field unnoticed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SealedField {
    pub pointer: String,
    pub original: String,
}

/// Most levels of nesting compared; deeper values are sealed whole.
const MAX_DEPTH: usize = 32;

/// Seal every value of `original` that differs in `anonymised` (a changed string, a number turned
/// placeholder, an emptied references list), at the shallowest place where they part.
pub fn seal_profile(key: &Key, original: &Value, anonymised: &Value, budget: &mut Budget) -> Result<Vec<SealedField>> {
    let mut out = Vec::new();
    diff(key, original, anonymised, &mut String::new(), &mut out, budget, 0)?;
    Ok(out)
}

fn diff(key: &Key, original: &Value, anonymised: &Value, pointer: &mut String, out: &mut Vec<SealedField>, budget: &mut Budget, depth: usize) -> Result<()> {
    budget.spend(1)?;
    match (original, anonymised) {
        (Value::Object(a), Value::Object(b)) if depth < MAX_DEPTH && a.len() == b.len() && a.keys().all(|k| b.contains_key(k)) => {
            for (k, child) in a {
                let Some(other) = b.get(k) else { continue };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                diff(key, child, other, pointer, out, budget, depth + 1)?;
                pointer.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) if depth < MAX_DEPTH && a.len() == b.len() => {
            for (i, (child, other)) in a.iter().zip(b).enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                diff(key, child, other, pointer, out, budget, depth + 1)?;
                pointer.truncate(len);
            }
        }
        (a, b) if a == b => {}
        (a, _) => {
            let json = serde_json::to_string(a).map_err(|_| Error::malformed("a profile value could not be represented as JSON"))?;
            out.push(SealedField { pointer: pointer.clone(), original: seal(key, &field_label(pointer), &json)? });
        }
    }
    Ok(())
}

fn field_label(pointer: &str) -> String {
    format!("profile:{pointer}")
}

/// The original profile back from an anonymised one and its sealed fields.
pub fn open_profile(key: &Key, anonymised: &Value, sealed: &[SealedField]) -> Result<Value> {
    let mut out = anonymised.clone();
    for field in sealed {
        let json = open(key, &field_label(&field.pointer), &field.original)?;
        let value: Value = serde_json::from_str(&json).map_err(|_| Error::invalid_key("a sealed profile value is not JSON"))?;
        let slot = out.pointer_mut(&field.pointer).ok_or_else(|| Error::malformed("the sealed profile fields do not match the anonymised profile"))?;
        *slot = value;
    }
    Ok(out)
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|pair| {
            let hi = char::from(*pair.first()?).to_digit(16)?;
            let lo = char::from(*pair.get(1)?).to_digit(16)?;
            u8::try_from(hi * 16 + lo).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn sealed_values_open_with_the_key_only() {
        let key = Key::new([7; 32]);
        let sealed = seal(&key, "PERSON", "Zoë Müller").unwrap();
        assert!(!sealed.contains("Zo"));
        assert_eq!(open(&key, "PERSON", &sealed).unwrap(), "Zoë Müller");
        // Fresh nonce each time.
        assert_ne!(seal(&key, "PERSON", "Zoë Müller").unwrap(), sealed);
        let err = open(&Key::new([8; 32]), "PERSON", &sealed).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidKey);
        assert!(!err.message.contains("Zo"));
        // Bound to its type; tampering and garbage fail the same way.
        assert_eq!(open(&key, "EMAIL", &sealed).unwrap_err().code, ErrorCode::InvalidKey);
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'0' { b'1' } else { b'0' };
        assert!(open(&key, "PERSON", std::str::from_utf8(&tampered).unwrap()).is_err());
        assert!(open(&key, "PERSON", "zz").is_err());
        assert!(open(&key, "PERSON", "").is_err());
    }

    #[test]
    fn sealed_profile_fields_restore_the_original() {
        use crate::limits::Limits;
        use serde_json::json;
        let key = Key::new([9; 32]);
        let original = json!({"basics": {"name": "Zoë", "a/b": "x"}, "personal": {"age": 34}, "references": [{"name": "Bo"}], "skills": ["Rust"]});
        let anonymised = json!({"basics": {"name": "[NAME]", "a/b": "x"}, "personal": {"age": "[AGE]"}, "references": [], "skills": ["Rust"]});
        let mut budget = Budget::new(&Limits::default());
        let sealed = seal_profile(&key, &original, &anonymised, &mut budget).unwrap();
        let pointers: Vec<&str> = sealed.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/basics/name", "/personal/age", "/references"]);
        assert!(sealed.iter().all(|f| !f.original.contains("Zo")));
        assert_eq!(open_profile(&key, &anonymised, &sealed).unwrap(), original);
        assert_eq!(open_profile(&Key::new([1; 32]), &anonymised, &sealed).unwrap_err().code, ErrorCode::InvalidKey);
        // A sealed value moved to another field does not open.
        let mut moved = sealed.clone();
        moved[0].pointer = "/basics/a~1b".into();
        assert_eq!(open_profile(&key, &anonymised, &moved).unwrap_err().code, ErrorCode::InvalidKey);
    }

    #[test]
    fn key_files_are_raw_or_hex() {
        assert_eq!(Key::from_file_bytes(&[1; 32]).unwrap(), Key::new([1; 32]));
        let hex = format!("{}\n", "ab".repeat(32));
        assert_eq!(Key::from_file_bytes(hex.as_bytes()).unwrap(), Key::new([0xab; 32]));
        assert_eq!(Key::from_file_bytes(b"short").unwrap_err().code, ErrorCode::InvalidKey);
        assert_eq!(format!("{:?}", Key::new([1; 32])), "Key(…)");
    }
}
