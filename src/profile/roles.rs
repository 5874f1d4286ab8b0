//! What a short piece of an entry header probably is: a job title, an employer, a school, a
//! degree or a place, scored with the lexicon's entry words ([`crate::lexicon::entry_words`]).
//!
//! These are the rule side of the parser: where they are sure they keep their decision, where
//! they are unsure or silent the parser model's gated spans decide (see [`super::fields`]), and
//! they keep the parser useful without the model.

use crate::lexicon::entry_words::{
    CITY_PREFIXES, CITY_SUFFIXES, DEGREE_WORDS, LEAVING_YEARS, LEGAL_FORMS, ORG_WORDS, PLACE_WORDS, REGION_CODES,
    SCHOOL_LEVEL_WORDS, SCHOOL_WORDS, SCHOOL_YEAR_WORDS, TITLE_SUFFIXES, TITLE_WORDS,
};

/// What a header piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Org,
    School,
    Degree,
    Location,
    Date,
}

/// Lower-cased words of `s` with surrounding punctuation (except dots and apostrophes inside) removed.
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '(' || c == ')' || c == '|')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '&'))
        .map(|w| w.trim_end_matches(['\'']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn strip_dot(w: &str) -> &str {
    w.trim_end_matches('.')
}

/// A word of an organisation's name: a legal form or another organisation word.
fn is_org_word(w: &str) -> bool {
    LEGAL_FORMS.contains(&w) || ORG_WORDS.contains(&w)
}

/// Lower-case words that make a sentence but never a name: indefinite articles and "with"
/// ("Zustellung mit dem Lastenrad", "Diseño de una tienda online"). Names do write
/// lower-case words ("Bank of America", "Caisse Centrale générale", "Association pour
/// …"), so only these count.
const ARTICLES_AND_WITH: &[&str] = &[
    "a", "an", "with", "ein", "eine", "einer", "einem", "einen", "mit", "un", "une", "avec", "una", "unos", "unas", "con",
    "uma", "com", "uno", "een", "met",
];

/// "Various" in the supported languages: a description's word ("Pflege diverser
/// Datenbanken"), though a long title may hold it too ("… in verschiedenen Branchen").
const VARIOUS: &[&str] = &[
    "various", "several", "diverse", "diverser", "diversen", "verschiedene", "verschiedener", "verschiedenen", "divers",
    "diverses", "plusieurs", "varios", "varias", "diversos", "diversas", "vários", "várias", "alcuni", "vari",
];

/// Whether a lower-case word of `list` stands in `s` after its first word (a first "A" may be
/// a name's).
fn holds_lower_word(s: &str, list: &[&str]) -> bool {
    s.split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        // "d'une": the word after an elided article.
        .map(|w| w.rsplit(['\'', '’']).next().unwrap_or(w))
        .any(|w| w.starts_with(char::is_lowercase) && list.contains(&w))
}

/// Whether a header piece is written as a sentence: it holds an indefinite article or "with",
/// or one sentence ends inside it ("Mentoring of new staff. Planning the rota."). Neither names
/// nor job titles do.
pub fn reads_as_sentence(s: &str) -> bool {
    holds_lower_word(s, ARTICLES_AND_WITH) || ends_a_sentence_inside(s)
}

/// A lower-case word of four letters or more closes a sentence and a capitalised word opens the
/// next ("… of new staff. Planning …"); abbreviations ("Sr. Engineer", "Dept. of Physics", "Acme
/// Inc. Berlin") are short or capitalised.
fn ends_a_sentence_inside(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.windows(2).any(|pair| {
        let (w, next) = (pair[0], pair[1]);
        let stem = w.strip_suffix(['.', '!', '?']).unwrap_or("");
        stem.chars().count() >= 4 && stem.chars().all(char::is_lowercase) && next.starts_with(char::is_uppercase)
    })
}

/// Whether a header piece reads as a description rather than a name: a sentence, or a piece
/// saying "various". An employer's name does neither.
pub fn reads_as_prose(s: &str) -> bool {
    reads_as_sentence(s) || holds_lower_word(s, VARIOUS)
}

/// How strongly `s` reads as a job title (0 = no title word). An English title ends in its
/// head word ("Financial Analyst"), so a title word at the end counts double.
pub fn title_score(s: &str) -> u32 {
    let ws = words(s);
    // English titles end in their head word, Romance ones start with it ("Ingegnere del software").
    let is_head = |w: &String| TITLE_WORDS.contains(&strip_dot(w));
    let head_bonus = (ws.len() > 1 && (ws.last().is_some_and(is_head) || ws.first().is_some_and(is_head))) as u32 * 2;
    let mut score = head_bonus;
    for w in ws {
        let w = strip_dot(&w);
        if TITLE_WORDS.contains(&w) {
            score += 2;
        } else if w.chars().count() >= 5 && TITLE_SUFFIXES.iter().any(|suf| w.ends_with(suf)) {
            score += 2;
        } else if matches!(w, "senior" | "junior" | "sr" | "jr" | "deputy" | "assistant" | "trainee" | "interim") {
            score += 1;
        }
    }
    score
}

/// How many words of `s` are job-title words.
pub fn title_words(s: &str) -> usize {
    words(s).iter().filter(|w| title_score(w) >= 2).count()
}

/// How strongly `s` reads as an employer (legal forms, organisation words); an organisation
/// word at the end ("Brightwater Finance", "Acme GmbH") counts double.
pub fn org_score(s: &str) -> u32 {
    let ws = words(s);
    let is_org = |w: &String| is_org_word(w) || is_org_word(strip_dot(w));
    let title_first = ws.first().is_some_and(|w| TITLE_WORDS.contains(&strip_dot(w)));
    let mut score = (ws.len() > 1 && !title_first && ws.last().is_some_and(is_org)) as u32 * 2;
    for w in ws {
        if is_org_word(&w) || is_org_word(strip_dot(&w)) {
            score += 2;
        }
    }
    if s.contains('&') {
        score += 1;
    }
    score
}

/// How strongly `s` reads as a school.
pub fn school_score(s: &str) -> u32 {
    let mut score = 0;
    for w in words(s) {
        let w = strip_dot(&w);
        if SCHOOL_WORDS.contains(&w) {
            score += 3;
        } else if w.chars().count() > 7
            && ["schule", "universität", "akademie", "hochschule", "gymnasium", "kolleg"].iter().any(|s| w.ends_with(s))
        {
            score += 3;
        }
    }
    score
}

/// How strongly `s` reads as a degree: its degree words, word pairs ("A Levels", "Ensino
/// Médio") and school years ("Class XII", "12th Standard").
pub fn degree_score(s: &str) -> u32 {
    let ws = words(s);
    let mut score = 0;
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(|n| strip_dot(n));
        // "High School", "Higher Secondary School": the level is the school's, not a degree.
        let names_school = SCHOOL_LEVEL_WORDS.contains(&w.as_str()) && next.is_some_and(|n| SCHOOL_WORDS.contains(&n));
        if names_school {
            continue;
        }
        // "B.B.A.", "M.B.A.", "Ph.D.": a dotted abbreviation is its dot-free form.
        let dotless = w.contains('.').then(|| w.replace('.', ""));
        if DEGREE_WORDS.contains(&w.as_str()) || DEGREE_WORDS.contains(&strip_dot(w)) || dotless.is_some_and(|d| d.len() >= 2 && DEGREE_WORDS.contains(&d.as_str())) {
            score += 3;
        } else if next.is_some_and(|n| DEGREE_WORDS.contains(&format!("{w} {n}").as_str()) || is_leaving_year(strip_dot(w), n)) {
            score += 3;
        } else if w.split_once('-').is_some_and(|(a, b)| is_leaving_year(a, b)) {
            // "Class-XII".
            score += 3;
        } else if w.chars().count() > 7 && ["matura", "abitur", "diplom", "abschluss", "studium", "ausbildung", "examen"].iter().any(|d| w.ends_with(d)) {
            // German compounds: "Berufsmatura", "Hochschulabschluss", "Masterstudium".
            score += 3;
        }
    }
    // "Bachelor of Science", "Master in …", "Diplom-Kaufmann".
    let lower = s.to_lowercase();
    if lower.contains(" of science") || lower.contains(" of arts") || lower.starts_with("diplom-") {
        score += 1;
    }
    score
}

/// "Class XII", "Std X", "12th Standard": a final school year, which names the exam ending it.
fn is_leaving_year(a: &str, b: &str) -> bool {
    (SCHOOL_YEAR_WORDS.contains(&a) && LEAVING_YEARS.contains(&b)) || (LEAVING_YEARS.contains(&a) && SCHOOL_YEAR_WORDS.contains(&b))
}

/// A school named "of" a region ("University of California"): the place after its comma is a
/// campus, part of the name ("University of California, Berkeley").
pub fn named_of_region(school: &str) -> bool {
    let lower = school.to_lowercase();
    [" of ", " de ", " di ", " du ", " der ", " des "]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|at| at + w.len()))
        .max()
        .and_then(|at| school.get(at..))
        .is_some_and(is_region)
}

