//! Stable feature hashing: FNV-1a 64 over a per-slot salt and the feature's value.
//!
//! The ids must be identical in the Rust library (native and wasm) and in the training data the
//! Python recipe reads, release after release, so the hash is written out here rather than taken
//! from `std` (whose `DefaultHasher` may change between Rust versions).

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// An FNV-1a hasher fed piece by piece.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    /// A hasher salted with the slot number, so equal values in different slots get different ids.
    pub fn slot(slot: usize) -> Self {
        let mut h = Fnv(FNV_OFFSET);
        h.write(&(slot as u32).to_le_bytes());
        h.write(&[0xff]);
        h
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    pub fn str(mut self, s: &str) -> Self {
        self.write(s.as_bytes());
        self.write(&[0]);
        self
    }

    /// The id in `1..buckets` (0 is left for padding).
    pub fn id(self, buckets: u32) -> i64 {
        let span = u64::from(buckets.saturating_sub(1).max(1));
        (self.0 % span) as i64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_and_slots_differ() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.
        let mut h = Fnv(FNV_OFFSET);
        h.write(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(Fnv::slot(0).str("x").id(1 << 14), Fnv::slot(1).str("x").id(1 << 14));
        assert_eq!(Fnv::slot(3).str("x").id(1 << 14), Fnv::slot(3).str("x").id(1 << 14));
    }
}
