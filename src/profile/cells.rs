//! Cutting an entry's header lines into pieces: the employer, the title, the place, the school,
//! the degree are usually separated by dates, tab stops, pipes, dashes, bullets or "at".
//!
//! Commas are weaker separators ("University of California, Berkeley", "Sales Manager, Associate")
//! and are left to the role assignment in [`super::work`] and [`super::education`].

use super::lines::LineInfo;
use super::roles::Role;
use crate::lexicon::entry_words::{EMPLOYER_LABELS, LEGAL_FORMS, OTHER_ENTRY_LABELS, ENTRY_PLACE_LABELS, TITLE_LABELS};

/// A piece of a header line.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Byte span in the TextView text.
    pub start: usize,
    pub end: usize,
    /// TextView line index.
    pub line: usize,
    pub text: String,
    /// A role the separators imply ("Engineer at Acme": Title, then Org).
    pub hint: Option<Role>,
}

/// Separators that always split, longest first.
const SEPARATORS: &[&str] = &[
    "\t", "  ", " | ", "|", " • ", "•", " · ", "·", " – ", " — ", "–", "—", " - ", " / ", "; ", " ▪ ", "▪", " ◦ ",
];

/// Words joining a title and its employer ("Engineer at Acme", "Leiterin bei Müller GmbH").
const CONNECTORS: &[&str] = &[" at ", " @ ", " beim ", " bei ", " chez ", " presso ", " bij ", " para ", " em ", " w ", " u "];

/// Words and phrases that carry no field ("Full-time", "Expected Graduation", durations).
fn is_noise(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if lower.is_empty() {
        return true;
    }
    const NOISE: &[&str] = &[
        "full-time", "full time", "part-time", "part time", "self-employed", "freelance", "contract",
        "vollzeit", "teilzeit", "temps plein", "temps partiel", "cdi", "cdd", "tiempo completo",
        "expected", "expected graduation", "graduation", "graduated", "present", "current", "heute", "today",
        "since", "seit", "depuis", "desde", "from", "to", "bis", "von", "logo", "remote", "on-site", "hybrid",
        // Words of a date range left beside it ("De 24/09/2018", "du … au …", "desde … hasta …").
        "de", "du", "au", "a", "al", "hasta", "vom", "ab", "dal", "da", "van", "tot", "até", "ate",
        // The document's own title, repeated in running headers.
        "curriculum vitae", "lebenslauf", "cv", "résumé", "resume", "currículum vitae", "curriculum", "currículo",
        // Where a job was done when it had no place.
        "virtual", "virtuel", "virtuelle", "virtuell", "online", "en ligne", "virtual/online", "in linea",
        "en línea", "a distancia", "à distance", "op afstand", "remoto", "télétravail", "homeoffice", "home office",
    ];
    if NOISE.contains(&lower) || is_contact(piece.trim()) || is_page_number(lower) {
        return true;
    }
    // Durations: "3 yrs 6 mos", "2 years", "(4 Jahre)".
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let unit = |w: &str| {
        ["yr", "yrs", "year", "years", "mo", "mos", "month", "months", "jahre", "jahr", "monate", "monat", "ans",
         "an", "mois", "años", "año", "meses", "mes", "anni", "mesi", "jaar", "maanden"]
            .contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    !tokens.is_empty()
        && tokens.iter().all(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || unit(w))
}

/// A page footer: "Seite 1", "Page 2 of 3", "página 1 / 2".
fn is_page_number(lower: &str) -> bool {
    let mut words = lower.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty());
    let page_word = words.next().is_some_and(|w| ["page", "seite", "página", "pagina", "pág.", "pag.", "blatt", "pagina's", "strona"].contains(&w));
    let rest: Vec<&str> = words.collect();
    let numbers = rest.iter().filter(|w| w.chars().all(|c| c.is_ascii_digit())).count();
    page_word && numbers >= 1 && numbers <= 2 && rest.len() <= 3 && rest.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// An e-mail address, a web address or a phone number: contact details, never a field of an entry.
fn is_contact(piece: &str) -> bool {
    if piece.contains(char::is_whitespace) {
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        let phone_chars = piece.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c));
        return phone_chars && digits >= 7;
    }
    let lower = piece.to_lowercase();
    let email = lower.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    let url = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
    let digits = piece.chars().filter(char::is_ascii_digit).count();
    let phone = digits >= 7 && piece.chars().all(|c| c.is_ascii_digit() || "+-./()".contains(c));
    email || url || phone
}

