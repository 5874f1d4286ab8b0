//! A school from an entry: institution, degree as written (split into `studyType` and `area`),
//! place, dates and grade.

use crate::entities::Entity;

use super::cells::Piece;
use super::entries::Entry;
use super::fields::{best, score_pieces, span_text, with_role, Scored};
use super::lines::LineInfo;
use super::qualifiers;
use super::roles::{self, Role};
use super::table_head::{Column, Table};
use super::types::Education;
use super::work::{body_items, entry_dates, header_pieces, header_spans};

/// Words that announce a grade.
const SCORE_WORDS: &[&str] = &["gpa", "grade", "note", "notendurchschnitt", "moyenne", "nota", "cijfer", "ocena", "mention", "cgpa", "abschlussnote"];

/// A JSON Resume education item and the confidence of its fields.
pub fn education_item(text: &str, lines: &[LineInfo], entry: &Entry, model: &[Entity], degree_first: Option<bool>) -> (Education, Vec<(&'static str, f32)>) {
    let spans = header_spans(lines, entry, model);
    let table = entry.header.first().and_then(|&first| Table::above(lines, first));
    let header: Vec<Piece> = header_pieces(lines, entry, false).into_iter().filter(|p| !table.as_ref().is_some_and(|t| t.is_heading(p))).collect();
    let raw: Vec<Piece> = join_wrapped(text, header).into_iter().flat_map(split_score).flat_map(split_comma_joiner).flat_map(split_degree_and_school).flat_map(peel_location).collect();
    let mut pieces = score_pieces(text, raw, &spans, false, Role::School);
    let mut score_text = None;
    if let Some(table) = &table {
        table.assign(lines, &mut pieces, |column, p| match column {
            Column::Field(Role::School) if p.role != Some(Role::Location) => Some(Role::School),
            Column::Field(role @ (Role::Degree | Role::Location)) => Some(role),
            Column::Score => {
                score_text = Some(p.piece.text.clone());
                Some(Role::Date) // consumed
            }
            // Where the row was examined, when: no field of its own.
            Column::Board | Column::When => Some(Role::Date),
            _ => None,
        });
    }
    // A school entry names no job: a piece the model alone reads as a job title (no title word;
    // "Expert in Accounting", a vocational qualification) is open to the degree.
    for p in pieces.iter_mut().filter(|p| p.by_model && p.role == Some(Role::Title) && p.title == 0) {
        p.role = None;
    }
    // "HTW Example" read as a place: with no school found, a place the model alone names that
    // holds an acronym which is no region code is the school.
    if with_role(&pieces, Role::School).is_none() {
        let acronym_named = |t: &str| t.split_whitespace().any(|w| roles::is_acronym(w) && !roles::is_region(w));
        if let Some(p) = pieces.iter_mut().find(|p| p.by_model && p.role == Some(Role::Location) && acronym_named(&p.piece.text)) {
            p.role = Some(Role::School);
        }
    }
    for p in pieces.iter_mut().filter(|p| p.role.is_none()) {
        let lower = p.piece.text.to_lowercase();
        if roles::words(&lower).iter().any(|w| SCORE_WORDS.contains(&w.trim_end_matches(':'))) || qualifiers::is_grade(&p.piece.text) {
            score_text = Some(p.piece.text.clone());
            p.role = Some(Role::Date); // consumed
        }
    }
    if with_role(&pieces, Role::Degree).is_none() {
        if let Some(i) = best(&pieces, |p| 2 * i64::from(p.degree) - i64::from(p.school)) {
            set(&mut pieces, i, Role::Degree);
        }
    }
    if with_role(&pieces, Role::School).is_none() {
        let pick = best(&pieces, |p| 2 * i64::from(p.school) + i64::from(p.org) - i64::from(p.degree))
            .or_else(|| pieces.iter().position(|p| p.role.is_none() && !roles::looks_like_location(&p.piece.text)));
        if let Some(i) = pick {
            set(&mut pieces, i, Role::School);
        }
    }
    follow_layout(&mut pieces, degree_first);
    // "School - Diploma" over "Diploma in Field": the degree restated with its field is the one
    // to read, and the short form gives way.
    let degrees: Vec<usize> = pieces.iter().enumerate().filter(|(_, p)| p.role == Some(Role::Degree)).map(|(i, _)| i).collect();
    if let [short, .., full] = degrees.as_slice() {
        let lower = |i: usize| pieces.get(i).map_or(String::new(), |p| p.piece.text.to_lowercase());
        let (short_text, full_text) = (lower(*short), lower(*full));
        if !short_text.is_empty() && full_text.strip_prefix(short_text.as_str()).is_some_and(|rest| rest.starts_with(' ')) {
            set(&mut pieces, *short, Role::Date); // consumed
        }
    }
    let mut area = None;
    // A piece joined across a wrap spans a line break.
    let one_line = |p: &Scored| span_text(text, p.piece.start, p.piece.end).split_whitespace().collect::<Vec<_>>().join(" ");
    let degree = with_role(&pieces, Role::Degree).map(|p| (qualifiers::degree_alone(&one_line(p)), p.confidence)).filter(|(d, _)| !d.is_empty());
    let (study_type, split_area) = match &degree {
        Some((d, _)) => split_degree(d),
        None => (None, None),
    };
    if split_area.is_some() {
        area = split_area;
    } else if let Some(i) = pieces.iter().position(|p| p.role.is_none() && !roles::looks_like_location(&p.piece.text)) {
        // "B.S." / "Computer Science" on the next line.
        area = pieces.get(i).map(|p| qualifiers::area_alone(&p.piece.text)).filter(|a| !a.is_empty());
        set(&mut pieces, i, Role::Date);
    }
    let school = with_role(&pieces, Role::School).map(|p| (qualifiers::school_and_place(&one_line(p)), p.confidence));
    let (school, place) = match school {
        Some(((name, place), c)) => (Some((name, c)), place),
        None => (None, None),
    };
    let location = with_role(&pieces, Role::Location).map(|p| p.piece.text.clone()).or(place);
    let (start, end) = match entry_dates(lines, entry) {
        // A single date is when the course ended (graduation).
        Some((s, e, open)) if s == e => (None, if open { None } else { e.or(s) }),
        Some((s, e, open)) => (s, if open { None } else { e }),
        None => (None, None),
    };
    let mut conf = Vec::new();
    if let Some((_, c)) = &school {
        conf.push(("institution", *c));
    }
    if let Some((_, c)) = &degree {
        conf.push(("studyType", *c));
    }
    let body = body_items(lines, entry);
    let item = Education {
        institution: school.map(|(t, _)| t),
        study_type: study_type.or_else(|| degree.map(|(d, _)| d)),
        area,
        location,
        start_date: start,
        end_date: end,
        score: score_text,
        courses: body,
        ..Education::default()
    };
    (item, conf)
}

/// Split dateless entries that list several schools ("Linden College / M.S. … / Ashgrove
/// University / B.S. …"): a new entry starts where the role of the entry's first line (school
/// or degree) comes back.
pub fn split_repeated_schools(lines: &[LineInfo], entries: Vec<Entry>) -> Vec<Entry> {
    let role = |i: usize| {
        let t = lines.get(i).map_or("", |l| l.text);
        if roles::school_score(t) > roles::degree_score(t) {
            Some(Role::School)
        } else if roles::degree_score(t) > 0 {
            Some(Role::Degree)
        } else {
            None
        }
    };
    // "Lic. en X en UNXX" / "Bachillerato en Escuela Y (2017)": a line that names a degree and
    // its school both is a school of its own, dated or not.
    let whole = |i: usize| {
        let Some(l) = lines.get(i) else { return false };
        let piece = Piece { start: 0, end: l.text.len(), line: i, text: l.text.to_string(), hint: None };
        roles::degree_score(l.text) > 0 && split_degree_and_school(piece).len() == 2
    };
    let mut out = Vec::new();
    for entry in entries {
        let dated = entry.header.iter().any(|&i| lines.get(i).is_some_and(LineInfo::has_date));
        let first = entry.header.first().and_then(|&i| role(i));
        let wholes = entry.header.iter().filter(|&&i| role(i) == first && first.is_some()).count();
        let whole_lines = wholes >= 2 && entry.header.iter().filter(|&&i| role(i) == first).all(|&i| whole(i));
        if (dated && !whole_lines) || first.is_none() || (entry.header.len() < 3 && !whole_lines) {
            out.push(entry);
            continue;
        }
        let mut current = Entry::default();
        for &i in &entry.header {
            if !current.header.is_empty() && role(i) == first {
                out.push(std::mem::take(&mut current));
            }
            current.header.push(i);
        }
        current.body = entry.body;
        out.push(current);
    }
    out
}

/// A school list written as bullets without dates ("- B.Tech in X from Y College") has no
/// header lines at all: each bullet is an entry. (A section with headers keeps its body lines:
/// they are wrapped text or details.)
pub fn bullets_as_entries(entries: Vec<Entry>) -> Vec<Entry> {
    if entries.iter().any(|e| !e.header.is_empty()) {
        return entries;
    }
    entries
        .into_iter()
        .flat_map(|e| if e.header.is_empty() { e.body.into_iter().map(|i| Entry { header: vec![i], body: Vec::new() }).collect() } else { vec![e] })
        .collect()
}

/// Whether the section writes each degree on a line above its school (`Some(true)`) or below
/// it (`Some(false)`): the order of every entry whose lines name one plainly, when at least two
/// do and all agree.
pub fn degree_above_school(lines: &[LineInfo], entries: &[Entry]) -> Option<bool> {
    let plain = |i: usize, role: Role| {
        let t = lines.get(i).map_or("", |l| l.text);
        let (school, degree) = (roles::school_score(t), roles::degree_score(t));
        if role == Role::School { school > 0 && degree == 0 } else { degree > 0 && school == 0 }
    };
    let votes: Vec<bool> = entries
        .iter()
        .filter_map(|e| {
            let degree = e.header.iter().position(|&i| plain(i, Role::Degree))?;
            let school = e.header.iter().position(|&i| plain(i, Role::School))?;
            (degree != school).then_some(degree < school)
        })
        .collect();
    let first = *votes.first()?;
    (votes.len() >= 2 && votes.iter().all(|&v| v == first)).then_some(first)
}

/// An entry whose lines name no degree ("Compulsory and upper school" / "Example Grammar
/// Westdorf") takes its roles from the section's order, not from a school word in the course's
/// name: the line where the section's degrees stand is the degree.
fn follow_layout(pieces: &mut [Scored], degree_first: Option<bool>) {
    let Some(degree_first) = degree_first else { return };
    // The degree, or the piece that would become the area when none was picked.
    let other = pieces.iter().position(|p| p.role == Some(Role::Degree)).or_else(|| pieces.iter().position(|p| p.role.is_none() && !roles::looks_like_location(&p.piece.text)));
    let (Some(d), Some(s)) = (other, pieces.iter().position(|p| p.role == Some(Role::School))) else { return };
    let (Some(dp), Some(sp)) = (pieces.get(d), pieces.get(s)) else { return };
    let unnamed = dp.degree == 0 && sp.degree == 0 && !dp.by_model && !sp.by_model;
    if unnamed && dp.piece.line != sp.piece.line && (dp.piece.line < sp.piece.line) != degree_first {
        set(pieces, d, Role::School);
        set(pieces, s, Role::Degree);
    }
}

fn set(pieces: &mut [Scored], i: usize, role: Role) {
    if let Some(p) = pieces.get_mut(i) {
        p.role = Some(role);
    }
}

/// A degree wrapped onto the next line ("M.Phil. in Chemistry &" / "Biology", "B.Sc. in Biology" /
/// "with Spanish") is one piece again: the last piece of a line that ends open, or whose next
/// line starts in lower case after a degree, joins the first piece of the next line unless that
/// is a school. ("Example College, Town" / "in Master of Science": the place is no degree.)
fn join_wrapped(text: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut iter = pieces.into_iter().peekable();
    while let Some(p) = iter.next() {
        // "Escuela Técnica" / "XYZ (2017)": a school's acronym wrapped alone onto the next line
        // ends its name (a town there would be a place, but towns are no acronyms).
        let acronym_end = |q: &Piece| roles::school_score(&p.text) > 0 && roles::is_acronym(&q.text) && !roles::is_region(&q.text) && roles::degree_score(&q.text) == 0 && !SCORE_WORDS.contains(&q.text.to_lowercase().as_str());
        let wraps = |q: &Piece| {
            q.line == p.line + 1
                && (super::cells::ends_open(&p.text) || (q.text.starts_with(char::is_lowercase) && roles::degree_score(&p.text) > 0) || acronym_end(q))
                && roles::school_score(&q.text) == 0
                && text.get(p.end..q.start).is_some_and(|gap| gap.trim().is_empty())
        };
        match iter.next_if(wraps) {
            Some(q) => out.push(Piece { end: q.end, text: format!("{} {}", p.text, q.text), ..p }),
            None => out.push(p),
        }
    }
    out
}

/// "Master in Physics, GPA: 3.9/4.0": the grade after a comma is a piece of its own.
fn split_score(piece: Piece) -> Vec<Piece> {
    let parts = super::cells::comma_parts(&piece);
    let grade = |p: &Piece| p.text.split_whitespace().next().is_some_and(|w| SCORE_WORDS.contains(&w.to_lowercase().trim_end_matches(':'))) || qualifiers::is_grade(&p.text);
    let Some(at) = parts.iter().skip(1).position(grade).map(|i| i + 1) else { return vec![piece] };
    let (Some(head), Some(score)) = (parts.get(at - 1), parts.get(at)) else { return vec![piece] };
    let cut = |from: usize, to: usize| piece.text.get(from.saturating_sub(piece.start)..to.saturating_sub(piece.start)).unwrap_or("").to_string();
    vec![
        Piece { start: piece.start, end: head.end, text: cut(piece.start, head.end), hint: None, ..piece.clone() },
        Piece { start: score.start, end: piece.end, text: cut(score.start, piece.end), hint: None, ..piece.clone() },
    ]
}

/// "Licence en Informatique, Université de Lyon": a degree and a school in one piece split at
/// the comma between them (either comes first), or at "from"/"at" ("B.Tech in Physics from Example College").
/// "Example College, in Business Studies" (a school, then what was studied there): the comma
/// and the joiner part the school from the degree, and the joiner is no part of either.
fn split_comma_joiner(piece: Piece) -> Vec<Piece> {
    const JOINERS: [&str; 5] = [", in ", ", en ", ", em ", ", im ", ", at "];
    let Some((at, joiner)) = JOINERS.iter().filter_map(|j| piece.text.find(j).map(|at| (at, *j))).min() else {
        // "in Business Studies" cut off its school by the line's cells.
        return match piece.text.split_once(' ') {
            Some((word, rest)) if ["in", "en", "em", "im"].contains(&word) && rest.starts_with(char::is_uppercase) => {
                vec![Piece { start: piece.start + word.len() + 1, text: rest.to_string(), ..piece }]
            }
            _ => vec![piece],
        };
    };
    let (head, tail) = (piece.text.get(..at).unwrap_or("").trim_end(), piece.text.get(at + joiner.len()..).unwrap_or(""));
    if head.is_empty() || !tail.starts_with(char::is_uppercase) {
        return vec![piece];
    }
    let tail_start = piece.start + at + joiner.len();
    vec![
        Piece { end: piece.start + head.len(), text: head.to_string(), hint: None, ..piece.clone() },
        Piece { start: tail_start, text: tail.to_string(), hint: None, ..piece },
    ]
}

fn split_degree_and_school(piece: Piece) -> Vec<Piece> {
    if roles::degree_score(&piece.text) == 0 {
        return vec![piece];
    }
    // "BSc from X University", "Lic. en Física en UNLP": the last joiner before a school's
    // name (its school word, or an acronym standing alone) ends the degree.
    let mut joins: Vec<(usize, &str)> = [" from ", " at ", " en ", " in ", " à ", " em ", " na ", " an der ", " am "]
        .iter()
        .flat_map(|word| piece.text.match_indices(word).map(|(at, w)| (at, w)))
        .collect();
    joins.sort_unstable_by(|a, b| b.0.cmp(&a.0));
    for (at, word) in joins {
        let (head, tail) = (piece.text.get(..at).unwrap_or(""), piece.text.get(at + word.len()..).unwrap_or(""));
        // The school's name comes right after: "Bachelor in Informatics, X University" is cut at the comma below.
        let name = tail.split(',').next().unwrap_or(tail);
        let school = roles::school_score(name) > 0 && roles::degree_score(name) == 0 || roles::is_acronym(name);
        if roles::degree_score(head) > 0 && roles::school_score(head) == 0 && school {
            let tail_start = piece.start + at + word.len();
            return vec![
                Piece { end: piece.start + at, text: head.to_string(), hint: None, ..piece.clone() },
                Piece { start: tail_start, text: tail.to_string(), hint: None, ..piece },
            ];
        }
    }
    if roles::school_score(&piece.text) == 0 {
        return vec![piece];
    }
    let parts = super::cells::comma_parts(&piece);
    let Some(at) = parts.iter().position(|p| roles::school_score(&p.text) > 0 && roles::degree_score(&p.text) == 0) else {
        return vec![piece];
    };
    if at == 0 {
        return school_then_degree(&piece, &parts);
    }
    let (Some(first), Some(school)) = (parts.first(), parts.get(at)) else { return vec![piece] };
    let head_end = parts.get(at - 1).map_or(first.end, |p| p.end);
    let head = Piece { start: first.start, end: head_end, line: piece.line, text: piece.text.get(..head_end.saturating_sub(piece.start)).unwrap_or("").to_string(), hint: None };
    let tail = Piece { start: school.start, end: piece.end, line: piece.line, text: piece.text.get(school.start.saturating_sub(piece.start)..).unwrap_or("").to_string(), hint: None };
    vec![head, tail]
}

/// "Ingenieurschule X, Studium der Elektrotechnik", "Instituto X, Town, Bachillerato": the school
/// first, then the degree, with the school's town between them. (A part after the degree may
/// as well be its field as a town: "Hochschule X, Bachelor, Informatik" keeps it.)
fn school_then_degree(piece: &Piece, parts: &[Piece]) -> Vec<Piece> {
    let whole = || vec![piece.clone()];
    let (Some(school), rest) = (parts.first(), parts.get(1..).unwrap_or(&[])) else { return whole() };
    let Some(d) = rest.iter().position(|p| roles::degree_score(&p.text) > 0) else { return whole() };
    let before = rest.get(..d).unwrap_or(&[]);
    if rest.iter().any(|p| roles::school_score(&p.text) > 0) || !before.iter().all(|p| roles::is_place_name(&p.text)) {
        return whole();
    }
    let span = |from: &Piece, to: &Piece, hint| Piece { start: from.start, end: to.end, line: piece.line, text: piece.text.get(from.start.saturating_sub(piece.start)..to.end.saturating_sub(piece.start)).unwrap_or("").to_string(), hint };
    let (Some(degree), Some(last)) = (rest.get(d), parts.last()) else { return whole() };
    let mut out = vec![span(school, school, None), span(degree, last, None)];
    if let (Some(first), Some(end)) = (before.first(), before.last()) {
        out.push(span(first, end, Some(Role::Location)));
    }
    out
}

/// "University of Elm Ridge, Elm Ridge, CA" → the school and its place. A trailing "City, ST"
/// is a place; "University of California, Berkeley" stays whole.
fn peel_location(piece: Piece) -> Vec<Piece> {
    let parts = super::cells::comma_parts(&piece);
    let n = parts.len();
    // "Example Harlow University Springfield, Ohio": the city is glued to a name that
    // ends in its school word. A name that starts with it ("Hochschule Reutlingen, Berlin",
    // "École secondaire Savard, Québec") goes on after it: its last word is no city.
    if let (Some(city), Some(region)) = (n.checked_sub(2).and_then(|i| parts.get(i)), parts.last()) {
        let head_first = city.text.split_whitespace().next().is_some_and(|w| roles::school_score(w) > 0);
        if roles::is_region(&region.text) && roles::school_score(&city.text) > 0 && !head_first {
            if let Some(at) = roles::trailing_city_start(&city.text) {
                let head_end = city.start + at;
                let head_text = piece.text.get(..head_end.saturating_sub(piece.start)).unwrap_or("").trim_end().to_string();
                let head = Piece { start: piece.start, end: piece.start + head_text.len(), line: piece.line, text: head_text, hint: None };
                let place_text = piece.text.get(head_end.saturating_sub(piece.start)..region.end.saturating_sub(piece.start)).unwrap_or("").to_string();
                let place = Piece { start: head_end, end: region.end, line: piece.line, text: place_text, hint: Some(Role::Location) };
                return vec![head, place];
            }
        }
    }
    if n >= 3 {
        if let (Some(city), Some(region)) = (parts.get(n - 2), parts.get(n - 1)) {
            if roles::is_region(&region.text) && roles::is_place_name(&city.text) {
                let head_end = parts.get(n - 3).map_or(piece.start, |p| p.end);
                let head = Piece {
                    start: piece.start,
                    end: head_end,
                    line: piece.line,
                    text: piece.text.get(..head_end.saturating_sub(piece.start)).unwrap_or("").to_string(),
                    hint: None,
                };
                let place = Piece {
                    start: city.start,
                    end: region.end,
                    line: piece.line,
                    text: piece.text.get(city.start.saturating_sub(piece.start)..region.end.saturating_sub(piece.start)).unwrap_or("").to_string(),
                    hint: Some(Role::Location),
                };
                return vec![head, place];
            }
        }
    }
    // "Universität Husum, Coburg": a school, then its town. "University of California, Berkeley"
    // (a school named "of" a place) stays whole.
    if let (2, Some(head), Some(town)) = (n, parts.first(), parts.get(1)) {
        if roles::school_score(&head.text) > 0 && !roles::named_of_region(&head.text) && roles::is_place_name(&town.text) && town.text.split_whitespace().count() <= 4 {
            let mut place = town.clone();
            place.hint = Some(Role::Location);
            let mut head = head.clone();
            head.hint = None;
            return vec![head, place];
        }
    }
    vec![piece]
}

/// Connectors between a degree and its field, per language.
const AREA_CONNECTORS: &[&str] = &[" in ", " en ", " im ", " em ", " w zakresie ", " in der ", ", ", ": ", " – ", " - ", " (", " of "];

/// "Bachelor of Science in Computer Science" → ("Bachelor of Science", "Computer Science");
/// "Bachelor of Arts, Business Administration" → ("Bachelor of Arts", "Business Administration").
/// A degree without a recognisable field stays whole.
pub fn split_degree(degree: &str) -> (Option<String>, Option<String>) {
    let lower = degree.to_lowercase();
    for connector in AREA_CONNECTORS {
        // "of" only after a short degree word ("Master of Business…" keeps "of" inside the degree
        // when followed by Science/Arts/Engineering…).
        let Some(at) = lower.find(connector) else { continue };
        let (head, tail) = (degree.get(..at).unwrap_or(""), degree.get(at + connector.len()..).unwrap_or(""));
        // "BA (Hons) Graphic Design": a bracket closed before the rest qualifies the degree; the
        // field is what follows it.
        if *connector == " (" {
            if let Some(close) = tail.find(')').filter(|&c| !tail.get(c + 1..).unwrap_or("").trim().is_empty()) {
                let (qualified, rest) = (degree.get(..at + connector.len() + close + 1).unwrap_or(""), tail.get(close + 1..).unwrap_or(""));
                let rest = rest.trim().trim_start_matches([',', '-', '–']).trim();
                let rest = ["in ", "of ", "en ", "im "].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest).trim();
                if roles::degree_score(head) > 0 && !rest.is_empty() {
                    return (Some(qualified.trim().to_string()), Some(rest.to_string()));
                }
                continue;
            }
        }
        let tail = tail.trim().trim_end_matches(')').trim();
        if head.trim().is_empty() || tail.is_empty() || roles::degree_score(head) == 0 {
            continue;
        }
        // "Bachelor of Business Administration (BBA)": the degree's own abbreviation, no field.
        if *connector == " (" && roles::is_acronym(tail) {
            continue;
        }
        if *connector == " of " && ["science", "arts", "engineering", "business", "fine", "laws", "philosophy", "education", "music", "technology", "applied"]
            .iter()
            .any(|w| tail.to_lowercase().starts_with(w))
        {
            continue;
        }
        return (Some(head.trim().to_string()), Some(tail.to_string()));
    }
    (Some(degree.trim().to_string()), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::entries::split_entries;
    use crate::profile::lines::plain_lines;

    fn schools(text: &str) -> Vec<Education> {
        let lines = plain_lines(text);
        split_entries(&lines).iter().map(|e| education_item(text, &lines, e, &[], None).0).collect()
    }

    /// (study type, institution, location) of each school.
    fn read(text: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        schools(text).into_iter().map(|e| (e.study_type, e.institution, e.location)).collect()
    }

    fn item(degree: &str, school: &str, town: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
        (Some(degree.into()), Some(school.into()), town.map(String::from))
    }

    #[test]
    fn a_school_leaving_qualification_then_its_school_and_town() {
        assert_eq!(read("2008  Allgemeine Hochschulreife, Gymnasium Beispielstadt"), [item("Allgemeine Hochschulreife", "Gymnasium Beispielstadt", None)]);
        assert_eq!(
            read("Class XII, Example Vidyalaya, Sampletown, 2011, 91%\nClass X, Example Vidyalaya, Sampletown, 2009, 88%"),
            [item("Class XII", "Example Vidyalaya", Some("Sampletown")), item("Class X", "Example Vidyalaya", Some("Sampletown"))]
        );
        assert_eq!(read("12th Standard, Example Senior Secondary School, Sampletown  2011"), [item("12th Standard", "Example Senior Secondary School", Some("Sampletown"))]);
        assert_eq!(read("High School Diploma, Example High School, Springfield  2010"), [item("High School Diploma", "Example High School", Some("Springfield"))]);
        assert_eq!(read("GCSEs, Example Academy, Newtown  2012"), [item("GCSEs", "Example Academy", Some("Newtown"))]);
        assert_eq!(read("Ensino Médio, Colégio Exemplo, Vila Nova  2009"), [item("Ensino Médio", "Colégio Exemplo", Some("Vila Nova"))]);
        assert_eq!(read("Maturité gymnasiale, Gymnase Exemple, Villeneuve  2009"), [item("Maturité gymnasiale", "Gymnase Exemple", Some("Villeneuve"))]);
    }

    #[test]
    fn a_table_heading_row_names_no_field_and_gives_each_cell_its_role() {
        let text = "Qualification | Board/University | Institute | Year | Percentage\nB.Tech (CSE) | Example Technical University | Sample Institute of Engineering, Sampletown | 2019 | First Class\nClass XII | State Board | Example Vidyalaya | 2015 | 88%";
        let e = schools(text);
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].study_type.as_deref(), e[0].institution.as_deref(), e[0].location.as_deref()), (Some("B.Tech (CSE)"), Some("Sample Institute of Engineering"), Some("Sampletown")));
        assert_eq!(e[0].score.as_deref(), Some("First Class"));
        assert_eq!((e[1].study_type.as_deref(), e[1].institution.as_deref()), (Some("Class XII"), Some("Example Vidyalaya")));
    }

    #[test]
    fn a_bracketed_qualifier_stays_with_its_degree() {
        assert_eq!(split_degree("BA (Hons) Graphic Design"), (Some("BA (Hons)".into()), Some("Graphic Design".into())));
        assert_eq!(split_degree("BSc (Hons) in Physics"), (Some("BSc (Hons)".into()), Some("Physics".into())));
        assert_eq!(split_degree("Bachelor of Arts (Economics)"), (Some("Bachelor of Arts".into()), Some("Economics".into())));
    }

    #[test]
    fn a_school_then_its_school_leaving_qualification() {
        assert_eq!(read("Lycée Exemple, Villeneuve, Baccalauréat série S  2010"), [item("Baccalauréat série S", "Lycée Exemple", Some("Villeneuve"))]);
        assert_eq!(read("Instituto Ejemplo, Villaejemplo, Bachillerato  2012"), [item("Bachillerato", "Instituto Ejemplo", Some("Villaejemplo"))]);
        assert_eq!(read("Example Vidyalaya, Class XII  2011"), [item("Class XII", "Example Vidyalaya", None)]);
        assert_eq!(read("Gymnasium Beispielstadt, Fachhochschulreife  2008"), [item("Fachhochschulreife", "Gymnasium Beispielstadt", None)]);
        // What follows the degree may be its field: it stays with the degree.
        let e = schools("Hochschule Beispielstadt, Bachelor, Informatik  2012");
        assert_eq!((e[0].study_type.as_deref(), e[0].area.as_deref(), e[0].location.as_deref()), (Some("Bachelor"), Some("Informatik"), None));
    }

    #[test]
    fn a_comma_and_a_joiner_part_school_and_degree() {
        let e = schools("2012 – 2015\nExample College, in Business Studies\n2009 – 2012\nSample Grammar School, in Abitur");
        assert_eq!(e[0].institution.as_deref(), Some("Example College"));
        assert_eq!(e[0].area.as_deref(), Some("Business Studies"));
        assert_eq!(e[1].institution.as_deref(), Some("Sample Grammar School"));
        assert_eq!(e[1].study_type.as_deref(), Some("Abitur"));
    }

    #[test]
    fn a_degree_keeps_its_abbreviation() {
        assert_eq!(split_degree("Bachelor of Business Administration (BBA)"), (Some("Bachelor of Business Administration (BBA)".into()), None));
        assert_eq!(split_degree("Master of Science (MSc) in Physics"), (Some("Master of Science (MSc)".into()), Some("Physics".into())));
        assert_eq!(split_degree("Bachelor (Business Administration)"), (Some("Bachelor".into()), Some("Business Administration".into())));
    }

    #[test]
    fn degrees_split_into_type_and_area() {
        assert_eq!(split_degree("Bachelor of Science in Computer Science"), (Some("Bachelor of Science".into()), Some("Computer Science".into())));
        assert_eq!(split_degree("Bachelor of Arts, Business Administration"), (Some("Bachelor of Arts".into()), Some("Business Administration".into())));
        assert_eq!(split_degree("Licenciatura en Economía"), (Some("Licenciatura".into()), Some("Economía".into())));
        assert_eq!(split_degree("Diplom-Ingenieur"), (Some("Diplom-Ingenieur".into()), None));
        assert_eq!(split_degree("Master of Business Administration").1, None);
    }

    #[test]
    fn school_then_degree_lines() {
        let e = schools("University of Elm Ridge, Elm Ridge, CA Expected Graduation: May 2017\nBachelor of Arts, Business Administration\nGPA: 3.6");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].institution.as_deref(), Some("University of Elm Ridge"));
        assert_eq!(e[0].study_type.as_deref(), Some("Bachelor of Arts"));
        assert_eq!(e[0].area.as_deref(), Some("Business Administration"));
        assert_eq!(e[0].end_date.as_deref(), Some("2017-05"));
        assert_eq!(e[0].location.as_deref(), Some("Elm Ridge, CA"));
    }

    #[test]
    fn model_spans_cut_a_piece_at_the_comma_where_the_field_changes() {
        use crate::entities::EntityKind;
        let text = "Externato Exemplar, Vila Nova  2009 – 2012";
        let lines = plain_lines(text);
        let entry = &split_entries(&lines)[0];
        let span = |kind, s: &str, confidence| {
            let start = text.find(s).unwrap();
            Entity::new(kind, start, start + s.len(), confidence, "parser_model")
        };
        let alone = education_item(text, &lines, entry, &[], None).0;
        assert_eq!(alone.institution.as_deref(), Some("Externato Exemplar, Vila Nova"));
        let model = [span(EntityKind::School, "Externato Exemplar", 0.95), span(EntityKind::Location, "Vila Nova", 0.9)];
        let e = education_item(text, &lines, entry, &model, None).0;
        assert_eq!(e.institution.as_deref(), Some("Externato Exemplar"));
        assert_eq!(e.location.as_deref(), Some("Vila Nova"));
        // Unsure spans do not cut.
        let unsure = [span(EntityKind::School, "Externato Exemplar", 0.95), span(EntityKind::Location, "Vila Nova", 0.6)];
        assert_eq!(education_item(text, &lines, entry, &unsure, None).0.institution.as_deref(), Some("Externato Exemplar, Vila Nova"));
        // A campus stays part of its school's name.
        let text = "University of California, Berkeley  2009 – 2012";
        let lines = plain_lines(text);
        let entry = &split_entries(&lines)[0];
        let start = text.find("Berkeley").unwrap();
        let model = [
            Entity::new(EntityKind::School, 0, 24, 0.95, "parser_model"),
            Entity::new(EntityKind::Location, start, start + 8, 0.9, "parser_model"),
        ];
        assert_eq!(education_item(text, &lines, entry, &model, None).0.institution.as_deref(), Some("University of California, Berkeley"));
    }

    #[test]
    fn a_degree_wrapped_onto_the_next_line_is_one() {
        let e = schools("Doctorate in Marine Chemistry &\nBiology\nExample University\nSept 1993 – June 1997\nB.Sc. in Biology & Applied Chemistry\nwith Spanish\nOther University\nSept 1989 – June 1993");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].area.as_deref(), Some("Marine Chemistry & Biology"));
        assert_eq!(e[0].institution.as_deref(), Some("Example University"));
        assert_eq!(e[1].area.as_deref(), Some("Biology & Applied Chemistry with Spanish"));
        let e = schools("Certificat en Informatique, Université du Québec à\nExempleville, Sherbrooke.\n10/1998 – 07/2002");
        assert_eq!(e[0].institution.as_deref(), Some("Université du Québec à Exempleville"));
        let e = schools("Example College, Springfield\nin Master of Science in Nursing\n2010 – 2012");
        assert_eq!(e[0].institution.as_deref(), Some("Example College"));
    }

    #[test]
    fn a_bulleted_list_without_dates_is_one_entry_per_bullet() {
        let lines = plain_lines("- B.Sc. in Physics from Example College\n- Higher Secondary Certificate from Other School");
        assert!(split_entries(&lines).iter().all(|e| e.header.is_empty()), "bullets are body lines");
        let entries = bullets_as_entries(split_entries(&lines));
        assert_eq!(entries.len(), 2);
        assert_eq!(education_item("- B.Sc. in Physics from Example College\n- Higher Secondary Certificate from Other School", &lines, &entries[1], &[], None).0.institution.as_deref(), Some("Other School"));
    }

    #[test]
    fn a_school_then_its_degree_after_a_comma() {
        let e = schools("1986 – 1989  Ingenieurschule Beispielstadt, Studium der Elektrotechnik");
        assert_eq!(e[0].institution.as_deref(), Some("Ingenieurschule Beispielstadt"));
        assert_eq!(e[0].study_type.as_deref(), Some("Studium der Elektrotechnik"));
    }

    #[test]
    fn a_city_glued_to_a_name_that_ends_in_its_school_word() {
        let e = schools("Example Harlow University Springfield, Ohio  2010 – 2014");
        assert_eq!(e[0].institution.as_deref(), Some("Example Harlow University"));
        let e = schools("Hochschule Beispielstadt, Berlin  2009 – 2012");
        assert_eq!(e[0].institution.as_deref(), Some("Hochschule Beispielstadt"));
        assert_eq!(e[0].location.as_deref(), Some("Berlin"));
    }

    #[test]
    fn a_degree_in_a_school_named_by_its_acronym_or_its_school_word() {
        let e = schools("Licenciatura en Física en UNLP  2015 – 2020");
        assert_eq!(e[0].institution.as_deref(), Some("UNLP"));
        assert_eq!(e[0].study_type.as_deref(), Some("Licenciatura"));
        let e = schools("BSc from University at Exampletown  2019");
        assert_eq!(e[0].institution.as_deref(), Some("University at Exampletown"));
        let e = schools("Master en Chimie à Université de Nantes  2019");
        assert_eq!(e[0].institution.as_deref(), Some("Université de Nantes"));
        // The field after "in", then the school after a comma.
        let e = schools("Bachelor in Chemie, Hochschule Beispielstadt  2019");
        assert_eq!(e[0].institution.as_deref(), Some("Hochschule Beispielstadt"));
        assert_eq!(e[0].area.as_deref(), Some("Chemie"));
    }

    #[test]
    fn a_degree_from_a_school() {
        let e = schools("B.Tech in Civil Engineering from Example College of Engineering  2012 – 2016");
        assert_eq!(e[0].institution.as_deref(), Some("Example College of Engineering"));
        assert_eq!(e[0].study_type.as_deref(), Some("B.Tech"));
        assert_eq!(e[0].area.as_deref(), Some("Civil Engineering"));
    }

    #[test]
    fn a_grade_after_the_degree_is_the_score() {
        let e = schools("Example University\nMaster in Physics, GPA: 3.9/4.0  2014 – 2016");
        assert_eq!(e[0].institution.as_deref(), Some("Example University"));
        assert_eq!(e[0].study_type.as_deref(), Some("Master"));
        assert_eq!(e[0].area.as_deref(), Some("Physics"));
        assert_eq!(e[0].score.as_deref(), Some("GPA: 3.9/4.0"));
    }

    #[test]
    fn an_entry_without_a_degree_word_follows_the_sections_order() {
        let text = "2010 – 2014\nMaster of Science Beispielkunde\nUniversität Nordstadt\n2006 – 2010\nBachelor of Science Beispielkunde\nHochschule Südstadt\n1998 – 2006\nGrundschule und Oberstufe\nBeispiel Lyzeum Westdorf";
        let lines = plain_lines(text);
        let entries = split_entries(&lines);
        let order = degree_above_school(&lines, &entries);
        assert_eq!(order, Some(true));
        let last = entries.last().map(|e| education_item(text, &lines, e, &[], order).0).unwrap_or_default();
        assert_eq!(last.institution.as_deref(), Some("Beispiel Lyzeum Westdorf"));
        assert_eq!(last.study_type.as_deref(), Some("Grundschule und Oberstufe"));
        // Without the section's order the school word decides.
        let alone = entries.last().map(|e| education_item(text, &lines, e, &[], None).0).unwrap_or_default();
        assert_eq!(alone.institution.as_deref(), Some("Grundschule und Oberstufe"));
    }

    #[test]
    fn labelled_degree_and_field_lines_lose_their_labels() {
        let e = schools("Hochschule Nordstadt  2010 – 2013\nStudiengang: Beispielkunde\nAbschluss: Bachelor of Science");
        assert_eq!(e[0].study_type.as_deref(), Some("Bachelor of Science"));
        assert_eq!(e[0].area.as_deref(), Some("Beispielkunde"));
    }

    #[test]
    fn two_lines_each_naming_a_degree_and_its_school_are_two_schools() {
        let text = "Estudiando Licenciatura en Física en UNXX\nBachillerato Técnico en Escuela Ejemplo (2017)";
        let lines = plain_lines(text);
        let entries = split_repeated_schools(&lines, split_entries(&lines));
        assert_eq!(entries.len(), 2);
        let e: Vec<Education> = entries.iter().map(|e| education_item(text, &lines, e, &[], None).0).collect();
        assert_eq!(e[0].institution.as_deref(), Some("UNXX"));
        assert_eq!(e[1].institution.as_deref(), Some("Escuela Ejemplo"));
        // One degree over its school stays one entry.
        let text = "Master en Física\nUniversidad Ejemplo (2017)";
        let lines = plain_lines(text);
        assert_eq!(split_repeated_schools(&lines, split_entries(&lines)).len(), 1);
    }

    #[test]
    fn german_degree_and_school_on_two_lines() {
        let e = schools("Master of Science in Medienwirtschaft\nFachhochschule Recklinghausen, Potsdam  10.1986–06.1988\nBachelor of Science in Medienwirtschaft\nUniversität Husum, Coburg  09.1982–06.1986");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].institution.as_deref(), Some("Universität Husum"));
        assert_eq!(e[1].location.as_deref(), Some("Coburg"));
        assert_eq!(e[1].study_type.as_deref(), Some("Bachelor of Science"));
        assert_eq!(e[1].start_date.as_deref(), Some("1982-09"));
    }

    #[test]
    fn model_roles_a_school_entry_cannot_hold_are_reopened() {
        use crate::entities::EntityKind;
        let item = |text: &str, spans: &[(EntityKind, &str)]| {
            let lines = plain_lines(text);
            let entry = &split_entries(&lines)[0];
            let model: Vec<Entity> = spans.iter().filter_map(|&(kind, s)| text.find(s).map(|at| Entity::new(kind, at, at + s.len(), 0.96, "parser_model"))).collect();
            education_item(text, &lines, entry, &model, None).0
        };
        // A qualification the model reads as a job title is the degree's field.
        let text = "Treuhänderin Lohnwesen und Steuern, Beispiel Akademie AG  10/2014 – 06/2016";
        let e = item(text, &[(EntityKind::Title, "Treuhänderin Lohnwesen und Steuern"), (EntityKind::School, "Beispiel Akademie AG")]);
        assert_eq!(e.area.as_deref(), Some("Treuhänderin Lohnwesen und Steuern"), "{e:?}");
        // A school named by an acronym and its town, read as a place.
        let text = "Berufsmatura - HKW Musterstadt  2008 – 2009";
        let e = item(text, &[(EntityKind::Location, "HKW Musterstadt")]);
        assert_eq!((e.institution.as_deref(), e.location.as_deref()), (Some("HKW Musterstadt"), None));
        // A place with a region code stays a place.
        let text = "Berufsmatura - Austin TX  2008 – 2009";
        let e = item(text, &[(EntityKind::Location, "Austin TX")]);
        assert_ne!(e.institution.as_deref(), Some("Austin TX"));
    }

    #[test]
    fn a_degree_restated_with_its_field_is_the_one_read() {
        use crate::entities::EntityKind;
        let text = "Escola Exemplo - Licenciatura\nLicenciatura em Engenharia Civil\n2015-2019";
        let lines = plain_lines(text);
        let entry = &split_entries(&lines)[0];
        let span = |kind, from: usize, s: &str| {
            let start = from + text[from..].find(s).unwrap();
            Entity::new(kind, start, start + s.len(), 0.95, "parser_model")
        };
        let second = text.find('\n').unwrap();
        let model = [span(EntityKind::School, 0, "Escola Exemplo"), span(EntityKind::Degree, 0, "Licenciatura"), span(EntityKind::Degree, second, "Licenciatura em Engenharia Civil")];
        let e = education_item(text, &lines, entry, &model, None).0;
        assert_eq!((e.study_type.as_deref(), e.area.as_deref()), (Some("Licenciatura"), Some("Engenharia Civil")), "{e:?}");
        assert_eq!(e.institution.as_deref(), Some("Escola Exemplo"));
    }

    #[test]
    fn a_schools_acronym_wrapped_onto_the_dated_line_ends_its_name() {
        let e = schools("Bachillerato Técnico, Informática en Escuela Ejemplo\nXYZ (2017)");
        assert_eq!(e[0].institution.as_deref(), Some("Escuela Ejemplo XYZ"), "{e:?}");
        // A degree's or grade's acronym there is no part of the name.
        let e = schools("Universidad Ejemplo del Norte\nMBA (2017)");
        assert_eq!(e[0].institution.as_deref(), Some("Universidad Ejemplo del Norte"), "{e:?}");
    }

    #[test]
    fn an_open_end_alone_in_the_date_cell_dates_its_entry() {
        let e = schools("Universidad Ejemplo\tVillanueva\nDoctorado en Física\tEn curso\nUniversidad Ejemplo\tVillanueva\nMáster en Física\tJunio 2018");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].study_type.as_deref(), e[0].end_date.as_deref()), (Some("Doctorado"), None));
        assert_eq!((e[1].study_type.as_deref(), e[1].end_date.as_deref()), (Some("Máster"), Some("2018-06")));
    }
}
