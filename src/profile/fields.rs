//! Deciding which piece of an entry header is which field.
//!
//! The parser model's spans decide first: a piece mostly covered by one label takes that role,
//! and a model span inside a longer piece ("Red Hat Denver, Colorado" → ORG, LOCATION) becomes a
//! piece of its own. Pieces the model left alone are split at commas, places are recognised
//! ("New Orleans, LA"), and the word lists of [`super::roles`] score the rest.

use crate::entities::{Entity, EntityKind};

use super::cells::{comma_parts, Piece};
use super::roles::{self, Role};

/// A piece with the role decided for it (None = unknown) and how sure we are.
#[derive(Debug, Clone)]
pub struct Scored {
    pub piece: Piece,
    pub role: Option<Role>,
    pub confidence: f32,
    /// Rule scores per role (title, org, school, degree).
    pub title: u32,
    pub org: u32,
    pub school: u32,
    pub degree: u32,
}

fn model_role(kind: EntityKind) -> Option<Role> {
    match kind {
        EntityKind::Org => Some(Role::Org),
        EntityKind::Title => Some(Role::Title),
        EntityKind::School => Some(Role::School),
        EntityKind::Degree => Some(Role::Degree),
        EntityKind::Location => Some(Role::Location),
        EntityKind::Date => Some(Role::Date),
        _ => None,
    }
}

/// The role the model gives most of the piece, with its confidence.
fn covered_role(piece: &Piece, model: &[Entity]) -> Option<(Role, f32)> {
    let len = piece.end.saturating_sub(piece.start).max(1);
    let mut best: Option<(Role, usize, f32)> = None;
    for e in model {
        let Some(role) = model_role(e.kind) else { continue };
        let overlap = e.end.min(piece.end).saturating_sub(e.start.max(piece.start));
        if overlap * 10 >= len * 6 && best.is_none_or(|(_, o, _)| overlap > o) {
            best = Some((role, overlap, e.confidence));
        }
    }
    best.map(|(r, _, c)| (r, c))
}

/// Score `pieces` (from one entry's header lines) with the model spans `model` (any kinds; only
/// field kinds are used) and the rules.
pub fn score_pieces(text: &str, pieces: Vec<Piece>, model: &[Entity], split_commas: bool) -> Vec<Scored> {
    let mut out = Vec::new();
    for piece in pieces {
        if let Some((role, confidence)) = covered_role(&piece, model) {
            out.push(scored(piece, Some(role), confidence));
            continue;
        }
        // Model spans inside the piece become pieces of their own.
        let inside: Vec<&Entity> = model
            .iter()
            .filter(|e| model_role(e.kind).is_some() && e.start >= piece.start && e.end <= piece.end && e.end > e.start)
            .collect();
        if !inside.is_empty() {
            for e in inside {
                let t = text.get(e.start..e.end).unwrap_or("").trim();
                if t.is_empty() {
                    continue;
                }
                let p = Piece { start: e.start, end: e.end, line: piece.line, text: t.to_string(), hint: None };
                out.push(scored(p, model_role(e.kind), e.confidence));
            }
            continue;
        }
        if split_commas {
            out.extend(split_places(&piece).into_iter());
        } else {
            out.push(rule_scored(piece));
        }
    }
    out
}

fn scored(piece: Piece, role: Option<Role>, confidence: f32) -> Scored {
    let mut s = rule_scored(piece);
    s.role = role;
    s.confidence = confidence;
    s
}

fn rule_scored(piece: Piece) -> Scored {
    let t = &piece.text;
    let (title, org, school, degree) = (roles::title_score(t), roles::org_score(t), roles::school_score(t), roles::degree_score(t));
    let role = if piece.hint == Some(Role::Location) || roles::looks_like_location(t) { Some(Role::Location) } else { None };
    Scored { piece, role, confidence: if role.is_some() { 0.7 } else { 0.5 }, title, org, school, degree }
}

