//! The parse pipeline: Document → sections → entries → fields → [`Profile`].
//!
//! Rules do what is deterministic (contacts, dates, entry and cell splitting); the parser
//! model's spans, gated by confidence and by agreement with the entry's pieces and the word
//! lists (see [`super::fields`]), decide which piece of an entry is the employer, the title, the
//! school, the degree or the place where the word lists of [`super::roles`] are unsure, and vote
//! for the name's line. Without the model the word lists decide alone, so parsing degrades
//! instead of failing.

use crate::document::Document;
use crate::entities::{detect_rules, Entity, EntityKind};
use crate::error::Result;
use crate::extract::read_within;
use crate::ocr::OcrResult;
use crate::featurize::Features;
use crate::limits::{Budget, Limits};
use crate::sections::{find_sections, Section, SectionKind, Sections};
use crate::lexicon::headings::names_studies_and_jobs;
use crate::text_view::TextView;

use super::entries::{split_entries, Entry};
use super::lines::{line_infos, strip_bullet, LineInfo};
use super::types::{Meta, Profile, Project, Volunteer};
use super::{contact, education, languages, lists, name, skills, work};

/// Lines at the top of the document always searched for the name and contacts.
const TOP_LINES: usize = 15;

/// How to parse.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    pub limits: Limits,
    /// File name or MIME type hint for format detection (as for `extract`).
    pub hint: Option<String>,
    /// Run the parser model (on by default); without it the rules alone decide.
    pub use_model: bool,
    /// What OCR read from the document's page images (see [`crate::extract::read_within`]).
    pub ocr: Option<OcrResult>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { limits: Limits::default(), hint: None, use_model: true, ocr: None }
    }
}

/// Extract `bytes` and parse the document into a profile; the limits bound both stages together.
pub fn parse(bytes: &[u8], opts: &ParseOptions) -> Result<Profile> {
    let mut budget = Budget::new(&opts.limits);
    let doc = read_within(bytes, opts.hint.as_deref(), opts.ocr.as_ref(), &mut budget)?;
    parse_with(&doc, None, opts, &mut budget)
}

/// What a caller has already found on `TextView::new(doc)` (the anonymiser finds all of it for
/// its own detection), so that the parse does not find it a second time.
#[derive(Clone, Copy)]
pub struct Found<'a> {
    pub view: &'a TextView<'a>,
    pub sections: &'a Sections,
    /// [`detect_rules`] on `view`, as it returned them.
    pub rules: &'a [Entity],
    /// [`crate::featurize::featurize`] of `view` and `sections`, if the caller has it.
    pub features: Option<&'a Features>,
}

/// Parse an extracted document into a profile.
pub fn parse_document(doc: &Document, opts: &ParseOptions) -> Result<Profile> {
    parse_with(doc, None, opts, &mut Budget::new(&opts.limits))
}

/// Parse an extracted document reusing what the caller found on its text view. When the parse
/// reads the document in another order (side-by-side columns, [`super::rows`]) that view does
/// not apply and the parse finds its own, exactly as [`parse_document`] does. The work is charged
/// to the caller's `budget` (`opts.limits` is not read).
pub fn parse_found(doc: &Document, found: Found, opts: &ParseOptions, budget: &mut Budget) -> Result<Profile> {
    parse_with(doc, Some(found), opts, budget)
}

fn parse_with(doc: &Document, found: Option<Found>, opts: &ParseOptions, budget: &mut Budget) -> Result<Profile> {
    budget.spend(doc.pages.iter().map(|p| p.lines.len() as u64).sum())?;
    match (super::rows::row_order(doc), found) {
        (None, Some(found)) => parse_view(doc, found, opts, budget),
        (row_ordered, _) => {
            let doc = row_ordered.as_ref().unwrap_or(doc);
            let view = TextView::new(doc);
            let sections = find_sections(&view, budget)?;
            let rules = detect_rules(&view, budget)?;
            let found = Found { view: &view, sections: &sections, rules: &rules, features: None };
            parse_view(doc, found, opts, budget)
        }
    }
}

