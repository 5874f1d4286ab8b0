//! Which anonymiser-model spans are trusted, and how far.
//!
//! The anonymiser model finds what no rule can (other people's names, places written any way,
//! health remarks, organisations), but it learnt on synthetic layouts and its mistakes on real
//! CVs are mostly career content — a job title or an employer read as a PERSON, a skill read as an
//! ORG — or a field label ("Geburtsort:", "Naam") read as the value next to it. A blind screen
//! that loses its job titles has failed as surely as one that leaks a name, so a model span takes
//! part only when:
//! - its confidence reaches its label's floor ([`floor`], set from the synthetic *validation*
//!   split's per-label precision, never from the test split or the real-world corpus);
//! - it is not a field label ([`is_field_label`]);
//! - it does not lie on a career string of the parsed profile — a job title, a skill, a degree,
//!   and below `thorough` an employer or a school ([`career_ranges`]). A rule or the candidate's
//!   name variants still remove such a string when they say it is PII: they are candidates of
//!   their own;
//! - and it is looked for elsewhere in the text only when confident ([`PROPAGATE_FROM`]), so one
//!   doubtful span is not copied to every occurrence of its words.
//!
//! Which labels matter at which level stays the level table's job ([`crate::anonymize::levels`]):
//! ORG and SCHOOL spans, for instance, only act at `thorough`.

use serde_json::Value;

use crate::fold::{Folded, Needles};
use crate::entities::candidate::{Candidate, CareerRanges, Source};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::lexicon::{self, headings, words};
use crate::limits::Budget;
use crate::profile::table_head;
use crate::profile::visit::{self, Field};

/// Detector name of the anonymiser model's spans (as set by `crate::model`).
pub const MODEL_DETECTOR: &str = "anonymizer_model";

/// Detector name of the person detector's names written after a role or relation cue
/// ("Supervisor: …"): the cue says what they are more surely than a parsed profile, which may
/// have filed the line as a job title or a skill, so they do not give way to career strings
/// ([`shield_career`]).
pub const CUED_PERSON_DETECTOR: &str = "person_cue";

/// Model spans at least this confident are also removed wherever else their value is written.
pub const PROPAGATE_FROM: f32 = 0.9;

/// The confidence a model span of `kind` needs. On the validation split, the active anonymiser's
/// spans below 0.8 were right less than about two times in three for every label (LOCATION
/// 24 of 53, HEALTH, RELIGION and PHOTO 0 of 2 together), and nine times in ten or more above
/// it; ADDRESS and POSTCODE spans, which the rules mostly find, need more.
pub fn floor(kind: EntityKind) -> f32 {
    use EntityKind as K;
    match kind {
        K::Address | K::Postcode => 0.9,
        _ => 0.8,
    }
}

/// Whether the model span `e` of `text` may take part at all (floor and field-label checks);
/// `min_confidence` is the caller's own floor, applied on top.
pub fn trusted(text: &str, e: &Entity, min_confidence: f32) -> bool {
    e.confidence >= floor(e.kind).max(min_confidence) && !is_field_label(text, e) && !is_letter_spaced(e.text(text)) && not_a_lone_letter(e.text(text)) && !opens_a_sentence(text, e)
}

/// "Priced small-group products for 40,000 members.": one capitalised word opening a line that
/// runs on in lower-case words is the verb (or, in German, the noun) of a sentence, mostly a
/// bullet point's; the model, used to a place or a name standing first on a header line, read
/// it as one.
fn opens_a_sentence(text: &str, e: &Entity) -> bool {
    let span = e.text(text);
    if span.contains(char::is_whitespace) {
        return false;
    }
    let before = text.get(..e.start).unwrap_or("");
    let line_start = before.rfind(['\n', '\u{c}']).map_or(0, |i| i + 1);
    let lead = before.get(line_start..).unwrap_or("");
    if !crate::profile::lines::strip_bullet(lead).trim().is_empty() {
        return false;
    }
    let rest = text.get(e.end..).unwrap_or("");
    let line = rest.split(['\n', '\u{c}']).next().unwrap_or("");
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower = words.iter().filter(|w| w.starts_with(char::is_lowercase)).count();
    line.starts_with(' ') && words.len() >= 3 && words.first().is_some_and(|w| w.starts_with(char::is_lowercase)) && lower * 2 >= words.len()
}