/// "University of X, CA Expected Graduation" → "University of X, CA": words that only
/// announce the date that was cut off after them.
fn strip_trailing_noise(s: &str) -> &str {
    // "Acme logo": the alt text of a logo image (profile pastes).
    if let Some(head) = s.strip_suffix(" logo").or_else(|| s.strip_suffix(" Logo")) {
        return head.trim_end();
    }
    const TRAILING: &[&str] = &["expected graduation", "graduation", "expected", "graduated", "anticipated", "voraussichtlich", "seit", "since", "depuis", "desde"];
    let lower = s.to_lowercase();
    for t in TRAILING {
        if lower.ends_with(t) && lower.len() > t.len() {
            let cut = s.len() - t.len();
            if s.is_char_boundary(cut) && s.get(..cut).is_some_and(|h| h.ends_with([' ', ',', '('])) {
                return s.get(..cut).unwrap_or(s).trim_end_matches([' ', ',', '(', ':']);
            }
        }
    }
    s
}

/// "Jefe de Producción en Acme S.A. (Villa). Responsable de una planta de 45 operarios.": a
/// sentence run on after the header's fields on the same line is the entry's description.
/// It is cut after the first full stop whose rest reads as a sentence (four words or more, most
/// of them lower case or figures, ending in a stop) and whose head does not ("Supervision of a
/// summer student. …" is all description).
fn strip_trailing_sentence(s: &str) -> &str {
    for (at, _) in s.match_indices(". ") {
        let Some(rest) = s.get(at + 2..).map(str::trim) else { continue };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let plain = words.iter().filter(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())).count();
        // The head must read as fields (names, capitalised), not as a sentence of its own.
        let head: Vec<&str> = s.get(..at).unwrap_or("").split_whitespace().collect();
        let head_plain = head.iter().filter(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())).count();
        if rest.starts_with(char::is_uppercase) && words.len() >= 4 && plain * 2 >= words.len() && rest.ends_with(['.', '!', '?']) && head_plain * 2 < head.len() {
            return s.get(..at + 1).unwrap_or(s);
        }
    }
    s
}

/// Undo LinkedIn's doubled strings: "EngineerEngineer" and "Engineer Engineer" become "Engineer".
pub fn undouble(s: &str) -> &str {
    let t = s.trim();
    let n = t.len();
    if n >= 4 && n % 2 == 0 {
        if let (Some(a), Some(b)) = (t.get(..n / 2), t.get(n / 2..)) {
            if a == b {
                return a.trim();
            }
        }
    }
    if n >= 5 && n % 2 == 1 {
        if let (Some(a), Some(mid), Some(b)) = (t.get(..n / 2), t.get(n / 2..n / 2 + 1), t.get(n / 2 + 1..)) {
            if a == b && mid == " " {
                return a.trim();
            }
        }
    }
    t
}

/// A piece cut after a preposition ("Chargée de" / "marketing digital") runs on to the next line.
pub fn ends_with_preposition(piece: &str) -> bool {
    piece.split_whitespace().last().is_some_and(|w| ["de", "of", "für", "di", "en", "in", "do", "da", "du", "des", "del", "della", "van", "voor", "à", "a", "al", "at", "for", "von", "zur", "zum", "der", "dos", "das", "dei", "the"].contains(&w))
}

/// A piece cut after a preposition or a conjunction ("Physics &" / "Maths") runs on to the next line.
pub fn ends_open(piece: &str) -> bool {
    ends_with_preposition(piece)
        || piece.split_whitespace().last().is_some_and(|w| ["&", "and", "und", "u.", "et", "y", "e", "with", "mit", "avec", "con", "com", "en"].contains(&w))
}

