//! Running the parser model for the profile: its spans, and its name and version in `meta`.
//! Until the model is built into the crate, parsing runs on rules alone and says so in
//! `meta.warnings` (`parser_model_unavailable`).

use crate::entities::Entity;
use crate::error::Result;
use crate::limits::Budget;
use crate::sections::Sections;
use crate::text_view::TextView;

use super::types::Meta;

pub fn spans(_view: &TextView, _sections: &Sections, _budget: &mut Budget, use_model: bool, meta: &mut Meta) -> Result<Vec<Entity>> {
    if use_model {
        meta.warnings.push("parser_model_unavailable".into());
    }
    Ok(Vec::new())
}