/// Split a piece at commas, joining "City, ST" pairs into one location part, and rejoining
/// neighbouring parts that are both titles ("IT Director, Associate").
fn split_places(piece: &Piece) -> Vec<Scored> {
    let parts = comma_parts(piece);
    if parts.len() <= 1 {
        return vec![rule_scored(piece.clone())];
    }
    let mut out: Vec<Scored> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let Some(part) = parts.get(i) else { break };
        let next = parts.get(i + 1);
        // "New Orleans" + "LA" → one location; "Red Hat Denver" + "Colorado" → "Red Hat" and a location.
        if let Some(n) = next.filter(|n| roles::is_region(&n.text) && !roles::is_region(&part.text)) {
            let city_at = roles::trailing_city_start(&part.text);
            let part = match city_at {
                Some(at) => {
                    let head = Piece { start: part.start, end: part.start + at, line: part.line, text: part.text.get(..at).unwrap_or("").trim().to_string(), hint: part.hint };
                    let head_end = head.start + head.text.len();
                    out.push(rule_scored(Piece { end: head_end, ..head }));
                    Piece { start: part.start + at, end: part.end, line: part.line, text: part.text.get(at..).unwrap_or("").to_string(), hint: None }
                }
                None if roles::is_place_name(&part.text) => part.clone(),
                None => {
                    out.push(rule_scored(part.clone()));
                    i += 1;
                    continue;
                }
            };
            let mut end = n.end;
            let mut j = i + 2;
            // "Orlando, Florida, United States".
            while let Some(m) = parts.get(j).filter(|m| roles::is_region(&m.text)) {
                end = m.end;
                j += 1;
            }
            let text = piece.text.get(part.start.saturating_sub(piece.start)..end.saturating_sub(piece.start)).unwrap_or("").to_string();
            let p = Piece { start: part.start, end, line: piece.line, text, hint: None };
            let mut s = rule_scored(p);
            s.role = Some(Role::Location);
            s.confidence = 0.8;
            out.push(s);
            i = j;
            continue;
        }
        // "Ayala, Wells and Garcia": a firm of names.
        if let Some(n) = next.filter(|n| is_name_list(&part.text, &n.text)) {
            let text = piece.text.get(part.start.saturating_sub(piece.start)..n.end.saturating_sub(piece.start)).unwrap_or("").to_string();
            out.push(rule_scored(Piece { start: part.start, end: n.end, line: piece.line, text, hint: part.hint }));
            i += 2;
            continue;
        }
        // "Acme, Gavirate Responsabile logistica": a town glued to the title after it.
        let have_location = out.iter().any(|s| s.role == Some(Role::Location));
        if i > 0 && !have_location {
            if let Some(at) = glued_title_start(&part.text) {
                let town = Piece { start: part.start, end: part.start + at, line: part.line, text: part.text.get(..at).unwrap_or("").trim_end().to_string(), hint: Some(Role::Location) };
                let town = Piece { end: town.start + town.text.len(), ..town };
                let title = Piece { start: part.start + at, end: part.end, line: part.line, text: part.text.get(at..).unwrap_or("").to_string(), hint: Some(Role::Title) };
                out.push(rule_scored(town));
                out.push(rule_scored(title));
                i += 1;
                continue;
            }
        }
        let s = rule_scored(part.clone());
        // Rejoin "IT Director" + "Associate".
        if let Some(prev) = out.last_mut() {
            if prev.role.is_none() && prev.title > prev.org && s.title > s.org && s.role.is_none() {
                prev.piece.end = s.piece.end;
                prev.piece.text = piece.text.get(prev.piece.start.saturating_sub(piece.start)..s.piece.end.saturating_sub(piece.start)).unwrap_or("").to_string();
                prev.title += s.title;
                i += 1;
                continue;
            }
        }
        out.push(s);
        i += 1;
    }
    out
}

/// Where a title starts inside "Gavirate Responsabile logistica" (after one or two capitalised
/// place words), if it does.
fn glued_title_start(part: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = part.split_whitespace().map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w)).collect();
    // The title's head word first and more words after it ("Responsabile logistica", "Senior
    // Accountant"); "Certified Public Accountant" ends in its head word and stays whole.
    let first_title = words.iter().position(|(_, w)| roles::title_score(w) > 0)?;
    // An English title ending in its head word ("Tezpur Mechanical Engineer"): the town is one
    // word, or two after a prefix ("New Manuel Marketing Manager").
    // "Office Manager" and "Certified Public Accountant" are titles alone, so this needs a title
    // of at least three words after the town.
    let first_title = if first_title + 1 >= words.len() {
        let two = words.first().is_some_and(|(_, w)| roles::is_city_prefix(w));
        let town = if two { 2 } else { 1 };
        if words.len() < town + 3 {
            return None;
        }
        town
    } else {
        first_title
    };
    if first_title == 0 || first_title > 2 || first_title >= words.len() {
        return None;
    }
    let head = part.get(..words.get(first_title)?.0)?.trim_end();
    (roles::is_place_name(head) && !roles::is_region(head)).then(|| words.get(first_title).map(|(at, _)| *at)).flatten()
}

/// "Ayala" + "Wells and Garcia", "Basadonna" + "Caracciolo e Loredan e figli": one name, then
/// names joined by "and".
fn is_name_list(first: &str, second: &str) -> bool {
    let single = first.split_whitespace().count() == 1 && first.chars().next().is_some_and(char::is_uppercase);
    let joined = [" and ", " e ", " y ", " und ", " et ", " & ", " i "].iter().any(|j| second.contains(j));
    single && joined && roles::title_score(first) == 0 && roles::title_score(second) == 0 && !roles::is_region(second)
}

/// Index of the unassigned piece that best fits `score` (strictly positive), if any.
pub fn best(pieces: &[Scored], score: impl Fn(&Scored) -> i64) -> Option<usize> {
    pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role.is_none())
        .map(|(i, p)| (i, score(p)))
        .filter(|&(_, s)| s > 0)
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}

/// First piece already assigned `role`.
pub fn with_role(pieces: &[Scored], role: Role) -> Option<&Scored> {
    pieces.iter().find(|p| p.role == Some(role))
}

/// Text of the span `start..end` of `text`, trimmed and undoubled.
pub fn span_text(text: &str, start: usize, end: usize) -> String {
    super::cells::undouble(text.get(start..end).unwrap_or("")).to_string()
}