/// A lone letter ("È", "M") is no value the model can mean: it is a stray glyph of a heading or
/// an icon, or one initial of a name whose rest the model missed, and removing it takes that
/// letter out everywhere while the name stays readable. A lone digit can be a value (the number
/// of children).
fn not_a_lone_letter(span: &str) -> bool {
    let mut alphanumeric = span.chars().filter(|c| c.is_alphanumeric());
    !matches!((alphanumeric.next(), alphanumeric.next()), (Some(c), None) if c.is_alphabetic())
}

/// A model span that runs over a tab or a line break has crossed into the next cell or line (an
/// employer and the job title in the cell beside it, a school and the line under it): the
/// tagger sees tokens, not cell edges. It is cut at each edge into pieces that each stand in one
/// cell, so each piece is judged (and redacted in the source) on its own; pieces with no letter
/// or digit are dropped.
pub fn split_at_cells(text: &str, e: &Entity) -> Vec<Entity> {
    let Some(span) = text.get(e.start..e.end) else { return Vec::new() };
    let mut pieces = Vec::new();
    let mut offset = e.start;
    for piece in span.split(['\t', '\n']) {
        let inner = piece.trim();
        if inner.chars().any(char::is_alphanumeric) {
            let start = offset + (piece.len() - piece.trim_start().len());
            let mut cut = e.clone();
            cut.start = start;
            cut.end = start + inner.len();
            pieces.push(cut);
        }
        offset += piece.len() + 1;
    }
    pieces
}

/// "C O N T R Ô L E U R  D E  G E S T I O N": letter-spaced display lines are headings and
/// titles far more often than names, and the model reads them poorly (its weakest layout on the
/// test split). The candidate's own letter-spaced name is found by its name variants instead.
pub fn is_letter_spaced(span: &str) -> bool {
    crate::extract::text_lines::spelt_out(span)
}

/// Kinds whose values are themselves cue words ("married", "female", "catholic"), so a span made
/// of cue words may well be the value.
const CUE_VALUED: [EntityKind; 3] = [EntityKind::MaritalStatus, EntityKind::Gender, EntityKind::Religion];

/// A span that names a field rather than filling it: followed by a colon ("Naam:", "Idade:", "Nr.:"),
/// made only of section-heading words ("Dados pessoais") or of attribute cue words ("Geburtsort",
/// "Familienstand"), or a "person" holding a section word ("Tabellarischer Lebenslauf").
pub fn is_field_label(text: &str, e: &Entity) -> bool {
    let after = text.get(e.end..).unwrap_or("");
    // "Passport No.:", "Ausweis-Nr.:": an abbreviated label keeps its full stop before the colon.
    if after.trim_start_matches([' ', '\t']).trim_start_matches('.').starts_with([':', '：']) {
        return true;
    }
    let words = lexicon::folded_words(e.text(text));
    if words.is_empty() {
        return true;
    }
    if headings::phrase_kind(&words).is_some() {
        return true;
    }
    // No one is called "Lebenslauf": a "name" holding a section word is a document title.
    if e.kind == EntityKind::Person && (headings::titles_the_document(&words) || words.iter().any(|w| headings::key_word_kind(w).is_some())) {
        return true;
    }
    !CUE_VALUED.contains(&e.kind) && words.iter().all(|w| words::word_class(w).is_some_and(is_cue_class))
}

fn is_cue_class(class: words::WordClass) -> bool {
    use words::WordClass as W;
    matches!(class, W::ContactCue | W::BornCue | W::NationalityCue | W::MaritalCue | W::ReligionCue | W::AgeCue | W::GenderCue)
}

