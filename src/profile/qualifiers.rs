//! What CVs write around a school or a degree that is not part of it: a course's status
//! ("Pursuing B.Sc. …", "Bachelor nicht abgeschlossen"), a stay's length ("Hochschule X
//! (2 Semester)"), a town or a translation after the name ("X School. Town", "X Gimnázium
//! (Town)", "X AG Town"), a label's sub-field ("…, Studienrichtung: Y") and the loose end of a
//! parenthesis a line break cut ("BSc Oceanography (First Class Honours") or a classification.
//!
//! The profile's fields hold the school and the degree alone; a place goes to the entry's
//! location, the rest is dropped.

use crate::lexicon::entry_words::{HONOURS_WORDS, STUDY_STATUS_AFTER, STUDY_STATUS_BEFORE};

use super::roles;

/// A school's name without a trailing stay length, and the place written after it, if any.
pub fn school_and_place(school: &str) -> (String, Option<String>) {
    let s = school.trim();
    if let Some((head, inner)) = trailing_parenthesis(s) {
        // "(2 Semester)", "(1 year)": how long, not where.
        if inner.chars().any(|c| c.is_ascii_digit()) {
            return (head.to_string(), None);
        }
        // "(Town)": one or two words, a place or the name's translation; an acronym stays.
        if is_place_word_run(inner) && inner.chars().any(char::is_lowercase) {
            return (head.to_string(), Some(inner.to_string()));
        }
    }
    // "X Higher School. Town": a sentence stop after the school's head word, then its town.
    if let Some(at) = s.rfind(". ") {
        let (head, town) = (s.get(..at).unwrap_or(""), s.get(at + 2..).unwrap_or("").trim());
        let head_word = head.rsplit(|c: char| c.is_whitespace() || c == '.').next().unwrap_or("");
        if roles::school_score(head_word) > 0 && is_place_word_run(town) {
            return (head.to_string(), Some(town.to_string()));
        }
    }
    // "X Business AG Town": a town after the legal form of a course provider.
    if let Some((name_end, town)) = roles::town_after_legal_form(s) {
        let (head, town) = (s.get(..name_end).unwrap_or(""), s.get(town).unwrap_or(""));
        if !head.is_empty() && roles::school_score(town) == 0 {
            return (head.to_string(), Some(town.to_string()));
        }
    }
    (s.to_string(), None)
}

/// A degree as written without its status, a labelled sub-field after a comma, the loose end
/// of a cut parenthesis or a closing full stop.
pub fn degree_alone(degree: &str) -> String {
    let mut s = strip_status(without_label(degree.trim()));
    // "…, Studienrichtung: Y": a labelled part after the degree is a detail of it.
    if let Some(at) = labelled_part_start(s) {
        s = s.get(..at).unwrap_or(s).trim_end_matches([',', ' ']);
    }
    // "(First Class Honours" with its ")" lost to the next line.
    if s.matches('(').count() > s.matches(')').count() {
        if let Some(at) = s.rfind('(') {
            s = s.get(..at).unwrap_or(s).trim_end();
        }
    }
    // "Oceanography (First Class Honours)": the classification, a grade.
    if let Some((head, inner)) = trailing_parenthesis(s) {
        if roles::words(inner).iter().any(|w| HONOURS_WORDS.contains(&w.as_str())) {
            s = head;
        }
    }
    // "Computer Science.": a full stop, not an abbreviation's dot ("B.Sc.", "Dipl.").
    if let Some(head) = s.strip_suffix('.') {
        let last = head.rsplit(char::is_whitespace).next().unwrap_or("");
        if last.chars().count() > 4 && !last.contains('.') {
            s = head;
        }
    }
    s.trim().to_string()
}

/// A field of study as written ("Studiengang: Informatik", "Major: Physics") without its label.
pub fn area_alone(area: &str) -> String {
    let s = degree_alone(area);
    match s.split_once(':') {
        Some((label, value)) if label_like(label) && !value.trim().is_empty() => value.trim().to_string(),
        _ => s,
    }
}

/// "…, COTE R: 29.87", "…, GPA: 3.8/4": a labelled number — a grade; so is a quoted mark
/// after "with" ("Abschluss mit „Gut“", "graduated with “Distinction”").
pub fn is_grade(part: &str) -> bool {
    let lower = part.to_lowercase();
    let quoted_mark = [" mit ", " with ", " avec ", " con ", " com ", " met "]
        .iter()
        .any(|w| lower.find(w).is_some_and(|at| lower.get(at + w.len()..).is_some_and(|r| r.starts_with(['„', '“', '"', '«', '»', '\'']))));
    if quoted_mark {
        return true;
    }
    let Some((label, value)) = part.split_once(':') else { return false };
    let value = value.trim();
    label_like(label)
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '%' | ' '))
}

/// "Degree: Master of Science", "Angestrebter Abschluss: Bachelor of Arts": a field label before
/// the degree is no part of it. A degree before the colon ("Bachelor: Informatik") stays whole.
fn without_label(s: &str) -> &str {
    let Some((label, value)) = s.split_once(':') else { return s };
    let value = value.trim();
    if label_like(label) && roles::degree_score(value) > 0 && roles::degree_score(value) >= roles::degree_score(label) {
        value
    } else {
        s
    }
}

