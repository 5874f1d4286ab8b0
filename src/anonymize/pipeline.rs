//! Running the detectors on a document for the anonymiser.
//!
//! Gathers, for one [`TextView`], what every detection stage proposes — sections (which lines are
//! the candidate's contact block, which are references), rule detectors, dates, the anonymiser
//! model and the parsed profile — into one [`Detections`]. The anonymiser itself never looks at
//! a document, only at this.

use super::{Detections, Level, Zone};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::limits::Budget;
use crate::sections::{find_sections, SectionKind, Sections};
use crate::text_view::TextView;

/// Detector name of spans found by the date grammar.
pub const DATES_DETECTOR: &str = "dates";

/// Everything the anonymiser needs to know about `view`.
pub fn detect(view: &TextView, level: Level, budget: &mut Budget) -> Result<Detections> {
    let sections = find_sections(view, budget)?;
    let mut det = Detections { lines: zones(view, &sections), ..Detections::default() };
    if level >= Level::Thorough {
        det.model.extend(dates(view, budget)?);
    }
    Ok(det)
}

/// The zone of every line.
fn zones(view: &TextView, sections: &Sections) -> Vec<(usize, usize, Zone)> {
    view.lines()
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let zone = if sections.is_heading(i) {
                Zone::Other
            } else {
                match sections.kind_of_line(i) {
                    SectionKind::Header | SectionKind::Contact => Zone::Contact,
                    SectionKind::References => Zone::References,
                    _ => Zone::Other,
                }
            };
            (line.start, line.end, zone)
        })
        .collect()
}

/// Every date and range, line by line.
fn dates(view: &TextView, budget: &mut Budget) -> Result<Vec<Entity>> {
    let mut found = Vec::new();
    for line in view.lines() {
        let text = view.text().get(line.start..line.end).unwrap_or("");
        budget.spend(text.len() as u64 / 8 + 1)?;
        for d in crate::dates::find_dates(text) {
            let (Some(start), Some(end)) = (line.start.checked_add(d.start), line.start.checked_add(d.end)) else { continue };
            found.push(Entity::new(EntityKind::Date, start, end, 0.8, DATES_DETECTOR));
        }
    }
    Ok(found)
}