/// The parse proper, on a view whose sections and rule spans are known.
fn parse_view(doc: &Document, found: Found, opts: &ParseOptions, budget: &mut Budget) -> Result<Profile> {
    let Found { view, sections, rules, features } = found;
    let mut meta = Meta {
        source_format: doc.format.as_str().to_string(),
        ocr: doc.metadata.ocr.clone(),
        pages: doc.metadata.pages,
        parser_version: env!("CARGO_PKG_VERSION").to_string(),
        warnings: doc.warnings.clone(),
        ..Meta::default()
    };
    let merged = merged_sections(view, sections);
    let top = top_lines(view, sections);
    let has_experience = merged.iter().any(|s| s.kind == SectionKind::Experience);
    // Each section's lines and entries come first: the model runs over the lines the parse reads
    // its spans on (the top lines and the entry headers) and nowhere else.
    let mut parts: Vec<(Vec<LineInfo>, Option<Entries>)> = Vec::with_capacity(merged.len());
    for (i, section) in merged.iter().enumerate() {
        budget.spend(1)?;
        let mut lines = line_infos(view, section.lines.clone(), budget)?;
        // The place and date the CV is signed with closes the last section and is none of it.
        if i + 1 == merged.len() {
            lines.truncate(lines.len() - super::sign_off::trailing_sign_off(&lines));
        }
        let entries = section_entries(section.kind, &lines, has_experience);
        parts.push((lines, entries));
    }
    let model = super::model::spans(view, sections, features, &read_lines(&top, &parts), budget, opts.use_model, &mut meta)?;
    let mut profile = Profile::default();
    let text = view.text();

    // Contacts: everywhere except the referees' section.
    let referees: Vec<&Section> = merged.iter().filter(|s| s.kind == SectionKind::References).collect();
    let in_referees = |l: usize| referees.iter().any(|s| s.heading == Some(l) || s.lines.contains(&l));
    let own: Vec<Entity> = rules
        .iter()
        .filter(|e| view.line_of(e.start).is_none_or(|l| !in_referees(l)))
        .cloned()
        .collect();
    contact::fill_contacts(&mut profile.basics, text, &own, &doc.links);

    // Name, headline and place from the top of the document.
    contact::add_cell_phones(&mut profile.basics, view, &top);
    let handles: Vec<String> = own
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Url | EntityKind::Handle))
        .filter_map(|e| text.get(e.start..e.end).map(str::to_string))
        .chain(profile.basics.urls.iter().cloned())
        .collect();
    if let Some(guess) = super::name_fields::with_fields(view, &top, name::find_name(view, &top, &model, &profile.basics.emails, &handles)) {
        meta.confidence.insert("basics.name".into(), round(guess.confidence));
        profile.basics.label = headline(view, &top, &guess.text, &own);
        profile.basics.name = Some(guess.text);
    }
    // A table's heading row names columns, and a place in its rows is a job's or a school's.
    let tables = super::table_head::table_lines(view);
    let own_lines: Vec<usize> = top.iter().copied().filter(|i| !tables.contains(i)).collect();
    if let Some(loc) = contact::find_location(view, &own_lines, &model, profile.basics.name.as_deref()) {
        profile.basics.location = loc;
    }

    for (section, (lines, entries)) in merged.iter().zip(&parts) {
        let inline = inline_content(view, section);
        // The lines an entry's indices point into, and the entries (for the kinds that have them).
        let (entry_lines, entries) = match entries {
            Some(e) => (lines.get(e.from..).unwrap_or(&[]), &e.list[..]),
            None => (&lines[..], &[][..]),
        };
        match section.kind {
            SectionKind::Experience => add_work(&mut profile, &mut meta, text, entry_lines, entries, &model, false),
            SectionKind::Other => add_work(&mut profile, &mut meta, text, entry_lines, entries, &model, true),
            // No headings at all (a pasted profile): dated entries after the name block.
            SectionKind::Header if !has_experience => add_work(&mut profile, &mut meta, text, entry_lines, entries, &model, true),
            SectionKind::Volunteer => add_volunteer(&mut profile, text, entry_lines, entries, &model),
            SectionKind::Education => {
                let degree_first = education::degree_above_school(entry_lines, entries);
                for entry in entries {
                    if is_job_among_studies(view, section, entry_lines, entry) && push_work(&mut profile, &mut meta, work::job_fields(text, entry_lines, entry, &model, work::Section::Unknown), true) {
                        continue;
                    }
                    push_education(&mut profile, &mut meta, text, entry_lines, entry, &model, degree_first);
                }
            }
            SectionKind::Skills => {
                let texts: Vec<&str> = inline.iter().copied().chain(lines.iter().map(|l| l.text)).collect();
                profile.skills.extend(skills::parse_skills(&texts));
            }
            SectionKind::Languages => {
                let texts: Vec<&str> = inline.iter().copied().chain(lines.iter().map(|l| l.text)).collect();
                profile.languages.extend(languages::parse_languages(&texts));
            }
            SectionKind::Certificates => profile.certificates.extend(lists::certificates(&lines)),
            SectionKind::Awards => profile.awards.extend(lists::awards(&lines)),
            SectionKind::Publications => profile.publications.extend(lists::publications(&lines)),
            SectionKind::Interests => profile.interests.extend(lists::interests(&lines)),
            SectionKind::References => profile.references.extend(lists::references(&lines)),
            SectionKind::Projects => add_projects(&mut profile, &lines),
            SectionKind::Summary => {
                let summary: Vec<&str> = inline.iter().copied().chain(lines.iter().map(|l| strip_bullet(l.text).trim())).filter(|t| !t.is_empty()).collect();
                if profile.basics.summary.is_none() && !summary.is_empty() {
                    profile.basics.summary = Some(summary.join("\n"));
                }
            }
            SectionKind::Header | SectionKind::Contact | SectionKind::Personal => {}
        }
    }
    skills_are_no_places(&mut profile, text);
    profile.meta = meta;
    Ok(profile)
}

