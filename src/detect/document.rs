//! Running the detectors on a document.
//!
//! Gathers, for one [`TextView`], what every detection stage proposes — sections (which lines are
//! the candidate's contact block, which are references), rule detectors, dates, the anonymiser
//! model and the parsed profile — into one [`Detections`]. Everything after this works on the
//! text and these detections, never on the document.

use super::{DetectOptions, Detections, Zone};
use crate::document::Document;
use crate::featurize::{featurize, Features};
use crate::model::Tagger;
use crate::entities::{country, detect_rules, Entity, EntityKind};
use crate::error::{Error, Result};
use crate::limits::Budget;
use crate::profile::{parse_found, Found, ModelInfo, ParseOptions};
use crate::sections::{find_sections, SectionKind, Sections};
use crate::text_view::TextView;

/// Detector name of spans found by the date grammar.
pub const DATES_DETECTOR: &str = "dates";

/// Everything the anonymiser needs to know about `doc` (whose text view is `view`). Sections,
/// rule spans and model features are found once and handed to the parse too.
pub fn detect(doc: &Document, view: &TextView, opts: DetectOptions, budget: &mut Budget) -> Result<Detections> {
    let sections = find_sections(view, budget)?;
    let rules = detect_rules(view, budget)?;
    let features = featurize(view, &sections, budget)?;
    let mut det = Detections { lines: zones(view, &sections), ..Detections::default() };
    anonymizer_model(view, &features, budget, &mut det)?;
    if opts.dates {
        det.model.extend(dates(view, budget)?);
    }
    let found = Found { view, sections: &sections, rules: &rules, features: Some(&features) };
    let profile = parse_found(doc, found, &ParseOptions { limits: budget.limits().clone(), hint: None, use_model: true, ocr: None }, budget)?;
    det.rules = rules;
    det.rules.extend(sign_off_places(view, &mut det.lines, budget)?);
    lone_places(view, &sections, &mut det.lines);
    det.rules.extend(contact_places(view, &det.lines, budget)?);
    det.rules.extend(contact_place_cells(view, &det.lines, &det.model, profile.basics.name.as_deref()));
    if let Some(name) = profile.basics.name.as_deref() {
        let places = name_block(view, &sections, &mut det.lines, name);
        det.rules.extend(places);
    }
    det.models.extend(profile.meta.models.iter().cloned());
    det.profile = Some(serde_json::to_value(&profile).map_err(|_| Error::malformed("the parsed profile could not be represented as JSON"))?);
    Ok(det)
}

/// Lines of a header (the part before the first heading) that can be the contact block: a
/// document without headings is one long "header", of which only the top is about the candidate.
const MAX_HEADER_CONTACT_LINES: usize = 10;

/// The anonymiser model's spans, all of them: which are trusted is decided with the rest of the
/// evidence ([`super::model_gate`]). A model that cannot be loaded leaves the rules, the name
/// variants and the profile to do the work and says so in `warnings`; running out of budget
/// while tagging is an error like anywhere else.
fn anonymizer_model(view: &TextView, features: &Features, budget: &mut Budget, det: &mut Detections) -> Result<()> {
    let Ok(tagger) = Tagger::anonymizer() else {
        det.warnings.push("anonymizer_model_unavailable".into());
        return Ok(());
    };
    det.model.extend(tagger.tag(view, features, budget)?);
    det.models.push(ModelInfo { name: tagger.name().to_string(), version: tagger.version().to_string() });
    Ok(())
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
                    SectionKind::Header if i < MAX_HEADER_CONTACT_LINES => Zone::Contact,
                    // A personal-details section holds the candidate's own address, like the header.
                    SectionKind::Contact | SectionKind::Personal => Zone::Contact,
                    SectionKind::References => Zone::References,
                    SectionKind::Publications => Zone::Publications,
                    _ => Zone::Other,
                }
            };
            (line.start, line.end, zone)
        })
        .collect()
}

/// Lines below the candidate's name that can still be theirs (a headline, a place).
const NAME_BLOCK_LINES: usize = 3;