/// Byte ranges of `text` (folded in `folded`) where a career string of `profile` stands as whole
/// words: job titles, skills and degrees, and employers and schools where the level keeps them.
pub fn career_ranges(profile: &Value, keep_organisations: bool, folded: &Folded, budget: &mut Budget) -> Result<CareerRanges> {
    let mut values = Vec::new();
    visit::visit(profile, &mut |field: Field, s: &str| {
        let career = field.is_career() || (keep_organisations && field.is_organisation());
        let s = s.trim();
        if career && s.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && s.chars().count() <= 120 {
            values.push(s.to_string());
        }
    });
    crate::sort::sort(&mut values);
    values.dedup();
    let needles = Needles::new(values.iter().map(String::as_str));
    let ranges = needles.find_words(folded, budget)?.into_iter().map(|(_, start, end)| (start, end)).collect();
    Ok(CareerRanges::new(ranges))
}

/// A table's heading row ("Organisation  Designation  Duration", "Degree | College | Year")
/// names columns: what the model or a name's shape reads in it is a column name, not a value.
/// `lines` are the text's line ranges.
pub fn drop_on_table_heads(text: &str, lines: &[(usize, usize, super::zones::Zone)], candidates: &mut Vec<Candidate>) {
    let heads: Vec<(usize, usize)> = lines.iter().filter(|&&(s, e, _)| text.get(s..e).is_some_and(|l| table_head::columns(l).is_some())).map(|&(s, e, _)| (s, e)).collect();
    if heads.is_empty() {
        return;
    }
    let guessed = |c: &Candidate| matches!(c.source, Source::Model | Source::Structure);
    candidates.retain(|c| !(guessed(c) && heads.iter().any(|&(s, e)| c.entity.start >= s && c.entity.end <= e)));
}