/// One word of two to six capitals ("MIT", "EPFL"): how schools and firms are often named.
pub fn is_acronym(s: &str) -> bool {
    let s = s.trim();
    (2..=6).contains(&s.chars().count()) && s.chars().all(|c| c.is_uppercase())
}

/// True when `s` is a place as written after a city ("WA", "Colorado", "Deutschland", "Remote").
pub fn is_region(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    if REGION_CODES.contains(&t) {
        return true;
    }
    // "CA 91377": a region code and a postal code.
    let mut parts = t.split_whitespace();
    if let (Some(code), Some(num), None) = (parts.next(), parts.next(), parts.next()) {
        if REGION_CODES.contains(&code) && num.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return true;
        }
    }
    PLACE_WORDS.contains(&t.to_lowercase().as_str())
}

/// The last word of `t` when a full stop closes it ("Acme Ltd." → "Ltd"), without that stop.
fn word_before_stop(t: &str) -> Option<&str> {
    t.trim_end().strip_suffix('.').and_then(|w| w.split_whitespace().last())
}

/// A dotted abbreviation or a legal form ("S.A", "Ltd"): its full stop closes the word.
fn is_abbreviation(word: &str) -> bool {
    word.contains('.') || LEGAL_FORMS.contains(&word.to_lowercase().as_str())
}

