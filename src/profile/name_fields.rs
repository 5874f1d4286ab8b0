//! The candidate's name written as labelled given-name and family-name fields instead of a
//! heading ("Prénom : Camille" / "Nom : Lefranc", "Nachname: Roe  Vorname: Jane", table cells
//! "Apellidos | Ruiz Sola", "Name, Vorname: Roe, Jane"): many European CVs and form-like
//! templates have no name line at all, so without this step the parse finds no name and the
//! anonymiser cannot look for the name's other occurrences.
//!
//! Fields are read from the top lines in any of the layouts they come through extraction in:
//! one field a line, several on one line (with or without cell gaps), a label cell with its
//! value in the next cell, the next line or the same row (PDF tables). The labels are the
//! lexicon's ([`NAME_LABELS`]); a value must be shaped like a name.

use crate::fold::fold;
use crate::lexicon::name_labels::{NamePart, NAME_LABELS};
use crate::sections::heading_kind;
use crate::text_view::TextView;

use super::name::{capitalised, clean_name, same_row_value, surname_last, NameGuess};

/// What a field label says its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Part(NamePart),
    /// "Nom", "Nombre": the part its language gives it beside a field of the other part.
    Bare(NamePart),
    /// Both parts in one field, in this order first ("Name, Vorname", "Apellidos y nombre").
    Both(NamePart),
}

/// Longest label read (chars): longer text before a colon is no label, and is not folded.
const MAX_LABEL: usize = 40;
/// Most lines between a given-name field and its family-name field.
const MAX_GAP: usize = 3;
/// Most words of one part of the name ("de la Fuente García").
const MAX_PART_WORDS: usize = 4;
/// Most words of a field's value (a field naming both parts holds both).
const MAX_VALUE_WORDS: usize = 5;

/// Gaps between table cells on one extracted line.
const CELL_GAPS: &[&str] = &["\t", "  ", " | "];
/// Joints of a label naming both parts ("Name, Vorname", "Nom et prénom").
const JOINTS: &[&str] = &[",", "/", " and ", " und ", " et ", " y ", " e ", " en ", " i "];

/// The name `guess` of [`super::name::find_name`], or what given-name and family-name fields
/// among `lines` say outright, unless the guess holds every word of theirs ("Camille Anne
/// Lefranc" over "Prénom"/"Nom" is the fuller form).
pub fn with_fields(view: &TextView, lines: &[usize], guess: Option<NameGuess>) -> Option<NameGuess> {
    match given_and_family(view, lines) {
        Some(text) if !guess.as_ref().is_some_and(|g| holds_words(&g.text, &text)) => Some(NameGuess { text, confidence: FIELDS_CONFIDENCE }),
        _ => guess,
    }
}

/// How sure a name read from given-name and family-name fields is.
const FIELDS_CONFIDENCE: f32 = 0.9;

/// Whether `outer` holds every word of `inner`, folded.
fn holds_words(outer: &str, inner: &str) -> bool {
    let words: Vec<String> = outer.split_whitespace().map(fold).collect();
    inner.split_whitespace().all(|w| words.contains(&fold(w)))
}