/// The end of a sentence wrapped onto a header line ("… web apps for our" / "clients.  2021–2022"):
/// it starts in lower case (not with a name particle) and ends with a full stop, which neither a
/// title nor a name does ("acme inc." ends in its legal form, not a full stop).
pub fn is_sentence_tail(piece: &str) -> bool {
    let first = piece.split_whitespace().next().unwrap_or("");
    piece.starts_with(char::is_lowercase)
        && !crate::lexicon::person_words::PARTICLES.contains(&first)
        && piece.ends_with(['.', '!', '?', ';'])
        && super::roles::org_score(piece) == 0
}

/// Trim spaces and edge punctuation from a byte range of `text`; `None` when nothing is left.
fn trimmed(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let slice = text.get(from..to)?;
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '|' | '-' | '–' | '—' | '•' | '·' | '/' | '(' | ')' | '[' | ']' | '▪');
    let lead = slice.len() - slice.trim_start_matches(edge).len();
    let kept = slice.trim_matches(edge);
    if kept.is_empty() {
        return None;
    }
    // Keep a closing bracket that closes an opening one inside ("Amazon (AWS)").
    let mut end = from + lead + kept.len();
    if text.get(end..end + 1) == Some(")") && kept.contains('(') {
        end += 1;
    }
    Some((from + lead, end))
}

/// The pieces of one header line: text between dates and separators, noise removed. With
/// `connectors`, "Engineer at Acme" is cut at "at" too (job headers, not school headers).
pub fn pieces(line: &LineInfo, connectors: bool) -> Vec<Piece> {
    let text = line.content();
    let offset = line.text.len() - text.len();
    // Cut ranges (relative to `text`): dates, then separators.
    let mut cuts: Vec<(usize, usize)> = line
        .dates
        .iter()
        .filter_map(|d| Some((d.start.checked_sub(offset)?, d.end.checked_sub(offset)?)))
        .collect();
    for sep in SEPARATORS {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(sep)) {
            let at = from + pos;
            let end = at + sep.len();
            // "Pinto - ME": a dash before a legal form is part of the name.
            let next_word = text.get(end..).unwrap_or("").split([' ', ',']).next().unwrap_or("").to_lowercase();
            let before_legal_form = sep.trim().len() == sep.trim_matches(['-', '–', '—']).len() + 1 && LEGAL_FORMS.contains(&next_word.as_str());
            // "Co-fondateur / analyste financière": a slash before a lower-case word joins two
            // roles of one field; fields after a slash start with a capital.
            let joins_roles = *sep == " / " && text.get(end..).is_some_and(|t| t.starts_with(char::is_lowercase));
            if !before_legal_form && !joins_roles && !cuts.iter().any(|&(s, e)| at < e && s < end) {
                cuts.push((at, end));
            }
            from = end;
        }
    }
    if let Some(at) = weight_cut(line, text, offset, &cuts).filter(|_| connectors) {
        cuts.push((at, at));
    }
    crate::sort::sort(&mut cuts);
    let mut out = Vec::new();
    let mut at = 0;
    let mut footer = false;
    for &(s, e) in cuts.iter().chain(std::iter::once(&(text.len(), text.len()))) {
        if s >= at {
            footer |= text.get(at..s).is_some_and(|cell| is_page_number(&cell.trim().to_lowercase()));
            push_piece(&mut out, line, text, offset, at, s);
        }
        at = at.max(e);
    }
    // A line that carries a page number is a running footer or header: nothing on it is a field.
    if footer {
        return Vec::new();
    }
    let out = rejoin_legal_forms(line, out);
    if connectors {
        split_connectors(out)
    } else {
        out
    }
}

/// "**ENGINEER** ACME GMBH": where a header line changes weight between two words it changes
/// field, as at a tab stop, unless the first weight sets a label ("**Employer:** Acme") or a
/// separator or date already cuts there, the first part runs on ("**Manager of** Sales") or
/// the second glosses it ("**ACME** (A Company Making Everything)") or goes on in lower case.
/// Job headers only: a degree's weight often changes before its field ("**Licenciatura en**
/// Logística", "**BSc** Physics"), which is one field. Offsets relative to `text`.
fn weight_cut(line: &LineInfo, text: &str, offset: usize, cuts: &[(usize, usize)]) -> Option<usize> {
    let at = line.weight_break?.checked_sub(offset)?;
    let (left, right) = (text.get(..at)?.trim_end(), text.get(at..)?);
    let worded = |s: &str| s.chars().any(char::is_alphabetic);
    let free = !cuts.iter().any(|&(s, e)| s <= at && at <= e);
    // "**Computerzubehör** in verschiedenen Gebieten": lower case goes on with the same field.
    let glossed = right.trim_start().starts_with(['(', '[']) || right.trim_start().starts_with(char::is_lowercase);
    (worded(left) && worded(right) && !left.ends_with(':') && !ends_open(left) && !glossed && free).then_some(at)
}

