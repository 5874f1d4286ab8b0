//! A job from an entry: employer, title, place, dates, and the bullet points below.
//!
//! One entry alone is often ambiguous (two unknown names, one above the other); a section
//! writes all its entries one way, so [`section_jobs`] reads the layout from the entries that
//! show it and applies it to the others. Word lists are trusted over the model here: the model
//! is right on most entries but now and then swaps one entry's title and employer, and a
//! layout that two or more word-placed entries agree on is the better witness.

use crate::entities::Entity;

use super::cells::{self, Piece};
use super::entries::Entry;
use super::fields::{best, score_pieces, span_text, with_role, Scored};
use super::lines::{date_bounds, is_range, strip_bullet, LineInfo};
use super::roles::Role;
use super::table_head::{Column, Table};
use super::types::Work;

/// Dates of an entry: the first range on its header lines, else its first date.
pub fn entry_dates(lines: &[LineInfo], entry: &Entry) -> Option<(Option<String>, Option<String>, bool)> {
    let found: Vec<_> = entry.header.iter().filter_map(|&i| lines.get(i)).flat_map(|l| l.dates.iter()).collect();
    found.iter().find(|d| is_range(d)).or(found.first()).map(|d| date_bounds(d))
}

/// Start and end of an entry as JSON Resume writes them: no end for an open range.
pub fn entry_period(lines: &[LineInfo], entry: &Entry) -> (Option<String>, Option<String>) {
    match entry_dates(lines, entry) {
        Some((s, e, open)) => (s, if open { None } else { e }),
        None => (None, None),
    }
}

/// Header pieces of an entry, in reading order (`connectors`: see [`cells::pieces`]).
pub fn header_pieces(lines: &[LineInfo], entry: &Entry, connectors: bool) -> Vec<Piece> {
    // "Nordic Chess Open 2021" over "Treasurer  Sep 2020 – May 2021": the year is part of the
    // event's name when another line dates the entry.
    let named_year = |i: usize| super::entries::year_in_name(lines, i);
    let dated_elsewhere = entry.header.iter().any(|&i| lines.get(i).is_some_and(LineInfo::has_date) && !named_year(i));
    entry
        .header
        .iter()
        .filter_map(|&i| lines.get(i).map(|l| if dated_elsewhere && named_year(i) { LineInfo { dates: Vec::new(), ..l.clone() } } else { l.clone() }))
        // A sub-heading inside the section ("Internships:") names no field; without its colon
        // the word may be the title ("Volunteer").
        .filter(|l| !(l.text.trim_end().ends_with(':') && crate::sections::heading_kind(l.text).is_some()))
        .flat_map(|l| cells::pieces(&l, connectors))
        .filter(|p| !cells::is_sentence_tail(&p.text))
        .collect()
}

/// Model spans inside the entry's header lines.
pub fn header_spans(lines: &[LineInfo], entry: &Entry, model: &[Entity]) -> Vec<Entity> {
    let ranges: Vec<(usize, usize)> = entry
        .header
        .iter()
        .filter_map(|&i| lines.get(i))
        .map(|l| (l.start, l.start + l.text.len()))
        .collect();
    model.iter().filter(|e| ranges.iter().any(|&(s, t)| e.start >= s && e.end <= t)).cloned().collect()
}

/// Bullet points and paragraphs of the body, wrapped lines joined.
pub fn body_items(lines: &[LineInfo], entry: &Entry) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut previous: Option<&LineInfo> = None;
    for line in entry.body.iter().filter_map(|&i| lines.get(i)) {
        let content = cells::undouble(strip_bullet(line.text)).trim();
        if content.is_empty() {
            continue;
        }
        let starts_new = line.bullet
            || previous.is_none()
            || previous.is_some_and(|p| p.text.trim_end().ends_with(['.', '!', '?']) && !content.starts_with(char::is_lowercase));
        match items.last_mut() {
            Some(last) if !starts_new => {
                last.push(' ');
                last.push_str(content);
            }
            _ => items.push(content.to_string()),
        }
        previous = Some(line);
    }
    items
}

/// Which of a job's title and employer a section writes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    TitleFirst,
    OrgFirst,
}

/// Where an entry's title and employer stand: which comes first, and whether each is on the
/// entry's dated header line ("Acme, Paris  2019–2021" / "Engineer": the employer is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub order: Order,
    pub title_dated: bool,
    pub org_dated: bool,
}

impl Layout {
    /// The layout with title and employer trading places.
    fn swapped(self) -> Self {
        let order = match self.order {
            Order::TitleFirst => Order::OrgFirst,
            Order::OrgFirst => Order::TitleFirst,
        };
        Layout { order, title_dated: self.org_dated, org_dated: self.title_dated }
    }
}

/// "Chess Club: Treasurer  2020–2021" then "Film Society: President" in one header run: a line
/// after the entry's dates that names an employer and a title of its own ("Name: title",
/// [`cells::pieces`]) is another entry, undated. The body lines go with the last entry, in
/// reading order.
pub fn split_named_pairs(lines: &[LineInfo], entries: Vec<Entry>) -> Vec<Entry> {
    let pair = |i: usize| {
        lines.get(i).is_some_and(|l| {
            let text = l.content().trim();
            let whole = Piece { start: 0, end: text.len(), line: l.index, text: text.to_string(), hint: None };
            let role = text.split_once(": ").map_or("", |(_, role)| role.trim_end_matches(['.', ';']));
            !l.has_date() && cells::colon_name(&whole).is_some() && super::roles::title_score(role) > 0 && role.split_whitespace().count() <= 8
        })
    };
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let Some(last_dated) = entry.header.iter().rposition(|&i| lines.get(i).is_some_and(LineInfo::has_date)) else {
            out.push(entry);
            continue;
        };
        let mut current = Entry { header: Vec::new(), body: Vec::new() };
        for (at, &i) in entry.header.iter().enumerate() {
            if at > last_dated && pair(i) && !current.header.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.header.push(i);
        }
        current.body = entry.body;
        out.push(current);
    }
    out
}

