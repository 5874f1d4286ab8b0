//! The candidate's name: the first prominent line near the top that reads like a name
//! (capitalised words, no digits, not a heading, label, title or place), letter-spaced names
//! joined, names wrapped over several lines read whole, "Doe, Jane" turned around, "Name" table
//! cells read across, with the e-mail's local part and the parser model's NAME spans as votes
//! ("jsmith@…" agrees with "John Smith"). Given-name and family-name fields, which say the name
//! outright, are read apart ([`super::name_fields`]) and weighed against this guess by the parse.

use crate::entities::{Entity, EntityKind};
use crate::fold::fold;
use crate::lexicon::name_labels::FULL_NAME_LABELS as LABELS;
use crate::sections::{heading_kind, SectionKind};
use crate::text_view::TextView;

use super::roles;

/// Name particles written in lower case.
const PARTICLES: &[&str] = &["von", "van", "de", "da", "del", "della", "di", "la", "le", "du", "der", "den", "ten", "ter", "y", "e", "dos", "das", "do", "bin", "al", "el", "zu", "vom", "van der", "af"];

/// Honorifics and academic titles before a name.
const HONORIFICS: &[&str] = &["dr.", "dr", "prof.", "prof", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dipl.-ing.", "ing.", "mag.", "lic.", "sr.", "sra.", "m.", "mme", "mme.", "herr", "frau"];

/// A name candidate and its score.
#[derive(Debug, Clone)]
pub struct NameGuess {
    pub text: String,
    pub confidence: f32,
}

/// The best name among `lines` (TextView line indices near the top), using model spans of kind
/// `Person` and the candidate's e-mail addresses.
///
/// `contacts`: the candidate's URLs and handles, whose parts help split a letter-spaced name
/// that lost its word gaps.
pub fn find_name(view: &TextView, lines: &[usize], model: &[Entity], emails: &[String], contacts: &[String]) -> Option<NameGuess> {
    let evidence = name_evidence(&[emails, contacts].concat());
    // The model's NAME spans (kind `Person`) vote for the lines they fall on; the rules below
    // still decide what the name's text is.
    let model_lines: Vec<(usize, f32)> = model
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| view.line_of(e.start).map(|l| (l, e.confidence)))
        .filter(|(l, _)| lines.contains(l))
        .collect();
    let locals: Vec<String> = emails.iter().filter_map(|e| e.split('@').next()).map(|l| fold(l).replace(['.', '_', '-'], "")).collect();
    let max_font = lines.iter().filter_map(|&i| view.line(i)).map(|l| l.font_size).fold(0.0f32, f32::max);
    let mut best: Option<(f32, String)> = None;
    let mut rank = 0usize;
    for (pos, &i) in lines.iter().enumerate() {
        let Some(line) = view.line(i) else { continue };
        let raw = view.line_text(i).trim();
        if raw.is_empty() {
            continue;
        }
        rank += 1;
        let prominent = line.heading == Some(1) || (max_font > 0.0 && line.font_size >= max_font - 0.1);
        // A "Name" label cell: the value sits on the same row (tabular CVs).
        let (raw, labelled) = match LABELS.contains(&raw.trim_end_matches(':').trim().to_lowercase().as_str()).then(|| same_row_value(view, i)).flatten() {
            Some(value) => (value, true),
            // "Name: jane doe", "[Name:j.doe]": a field written on one line, in any case.
            None => match inline_label_value(raw) {
                Some(value) => (value, true),
                // "PERSONAL INFORMATION  Jane Doe" (Europass): the name is that heading's value.
                None => after_personal_heading(raw).map_or((raw, false), |value| (value, true)),
            },
        };
        // "Jane Doe  Personal details": a heading set on the name's row.
        let raw = before_heading(raw).unwrap_or(raw);
        if raw.chars().filter(char::is_ascii_digit).count() >= 3 {
            continue; // an address or a phone line
        }
        // "Kimberly" / "Hill", "Antonio" / "VARGAS HIDALGO": a lone given name, the surnames
        // below; a prominent name wrapped in a narrow column ("MARIANA NOVAES CASA" / "GRANDE").
        let similar = |n: usize| view.line(n).is_some_and(|l| l.font_size.min(line.font_size) * 1.5 >= l.font_size.max(line.font_size));
        let lone_given = || lines.get(pos + 1).filter(|&&n| similar(n)).map(|&n| view.line_text(n).trim().to_string()).filter(|n| is_surname_line(n) && is_single_name_word(raw));
        let below = prominent.then(|| wrapped_below(view, i, raw, &evidence)).flatten().or_else(lone_given);
        // "Marta Lucía" set above a larger "Ferrer Olmos": the given names lead.
        let above = prominent.then(|| given_above(view, i, raw)).flatten();
        let whole = [above.map(str::to_string), Some(raw.to_string()), below].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let raw = whole.as_str();
        let joined = join_letter_spacing(raw).map(|j| split_run_together(&j, &evidence)).unwrap_or_else(|| raw.to_string());
        for (segment_index, segment) in name_segments(&joined).into_iter().enumerate().take(3) {
            let candidate = surname_last(&clean_name(&segment));
            // A labelled value may be written in lower case: its label vouches for it.
            let candidate = if labelled { capitalised(&candidate) } else { candidate };
            let words = candidate.split_whitespace().count();
            let folded: Vec<String> = candidate.split_whitespace().map(|w| fold(w).replace(['.', '-', '\''], "")).filter(|w| w.len() >= 3).collect();
            let agrees = locals.iter().any(|l| folded.iter().any(|w| l.contains(w.as_str())));
            // A job word in a prominent name ("Stephanie Cook") needs the e-mail to agree.
            let prominent_ok = prominent && is_prominent_name(&candidate) && (roles::title_words(&candidate) == 0 || agrees);
            if (!is_name_like(&candidate, i == 0 && segment_index == 0) && !prominent_ok) || has_label_word(&candidate) {
                continue;
            }
            let mut score = if prominent || labelled { 4.0 } else { 2.0 - 0.3 * rank as f32 };
            score -= segment_index as f32;
            if labelled {
                score += 3.0;
            }
            if line.bold {
                score += 0.5;
            }
            if line.heading == Some(1) {
                score += 3.0;
            }
            if rank == 1 {
                score += 1.5;
            }
            if (2..=4).contains(&words) {
                score += 1.5;
            }
            if agrees {
                score += 2.0;
            }
            if let Some((_, c)) = model_lines.iter().find(|(l, _)| *l == i) {
                score += 2.0 * c;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, candidate));
            }
        }
    }
    best.map(|(score, text)| NameGuess { text, confidence: (0.4 + score / 10.0).clamp(0.3, 0.9) })
}

