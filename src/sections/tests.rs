use super::*;
use crate::document::{Document, Format, Line, Metadata};
use crate::limits::Limits;

fn doc(lines: Vec<Line>) -> Document {
    Document::flow(Format::Docx, Metadata::default(), lines, Vec::new())
}

fn plain(texts: &[&str]) -> Document {
    doc(texts.iter().map(|t| Line::plain(*t)).collect())
}

fn sized(text: &str, size: f32, bold: bool) -> Line {
    Line {
        font_size: size,
        bold,
        ..Line::plain(text)
    }
}

fn find(d: &Document) -> Sections {
    let view = TextView::new(d);
    find_sections(&view, &mut Budget::new(&Limits::default())).unwrap()
}

fn kinds(s: &Sections) -> Vec<(SectionKind, Option<usize>)> {
    s.sections.iter().map(|s| (s.kind, s.heading)).collect()
}

#[test]
fn lines_before_the_first_heading_are_the_header() {
    let d = plain(&[
        "Ana Müller",
        "ana@example.com",
        "Berufserfahrung",
        "Entwicklerin, Acme GmbH",
        "Ausbildung:",
        "B.Sc. Informatik",
    ]);
    let s = find(&d);
    assert_eq!(
        kinds(&s),
        [
            (SectionKind::Header, None),
            (SectionKind::Experience, Some(2)),
            (SectionKind::Education, Some(4))
        ]
    );
    assert_eq!(s.sections[0].lines, 0..2);
    assert_eq!(s.sections[1].lines, 3..4);
    assert_eq!(s.sections[2].lines, 5..6);
    assert_eq!(s.kind_of_line(1), SectionKind::Header);
    assert_eq!(s.kind_of_line(3), SectionKind::Experience);
    assert!(s.is_heading(2) && !s.is_heading(3));
    assert_eq!(s.kind_of_line(99), SectionKind::Header);
}

#[test]
fn written_variants_of_headings_are_found() {
    let d = plain(&[
        "Jan Kowalski",
        "E X P E R I E N C E",
        "x",
        "W O R K  H I S T O R Y",
        "x",
        "• 3. EXPÉRIENCE PROFESSIONNELLE",
        "x",
        "Languages: English (native), German (B2)",
        "Doświadczenie zawodowe",
        "Persönliche Daten",
    ]);
    let s = find(&d);
    let found: Vec<SectionKind> = s.sections.iter().map(|s| s.kind).collect();
    use SectionKind::*;
    assert_eq!(
        found,
        [Header, Experience, Experience, Experience, Languages, Experience, Personal]
    );
    // The inline heading's own line belongs to its section.
    assert_eq!(s.kind_of_line(7), Languages);
}

#[test]
fn sentences_and_job_titles_are_not_headings() {
    let d = plain(&[
        "Education Consultant",
        "Experience with Rust.",
        "Project Manager",
        "Skills in many areas of software engineering and beyond",
    ]);
    let s = find(&d);
    assert_eq!(kinds(&s), [(SectionKind::Header, None)]);
    assert_eq!(s.sections[0].lines, 0..4);
}

#[test]
fn unknown_headings_styled_like_known_ones_are_other() {
    let mut lines = vec![
        sized("JANE DOE", 20.0, true),
        sized("Engineer", 10.0, false),
    ];
    lines.push(sized("EXPERIENCE", 13.0, true));
    for _ in 0..6 {
        lines.push(sized("Built things at a company", 10.0, false));
    }
    lines.push(sized("Senior Engineer", 10.0, true)); // bold only: a job title, not a heading
    lines.push(sized("CAMPUS LIFE", 13.0, true));
    for _ in 0..6 {
        lines.push(sized("Organised events", 10.0, false));
    }
    let s = find(&doc(lines));
    assert_eq!(
        kinds(&s),
        [
            (SectionKind::Header, None),
            (SectionKind::Experience, Some(2)),
            (SectionKind::Other, Some(10))
        ]
    );
    assert!(
        !s.is_heading(0),
        "the name before the first heading stays in the header"
    );
}