/// `s` without a status phrase before or after it.
fn strip_status(s: &str) -> &str {
    let mut s = s;
    for phrase in STUDY_STATUS_BEFORE {
        if let Some(rest) = cut_prefix(s, phrase) {
            s = rest;
            break;
        }
    }
    // The status after the degree, in parentheses or after a comma or a dash.
    let inner = s.trim_end_matches(')').trim_end();
    for phrase in STUDY_STATUS_AFTER {
        if let Some(head) = cut_suffix(inner, phrase) {
            let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | '-' | '–'));
            if !head.is_empty() {
                return head;
            }
        }
    }
    s
}

/// `s` after `phrase` and a space when it starts with it (case-insensitive, whole words).
fn cut_prefix<'a>(s: &'a str, phrase: &str) -> Option<&'a str> {
    let head = s.get(..phrase.len())?;
    let rest = s.get(phrase.len()..)?;
    (head.to_lowercase() == phrase && rest.starts_with(char::is_whitespace)).then(|| rest.trim_start()).filter(|r| !r.is_empty())
}

/// `s` before `phrase` when it ends with it after a space (case-insensitive, whole words).
fn cut_suffix<'a>(s: &'a str, phrase: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(phrase.len())?;
    let (head, tail) = (s.get(..at)?, s.get(at..)?);
    let boundary = head.ends_with(|c: char| c.is_whitespace() || c == '(' || c == ',');
    (tail.to_lowercase() == phrase && boundary).then_some(head)
}

/// Byte offset of a comma part "Label: …" after the first part, if any.
fn labelled_part_start(s: &str) -> Option<usize> {
    let mut at = 0;
    for (i, part) in s.split(',').enumerate() {
        if i > 0 {
            if let Some((label, _)) = part.split_once(':') {
                if label_like(label) {
                    return Some(at);
                }
            }
        }
        at += part.len() + 1;
    }
    None
}

/// One or two words before a colon: a field label ("GPA", "COTE R", "Studienrichtung").
fn label_like(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..=2).contains(&words.len()) && words.iter().all(|w| w.chars().all(char::is_alphabetic))
}

/// "Town", "Sankt Town": one or two capitalised words and nothing else.
fn is_place_word_run(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        && roles::is_place_name(s)
}

/// "X (Y)" → ("X", "Y") when the name ends in a parenthesis.
fn trailing_parenthesis(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')')?;
    let at = body.rfind('(')?;
    let head = body.get(..at)?.trim_end();
    (!head.is_empty()).then(|| (head, body.get(at + 1..).unwrap_or("").trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(s: &str) -> (String, Option<String>) {
        school_and_place(s)
    }

    #[test]
    fn a_stay_length_is_dropped_and_a_town_after_the_school_is_its_place() {
        assert_eq!(pair("Hochschule Nordstadt (2 Semester)"), ("Hochschule Nordstadt".into(), None));
        assert_eq!(pair("Example Gimnázium Town (Stadtname)"), ("Example Gimnázium Town".into(), Some("Stadtname".into())));
        assert_eq!(pair("St. Mary Higher Secondary School. Springfield"), ("St. Mary Higher Secondary School".into(), Some("Springfield".into())));
        assert_eq!(pair("Example Lernwerk AG Zürich"), ("Example Lernwerk AG".into(), Some("Zürich".into())));
        // An acronym, a campus and a plain name stay.
        assert_eq!(pair("Example Institute of Technology (EIT)").0, "Example Institute of Technology (EIT)");
        assert_eq!(pair("University of California, Berkeley").0, "University of California, Berkeley");
        assert_eq!(pair("St. Anne College").0, "St. Anne College");
    }

    #[test]
    fn a_degree_loses_its_status_label_parts_and_loose_ends() {
        assert_eq!(degree_alone("Pursuing B.sc.Applied Physics."), "B.sc.Applied Physics");
        assert_eq!(degree_alone("Chemie Bachelor nicht abgeschlossen"), "Chemie Bachelor");
        assert_eq!(degree_alone("Master of Science (in progress)"), "Master of Science");
        assert_eq!(degree_alone("Licence en informatique, en cours"), "Licence en informatique");
        assert_eq!(degree_alone("Bachelor in Business, Studienrichtung: Logistik"), "Bachelor in Business");
        assert_eq!(degree_alone("BSc Oceanography (First Class Honours"), "BSc Oceanography");
        assert_eq!(degree_alone("BSc, Geology (First Class Honours)"), "BSc, Geology");
        assert_eq!(degree_alone("Master of Science (Computer Science)"), "Master of Science (Computer Science)");
        assert_eq!(degree_alone("Diplom-Ingenieur (FH)"), "Diplom-Ingenieur (FH)");
        assert_eq!(degree_alone("B.Sc."), "B.Sc.");
        assert_eq!(degree_alone("Abschluss: Master of Science"), "Master of Science");
        assert_eq!(degree_alone("Angestrebter Abschluss: Bachelor of Arts"), "Bachelor of Arts");
        assert_eq!(degree_alone("Degree: B.Sc. in Physics"), "B.Sc. in Physics");
        assert_eq!(degree_alone("Bachelor: Informatik"), "Bachelor: Informatik");
        assert_eq!(degree_alone("DEC en sciences, profil sciences santé"), "DEC en sciences, profil sciences santé");
    }

    #[test]
    fn a_labelled_number_is_a_grade() {
        assert!(is_grade("COTE R: 29.87"));
        assert!(is_grade("GPA: 3.8/4.0"));
        assert!(!is_grade("Studienrichtung: Logistik"));
        assert!(!is_grade("2019: Example"));
        assert!(is_grade("Abschluss mit „Gut“"));
        assert!(!is_grade("Bachelor mit Schwerpunkt Informatik"));
    }
}