/// "Given Family" from labelled name fields among `lines` (TextView line indices), when a
/// given-name field and a family-name field stand within [`MAX_GAP`] lines of each other, or one
/// field names both.
pub fn given_and_family(view: &TextView, lines: &[usize]) -> Option<String> {
    let mut given: Option<(usize, String)> = None;
    let mut family: Option<(usize, String)> = None;
    let mut bare: Vec<(usize, NamePart, String)> = Vec::new();
    for (pos, &i) in lines.iter().enumerate() {
        let text = view.line_text(i);
        let (mut fields, pending) = line_fields(text);
        // A label alone at the end of its line: the value is on the same row (PDF table) or
        // on the next line (table cells extracted one a line).
        if let Some(label) = pending {
            let next = lines.get(pos + 1).map(|&n| view.line_text(n)).filter(|t| !t.contains(':') && classify(t).is_none());
            if let Some(value) = same_row_value(view, i).or(next) {
                fields.push((label, value.trim()));
            }
        }
        for (label, value) in fields {
            let Some(value) = name_value(value) else { continue };
            match label {
                Label::Both(first) => return Some(both(first, &value)),
                Label::Part(NamePart::Given) => {
                    given.get_or_insert((pos, value));
                }
                Label::Part(NamePart::Family) => {
                    family.get_or_insert((pos, value));
                }
                Label::Bare(part) => bare.push((pos, part, value)),
            }
        }
    }
    // A bare "Nom" / "Nombre" field holds the part the explicit field beside it does not.
    match (&given, &family) {
        (Some(_), None) => family = bare.into_iter().find(|(_, p, _)| *p == NamePart::Family).map(|(pos, _, v)| (pos, v)),
        (None, Some(_)) => given = bare.into_iter().find(|(_, p, _)| *p == NamePart::Given).map(|(pos, _, v)| (pos, v)),
        _ => {}
    }
    let ((gp, given), (fp, family)) = (given?, family?);
    (gp.abs_diff(fp) <= MAX_GAP).then(|| format!("{given} {family}"))
}

/// The labelled fields of one line, and a label left without a value at its end.
fn line_fields(text: &str) -> (Vec<(Label, &str)>, Option<Label>) {
    let mut cells = vec![text];
    for gap in CELL_GAPS {
        cells = cells.iter().flat_map(|c| c.split(gap)).collect();
    }
    let mut fields = Vec::new();
    let mut pending: Option<Label> = None;
    for cell in cells.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
        let mut pieces = cell.split(':');
        let head = pieces.next().unwrap_or_default().trim();
        let rest: Vec<&str> = pieces.collect();
        if rest.is_empty() {
            // A cell without a colon: a label cell, or the value of the label cell before it.
            match classify(head) {
                Some(label) => pending = Some(label),
                None => {
                    if let Some(label) = pending.take() {
                        fields.push((label, head));
                    }
                }
            }
            continue;
        }
        // "Label: value", "Nom : ROE Prénom : Jane": between two colons, a value and the next
        // label; a piece that ends in no known label ends the reading (its value's end is unknown).
        let mut label = classify(head);
        if head.is_empty() {
            label = pending.take();
        }
        pending = None;
        let last = rest.len() - 1;
        for (k, piece) in rest.into_iter().enumerate() {
            let piece = piece.trim();
            if k == last {
                match label {
                    Some(l) if piece.is_empty() => pending = Some(l),
                    Some(l) => fields.push((l, piece)),
                    None => {}
                }
                break;
            }
            let Some((value, next)) = trailing_label(piece) else {
                label = None;
                continue;
            };
            if let Some(l) = label.filter(|_| !value.is_empty()) {
                fields.push((l, value));
            }
            label = Some(next);
        }
    }
    (fields, pending)
}

/// "ROE Prénom" → ("ROE", Prénom): the text before a known label of one to three words that
/// ends `piece`.
fn trailing_label(piece: &str) -> Option<(&str, Label)> {
    let starts: Vec<usize> = piece.char_indices().filter(|&(at, c)| !c.is_whitespace() && piece.get(..at).is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace))).map(|(at, _)| at).collect();
    starts.iter().rev().take(3).rev().find_map(|&at| {
        let label = classify(piece.get(at..)?)?;
        Some((piece.get(..at)?.trim(), label))
    })
}

/// The label `s` names, if any.
fn classify(s: &str) -> Option<Label> {
    let s = s.trim().trim_end_matches(':').trim();
    if s.is_empty() || s.chars().count() > MAX_LABEL {
        return None;
    }
    let key = fold(s).replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ");
    one_label(&key).or_else(|| both_label(&key))
}

/// A label naming one part, or the bare word for "name".
fn one_label(key: &str) -> Option<Label> {
    NAME_LABELS.iter().find_map(|l| {
        if l.given.contains(&key) {
            Some(Label::Part(NamePart::Given))
        } else if l.family.contains(&key) {
            Some(Label::Part(NamePart::Family))
        } else {
            l.bare.contains(&key).then_some(Label::Bare(l.bare_part))
        }
    })
}