fn n_words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// One to three capitalised or upper-case name words.
fn is_surname_line(s: &str) -> bool {
    (1..=3).contains(&n_words(s)) && s.split_whitespace().all(|w| is_single_name_word(w) || PARTICLES.contains(&w.to_lowercase().as_str())) && is_name_like(s, true)
}

fn is_single_name_word(s: &str) -> bool {
    n_words(s) == 1 && s.chars().count() >= 2 && s.chars().all(|c| c.is_alphabetic() || c == '-') && s.chars().next().is_some_and(char::is_uppercase) && heading_kind(s).is_none()
}

/// "FIORE Linda" (surname first in capitals) → "Linda Fiore".
pub(super) fn surname_last(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_caps = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_alphabetic);
    let caps = words.iter().take_while(|w| is_caps(w)).count();
    if caps == 0 || caps == words.len() || words.iter().skip(caps).any(|w| is_caps(w)) {
        return name.to_string();
    }
    let title = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect::<String>()).unwrap_or_default()
    };
    let surname: Vec<String> = words.iter().take(caps).map(|w| w.split('-').map(title).collect::<Vec<_>>().join("-")).collect();
    let given: Vec<&str> = words.iter().skip(caps).copied().collect();
    format!("{} {}", given.join(" "), surname.join(" "))
}

/// Separators between the parts of a header line.
const SEPARATORS: &[&str] = &[" | ", "|", " • ", " · ", "\t", "  ", " – ", " — "];

/// The parts of a header line between separators ("John Doe | Engineer",
/// "INFORMAÇÃO PESSOAL  Ayla Barbosa Nunes").
fn segments(s: &str) -> Vec<&str> {
    let mut parts = vec![s];
    for sep in SEPARATORS.iter().chain([&", "]) {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// [`segments`], with a name written surname first ("Doe, Jane", "García López, María José")
/// turned around into one part ("Jane Doe").
fn name_segments(s: &str) -> Vec<String> {
    let mut parts = vec![s];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let mut out = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        match surname_first(part) {
            Some(name) => out.push(name),
            None => out.extend(segments(part).into_iter().map(str::to_string)),
        }
    }
    out
}

/// "Doe, Jane" → "Jane Doe": one comma between one to three name words either side, no place
/// ("Berlin, Germany") and no degree or title after the comma ("Jane Doe, PhD").
fn surname_first(part: &str) -> Option<String> {
    let (surname, given) = part.split_once(", ")?;
    let (surname, given) = (surname.trim(), given.trim());
    let shape = |s: &str| {
        (1..=3).contains(&n_words(s))
            && !s.contains(',')
            && s.split_whitespace().all(|w| {
                w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                    && (w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w.to_lowercase().as_str()))
            })
    };
    let plain = |s: &str| roles::degree_score(s) == 0 && roles::title_words(s) == 0 && !s.split_whitespace().any(|w| HONORIFICS.contains(&w.to_lowercase().as_str()));
    (shape(surname) && shape(given) && plain(given) && !roles::looks_like_location(part) && !roles::is_region(given)).then(|| format!("{given} {surname}"))
}
/// Field labels of contact blocks, which are no names ("Name", "Anschrift", "Foto").
const FIELD_LABELS: &[&str] = &[
    "name", "naam", "nom", "nombre", "nome", "anschrift", "adresse", "address", "adres", "mobil", "mobiel", "mobile", "telefon",
    "telefone", "telefoon", "phone", "teléfono", "telefono", "e-mail", "email", "dirección", "direccion", "endereço", "celular",
    "contato", "kontakt", "contact", "contacto", "contatti", "foto", "photo", "geburtsort", "geburtsdatum", "familienstand",
    "webseite", "website", "linkedin", "github", "informação", "informações", "pessoal", "pessoais", "persoonlijke", "informatie",
    "información", "personal", "persönliche", "daten", "indirizzo", "cellulare", "cv", "lebenslauf", "tabellarischer",
];