/// The candidate's own lines wherever the layout put them: the lines right below the name, down
/// to the next heading (a LinkedIn export reads its sidebar before the headline and place under
/// the name), and a line that is only a place ("Town, Country") outside the sections whose
/// entries have places of their own.
///
/// Returns the place such a block ends with ("Jane Doe" / "Data Analyst" / "Hainburg" / a
/// heading): a place-shaped line after the headline, which no other detector reads as one.
fn name_block(view: &TextView, sections: &Sections, lines: &mut [(usize, usize, Zone)], name: &str) -> Vec<Entity> {
    let folded = crate::fold::fold(name);
    let at = (0..view.lines().len()).find(|&i| crate::fold::fold(view.line_text(i).trim()) == folded);
    let mut places = Vec::new();
    if let Some(at) = at {
        let count = lines.len();
        let block: Vec<usize> = (at + 1..count).take(NAME_BLOCK_LINES).take_while(|&i| !sections.is_heading(i)).collect();
        for &i in &block {
            if let Some(line) = lines.get_mut(i) {
                line.2 = Zone::Contact;
            }
        }
        let closed = block.last().is_some_and(|&last| last + 1 == count || sections.is_heading(last + 1));
        if let (true, [_, .., last]) = (closed, block.as_slice()) {
            let raw = view.line_text(*last);
            let text = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            if let Some(&(start, _, _)) = lines.get(*last).filter(|_| crate::profile::roles::is_place_name(text) || crate::profile::roles::looks_like_location(text)) {
                places.push(Entity::new(EntityKind::Location, start + lead, start + lead + text.len(), 0.7, CONTACT_PLACE_DETECTOR));
            }
        }
    }
    places
}

/// A lone "Town, Country" line outside the sections whose entries have places of their own (a
/// sidebar's or a LinkedIn export's location line) is the candidate's: the contact zone. Marked
/// before the contact places are read, so its place is read as theirs.
fn lone_places(view: &TextView, sections: &Sections, lines: &mut [(usize, usize, Zone)]) {
    for (i, line) in lines.iter_mut().enumerate() {
        let own_places = matches!(sections.kind_of_line(i), SectionKind::Experience | SectionKind::Education | SectionKind::Volunteer | SectionKind::Projects | SectionKind::References | SectionKind::Awards | SectionKind::Publications | SectionKind::Certificates | SectionKind::Other);
        if line.2 == Zone::Other && !own_places && !sections.is_heading(i) && crate::profile::roles::looks_like_location(view.line_text(i)) {
            line.2 = Zone::Contact;
        }
    }
}

/// The place a CV is signed at ("Hainburg, 12.03.2024", "Fait à Lyon, le 3 mai 2024") is where
/// the candidate lives: the line is theirs (the contact zone), wherever it stands.
fn sign_off_places(view: &TextView, lines: &mut [(usize, usize, Zone)], budget: &mut Budget) -> Result<Vec<Entity>> {
    let mut found = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        let (start, end, _) = *line;
        let text = view.text().get(start..end).unwrap_or("");
        // Only a line that ends in a digit can end in a date: most lines cost one look.
        if !text.trim_end().ends_with(|c: char| c.is_ascii_digit()) || !text.contains(',') {
            continue;
        }
        budget.spend(text.len() as u64 / 8 + 1)?;
        if let Some((s, e)) = crate::profile::sign_off::sign_off_place(text, view.line_dates(i)) {
            found.push(Entity::new(EntityKind::Location, start + s, start + e, 0.7, CONTACT_PLACE_DETECTOR));
            line.2 = Zone::Contact;
        }
    }
    Ok(found)
}

/// Detector name of "City, ST" places found in the contact block.
pub const CONTACT_PLACE_DETECTOR: &str = "contact_place";

/// "City, ST" / "City, Country" places on the candidate's contact lines.
fn contact_places(view: &TextView, lines: &[(usize, usize, Zone)], budget: &mut Budget) -> Result<Vec<Entity>> {
    let mut found = Vec::new();
    for &(start, end, _) in lines.iter().filter(|l| l.2 == Zone::Contact) {
        let text = view.text().get(start..end).unwrap_or("");
        budget.spend(text.len() as u64 / 8 + 1)?;
        for (s, e) in country::find_places(text) {
            found.push(Entity::new(EntityKind::Location, start + s, start + e, 0.7, CONTACT_PLACE_DETECTOR));
        }
    }
    Ok(found)
}

/// The gap the extractors leave between the cells of a table row.
const CELL_GAP: &str = "  ";