/// Whether `t` ends with a dotted abbreviation or a legal form ("S.A.", "Ltd.", "Inc."), whose
/// full stop closes the word, not a sentence.
pub fn ends_with_abbreviation(t: &str) -> bool {
    word_before_stop(t).is_some_and(is_abbreviation)
}

/// A last word closed by a full stop ends a sentence or a field, where a town or a name does not;
/// dotted abbreviations ("D.C.", "Ltd.") and short ones are no such end.
pub fn ends_with_sentence_stop(t: &str) -> bool {
    word_before_stop(t).is_some_and(|w| w.chars().count() >= 3 && !is_abbreviation(w))
}

/// True when `s` looks like a place: "Seattle, WA", "Denver, Colorado", "Remote", "Berlin".
pub fn looks_like_location(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    if is_region(t) {
        return true;
    }
    let parts: Vec<&str> = t.split(',').map(str::trim).collect();
    if parts.len() >= 2 && parts.len() <= 3 && parts.iter().skip(1).all(|p| is_region(p)) {
        return parts.first().is_some_and(|p| is_place_name(p));
    }
    // "Washington D.C.": a dotted region code after the town without a comma. (Undotted
    // capitals there are as often a legal form: "Dupont SC", "Volvo AB".)
    if let (1, Some((town, code))) = (parts.len(), t.rsplit_once(' ')) {
        let undotted: String = code.chars().filter(|&c| c != '.').collect();
        return code.matches('.').count() >= 2 && REGION_CODES.contains(&undotted.as_str()) && is_place_name(town.trim()) && org_score(t) == 0;
    }
    false
}

/// One to four capitalised words without role words: a plausible place name.
pub fn is_place_name(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 4 {
        return false;
    }
    let capitalised = ws.first().and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    capitalised
        && !s.chars().any(|c| c.is_ascii_digit())
        && title_score(s) == 0
        && org_score(s) == 0
        && school_score(s) == 0
        && degree_score(s) == 0
}

/// "New", "San", "Sankt"…: the first word of a two-word place name.
pub fn is_city_prefix(word: &str) -> bool {
    CITY_PREFIXES.contains(&word.to_lowercase().as_str())
}

