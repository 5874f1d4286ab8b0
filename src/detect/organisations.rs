//! Employers and schools named where no entry field holds them.
//!
//! The parse finds an entry's employer and school, and the model tags organisations it learnt on
//! synthetic layouts; on real CVs names still stand where neither looks: in a description line
//! ("weekend tutor at Northfield School", "Werkstudent bei Acme Data und Design"), and as the
//! short form of a name the parse did find ("ACME" for "Atlantic Coast Mining Enterprises"). At
//! `thorough` such a name identifies the candidate as surely as the entry's own, so this module
//! reads them from their shape, without knowing any name:
//! - a capitalised run of words with a school word or a legal form in it ("Northfield School",
//!   "Harlow Systems Ltd"), scored by the parser's own entry words ([`roles`]);
//! - a capitalised run after an employer cue ("at", "bei", "chez"…), when an organisation word
//!   or its shape says it is a name (two name words, or a brand written with inner capitals);
//! - the initials of an employer or school of the profile, written in capitals;
//! - a capitalised piece of a line that holds an employer of the profile, beside it
//!   ("Debating Society, Elmford Rowing Club"): the entry's header, whose other pieces the parse
//!   left unassigned. A piece that reads as a job title, a degree or a date is none.
//!
//! Every span is a [`Source::Structure`] candidate: like the model's, it gives way to the
//! profile's career strings ([`super::model_gate::shield_career`]), so a job title, a skill or a
//! degree that holds an organisation word ("Amazon Web Services") stays.

use serde_json::Value;

use super::zones::Zone;
use super::Detections;
use crate::entities::candidate::{Candidate, Source};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::lexicon::entry_words::{DEGREE_WORDS, LEGAL_FORMS, PLACE_WORDS, REGION_CODES};
use crate::lexicon::{self, headings};
use crate::limits::Budget;
use crate::profile::roles;
use crate::profile::visit::{self, Field};

/// Detector name of the organisation and school names read from their shape.
pub const ORGANISATIONS_DETECTOR: &str = "organisations";

/// Confidence given to the names found here.
const CONFIDENCE: f32 = 0.75;

/// Lower-case words that join the words of one name ("Bank of America", "Institut für Physik",
/// "Smith & Sons").
const JOINS: &[&str] = &[
    "of", "for", "and", "&", "the", "de", "del", "della", "di", "da", "des", "du", "d'", "der", "für", "und", "y", "et", "la", "le",
    "van", "von", "zu", "am",
];

/// Lower-case words after which a CV names an employer ("Intern at …", "Praktikum bei …"). German
/// capitalises every noun, so after its cues a run must look like a name ([`name_shaped`]).
const EMPLOYER_CUES: &[&str] = &["at", "bei", "beim", "chez", "presso", "bij"];

/// Articles allowed between a cue and the name ("bei der …", "at the …").
const CUE_ARTICLES: &[&str] = &["the", "der", "dem", "den", "la", "le", "l'", "el", "het", "de"];

/// Fewest capitals of an initialism looked for.
const MIN_INITIALS: usize = 3;

/// A word of a line: byte range in the text, the word with its edge punctuation trimmed, and
/// whether punctuation after it closes the name it may be part of.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    closes: bool,
}

