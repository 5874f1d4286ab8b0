//! Combining what every detector found into one list of non-overlapping spans to replace.
//!
//! Rule detectors, the anonymiser model, the candidate's name variants and spans derived from the
//! parsed profile all report independently, and they overlap: the model may tag "John Smith"
//! while the name matcher finds "John" and "Smith", a rule may find the e-mail the model half
//! covers. Only spans the level removes take part; overlapping ones become one span covering all
//! of them (nothing half-removed is left behind), typed by the most trusted source. Values then
//! propagate: an employer or a referee's name removed once is removed wherever else it is written.

use std::collections::HashSet;

use crate::fold::{fold_key, Folded, Needles};
use super::levels::{removes, Level};
use crate::entities::candidate::{Candidate, CareerRanges, Source};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::limits::Budget;

/// Kinds whose removed values are looked for elsewhere in the text.
const PROPAGATED: [EntityKind; 7] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::School,
    EntityKind::Location,
    EntityKind::Award,
    EntityKind::Publication,
    EntityKind::Address,
];

/// Kinds whose neighbouring spans ("John" "Smith", "Seattle" ", " "WA") become one.
const JOINED: [EntityKind; 2] = [EntityKind::Person, EntityKind::Location];

/// The removed spans of `candidates` at `level`, sorted, non-overlapping, with re-occurrences of
/// removed values added. A value only the model vouched for is copied only when the model was at
/// least `propagate_from` confident, and never onto a `career` string (a job title, a skill…).
pub fn merge(
    text: &str,
    folded: &Folded,
    candidates: Vec<Candidate>,
    level: Level,
    career: &CareerRanges,
    propagate_from: f32,
    budget: &mut Budget,
) -> Result<Vec<Candidate>> {
    // A name read from its place is a value of its own even where it fused into a wider span
    // ("Dr. Jane Doe" from an honorific and the model): "Jane Doe" is what recurs.
    let names: Vec<Candidate> = candidates.iter().filter(|c| c.source == Source::Structure && removes(level, c.entity.kind, c.home)).cloned().collect();
    let first = resolve(text, candidates, level, budget)?;
    let values: Vec<Candidate> = first.iter().cloned().chain(names).collect();
    let extra = propagate(text, folded, &values, career, propagate_from, budget)?;
    if extra.is_empty() {
        return Ok(first);
    }
    let mut all = first;
    all.extend(extra);
    resolve(text, all, level, budget)
}

/// Keep what `level` removes, fuse overlaps, join neighbours of the same kind.
pub fn resolve(text: &str, candidates: Vec<Candidate>, level: Level, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let mut kept: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| {
            let e = &c.entity;
            !e.is_empty() && text.get(e.start..e.end).is_some() && removes(level, e.kind, c.home)
        })
        .collect();
    budget.spend(kept.len() as u64)?;
    crate::sort::sort_by(&mut kept, |a, b| a.entity.start.cmp(&b.entity.start).then(b.entity.end.cmp(&a.entity.end)));

    let mut fused: Vec<Candidate> = Vec::with_capacity(kept.len());
    let mut cluster: Vec<Candidate> = Vec::new();
    let mut cluster_end = 0usize;
    for c in kept {
        if !cluster.is_empty() && c.entity.start >= cluster_end {
            fused.push(fuse(std::mem::take(&mut cluster)));
        }
        cluster_end = if cluster.is_empty() { c.entity.end } else { cluster_end.max(c.entity.end) };
        cluster.push(c);
    }
    if !cluster.is_empty() {
        fused.push(fuse(cluster));
    }
    Ok(join_neighbours(text, fused))
}

/// One span covering a cluster of overlapping ones, typed by its most trusted, longest member.
fn fuse(cluster: Vec<Candidate>) -> Candidate {
    let start = cluster.iter().map(|c| c.entity.start).min().unwrap_or(0);
    let end = cluster.iter().map(|c| c.entity.end).max().unwrap_or(start);
    let home = cluster.iter().any(|c| c.home);
    let best = cluster.into_iter().min_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then(b.entity.len().cmp(&a.entity.len()))
            .then(b.entity.confidence.total_cmp(&a.entity.confidence))
    });
    match best {
        Some(mut c) => {
            c.entity.start = start;
            c.entity.end = end;
            c.home = home;
            c
        }
        None => Candidate::new(Entity::new(EntityKind::Person, start, end, 0.0, "merge"), Source::Propagated),
    }
}

