//! Deciding which piece of an entry header is which field, from two kinds of evidence.
//!
//! Rules cut the header into pieces (dates, separators, "City, ST" places, commas) and score
//! each piece with the word lists of [`super::roles`]. The parser model's spans then vote on
//! each piece, gated so that they add to the rules instead of overriding them:
//! - structure first: a model span only counts inside one piece; it never merges pieces the
//!   separators cut (a model ORG span running over "Acme, Hamburg" does not make the town part
//!   of the employer), and it splits a piece only when confident spans of different labels
//!   tile it ("Bhavnagar Content Strategist" → LOCATION, TITLE: a town glued to a title) or
//!   name the comma parts of a school header differently ("Colégio X, Vila Nova");
//! - confidence: only spans at or above [`MIN_VOTE`] vote;
//! - agreement: a vote that clear word-list evidence contradicts (the model says TITLE for
//!   "Acme GmbH") is dropped, so the rules keep what they are sure of, and the model decides
//!   where the word lists are unsure or silent.

use crate::entities::{Entity, EntityKind};

use super::cells::{comma_parts, Piece};
use super::roles::{self, Role};

/// Lowest mean probability of a model span that votes on a piece's role.
const MIN_VOTE: f32 = 0.7;
/// Lowest mean probability of each span when model spans split a piece.
const MIN_SPLIT: f32 = 0.8;
/// Share of a piece's bytes a label's spans must cover for the model to name the piece.
const MIN_COVER: f32 = 0.6;

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
    /// The model's role for the piece (after the gates) and its confidence.
    pub model: Option<(Role, f32)>,
    /// The role came from the model alone (the rules had none).
    pub by_model: bool,
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

/// Field spans of the model at or above `min` confidence, with the role they name
/// (`employer`: the role an ORG or SCHOOL span takes in this kind of entry — a school can be
/// an employer, a company can run a course).
fn field_spans(model: &[Entity], min: f32, employer: Role) -> Vec<(Role, &Entity)> {
    model
        .iter()
        .filter(|e| e.confidence >= min && e.end > e.start)
        .filter_map(|e| {
            let role = model_role(e.kind)?;
            let role = if matches!(role, Role::Org | Role::School) { employer } else { role };
            Some((role, e))
        })
        .collect()
}

/// The role whose confident spans cover most of the piece, with their mean confidence.
fn covered_role(piece: &Piece, spans: &[(Role, &Entity)]) -> Option<(Role, f32)> {
    let len = piece.end.saturating_sub(piece.start).max(1);
    let mut best: Option<(Role, usize, f32)> = None;
    for role in [Role::Title, Role::Org, Role::School, Role::Degree, Role::Location, Role::Date] {
        let (mut covered, mut conf, mut n) = (0usize, 0f32, 0u32);
        for (_, e) in spans.iter().filter(|(r, _)| *r == role) {
            let overlap = e.end.min(piece.end).saturating_sub(e.start.max(piece.start));
            if overlap > 0 {
                covered += overlap;
                conf += e.confidence;
                n += 1;
            }
        }
        if n > 0 && covered as f32 >= MIN_COVER * len as f32 && best.is_none_or(|(_, c, _)| covered > c) {
            best = Some((role, covered, conf / n as f32));
        }
    }
    best.map(|(r, _, c)| (r, c))
}

/// True when clear word-list evidence says the piece is something other than `role`.
fn contradicts(s: &Scored, role: Role) -> bool {
    let employer = s.org + s.school;
    match role {
        Role::Title => employer >= 2 && s.title == 0 || s.degree >= 3 && s.title == 0 || roles::reads_as_sentence(&s.piece.text),
        Role::Org | Role::School => {
            s.title >= 2 && employer == 0 || s.degree >= 3 && s.school == 0 && role == Role::School || roles::reads_as_prose(&s.piece.text)
        }
        Role::Degree => s.degree == 0 && (s.school >= 3 || s.title >= 2),
        Role::Location => s.title + employer + s.degree > 0,
        Role::Date => true,
    }
}