/// Organisation and school names in the lines of `text` outside the candidate's contact block
/// (lines, profile and the other detectors' spans in `det`).
pub fn find(text: &str, det: &Detections, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let initialisms = det.profile.as_ref().map(initialisms).unwrap_or_default();
    let organisations = det.profile.as_ref().map(organisations).unwrap_or_default();
    let entry_places = det.profile.as_ref().map(entry_places).unwrap_or_default();
    // A header piece another detector calls a place is one ("Acme AG, Basel").
    let places: Vec<(usize, usize)> =
        det.rules.iter().chain(&det.model).filter(|e| matches!(e.kind, EntityKind::Location | EntityKind::Address)).map(|e| (e.start, e.end)).collect();
    let mut out = Vec::new();
    for &(start, end, zone) in &det.lines {
        if zone == Zone::Contact {
            continue;
        }
        let Some(line) = text.get(start..end) else { continue };
        budget.spend(line.len() as u64 / 8 + 1)?;
        out.extend(beside_organisation(line, start, &organisations, &entry_places).into_iter().filter(|c| !places.iter().any(|&(s, e)| s < c.entity.end && c.entity.start < e)));
        let mut offset = start;
        for cell in line.split('\t') {
            let words = words_of(cell, offset);
            offset += cell.len() + 1;
            for w in &words {
                if let Some(&(_, kind)) = initialisms.iter().find(|(a, _)| a == w.text) {
                    out.push(candidate(kind, w.start, w.end));
                }
            }
            if let Some(w) = acronym_after_joiner(&words) {
                out.push(candidate(EntityKind::School, w.start, w.end));
            }
            for (first, last, cued) in runs(&words) {
                let (Some(a), Some(b)) = (words.get(first), words.get(last)) else { continue };
                let Some(run) = text.get(a.start..b.end) else { continue };
                if let Some(kind) = kind_of_run(run, cued) {
                    out.push(candidate(kind, a.start, b.end));
                }
            }
        }
    }
    Ok(out)
}

/// Words that join what was studied or done to where ("… en UNXX", "MSc in Finance at LSX").
const PLACE_JOINERS: &[&str] = &["at", "en", "in", "à", "em", "na", "from", "an"];

/// "Licenciatura en Física en UNXX": an acronym (two to six capitals; no region code, degree,
/// legal form or title) that ends a cell after a joiner, with words before it, names where.
fn acronym_after_joiner<'w>(words: &'w [Word<'w>]) -> Option<&'w Word<'w>> {
    // A year or a date range after it ("… en UNXX (2017)") is no word of the cell's text.
    let lettered = words.iter().rposition(|w| w.text.chars().any(char::is_alphabetic))?;
    let [.., before, joiner, last] = words.get(..=lettered)? else { return None };
    let acronym = roles::is_acronym(last.text);
    let lower = last.text.to_lowercase();
    let known = REGION_CODES.contains(&last.text) || DEGREE_WORDS.contains(&lower.as_str()) || LEGAL_FORMS.contains(&lower.as_str()) || roles::title_score(last.text) > 0;
    (acronym && !known && PLACE_JOINERS.contains(&joiner.text) && !before.closes && !joiner.closes && before.text.chars().any(char::is_alphabetic)).then_some(last)
}

fn candidate(kind: EntityKind, start: usize, end: usize) -> Candidate {
    Candidate::new(Entity::new(kind, start, end, CONFIDENCE, ORGANISATIONS_DETECTOR), Source::Structure)
}

/// The words of `cell`, which starts at byte `offset` of the text.
fn words_of(cell: &str, offset: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for raw in cell.split(' ') {
        let raw_start = at;
        at += raw.len() + 1;
        let lead = raw.len() - raw.trim_start_matches(['(', '"', '“', '„', '«', '‘', '\'', '[']).len();
        let body = raw.get(lead..).unwrap_or("");
        let trimmed = body.trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '&' | '\''));
        let tail = body.get(trimmed.len()..).unwrap_or("");
        // A dot ends a name unless it ends an abbreviation ("Inc.", "St.", "D.C.").
        let dotted = trimmed.ends_with('.') && !(trimmed.chars().count() <= 4 || trimmed.trim_end_matches('.').contains('.'));
        let word = trimmed.trim_end_matches(|c: char| c == '.' && dotted);
        if word.is_empty() {
            continue;
        }
        let start = offset + raw_start + lead;
        out.push(Word { start, end: start + word.len(), text: word, closes: dotted || !tail.is_empty() || lead > 0 && raw.starts_with('(') });
    }
    out
}

/// A word that can be part of a name: it starts with a capital or a digit, or holds a capital
/// ("eBay").
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let first = chars.next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && w.chars().any(char::is_alphabetic) || first.is_some_and(char::is_lowercase) && chars.any(char::is_uppercase)
}