/// A place written without commas on a contact line ("Hill Village Northshire"), of which the
/// model marked only a part: the whole cell goes when it is two to five capitalised words with no
/// digit and no title, employer or school word, written in title case (an all-capitals line is
/// a headline or a title far more often than a place).
fn contact_place_cells(view: &TextView, lines: &[(usize, usize, Zone)], model: &[Entity], name: Option<&str>) -> Vec<Entity> {
    let text = view.text();
    // The tagger now and then reads a name ("Anna Weber": a town is called Weber) as a place: the
    // candidate's own name is no place cell.
    let name = name.map(crate::fold::fold);
    let mut found = Vec::new();
    for span in model.iter().filter(|e| e.kind == EntityKind::Location && e.confidence >= super::model_gate::floor(e.kind)) {
        let Some(&(start, end, _)) = lines.iter().find(|l| l.2 == Zone::Contact && l.0 <= span.start && span.end <= l.1) else { continue };
        let is_edge = |c: char| matches!(c, '\t' | '|' | '•' | '·' | '▪');
        let (Some(before), Some(after)) = (text.get(start..span.start), text.get(span.end..end)) else { continue };
        // Table cells extracted onto one line are two spaces apart ("Nom  ROE  Prénom  Jane"):
        // a place stays inside its cell, and a span across cells is no place cell.
        let cell_start = [before.rfind(is_edge).map(|i| i + 1), before.rfind(CELL_GAP).map(|i| i + CELL_GAP.len())].into_iter().flatten().max().map_or(start, |i| start + i);
        let cell_end = [after.find(is_edge), after.find(CELL_GAP)].into_iter().flatten().min().map_or(end, |i| span.end + i);
        let Some(cell) = text.get(cell_start..cell_end).filter(|c| !c.trim().contains(CELL_GAP)) else { continue };
        let words: Vec<&str> = cell.split_whitespace().collect();
        let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'')));
        use crate::profile::roles;
        let named = roles::title_score(cell) + roles::org_score(cell) + roles::school_score(cell) > 0;
        let title_case = cell.chars().any(char::is_lowercase);
        let is_name = name.as_deref().is_some_and(|n| crate::fold::fold(cell.trim()) == n);
        if (2..=5).contains(&words.len()) && capitalised && title_case && !named && !is_name {
            let lead = cell.len() - cell.trim_start().len();
            let inner = cell.trim();
            found.push(Entity::new(EntityKind::Location, cell_start + lead, cell_start + lead + inner.len(), span.confidence, CONTACT_PLACE_DETECTOR));
        }
    }
    found
}