/// What placed an entry's title and employer, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Neither: both are guesses.
    Guess,
    /// The model (or the model and a guess): no word list says anything of either.
    Model,
    /// Word lists (title words, employer words, legal forms, connectors) place at least one of
    /// them in its role and neither in the other's.
    Words,
    /// Word lists say one of them is the other: the entry is left as it is.
    Against,
}

/// What the section's other entries tell one entry (see [`section_jobs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Nothing: an entry alone, or the first look at each entry.
    Unknown,
    /// The order of title and employer, for an entry where nothing places them.
    Order(Order),
    /// The layout the section's word-list evidence shows, over the model's roles.
    Layout(Layout),
}

/// The fields of a job (or volunteering) entry with a confidence per field.
#[derive(Debug, Default)]
pub struct JobFields {
    pub org: Option<(String, f32)>,
    pub title: Option<(String, f32)>,
    pub location: Option<(String, f32)>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub highlights: Vec<String>,
    /// Where the title and employer stand, when the entry has both, and what placed them.
    pub placed: Option<(Layout, Evidence)>,
}

/// The fields of each entry of one section. A section lays its jobs out one way, and its
/// entries tell it in two strengths:
/// - where words or the model place the title and the employer in some entries, their order
///   decides the entries that carry no such evidence ("Monteur / Musterwerk" after
///   "Verkäufer / Acme GmbH");
/// - where word lists place them in at least two entries, all alike, that layout (order and
///   dated line) also overrides the model in the entries words do not place: the model now and
///   then swaps one entry's title and employer among clear ones (an unknown one-word brand next
///   to a title no list knows), and a swap costs both fields and the anonymised text.
pub fn section_jobs(text: &str, lines: &[LineInfo], entries: &[Entry], model: &[Entity]) -> Vec<JobFields> {
    let first: Vec<JobFields> = entries.iter().map(|e| job_fields(text, lines, e, model, Section::Unknown)).collect();
    let placed = |evidence: &[Evidence]| first.iter().filter_map(|f| f.placed).filter(|(_, e)| evidence.contains(e)).map(|(l, _)| l).collect::<Vec<_>>();
    let votes = |o: Order| placed(&[Evidence::Model, Evidence::Words, Evidence::Against]).iter().filter(|l| l.order == o).count();
    let order = match votes(Order::TitleFirst).cmp(&votes(Order::OrgFirst)) {
        std::cmp::Ordering::Greater => Some(Order::TitleFirst),
        std::cmp::Ordering::Less => Some(Order::OrgFirst),
        std::cmp::Ordering::Equal => None,
    };
    let worded = placed(&[Evidence::Words]);
    let layout = worded.first().copied().filter(|l| worded.len() >= 2 && worded.iter().all(|m| m == l));
    let jobs = first
        .into_iter()
        .zip(entries)
        .map(|(f, e)| match (f.placed, order, layout) {
            (None | Some((_, Evidence::Guess)), Some(order), _) => job_fields(text, lines, e, model, Section::Order(order)),
            (Some((at, Evidence::Model)), _, Some(layout)) if at.swapped() == layout => job_fields(text, lines, e, model, Section::Layout(layout)),
            _ => f,
        })
        .collect();
    carry_span_employer(carry_group_employer(jobs))
}

/// Roles held one after another at one employer, written under its name once ("ACME — City" /
/// "Senior Engineer  2021–now" / "Engineer  2018–2021"): an entry with a title and dates but no
/// employer, right after an entry whose employer stood above its title, off the dated line,
/// works there too when its end meets that entry's start (a promotion). A gap says it is
/// another job whose employer the CV does not name.
fn carry_group_employer(mut jobs: Vec<JobFields>) -> Vec<JobFields> {
    let mut group: Option<((String, f32), Option<(String, f32)>, Option<String>)> = None;
    for job in &mut jobs {
        let heads_group = job.org.is_some() && job.placed.is_some_and(|(l, _)| l.order == Order::OrgFirst && !l.org_dated);
        if heads_group {
            group = job.org.clone().map(|org| (org, job.location.clone(), job.start.clone()));
            continue;
        }
        let promoted = job.org.is_none() && job.title.is_some();
        match group.take() {
            Some((org, location, Some(next_start))) if promoted && job.end.as_deref().is_some_and(|end| meets(end, &next_start)) => {
                job.org = Some((org.0.clone(), org.1 * 0.8));
                if job.location.is_none() {
                    job.location = location.clone();
                }
                group = Some((org, location, job.start.clone()));
            }
            _ => {}
        }
    }
    jobs
}

/// "11.2015 – heute  EMPLOYER, Town" over "06.2019 – heute  Title" and "11.2015 – 05.2019
/// Title": an entry naming only an employer, dated with the whole span of the roles held there,
/// heads the entries with a title and no employer whose periods lie inside that span. They work
/// there, and the heading is no job of its own.
fn carry_span_employer(mut jobs: Vec<JobFields>) -> Vec<JobFields> {
    let mut i = 0;
    while i < jobs.len() {
        let Some(head) = jobs.get(i).filter(|j| j.org.is_some() && j.title.is_none() && j.start.is_some()) else {
            i += 1;
            continue;
        };
        let (org, location, span) = (head.org.clone(), head.location.clone(), (head.start.clone(), head.end.clone()));
        let roles = jobs.iter().skip(i + 1).take_while(|j| j.org.is_none() && j.title.is_some() && within(j, &span)).count();
        if roles == 0 {
            i += 1;
            continue;
        }
        for job in jobs.iter_mut().skip(i + 1).take(roles) {
            job.org = org.clone().map(|(name, confidence)| (name, confidence * 0.8));
            if job.location.is_none() {
                job.location = location.clone();
            }
        }
        if let Some(head) = jobs.get_mut(i) {
            head.org = None;
            head.location = None;
        }
        i += roles + 1;
    }
    jobs
}

/// Whether `job`'s period lies inside `span` (start, end; no end: still running). Dates are
/// JSON Resume strings ("2019-06", "2019"), which order as text.
fn within(job: &JobFields, span: &(Option<String>, Option<String>)) -> bool {
    let (Some(start), Some(span_start)) = (job.start.as_deref(), span.0.as_deref()) else { return false };
    let year = |d: &str| d.get(..4).unwrap_or(d).to_string();
    let starts_inside = start >= span_start || year(start) == year(span_start);
    let ends_inside = match (job.end.as_deref(), span.1.as_deref()) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(end), Some(span_end)) => end <= span_end || year(end) == year(span_end),
    };
    starts_inside && ends_inside
}