/// A town after an employer's legal form ("xyz GmbH Musterbach", "xyz S.A. (Villa)."): one or two
/// capitalised words, bracketed or not, after a legal form that ends a name, none of them a
/// legal form or an organisation word. Gives where the name ends (after its legal form) and the
/// town's byte range, brackets and a closing stop left out; `None` otherwise.
pub fn town_after_legal_form(part: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let words: Vec<(usize, &str)> = part.split_whitespace().map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w)).collect();
    let legal = |w: &str| LEGAL_FORMS.contains(&w.to_lowercase().trim_end_matches(',')) ;
    let k = words.iter().rposition(|(_, w)| legal(w))?;
    let rest = words.get(k + 1..)?;
    let town_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !legal(w)
            && !ORG_WORDS.contains(&w.to_lowercase().as_str())
    };
    // "Acme S.A. (Villaejemplo)": the town in brackets, the bracket kept out of it.
    let (&(first_at, first), &(last_at, last)) = (rest.first()?, rest.last()?);
    let bracketed = first.starts_with('(') && last.trim_end_matches('.').ends_with(')');
    let bare = |w: &'_ str| -> String { if bracketed { w.trim_start_matches('(').trim_end_matches('.').trim_end_matches(')').to_string() } else { w.to_string() } };
    // A last word ending in a dot is an abbreviation ("Fábrica ME S.Com."), not a town.
    let abbreviated = !bracketed && last.ends_with('.');
    let towns = rest.iter().all(|(_, w)| town_word(&bare(w)));
    let &(legal_at, legal_form) = words.get(k)?;
    let town = first_at + usize::from(bracketed)..last_at + last.trim_end_matches(['.', ')']).len();
    (k >= 1 && (1..=2).contains(&rest.len()) && !abbreviated && towns).then_some((legal_at + legal_form.len(), town))
}

/// Where the city starts in a part written before a region with no comma between it and what
/// precedes ("Blue Fin Pueblo" before ", Colorado" → at "Pueblo"). `None` when the part is only
/// the city.
pub fn trailing_city_start(part: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = part.split_whitespace().map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w)).collect();
    let n = words.len();
    if n < 2 {
        return None;
    }
    let lower = |i: usize| words.get(i).map(|(_, w)| w.to_lowercase()).unwrap_or_default();
    let two_word = CITY_PREFIXES.contains(&lower(n - 2).as_str()) || CITY_SUFFIXES.contains(&lower(n - 1).as_str());
    let city_words = if two_word { 2 } else { 1 };
    if n <= city_words {
        return None;
    }
    // "Frankfurt am Main", "Sankt Andrä im Lavanttal": a place joined by a place particle.
    let capital = |i: usize| words.get(i).is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase) && !is_org_word(&w.to_lowercase()));
    let mut k = n - city_words;
    while k >= 2 && PLACE_JOINS.contains(&lower(k - 1).as_str()) && capital(k - 2) {
        k -= 2;
        if k >= 1 && CITY_PREFIXES.contains(&lower(k - 1).as_str()) {
            k -= 1;
        }
    }
    if k == 0 {
        return None;
    }
    let (at, first) = *words.get(k)?;
    // "Muster & Partner AG, Zürich": a legal form ends the employer's name, whatever else it spells.
    let legal_end = LEGAL_FORMS.contains(&lower(n - 1).as_str());
    (first.chars().next().is_some_and(char::is_uppercase) && !legal_end).then_some(at)
}

