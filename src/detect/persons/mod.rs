//! Other people's names: co-authors, supervisors, referees, relatives.
//!
//! The candidate's name is known and found in all its variants ([`super::name_variants`]);
//! nobody else's is. The anonymiser model finds some, but its PERSON label is gated for
//! precision ([`super::model_gate`]) and learnt on synthetic layouts, so on real CVs most other
//! people's names got through. Yet a CV writes them where their place says what they are, and
//! that is what this module reads, without knowing any name:
//! - author lists opening a publication entry, in every usual style ("Doe J, Roe RM", "Doe, J.,
//!   Roe, R.", "J. Doe and R. Roe", "Doe J.-P. et al."); in a publications section a list and a
//!   title after it suffice, elsewhere it takes initials and a year, a quote or "et al.";
//! - names after a role or relation cue in any supported language ("Supervisors: …",
//!   "Betreuer: …", "directeur de thèse : …", "orientador: …", "son of …", "Father's Name: …");
//! - names after an honorific ("Dr.", "Prof.", "Frau");
//! - the name opening a line of the references section ("Jane Doe, Professor, …"), when a
//!   separator follows it or the model saw a person there;
//! - the model's PERSON spans of medium confidence that are shaped like a name, in the
//!   references and at the head of a publication entry, where a person is what one expects.
//!
//! Every span is a [`Source::Structure`] candidate (the model's stay [`Source::Model`]); like
//! the model's, they give way to the profile's career strings ([`super::model_gate::shield_career`]),
//! except the names a cue introduces.

mod shapes;

use super::model_gate::{self, MODEL_DETECTOR};
use super::zones::{zone_of, Zone};
use super::Detections;
use crate::entities::candidate::{Candidate, Source};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::lexicon::person_words as pw;
use crate::lexicon::words::WordClass;
use crate::limits::Budget;
use shapes::{Name, Tail, Tok};

/// Detector name of the names read from their shape and place (author lists, honorifics,
/// referee lines).
pub const PERSONS_DETECTOR: &str = "persons";

pub use super::model_gate::CUED_PERSON_DETECTOR as CUED_DETECTOR;

/// Model PERSON spans at least this confident count in references sections, and at the head of
/// a publications entry, when they are shaped like a name.
pub const MEDIUM_CONFIDENCE: f32 = 0.5;

/// A referee's name alone on its line counts when the model saw a person there at least this
/// confidently ("Operador de Centro Logístico" alone on a line is a job title).
const REFEREE_MODEL_SUPPORT: f32 = 0.3;

/// Confidence given to the names found from structure.
const STRUCTURE_CONFIDENCE: f32 = 0.8;

/// Leading tokens skipped before an author list or a referee's name: bullets, numbering, years.
const MAX_PREFIX_TOKENS: usize = 6;

/// Other people's names in `text`, whose lines and model spans are in `det`.
pub fn find(text: &str, det: &Detections, min_confidence: f32, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let model_persons: Vec<&Entity> = det.model.iter().filter(|e| e.kind == EntityKind::Person && e.detector == MODEL_DETECTOR).collect();
    let mut out = Vec::new();
    for &(start, end, zone) in &det.lines {
        let line = text.get(start..end).unwrap_or("");
        budget.spend(line.len() as u64 / 4 + 1)?;
        let supported = |s: usize, e: usize| model_persons.iter().any(|m| m.confidence >= REFEREE_MODEL_SUPPORT && m.start < start + e && start + s < m.end);
        for (s, e, cued) in in_line(line, zone, &supported) {
            let detector = if cued { CUED_DETECTOR } else { PERSONS_DETECTOR };
            let entity = Entity::new(EntityKind::Person, start + s, start + e, STRUCTURE_CONFIDENCE, detector);
            out.push(Candidate::new(entity, Source::Structure));
        }
    }
    let floor = model_gate::floor(EntityKind::Person).max(min_confidence);
    for &(start, end, _) in &det.lines {
        let found = |s: usize, e: usize| s >= start && e <= end;
        let mut seeds: Vec<(usize, usize)> = out.iter().map(|c| (c.entity.start, c.entity.end)).filter(|&(s, e)| found(s, e)).collect();
        seeds.extend(model_persons.iter().filter(|m| m.confidence >= floor && found(m.start, m.end)).map(|m| (m.start, m.end)));
        if seeds.is_empty() {
            continue;
        }
        let local: Vec<(usize, usize)> = seeds.iter().map(|&(s, e)| (s - start, e - start)).collect();
        for (s, e) in list_neighbours(text.get(start..end).unwrap_or(""), &local) {
            let entity = Entity::new(EntityKind::Person, start + s, start + e, STRUCTURE_CONFIDENCE, PERSONS_DETECTOR);
            out.push(Candidate::new(entity, Source::Structure));
        }
    }
    let medium = MEDIUM_CONFIDENCE.max(min_confidence);
    for e in model_persons {
        let expected = match zone_of(&det.lines, e.start) {
            Zone::References => true,
            // Mid-line, a publication's capitalised words are its title and venue.
            Zone::Publications => opens_line(text, &det.lines, e.start),
            _ => false,
        };
        if expected && e.confidence >= medium && e.confidence < floor && is_name(e.text(text)) && !model_gate::is_field_label(text, e) {
            out.push(Candidate::new(e.clone(), Source::Model));
        }
    }
    Ok(out)
}