/// Whether a role ending at `end` ("2021-02", "2021") meets one starting at `start`: the same
/// month or up to three months before it, or the same year when either has no month.
fn meets(end: &str, start: &str) -> bool {
    let month_index = |d: &str| -> Option<(i32, Option<i32>)> {
        let mut it = d.split('-');
        let year = it.next()?.parse().ok()?;
        Some((year, it.next().and_then(|m| m.parse().ok())))
    };
    match (month_index(end), month_index(start)) {
        (Some((ey, Some(em))), Some((sy, Some(sm)))) => (0..=3).contains(&((sy * 12 + sm) - (ey * 12 + em))),
        (Some((ey, _)), Some((sy, _))) => ey == sy,
        _ => false,
    }
}

/// Word-list evidence that `p` is `role` (a title or the employer): its words, or a connector
/// or separator that names it ("Engineer at Acme").
fn worded(p: &Scored, role: Role) -> bool {
    let employer = p.org + p.school;
    match role {
        Role::Title => p.piece.hint == Some(Role::Title) || p.title > employer,
        _ => p.piece.hint == Some(Role::Org) || employer > p.title,
    }
}

/// The fields of one job entry; `section` is what the section's other entries say (see
/// [`section_jobs`]).
pub fn job_fields(text: &str, lines: &[LineInfo], entry: &Entry, model: &[Entity], section: Section) -> JobFields {
    let order = match section {
        Section::Order(o) => Some(o),
        _ => None,
    };
    let spans = header_spans(lines, entry, model);
    let table = entry.header.first().and_then(|&first| Table::above(lines, first));
    let header: Vec<Piece> = header_pieces(lines, entry, true).into_iter().filter(|p| !table.as_ref().is_some_and(|t| t.is_heading(p))).collect();
    let mut pieces = score_pieces(text, drop_wrapped_prose(text, merge_wrapped(lines, header)), &spans, true, Role::Org);
    if let Some(table) = &table {
        table.assign(lines, &mut pieces, |column, p| match column {
            Column::Field(Role::Org | Role::School) if p.role != Some(Role::Location) => Some(Role::Org),
            Column::Field(role @ (Role::Title | Role::Location)) => Some(role),
            Column::Board | Column::When | Column::Score => Some(Role::Date), // consumed
            _ => None,
        });
    }
    // A job's header names no degree: a piece the model alone reads as one (no degree word) is
    // open to the other roles ("TEACHING ASSISTANT" under a university's name).
    for p in pieces.iter_mut().filter(|p| p.role == Some(Role::Degree) && super::roles::degree_score(&p.piece.text) == 0) {
        p.role = None;
    }
    let hint = |p: &Scored, r: Role| i64::from(p.piece.hint == Some(r)) * 3;
    let mut guessed = (false, false);
    // Roles the model (or a clear place) already fixed come first.
    if with_role(&pieces, Role::Title).is_none() {
        // A sentence is no title, whatever title words it holds ("Supervision of a student.").
        if let Some(i) = best(&pieces, |p| if super::roles::reads_as_sentence(&p.piece.text) { 0 } else { 2 * i64::from(p.title) + hint(p, Role::Title) - 2 * i64::from(p.org + p.school) }) {
            set_role(&mut pieces, i, Role::Title);
        }
    }
    // Where the section opens each entry with its employer's line, a piece alone on the entry's
    // first line is the employer even when the model alone calls it a place (an unknown brand
    // read as a town): a place seldom stands on a line of its own above the title.
    if order == Some(Order::OrgFirst) && with_role(&pieces, Role::Org).is_none() {
        let first_line = pieces.first().map(|p| p.piece.line);
        let alone = pieces.iter().filter(|p| Some(p.piece.line) == first_line).count() == 1;
        if let Some(first) = pieces.first_mut().filter(|p| alone && p.by_model && p.role == Some(Role::Location) && p.title + p.degree == 0) {
            first.role = None;
        }
    }
    if with_role(&pieces, Role::Org).is_none() {
        // An organisation word inside a description ("support for various clients of the firm")
        // does not make it the employer.
        // "Developer Club: Treasurer": the name before the colon is the employer by the line's
        // own structure, whatever words it holds.
        let colon_named: Vec<usize> = pieces.iter().enumerate().filter(|(_, p)| p.role.is_none() && p.piece.hint == Some(Role::Org) && text.get(p.piece.end..).is_some_and(|t| t.starts_with(':'))).map(|(i, _)| i).collect();
        let evidence = match colon_named.as_slice() {
            [only] => Some(*only),
            _ => best(&pieces, |p| if super::roles::reads_as_prose(&p.piece.text) { 0 } else { 2 * i64::from(p.org + p.school) + hint(p, Role::Org) - 2 * i64::from(p.title) }),
        };
        guessed.1 = evidence.is_none();
        let title_at = pieces.iter().position(|p| p.role == Some(Role::Title));
        if let Some(i) = evidence.or_else(|| fallback_org(&pieces, title_at, order)) {
            set_role(&mut pieces, i, Role::Org);
        }
    }
    if with_role(&pieces, Role::Title).is_none() {
        guessed.0 = true;
        if let Some(i) = pieces.iter().position(|p| p.role.is_none() && !p.piece.text.chars().all(|c| !c.is_alphabetic()) && !super::roles::reads_as_sentence(&p.piece.text)) {
            set_role(&mut pieces, i, Role::Title);
        }
    }
    let mut placed = placement(lines, &pieces, guessed);
    // The section's layout trades the places of a title and employer no word list placed.
    if let (Section::Layout(layout), Some((at, Evidence::Model))) = (section, placed) {
        let at_role = |role: Role| pieces.iter().position(|p| p.role == Some(role));
        if let (Some(t), Some(o), true) = (at_role(Role::Title), at_role(Role::Org), at.swapped() == layout) {
            set_role(&mut pieces, t, Role::Org);
            set_role(&mut pieces, o, Role::Title);
            placed = Some((layout, Evidence::Model));
        }
    }
    // A place after the employer: "Acme, Hamburg".
    if with_role(&pieces, Role::Location).is_none() {
        let org_at = pieces.iter().position(|p| p.role == Some(Role::Org)).unwrap_or(0);
        // A town does not end on a sentence's full stop.
        let after_org = pieces.iter().enumerate().skip(org_at + 1).find(|(_, p)| p.role.is_none() && super::roles::is_place_name(&p.piece.text) && !super::roles::ends_with_sentence_stop(&p.piece.text));
        if let Some((i, _)) = after_org {
            set_role(&mut pieces, i, Role::Location);
        }
    }
    let field = |role: Role| with_role(&pieces, role).map(|p| (p.piece.text.clone(), p.confidence));
    let (start, end) = entry_period(lines, entry);
    JobFields {
        org: field(Role::Org),
        title: extended_title(text, &pieces).or_else(|| field(Role::Title)),
        location: field(Role::Location),
        start,
        end,
        highlights: body_items(lines, entry),
        placed,
    }
}