/// "Name, Vorname", "Apellidos y nombre": two labels of the two parts joined; a bare word
/// counts as the part its language gives it.
fn both_label(key: &str) -> Option<Label> {
    let part = |s: &str| match one_label(s.trim())? {
        Label::Part(p) | Label::Bare(p) => Some(p),
        Label::Both(_) => None,
    };
    JOINTS.iter().find_map(|j| {
        let (a, b) = key.split_once(j)?;
        let (a, b) = (part(a)?, part(b)?);
        (a != b).then_some(Label::Both(a))
    })
}

/// A field's value when it is shaped like (a part of) a name: one to [`MAX_VALUE_WORDS`] words of
/// letters (hyphens, apostrophes, initials), no heading; honorifics dropped, lower case lifted.
fn name_value(value: &str) -> Option<String> {
    let value = value.trim().trim_matches([',', ';']).trim();
    if value.chars().count() > 80 {
        return None;
    }
    let cleaned = clean_name(value);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let word_ok = |w: &&str| w.chars().any(char::is_alphabetic) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | ','));
    ((1..=MAX_VALUE_WORDS).contains(&words.len()) && words.iter().all(word_ok) && heading_kind(&cleaned).is_none() && classify(&cleaned).is_none()).then(|| capitalised(&cleaned))
}