/// Whether byte `at` of `text` is the first word of its line.
fn opens_line(text: &str, lines: &[(usize, usize, Zone)], at: usize) -> bool {
    let index = lines.partition_point(|&(start, _, _)| start <= at);
    let Some(&(start, _, _)) = index.checked_sub(1).and_then(|i| lines.get(i)) else { return false };
    let before = text.get(start..at).unwrap_or("");
    let toks = shapes::tokenize(before);
    first_word(&toks) == toks.len()
}

/// Whether `span` is one name and nothing else.
fn is_name(span: &str) -> bool {
    let toks = shapes::tokenize(span);
    shapes::author(&toks, 0).is_some_and(|n| n.1 == toks.len())
}

/// Byte ranges of other people's names in one line of zone `zone`, and whether a cue named them;
/// `supported` says whether the model saw a person in a byte range of the line.
fn in_line(line: &str, zone: Zone, supported: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize, bool)> {
    let toks = shapes::tokenize(line);
    let range = |n: Name| shapes::byte_range(&toks, n);
    let first = first_word(&toks);
    let mut found: Vec<(usize, usize, bool)> = after_cues(&toks).into_iter().filter_map(range).map(|(s, e)| (s, e, true)).collect();
    let mut shaped = author_list(&toks, first, zone == Zone::Publications);
    shaped.extend(after_honorifics(&toks));
    shaped.extend(before_affiliations(&toks));
    shaped.extend(before_bracketed_roles(&toks));
    shaped.extend(possessors(&toks));
    if zone == Zone::References {
        shaped.extend(referee(&toks, first).filter(|&(name, alone)| !alone || range(name).is_some_and(|(s, e)| supported(s, e))).map(|(name, _)| name));
    }
    found.extend(shaped.into_iter().filter_map(range).map(|(s, e)| (s, e, false)));
    // One span per name, the cued reading first.
    crate::sort::sort_by_key(&mut found, |&(s, e, cued)| (s, e, !cued));
    found.dedup_by_key(|&mut (s, e, _)| (s, e));
    found
}