/// Where the entry's title and employer stand and what placed them (`guessed`: title, employer
/// placed by a guess).
fn placement(lines: &[LineInfo], pieces: &[Scored], guessed: (bool, bool)) -> Option<(Layout, Evidence)> {
    let title = pieces.iter().position(|p| p.role == Some(Role::Title))?;
    let org = pieces.iter().position(|p| p.role == Some(Role::Org))?;
    let (t, o) = (pieces.get(title)?, pieces.get(org)?);
    let dated = |p: &Scored| lines.iter().find(|l| l.index == p.piece.line).is_some_and(LineInfo::has_date);
    let order = if title < org { Order::TitleFirst } else { Order::OrgFirst };
    let layout = Layout { order, title_dated: dated(t), org_dated: dated(o) };
    let placed_so = worded(t, Role::Title) || worded(o, Role::Org);
    let placed_otherwise = worded(t, Role::Org) || worded(o, Role::Title);
    let evidence = match (guessed, placed_so, placed_otherwise) {
        ((true, true), _, _) => Evidence::Guess,
        (_, false, false) => Evidence::Model,
        (_, true, false) => Evidence::Words,
        (_, _, true) => Evidence::Against,
    };
    Some((layout, evidence))
}

/// A title wrapped onto the next header line ("Acme • Software 2020–Now" / "Engineer",
/// "Responsable" / "marketing") is one piece again.
fn merge_wrapped(lines: &[LineInfo], pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while let Some(p) = pieces.get(i) {
        let next = pieces.get(i + 1);
        // "Club of Example (Student" / "Society): Coordinator": a bracket left open runs on to the
        // piece on the next line that closes it, which may be a name split off at its colon.
        let unclosed = |t: &str| t.matches('(').count() > t.matches(')').count();
        if let Some(q) = next.filter(|q| q.line == p.line + 1 && unclosed(&p.text) && q.text.split('(').next().is_some_and(|head| head.contains(')'))) {
            out.push(Piece { end: q.end, text: format!("{} {}", p.text, q.text), hint: q.hint.or(p.hint), ..p.clone() });
            i += 2;
            continue;
        }
        let alone_on_line = next.is_some_and(|q| q.line != p.line && pieces.get(i + 2).is_none_or(|r| r.line != q.line));
        if let (Some(q), true) = (next, alone_on_line) {
            let short = q.text.split_whitespace().count() <= 2;
            const PARTICLES: &[&str] = &["da", "das", "de", "do", "dos", "van", "von", "der", "den", "di", "del", "della", "la", "le", "du", "des", "ten", "ter", "zu"];
            let first_word = q.text.split_whitespace().next().unwrap_or("");
            let lower = q.text.starts_with(char::is_lowercase) && !PARTICLES.contains(&first_word);
            let bare = super::roles::title_score(&p.text) + super::roles::school_score(&p.text) == 0
                && !super::roles::looks_like_location(&p.text)
                && p.text.split_whitespace().count() <= 2;
            // Cut short by a date on the right of its line.
            let date_after = dates_after(lines, p);
            let completes_title = super::roles::title_score(&q.text) > 0 && bare && date_after;
            // "Chargée de" / "marketing digital": a title cut after a preposition.
            let open_end = cells::ends_with_preposition(&p.text);
            // "Freier Berater für Hardware und" / "Netzwerktechnik in …": a line that
            // stops on a conjunction or preposition goes on, however long its rest.
            let runs_on = cells::ends_open(&p.text) && q.hint.is_none();
            // "Name: Head of" / "Events.  2020–2021": a role after a colon whose last word,
            // closed by a full stop, sits alone before the dates on the next line.
            let closes_role = p.hint == Some(Role::Title) && short && q.hint.is_none() && dates_after(lines, q) && super::roles::ends_with_sentence_stop(&q.text);
            if ((short && ((lower && (date_after || open_end)) || completes_title)) || runs_on) && p.hint.is_none() || closes_role {
                out.push(Piece { end: q.end, text: format!("{} {}", p.text, q.text.trim_end_matches('.')), ..p.clone() });
                i += 2;
                continue;
            }
        }
        out.push(p.clone());
        i += 1;
    }
    out
}

/// Whether a date stands to the right of `piece` on its line.
fn dates_after(lines: &[LineInfo], piece: &Piece) -> bool {
    lines.iter().find(|l| l.index == piece.line).is_some_and(|l| l.dates.iter().any(|d| l.start + d.start >= piece.end))
}