/// Runs of name words joined by [`JOINS`], as (first word, last word, whether an employer cue
/// stands before it).
fn runs(words: &[Word]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < words.len() {
        let Some(w) = words.get(i) else { break };
        if !is_name_word(w.text) {
            i += 1;
            continue;
        }
        let cued = cue_before(words, i);
        let mut last = i;
        let mut j = i;
        while !words.get(j).is_some_and(|w| w.closes) {
            j += 1;
            match words.get(j) {
                Some(w) if is_name_word(w.text) => last = j,
                Some(w) if JOINS.contains(&w.text) => {}
                _ => break,
            }
        }
        out.push((i, last, cued));
        i = last + 1;
    }
    out
}

/// Whether an employer cue (perhaps with an article) stands right before word `i`.
fn cue_before(words: &[Word], i: usize) -> bool {
    let lower = |k: usize| words.get(k).filter(|w| !w.closes).map(|w| w.text.to_lowercase());
    match i.checked_sub(1).and_then(lower) {
        Some(w) if EMPLOYER_CUES.contains(&w.as_str()) => true,
        Some(w) if CUE_ARTICLES.contains(&w.as_str()) => i.checked_sub(2).and_then(lower).is_some_and(|c| EMPLOYER_CUES.contains(&c.as_str())),
        _ => false,
    }
}

/// What a capitalised run names, if it names an organisation or a school: a school when a school
/// word heads it, an organisation when an organisation word does or, after an employer cue, when
/// it is shaped like a name. A job title, a degree, a section heading or a place is none.
fn kind_of_run(run: &str, cued: bool) -> Option<EntityKind> {
    let folded = lexicon::folded_words(run);
    if headings::phrase_kind(&folded).is_some() || roles::title_score(run) > 0 {
        return None;
    }
    let words = roles::words(run);
    let is_school_word = |w: &String| {
        let w = w.trim_end_matches('.');
        roles::school_score(w) > 0 && !DEGREE_WORDS.contains(&w)
    };
    let others = |pred: &dyn Fn(&String) -> bool| words.iter().filter(|w| !pred(w) && !JOINS.contains(&w.as_str())).count();
    if words.iter().any(is_school_word) && others(&is_school_word) > 0 {
        return Some(EntityKind::School);
    }
    if roles::degree_score(run) > 0 {
        return None;
    }
    // An organisation word alone is also a noun of a description ("Digital Media", "Planung der
    // Gruppe"); a legal form written as one ("Ltd", "GmbH") is not.
    let legal_form = |w: &&str| {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
        // A two-letter form is a word too ("Me", "Sa") unless written in capitals.
        let written_as_form = if word.chars().count() <= 2 { word.chars().all(char::is_uppercase) } else { word.chars().any(char::is_uppercase) };
        written_as_form && LEGAL_FORMS.contains(&word.to_lowercase().as_str())
    };
    let tokens: Vec<&str> = run.split_whitespace().collect();
    if tokens.len() >= 2 && tokens.iter().any(legal_form) {
        return Some(EntityKind::Org);
    }
    let org_word = words.iter().any(|w| roles::org_score(w) >= 2);
    let place = PLACE_WORDS.contains(&run.to_lowercase().as_str());
    (cued && !place && (org_word || name_shaped(run))).then_some(EntityKind::Org)
}

/// Whether a run after an employer cue is shaped like a name rather than nouns of the sentence
/// ("bei Umzügen", "beim Malen von Bildern"): a word with capitals inside ("ACME",
/// "DataWorks"), or two name words or more with no joining word between them.
fn name_shaped(run: &str) -> bool {
    let tokens: Vec<&str> = run.split_whitespace().collect();
    let inner_capital = tokens.iter().any(|w| w.chars().skip(1).any(char::is_uppercase));
    inner_capital || tokens.len() >= 2 && tokens.iter().all(|w| is_name_word(w))
}

/// The profile's employers and the organisations of its volunteering. Beside a school stands the
/// degree and beside a certificate's issuer the certificate, which the lexicon does not always
/// know ("Zertifikat Gartenbau"), so their lines are left alone.
fn organisations(profile: &Value) -> Vec<String> {
    values_of(profile, |field| matches!(field, Field::WorkName | Field::VolunteerOrganization))
}

/// The places of the profile's entries ("Chicago, IL"): beside an employer they are no names.
fn entry_places(profile: &Value) -> Vec<String> {
    values_of(profile, |field| field == Field::Place)
}