fn has_label_word(s: &str) -> bool {
    s.split_whitespace().any(|w| FIELD_LABELS.contains(&fold(w.trim_end_matches(':')).as_str()) || FIELD_LABELS.contains(&w.to_lowercase().trim_end_matches(':')))
}

/// Most words a heading glued to a name has ("Informations personnelles", "Angaben zur Person").
const HEADING_WORDS: usize = 4;

/// Where each of the first [`HEADING_WORDS`] words of `s` ends, and where the next one starts.
fn word_cuts(s: &str) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut in_word = false;
    let mut end = 0;
    for (at, c) in s.char_indices() {
        if c.is_whitespace() && in_word {
            end = at;
            in_word = false;
        } else if !c.is_whitespace() && !in_word {
            if end > 0 {
                cuts.push((end, at));
            }
            in_word = true;
        }
    }
    cuts
}

/// The rest of a line, itself no heading, that starts with a personal-details or contact
/// heading: that heading's value.
fn after_personal_heading(s: &str) -> Option<&str> {
    if heading_kind(s).is_some() {
        return None;
    }
    word_cuts(s).into_iter().take(HEADING_WORDS).rev().find_map(|(end, next)| {
        let kind = heading_kind(s.get(..end)?)?;
        matches!(kind, SectionKind::Personal | SectionKind::Contact).then(|| s.get(next..)).flatten()
    })
}

/// The start (two words or more) of a line that ends in a section heading of up to
/// [`HEADING_WORDS`] words, when the whole line is no heading.
fn before_heading(s: &str) -> Option<&str> {
    let cuts = word_cuts(s);
    let skip = cuts.len().saturating_sub(HEADING_WORDS).max(1);
    if heading_kind(s).is_some() {
        return None;
    }
    cuts.into_iter().skip(skip).find_map(|(end, next)| heading_kind(s.get(next..)?).and(s.get(..end)))
}

/// The text on the same row as line `i`, to its right (a label's value in a table layout).
pub(super) fn same_row_value<'a>(view: &'a TextView, i: usize) -> Option<&'a str> {
    let label = view.line(i)?;
    let (lb, page) = (label.bbox?, view.lines().get(i)?.page);
    (0..view.lines().len())
        .filter(|&j| j != i && view.lines().get(j).is_some_and(|r| r.page == page))
        .find(|&j| view.line(j).and_then(|l| l.bbox).is_some_and(|b| (b.y0 - lb.y0).abs() <= 2.0 && b.x0 > lb.x1))
        .map(|j| view.line_text(j).trim())
}

/// How many lines below a prominent name its wrapped rest may start (a small address or phone
/// set beside the name comes between).
const WRAP_LOOKAHEAD: usize = 3;