/// The model's reading of a job title, skill or (below `thorough`) employer as PII gives way, and
/// so does a name read from its shape and place alone ([`super::persons`]); one named by a role
/// cue does not, nor does the same name written elsewhere: a supervisor the profile filed as a
/// field of study is still a person on the referee line.
pub fn shield_career(text: &str, candidates: &mut Vec<Candidate>, career: &CareerRanges) {
    let cued: Vec<&str> = candidates.iter().filter(|c| c.entity.kind == EntityKind::Person && c.entity.detector == CUED_PERSON_DETECTOR).map(|c| c.entity.text(text)).collect();
    let guessed = |c: &Candidate| match c.source {
        Source::Structure => c.entity.detector != CUED_PERSON_DETECTOR && !(c.entity.kind == EntityKind::Person && cued.contains(&c.entity.text(text))),
        Source::Model => c.entity.detector == MODEL_DETECTOR,
        _ => false,
    };
    candidates.retain(|c| !(guessed(c) && career.cover(text, c.entity.start, c.entity.end)));
    // A span that only runs onto a career string ("Acme Ltd  UX" before the title "UX
    // Designer") keeps its part off it, so the title stays whole.
    candidates.retain_mut(|c| {
        if !guessed(c) {
            return true;
        }
        match career.outside(text, c.entity.start, c.entity.end) {
            Some((start, end)) => {
                c.entity.start = start;
                c.entity.end = end;
                true
            }
            None => false,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use serde_json::json;

    fn span(text: &str, needle: &str, kind: EntityKind, confidence: f32) -> Entity {
        let start = text.find(needle).unwrap();
        Entity::new(kind, start, start + needle.len(), confidence, MODEL_DETECTOR)
    }

    #[test]
    fn floors_and_field_labels_decide_trust() {
        let text = "Tabellarischer Lebenslauf\nNaam: Ana Berg\nGeburtsort\tKöln\nFamilienstand: verheiratet";
        assert!(trusted(text, &span(text, "Ana Berg", EntityKind::Person, 0.95), 0.5));
        assert!(!trusted(text, &span(text, "Ana Berg", EntityKind::Person, 0.6), 0.5));
        assert!(!trusted(text, &span(text, "Ana Berg", EntityKind::Person, 0.85), 0.9), "the caller's floor applies too");
        assert!(!trusted(text, &span(text, "Naam", EntityKind::Person, 0.99), 0.5));
        let abbreviated = "Reisepass Nr.: X1234567";
        assert!(!trusted(abbreviated, &span(abbreviated, "Reisepass Nr", EntityKind::Location, 0.99), 0.5));
        assert!(!trusted(text, &span(text, "Tabellarischer Lebenslauf", EntityKind::Person, 0.99), 0.5));
        let titled = "HOJA DE VIDA\nLucía Ferreyra";
        assert!(!trusted(titled, &span(titled, "HOJA DE VIDA", EntityKind::Person, 0.99), 0.5));
        assert!(trusted(titled, &span(titled, "Lucía Ferreyra", EntityKind::Person, 0.99), 0.5));
        assert!(!trusted(text, &span(text, "Geburtsort", EntityKind::PlaceOfBirth, 0.95), 0.5));
        assert!(trusted(text, &span(text, "Köln", EntityKind::PlaceOfBirth, 0.95), 0.5));
        assert!(trusted(text, &span(text, "verheiratet", EntityKind::MaritalStatus, 0.95), 0.5), "a cue word can be the value");
        let spaced = "C O N T R Ô L E U R  D E  G E S T I O N\nAna Berg";
        assert!(!trusted(spaced, &span(spaced, "C O N T R Ô L E U R  D E  G E S T I O N", EntityKind::Person, 0.99), 0.5));
        assert!(!is_letter_spaced("Ana B. Berg") && is_letter_spaced("A N A  B E R G"));
        let bullets = "• Priced group products for members.\nLeeds office\nMoved to Leeds in 2019.\n• Leeds";
        assert!(!trusted(bullets, &span(bullets, "Priced", EntityKind::Location, 0.99), 0.5), "a sentence's first word");
        assert!(trusted(bullets, &span(bullets, "Leeds", EntityKind::Location, 0.99), 0.5), "a place and one lower-case word");
        let moved = bullets.find("Leeds in").unwrap();
        assert!(trusted(bullets, &Entity::new(EntityKind::Location, moved, moved + 5, 0.99, MODEL_DETECTOR), 0.5), "not the line's first word");
    }

    #[test]
    fn nothing_guessed_on_a_table_heading_row_is_kept() {
        use crate::detect::zones::Zone;
        let text = "Organisation  Designation  Duration\nWillowmere Foods  Buyer  2019 – 2021";
        let head_end = text.find('\n').unwrap();
        let lines = [(0, head_end, Zone::Contact), (head_end + 1, text.len(), Zone::Contact)];
        let mut candidates = vec![
            Candidate::new(span(text, "Designation  Duration", EntityKind::Org, 0.98), Source::Model),
            Candidate::new(span(text, "Willowmere Foods", EntityKind::Org, 0.98), Source::Model),
        ];
        drop_on_table_heads(text, &lines, &mut candidates);
        let kept: Vec<&str> = candidates.iter().map(|c| c.entity.text(text)).collect();
        assert_eq!(kept, ["Willowmere Foods"]);
    }

    #[test]
    fn career_strings_shield_model_spans_below_thorough() {
        let text = "Wilder Tech — Senior Accountant\nSkills: SAP, Java\nMet Ana Berg at Wilder Tech.";
        let profile = json!({"work": [{"name": "Wilder Tech", "position": "Senior Accountant"}], "skills": [{"keywords": ["SAP", "Java"]}]});
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let basic = career_ranges(&profile, true, &folded, &mut budget).unwrap();
        let thorough = career_ranges(&profile, false, &folded, &mut budget).unwrap();
        let at = |needle: &str| {
            let s = text.rfind(needle).unwrap();
            (s, s + needle.len())
        };
        let (s, e) = at("Wilder Tech");
        assert!(basic.cover(text, s, e) && !thorough.cover(text, s, e));
        let (s, e) = at("Senior Accountant");
        assert!(thorough.cover(text, s, e));
        let (s, e) = at("Ana Berg");
        assert!(!basic.cover(text, s, e));
        // A span mostly on a title is shielded; one that only touches it is not.
        let (s, _) = at("Senior");
        assert!(basic.cover(text, s - 1, s + 17));
        let (s, e) = at("Ana Berg at Wilder");
        assert!(!thorough.cover(text, s, e));
    }

    #[test]
    fn a_span_inside_a_title_is_shielded_when_skills_nest_in_that_title() {
        let text = "Lead – Cloud and Office Automation\nOffice and Cloud tools";
        let title = (0, text.find('\n').unwrap());
        let at = |needle: &str| text.find(needle).map(|s| (s, s + needle.len())).unwrap();
        let career = CareerRanges::new(vec![title, at("Cloud"), at("Office")]);
        let (s, e) = at("Automation");
        assert!(career.cover(text, s, e));
        assert_eq!(career.outside(text, s, e), None);
    }

    #[test]
    fn spoken_languages_are_career_strings() {
        let text = "Languages\nPortuguese ●●●●●\nMandarin ●●○○○\nBorn in Porto";
        let profile = json!({"languages": [{"language": "Portuguese"}, {"language": "Mandarin", "fluency": "basic"}]});
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let career = career_ranges(&profile, false, &folded, &mut budget).unwrap();
        let at = |needle: &str| text.find(needle).map(|s| (s, s + needle.len())).unwrap();
        for word in ["Portuguese", "Mandarin"] {
            let (s, e) = at(word);
            assert!(career.cover(text, s, e), "{word}");
        }
        let (s, e) = at("Porto");
        assert!(!career.cover(text, s, e));
    }

    #[test]
    fn a_span_over_cell_edges_is_cut_into_one_piece_per_cell() {
        let text = "Fennel & Sons\tUX Designer\nNorth School of Art\n\t\nFigma";
        let whole = Entity::new(EntityKind::Org, 0, text.len(), 0.9, MODEL_DETECTOR);
        let pieces: Vec<&str> = split_at_cells(text, &whole).iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(pieces, ["Fennel & Sons", "UX Designer", "North School of Art", "Figma"]);
        let inside = Entity::new(EntityKind::Org, 0, 6, 0.9, MODEL_DETECTOR);
        assert_eq!(split_at_cells(text, &inside), vec![inside.clone()]);
    }

    #[test]
    fn a_lone_letter_is_never_trusted() {
        let text = "È\tAna Berg";
        assert!(!trusted(text, &span(text, "È", EntityKind::Person, 0.99), 0.5));
        let children = "Kinder: 3";
        assert!(trusted(children, &span(children, "3", EntityKind::MaritalStatus, 0.99), 0.5), "a lone digit can be a value");
        assert!(trusted(text, &span(text, "Ana Berg", EntityKind::Person, 0.99), 0.5));
    }

    #[test]
    fn a_span_running_onto_a_title_keeps_only_its_part_off_it() {
        let text = "Fennel & Sons  UX Designer  2016";
        let title = text.find("UX Designer").unwrap();
        let career = CareerRanges::new(vec![(title, title + "UX Designer".len())]);
        let org = Entity::new(EntityKind::Org, 0, title + 2, 0.9, MODEL_DETECTOR);
        let on_title = Entity::new(EntityKind::Person, title, title + 11, 0.9, MODEL_DETECTOR);
        let mut candidates = vec![Candidate::new(org, Source::Model), Candidate::new(on_title, Source::Model)];
        shield_career(text, &mut candidates, &career);
        let left: Vec<&str> = candidates.iter().map(|c| &text[c.entity.start..c.entity.end]).collect();
        assert_eq!(left, ["Fennel & Sons"]);
    }

    #[test]
    fn a_name_a_cue_named_is_a_person_on_a_career_string_too() {
        let text = "Supervisor: Hanne Lindqvist\nMSc, Hanne Lindqvist\nHanne Lindqvist, Reader";
        let career = CareerRanges::new(vec![(text.find("MSc").unwrap(), text.len())]);
        let at = |n: usize| text.match_indices("Hanne Lindqvist").nth(n).map_or(0, |(s, _)| s);
        let person = |n: usize, detector: &'static str| Candidate::new(Entity::new(EntityKind::Person, at(n), at(n) + 15, 0.8, detector), Source::Structure);
        let mut candidates = vec![person(0, CUED_PERSON_DETECTOR), person(2, "persons")];
        shield_career(text, &mut candidates, &career);
        assert_eq!(candidates.len(), 2);
        let mut alone = vec![person(2, "persons")];
        shield_career(text, &mut alone, &career);
        assert!(alone.is_empty(), "without the cue the career string shields it");
    }
}