/// Lower-case words inside a place's name ("Frankfurt am Main", "Stratford upon Avon").
const PLACE_JOINS: &[&str] = &["am", "im", "an", "ob", "upon", "sur", "bei", "unter", "auf"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_several_languages() {
        for t in ["Senior Software Engineer", "Projektleiterin", "Chargée de communication", "Ingeniero de datos",
                  "Pflegefachmann", "Kierownik projektu", "Accountant"] {
            assert!(title_score(t) > 0, "{t}");
        }
        assert_eq!(title_score("Brightwater Finance"), 0);
    }

    #[test]
    fn orgs_schools_degrees() {
        assert!(org_score("Kessler Tech Inc.") > 0);
        assert!(org_score("Müller GmbH & Co. KG") > 0);
        assert!(school_score("Technische Hochschule Nordhausen") > 0);
        assert!(school_score("Université de Lyon") > 0);
        assert!(degree_score("B.S. in Computer Science") > 0);
        assert!(degree_score("B.B.A.") > 0 && degree_score("M.B.A.") > 0);
        assert_eq!(degree_score("Acme Co. Inc."), 0);
        assert!(degree_score("Diplom-Ingenieur") > 0);
        assert_eq!(degree_score("Red Cliff University"), 0);
        assert!(degree_score("Berufsmatura für Berufsleute") > 0);
        assert!(degree_score("Masterstudium Physik") > 0);
        assert_eq!(degree_score("Studienrichtung Logistik"), 0);
    }

    #[test]
    fn school_leaving_qualifications_are_degrees() {
        for d in ["Allgemeine Hochschulreife", "Fachhochschulreife", "Maturité gymnasiale", "Class XII", "Class-X", "12th Standard",
                  "Std. X", "Grade 12", "O Levels", "GCSEs", "Ensino Médio", "Ensino Secundário", "HSC (Science)", "SSLC", "VWO"] {
            assert!(degree_score(d) > 0, "{d}");
        }
        for no in ["First Class Honours", "Class of 2015", "Grade: 3.5", "Standard Chartered"] {
            assert_eq!(degree_score(no), 0, "{no}");
        }
        // The level of a school is part of its name; a qualification still names one.
        assert_eq!(degree_score("Example High School"), 0);
        assert_eq!(degree_score("Example Senior Secondary School"), 0);
        assert!(degree_score("High School Diploma") > 0);
        assert!(degree_score("Higher Secondary Certificate") > 0);
        assert!(degree_score("Secondary Education") > 0);
        for s in ["Example Vidyalaya", "Colégio Exemplo", "Gymnase Exemple", "Liceu Exemplo"] {
            assert!(school_score(s) > 0, "{s}");
        }
    }

    #[test]
    fn prose_is_told_from_names() {
        for prose in ["Lieferung mit dem Lastenrad", "Pflege diverser Projekte der Stiftung", "Diseño de una tienda online",
                      "Built a shop with Rust", "Création d'un site avec WordPress"] {
            assert!(reads_as_prose(prose), "{prose}");
        }
        assert!(!reads_as_sentence("Berater für Logistik in verschiedenen Branchen"));
        assert!(reads_as_sentence("Diseño de una tienda online"));
        assert!(reads_as_sentence("Création d'une boutique en ligne"));
        assert!(reads_as_sentence("Mentoring of new staff. Planning of the weekly rota."));
        for title in ["Sr. Engineer", "Dept. of Physics", "Acme Inc. Berlin", "Lead dev. Team Nord", "Prof. Dr. Jane Roe"] {
            assert!(!reads_as_sentence(title), "{title}");
        }
        for name in ["Bank of America", "Caisse Populaire générale", "Institut de Chimie et d'Ingénierie", "Association pour la Recherche",
                     "A Team Consulting", "eBay", "Bundesamt für Statistik", "Universidad de los Andes"] {
            assert!(!reads_as_prose(name), "{name}");
        }
    }

    #[test]
    fn trailing_cities() {
        assert_eq!(trailing_city_start("Blue Fin Pueblo"), Some(9));
        assert_eq!(trailing_city_start("Example Harlow University Springfield"), Some(26));
        assert_eq!(trailing_city_start("New Orleans"), None);
        assert_eq!(trailing_city_start("Acme Corp New York"), Some(10));
        assert_eq!(trailing_city_start("Denver"), None);
        assert_eq!(trailing_city_start("Muster & Partner AG"), None);
        assert_eq!(trailing_city_start("Sankt Egon im Mürztal"), None);
        assert_eq!(trailing_city_start("Quillmoor Freight Frankfurt am Main"), Some(18));
        assert_eq!(trailing_city_start("Quillmoor Group am Main"), Some(19));
        assert_eq!(town_after_legal_form("Beispiel GmbH Musterbach"), Some((13, 14..24)));
        assert_eq!(town_after_legal_form("Muster GmbH & Co. KG"), None);
        assert_eq!(town_after_legal_form("GmbH Musterbach"), None);
        assert_eq!(town_after_legal_form("Acme Inc. Holdings"), None);
        assert_eq!(town_after_legal_form("Fábrica ME S.Com."), None);
        assert_eq!(town_after_legal_form("Ejemplo Obras S.A. (Villaejemplo)."), Some((18, 20..32)));
        assert_eq!(town_after_legal_form("Beispiel GmbH (Holding)"), None, "an organisation word in brackets");
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        assert!(ends_with_abbreviation("Analyst — Banco Quintela S.A."));
        assert!(ends_with_abbreviation("Engineer, Harlow Systems Ltd."));
        assert!(!ends_with_abbreviation("Built the billing service and moved it."));
    }

    #[test]
    fn locations() {
        assert!(looks_like_location("Baton Rouge, LA"));
        assert!(looks_like_location("Denver, Colorado"));
        assert!(looks_like_location("Elm Grove, CA 95123"));
        assert!(looks_like_location("Remote"));
        assert!(!looks_like_location("Brightwater Finance"));
        assert!(!looks_like_location("Accountant, LA"));
        assert!(looks_like_location("Springfield D.C."));
        assert!(!looks_like_location("Springfield IL"), "a legal form as often");
        assert!(!looks_like_location("Analyst I.N."));
    }
}
