//! The first proposals: rule spans, the model spans its gate lets through, and the candidate's
//! name wherever it is written.

use super::model_gate;
use super::name_variants::NameVariants;
use super::Detections;
use crate::fold::Folded;
use crate::entities::candidate::{Candidate, Source};
use crate::entities::Entity;
use crate::error::Result;
use crate::limits::Budget;

/// Rule spans, usable model spans and name variants of `text`, in that order.
pub fn candidates(text: &str, folded: &Folded, det: &Detections, name: Option<&NameVariants>, min_confidence: f32, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let mut out: Vec<Candidate> = Vec::new();
    out.extend(det.rules.iter().cloned().map(|e| Candidate::new(e, Source::Rule)));
    out.extend(
        det.model
            .iter()
            .filter(|e| model_span_usable(text, e, min_confidence))
            .flat_map(|e| model_gate::split_at_cells(text, e))
            .map(|e| Candidate::new(e, Source::Model)),
    );
    if let Some(name) = name {
        out.extend(name.find(text, folded, budget)?.into_iter().map(|e| Candidate::new(e, Source::NameVariant)));
    }
    Ok(out)
}

/// Whether a span of `det.model` may be used: the anonymiser model's spans pass its gate, other
/// model-like spans (the date grammar's) the caller's floor.
pub fn model_span_usable(text: &str, e: &Entity, min_confidence: f32) -> bool {
    if e.detector == model_gate::MODEL_DETECTOR {
        model_gate::trusted(text, e, min_confidence)
    } else {
        e.confidence >= min_confidence
    }
}