fn push_piece(out: &mut Vec<Piece>, line: &LineInfo, text: &str, offset: usize, from: usize, to: usize) {
    let Some((s, e)) = trimmed(text, from, to) else { return };
    let Some(piece) = text.get(s..e) else { return };
    let clean = strip_trailing_sentence(strip_trailing_noise(undouble(piece)));
    // "Periodo: Enero 2020 – Actualidad": with its dates cut, a label is left with no value.
    let bare_label = text.get(e..).is_some_and(|r| r.trim_start().starts_with(':')) && is_entry_label(&clean.to_lowercase());
    if is_noise(clean) || bare_label {
        return;
    }
    let start = line.start + offset + s;
    out.push(Piece { start, end: start + clean.len(), line: line.index, text: clean.to_string(), hint: None });
}

/// A label of an entry's field ("Company", "Cargo", "Periodo", "Ort").
fn is_entry_label(lower: &str) -> bool {
    [EMPLOYER_LABELS, TITLE_LABELS, ENTRY_PLACE_LABELS, OTHER_ENTRY_LABELS].iter().any(|labels| labels.contains(&lower))
}

/// "Pimenta - EI", "Vogt · AG & Co. KGaA": a piece that is only a legal form belongs to the
/// name before it.
fn rejoin_legal_forms(line: &LineInfo, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let legal = is_legal_form(&p.text);
        match out.last_mut() {
            Some(prev) if legal && prev.line == p.line && p.start >= prev.end => {
                let from = prev.start.saturating_sub(line.start);
                let to = p.end.saturating_sub(line.start);
                if let Some(t) = line.text.get(from..to) {
                    prev.text = t.to_string();
                    prev.end = p.end;
                }
            }
            _ => out.push(p),
        }
    }
    out
}

/// A piece "Label: value" or "Name: what was done". A field label says what its value is
/// ("Company: Acme" → Org, "Position: Engineer" → Title; "Tools: Rust" → no field); a short
/// capitalised name before the colon is the employer the line is about ("Acme: built the
/// shop", "Chess Club: Coordinator"), and the rest is the title when title words say so, else a
/// description.
fn split_colon(p: &Piece) -> Option<Vec<Piece>> {
    let at = p.text.find(": ")?;
    let left = p.text.get(..at)?.trim();
    let rest = p.text.get(at + 2..)?;
    let right = rest.trim_start();
    let right_start = p.start + (p.text.len() - right.len());
    let right = right.trim_end().trim_end_matches(['.', ';']);
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let value = |hint: Option<Role>| Piece { start: right_start, end: right_start + right.len(), line: p.line, text: right.to_string(), hint };
    let label = left.to_lowercase();
    if EMPLOYER_LABELS.contains(&label.as_str()) {
        return Some(vec![value(Some(Role::Org))]);
    }
    if TITLE_LABELS.contains(&label.as_str()) {
        return Some(vec![value(Some(Role::Title))]);
    }
    if ENTRY_PLACE_LABELS.contains(&label.as_str()) {
        return Some(vec![value(Some(Role::Location))]);
    }
    if OTHER_ENTRY_LABELS.contains(&label.as_str()) {
        return Some(Vec::new());
    }
    let name = colon_name(p)?;
    let title = super::roles::title_score(right) > 0;
    let described = title || right.starts_with(char::is_lowercase) || super::roles::reads_as_prose(right);
    if !described {
        return None;
    }
    Some(vec![name, value(title.then_some(Role::Title))])
}