/// The first word of a line after its bullet, numbering or year.
fn first_word(toks: &[Tok]) -> usize {
    toks.iter()
        .take(MAX_PREFIX_TOKENS)
        .position(|t| t.word && !t.text.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(toks.len())
}

/// The authors of a list opening the line at token `i`.
fn author_list(toks: &[Tok], i: usize, in_publications: bool) -> Vec<Name> {
    let (names, tail) = shapes::name_list(toks, i, shapes::author_in_list);
    let with_initials = names.iter().filter(|n| n.2).count();
    let accepted = if in_publications {
        // A lone full name needs "et al." after it: "Marine Policy Review (2019)" is a venue.
        tail > Tail::None && (with_initials > 0 || names.len() >= 2 || is_et_al_after(toks, &names))
    } else {
        tail == Tail::Strong && (with_initials >= 2 || with_initials == 1 && is_et_al_after(toks, &names))
    };
    if accepted {
        names
    } else {
        Vec::new()
    }
}

fn is_et_al_after(toks: &[Tok], names: &[Name]) -> bool {
    let Some(last) = names.last() else { return false };
    let at = |i: usize| toks.get(i).map(|t| t.text.trim_end_matches('.'));
    at(last.1) == Some("et") && at(last.1 + 1) == Some("al") || at(last.1) == Some(",") && at(last.1 + 1) == Some("et") && at(last.1 + 2) == Some("al")
}

/// One person named after an honorific or a cue: honorifics, then an author-shaped name, or a
/// lone surname when a form of address stands before it ("Prof. Roe"; "Mag. Jura" is a degree).
/// The honorifics stay out of the name: only the name goes.
fn named_person(toks: &[Tok], i: usize) -> Option<Name> {
    let mut j = i;
    while toks.get(j).is_some_and(shapes::is_honorific) {
        j += 1;
    }
    let addressed = toks.get(i..j).is_some_and(|titles| titles.iter().any(|t| !pw::DEGREE_TITLES.contains(&shapes::folded(t).as_str())));
    match shapes::author(toks, j) {
        Some(name) => Some(name),
        // "Dr. Roe's Laboratories" is a company.
        None if addressed && toks.get(j).is_some_and(|t| shapes::is_name_word(t) && !shapes::is_possessive(t)) => Some((j, j + 1, false)),
        None => None,
    }
}

/// Names after role and relation cues: "Supervisors: Dr. Jane Doe & John Roe".
fn after_cues(toks: &[Tok]) -> Vec<Name> {
    // Cue words are lowercase once folded; a token starting with a digit opens none.
    let folded: Vec<String> = toks.iter().map(|t| if t.word && !t.text.starts_with(|c: char| c.is_ascii_digit()) { shapes::folded(t) } else { t.text.to_string() }).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // "Q. Roe's mentor": the word before the cue owns it.
        let owner_before = i.checked_sub(1).and_then(|at| toks.get(at)).is_some_and(|t| t.text.ends_with("'s") || t.text.ends_with("’s"));
        let Some(mut after) = cue_end(&folded, i, owner_before) else {
            i += 1;
            continue;
        };
        // "reporting to the CFO, Jane Roe": the role between the cue and a comma names the person after it.
        if folded.get(after).is_some_and(|w| pw::ROLE_DETERMINERS.contains(&w.as_str())) {
            if let Some(comma) = (after + 1..(after + 5).min(folded.len())).find(|&k| folded.get(k).is_some_and(|w| w == ",")) {
                after = comma + 1;
            }
        }
        let (names, _) = shapes::name_list(toks, after, |toks, at, _| named_person(toks, at));
        i = names.last().map_or(after, |n| n.1).max(i + 1);
        // "Assistant to Regional Sales Director": words running on into a job title are its head.
        out.extend(names.into_iter().filter(|n| !toks.get(n.1).is_some_and(is_title_word)));
    }
    out
}

/// Where the names start after a cue at folded token `i`, if one is there: a relation cue's
/// names follow it, a role cue's only after a colon or a linking word, or after a comma when
/// someone owns the role ("my mentor, …", "Roe's mentor, …": `owner_before`).
fn cue_end(folded: &[String], i: usize, owner_before: bool) -> Option<usize> {
    if !pw::opens_cue(folded.get(i)?) {
        return None;
    }
    let rest = folded.get(i..)?;
    if let Some(n) = pw::RELATION_CUES.iter().filter_map(|c| pw::starts_with_phrase(rest, c)).max() {
        // "S/O: …" as a field label.
        let colon = matches!(folded.get(i + n).map(String::as_str), Some(":" | "："));
        return Some(i + n + usize::from(colon));
    }
    let n = pw::ROLE_CUES.iter().filter_map(|c| pw::starts_with_phrase(rest, c)).max()?;
    let mut j = i + n;
    // "Supervisor(s):", "Betreuer/in:"
    if folded.get(j).map(String::as_str) == Some("(") && folded.get(j + 2).map(String::as_str) == Some(")") {
        j += 3;
    }
    // "my mentor, Jane Doe", "P. Roe's mentor, Jane Doe": owned, the role is a person's.
    let owned = i.checked_sub(1).and_then(|at| folded.get(at)).is_some_and(|w| pw::CUE_POSSESSIVES.contains(&w.as_str())) || owner_before;
    match folded.get(j).map(String::as_str) {
        Some(":" | "：") => Some(j + 1),
        Some(",") if owned => Some(j + 1),
        Some(w) if pw::CUE_LINKS.contains(&w) => Some(j + 1),
        _ => None,
    }
}

/// A capitalised job title's head word or role ("Director", "Manager", "Supervisor").
fn is_title_word(t: &Tok) -> bool {
    let f = shapes::folded(t);
    t.word && t.text.starts_with(char::is_uppercase) && (crate::lexicon::words::word_class(&f) == Some(WordClass::TitleHead) || pw::ROLE_CUES.contains(&f.as_str()))
}

