//! Running the parser model for the profile: its spans (NAME as `Person`, TITLE, ORG, SCHOOL,
//! DEGREE, DATE, LOCATION, SKILL) and its name and version in `meta`.
//!
//! The model is optional at run time: when it cannot be loaded the profile is built by the rules
//! alone and `meta.warnings` says `parser_model_unavailable`; a failing run says
//! `parser_model_failed`. Limit errors still stop the parse, as everywhere else.

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

/// The parser model's spans; `features` are computed here unless the caller already has them.
pub fn spans(view: &TextView, sections: &Sections, features: Option<&Features>, budget: &mut Budget, use_model: bool, meta: &mut Meta) -> Result<Vec<Entity>> {
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
    let tagged = match features {
        Some(features) => tagger.tag(view, features, budget),
        None => featurize(view, sections, budget).and_then(|features| tagger.tag(view, &features, budget)),
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