/// A technology written before a job title ("Rust Developer") can read as a town glued to it;
/// the document's own skills say it is none: it goes back into the title where the text writes
/// them together, and is no job's place.
fn skills_are_no_places(profile: &mut Profile, text: &str) {
    let skills: std::collections::HashSet<String> =
        profile.skills.iter().flat_map(|s| s.name.iter().chain(&s.keywords)).map(|k| k.trim().to_lowercase()).collect();
    for job in &mut profile.work {
        let Some(place) = job.location.take() else { continue };
        if !skills.contains(&place.trim().to_lowercase()) {
            job.location = Some(place);
            continue;
        }
        if let Some(title) = &job.position {
            let glued = format!("{place} {title}");
            if text.contains(&glued) {
                job.position = Some(glued);
            }
        }
    }
}

/// The sections, with doubtful headings folded back into the section above: a "heading" that
/// starts in lower case (a wrapped bullet line such as "tech projects"), or one inside an
/// entry list whose style differs from the document's usual heading style (a job title
/// "Volunteer" read as a heading, a referee's bold name under "References").
fn merged_sections(view: &TextView, sections: &Sections) -> Vec<Section> {
    let style = |i: usize| view.line(i).map(|l| (l.bold, (l.font_size * 2.0).round() as i32, l.text.chars().any(char::is_lowercase)));
    let mut counts: Vec<((bool, i32, bool), usize)> = Vec::new();
    for s in sections.sections.iter().filter_map(|s| s.heading).filter_map(style) {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let usual = counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n >= 2).map(|(k, _)| *k);
    let mut out: Vec<Section> = Vec::new();
    for section in &sections.sections {
        let lowercase = section.heading.is_some_and(|h| super::lines::strip_bullet(view.line_text(h)).starts_with(char::is_lowercase));
        let unusual = section.heading.and_then(style).zip(usual).is_some_and(|(s, u)| s != u);
        // Only a heading that repeats the kind of the list it sits in (or names no kind) is doubtful.
        let in_entries = out.last().is_some_and(|p| {
            matches!(
                p.kind,
                SectionKind::Experience | SectionKind::Volunteer | SectionKind::Education | SectionKind::Projects | SectionKind::References | SectionKind::Other
            )
                && (section.kind == p.kind || section.kind == SectionKind::Other)
        });
        match out.last_mut() {
            Some(prev) if (lowercase || (unusual && in_entries)) && prev.lines.end <= section.lines.end => {
                prev.lines = prev.lines.start..section.lines.end;
            }
            _ => out.push(section.clone()),
        }
    }
    out
}