/// Names after honorifics anywhere: "Dr. Jane Doe", "Prof. Roe".
fn after_honorifics(toks: &[Tok]) -> Vec<Name> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let is_start = toks.get(i).is_some_and(shapes::is_honorific) && !(i > 0 && toks.get(i - 1).is_some_and(shapes::is_honorific)) && !is_initial_not_honorific(toks, i);
        match is_start.then(|| named_person(toks, i)).flatten() {
            Some(name) => {
                out.push(name);
                i = name.1;
            }
            None => i += 1,
        }
    }
    out
}

/// "Jane M. Doe", "M. Sc.", "M. Tech": an "M." after a name word or before an abbreviation or a
/// degree word is an initial, not the French "monsieur".
fn is_initial_not_honorific(toks: &[Tok], i: usize) -> bool {
    if toks.get(i).is_none_or(|t| t.text != "M.") {
        return false;
    }
    let after_name = i > 0 && toks.get(i - 1).is_some_and(|t| t.word && t.text.starts_with(char::is_uppercase));
    // "M. Tech", "M. Sc", "M. Com": with the word after it, a degree's abbreviation.
    let degree = |t: &Tok| crate::lexicon::words::word_class(&format!("m{}", shapes::folded(t).trim_end_matches('.'))) == Some(crate::lexicon::words::WordClass::Degree);
    let before_abbreviation = toks.get(i + 1).is_none_or(|t| t.text.ends_with('.') || degree(t) || toks.get(i + 2).is_some_and(|n| n.text == "."));
    after_name || before_abbreviation
}

/// "worked with Jane Roe (CFO)": a full name after "with" and before a bracketed job title.
fn before_bracketed_roles(toks: &[Tok]) -> Vec<Name> {
    let mut out = Vec::new();
    for (open, t) in toks.iter().enumerate() {
        let role = t.text == "(" && toks.get(open + 1).is_some_and(|r| is_title_word(r) || crate::profile::roles::title_score(r.text) > 0) && toks.get(open + 2).is_some_and(|c| c.text == ")");
        if !role {
            continue;
        }
        let name = (open.saturating_sub(5)..open).filter_map(|i| shapes::full_name(toks, i).filter(|n| n.1 == open)).next();
        let after_with = |n: &Name| n.0.checked_sub(1).and_then(|i| toks.get(i)).is_some_and(|w| pw::WITH_WORDS.contains(&shapes::folded(w).as_str()));
        out.extend(name.filter(|n| after_with(n)));
    }
    out
}

/// "with Jane Roe (University of Elmford)": a full name, not run on from a capitalised word,
/// with a school or organisation opening the parentheses after it.
fn before_affiliations(toks: &[Tok]) -> Vec<Name> {
    let mut out = Vec::new();
    for (open, t) in toks.iter().enumerate() {
        let affiliation = t.text == "(" && toks.get(open + 1).is_some_and(|a| a.word && is_affiliation_word(&shapes::folded(a)));
        if !affiliation {
            continue;
        }
        let name = (open.saturating_sub(5)..open).filter_map(|i| shapes::full_name(toks, i).filter(|n| n.1 == open)).next();
        out.extend(name.filter(|&n| !runs_on(toks, n) && !shapes::is_possessive(&toks[n.1 - 1])));
    }
    out
}

/// "for Jane Roe’s YouTube series": a full name of two or three plain words owning what follows,
/// not run on from a capitalised word nor owning a school or a firm ("Saint Mary's College").
fn possessors(toks: &[Tok]) -> Vec<Name> {
    let owned_by_org = |i: usize| toks.get(i).is_some_and(|t| t.word && is_affiliation_word(&shapes::folded(t)));
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| shapes::is_possessive(t) && shapes::is_name_word(t) && !owned_by_org(i + 1))
        .filter_map(|(i, _)| name_ending_at(toks, i + 1))
        .filter(|&n| (2..=3).contains(&(n.1 - n.0)) && toks[n.0..n.1].iter().all(shapes::is_name_word) && !runs_on(toks, n))
        .collect()
}

/// A word that opens the name of a school or an organisation ("University", "Institut", "Inc").
fn is_affiliation_word(folded: &str) -> bool {
    matches!(crate::lexicon::words::word_class(folded), Some(WordClass::School | WordClass::OrgSuffix))
}