/// The rest of a prominent name wrapped over the lines below it in a narrow header
/// ("MARIANA NOVAES CASA" / "GRANDE", "Juan Manuel" / "López" / "Rodríguez"): lines of the same
/// size and style right below it, left-aligned or centred with it, each one to three name words
/// (up to a separator: "Martínez | Engineer"), or the letters a letter-spaced name wrapped.
/// Lines of another size between them are passed
/// over. Without boxes (flow formats) two stacked names cannot be told from one wrapped name:
/// only the very next line continues it, and only when the contacts spell it and a word of the
/// first line. Five words at most.
fn wrapped_below(view: &TextView, i: usize, first: &str, evidence: &[Evidence]) -> Option<String> {
    let line = view.line(i)?;
    let page = view.lines().get(i)?.page;
    let mut above = line.bbox;
    let mut words = n_words(first);
    let mut parts: Vec<&str> = Vec::new();
    let spaced = join_letter_spacing(first).is_some();
    // Whether the contacts spell every (`all`) or any word of `s`.
    let spelled = |s: &str, all: bool| {
        let mut spelt = s.split_whitespace().map(|w| fold(w).replace(['-', '\'', '’', '.'], "")).map(|w| w.chars().count() >= 3 && evidence.iter().any(|e| e.part.contains(w.as_str())));
        if all { spelt.all(|x| x) } else { spelt.any(|x| x) }
    };
    for j in i + 1..=i + WRAP_LOOKAHEAD {
        let Some(next) = view.line(j).filter(|_| view.lines().get(j).is_some_and(|r| r.page == page)) else { break };
        // With boxes the position shows the wrap, whatever the weight ("Jane" bold, "Doe" not);
        // without them the style must match.
        let same_style = (next.font_size - line.font_size).abs() < 0.1 && next.heading == line.heading && (next.bold == line.bold || next.bbox.is_some());
        if !same_style {
            if line.bbox.is_none() {
                break;
            }
            continue;
        }
        let placed = match (above, next.bbox) {
            (Some(b), Some(nb)) => {
                let centred = ((b.x0 + b.x1) - (nb.x0 + nb.x1)).abs() <= 6.0;
                nb.y0 > b.y0 && nb.y0 - b.y0 <= line.font_size * 1.6 && ((nb.x0 - b.x0).abs() <= 2.0 || centred)
            }
            (None, None) => true,
            _ => false,
        };
        let full = view.line_text(j).trim();
        if placed && spaced && full.split(' ').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic)) {
            // The tail of a letter-spaced name ("M A R I A  G A R C I" / "A").
            parts.push(full);
            break;
        }
        let Some(&text) = segments(full).first().filter(|_| placed) else { break };
        if !is_surname_line(text) || words + n_words(text) > 5 || (next.bbox.is_none() && !(spelled(first, false) && spelled(text, true))) {
            break;
        }
        words += n_words(text);
        parts.push(text);
        above = next.bbox;
        if text != full {
            break; // the name ends at the separator
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The given names set right above a prominent surname line in a somewhat smaller size
/// (within [`GIVEN_ABOVE_RATIO`]), aligned with it: one to three name words, five in all.
fn given_above<'a>(view: &'a TextView, i: usize, name: &str) -> Option<&'a str> {
    let line = view.line(i)?;
    let b = line.bbox?;
    let j = i.checked_sub(1)?;
    let prev = view.line(j)?;
    let pb = prev.bbox?;
    let same_page = view.lines().get(j)?.page == view.lines().get(i)?.page;
    // Strictly larger: two lines of one size are a name and its headline as often as a name.
    let similar = prev.font_size > 0.0 && line.font_size > prev.font_size + 0.1 && line.font_size <= GIVEN_ABOVE_RATIO * prev.font_size;
    let aligned = (pb.x0 - b.x0).abs() <= 3.0 || (pb.x1 - b.x1).abs() <= 3.0 || ((b.x0 + b.x1) - (pb.x0 + pb.x1)).abs() <= 6.0;
    let placed = pb.y0 < b.y0 && b.y0 - pb.y0 <= line.font_size * 1.6;
    let text = view.line_text(j).trim();
    (same_page && similar && aligned && placed && is_surname_line(text) && n_words(text) + n_words(name) <= 5).then_some(text)
}

/// The value of a name field written on one line ("Name: Jane Doe", "[Name:j.doe]", "Nom : dupont").
fn inline_label_value(raw: &str) -> Option<&str> {
    let inner = raw.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')']).trim();
    let (label, value) = inner.split_once(':')?;
    let value = value.trim();
    (LABELS.contains(&label.trim().to_lowercase().as_str()) && !value.is_empty()).then_some(value)
}

