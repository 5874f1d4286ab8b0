//! Detection: a document and its parse → typed, scored spans and the evidence around them.
//!
//! Rule detectors ([`crate::entities`]), the anonymiser model (trusted as far as [`model_gate`]
//! allows), the candidate's name variants ([`name_variants`]), other people's names
//! ([`persons`]), employers and schools named where no entry field holds them ([`organisations`]),
//! values of the parsed profile, the
//! sections' zones ([`zones`]) and the address heuristics ([`address`]) each propose spans. [`find`] gathers them into one [`Findings`] for the anonymiser, which
//! decides per level what goes and how. As Presidio splits its analyzer from its anonymizer,
//! nothing here replaces text and the anonymiser looks for nothing: the two meet only in the
//! types of [`crate::entities::candidate`].

pub mod address;
mod document;
mod gather;
mod home;
pub mod model_gate;
pub mod name_variants;
pub mod organisations;
pub mod persons;
mod profile_spans;
pub mod zones;

use serde_json::Value;

pub use document::{detect, CONTACT_PLACE_DETECTOR, DATES_DETECTOR};
pub use zones::Zone;

use crate::fold::Folded;
use crate::entities::candidate::{CareerRanges, Findings};
use crate::entities::Entity;
use crate::error::Result;
use crate::limits::Budget;
use crate::profile::ModelInfo;

/// Everything the detectors found in one text.
#[derive(Debug, Clone, Default)]
pub struct Detections {
    /// Rule detector spans.
    pub rules: Vec<Entity>,
    /// Model spans (anonymiser, and parser where useful).
    pub model: Vec<Entity>,
    /// Byte range and zone of every line of the text.
    pub lines: Vec<(usize, usize, Zone)>,
    /// The parsed profile, when available.
    pub profile: Option<Value>,
    /// Models that produced `model`.
    pub models: Vec<ModelInfo>,
    /// Stable codes of detection stages that could not run.
    pub warnings: Vec<String>,
}

/// What to look for in a document.
#[derive(Debug, Clone, Copy)]
pub struct DetectOptions {
    /// Every date and range (the date grammar), which only matters where dates are removed.
    pub dates: bool,
}

/// What the caller tells detection.
#[derive(Debug, Clone, Copy)]
pub struct FindOptions<'a> {
    /// Whether employers and schools are kept: then they are career strings, which the model may
    /// not call PII either.
    pub keep_organisations: bool,
    /// Model spans below this confidence are ignored.
    pub min_confidence: f32,
    /// The candidate's name when the caller knows it.
    pub candidate_name: Option<&'a str>,
}

/// The spans to consider removing from `text` (folded in `folded`), given what the detectors
/// found in it, and the evidence that decides how far they reach.
pub fn find(text: &str, folded: &Folded, det: &Detections, opts: FindOptions, budget: &mut Budget) -> Result<Findings> {
    let name = home::candidate_name(text, det, opts);
    let variants = name.as_deref().and_then(name_variants::NameVariants::new);
    let mut candidates = gather::candidates(text, folded, det, variants.as_ref(), opts.min_confidence, budget)?;
    candidates.extend(persons::find(text, det, opts.min_confidence, budget)?);
    if !opts.keep_organisations {
        candidates.extend(organisations::find(text, det, budget)?);
    }
    let career = match &det.profile {
        Some(profile) => {
            candidates.extend(profile_spans::profile_spans(profile, folded, budget)?);
            model_gate::career_ranges(profile, opts.keep_organisations, folded, budget)?
        }
        None => CareerRanges::default(),
    };
    model_gate::shield_career(text, &mut candidates, &career);
    model_gate::drop_on_table_heads(text, &det.lines, &mut candidates);
    zones::place(&det.lines, &mut candidates);
    address::complete(text, &det.lines, &mut candidates);
    let home_country = home::home_country(det.profile.as_ref(), text, &candidates);
    let name = home::name_evidence(name.as_deref(), variants.as_ref(), det.profile.as_ref(), budget)?;
    Ok(Findings {
        candidates,
        career,
        propagate_from: model_gate::PROPAGATE_FROM,
        reference_blocks: zones::reference_blocks(&det.lines),
        home_country,
        name,
    })
}

/// What a profile alone tells the anonymiser (no text to look in): the candidate's name, where
/// it recurs in the profile's free text, and their country.
pub fn find_in_profile(profile: &Value, candidate_name: Option<&str>, budget: &mut Budget) -> Result<Findings> {
    let name = candidate_name.map(str::to_string).or_else(|| home::profile_name(profile));
    let variants = name.as_deref().and_then(name_variants::NameVariants::new);
    Ok(Findings {
        home_country: home::home_country(Some(profile), "", &[]),
        name: home::name_evidence(name.as_deref(), variants.as_ref(), Some(profile), budget)?,
        propagate_from: model_gate::PROPAGATE_FROM,
        ..Findings::default()
    })
}