/// A sentence that wraps ("Reparación de impresoras y configuración de redes" / "locales
/// en oficinas pequeñas", "Création des pages" / "produits en utilisant Drupal") is a
/// description standing in the header, not a field: a piece of three words or more without
/// title, employer or school words whose next line is one piece starting in lower case (not with
/// a name particle) goes, with that continuation. (A wrapped title was joined by
/// [`merge_wrapped`] already.) A sentence after "Name: " keeps its name ("Acme Tools: Creation"
/// / "of the shop's web site"): the line held too little of the sentence to read as one.
fn drop_wrapped_prose(text: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut drop = vec![false; pieces.len()];
    let mut keep: Vec<Option<Piece>> = vec![None; pieces.len()];
    for i in 0..pieces.len() {
        let (Some(p), Some(q)) = (pieces.get(i), pieces.get(i + 1)) else { continue };
        let last_on_line = q.line != p.line;
        let q_alone = q.line == p.line + 1 && pieces.get(i + 2).is_none_or(|r| r.line != q.line);
        // "Hill, Ellis," / "and Stone": a name cut at a comma.
        let comma_end = text.get(p.end..).is_some_and(|t| t.starts_with(','));
        // "da Paz", "van Dijk": a name goes on with its particle.
        let first_word = q.text.split_whitespace().next().unwrap_or("");
        let lower_next = q.text.starts_with(char::is_lowercase) && !crate::lexicon::person_words::PARTICLES.contains(&first_word);
        let named = |t: &str| super::roles::org_score(t) + super::roles::title_score(t) + super::roles::school_score(t) > 0;
        let wraps = last_on_line && q_alone && p.hint.is_none() && lower_next && !comma_end;
        let colon = cells::colon_name(p);
        let said = colon.as_ref().and_then(|name| p.text.get(name.text.len()..)).map(|rest| rest.trim_start_matches([':', ' ']));
        match (colon, said) {
            (Some(name), Some(rest)) if wraps && !named(rest) => {
                keep[i] = Some(name);
                drop[i + 1] = true;
            }
            _ if wraps && p.text.split_whitespace().count() >= 3 && !named(&p.text) => {
                drop[i] = true;
                drop[i + 1] = true;
            }
            _ => {}
        }
    }
    pieces.into_iter().zip(drop).zip(keep).filter_map(|((p, d), k)| k.or((!d).then_some(p))).collect()
}

fn set_role(pieces: &mut [Scored], i: usize, role: Role) {
    if let Some(p) = pieces.get_mut(i) {
        p.role = Some(role);
    }
}

/// With no word-list evidence: when a title was found, the unknown piece on the section's side
/// of it (`order`), else the first unknown piece; without a title, the first or second unknown
/// piece as the section's order says, else the first when they are on different lines and the
/// second on one line (titles usually come first on a line).
fn fallback_org(pieces: &[Scored], title_at: Option<usize>, order: Option<Order>) -> Option<usize> {
    // A description ("… with various clients"), or one cut off on a joiner ("Managing the
    // shop's stock and"), is no name.
    let named = |p: &Scored| !super::roles::reads_as_prose(&p.piece.text) && !cells::ends_open(&p.piece.text);
    let unknown: Vec<usize> = pieces.iter().enumerate().filter(|(_, p)| p.role.is_none() && named(p)).map(|(i, _)| i).collect();
    if let Some(t) = title_at {
        let sided = match order {
            Some(Order::TitleFirst) => unknown.iter().find(|&&i| i > t).copied(),
            Some(Order::OrgFirst) => unknown.iter().rev().find(|&&i| i < t).copied(),
            None => None,
        };
        return sided.or(unknown.first().copied());
    }
    match unknown.as_slice() {
        [] => None,
        [only] => Some(*only),
        [first, second, ..] => match order {
            Some(Order::TitleFirst) => Some(*second),
            Some(Order::OrgFirst) => Some(*first),
            None => {
                let other_line = pieces.get(*first).map(|p| p.piece.line) != pieces.get(*second).map(|p| p.piece.line);
                if other_line { Some(*first) } else { Some(*second) }
            }
        },
    }
}

/// "Director – IT Platforms": a title piece followed on its line by an unknown piece after a
/// dash is one title.
fn extended_title(text: &str, pieces: &[Scored]) -> Option<(String, f32)> {
    let i = pieces.iter().position(|p| p.role == Some(Role::Title))?;
    let title = pieces.get(i)?;
    let next = pieces.get(i + 1)?;
    if next.role.is_some() || next.piece.line != title.piece.line || next.org + next.school > 0 {
        return None;
    }
    let between = text.get(title.piece.end..next.piece.start)?;
    if between.trim() == "–" || between.trim() == "—" || between.trim() == "-" {
        return Some((span_text(text, title.piece.start, next.piece.end), title.confidence));
    }
    None
}