/// Names in a list with a person already found in it ("me, Jane Roe, John Doe and Ana Poe"
/// around "John Doe"): each of the list's items shaped like a full name is a person too. Only an
/// enumeration closed by "and" ("…, B and C") counts: "Jane Roe, Content Strategist, Acme" is a
/// referee's name, title and employer. `seeds` are byte ranges of the line's known persons.
fn list_neighbours(line: &str, seeds: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let toks = shapes::tokenize(line);
    let mut names: Vec<Name> = Vec::new();
    for &(s, e) in seeds {
        // The seed's full name only leads to the list: a model's span over part of a title
        // ("Strategist") must not grow into one ("Content Strategist").
        let Some(name) = seed_name(&toks, s, e) else { continue };
        let mut run = vec![name];
        while let Some(next) = run.last().and_then(|n| shapes::separator(&toks, n.1)).and_then(|j| shapes::full_name(&toks, j).filter(|n| n.0 == j)) {
            run.push(next);
        }
        while let Some(previous) = run.first().and_then(|n| separator_before(&toks, n.0)).and_then(|sep| name_ending_at(&toks, sep)) {
            run.insert(0, previous);
        }
        let closed = run.len() >= 2 && run.get(run.len() - 2).zip(run.last()).is_some_and(|(a, b)| toks[a.1..b.0].iter().any(|t| t.text == "&" || shapes::is_and_word(t)));
        if closed {
            names.extend(run.into_iter().filter(|&n| n != name));
        }
    }
    names.into_iter().filter_map(|n| shapes::byte_range(&toks, n)).filter(|r| !seeds.contains(r)).collect()
}

/// The full name a seed at bytes `s..e` is: the seed itself when it is one, else the name of two
/// or three plain words holding it ("Roe" → "Richard Roe"), not run on from a capitalised
/// word; a model's span over part of a phrase ("Scale" of "Monitor Acme Storage Scale") is none.
fn seed_name(toks: &[Tok], s: usize, e: usize) -> Option<Name> {
    let first = toks.iter().position(|t| t.end > s && t.start < e)?;
    if let Some(name) = shapes::full_name(toks, first).filter(|&n| shapes::byte_range(toks, n) == Some((s, e))) {
        return Some(name);
    }
    let plain = |n: Name| (2..=3).contains(&(n.1 - n.0)) && toks[n.0..n.1].iter().all(shapes::is_name_word);
    (first.saturating_sub(2)..=first).filter_map(|i| shapes::full_name(toks, i)).find(|&n| n.1 > first && plain(n) && !runs_on(toks, n))
}

/// Whether a capitalised word stands right before `name`: then it is part of a longer phrase
/// ("MSc Tidal Flats", "Monitor Acme Storage Scale").
fn runs_on(toks: &[Tok], name: Name) -> bool {
    name.0.checked_sub(1).and_then(|i| toks.get(i)).is_some_and(|p| p.word && p.text.starts_with(char::is_uppercase))
}

/// Where the list separator just before token `i` starts (", ", " and ", ", and "), if one is.
fn separator_before(toks: &[Tok], i: usize) -> Option<usize> {
    (i.saturating_sub(2)..i).find(|&j| shapes::separator(toks, j) == Some(i))
}

/// The full name whose last token ends before token `end`.
fn name_ending_at(toks: &[Tok], end: usize) -> Option<Name> {
    (end.saturating_sub(5)..end).filter_map(|i| shapes::full_name(toks, i)).find(|n| n.1 == end)
}

/// Separators after a referee's name on its line: "Jane Doe, Professor", "Jane Doe | Acme".
const AFTER_REFEREE: [&str; 9] = [",", "|", "–", "—", "-", "(", "/", "·", "•"];