/// The short capitalised name before the colon of "Name: what was done" (no title words, no
/// place), as an employer piece.
pub fn colon_name(p: &Piece) -> Option<Piece> {
    let left = p.text.get(..p.text.find(": ")?)?.trim();
    let words = left.split_whitespace().count();
    // "Cargo: Analista", "Company: Acme": a field label names no employer.
    let named = left.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) && words <= 6 && super::roles::title_score(left) == 0 && !is_entry_label(&left.to_lowercase());
    (named && !super::roles::looks_like_location(left)).then(|| Piece { start: p.start, end: p.start + left.len(), line: p.line, text: left.to_string(), hint: Some(Role::Org) })
}

/// "Engineer at Acme" → Title "Engineer", Org "Acme".
fn split_connectors(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        if p.hint.is_none() {
            if let Some(parts) = split_colon(&p) {
                out.extend(parts);
                continue;
            }
        }
        let found = CONNECTORS.iter().find_map(|c| p.text.find(c).map(|at| (at, c.len()))).or_else(|| {
            // Spanish/Portuguese "en"/"na"/"no" join a title and its employer only after a title word.
            // "Especialista en marketing digital" is one title: the employer after "en" is a name
            // ("… en Hervás & Asociados", "Contador na da Luz").
            [" en ", " na ", " no ", " à ", " in "].iter().find_map(|c| {
                p.text.match_indices(c).map(|(at, _)| at).find(|&at| {
                    let right = p.text.get(at + c.len()..).unwrap_or("");
                    // A name may open with up to two particles ("… en de la Garza Hnos.").
                    let mut name = right;
                    for _ in 0..2 {
                        match name.split_once(' ') {
                            Some((w, rest)) if ["da", "das", "do", "dos", "de", "del", "la"].contains(&w) => name = rest,
                            _ => break,
                        }
                    }
                    let named = name.starts_with(char::is_uppercase);
                    named && p.text.get(..at).is_some_and(|l| super::roles::title_score(l) > 0)
                }).map(|at| (at, c.len()))
            })
        });
        match found {
            Some((at, len)) if at > 0 && at + len < p.text.len() => {
                let left = p.text.get(..at).unwrap_or("").trim().to_string();
                // "bei der Fakultät", "bei dem Verein": the article is not part of the name.
                let article = p.text.get(at + len..).and_then(|r| ["der ", "dem ", "den "].iter().find(|a| r.starts_with(*a))).map_or(0, |a| a.len());
                let right = p.text.get(at + len + article..).unwrap_or("").trim().to_string();
                let right_start = p.start + at + len + article;
                out.push(Piece { start: p.start, end: p.start + at, line: p.line, text: left, hint: Some(Role::Title) });
                out.push(Piece { start: right_start, end: p.end, line: p.line, text: right, hint: Some(Role::Org) });
            }
            _ => out.push(p),
        }
    }
    out
}

/// Comma parts of a piece with their byte spans. A part that is only a legal form stays with
/// the name before it ("Ferraz & Lopes, Lda.", "Quorvex Holdings, Inc.").
pub fn comma_parts(p: &Piece) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut from = 0;
    for part in p.text.split(',') {
        let to = from + part.len();
        if let Some((s, e)) = trimmed(&p.text, from, to) {
            match out.last_mut() {
                Some(prev) if is_legal_form(p.text.get(s..e).unwrap_or("")) => {
                    prev.text = p.text.get(prev.start - p.start..e).unwrap_or("").to_string();
                    prev.end = p.start + e;
                }
                _ => {
                    if let Some(t) = p.text.get(s..e) {
                        out.push(Piece { start: p.start + s, end: p.start + e, line: p.line, text: t.to_string(), hint: p.hint });
                    }
                }
            }
        }
        from = to + 1;
    }
    out
}

