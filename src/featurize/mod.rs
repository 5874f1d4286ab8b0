//! The featurizer both taggers (parser and anonymiser) read: tokens and hashed feature ids.
//!
//! One implementation serves training and inference: the Python recipe gets exactly these ids
//! from `cvshield features` and the library computes them again at run time, so a model never
//! sees features computed differently from the ones it learned on. Each token gets [`SLOTS`]
//! ids, one per feature template ([`SLOT_NAMES`]): the word, its shape, affixes, lexicon class,
//! its neighbours, its place in the line, the line's style and layout region, the section the
//! line is in (from [`crate::sections`]) and a few conjunctions. A feature value is hashed with
//! FNV-1a salted by its slot ([`hash`]) into `1..BUCKETS`; id 0 is never produced so models can
//! use it for padding. The models embed ids in one table of `BUCKETS` rows and sum or concatenate
//! per slot.
//!
//! [`FEATURIZER_VERSION`] names the meaning of the ids: change any template, lexicon entry that
//! alters ids, the hash or `BUCKETS` and its major version must change, and models trained on
//! the old ids refuse to load.

mod hash;
mod templates;
mod tokenize;

use crate::error::Result;
use crate::limits::Budget;
use crate::sections::Sections;
use crate::text_view::TextView;

pub use templates::{SLOTS, SLOT_NAMES};

/// Semantic version of the feature ids: the major changes when slots or hashing change (models
/// must be retrained), the minor when a word list changes a few tokens' ids (older models of the
/// same major still run; retrain to benefit).
pub const FEATURIZER_VERSION: &str = "1.2.0";

/// Size of the hashed id space: 2^14 rows keeps an int8 embedding table of width 32 at 512 KB,
/// small enough for the browser and edge builds.
pub const BUCKETS: u32 = 1 << 14;

/// One token: a byte span of the TextView text and the TextView line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// Tokens and their feature ids, row-major `[tokens × slots]`, each id in `0..buckets`.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    pub tokens: Vec<Token>,
    pub ids: Vec<i64>,
    pub slots: usize,
    pub buckets: u32,
}

impl Features {
    /// The ids of token `index` (empty when out of range).
    pub fn row(&self, index: usize) -> &[i64] {
        let start = index.saturating_mul(self.slots);
        self.ids.get(start..start.saturating_add(self.slots)).unwrap_or(&[])
    }
}

/// Tokenize the view and compute every token's feature ids.
pub fn featurize(view: &TextView, sections: &Sections, budget: &mut Budget) -> Result<Features> {
    let tokens = tokenize::tokenize(view, budget)?;
    let ids = templates::feature_ids(view, sections, &tokens, budget)?;
    Ok(Features { tokens, ids, slots: SLOTS, buckets: BUCKETS })
}

#[cfg(test)]
mod tests;