/// A name as names are written: "j.doe" → "J. Doe", "jane doe" → "Jane Doe"; words that already
/// hold a capital, and particles, stay as they are.
pub(super) fn capitalised(name: &str) -> String {
    let spaced = name.replace('.', ". ");
    let words: Vec<String> = spaced
        .split_whitespace()
        .map(|w| {
            if w.chars().any(char::is_uppercase) || PARTICLES.contains(&w) {
                return w.to_string();
            }
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

/// How much larger a surname line may be than the given names above it.
const GIVEN_ABOVE_RATIO: f32 = 1.15;

/// Strip labels and honorifics, join letter-spaced names ("P E T A R   F L A N T Z").
pub fn clean_name(s: &str) -> String {
    let mut t = s.trim().trim_matches(|c: char| c == ',' || c == ';').to_string();
    if let Some((label, rest)) = t.split_once(':') {
        if LABELS.contains(&label.trim().to_lowercase().as_str()) {
            t = rest.trim().to_string();
        }
    }
    if let Some(joined) = join_letter_spacing(&t) {
        t = joined;
    }
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while words.first().is_some_and(|w| HONORIFICS.contains(&w.to_lowercase().as_str())) {
        words.remove(0);
    }
    words.join(" ")
}

/// Words of the profile URLs that never spell a name.
const URL_WORDS: &[&str] = &["www", "http", "https", "com", "org", "net", "linkedin", "github", "gitlab", "xing", "twitter", "profile", "pub", "user", "users"];

/// A part of the contacts that may be a word of the name.
#[derive(Debug, Clone, PartialEq)]
struct Evidence {
    /// Folded letters.
    part: String,
    /// For a handle read as an initial and a surname ("jmuller" → "muller"): the initial,
    /// which the name must start with.
    initial: Option<char>,
    /// One of several words of its contact ("konstantinidou" in "konstantinidou.eirini@…").
    word: bool,
}

/// What the contacts say the name's words may be: the parts of the e-mail local parts and of
/// the profile URLs and handles, folded, letters only, each also as an initial and the rest
/// ("jmuller25" → "jmuller", and "muller" after a "j"). Handle-like parts (an initial and a
/// surname) come first, then the longest.
fn name_evidence(contacts: &[String]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    for contact in contacts {
        let local = contact.split_once('@').map_or(contact.as_str(), |(l, _)| l);
        let parts: Vec<String> = local
            .split(|c: char| !c.is_alphanumeric())
            .map(|raw| fold(raw).chars().filter(|c| c.is_alphabetic()).collect::<String>())
            .filter(|p| p.chars().count() >= 3 && !URL_WORDS.contains(&p.as_str()))
            .collect();
        let word = parts.len() >= 2;
        for p in parts {
            let rest: String = p.chars().skip(1).collect();
            // Only a one-part contact ("jmuller") may be an initial and a surname; a part of
            // "matthew.morgan" is a word, and "organ" no part of the name.
            if !word && rest.chars().count() >= 3 {
                out.push(Evidence { part: rest, initial: p.chars().next(), word: false });
            }
            out.push(Evidence { part: p, initial: None, word });
        }
    }
    crate::sort::sort_by_key(&mut out, |e| (e.initial.is_none(), std::cmp::Reverse(e.part.chars().count())));
    out.dedup();
    out
}

/// A letter-spaced name whose word gaps were lost ("JACQUELINES.MULLER", "MARICELASANTOSMORA")
/// split at its initials and where a part of the contacts ([`name_evidence`]) starts or ends
/// a run ("santos.maricela@…" → "MARICELA SANTOS MORA").
fn split_run_together(joined: &str, evidence: &[Evidence]) -> String {
    let with_initials = split_initials(joined);
    let first = with_initials.chars().next().map(|c| fold(&c.to_string())).and_then(|f| f.chars().next());
    with_initials.split(' ').filter(|w| !w.is_empty()).map(|w| split_chunk(w, evidence, first, MAX_CUTS)).collect::<Vec<_>>().join(" ")
}

/// "JACQUELINES.MULLER" → "JACQUELINE S. MULLER": a letter and a dot inside a run is an initial.
fn split_initials(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let before = |k: usize| i.checked_sub(k).and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphabetic());
        let next_is_dot = chars.get(i + 1) == Some(&'.');
        if c.is_alphabetic() && next_is_dot && before(1) && before(2) {
            out.push(' ');
        }
        out.push(c);
        if c == '.' && before(1) && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            out.push(' ');
        }
    }
    out
}

/// How deep a run is cut (a name has at most five words).
const MAX_CUTS: u8 = 4;

/// The fewest letters a cut leaves for a word of the name…
const MIN_PIECE: usize = 2;
/// …and after a handle, which may be the name cut short.
const MIN_HANDLE_REST: usize = 4;

/// Cut one run where the first fitting evidence part starts or ends it, then the pieces; a
/// run that is itself a part stays whole. `first`: the name's first letter (folded).
fn split_chunk(chunk: &str, evidence: &[Evidence], first: Option<char>, depth: u8) -> String {
    let letters: Vec<char> = chunk.chars().collect();
    let n = letters.len();
    if depth == 0 || n < 5 || !letters.iter().all(|c| c.is_alphabetic()) {
        return chunk.to_string();
    }
    let folded: Vec<String> = letters.iter().map(|c| fold(&c.to_string())).collect();
    if folded.iter().any(|f| f.chars().count() != 1) {
        return chunk.to_string();
    }
    let word: String = folded.concat();
    // A piece already cut off that is itself a part ("KONSTANTINIDOU") is one word.
    if depth < MAX_CUTS && evidence.iter().any(|e| e.word && e.part == word) {
        return chunk.to_string();
    }
    for e in evidence.iter().filter(|e| e.initial.is_none() || e.initial == first) {
        let len = e.part.chars().count();
        // A cut leaves a word of two letters or more ("Sá"); a handle may be cut short
        // ("rbarrerasanch" for Barrera Sánchez), so what it leaves at the end must be longer.
        let cut = if word.starts_with(e.part.as_str()) && len + if e.word { MIN_PIECE } else { MIN_HANDLE_REST } <= n {
            len
        } else if word.ends_with(e.part.as_str()) && len + MIN_PIECE <= n {
            n - len
        } else {
            continue;
        };
        let (a, b): (String, String) = (letters.iter().take(cut).collect(), letters.iter().skip(cut).collect());
        return format!("{} {}", split_chunk(&a, evidence, first, depth - 1), split_chunk(&b, evidence, first, depth - 1));
    }
    chunk.to_string()
}