/// The entries of a section whose entry headers the parse reads (jobs, volunteering, schools, and
/// a heading-less document's dated entries after its name block); their indices point into
/// `lines[from..]`.
struct Entries {
    from: usize,
    list: Vec<Entry>,
}

fn section_entries(kind: SectionKind, lines: &[LineInfo], has_experience: bool) -> Option<Entries> {
    let list = match kind {
        SectionKind::Experience | SectionKind::Other | SectionKind::Volunteer => work::split_named_pairs(lines, split_entries(lines)),
        SectionKind::Header if !has_experience => {
            let from = top_block_end(lines);
            return Some(Entries { from, list: split_entries(lines.get(from..).unwrap_or(&[])) });
        }
        SectionKind::Education => education::split_repeated_schools(lines, education::bullets_as_entries(split_entries(lines))),
        _ => return None,
    };
    Some(Entries { from: 0, list })
}

/// The TextView lines whose model spans the parse reads, sorted: the top lines (name, place) and
/// the entries' header lines (their fields).
fn read_lines(top: &[usize], parts: &[(Vec<LineInfo>, Option<Entries>)]) -> Vec<usize> {
    let headers = parts.iter().filter_map(|(lines, entries)| Some((lines, entries.as_ref()?))).flat_map(|(lines, e)| {
        e.list.iter().flat_map(|entry| &entry.header).filter_map(move |&i| lines.get(e.from.saturating_add(i))).map(|l| l.index)
    });
    let mut out: Vec<usize> = top.iter().copied().chain(headers).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

fn round(c: f32) -> f32 {
    (c * 100.0).round() / 100.0
}

/// Content on a "Skills: Rust, Go" heading line, after the colon.
fn inline_content<'a>(view: &'a TextView, section: &Section) -> Option<&'a str> {
    let heading = view.line_text(section.heading?);
    let (_, rest) = heading.split_once(':')?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// Lines searched for the name, headline and place: the header and contact sections, the top
/// of the document, and the largest-font lines of the first page (sidebar layouts put the name
/// anywhere in reading order). Headings excluded.
fn top_lines(view: &TextView, sections: &Sections) -> Vec<usize> {
    let count = view.lines().len();
    let first_page: Vec<usize> = (0..count).filter(|&i| view.lines().get(i).is_some_and(|r| r.page == 0)).collect();
    let max_font = first_page.iter().filter_map(|&i| view.line(i)).map(|l| l.font_size).fold(0.0f32, f32::max);
    let mut out: Vec<usize> = (0..count)
        .filter(|&i| {
            let kind = sections.kind_of_line(i);
            let near_top = i < TOP_LINES;
            let in_header = matches!(kind, SectionKind::Header | SectionKind::Contact | SectionKind::Personal) && i < TOP_LINES * 4;
            let largest = max_font > 0.0 && first_page.contains(&i) && view.line(i).is_some_and(|l| l.font_size >= max_font - 0.1);
            // A document title (`<h1>`, Title style) that is no section heading: usually the name.
            let title = view.line(i).is_some_and(|l| l.heading == Some(1)) && crate::sections::heading_kind(view.line_text(i)).is_none();
            let known_heading = crate::sections::heading_kind(view.line_text(i)).is_some();
            ((title || largest) && !known_heading) || ((near_top || in_header) && !sections.is_heading(i))
        })
        .collect();
    out.dedup();
    out
}

/// Where the name-and-contacts block of a heading-less document ends: its first dated line
/// (minus the lines just above it that belong to that entry).
fn top_block_end(lines: &[LineInfo]) -> usize {
    let first_dated = lines.iter().position(LineInfo::has_date).unwrap_or(lines.len());
    first_dated.saturating_sub(2).min(lines.len()).max(1.min(lines.len()))
}

