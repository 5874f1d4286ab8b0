use super::*;
use crate::document::{Document, Format, Line, Metadata};
use crate::limits::Limits;
use crate::sections::{find_sections, SectionKind};

fn doc(texts: &[&str]) -> Document {
    Document::flow(Format::Txt, Metadata::default(), texts.iter().map(|t| Line::plain(*t)).collect(), Vec::new())
}

fn run(d: &Document) -> (TextView<'_>, Sections, Features) {
    let view = TextView::new(d);
    let mut budget = Budget::new(&Limits::default());
    let sections = find_sections(&view, &mut budget).unwrap();
    let features = featurize(&view, &sections, &mut budget).unwrap();
    (view, sections, features)
}

const CV: &[&str] = &[
    "Anna Kowalska",
    "anna.k@example.com · +48 600 100 200",
    "Doświadczenie zawodowe",
    "Senior Developer, Acme Sp. z o.o., 03/2019 – obecnie",
    "Education:",
    "B.Sc. Informatik, Universität Wien (2014–2017)",
];

#[test]
fn tokens_map_back_to_their_text_and_lines() {
    let d = doc(CV);
    let (view, _, f) = run(&d);
    let text = view.text();
    let words: Vec<&str> = f.tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(&words[..2], ["Anna", "Kowalska"]);
    assert!(words.windows(4).any(|w| w == ["B", ".", "Sc", "."]));
    assert!(words.windows(3).any(|w| w == ["2014", "–", "2017"]));
    for t in &f.tokens {
        assert_eq!(view.line_of(t.start), Some(t.line));
        assert!(!text[t.start..t.end].contains(char::is_whitespace));
    }
    let univ = f.tokens.iter().find(|t| &text[t.start..t.end] == "Universität").unwrap();
    assert_eq!(univ.line, 5);
}

#[test]
fn ids_are_deterministic_and_in_range() {
    let d = doc(CV);
    let (_, _, a) = run(&d);
    let (_, _, b) = run(&d);
    assert_eq!(a, b);
    assert_eq!(a.slots, SLOTS);
    assert_eq!(a.ids.len(), a.tokens.len() * SLOTS);
    assert!(a.ids.iter().all(|id| (1..i64::from(a.buckets)).contains(id)));
}

#[test]
fn equal_words_share_word_ids_and_context_changes_others() {
    let d = doc(&["Rust", "Skills", "Rust"]);
    let (_, sections, f) = run(&d);
    assert_eq!(sections.kind_of_line(2), SectionKind::Skills);
    let (first, last) = (f.row(0), f.row(2));
    let slot = |name: &str| SLOT_NAMES.iter().position(|n| *n == name).unwrap();
    assert_eq!(first[slot("word")], last[slot("word")]);
    assert_ne!(first[slot("section")], last[slot("section")]);
    assert_ne!(first[slot("word×section")], last[slot("word×section")]);
}

#[test]
fn heading_tokens_get_the_heading_section_feature() {
    let d = doc(CV);
    let (view, sections, f) = run(&d);
    assert!(sections.is_heading(2));
    let slot = SLOT_NAMES.iter().position(|n| *n == "section").unwrap();
    let expected = hash::Fnv::slot(slot).str("experience|h").id(BUCKETS);
    let heading_tokens: Vec<usize> = (0..f.tokens.len()).filter(|&i| f.tokens[i].line == 2).collect();
    assert!(!heading_tokens.is_empty());
    for i in heading_tokens {
        assert_eq!(f.row(i)[slot], expected, "token {:?}", &view.text()[f.tokens[i].start..f.tokens[i].end]);
    }
    // A body line of the same section does not carry the heading mark.
    let body = f.tokens.iter().position(|t| t.line == 3).unwrap();
    assert_ne!(f.row(body)[slot], expected);
}

#[test]
fn lexicon_classes_see_through_dotted_abbreviations() {
    let d = doc(CV);
    let (view, _, _) = run(&d);
    let tokens = tokenize::tokenize(&view, &mut Budget::new(&Limits::default())).unwrap();
    let class_of = |word: &str| {
        let i = tokens.iter().position(|t| &view.text()[t.start..t.end] == word).unwrap();
        templates::class_for_test(view.text(), &tokens, i)
    };
    assert_eq!(class_of("Sc"), "degree");
    assert_eq!(class_of("Sp"), "org_suffix");
    assert_eq!(class_of("Universität"), "school");
    assert_eq!(class_of("obecnie"), "present");
    assert_eq!(class_of("Developer"), "title_head");
    assert_eq!(class_of("Anna"), "none");
}

#[test]
fn shapes_are_compressed() {
    assert_eq!(templates::shape("Müller"), "Xxxxx");
    assert_eq!(templates::shape("Schmidtmann"), "Xxxxx");
    assert_eq!(templates::shape("2019"), "dddd");
    assert_eq!(templates::shape("GmbH"), "XxxX");
    assert_eq!(templates::shape("."), ".");
}

#[test]
fn budget_is_charged_per_token() {
    let line = "word ".repeat(200);
    let d = doc(&[&line]);
    let view = TextView::new(&d);
    let limits = Limits { max_work: 1000, ..Limits::default() };
    let mut budget = Budget::new(&limits);
    let sections = find_sections(&view, &mut budget).unwrap();
    assert!(featurize(&view, &sections, &mut budget).is_err());
}

#[test]
fn empty_document_has_no_tokens() {
    let d = doc(&[]);
    let (_, _, f) = run(&d);
    assert!(f.tokens.is_empty() && f.ids.is_empty());
}

#[test]
fn letter_spaced_lines_are_read_as_words() {
    let d = doc(&["J A N E   D O E", "E X P E R I E N C E", "J. R. R. Tolkien", "Grade A B", "Jane Doe"]);
    let (view, _, f) = run(&d);
    let text = view.text();
    let on = |line: usize| -> Vec<&str> { f.tokens.iter().filter(|t| t.line == line).map(|t| &text[t.start..t.end]).collect() };
    assert_eq!(on(0), ["J A N E", "D O E"]);
    assert_eq!(on(1), ["E X P E R I E N C E"]);
    assert_eq!(on(2), ["J", ".", "R", ".", "R", ".", "Tolkien"], "initials are not letter spacing");
    assert_eq!(on(3), ["Grade", "A", "B"]);
    // A joined word has the word features of the word written normally (its shape is its case's).
    let index = |word: &str| f.tokens.iter().position(|t| &text[t.start..t.end] == word).unwrap();
    let (spaced, plain) = (f.row(index("J A N E")), f.row(index("Jane")));
    for slot in ["word", "prefix3", "suffix3"].map(|n| SLOT_NAMES.iter().position(|s| *s == n).unwrap()) {
        assert_eq!(spaced[slot], plain[slot], "{} differs", SLOT_NAMES[slot]);
    }
}