/// The profile's values of the fields `wanted` takes, trimmed, each once, with two letters or
/// digits at least.
fn values_of(profile: &Value, wanted: impl Fn(Field) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    visit::visit(profile, &mut |field: Field, s: &str| {
        if wanted(field) && s.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            out.push(s.trim().to_string());
        }
    });
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// Most words of a header piece taken for a name.
const MAX_PIECE_WORDS: usize = 6;

/// The other capitalised pieces of a `line` (at byte `offset` of the text) that holds one of
/// `organisations`, pieces being cut at tabs, commas, bars and dashes; the profile's entry
/// `places` among them are none.
fn beside_organisation(line: &str, offset: usize, organisations: &[String], places: &[String]) -> Vec<Candidate> {
    let occurrences = |values: &[String]| {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for value in values {
            let mut from = 0usize;
            while let Some(at) = line.get(from..).and_then(|rest| rest.find(value.as_str())) {
                found.push((from + at, from + at + value.len()));
                from += at + value.len().max(1);
            }
        }
        found
    };
    let mut taken = occurrences(organisations);
    if taken.is_empty() {
        return Vec::new();
    }
    taken.extend(occurrences(places));
    // "March 2016 – Present": a date's pieces are no names.
    taken.extend(crate::dates::find_dates(line).into_iter().map(|d| (d.start, d.end)));
    let mut out = Vec::new();
    let mut piece_start = 0usize;
    let cuts = line.char_indices().filter(|&(i, c)| matches!(c, '\t' | ',' | '|' | '·' | '–' | '—') || c == '-' && line.get(i.saturating_sub(1)..i) == Some(" ")).map(|(i, c)| (i, i + c.len_utf8()));
    for (cut_start, cut_end) in cuts.chain(std::iter::once((line.len(), line.len()))) {
        let (a, b) = (piece_start, cut_start);
        piece_start = cut_end;
        if taken.iter().any(|&(s, e)| s < b && a < e) {
            continue;
        }
        let Some(raw) = line.get(a..b) else { continue };
        let piece = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        if piece_is_name(piece) {
            let kind = if roles::school_score(piece) > 0 { EntityKind::School } else { EntityKind::Org };
            out.push(candidate(kind, offset + a + lead, offset + a + lead + piece.len()));
        }
    }
    out
}

/// Whether a header piece is a name: capitalised words (joined by [`JOINS`]) without a digit,
/// and no job title, degree or section heading.
fn piece_is_name(piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    let shaped = !words.is_empty()
        && words.len() <= MAX_PIECE_WORDS
        && words.first().is_some_and(|w| is_name_word(w))
        && words.iter().all(|w| is_name_word(w) || JOINS.contains(w))
        && !piece.chars().any(|c| c.is_ascii_digit())
        && piece.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    shaped
        && roles::title_score(piece) == 0
        && roles::degree_score(piece) == 0
        && headings::phrase_kind(&lexicon::folded_words(piece)).is_none()
        && !roles::reads_as_prose(piece)
        && !names_a_place(piece)
}

/// Whether a header piece names a place: a country, region or city the lexicon knows ("Tacoma,
/// WA" gives "WA"), which the places' own detectors remove as places.
fn names_a_place(piece: &str) -> bool {
    PLACE_WORDS.contains(&piece.to_lowercase().as_str()) || REGION_CODES.contains(&piece) || !crate::entities::country::find_places(piece).is_empty()
}