/// The name opening a line of the references section, alone on the line (`true`) or before a
/// separator; an honorific before it makes it as sure as a separator.
fn referee(toks: &[Tok], i: usize) -> Option<(Name, bool)> {
    let name = named_person(toks, i)?;
    match toks.get(name.1) {
        None => Some((name, name.0 == i)),
        Some(t) if AFTER_REFEREE.contains(&t.text) => Some((name, false)),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str, zone: Zone) -> Vec<&str> {
        in_line(line, zone, &|_, _| false).into_iter().map(|(s, e, _)| &line[s..e]).collect()
    }

    #[test]
    fn model_persons_of_medium_confidence_count_where_people_are_expected() {
        let text = "Publications\nVarga T (2020) Tidal flats, Grand Rapids.\nReferences\nHanne Lindqvist\nAcme Rapids\nMet Tomas Varga";
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, line) in text.split('\n').enumerate() {
            let zone = match i {
                1 => Zone::Publications,
                3 | 4 => Zone::References,
                _ => Zone::Other,
            };
            lines.push((start, start + line.len(), zone));
            start += line.len() + 1;
        }
        let span = |needle: &str, confidence: f32| {
            let s = text.find(needle).unwrap();
            Entity::new(EntityKind::Person, s, s + needle.len(), confidence, MODEL_DETECTOR)
        };
        let model = vec![span("Varga T", 0.6), span("Grand Rapids", 0.6), span("Hanne Lindqvist", 0.6), span("Acme Rapids", 0.2), span("Tomas Varga", 0.6)];
        let det = Detections { lines, model, ..Detections::default() };
        let mut budget = Budget::new(&crate::limits::Limits::default());
        let mut got: Vec<(&str, Source)> = find(text, &det, 0.5, &mut budget).unwrap().iter().map(|c| (c.entity.text(text), c.source)).collect();
        crate::sort::sort_by_key(&mut got, |&(t, s)| (t, s));
        // At the head of a publication (an author list too) and in the references, not mid-title
        // nor elsewhere; the lone referee line counts because the model saw a person on it.
        let want = [("Hanne Lindqvist", Source::Structure), ("Hanne Lindqvist", Source::Model), ("Varga T", Source::Structure), ("Varga T", Source::Model)];
        assert_eq!(got, want);
    }

    #[test]
    fn author_lists_in_publications() {
        let p = Zone::Publications;
        assert_eq!(names("[3] Quist RM, Brûlé É, Ste-Croix A-M (2021) Tidal flats. Oikos 4.", p), ["Quist RM", "Brûlé É", "Ste-Croix A-M"]);
        assert_eq!(names("• Lindqvist, A et al. (2015). “A plan for the reactor”. In: Fusion 12.", p), ["Lindqvist, A"]);
        assert_eq!(names("2021 C. Varga and T. Okafor, “On tidal flats,” Annals of Flats", p), ["C. Varga", "T. Okafor"]);
        assert_eq!(names("Hanne Lindqvist, Tomas Varga. On tidal flats. Oikos, 2019.", p), ["Hanne Lindqvist", "Tomas Varga"]);
        assert_eq!(names("Quist, Renate; Lindqvist, Hanne; Varga, Tomas: Über Watt. In: Flats 12 (2019).", p), ["Quist, Renate", "Lindqvist, Hanne", "Varga, Tomas"]);
        assert_eq!(names("Lindqvist, Hanne; Quist, Renate (2020): Watt und Welt.", p), ["Lindqvist, Hanne", "Quist, Renate"]);
        // A venue or a title alone is nobody.
        assert!(names("Marine Policy Review (2019)", p).is_empty());
        assert!(names("Tidal Flats Revisited. Oikos.", p).is_empty());
    }

    #[test]
    fn author_lists_elsewhere_need_initials_and_a_citation_tail() {
        let o = Zone::Other;
        assert_eq!(names("Quist RM, Brûlé É (2021) Tidal flats.", o), ["Quist RM", "Brûlé É"]);
        assert!(names("Hanne Lindqvist, Tomas Varga. On tidal flats.", o).is_empty());
        assert!(names("Python, Java, SQL (5 years)", o).is_empty());
        assert!(names("Python, Java; SQL, Go: tools", o).is_empty());
    }

    #[test]
    fn names_after_role_and_relation_cues() {
        let o = Zone::Other;
        assert_eq!(names("Supervisors: Prof. Hanne Lindqvist and Dr. Tomas Varga.", o), ["Hanne Lindqvist", "Tomas Varga"]);
        assert_eq!(names("Code reviewed by my mentor, Hanne Lindqvist, each week.", o), ["Hanne Lindqvist"]);
        assert_eq!(names("Q. Roe's mentor, Tomas Varga.", o), ["Tomas Varga"]);
        assert_eq!(names("Reported to the CFO, Hanne Lindqvist, weekly.", o), ["Hanne Lindqvist"]);
        assert_eq!(names("Letter of recommendation by Hanne Lindqvist (2021)", o), ["Hanne Lindqvist"]);
        assert_eq!(names("Empfohlen von Tomas Varga", o), ["Tomas Varga"]);
        assert_eq!(names("Worked closely with Tomas Varga (CFO) on budgets", o), ["Tomas Varga"]);
        assert!(names("Project Atlas (Lead) for Elmford Foods", o).is_empty());
        assert!(names("Shift Supervisor, Elmford Foods", o).is_empty());
        assert_eq!(names("superviseurs : Aurèle Quist & Jean-Marc Brûlé-Saint-Onge", o), ["Aurèle Quist", "Jean-Marc Brûlé-Saint-Onge"]);
        assert_eq!(names("Betreuerin: Dr. Henrike Vogelsang", o), ["Henrike Vogelsang"]);
        assert_eq!(names("directeur de thèse : Aurèle Quist", o), ["Aurèle Quist"]);
        assert_eq!(names("Orientadora: Profa. Inês Varga", o), ["Inês Varga"]);
        assert_eq!(names("Son of/Daughter of R. Okafor", o), ["R. Okafor"]);
        assert_eq!(names("S/O Harnam Okafor", o), ["Harnam Okafor"]);
        assert_eq!(names("D/o Tomas Varga", o), ["Tomas Varga"]);
        assert_eq!(names("W/O: Aurèle Quist", o), ["Aurèle Quist"]);
        assert!(names("C/O Acme Rapids, S/O", o).is_empty());
        assert_eq!(names("Father's Name: Tomas Varga", o), ["Tomas Varga"]);
        assert_eq!(names("Thesis supervised by Hanne Lindqvist (Uppsala)", o), ["Hanne Lindqvist"]);
        assert_eq!(names("Mentored by Ilse Marchetti in demand planning", o), ["Ilse Marchetti"]);
        assert_eq!(names("Reporting to Tomas Varga, Head of Operations", o), ["Tomas Varga"]);
        assert_eq!(names("Mémoire sous la supervision de Aurèle Quist", o), ["Aurèle Quist"]);
        assert!(names("Reporting to the Board of Directors", o).is_empty());
        assert_eq!(names("Executive Assistant to Ilse Marchetti, CEO", o), ["Ilse Marchetti"]);
        assert_eq!(names("PA to Tomas Varga (Managing Director)", o), ["Tomas Varga"]);
        assert!(names("Assistant to the General Manager", o).is_empty());
        assert!(names("Assistant to Regional Sales Director", o).is_empty());
        // A role alone is a job title, and what follows a cue must look like a name.
        assert!(names("Supervisor Customer Service, Acme", o).is_empty());
        assert!(names("Director: Sales and Marketing", o).is_empty());
        assert!(names("References available on request", o).is_empty());
        assert!(names("IT Director – Private Cloud and Network Operations", o).is_empty());
        assert!(names("Skilled in MS Project and Ms. Excel", o).is_empty());
        let cued = in_line("Supervisor: Hanne Lindqvist", o, &|_, _| false);
        assert!(cued.iter().all(|c| c.2) && !in_line("Dr. Hanne Lindqvist", o, &|_, _| false).iter().any(|c| c.2));
    }

    #[test]
    fn names_before_an_affiliation_and_after_role_labels() {
        let o = Zone::Other;
        assert_eq!(names("co-supervised with Hanne Lindqvist (University of Uppsala) in 2015", o), ["Hanne Lindqvist"]);
        assert_eq!(names("Hanne Lindqvist (Institut Pasteur)", o), ["Hanne Lindqvist"]);
        // A degree's subject before its school is no name, nor a name with no affiliation.
        assert!(names("MSc Tidal Flats (University of Uppsala)", o).is_empty());
        assert!(names("Tomas Varga (2019)", o).is_empty());
        assert_eq!(names("Co-directeur; Principal : Aurèle Quist", o), ["Aurèle Quist"]);
        assert_eq!(names("Visiting committee (visitor: Tomas Varga)", o), ["Tomas Varga"]);
        assert!(names("Principal Engineer, Acme", o).is_empty());
        assert_eq!(names("Contributor for Hanne Lindqvist’s video series", o), ["Hanne Lindqvist"]);
        assert!(names("Nurse at Saint Quist's College", o).is_empty());
        assert!(names("Chemist at Dr. Quist's Laboratories", o).is_empty());
    }

    #[test]
    fn a_list_holding_a_person_names_persons() {
        let line = "an interview with me, Hanne Lindqvist, Tomas Varga and Aurèle Quist, The Engineer";
        let seed = line.find("Tomas").map(|s| (s, s + "Tomas Varga".len())).unwrap();
        let got: Vec<&str> = list_neighbours(line, &[seed]).into_iter().map(|(s, e)| &line[s..e]).collect();
        assert_eq!(got, ["Hanne Lindqvist", "Aurèle Quist"]);
        // A surname alone leads to the list through its full name; part of a longer phrase leads
        // nowhere.
        let part = line.find("Varga").map(|s| (s, s + 5)).unwrap();
        let got: Vec<&str> = list_neighbours(line, &[part]).into_iter().map(|(s, e)| &line[s..e]).collect();
        assert_eq!(got, ["Hanne Lindqvist", "Aurèle Quist"]);
        // A name, a title and an employer are no enumeration.
        let line = "Hanne Lindqvist, Content Strategist, Quist, Varga and Okafor";
        assert!(list_neighbours(line, &[(0, "Hanne Lindqvist".len())]).is_empty());
        let line = "Maintain IBM Tidal Flats, Hanne Lindqvist";
        let part = line.find("Flats").map(|s| (s, s + 5)).unwrap();
        assert!(list_neighbours(line, &[part]).is_empty());
        let line = "Python, SQL and Hanne Lindqvist";
        let seed = line.find("Hanne").map(|s| (s, line.len())).unwrap();
        assert!(list_neighbours(line, &[seed]).is_empty(), "items of a name's shape only");
    }

    #[test]
    fn names_after_honorifics_and_on_referee_lines() {
        assert_eq!(names("Worked with Prof. Dr. Lindqvist on tidal flats", Zone::Other), ["Lindqvist"]);
        assert!(names("Chemist at Dr. Quist's Laboratories", Zone::Other).is_empty());
        assert_eq!(names("Report signed by Mme Lindqvist and M. Varga (director).", Zone::Other), ["Lindqvist", "Varga"]);
        assert!(names("Hanne M. Lindqvist", Zone::Other).is_empty());
        assert!(names("M. Sc. in Geology", Zone::Other).is_empty());
        assert!(names("M. Tech in Geology", Zone::Other).is_empty());
        assert_eq!(names("Hanne Lindqvist, Professor of Geology, Uppsala", Zone::References), ["Hanne Lindqvist"]);
        assert_eq!(names("Dr. Tomas Varga", Zone::References), ["Tomas Varga"]);
        assert!(names("Tomas Varga", Zone::Other).is_empty());
        // Alone on its line, a name-shaped run needs the model's word that it is a person.
        assert!(names("Operador de Centro", Zone::References).is_empty());
        let line = "Tomas Varga";
        let got: Vec<&str> = in_line(line, Zone::References, &|_, _| true).into_iter().map(|(s, e, _)| &line[s..e]).collect();
        assert_eq!(got, ["Tomas Varga"]);
        assert!(names("University of Uppsala", Zone::References).is_empty());
        assert!(names("Senior Engineer, Acme", Zone::References).is_empty());
    }

    #[test]
    fn titles_used_as_honorifics() {
        let o = Zone::Other;
        for (line, want) in [
            ("Ing. Rodrigo Quist, Gerente de Planta", "Rodrigo Quist"),
            ("Lic. Mariana Varga Okafor, Jefa de RRHH", "Mariana Varga Okafor"),
            ("Mag. Ulrike Lindqvist, Geschäftsführerin", "Ulrike Lindqvist"),
            ("Herr Dipl.-Ing. Jörg Quist, Abteilungsleiter", "Jörg Quist"),
            ("Dr.-Ing. Falk Varga", "Falk Varga"),
            ("Arq. Tomás Okafor", "Tomás Okafor"),
            ("Abog. Lucía Varga", "Lucía Varga"),
            ("Eng. Renata Quist, Gerente de Projetos", "Renata Quist"),
            ("Sr. Joaquim Varga, Diretor Comercial", "Joaquim Varga"),
            ("Mevr. drs. Anouk Lindqvist, HR-adviseur", "Anouk Lindqvist"),
            ("ir. Pieter Okafor", "Pieter Okafor"),
            ("Mother's name Smt. Kamla Okafor", "Kamla Okafor"),
            ("Shri Devan Quist", "Devan Quist"),
        ] {
            assert_eq!(names(line, o), [want], "{line}");
        }
        // Undotted, the titles are words; a degree's subject after "Lic. en" is no name.
        assert!(names("Mag Lindqvist review", o).is_empty());
        assert!(names("Eng Lit and Sr Developer", o).is_empty());
        assert!(names("Lic. en Administración de Empresas", o).is_empty());
        assert!(names("Mag. Rechtswissenschaften, Universität Elmford", o).is_empty());
        assert_eq!(names("Frau Mag. Lindqvist", o), ["Lindqvist"]);
    }
}