/// A JSON Resume work item and the confidence of its fields.
pub fn work_item(f: JobFields) -> (Work, Vec<(&'static str, f32)>) {
    let mut conf = Vec::new();
    if let Some((_, c)) = &f.org {
        conf.push(("name", *c));
    }
    if let Some((_, c)) = &f.title {
        conf.push(("position", *c));
    }
    let work = Work {
        name: f.org.map(|(t, _)| t),
        position: f.title.map(|(t, _)| t),
        location: f.location.map(|(t, _)| t),
        start_date: f.start,
        end_date: f.end,
        highlights: f.highlights,
        ..Work::default()
    };
    (work, conf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;
    use crate::profile::entries::split_entries;
    use crate::profile::lines::plain_lines;

    fn jobs(text: &str) -> Vec<Work> {
        let lines = plain_lines(text);
        section_jobs(text, &lines, &split_entries(&lines), &[]).into_iter().map(|f| work_item(f).0).collect()
    }

    /// Jobs of `text` with model spans: (text, kind, confidence), each at its first occurrence.
    fn jobs_with_model(text: &str, spans: &[(&str, EntityKind, f32)]) -> Vec<Work> {
        let lines = plain_lines(text);
        let model: Vec<Entity> = spans.iter().filter_map(|&(t, kind, conf)| text.find(t).map(|at| Entity::new(kind, at, at + t.len(), conf, "parser_model"))).collect();
        section_jobs(text, &lines, &split_entries(&lines), &model).into_iter().map(|f| work_item(f).0).collect()
    }

    const SECTION: &str = "03/2019 – 05/2021\tKellner\nMusterhaus GmbH\n• Service\n01/2017 – 02/2019\tKoch\nBeispiel AG\n• Küche\n01/2015 – 12/2016\tAushilfskraft\nNordlicht\n• Lager";

    #[test]
    fn a_table_heading_row_gives_each_cell_its_role() {
        let w = jobs("Designation | Organisation | Duration\nQuality Supervisor | Example Spice Exports | Mar 2019 – Present\nLab Chemist | Sample Agro Foods | Jun 2016 – Feb 2019");
        let read: Vec<(Option<&str>, Option<&str>)> = w.iter().map(|j| (j.position.as_deref(), j.name.as_deref())).collect();
        assert_eq!(read, [(Some("Quality Supervisor"), Some("Example Spice Exports")), (Some("Lab Chemist"), Some("Sample Agro Foods"))]);
    }

    #[test]
    fn roles_under_one_employer_heading() {
        let w = jobs("QUILLMOOR FREIGHT — Tulsa, OK\nSenior Analyst   Apr 2020 – Present\n• Ran the night desk\nAnalyst   Jan 2017 – Mar 2020\n• Routed trucks\nBRASSWICK FOODS — Enid, OK\nAccountant   2014 – 2016\n");
        let got: Vec<(Option<&str>, Option<&str>)> = w.iter().map(|w| (w.position.as_deref(), w.name.as_deref())).collect();
        assert_eq!(got, [(Some("Senior Analyst"), Some("QUILLMOOR FREIGHT")), (Some("Analyst"), Some("QUILLMOOR FREIGHT")), (Some("Accountant"), Some("BRASSWICK FOODS"))]);
        assert_eq!(w[1].location.as_deref(), Some("Tulsa, OK"));
        // A gap between the roles: another job, whose employer the CV does not name.
        let w = jobs("QUILLMOOR FREIGHT — Tulsa, OK\nSenior Analyst   Apr 2020 – Present\n• Ran the night desk\nAnalyst   Jan 2016 – Mar 2018\n• Routed trucks\n");
        assert_eq!(w[1].name, None);
    }

    #[test]
    fn roles_under_an_employer_dated_with_their_span() {
        let w = jobs("11.2015 – heute   Quillmoor Freight GmbH\n06.2019 – heute   Senior Analyst\n• Ran the night desk\n11.2015 – 05.2019   Analyst\n• Routed trucks\n05.2013 – 09.2015   Accountant, Brasswick Foods AG, Enid\n");
        // The heading is left without fields, which the parse does not add as a job.
        let got: Vec<(Option<&str>, Option<&str>)> = w.iter().map(|w| (w.position.as_deref(), w.name.as_deref())).filter(|f| *f != (None, None)).collect();
        assert_eq!(got, [(Some("Senior Analyst"), Some("Quillmoor Freight GmbH")), (Some("Analyst"), Some("Quillmoor Freight GmbH")), (Some("Accountant"), Some("Brasswick Foods AG"))]);
    }

    #[test]
    fn place_line_after_dates_stays_with_its_role() {
        let w = jobs("Quillmoor Freight\nSenior Analyst\nApril 2020 - Present (2 years)\nTulsa, Oklahoma\n• Ran the night desk\nAnalyst\nJanuary 2017 - March 2020 (3 years 3 months)\nTulsa, Oklahoma\nBrasswick Foods\nAccountant\nJune 2014 - August 2016\nEnid, Oklahoma\n");
        let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = w.iter().map(|w| (w.position.as_deref(), w.name.as_deref(), w.location.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Some("Senior Analyst"), Some("Quillmoor Freight"), Some("Tulsa, Oklahoma")),
                (Some("Analyst"), Some("Quillmoor Freight"), Some("Tulsa, Oklahoma")),
                (Some("Accountant"), Some("Brasswick Foods"), Some("Enid, Oklahoma")),
            ]
        );
    }

    #[test]
    fn the_section_layout_overrides_a_model_swap() {
        // The model reads the unknown brand as the title; two entries placed by their legal
        // forms show the layout (title on the dated line, employer below).
        let w = jobs_with_model(SECTION, &[("Nordlicht", EntityKind::Title, 0.95)]);
        assert_eq!(w[2].position.as_deref(), Some("Aushilfskraft"));
        assert_eq!(w[2].name.as_deref(), Some("Nordlicht"));
    }

    #[test]
    fn the_layout_needs_two_entries_and_no_word_evidence_against_it() {
        let one = SECTION.replace("Beispiel AG", "Sonnenhof");
        let w = jobs_with_model(&one, &[("Nordlicht", EntityKind::Title, 0.95)]);
        assert_eq!(w[2].position.as_deref(), Some("Nordlicht"));
        let against = SECTION.replace("\tKellner\nMusterhaus GmbH", "\tMusterhaus GmbH\nKellner");
        let w = jobs_with_model(&against, &[("Nordlicht", EntityKind::Title, 0.95)]);
        assert_eq!(w[2].position.as_deref(), Some("Nordlicht"));
    }

    #[test]
    fn a_town_after_the_legal_form_is_the_place() {
        let w = jobs("03/2015 – 08/2018\tVertriebsleiter\nBeispiel GmbH Musterbach\n• Kunden betreut\n01/2012 – 02/2015\tAssistent bei Muster AG, Zürich\n• Berichte");
        assert_eq!(w[0].name.as_deref(), Some("Beispiel GmbH"));
        assert_eq!(w[0].location.as_deref(), Some("Musterbach"));
        assert_eq!(w[1].name.as_deref(), Some("Muster AG"));
        assert_eq!(w[1].position.as_deref(), Some("Assistent"));
        assert_eq!(w[1].location.as_deref(), Some("Zürich"));
    }

    #[test]
    fn company_city_title_lines() {
        let w = jobs("Brightwater Finance, Santa Rosa, CA, Certified Public Accountant\nMar. 2019 – Current\n• Review ledgers");
        assert_eq!(w[0].name.as_deref(), Some("Brightwater Finance"));
        assert_eq!(w[0].position.as_deref(), Some("Certified Public Accountant"));
        assert_eq!(w[0].location.as_deref(), Some("Santa Rosa, CA"));
        assert_eq!(w[0].start_date.as_deref(), Some("2019-03"));
        assert_eq!(w[0].end_date, None);
        assert_eq!(w[0].highlights, ["Review ledgers"]);
    }

    #[test]
    fn title_pipe_company_pipe_dates() {
        let w = jobs("Senior Software Engineer | Quillstone Inc. | 2019 - Present\n- Led development\nJunior Developer | Bytewright LLC | 2015 - 2017\n- Fixed bugs");
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].name.as_deref(), Some("Bytewright LLC"));
        assert_eq!(w[1].position.as_deref(), Some("Junior Developer"));
        assert_eq!(w[1].start_date.as_deref(), Some("2015"));
        assert_eq!(w[1].end_date.as_deref(), Some("2017"));
    }

    #[test]
    fn german_bei_and_french_two_line_headers() {
        let w = jobs("Projektleiterin bei Winkler Hölzenbecher e.V., Hamburg\n08.2021 — 12.2022\n• Leitung eines Teams");
        assert_eq!(w[0].name.as_deref(), Some("Winkler Hölzenbecher e.V."));
        assert_eq!(w[0].position.as_deref(), Some("Projektleiterin"));
        assert_eq!(w[0].location.as_deref(), Some("Hamburg"));
        let w = jobs("Chargée de communication\nAgence Dupont SARL\nmars 2018 – juin 2020\n• Relations presse");
        assert_eq!(w[0].name.as_deref(), Some("Agence Dupont SARL"));
        assert_eq!(w[0].position.as_deref(), Some("Chargée de communication"));
        assert_eq!(w[0].start_date.as_deref(), Some("2018-03"));
    }

    #[test]
    fn employer_town_then_title() {
        let w = jobs("Verantwortlich für Unterricht in Mathematik mit classroom management.\nKlingelhöfer, Groß-Gerau · Lehrer für Mathematik\n09.2021 — 04.2024\nZusammenarbeit mit der Abteilung Finanzen.");
        assert_eq!(w.last().and_then(|w| w.name.as_deref()), Some("Klingelhöfer"));
        assert_eq!(w.last().and_then(|w| w.location.as_deref()), Some("Groß-Gerau"));
        let w = jobs("Ingegnere del software, Panatta, Pedrazzini e Montessori e figli, Ripaberarda\n04/2015 – oggi\n• Introduzione di CI/CD");
        assert_eq!(w[0].position.as_deref(), Some("Ingegnere del software"));
        assert_eq!(w[0].name.as_deref(), Some("Panatta, Pedrazzini e Montessori e figli"));
    }

    #[test]
    fn wrapped_titles_join() {
        let w = jobs("Anderson-Harrison, Port Barbara • Software 2020–Now\nEngineer\n• Migrated services");
        assert_eq!(w[0].position.as_deref(), Some("Software Engineer"));
        assert_eq!(w[0].name.as_deref(), Some("Anderson-Harrison"));
        let w = jobs("Venturia, University of Fairhaven September 2014 – Present\nMember\n• Implemented ideas");
        assert_eq!(w[0].position.as_deref(), Some("Member"));
    }

    #[test]
    fn a_title_line_that_stops_on_a_conjunction_goes_on() {
        let w = jobs("10/2010 – 12/2012\tFreier Berater für Hardware und\nNetzwerktechnik in mehreren Regionen\nMuster Handels GmbH\n• Betreuung von Märkten");
        assert_eq!(w[0].position.as_deref(), Some("Freier Berater für Hardware und Netzwerktechnik in mehreren Regionen"));
        assert_eq!(w[0].name.as_deref(), Some("Muster Handels GmbH"));
    }

    #[test]
    fn the_section_layout_places_title_and_employer_without_evidence() {
        let w = jobs("01/2023 – 07/2023\tVertriebsmitarbeiter\nBeispiel GmbH\n• Verkauf\n03/1986 – 09/1987\tDreher in der Werkstatt\nStadttheater Musterstadt\n• Wartung");
        assert_eq!(w[1].position.as_deref(), Some("Dreher in der Werkstatt"));
        assert_eq!(w[1].name.as_deref(), Some("Stadttheater Musterstadt"));
        let w = jobs("Beispiel GmbH\n01/2023 – 07/2023\tVertriebsmitarbeiter\n• Verkauf\nStadttheater Musterstadt\n03/1986 – 09/1987\tWerkstatt Dreher\n• Wartung");
        assert_eq!(w[1].name.as_deref(), Some("Stadttheater Musterstadt"));
        assert_eq!(w[1].position.as_deref(), Some("Werkstatt Dreher"));
    }

    #[test]
    fn a_wrapped_sentence_in_the_header_is_no_field() {
        let w = jobs("2019 - 2020\tAsistente de soporte\nReparación básica de impresoras y configuración de redes\nlocales en oficinas pequeñas\n• Atención");
        assert_eq!(w[0].position.as_deref(), Some("Asistente de soporte"));
        assert_eq!(w[0].name, None);
        let w = jobs("2019 - 2020\tEngenheira de software\nNovaes Filhos Comércio\nda Paz\n• Testes");
        assert_eq!(w[0].position.as_deref(), Some("Engenheira de software"));
    }

    #[test]
    fn dashed_titles_stay_whole() {
        let w = jobs("Director – IT Platforms  March 2011 – June 2013\nBrightline Studios – San Diego, CA\nOversaw the move of office networks to three regional sites, including cabling.");
        assert_eq!(w[0].position.as_deref(), Some("Director – IT Platforms"));
        assert_eq!(w[0].name.as_deref(), Some("Brightline Studios"));
        assert_eq!(w[0].location.as_deref(), Some("San Diego, CA"));
    }

    #[test]
    fn sub_headings_and_sentence_tails_are_no_fields() {
        // The model reads the sub-heading and the sentence tails on the dated lines as titles and an employer.
        let text = "Internships:\nNorthwind Ledger: building a booking page\nand a stock tool for local\nclients.\t08/2021-09/2021 (2 months)\nHarbor Labs: porting a stock tool to\nthe web for the sales and\nwarehouse teams.\t04/2020-07/2020 (4 months)";
        let w = jobs_with_model(text, &[("Internships", EntityKind::Title, 0.9), ("clients.", EntityKind::Title, 0.9), ("warehouse teams.", EntityKind::Org, 0.9)]);
        assert_eq!(w.len(), 2);
        for (job, name) in w.iter().zip(["Northwind Ledger", "Harbor Labs"]) {
            assert_eq!(job.name.as_deref(), Some(name));
            assert_eq!(job.position, None);
        }
    }

    #[test]
    fn a_common_noun_is_no_place_cut_from_a_title() {
        let text = "Example Works, Office Manager\n2015 – 2019\n• Ran the office budget";
        let w = jobs_with_model(text, &[("Office", EntityKind::Location, 0.95), ("Manager", EntityKind::Title, 0.95)]);
        assert_eq!(w[0].position.as_deref(), Some("Office Manager"));
        assert_eq!(w[0].location, None);
    }

    #[test]
    fn a_firm_of_names_stays_whole() {
        let w = jobs("Analyst, Ayala, Wells and Brook, Springfield\n2019 – 2021\n• Reports");
        assert_eq!(w[0].name.as_deref(), Some("Ayala, Wells and Brook"));
        let w = jobs("Analista, Grupo Ayala, Pereda y Soto, Riverton\n2019 – 2021\n• Informes");
        assert_eq!(w[0].name.as_deref(), Some("Grupo Ayala, Pereda y Soto"));
    }

    #[test]
    fn two_sentences_are_no_title() {
        // The model reads the line as a title.
        let line = "Mentoring of new staff. Planning of the weekly rota and the stock.";
        let w = jobs_with_model(&format!("2016\n{line} May-June 2016.\n2012 - 2014\nClerk, Example Stores Ltd"), &[(line, EntityKind::Title, 0.9)]);
        assert_eq!(w.len(), 3);
        assert_eq!(w[1].position, None);
    }

    #[test]
    fn a_name_before_a_wrapped_sentence_is_the_employer() {
        let w = jobs("Nordwind Werke: Création\nd'un outil de suivi avec\nRust.\t03/2017-06/2017 (4 mois)\nBeispiel Labs: conception d'un site.\t06/2018-07/2018");
        let names: Vec<_> = w.iter().map(|w| w.name.as_deref()).collect();
        assert_eq!(names, [Some("Nordwind Werke"), Some("Beispiel Labs")]);
    }

    #[test]
    fn a_bracket_left_open_runs_on_to_the_next_line() {
        let w = jobs("Club Exemple (Association des Amis du\nJardin): Chef d'équipe\nlogistique. 08/2021-08/2022");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].name.as_deref(), Some("Club Exemple (Association des Amis du Jardin)"));
    }

    #[test]
    fn a_degree_the_model_alone_sees_in_a_job_header_can_be_its_title() {
        let text = "Université Exemple\tLaval\nRÉPÉTITRICE EN CHIMIE\tSeptembre 2015 – Présent\n• Corriger des examens.";
        let spans = [("Université Exemple", EntityKind::Org, 0.99), ("Laval", EntityKind::Location, 0.98), ("RÉPÉTITRICE EN CHIMIE", EntityKind::Degree, 0.98)];
        let w = jobs_with_model(text, &spans);
        assert_eq!((w[0].name.as_deref(), w[0].position.as_deref()), (Some("Université Exemple"), Some("RÉPÉTITRICE EN CHIMIE")));
    }

    #[test]
    fn an_employer_line_the_model_reads_as_a_place_follows_the_sections_order() {
        let text = "März 2019 – Mai 2020\nKaltwerk GmbH\nLagerist\nJuni 2017 – Februar 2019\nBlauholz\nAushilfe Service";
        let spans = [("Blauholz", EntityKind::Location, 0.8)];
        let w = jobs_with_model(text, &spans);
        assert_eq!(w.len(), 2);
        assert_eq!((w[1].name.as_deref(), w[1].position.as_deref()), (Some("Blauholz"), Some("Aushilfe Service")));
    }

    #[test]
    fn a_year_that_names_an_event_stays_in_the_employer() {
        let w = jobs("Nordisk Schackfestival 2021\tOnline\nKassör\tSeptember 2020 – Maj 2021\n• Budget\nNordisk Schackfestival 2019\tOnline\nVolontär\tSeptember 2018 – Maj 2019");
        let names: Vec<_> = w.iter().map(|w| w.name.as_deref()).collect();
        assert_eq!(names, [Some("Nordisk Schackfestival 2021"), Some("Nordisk Schackfestival 2019")]);
        assert_eq!(w[0].start_date.as_deref(), Some("2020-09"));
    }

    #[test]
    fn a_name_and_role_line_after_the_dates_is_an_entry_of_its_own() {
        let text = "Associatif:\nDeveloper Circle Exemple (Amis du\nJardin): Responsable communication\nDigitale. 09/2020-06/2021\nCercle Autre: Chef de projet.";
        let lines = plain_lines(text);
        let entries = split_named_pairs(&lines, split_entries(&lines));
        assert_eq!(entries.len(), 2, "{entries:?}");
        let w: Vec<Work> = section_jobs(text, &lines, &entries, &[]).into_iter().map(|f| work_item(f).0).collect();
        let got: Vec<_> = w.iter().map(|w| (w.name.as_deref(), w.position.as_deref())).collect();
        assert_eq!(got, [(Some("Developer Circle Exemple (Amis du Jardin)"), Some("Responsable communication Digitale")), (Some("Cercle Autre"), Some("Chef de projet"))]);
        assert_eq!(w[0].location, None);
        // A labelled title under the dated employer is that entry's field.
        let text = "Mercado Exemplo Ltda. (03/2018 – atual)\nCargo: Analista de Compras\nEmpresa Dois S.A. (01/2013 – 02/2018)\nCargo: Assistente Administrativo";
        let lines = plain_lines(text);
        let entries = split_named_pairs(&lines, split_entries(&lines));
        let w: Vec<Work> = section_jobs(text, &lines, &entries, &[]).into_iter().map(|f| work_item(f).0).collect();
        let got: Vec<_> = w.iter().map(|w| (w.name.as_deref(), w.position.as_deref())).collect();
        assert_eq!(got, [(Some("Mercado Exemplo Ltda."), Some("Analista de Compras")), (Some("Empresa Dois S.A."), Some("Assistente Administrativo"))]);
    }
}