/// The initials of the profile's employers and schools of three words or more ("Atlantic Coast
/// Mining Enterprises" → "ACME"), with the kind of the name they stand for.
fn initialisms(profile: &Value) -> Vec<(String, EntityKind)> {
    let mut out: Vec<(String, EntityKind)> = Vec::new();
    for (value, kind, _) in visit::known_values(profile) {
        if !matches!(kind, EntityKind::Org | EntityKind::School) {
            continue;
        }
        let initials: String = value.split_whitespace().filter(|w| !JOINS.contains(w)).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
        let words = value.split_whitespace().filter(|w| !JOINS.contains(w)).count();
        if initials.chars().count() >= MIN_INITIALS && initials.chars().count() == words && !out.iter().any(|(a, _)| *a == initials) {
            out.push((initials, kind));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use serde_json::json;

    fn found(text: &str, profile: Option<&Value>) -> Vec<(EntityKind, String)> {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            lines.push((start, start + line.len(), Zone::Other));
            start += line.len() + 1;
        }
        let det = Detections { lines, profile: profile.cloned(), ..Detections::default() };
        let mut budget = Budget::new(&Limits::default());
        find(text, &det, &mut budget).unwrap().into_iter().map(|c| (c.entity.kind, c.entity.text(text).to_string())).collect()
    }

    #[test]
    fn names_headed_by_an_organisation_or_school_word() {
        let got = found("Weekend tutor at Northfield School, Elmford.\nBuilt tools for Harlow Systems Ltd in 2019", None);
        assert_eq!(got, [(EntityKind::School, "Northfield School".to_string()), (EntityKind::Org, "Harlow Systems Ltd".to_string())]);
    }

    #[test]
    fn titles_degrees_and_headings_are_no_names() {
        for text in ["Senior Software Engineer", "Bachelor of Science", "Work Experience", "Executive MBA", "School", "Research & Development"] {
            assert_eq!(found(text, None), [], "{text}");
        }
    }

    #[test]
    fn an_acronym_after_a_joiner_ends_a_study_line() {
        assert_eq!(found("Estudiante de Física en UNXX", None), [(EntityKind::School, "UNXX".to_string())]);
        assert_eq!(found("Licence de chimie à l'ENSX", None), []);
        assert_eq!(found("Máster en Química en UNXX (2017)", None), [(EntityKind::School, "UNXX".to_string())]);
        // Region codes, degree abbreviations and a lone acronym are not.
        assert_eq!(found("Consultant in TX", None), []);
        assert_eq!(found("Diploma in MBA", None), []);
        assert_eq!(found("UNXX", None), []);
    }

    #[test]
    fn after_an_employer_cue_a_name_shaped_run() {
        let text = "Werkstudent Entwicklung bei QuendelData Analytik und Design\nHilfe beim Kleintierverein Ostholm\nHilfe bei Umzügen\nHilfe beim Malen von Bildern\nWorked at DataWorks\nIntern at Bank of Elmford";
        let names: Vec<String> = found(text, None).into_iter().map(|(_, s)| s).collect();
        assert_eq!(names, ["QuendelData Analytik und Design", "Kleintierverein Ostholm", "DataWorks", "Bank of Elmford"]);
        assert_eq!(found("Wöchentliche Planung der Gruppe\nDigital Media\nLet Me Know", None), []);
    }

    #[test]
    fn pieces_beside_a_profile_employer() {
        let profile = json!({"volunteer": [{"organization": "Elmford Rowing", "position": "Captain"}], "education": [{"institution": "Elmford College"}]});
        let got = found("Debating Society, Elmford Rowing\tMarch 2016 – Present\nCaptain, Elmford Rowing\nLecturer | Elmford Rowing\nEnglish Literature, Elmford College", Some(&profile));
        let pieces: Vec<&str> = got.iter().filter(|(kind, _)| *kind == EntityKind::Org).map(|(_, s)| s.as_str()).collect();
        assert_eq!(pieces, ["Debating Society"]);
        // The entry's own place beside its employer is a place.
        let profile = json!({"work": [{"name": "QUILLMOOR FREIGHT", "position": "Dispatcher", "location": "Tulsa, OK"}]});
        let got = found("QUILLMOOR FREIGHT — Tulsa, OK\nDispatcher   Apr 2020 – Present", Some(&profile));
        assert!(got.iter().all(|(_, s)| !s.contains("Tulsa")), "{got:?}");
    }

    #[test]
    fn initials_of_a_profile_employer() {
        let profile = json!({"work": [{"name": "Atlantic Coast Mining Enterprises"}], "education": [{"institution": "Elmford University"}]});
        let got = found("Sales lead for ACME\nAcme rockets, EU", Some(&profile));
        assert_eq!(got, [(EntityKind::Org, "ACME".to_string())]);
    }
}
