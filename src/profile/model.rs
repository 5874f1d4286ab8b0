//! Running the parser model for the profile: its spans (NAME as `Person`, TITLE, ORG, SCHOOL,
//! DEGREE, DATE, LOCATION, SKILL) and its name and version in `meta`.
//!
//! The parse reads the spans on a few lines only (the top lines for the name and place, entry
//! headers for the fields), so the model runs over those lines' tokens and what a span on them
//! needs ([`Tagger::tag_within`]); the spans it gives are exactly a whole run's on those lines.
//!
//! The model is optional at run time: when it cannot be loaded the profile is built by the rules
//! alone and `meta.warnings` says `parser_model_unavailable`; a failing run says
//! `parser_model_failed`. Limit errors still stop the parse, as everywhere else.

use std::ops::Range;

use crate::entities::Entity;
use crate::error::{ErrorCode, Result};
use crate::featurize::{featurize, Features, FEATURIZER_VERSION};
use crate::limits::Budget;
use crate::model::Tagger;
use crate::sections::Sections;
use crate::text_view::TextView;

use super::types::{Meta, ModelInfo};

/// Lowest model confidence used for a span.
const MIN_CONFIDENCE: f32 = 0.5;

/// The parser model's spans touching the TextView lines `read` (sorted); `features` are computed
/// here unless the caller already has them.
pub fn spans(view: &TextView, sections: &Sections, features: Option<&Features>, read: &[usize], budget: &mut Budget, use_model: bool, meta: &mut Meta) -> Result<Vec<Entity>> {
    if !use_model {
        return Ok(Vec::new());
    }
    let tagger = match Tagger::parser() {
        Ok(t) => t,
        Err(_) => {
            meta.warnings.push("parser_model_unavailable".into());
            return Ok(Vec::new());
        }
    };
    let tag = |features: &Features, budget: &mut Budget| tagger.tag_within(view, features, &token_ranges(features, read), budget);
    let tagged = match features {
        Some(features) => tag(features, budget),
        None => featurize(view, sections, budget).and_then(|features| tag(&features, budget)),
    };
    match tagged {
        Ok(spans) => {
            meta.models.push(ModelInfo { name: tagger.name().to_string(), version: tagger.version().to_string() });
            meta.featurizer_version = Some(FEATURIZER_VERSION.to_string());
            Ok(spans.into_iter().filter(|e| e.confidence >= MIN_CONFIDENCE && !e.is_empty()).collect())
        }
        Err(e) if e.code == ErrorCode::LimitExceeded => Err(e),
        Err(_) => {
            meta.warnings.push("parser_model_failed".into());
            Ok(Vec::new())
        }
    }
}

/// The runs of tokens on the lines `read` (sorted), as token index ranges.
fn token_ranges(features: &Features, read: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, token) in features.tokens.iter().enumerate() {
        if read.binary_search(&token.line).is_err() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == i => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::featurize::Token;

    #[test]
    fn tokens_of_the_read_lines_make_ranges() {
        let tokens = [0, 0, 1, 1, 2, 3, 3, 5].iter().enumerate().map(|(i, &line)| Token { start: i * 2, end: i * 2 + 1, line }).collect();
        let features = Features { tokens, ids: Vec::new(), slots: 0, buckets: 0 };
        assert_eq!(token_ranges(&features, &[0, 2, 3, 9]), [0..2, 4..7]);
        assert!(token_ranges(&features, &[]).is_empty());
    }
}