/// "John" + " " + "Smith" → one span; only spaces, commas, dots and hyphens may lie between.
fn join_neighbours(text: &str, spans: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(spans.len());
    for c in spans {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.entity.end..c.entity.start).unwrap_or("\n");
            let joinable = last.entity.kind == c.entity.kind
                && JOINED.contains(&c.entity.kind)
                && last.home == c.home
                && gap.chars().count() <= 3
                && gap.chars().all(|ch| matches!(ch, ' ' | ',' | '.' | '-' | '\u{a0}'));
            if joinable {
                last.entity.end = c.entity.end;
                last.entity.confidence = last.entity.confidence.min(c.entity.confidence);
                last.source = last.source.min(c.source);
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Other whole-word occurrences of removed values. A value only the model vouched for travels only
/// when the model was confident; neither it nor a name read from its place travels onto a career
/// string. The candidate's home town travels too, alone or read from their address.
fn propagate(text: &str, folded: &Folded, removed: &[Candidate], career: &CareerRanges, propagate_from: f32, budget: &mut Budget) -> Result<Vec<Candidate>> {
    let mut seen: HashSet<(EntityKind, String)> = HashSet::new();
    // (kind of the copies, the value's candidate, the value)
    let mut values: Vec<(EntityKind, &Candidate, &str)> = Vec::new();
    for c in removed.iter().filter(|c| PROPAGATED.contains(&c.entity.kind) || c.home) {
        let model_only = c.source == Source::Model;
        if model_only && c.entity.confidence < propagate_from {
            continue;
        }
        let value = c.entity.text(text).trim();
        // The town of the candidate's own address ("44787 Bochum") is their home town too.
        let town = c.home.then(|| home_town(value)).flatten().map(|town| (EntityKind::Location, town));
        let own = PROPAGATED.contains(&c.entity.kind).then_some((c.entity.kind, value));
        for (kind, value) in own.into_iter().chain(town) {
            let letters = value.chars().filter(|ch| ch.is_alphabetic()).count();
            if letters < 3 || value.chars().count() > 120 || value.contains('\n') {
                continue;
            }
            // A lone place word ("Chicago") is too often part of another name to chase
            // everywhere, unless it is the candidate's home town: written again in a job's place
            // or a closing "Chicago, 14.11.2023", it still says where they live.
            if kind == EntityKind::Location && is_one_word(value) && !c.home {
                continue;
            }
            if seen.insert((kind, fold_key(value))) {
                values.push((kind, c, value));
            }
        }
    }
    let needles = Needles::new(values.iter().map(|(_, _, value)| *value));
    let mut found = Vec::new();
    for (n, start, end) in needles.find_words(folded, budget)? {
        let Some(&(kind, c, value)) = values.get(n) else { continue };
        // A one-word place is part of other names ("Universität Wien") and gives way to them,
        // to the profile's and to any other written as one.
        let lone_place = kind == EntityKind::Location && is_one_word(value);
        let guessed = matches!(c.source, Source::Model | Source::Structure) || lone_place;
        if guessed && career.cover(text, start, end) || lone_place && inside_a_name(text, start, end) {
            continue;
        }
        let entity = Entity::new(kind, start, end, c.entity.confidence, c.entity.detector);
        found.push(Candidate { entity, source: Source::Propagated, home: c.home });
    }
    Ok(found)
}

/// Particles that join a place to the name it ends ("Universidad de Madrid", "University of York").
const NAME_JOINS: [&str; 13] = ["of", "de", "di", "da", "del", "des", "du", "van", "von", "der", "la", "le", "d"];

/// Whether the word at `start..end` of `text` is part of a longer proper name on its line: a
/// capitalised word right before it (through a joining particle) or right after it.
fn inside_a_name(text: &str, start: usize, end: usize) -> bool {
    let line_start = text.get(..start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let before: Vec<&str> = text.get(line_start..start).unwrap_or("").split(' ').rev().skip(1).take(2).collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''));
    let joined = match before.as_slice() {
        [w, ..] if capitalised(w) => true,
        [join, w, ..] => NAME_JOINS.contains(join) && capitalised(w),
        _ => false,
    };
    let after = text.get(end..).unwrap_or("");
    let next = after.strip_prefix(' ').and_then(|rest| rest.split([' ', '\n']).next()).unwrap_or("");
    joined || capitalised(next)
}

fn is_one_word(value: &str) -> bool {
    !value.contains([',', ' '])
}

/// The town closing an address after its postcode or house number ("44787 Bochum",
/// "Hauptstr. 5, 75001 Paris"): one capitalised word after the last token with a digit.
fn home_town(address: &str) -> Option<&str> {
    let (before, town) = address.rsplit_once(|c: char| c.is_whitespace() || c == ',')?;
    let after_number = before.trim_end_matches([' ', ',']).rsplit([' ', ',']).next().is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()));
    let word = town.chars().next().is_some_and(char::is_uppercase) && town.chars().all(|c| c.is_alphabetic() || c == '-');
    (after_number && word).then_some(town)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use EntityKind as K;

    fn cand(kind: EntityKind, start: usize, end: usize, source: Source) -> Candidate {
        Candidate::new(Entity::new(kind, start, end, 0.8, "test"), source)
    }

    fn folded_of(text: &str) -> Folded {
        Folded::new(text, &mut Budget::new(&Limits::default())).unwrap()
    }

    fn run(text: &str, cands: Vec<Candidate>, level: Level) -> Vec<(EntityKind, String)> {
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        merge(text, &folded, cands, level, &CareerRanges::default(), 0.9, &mut budget)
            .unwrap()
            .into_iter()
            .map(|c| (c.entity.kind, c.entity.text(text).to_string()))
            .collect()
    }

    #[test]
    fn overlaps_fuse_to_the_most_trusted_kind_over_their_union() {
        let text = "mail: john.smith@x.com now";
        // The model saw a PERSON in half the address; the rule saw the address.
        let got = run(text, vec![cand(K::Person, 6, 16, Source::Model), cand(K::Email, 11, 22, Source::Rule)], Level::Basic);
        assert_eq!(got, [(K::Email, "john.smith@x.com".to_string())]);
    }

    #[test]
    fn kept_kinds_are_dropped_and_neighbours_join() {
        let text = "John Smith, Blue Fin";
        let got = run(
            text,
            vec![cand(K::Person, 0, 4, Source::NameVariant), cand(K::Person, 5, 10, Source::NameVariant), cand(K::Org, 12, 20, Source::Model)],
            Level::Basic,
        );
        assert_eq!(got, [(K::Person, "John Smith".to_string())]);
    }

    #[test]
    fn removed_values_propagate_to_every_occurrence() {
        let text = "Kessler Tech | Houston\nI set up the KESSLER TECH office; Kessler Technology is another.";
        let mut confident = cand(K::Org, 0, 12, Source::Model);
        confident.entity.confidence = 0.95;
        let got = run(text, vec![confident], Level::Thorough);
        assert_eq!(got, [(K::Org, "Kessler Tech".to_string()), (K::Org, "KESSLER TECH".to_string())]);
        // A doubtful model span stays where it was found; a rule's value travels whatever its score.
        let got = run(text, vec![cand(K::Org, 0, 12, Source::Model)], Level::Thorough);
        assert_eq!(got, [(K::Org, "Kessler Tech".to_string())]);
        let got = run(text, vec![cand(K::Org, 0, 12, Source::Profile)], Level::Thorough);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn names_read_from_their_place_travel_on_their_own() {
        let text = "Supervisor: Dr. Ana Berg\nA talk with Ana Berg.";
        let fused = cand(K::Person, 12, 24, Source::Model);
        let name = cand(K::Person, 16, 24, Source::Structure);
        let got = run(text, vec![fused, name], Level::Basic);
        assert_eq!(got, [(K::Person, "Dr. Ana Berg".to_string()), (K::Person, "Ana Berg".to_string())]);
    }

    #[test]
    fn the_home_town_travels_alone_but_not_onto_career_strings() {
        let text = "1190 Wien\nProgrammer, Wien\nStudent, Universität Wien\nWien, 14.11.2023";
        let town = |home: bool| Candidate { home, ..cand(K::Location, 5, 9, Source::Rule) };
        let school = text.find("Universität").unwrap();
        let career = CareerRanges::new(vec![(school, school + "Universität Wien".len())]);
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let got = merge(text, &folded, vec![town(true)], Level::Basic, &career, 0.9, &mut budget).unwrap();
        let starts: Vec<usize> = got.iter().map(|c| c.entity.start).collect();
        assert_eq!(starts, [5, text.find(", Wien").unwrap() + 2, text.rfind("Wien,").unwrap()]);
        assert!(got.iter().all(|c| c.home));
        // Nor onto a name the profile does not know.
        let text = "1190 Wien\nUniversidad de Wien\nWien Energie GmbH\nWien – Praktikum";
        let got = merge(text, &folded_of(text), vec![town(true)], Level::Basic, &CareerRanges::default(), 0.9, &mut budget).unwrap();
        let starts: Vec<usize> = got.iter().map(|c| c.entity.start).collect();
        assert_eq!(starts, [5, text.rfind("Wien").unwrap()]);
        // Another place named by one word stays where it was found.
        let got = merge(text, &folded, vec![town(false)], Level::Thorough, &career, 0.9, &mut budget).unwrap();
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn the_town_of_the_home_address_is_the_home_town() {
        assert_eq!(home_town("Lindenstraße 7 44787 Bochum"), Some("Bochum"));
        assert_eq!(home_town("Hauptstr. 5, 75001 Paris"), Some("Paris"));
        assert_eq!(home_town("12 The Green, Elmford, AB1 2CD"), None);
        assert_eq!(home_town("Main Street, Springfield"), None);
        let text = "44787 Bochum\nBochum, 14.11.2023";
        let address = Candidate { home: true, ..cand(K::Address, 0, "44787 Bochum".len(), Source::Rule) };
        let got = run(text, vec![address], Level::Basic);
        assert_eq!(got, [(K::Address, "44787 Bochum".to_string()), (K::Location, "Bochum".to_string())]);
    }

    #[test]
    fn confident_model_values_do_not_travel_onto_career_strings() {
        let text = "Java Tech | Houston\nSkills: Java Tech stack";
        let mut c = cand(K::Org, 0, 9, Source::Model);
        c.entity.confidence = 0.95;
        let skill = text.rfind("Java Tech").unwrap();
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        let got = merge(text, &folded, vec![c], Level::Thorough, &CareerRanges::new(vec![(skill, skill + 9)]), 0.9, &mut budget).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].entity.start, 0);
    }
}