/// The name from one field naming both parts, `first` written first: "Roe, Jane" split at the
/// comma, else the value as a full name is read ("ROE Jane" → "Jane Roe"), two words turned
/// around when the family name leads.
fn both(first: NamePart, value: &str) -> String {
    let part_words = |s: &str| (1..=MAX_PART_WORDS).contains(&s.split_whitespace().count());
    if let Some((a, b)) = value.split_once(',').map(|(a, b)| (a.trim(), b.trim())).filter(|(a, b)| part_words(a) && part_words(b)) {
        return match first {
            NamePart::Family => format!("{b} {a}"),
            NamePart::Given => format!("{a} {b}"),
        };
    }
    let read = surname_last(value);
    let words: Vec<&str> = value.split_whitespace().collect();
    match (first, words.as_slice()) {
        (NamePart::Family, [family, given]) if read == value => format!("{given} {family}"),
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BBox, Document, Format, Line, Metadata};

    fn fields_name(lines: &[&str]) -> Option<String> {
        let lines = lines.iter().map(|t| Line::plain(*t)).collect();
        let d = Document::flow(Format::Docx, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        given_and_family(&v, &idx)
    }

    #[test]
    fn separate_lines_in_each_language() {
        assert_eq!(fields_name(&["Prénom : Camille", "Nom : Lefranc-Moreau", "12 rue Exemple"]).as_deref(), Some("Camille Lefranc-Moreau"));
        assert_eq!(fields_name(&["Lebenslauf", "Vorname: Tobias", "Nachname: Brenneisen"]).as_deref(), Some("Tobias Brenneisen"));
        assert_eq!(fields_name(&["Name: Brenneisen", "Vorname: Tobias"]).as_deref(), Some("Tobias Brenneisen"));
        assert_eq!(fields_name(&["Nombre: Lucía", "Apellidos: Ferrández Olmedo"]).as_deref(), Some("Lucía Ferrández Olmedo"));
        assert_eq!(fields_name(&["Nome: João", "Sobrenome: Silva"]).as_deref(), Some("João Silva"));
        assert_eq!(fields_name(&["Nome: João", "Apelido: Matos Vidal"]).as_deref(), Some("João Matos Vidal"));
        assert_eq!(fields_name(&["Nome: Giulia", "Cognome: Ferraro"]).as_deref(), Some("Giulia Ferraro"));
        assert_eq!(fields_name(&["Voornaam: Sanne", "Achternaam: van der Berg"]).as_deref(), Some("Sanne van der Berg"));
        assert_eq!(fields_name(&["First name: Jane", "Last name: Roe"]).as_deref(), Some("Jane Roe"));
        assert_eq!(fields_name(&["Surname: Roe", "Given names: Jane Ann"]).as_deref(), Some("Jane Ann Roe"));
        assert_eq!(fields_name(&["Family name: Roe", "First name: jane"]).as_deref(), Some("Jane Roe"));
        assert_eq!(fields_name(&["Prénom : Camille", "Nom de famille : Lefranc"]).as_deref(), Some("Camille Lefranc"));
    }

    #[test]
    fn one_line_in_both_orders() {
        assert_eq!(fields_name(&["Nom : LEFRANC  Prénom : Camille"]).as_deref(), Some("Camille LEFRANC"));
        assert_eq!(fields_name(&["Nom : LEFRANC Prénom : Camille"]).as_deref(), Some("Camille LEFRANC"));
        assert_eq!(fields_name(&["Vorname: Tobias Nachname: Brenneisen"]).as_deref(), Some("Tobias Brenneisen"));
        assert_eq!(fields_name(&["Name, Vorname: Brenneisen, Tobias"]).as_deref(), Some("Tobias Brenneisen"));
        assert_eq!(fields_name(&["Apellidos y nombre: Ferrández Olmedo, Lucía"]).as_deref(), Some("Lucía Ferrández Olmedo"));
    }

    #[test]
    fn label_cells() {
        assert_eq!(fields_name(&["Vorname:  Tobias", "Nachname:  Brenneisen", "Geburtsdatum:  01.02.1990"]).as_deref(), Some("Tobias Brenneisen"));
        assert_eq!(fields_name(&["Nom\tLEFRANC\tPrénom\tCamille"]).as_deref(), Some("Camille LEFRANC"));
        assert_eq!(fields_name(&["Nombre", "Lucía", "Apellidos", "Ferrández Olmedo"]).as_deref(), Some("Lucía Ferrández Olmedo"));
        // PDF: the value cell on the label's row.
        let at = |t: &str, x0: f32, y0: f32| Line { bbox: Some(BBox { x0, y0, x1: x0 + 60.0, y1: y0 + 10.0 }), ..Line::plain(t) };
        let lines = vec![at("Prénom", 40.0, 100.0), at("Camille", 200.0, 100.0), at("Nom", 40.0, 120.0), at("Lefranc", 200.0, 120.0)];
        let d = Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        assert_eq!(given_and_family(&v, &idx).as_deref(), Some("Camille Lefranc"));
    }

    #[test]
    fn other_fields_and_values_not_shaped_like_names_are_passed_over() {
        // Each distractor stands before the real fields, which are still read.
        for distractor in ["Name of company: Acme Widgets", "Nom de l'entreprise : Exemple Conseil", "Firmenname: Beispiel", "Nombre del proyecto: Faro Norte", "Nom : 4 rue Exemple", "Nom : camille@example.org", "Nom : un deux trois quatre cinq six"] {
            assert_eq!(fields_name(&[distractor, "Prénom : Camille", "Nom de famille : Lefranc"]).as_deref(), Some("Camille Lefranc"), "{distractor}");
        }
        assert_eq!(fields_name(&["Name of company: Acme Widgets", "First name: Jane", "Last name: Roe"]).as_deref(), Some("Jane Roe"));
        assert_eq!(fields_name(&["Nombre del proyecto: Faro Norte", "Nombre: Lucía", "Apellidos: Ruiz"]).as_deref(), Some("Lucía Ruiz"));
        assert_eq!(fields_name(&["Name of company: Acme Widgets", "First name: Jane"]), None);
        assert_eq!(fields_name(&["Prénom : Camille", "Nom : 4 rue Exemple"]), None);
        // The two fields far apart are no pair.
        assert_eq!(fields_name(&["Prénom : Camille", "a", "b", "c", "d", "Nom : Lefranc"]), None);
        // A lone full-name field is the name step's, not this one's.
        assert_eq!(fields_name(&["Nom : Camille Lefranc"]), None);
    }

    #[test]
    fn a_huge_value_is_no_name_and_no_panic() {
        let huge = format!("Prénom : {}", "Camille ".repeat(100_000));
        assert_eq!(fields_name(&[&huge, &"::: ".repeat(10_000), "Nom\t\t\t:", "Prénom : Camille", "Nom : Lefranc"]).as_deref(), Some("Camille Lefranc"));
    }
}