#[test]
fn marked_headings_count_as_style() {
    let heading = |t: &str| Line {
        heading: Some(2),
        ..Line::plain(t)
    };
    let mut lines = vec![Line::plain("Jane Doe"), heading("Skills")];
    lines.extend((0..8).map(|_| Line::plain("Rust, Go")));
    lines.push(heading("Side Quests"));
    lines.push(Line::plain("Climbing"));
    let s = find(&doc(lines));
    assert_eq!(s.kind_of_line(11), SectionKind::Other);
    assert!(s.is_heading(10));
}

#[test]
fn empty_document_has_no_sections() {
    let s = find(&plain(&[]));
    assert!(s.sections.is_empty());
    assert_eq!(s.kind_of_line(0), SectionKind::Header);
}

#[test]
fn budget_is_charged() {
    let d = plain(&["Experience"; 50]);
    let view = TextView::new(&d);
    let limits = Limits {
        max_work: 20,
        ..Limits::default()
    };
    assert!(find_sections(&view, &mut Budget::new(&limits)).is_err());
}

#[test]
fn a_label_line_between_dated_entries_stays_in_its_section() {
    let d = plain(&[
        "Jane Example",
        "Formation & expériences professionnelles",
        "Co-fondatrice | 2019/04 - présent | Exemple Inc.",
        "Expertise : analyse des sols, cartographie",
        "Doctorat en géologie | 2013 - 2019 | Université Exemple",
        "Compétences: R, Python",
        "Anglais",
    ]);
    let s = find(&d);
    assert_eq!(kinds(&s), [(SectionKind::Header, None), (SectionKind::Education, Some(1)), (SectionKind::Skills, Some(5))]);
}

#[test]
fn a_heading_word_over_the_contact_lines_is_the_headline() {
    let s = find(&plain(&["Jane Example", "INTERNSHIP", "+1 555 010 2030", "jane@example.org", "Objectives", "To learn.", "Experience", "2020 Clerk"]));
    assert_eq!(kinds(&s), vec![(SectionKind::Header, None), (SectionKind::Summary, Some(4)), (SectionKind::Experience, Some(6))]);
    // A contact heading does head them.
    let s = find(&plain(&["Jane Example", "Contact", "jane@example.org", "Experience", "2020 Clerk"]));
    assert_eq!(s.kind_of_line(2), SectionKind::Contact);
}

#[test]
fn a_label_line_after_an_inline_languages_line_is_a_skills_category_again() {
    let s = find(&plain(&["Jo Bloggs", "Skills", "Languages: Korean, Dutch", "Tools: Figma, Jira", "Interests", "Chess"]));
    assert_eq!(kinds(&s), [(SectionKind::Header, None), (SectionKind::Skills, Some(1)), (SectionKind::Languages, Some(2)), (SectionKind::Skills, Some(3)), (SectionKind::Interests, Some(4))]);
    // Outside a skills block the label line stays where it is.
    let s = find(&plain(&["Jo Bloggs", "Summary", "Languages: Korean, Dutch", "Tools: Figma, Jira"]));
    assert_eq!(kinds(&s), [(SectionKind::Header, None), (SectionKind::Summary, Some(1)), (SectionKind::Languages, Some(2))]);
}

#[test]
fn languages_that_are_programming_languages_are_no_languages_section() {
    let s = find(&plain(&["Jo Bloggs", "Technical Skills", "Languages: Go, Kotlin, SQL", "Frameworks: Vue", "Languages", "Korean"]));
    assert_eq!(kinds(&s), [(SectionKind::Header, None), (SectionKind::Skills, Some(1)), (SectionKind::Languages, Some(4))]);
}

#[test]
fn a_field_after_an_inline_languages_line_is_a_personal_detail_again() {
    let lines = ["Kiran Mehta", "Personal Details", "Languages Known: English, Marathi", "Passport No.: K1234567", "Declaration", "I hereby declare that the above is true.", "Place: Pune"]
        .iter()
        .map(|t| Line::plain(*t))
        .collect();
    let s = find(&doc(lines));
    let kinds: Vec<SectionKind> = (0..7).map(|i| s.kind_of_line(i)).collect();
    assert_eq!(kinds[2], SectionKind::Languages);
    assert_eq!(kinds[3], SectionKind::Personal, "the next field belongs to the details, not to the languages");
    assert_eq!((kinds[4], kinds[6]), (SectionKind::Personal, SectionKind::Personal), "a declaration closes the CV with personal lines");
}