/// Every date and range, line by line.
fn dates(view: &TextView, budget: &mut Budget) -> Result<Vec<Entity>> {
    let mut found = Vec::new();
    let lines = view.lines();
    for (i, line) in lines.iter().enumerate() {
        let text = view.text().get(line.start..line.end).unwrap_or("");
        budget.spend(text.len() as u64 / 8 + 1)?;
        for d in view.line_dates(i) {
            let (Some(start), Some(end)) = (line.start.checked_add(d.start), line.start.checked_add(d.end)) else { continue };
            found.push(Entity::new(EntityKind::Date, start, end, 0.8, DATES_DETECTOR));
        }
        // "2017 - février" / "2022": the range runs on to the year opening the next line.
        let next = lines.get(i + 1).and_then(|n| view.text().get(n.start..n.end).map(|t| (n.start, t)));
        if let Some((next_start, (dates, taken))) = next.and_then(|(at, t)| crate::profile::lines::wrapped_range(text, t).map(|w| (at, w))) {
            if let Some(d) = dates.last() {
                found.push(Entity::new(EntityKind::Date, line.start + d.start, next_start + taken, 0.8, DATES_DETECTOR));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format, Line, Metadata};

    /// The place cells found on `lines` (all contact lines) where the model marked each
    /// (`from`, `to`) text range as a place.
    fn place_cells(lines: &[&str], marked: &[(&str, &str)]) -> Vec<String> {
        let doc = Document::flow(Format::Docx, Metadata::default(), lines.iter().map(|t| Line::plain(*t)).collect(), Vec::new());
        let view = TextView::new(&doc);
        let text = view.text();
        let zones: Vec<(usize, usize, Zone)> = view.lines().iter().map(|l| (l.start, l.end, Zone::Contact)).collect();
        let at = |s: &str| text.find(s).unwrap_or(0);
        let model: Vec<Entity> = marked.iter().map(|(from, to)| Entity::new(EntityKind::Location, at(from), at(to) + to.len(), 0.93, "anonymizer_model")).collect();
        contact_place_cells(&view, &zones, &model, Some("Jane Weber")).iter().map(|e| e.text(text).to_string()).collect()
    }

    #[test]
    fn a_place_without_commas_on_a_contact_line_goes_whole() {
        let lines = ["Jane Example", "Hill Village Northshire", "ACME TOWER NORTHSHIRE", "jane@example.org"];
        assert_eq!(place_cells(&lines, &[("Northshire", "Northshire"), ("NORTHSHIRE", "NORTHSHIRE")]), ["Hill Village Northshire"]);
    }

    #[test]
    fn the_candidates_name_is_no_place_cell() {
        let lines = ["Jane Weber", "Hill Village Northshire"];
        assert_eq!(place_cells(&lines, &[("Weber", "Weber"), ("Northshire", "Northshire")]), ["Hill Village Northshire"]);
    }

    #[test]
    fn a_place_cell_ends_at_a_table_cell_gap() {
        let lines = ["Nom  ROE  Prénom  Jane", "Ville  Hill Village Northshire"];
        assert_eq!(place_cells(&lines, &[("Prénom", "Jane"), ("Northshire", "Northshire")]), ["Hill Village Northshire"]);
    }

    #[test]
    fn a_date_range_wrapped_before_its_end_year_is_one_date() {
        let doc = Document::flow(Format::Txt, Metadata::default(), ["Experience", "2017 - février", "2022", "Aide-soignante, Acme"].map(Line::plain).to_vec(), Vec::new());
        let view = TextView::new(&doc);
        let found: Vec<&str> = dates(&view, &mut Budget::new(&crate::limits::Limits::default())).expect("dates").iter().map(|e| e.text(view.text())).collect();
        assert!(found.contains(&"2017 - février\n2022"), "{found:?}");
    }

    #[test]
    fn the_place_a_cv_is_signed_at_is_the_candidates() {
        let doc = Document::flow(Format::Txt, Metadata::default(), ["Skills", "SQL, Excel", "Fait à Saint-Brieuc, le 3 mai 2024", "Jane Example"].map(Line::plain).to_vec(), Vec::new());
        let view = TextView::new(&doc);
        let mut zoned: Vec<(usize, usize, Zone)> = view.lines().iter().map(|l| (l.start, l.end, Zone::Other)).collect();
        let found = sign_off_places(&view, &mut zoned, &mut Budget::new(&crate::limits::Limits::default())).expect("places");
        assert_eq!(found.iter().map(|e| e.text(view.text())).collect::<Vec<_>>(), ["Saint-Brieuc"]);
        assert_eq!(zoned.iter().map(|l| l.2).collect::<Vec<_>>(), [Zone::Other, Zone::Other, Zone::Contact, Zone::Other]);
    }

    #[test]
    fn the_lines_under_the_name_and_a_lone_place_are_the_candidates() {
        let lines = ["Contact", "jane@example.org", "Languages", "English (Native)", "Jane Example", "Data Analyst", "Hainburg", "Summary", "Analyst of data.", "Experience", "Acme Ltd", "Hainburg, United Kingdom", "Skills", "SQL", "Hainburg, United Kingdom"];
        let doc = Document::flow(Format::Pdf, Metadata::default(), lines.map(Line::plain).to_vec(), Vec::new());
        let view = TextView::new(&doc);
        let sections = find_sections(&view, &mut Budget::new(&crate::limits::Limits::default())).expect("sections");
        let mut zoned = zones(&view, &sections);
        lone_places(&view, &sections, &mut zoned);
        let places = name_block(&view, &sections, &mut zoned, "Jane Example");
        assert_eq!(places.iter().map(|e| e.text(view.text())).collect::<Vec<_>>(), ["Hainburg"]);
        let zone = |i: usize| zoned[i].2;
        assert_eq!((zone(5), zone(6)), (Zone::Contact, Zone::Contact));
        assert_eq!(zone(8), Zone::Other);
        // A job's place stays the job's; a lone place among the skills is the candidate's.
        assert_eq!((zone(11), zone(14)), (Zone::Other, Zone::Contact));
    }

    #[test]
    fn a_personal_details_section_is_the_candidates_own_contact_block() {
        let lines = ["Jane Example", "jane@example.org", "Experience", "Clerk, Acme Ltd, Hainburg", "Personal details", "Address: Musterweg 3, 12345 Hainburg", "Interests", "Chess"];
        let doc = Document::flow(Format::Txt, Metadata::default(), lines.map(Line::plain).to_vec(), Vec::new());
        let view = TextView::new(&doc);
        let sections = find_sections(&view, &mut Budget::new(&crate::limits::Limits::default())).expect("sections");
        let zone = |s: &str| super::super::zones::zone_of(&zones(&view, &sections), view.text().find(s).unwrap_or(0));
        assert_eq!(zone("Address:"), Zone::Contact);
        assert_eq!(zone("Clerk"), Zone::Other);
        assert_eq!(zone("Chess"), Zone::Other);
    }
}