/// Score `pieces` (from one entry's header lines) with the rules, then let the model's spans
/// (any kinds; only field kinds are used) vote through the gates above. `employer` is
/// [`Role::Org`] in job entries and [`Role::School`] in education entries.
pub fn score_pieces(text: &str, pieces: Vec<Piece>, model: &[Entity], split_commas: bool, employer: Role) -> Vec<Scored> {
    let votes = field_spans(model, MIN_VOTE, employer);
    let splitters = field_spans(model, MIN_SPLIT, employer);
    let mut out = Vec::new();
    for piece in pieces {
        let parts = if split_commas { split_places(&piece) } else { model_comma_split(piece, &splitters).into_iter().map(rule_scored).collect() };
        out.extend(parts.into_iter().map(|part| vote(part, &votes)));
    }
    arbitrate(&mut out);
    // A town glued to a title ("Bhavnagar Content Strategist") in a job entry with no place yet.
    if split_commas && with_role(&out, Role::Location).is_none() {
        let mut split = Vec::with_capacity(out.len());
        for s in out {
            match model_split(text, &s, &splitters) {
                Some(parts) => split.extend(parts),
                None => split.push(s),
            }
        }
        out = split;
    }
    out
}

/// Clear word-list evidence that `s` is `role`.
fn rule_sure(s: &Scored, role: Role) -> bool {
    let employer = s.org + s.school;
    match role {
        Role::Title => s.title >= 2 && s.title > employer + s.degree,
        Role::Org => employer >= 2 && employer > s.title,
        Role::School => s.school >= 3 && s.school > s.degree,
        Role::Degree => s.degree >= 3 && s.degree > s.school,
        Role::Location | Role::Date => false,
    }
}

/// One entry has one employer, one title, one school, one degree: a role the model gave a
/// piece the word lists are unsure of goes back when the word lists are sure another piece of
/// the entry has it (and the model did not say otherwise of that piece).
fn arbitrate(pieces: &mut [Scored]) {
    let sure: Vec<Role> = pieces
        .iter()
        .flat_map(|q| [Role::Title, Role::Org, Role::School, Role::Degree].into_iter().filter(move |&r| rule_sure(q, r) && q.model.is_none_or(|(m, _)| m == r)))
        .collect();
    for s in pieces.iter_mut().filter(|s| s.by_model) {
        if s.role.is_some_and(|r| sure.contains(&r) && !rule_sure(s, r)) {
            s.role = None;
            s.by_model = false;
            s.confidence = 0.5;
        }
    }
    // One entry has one title and one employer: of two pieces the model alone names so, the
    // surer keeps the role.
    for role in [Role::Title, Role::Org] {
        let surest = pieces
            .iter()
            .enumerate()
            .filter(|(_, s)| s.by_model && s.role == Some(role))
            .max_by(|(a, p), (b, q)| p.confidence.total_cmp(&q.confidence).then(b.cmp(a)))
            .map(|(i, _)| i);
        for (i, s) in pieces.iter_mut().enumerate() {
            if s.by_model && s.role == Some(role) && Some(i) != surest {
                s.role = None;
                s.by_model = false;
                s.confidence = 0.5;
            }
        }
    }
}

/// The model's vote on one piece, kept when it passes the agreement gate.
fn vote(mut s: Scored, spans: &[(Role, &Entity)]) -> Scored {
    let Some((role, conf)) = covered_role(&s.piece, spans) else { return s };
    if contradicts(&s, role) {
        return s;
    }
    s.model = Some((role, conf));
    match s.role {
        None if role != Role::Date => {
            s.role = Some(role);
            s.confidence = conf;
            s.by_model = true;
        }
        Some(r) if r == role => s.confidence = s.confidence.max(conf),
        _ => {}
    }
    s
}