/// Whether `s` is only legal forms ("Lda.", "S.A.", "GmbH & Co. KG").
fn is_legal_form(s: &str) -> bool {
    !s.trim().is_empty() && s.split_whitespace().all(|w| w == "&" || LEGAL_FORMS.contains(&w.to_lowercase().trim_end_matches(',')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::find_dates;

    fn line(text: &str) -> LineInfo<'_> {
        LineInfo { index: 0, start: 0, text, bullet: false, bold: false, font_size: 0.0, x0: None, dates: find_dates(text), weight_break: None }
    }

    fn texts(text: &str) -> Vec<String> {
        pieces(&line(text), true).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn a_sentence_run_on_after_the_fields_is_no_field() {
        assert_eq!(texts("2016 – 2020 Jefa de Obra en Lumbre Obras S.A. (Villaejemplo). Responsable de una planta de 45 operarios."), ["Jefa de Obra", "Lumbre Obras S.A. (Villaejemplo)."]);
        assert_eq!(texts("Sales Manager, Acme Ltd. Sales North"), ["Sales Manager, Acme Ltd. Sales North"], "no sentence after the stop");
        assert!(texts("Supervision of a summer student. Drivers of rainfall change in a warmer world. 2015").iter().all(|p| p != "Supervision of a summer student."), "a sentence of its own before it");
    }

    #[test]
    fn a_change_of_weight_cuts_a_job_header_but_not_a_label_a_gloss_or_a_degree() {
        let weighed = |text: &'static str, bold: &str, connectors: bool| -> Vec<String> {
            let l = LineInfo { weight_break: Some(bold.len()), ..line(text) };
            pieces(&l, connectors).into_iter().map(|p| p.text).collect()
        };
        assert_eq!(weighed("Shift Lead Fernhill Dairy Ltd", "Shift Lead", true), ["Shift Lead", "Fernhill Dairy Ltd"]);
        assert_eq!(weighed("• Shift Lead Fernhill Dairy Ltd 2019 – 2021", "• Shift Lead", true), ["Shift Lead", "Fernhill Dairy Ltd"]);
        assert_eq!(weighed("Employer: Fernhill Dairy Ltd", "Employer:", true), texts("Employer: Fernhill Dairy Ltd"));
        assert_eq!(weighed("Head of Dairy Operations", "Head of", true), ["Head of Dairy Operations"]);
        assert_eq!(weighed("FDL (Fernhill Dairy Ltd)", "FDL", true), ["FDL (Fernhill Dairy Ltd)"]);
        assert_eq!(weighed("Dairy supplies in three regions", "Dairy supplies", true), ["Dairy supplies in three regions"]);
        assert_eq!(weighed("Licence en Chimie", "Licence en", false), ["Licence en Chimie"]);
        assert_eq!(weighed("Licence Chimie", "Licence", false), ["Licence Chimie"]);
    }

    #[test]
    fn splits_on_dates_pipes_dashes_and_tabs() {
        assert_eq!(texts("Senior Software Engineer | Quillstone Inc. | 2019 - Present"), ["Senior Software Engineer", "Quillstone Inc."]);
        assert_eq!(
            texts("Director of IT – Edge Systems  April 2018 – October 2020 The Brightwater Trading Company – Fresno, CA"),
            ["Director of IT", "Edge Systems", "The Brightwater Trading Company", "Fresno, CA"]
        );
        assert_eq!(texts("Ingeniera de datos\tTelefónica S.A.\t01/2019 – actualidad"), ["Ingeniera de datos", "Telefónica S.A."]);
        assert_eq!(texts("Co-fondatrice / analyste financière | Exemple Inc."), ["Co-fondatrice / analyste financière", "Exemple Inc."]);
        assert_eq!(texts("Analyst / Acme Corp"), ["Analyst", "Acme Corp"]);
        assert_eq!(texts("[ 03/2021 – Current ] Pricing Analyst"), ["Pricing Analyst"]);
        assert_eq!(texts("[2015 – 2017] Buyer | Acme Ltd"), ["Buyer", "Acme Ltd"]);
    }

    fn hinted(text: &str) -> Vec<(String, Option<Role>)> {
        pieces(&line(text), true).into_iter().map(|p| (p.text, p.hint)).collect()
    }

    #[test]
    fn a_colon_after_a_label_or_a_name() {
        assert_eq!(hinted("Company: Beispiel Werke | 2019 – 2021"), [("Beispiel Werke".to_string(), Some(Role::Org))]);
        assert_eq!(hinted("Poste : Chef de rayon"), [("Chef de rayon".to_string(), Some(Role::Title))]);
        assert_eq!(hinted("Position: Store Manager"), [("Store Manager".to_string(), Some(Role::Title))]);
        assert_eq!(hinted("Tools: Rust, Go"), Vec::new());
        assert_eq!(hinted("Periodo: Enero 2020 – Actualidad"), Vec::new());
        assert_eq!(hinted("City: Lugo | Country: Spain"), [("Lugo".to_string(), Some(Role::Location)), ("Spain".to_string(), Some(Role::Location))]);
        assert_eq!(hinted("Nordwind Labs: création d'une boutique 2021"), [
            ("Nordwind Labs".to_string(), Some(Role::Org)),
            ("création d'une boutique".to_string(), None),
        ]);
        assert_eq!(hinted("Chess Club: Team Coordinator."), [("Chess Club".to_string(), Some(Role::Org)), ("Team Coordinator".to_string(), Some(Role::Title))]);
        // A title before the colon, a place, or a capitalised value after it: no guess.
        assert_eq!(hinted("Software Engineer: Nordwind Labs"), [("Software Engineer: Nordwind Labs".to_string(), None)]);
        assert_eq!(hinted("Berlin: Nordwind Labs"), [("Berlin: Nordwind Labs".to_string(), None)]);
    }

    #[test]
    fn contacts_places_of_no_place_and_range_words_are_no_pieces() {
        assert_eq!(texts("jane.doe@example.org | https://example.org/jane | Developer"), ["Developer"]);
        assert_eq!(texts("Analyst\t+49 170 1234567"), ["Analyst"]);
        assert_eq!(texts("De 10/07/2019\tVirtual"), Vec::<String>::new());
        assert_eq!(texts("Acme GmbH\tOnline"), ["Acme GmbH"]);
        assert_eq!(texts("Seite 1 / 3"), Vec::<String>::new());
        assert_eq!(texts("c Acme Union, 2002-2013 | http://example.org\tSeite 1 / 3"), Vec::<String>::new());
        assert_eq!(texts("Page 2 of 3"), Vec::<String>::new());
        assert_eq!(texts("Page Designer"), ["Page Designer"]);
    }

    #[test]
    fn connectors_hint_title_and_org() {
        let p = pieces(&line("Stationsleitung bei Winkler e.V., Hamburg"), true);
        assert_eq!(p[0].text, "Stationsleitung");
        assert_eq!(p[0].hint, Some(Role::Title));
        assert_eq!(p[1].text, "Winkler e.V., Hamburg");
        assert_eq!(p[1].hint, Some(Role::Org));
        assert_eq!(comma_parts(&p[1]).iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Winkler e.V.", "Hamburg"]);
        let p = pieces(&line("Analyst | Ferraz Lopes, S.A., Lisboa | Tovel & Irmãos, Lda. | Quorvex Holdings, Inc."), true);
        let parts = |i: usize| comma_parts(&p[i]).into_iter().map(|c| (c.text.clone(), c.end - c.start)).collect::<Vec<_>>();
        assert_eq!(parts(1), [("Ferraz Lopes, S.A.".to_string(), 18), ("Lisboa".to_string(), 6)]);
        assert_eq!(parts(2), [("Tovel & Irmãos, Lda.".to_string(), 21)]);
        assert_eq!(parts(3), [("Quorvex Holdings, Inc.".to_string(), 22)]);
        assert_eq!(texts("Werkstudentin bei der Fakultät Physik"), ["Werkstudentin", "Fakultät Physik"]);
        assert_eq!(texts("Kaufmännische Lehre beim Stadtwerk Beispielstadt"), ["Kaufmännische Lehre", "Stadtwerk Beispielstadt"]);
        // An employer's name that opens with two particles.
        assert_eq!(texts("Analista de datos en de la Fuente Hermanos S.A."), ["Analista de datos", "de la Fuente Hermanos S.A."]);
        assert_eq!(texts("Especialista en marketing digital"), ["Especialista en marketing digital"]);
    }

    #[test]
    fn drops_noise_and_undoubles() {
        assert_eq!(undouble("Sr. EngineerSr. Engineer"), "Sr. Engineer");
        assert_eq!(undouble("Senior Engineer Senior Engineer"), "Senior Engineer");
        assert_eq!(texts("Acme · Full-time · 3 yrs 6 mos"), ["Acme"]);
    }

    #[test]
    fn spans_point_at_the_text() {
        let l = line("• Analyst, Bank AG 2019–2020");
        for p in pieces(&l, true) {
            assert_eq!(l.text.get(p.start..p.end), Some(p.text.as_str()));
        }
    }
}