/// The headline: a line that reads like a job title (no contacts on it) next to the name — the
/// line after it, else the line above it, else the document's first line when that stands above
/// the name (templates that set the role over the name, or over the contact lines).
fn headline(view: &TextView, top: &[usize], name: &str, contacts: &[Entity]) -> Option<String> {
    // A name set on two lines ("Ana Maria" over "Berg Lund") is found by its two halves.
    let clean = |i: usize| super::name::clean_name(view.line_text(i));
    let whole = |i: usize| clean(i).contains(name) || view.line_text(i).contains(name);
    let half = |i: usize, first: bool| {
        let part = clean(i);
        let rest = if first { name.strip_prefix(part.as_str()) } else { name.strip_suffix(part.as_str()) };
        part.chars().any(char::is_alphabetic) && rest.is_some_and(|r| if first { r.starts_with(' ') } else { r.ends_with(' ') })
    };
    let (name_line, last_name_line) = match top.iter().position(|&i| whole(i)) {
        Some(n) => (n, n),
        None => {
            let n = top.iter().position(|&i| half(i, true))?;
            top.get(n + 1).filter(|&&i| half(i, false)).map(|_| (n, n + 1))?
        }
    };
    let reads_as_headline = |line: usize| {
        let t = super::cells::undouble(view.line_text(line).trim());
        let has_contact = contacts.iter().any(|e| view.line_of(e.start) == Some(line));
        // On a contact line the role is its first piece: "Data Analyst · Leeds · jane@…".
        let t = if has_contact { first_piece_before_contacts(view, line, t, contacts)? } else { t };
        let words = t.split_whitespace().count();
        ((1..=12).contains(&words) && !t.contains(':') && super::roles::title_score(t) > 0 && !super::roles::looks_like_location(t)).then(|| t.to_string())
    };
    let above = name_line.checked_sub(1).and_then(|i| top.get(i));
    let first = top.first().filter(|_| name_line > 0);
    [top.get(last_name_line + 1), above, first].into_iter().flatten().find_map(|&line| reads_as_headline(line))
}

/// Separators between the pieces of a contact line.
const CONTACT_SEPARATORS: [&str; 6] = [" · ", " | ", " • ", " — ", " – ", "  "];

/// The first piece of contact line `line` (text `t`), when another piece follows it and every
/// contact on the line stands after it.
fn first_piece_before_contacts<'a>(view: &TextView, line: usize, t: &'a str, contacts: &[Entity]) -> Option<&'a str> {
    let cut = CONTACT_SEPARATORS.iter().filter_map(|sep| t.find(sep)).min()?;
    let piece = t.get(..cut)?.trim();
    let line_start = view.lines().get(line)?.start;
    let piece_end = view.text().get(line_start..).and_then(|rest| rest.find(piece)).map(|at| line_start + at + piece.len())?;
    contacts.iter().filter(|e| view.line_of(e.start) == Some(line)).all(|e| e.start >= piece_end).then_some(piece)
}

/// Jobs from an experience-like section. `strict`: only entries with dates and both an employer
/// and a title count (sections of unknown kind, heading-less documents).
fn add_work(profile: &mut Profile, meta: &mut Meta, text: &str, lines: &[LineInfo], entries: &[Entry], model: &[Entity], strict: bool) {
    for (entry, fields) in entries.iter().zip(work::section_jobs(text, lines, entries, model)) {
        if is_course_among_jobs(lines, entry) {
            push_course(profile, meta, text, lines, entry, model);
            continue;
        }
        if is_school_among_jobs(lines, entry) {
            push_education(profile, meta, text, lines, entry, model, None);
            continue;
        }
        if strict && !entry_has_date(lines, entry) {
            continue;
        }
        push_work(profile, meta, fields, strict);
    }
}