/// "P E T A R   F L A N T Z" → "PETAR FLANTZ"; `None` when the text is not letter-spaced.
fn join_letter_spacing(s: &str) -> Option<String> {
    let pieces: Vec<&str> = s.split(' ').filter(|p| !p.is_empty()).collect();
    let singles = pieces.iter().filter(|p| p.chars().count() == 1).count();
    if pieces.len() < 4 || singles * 10 < pieces.len() * 8 {
        return None;
    }
    let words: Vec<String> = s
        .split("  ")
        .map(|w| w.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    Some(words.join(" "))
}

/// "Curriculum Vitae", "Lebenslauf", "Hoja de vida", "Page 2 of 3": what a document calls itself.
fn is_document_title(s: &str) -> bool {
    crate::lexicon::headings::titles_the_document(&crate::lexicon::folded_words(s)) || s.to_lowercase().contains("page ")
}

/// A name in the document's title position may carry a word that is also a job word
/// ("Stephanie Cook"), as long as most of it is not.
fn is_prominent_name(s: &str) -> bool {
    let words = n_words(s);
    (2..=5).contains(&words)
        && roles::title_words(s) * 2 < words + 1
        && roles::title_words(s) < words
        && s.split_whitespace().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
        && s.split_whitespace().next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && heading_kind(s).is_none()
        && !is_document_title(s)
        && roles::org_score(s) == 0
        && roles::school_score(s) == 0
        && roles::degree_score(s) == 0
}

/// Capitalised words of letters (hyphens, apostrophes, initials), not a heading, role or place.
pub(crate) fn is_name_like(s: &str, first_line: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 60 {
        return false;
    }
    if is_document_title(s) {
        return false;
    }
    if words.len() == 1 {
        // A lone word ("HARTWELL", a pseudonym) only as the document's first line.
        let w = words.first().copied().unwrap_or("");
        return first_line
            && w.chars().count() >= 3
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphanumeric())
            && heading_kind(s).is_none()
            && roles::title_score(s) == 0;
    }
    let word_ok = |w: &&str| {
        let letters_ok = w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        letters_ok && (capital || PARTICLES.contains(&w.to_lowercase().as_str()))
    };
    words.iter().all(word_ok)
        && heading_kind(s).is_none()
        && !words.iter().any(|w| w.chars().count() >= 4 && heading_kind(w).is_some())
        && roles::title_words(s) * 2 < words.len()
        && roles::org_score(s) == 0
        && roles::school_score(s) == 0
        && roles::degree_score(s) == 0
        && !roles::looks_like_location(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BBox, Document, Format, Line, Metadata};

    fn doc(lines: &[(&str, f32)]) -> Document {
        let lines = lines.iter().map(|(t, size)| Line { font_size: *size, ..Line::plain(*t) }).collect();
        Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new())
    }

    fn name(lines: &[(&str, f32)], emails: &[&str]) -> Option<String> {
        let d = doc(lines);
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        let emails: Vec<String> = emails.iter().map(|e| e.to_string()).collect();
        find_name(&v, &idx, &[], &emails, &[]).map(|g| g.text)
    }

    #[test]
    fn prominent_first_line() {
        assert_eq!(name(&[("Marisol Tate", 20.0), ("Tacoma, WA | 253-555-0182", 10.0)], &["mtate@example.net"]).as_deref(), Some("Marisol Tate"));
    }

    #[test]
    fn names_in_one_line_fields_in_any_case() {
        for (line, name) in [("[Name:j.doe]", "J. Doe"), ("Nom : jeanne dupont", "Jeanne Dupont"), ("Name: Jane Doe", "Jane Doe"), ("(Nombre: ana de la Cruz)", "Ana de la Cruz")] {
            let d = doc(&[("PHOTO", 10.0), (line, 10.0), ("Pursuing B.A. History.", 10.0)]);
            let view = TextView::new(&d);
            let lines: Vec<usize> = (0..3).collect();
            assert_eq!(find_name(&view, &lines, &[], &[], &[]).map(|g| g.text).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn letter_spaced_and_labelled_names() {
        assert_eq!(name(&[("Kontakt", 10.0), ("P E T A R   F L A N T Z", 18.0), ("Stationsleitung", 12.0)], &[]).as_deref(), Some("PETAR FLANTZ"));
        assert_eq!(name(&[("Lebenslauf", 14.0), ("Name: Dr. Anna-Lena von Bergen", 11.0)], &[]).as_deref(), Some("Anna-Lena von Bergen"));
        assert_eq!(name(&[("HOJA DE VIDA", 14.0), ("Lucía Ferreyra Ibáñez", 12.0), ("Celular: 300 555 0000", 11.0)], &[]).as_deref(), Some("Lucía Ferreyra Ibáñez"));
    }

    #[test]
    fn skips_headings_titles_and_places() {
        assert_eq!(
            name(&[("Curriculum Vitae", 16.0), ("Ingeniera de Software", 12.0), ("Madrid, España", 11.0), ("María José García", 11.0)], &["mjgarcia@correo.es"]).as_deref(),
            Some("María José García")
        );
    }

    #[test]
    fn letter_spaced_names_without_word_gaps_split_like_the_email() {
        assert_eq!(name(&[("F A U S T O R O B L E D O", 18.0)], &["fausto.robledo74@hotmail.com"]).as_deref(), Some("FAUSTO ROBLEDO"));
    }

    #[test]
    fn names_over_two_lines_and_surname_first() {
        assert_eq!(name(&[("Kimberly", 14.0), ("Hill", 14.0), ("Email: k@x.com", 10.0)], &[]).as_deref(), Some("Kimberly Hill"));
        assert_eq!(name(&[("FIORE Linda", 14.0)], &[]).as_deref(), Some("Linda Fiore"));
        assert_eq!(name(&[("Antonio", 14.0), ("VARGAS HIDALGO", 14.0), ("Indirizzo: Arigna, Italia", 10.0)], &[]).as_deref(), Some("Antonio VARGAS HIDALGO"));
        assert_eq!(name(&[("V I N C E N T I O S A N T O R O", 18.0)], &["vsantoro@tiscali.it"]).as_deref(), Some("VINCENTIO SANTORO"));
        assert_eq!(name(&[("Cicera Amorim Sales", 14.0)], &[]).as_deref(), Some("Cicera Amorim Sales"));
        assert_eq!(name(&[("Top Skills", 14.0), ("Raul Sales da Paz", 12.0)], &[]).as_deref(), Some("Raul Sales da Paz"));
    }

    #[test]
    fn run_together_names_split_at_initials_and_contact_parts() {
        let ev = name_evidence(&["santos.maricela@example.com".into(), "linkedin.com/in/gmancuso15".into()]);
        assert_eq!(split_run_together("MARICELASANTOSMORA", &ev), "MARICELA SANTOS MORA");
        assert_eq!(split_run_together("GIUSYMANCUSO", &ev), "GIUSY MANCUSO");
        assert_eq!(split_run_together("JACQUELINES.MULLER", &[]), "JACQUELINE S. MULLER");
        let ev = name_evidence(&["maznar@example.com".into(), "www.macariaaznarcabello.eu".into(), "linkedin.com/in/maznarcabello".into()]);
        assert_eq!(split_run_together("MACARIAAZNARCABELLO", &ev), "MACARIA AZNAR CABELLO");
        let ev = name_evidence(&["naveenprashad@example.com".into(), "linkedin.com/in/nprashad37".into()]);
        assert_eq!(split_run_together("NAVEENPRASHAD", &ev), "NAVEEN PRASHAD");
        let ev = name_evidence(&["konstantinidou.eirini@example.com".into(), "linkedin.com/in/ekonstantinid".into()]);
        assert_eq!(split_run_together("EIRINIKONSTANTINIDOU", &ev), "EIRINI KONSTANTINIDOU");
        assert_eq!(split_run_together("ANNA", &ev), "ANNA");
        let ev = name_evidence(&["matthew.morgan@example.com".into()]);
        assert_eq!(split_run_together("MATTHEWMORGAN", &ev), "MATTHEW MORGAN");
        let ev = name_evidence(&["ruperta.barrera@example.com".into(), "github.com/rbarrerasanch".into()]);
        assert_eq!(split_run_together("RUPERTABARRERASANCHEZ", &ev), "RUPERTA BARRERA SANCHEZ");
        let ev = name_evidence(&["jauregui.cesar@example.com".into(), "linkedin.com/in/cjaureguisomo42".into()]);
        assert_eq!(split_run_together("CÉSARJÁUREGUISOMOZA", &ev), "CÉSAR JÁUREGUI SOMOZA");
        let ev = name_evidence(&["julia.araujo@example.com".into(), "linkedin.com/in/jaraujosa".into()]);
        assert_eq!(split_run_together("JÚLIAARAÚJOSÁ", &ev), "JÚLIA ARAÚJO SÁ");
    }

    #[test]
    fn a_wrapped_letter_spaced_name_keeps_its_last_letters() {
        let at = |t: &str, y0: f32| Line { font_size: 20.0, bbox: Some(BBox { x0: 60.0, y0, x1: 300.0, y1: y0 + 20.0 }), ..Line::plain(t) };
        let lines = vec![at("M A R I A S A L I N A S Q U I S P", 60.0), at("E", 84.0), Line { font_size: 10.0, ..Line::plain("Lima") }];
        let d = Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        let emails = vec!["maria.salinas@example.pe".to_string()];
        assert_eq!(find_name(&v, &idx, &[], &emails, &[]).map(|g| g.text).as_deref(), Some("MARIA SALINAS QUISPE"));
    }

    #[test]
    fn names_written_surname_first_are_turned_around() {
        assert_eq!(name(&[("Doe, Jane", 20.0), ("Nurse", 12.0)], &[]).as_deref(), Some("Jane Doe"));
        assert_eq!(name(&[("García López, María José", 20.0)], &[]).as_deref(), Some("María José García López"));
        assert_eq!(name(&[("Roe, Richard A.", 20.0)], &[]).as_deref(), Some("Richard A. Roe"));
        assert_eq!(name(&[("Jane Roe, PhD", 16.0), ("Acme Labs", 11.0)], &[]).as_deref(), Some("Jane Roe"));
        assert_eq!(surname_first("Berlin, Germany"), None);
        assert_eq!(surname_first("Sales, Marketing & Support"), None);
    }

    #[test]
    fn a_large_name_wrapped_over_lines_is_read_whole() {
        let at = |t: &str, size: f32, x0: f32, y0: f32, x1: f32| Line { font_size: size, bbox: Some(BBox { x0, y0, x1, y1: y0 + size }), ..Line::plain(t) };
        let lines = vec![
            at("Jonathan Nuñez", 34.0, 60.0, 64.0, 275.0),
            at("12 Harbour Road, Eastport", 10.0, 300.0, 99.0, 532.0),
            at("Gutiérrez", 34.0, 60.0, 89.0, 180.0),
            at("Teacher", 17.0, 60.0, 130.0, 112.0),
        ];
        let d = Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        assert_eq!(find_name(&v, &idx, &[], &[], &[]).map(|g| g.text).as_deref(), Some("Jonathan Nuñez Gutiérrez"));
        // The given names above a larger surname.
        let lines = vec![at("Senior Developer", 14.0, 265.0, 52.0, 571.0), at("Marta Lucía", 26.0, 139.0, 106.0, 318.0), at("Ferrer Olmos", 28.0, 137.0, 136.0, 356.0)];
        let d = Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        assert_eq!(find_name(&v, &idx, &[], &[], &[]).map(|g| g.text).as_deref(), Some("Marta Lucía Ferrer Olmos"));
        // Centred, with the headline after a separator on the second line.
        let lines = vec![at("Joan Vidal", 25.0, 228.0, 66.0, 367.0), at("Martínez | Nurse", 25.0, 198.0, 92.0, 397.0), at("Main Street 8", 11.0, 174.0, 143.0, 421.0)];
        let d = Document::flow(Format::Pdf, Metadata::default(), lines, Vec::new());
        let v = TextView::new(&d);
        let idx: Vec<usize> = (0..v.lines().len()).collect();
        assert_eq!(find_name(&v, &idx, &[], &[], &[]).map(|g| g.text).as_deref(), Some("Joan Vidal Martínez"));
        // Without boxes, only the next line of the same size and style continues the name, and
        // only when the contacts spell it.
        assert_eq!(name(&[("Thomas E.", 20.0), ("MONNIER", 20.0), ("Teacher", 12.0)], &["thomas.monnier@example.fr"]).as_deref(), Some("Thomas E. MONNIER"));
        assert_eq!(name(&[("Thomas E.", 20.0), ("MONNIER", 20.0), ("Teacher", 12.0)], &["te@example.fr"]).as_deref(), Some("Thomas E."));
    }

    #[test]
    fn a_heading_on_the_names_row_is_no_part_of_it() {
        assert_eq!(name(&[("Curriculum vitae", 10.0), ("PERSONAL INFORMATION Adrian Ward", 9.0), ("Digital Marketing Specialist", 12.0)], &[]).as_deref(), Some("Adrian Ward"));
        assert_eq!(name(&[("Lebenslauf", 10.0), ("Manuel Berger Angaben zur Person", 12.0)], &[]).as_deref(), Some("Manuel Berger"));
        assert_eq!(before_heading("Work Experience"), None);
        assert_eq!(after_personal_heading("Personal details"), None);
    }

    #[test]
    fn email_breaks_ties() {
        assert_eq!(name(&[("Jean Dupont", 11.0), ("Marie Curie", 11.0)], &["marie.curie@exemple.fr"]).as_deref(), Some("Marie Curie"));
    }
}
