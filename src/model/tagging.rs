//! One model run over a whole document, as an output of its own (`tag()` in the JS API).
//!
//! `parse` and `anonymize` use the taggers inside their pipelines; this is the direct view of
//! what one model version finds in a document — for comparing versions, checking a version
//! loaded at run time, or building on the raw spans. Like every output, its `meta` names the
//! model version that produced it.

use serde::Serialize;

use super::{ModelInfo, Tagger};
use crate::document::Document;
use crate::error::Result;
use crate::featurize::featurize;
use crate::limits::Budget;
use crate::sections::find_sections;
use crate::text_view::TextView;

/// The spans one model found in a document.
#[derive(Debug, Clone, Serialize)]
pub struct Tagged {
    pub spans: Vec<TaggedText>,
    pub meta: TaggedMeta,
}

/// A span with the model's label; `start..end` are UTF-8 byte offsets in the document's flat text.
#[derive(Debug, Clone, Serialize)]
pub struct TaggedText {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaggedMeta {
    pub models: Vec<ModelInfo>,
}

/// Run `tagger` over `doc`, charging the work to the call's `budget`.
pub fn tag_document(doc: &Document, tagger: &Tagger, budget: &mut Budget) -> Result<Tagged> {
    let view = TextView::new(doc);
    let sections = find_sections(&view, budget)?;
    let features = featurize(&view, &sections, budget)?;
    let spans = tagger
        .tag_labeled(&view, &features, budget)?
        .into_iter()
        .filter_map(|s| {
            let text = view.text().get(s.entity.start..s.entity.end)?.to_string();
            Some(TaggedText { label: s.label.to_string(), start: s.entity.start, end: s.entity.end, text, confidence: s.entity.confidence })
        })
        .collect();
    let models = vec![ModelInfo { name: tagger.name().to_string(), version: tagger.version().to_string() }];
    Ok(Tagged { spans, meta: TaggedMeta { models } })
}