/// The job of one entry's fields, when it names an employer or a title (`strict`: both); whether
/// it was added. The candidate's own name (a running header "Curriculum Vitae · Jane Doe") is
/// never a job's field.
fn push_work(profile: &mut Profile, meta: &mut Meta, fields: work::JobFields, strict: bool) -> bool {
    let (mut item, conf) = work::work_item(fields);
    let own = |f: &Option<String>| f.as_deref().zip(profile.basics.name.as_deref()).is_some_and(|(f, n)| f.trim().eq_ignore_ascii_case(n.trim()));
    if own(&item.name) {
        item.name = None;
    }
    if own(&item.position) {
        item.position = None;
    }
    if strict && (item.name.is_none() || item.position.is_none()) {
        return false;
    }
    if item.name.is_none() && item.position.is_none() {
        return false;
    }
    let at = profile.work.len();
    for (field, c) in conf {
        meta.confidence.insert(format!("work[{at}].{field}"), round(c));
    }
    profile.work.push(item);
    true
}

/// The school of one entry, when it names a school or a degree.
fn push_education(profile: &mut Profile, meta: &mut Meta, text: &str, lines: &[LineInfo], entry: &Entry, model: &[Entity], degree_first: Option<bool>) {
    let (item, conf) = education::education_item(text, lines, entry, model, degree_first);
    if item.institution.is_some() || item.study_type.is_some() {
        let at = profile.education.len();
        for (field, c) in conf {
            meta.confidence.insert(format!("education[{at}].{field}"), round(c));
        }
        profile.education.push(item);
    }
}