/// A piece whose comma parts confident model spans name as different fields ("Tecnólogo em
/// Pedagogia, Faculdade Vieira": DEGREE, SCHOOL; "Colégio Nascimento, Costa": SCHOOL, LOCATION)
/// is cut at the commas where the field changes; a part no span names stays with the part
/// before it, so commas inside one field stay, and so does a campus after a school named "of"
/// a region ("University of California, Berkeley").
fn model_comma_split(piece: Piece, spans: &[(Role, &Entity)]) -> Vec<Piece> {
    let parts = comma_parts(&piece);
    let roles: Vec<Option<Role>> = parts.iter().map(|p| covered_role(p, spans).map(|(r, _)| r).filter(|&r| r != Role::Date)).collect();
    let mut named = roles.iter().flatten();
    let first = named.next().copied();
    if parts.len() < 2 || !named.any(|&r| Some(r) != first) {
        return vec![piece];
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut current: Option<Role> = None;
    for (part, role) in parts.into_iter().zip(roles) {
        let campus = role == Some(Role::Location) && out.last().is_some_and(|l| roles::named_of_region(&l.text));
        let changes = !campus && role.is_some_and(|r| current.is_some_and(|c| c != r));
        match out.last_mut() {
            Some(last) if !changes => {
                last.end = part.end;
                last.text = piece.text.get(last.start.saturating_sub(piece.start)..part.end.saturating_sub(piece.start)).unwrap_or("").to_string();
            }
            _ => out.push(Piece { hint: None, ..part }),
        }
        current = role.or(current);
    }
    out
}

/// Confident model spans that tile the piece (nothing but spaces and punctuation left between
/// them) and name one field and its place become pieces of their own.
fn model_split(text: &str, s: &Scored, spans: &[(Role, &Entity)]) -> Option<Vec<Scored>> {
    if s.role.is_some() || s.piece.hint.is_some() {
        return None;
    }
    let mut inside: Vec<(Role, &Entity)> = spans.iter().filter(|(_, e)| e.start >= s.piece.start && e.end <= s.piece.end).copied().collect();
    crate::sort::sort_by_key(&mut inside, |(_, e)| e.start);
    // Neighbouring spans of one role are one piece.
    let mut merged: Vec<(Role, usize, usize, f32)> = Vec::new();
    for (role, e) in inside {
        match merged.last_mut() {
            Some(last) if last.0 == role && e.start >= last.2 => {
                last.2 = e.end;
                last.3 = last.3.min(e.confidence);
            }
            Some(last) if e.start < last.2 => return None,
            _ => merged.push((role, e.start, e.end, e.confidence)),
        }
    }
    let places = merged.iter().filter(|m| m.0 == Role::Location).count();
    if merged.len() < 2 || places + 1 != merged.len() {
        return None;
    }
    // The gaps (before, between, after the spans) hold no letters or digits.
    let mut at = s.piece.start;
    for &(_, start, end, _) in &merged {
        if text.get(at..start)?.chars().any(char::is_alphanumeric) {
            return None;
        }
        at = end;
    }
    if text.get(at..s.piece.end)?.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut out = Vec::new();
    for (role, start, end, conf) in merged {
        let t = text.get(start..end).unwrap_or("").trim();
        let p = Piece { start, end, line: s.piece.line, text: t.to_string(), hint: None };
        let mut part = rule_scored(p);
        let place_ok = role != Role::Location || roles::is_place_name(&part.piece.text) && !written_in_lower_case(text, &part.piece.text);
        if contradicts(&part, role) || !place_ok || role == Role::Date {
            return None;
        }
        part.model = Some((role, conf));
        part.role = Some(role);
        part.confidence = conf;
        part.by_model = true;
        out.push(part);
    }
    Some(out)
}

fn rule_scored(piece: Piece) -> Scored {
    let t = &piece.text;
    let (title, org, school, degree) = (roles::title_score(t), roles::org_score(t), roles::school_score(t), roles::degree_score(t));
    let role = if piece.hint == Some(Role::Location) || roles::looks_like_location(t) { Some(Role::Location) } else { None };
    Scored { piece, role, confidence: if role.is_some() { 0.7 } else { 0.5 }, title, org, school, degree, model: None, by_model: false }
}

/// Split a piece at commas (see [`split_commas`]), then cut a town written after an employer's
/// legal form without a comma ("xyz GmbH Musterbach") off as a place.
fn split_places(piece: &Piece) -> Vec<Scored> {
    let mut out = Vec::new();
    for s in split_commas(piece) {
        match roles::town_after_legal_form(&s.piece.text).filter(|_| s.role.is_none()) {
            Some((name_end, town_range)) => {
                let p = &s.piece;
                let head = p.text.get(..name_end).unwrap_or("").to_string();
                out.push(rule_scored(Piece { end: p.start + head.len(), text: head, ..p.clone() }));
                let town_text = p.text.get(town_range.clone()).unwrap_or("").to_string();
                let mut town = rule_scored(Piece { start: p.start + town_range.start, end: p.start + town_range.end, text: town_text, hint: None, ..p.clone() });
                town.role = Some(Role::Location);
                town.confidence = 0.8;
                out.push(town);
            }
            None => out.push(s),
        }
    }
    out
}

/// Split a piece at commas, joining "City, ST" pairs into one location part, and rejoining
/// neighbouring parts that are both titles ("Sales Manager, Associate").
fn split_commas(piece: &Piece) -> Vec<Scored> {
    let parts = comma_parts(piece);
    if parts.len() <= 1 {
        return vec![rule_scored(piece.clone())];
    }
    let mut out: Vec<Scored> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let Some(part) = parts.get(i) else { break };
        let next = parts.get(i + 1);
        // "New Orleans" + "LA" → one location; "Blue Fin Pueblo" + "Colorado" → "Blue Fin" and a location.
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
            // "Tampa, Florida, United States".
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
        // Rejoin "Sales Manager" + "Associate".
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
/// `word` also stands in `text` in lower case as a word of its own ("office systems" beside an
/// "Office Manager" the model cut into a place and a title): a common noun, not a place's name.
fn written_in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word || lower.is_empty() {
        return false;
    }
    text.match_indices(lower.as_str()).any(|(at, m)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + m.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn is_name_list(first: &str, second: &str) -> bool {
    // "Ayala", "Grupo Ayala": one to three capitalised words before the list goes on.
    let words: Vec<&str> = first.split_whitespace().collect();
    // In capitals a title can run into the name ("ANALYST ROWE, BAKER AND LUND"): at most two words.
    let capitals = first.chars().any(char::is_alphabetic) && !first.chars().any(char::is_lowercase);
    let single = (1..=if capitals { 2 } else { 3 }).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase));
    const JOINERS: [&str; 7] = ["and", "e", "y", "und", "et", "&", "i"];
    let lower = second.to_lowercase();
    let joined = JOINERS.iter().any(|j| lower.contains(&format!(" {j} ")));
    // "Wheeler, Cook and Davis": two surnames joined, the first also a job word; the last must
    // not be one ("Acme, Sales and Marketing Manager" is a title).
    let two_names = match second.split_whitespace().collect::<Vec<_>>().as_slice() {
        [a, j, b] => JOINERS.contains(&j.to_lowercase().as_str()) && a.starts_with(char::is_uppercase) && b.starts_with(char::is_uppercase) && roles::title_score(b) == 0,
        _ => false,
    };
    single && joined && roles::title_score(first) == 0 && (roles::title_score(second) == 0 || two_names) && !roles::is_region(second)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(texts: &[&str]) -> (String, Vec<Piece>) {
        let text = texts.join("\n");
        let mut start = 0;
        let pieces = texts
            .iter()
            .enumerate()
            .map(|(line, t)| {
                let p = Piece { start, end: start + t.len(), line, text: t.to_string(), hint: None };
                start += t.len() + 1;
                p
            })
            .collect();
        (text, pieces)
    }

    fn span(pieces: &[Piece], i: usize, kind: EntityKind, confidence: f32) -> Entity {
        Entity::new(kind, pieces[i].start, pieces[i].end, confidence, "parser_model")
    }

    fn roles_of(scored: &[Scored]) -> Vec<Option<Role>> {
        scored.iter().map(|s| s.role).collect()
    }

    #[test]
    fn a_sentence_is_no_employer_whatever_the_model_says() {
        let (text, ps) = pieces(&["Kurier", "Velocita", "Lieferung mit dem Lastenrad"]);
        let model = [span(&ps, 0, EntityKind::Title, 0.95), span(&ps, 2, EntityKind::Org, 0.9)];
        let scored = score_pieces(&text, ps, &model, false, Role::Org);
        assert_eq!(roles_of(&scored), vec![Some(Role::Title), None, None]);
        // Not even with an organisation word in it.
        let (text, ps) = pieces(&["Kurier", "Pflege diverser Projekte der Stiftung"]);
        let model = [span(&ps, 1, EntityKind::Org, 0.9)];
        let scored = score_pieces(&text, ps, &model, false, Role::Org);
        assert_eq!(scored[1].role, None);
    }

    #[test]
    fn firms_named_for_their_partners() {
        assert!(is_name_list("Wheeler", "Cook and Davis"));
        assert!(is_name_list("ROWE", "BAKER AND LUND"));
        assert!(!is_name_list("DATA ANALYST ROWE", "BAKER AND LUND"));
        assert!(is_name_list("Ayala", "Wells and Garcia"));
        assert!(!is_name_list("Acme", "Sales and Marketing Manager"));
    }

    #[test]
    fn one_title_and_one_employer_per_entry() {
        let (text, ps) = pieces(&["Kurier", "Velocita", "Nordlicht", "Ostwind"]);
        let model = [
            span(&ps, 0, EntityKind::Title, 0.95),
            span(&ps, 1, EntityKind::Title, 0.75),
            span(&ps, 2, EntityKind::Org, 0.8),
            span(&ps, 3, EntityKind::Org, 0.9),
        ];
        let scored = score_pieces(&text, ps, &model, false, Role::Org);
        assert_eq!(roles_of(&scored), vec![Some(Role::Title), None, None, Some(Role::Org)]);
    }
}