/// A course listed among jobs: its provider is the school; what it taught is a degree only when
/// it names one ("Ausbildung zum Industriekaufmann"), else a course ("Weiterbildung im Bereich Logistik").
fn push_course(profile: &mut Profile, meta: &mut Meta, text: &str, lines: &[LineInfo], entry: &Entry, model: &[Entity]) {
    let at = profile.education.len();
    push_education(profile, meta, text, lines, entry, model, None);
    if let Some(item) = profile.education.get_mut(at) {
        let named = [&item.study_type, &item.area].iter().any(|f| f.as_deref().is_some_and(|t| super::roles::degree_score(t) > 0));
        if !named {
            let course = [item.study_type.take(), item.area.take()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            if !course.is_empty() {
                item.courses.insert(0, course);
            }
        }
        if item.institution.is_none() && item.study_type.is_none() {
            profile.education.truncate(at);
        }
    }
}

/// A course or an apprenticeship listed among jobs ("Weiterbildung im Bereich Logistik" / "Example
/// GmbH"): a dated entry whose first header piece starts with a course word. Its provider is
/// its school.
fn is_course_among_jobs(lines: &[LineInfo], entry: &Entry) -> bool {
    let Some(first) = entry.header.first().and_then(|&i| lines.get(i)) else { return false };
    let piece = super::cells::pieces(first, false).into_iter().next();
    let word = piece.and_then(|p| p.text.split_whitespace().next().map(str::to_lowercase));
    first.has_date() && word.is_some_and(|w| crate::lexicon::entry_words::COURSE_WORDS.contains(&w.as_str()))
}

/// A school listed among jobs ("2012  Baccalauréat, Lycée X, Town" under "Parcours"): its header
/// names a degree and a school, and no job title or employer word.
fn is_school_among_jobs(lines: &[LineInfo], entry: &Entry) -> bool {
    use super::roles::{degree_score, org_score, school_score, title_score};
    let header: Vec<&str> = entry.header.iter().filter_map(|&i| lines.get(i)).map(|l| l.text).collect();
    let header = header.join(" \n ");
    degree_score(&header) > 0 && school_score(&header) > 0 && title_score(&header) == 0 && org_score(&header) == 0
}

/// Under a heading that names studies and jobs together ("Formation & expériences
/// professionnelles"), a dated entry whose first line has no degree word is a job.
fn is_job_among_studies(view: &TextView, section: &Section, lines: &[LineInfo], entry: &Entry) -> bool {
    let names_jobs = section.heading.is_some_and(|h| names_studies_and_jobs(&crate::lexicon::folded_words(view.line_text(h))));
    let first = entry.header.first().and_then(|&i| lines.get(i));
    names_jobs && first.is_some_and(|l| l.has_date() && super::roles::degree_score(l.text) == 0)
}

fn entry_has_date(lines: &[LineInfo], entry: &Entry) -> bool {
    entry.header.iter().filter_map(|&i| lines.get(i)).any(LineInfo::has_date)
}

fn add_volunteer(profile: &mut Profile, text: &str, lines: &[LineInfo], entries: &[Entry], model: &[Entity]) {
    for f in work::section_jobs(text, lines, entries, model) {
        if f.org.is_none() && f.title.is_none() {
            continue;
        }
        profile.volunteer.push(Volunteer {
            organization: f.org.map(|(t, _)| t),
            position: f.title.map(|(t, _)| t),
            location: f.location.map(|(t, _)| t),
            start_date: f.start,
            end_date: f.end,
            highlights: f.highlights,
            ..Volunteer::default()
        });
    }
}

fn add_projects(profile: &mut Profile, lines: &[LineInfo]) {
    for entry in split_entries(lines) {
        let pieces = work::header_pieces(lines, &entry, false);
        let (start, end) = work::entry_period(lines, &entry);
        let mut highlights = work::body_items(lines, &entry);
        let name = match pieces.first() {
            Some(p) => Some(p.text.clone()),
            None if !highlights.is_empty() => Some(highlights.remove(0)),
            None => None,
        };
        if name.is_none() {
            continue;
        }
        profile.projects.push(Project { name, highlights, start_date: start, end_date: end, ..Project::default() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::types::{Skill, Work};

    fn rules_only(text: &str) -> Profile {
        let opts = ParseOptions { hint: Some("cv.txt".into()), use_model: false, ..ParseOptions::default() };
        parse(text.as_bytes(), &opts).unwrap_or_default()
    }

    #[test]
    fn a_skill_is_no_job_place() {
        let text = "Nordwind Labs, Rust Developer for Clients\nSkills: Rust, Go";
        let mut p = Profile::default();
        p.skills.push(Skill { name: Some("Languages".into()), keywords: vec!["Rust".into(), "Go".into()], ..Skill::default() });
        p.work.push(Work { name: Some("Nordwind Labs".into()), position: Some("Developer for Clients".into()), location: Some("Rust".into()), ..Work::default() });
        p.work.push(Work { position: Some("Go Coach".into()), location: Some("Go".into()), ..Work::default() });
        p.work.push(Work { position: Some("Baker".into()), location: Some("Lund".into()), ..Work::default() });
        skills_are_no_places(&mut p, text);
        assert_eq!((p.work[0].position.as_deref(), p.work[0].location.as_deref()), (Some("Rust Developer for Clients"), None));
        assert_eq!((p.work[1].position.as_deref(), p.work[1].location.as_deref()), (Some("Go Coach"), None));
        assert_eq!(p.work[2].location.as_deref(), Some("Lund"));
    }

    #[test]
    fn a_section_named_for_studies_and_jobs_keeps_the_jobs_as_work() {
        let p = rules_only(
            "Jeanne Exemple\njeanne@example.org\n\nFormation & expériences professionnelles\n\nAnalyste principale | 2021/03 - 2023/08 | Exemple Conseil Inc.\nSujet : évaluation\nDoctorat en géologie | 2013 - 2019 | Université du Nord\nSujet : écosystèmes\n",
        );
        assert_eq!(p.work.len(), 1);
        assert_eq!(p.work[0].name.as_deref(), Some("Exemple Conseil Inc."));
        assert_eq!(p.education.len(), 1);
        assert_eq!(p.education[0].institution.as_deref(), Some("Université du Nord"));
    }

    #[test]
    fn the_candidates_own_name_is_no_employer() {
        let p = rules_only("Jeanne Exemple\njeanne@example.org\n\nBerufserfahrung\n\n2019 - 2021\tVerkäuferin\nMuster GmbH\n• Beratung\n\nJeanne Exemple\n2015 - 2018\tVerkäuferin\n• Beratung\n");
        assert!(p.work.iter().all(|w| w.name.as_deref() != Some("Jeanne Exemple")), "{:?}", p.work);
    }

    #[test]
    fn jobs_under_a_heading_of_studies_and_jobs_are_work() {
        let p = rules_only(
            "Jane Example\n\nFormation & expériences professionnelles\nStage postdoctoral | 2021/03 - 2023/08 | Université Exemple\nDoctorat en géologie | 2013 - 2019 | Université Autre\nMaîtrise en géographie | 2010 - 2012 | Université Troisième\n",
        );
        assert_eq!(p.work.len(), 1);
        assert_eq!(p.work[0].name.as_deref(), Some("Université Exemple"));
        let schools: Vec<_> = p.education.iter().filter_map(|e| e.institution.as_deref()).collect();
        assert_eq!(schools, ["Université Autre", "Université Troisième"]);
        // A heading of studies alone keeps every entry.
        let p = rules_only("Jane Example\n\nSchulischer Werdegang\n2010 - 2013  Fachhochschule Kiel\n2013 - 2016  Praktikum, Example GmbH\n");
        assert_eq!((p.work.len(), p.education.len()), (0, 2));
    }

    #[test]
    fn a_course_among_jobs_is_a_school() {
        let p = rules_only("Jane Example\n\nBerufserfahrung\nSeit 04/2022  Weiterbildung im Bereich Logistik\nBeispiel Akademie GmbH\n01/2019 – 03/2022  Vertriebsmitarbeiterin\nMuster GmbH\n");
        assert_eq!(p.work.len(), 1);
        assert_eq!(p.education.len(), 1);
        assert_eq!(p.education[0].institution.as_deref(), Some("Beispiel Akademie GmbH"));
        assert_eq!(p.education[0].study_type, None);
        assert_eq!(p.education[0].courses.first().map(String::as_str), Some("Weiterbildung im Bereich Logistik"));
    }

    #[test]
    fn a_school_among_jobs_is_a_school() {
        let p = rules_only("Jeanne Exemple\n\nParcours\n2015 – 2019  Développeuse, Exemple SARL, Villeneuve\n2012  Baccalauréat série S, Lycée Exemple, Villeneuve\n");
        assert_eq!(p.work.len(), 1, "{:?}", p.work);
        assert_eq!(p.education.len(), 1);
        assert_eq!((p.education[0].study_type.as_deref(), p.education[0].institution.as_deref()), (Some("Baccalauréat série S"), Some("Lycée Exemple")));
        // A teacher at a school holds a job there.
        let p = rules_only("Jeanne Exemple\n\nParcours\n2015 – 2019  Enseignante, Lycée Exemple, Villeneuve\n");
        assert_eq!((p.work.len(), p.education.len()), (1, 0));
    }

    #[test]
    fn a_headline_above_the_name_or_its_contacts_is_the_label() {
        let p = rules_only("Senior Data Analyst\nJeanne Exemple\njeanne@example.org\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label.as_deref(), Some("Senior Data Analyst"));
        let p = rules_only("Programador backend\n+34 600 123 456\njeanne@example.org\nJeanne Exemple\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label.as_deref(), Some("Programador backend"));
        // A name set on two lines: the line after its second half is the one after the name.
        let lines = ["Jeanne Marie", "Exemple Durand", "Analista de datos", "jeanne@example.org"].map(crate::document::Line::plain).to_vec();
        let d = Document::flow(crate::document::Format::Pdf, crate::document::Metadata::default(), lines, Vec::new());
        let view = TextView::new(&d);
        assert_eq!(headline(&view, &[0, 1, 2, 3], "Jeanne Marie Exemple Durand", &[]).as_deref(), Some("Analista de datos"));
        assert_eq!(headline(&view, &[0, 1, 2, 3], "Jeanne Marie Exemple", &[]), None);
        let p = rules_only("Jeanne Exemple\nLead Engineer\njeanne@example.org\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label.as_deref(), Some("Lead Engineer"));
        let p = rules_only("Curriculum Vitae\nJeanne Exemple\njeanne@example.org\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label, None);
        // The role opening the contact line.
        let p = rules_only("Jeanne Exemple\nSenior Data Analyst · Villeneuve · jeanne@example.org\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label.as_deref(), Some("Senior Data Analyst"));
        let p = rules_only("Jeanne Exemple\njeanne@example.org · Senior Data Analyst\n\nSkills\nSQL\n");
        assert_eq!(p.basics.label, None);
    }
}
