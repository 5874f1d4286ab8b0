//! Which of the OCR languages a page is written in, from a first reading of it.
//!
//! Tesseract reads with every language it is given at once, and the first one wins where they
//! disagree: with English first, "Fernández" comes back as "Fernandez" and "München" as
//! "Munchen". A quick first reading with one model is accurate enough to count each language's
//! function words and CV headings; the page is then read again with the language found.

/// Function words and CV section words that are frequent in one language and rare in the
/// others, by tesseract code.
const MARKERS: &[(&str, &[&str])] = &[
    ("eng", &["the", "and", "of", "with", "for", "experience", "education", "skills", "university", "present", "languages", "to"]),
    ("deu", &["und", "der", "die", "das", "für", "von", "mit", "im", "bei", "berufserfahrung", "ausbildung", "kenntnisse", "sprachen", "heute", "universität", "studium"]),
    ("fra", &["et", "le", "la", "les", "des", "du", "pour", "avec", "expérience", "formation", "compétences", "langues", "université", "aujourd'hui", "chargée", "chargé"]),
    ("spa", &["y", "el", "los", "las", "del", "para", "con", "experiencia", "formación", "idiomas", "universidad", "actualidad", "habilidades"]),
    ("por", &["e", "os", "as", "do", "da", "dos", "das", "para", "com", "em", "experiência", "formação", "idiomas", "universidade", "atual"]),
    ("ita", &["e", "il", "di", "della", "per", "con", "esperienza", "istruzione", "lingue", "università", "competenze", "presso"]),
];

/// The language among `candidates` whose markers the text holds most often, when it is clear:
/// at least three hits, and more than the runner-up.
pub fn guess<'a>(text: &str, candidates: &'a [String]) -> Option<&'a str> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut scores: Vec<(usize, &'a str)> = candidates
        .iter()
        .map(|lang| {
            let markers = MARKERS.iter().find(|(code, _)| code == lang).map_or(&[][..], |(_, m)| *m);
            (words.iter().filter(|w| markers.contains(&w.as_str())).count(), lang.as_str())
        })
        .collect();
    crate::sort::sort_by_key(&mut scores, |s| std::cmp::Reverse(s.0));
    match scores.as_slice() {
        [(best, lang), rest @ ..] if *best >= 3 && rest.first().is_none_or(|(second, _)| best > second) => Some(lang),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<String> {
        ["eng", "deu", "fra", "spa", "por", "ita"].map(String::from).to_vec()
    }

    #[test]
    fn cv_pages_are_told_apart() {
        let langs = all();
        assert_eq!(guess("Berufserfahrung\nProjektleiterin bei Siemens und Verantwortung für Teams\nAusbildung", &langs), Some("deu"));
        assert_eq!(guess("Experiencia profesional\nDesarrollo de servicios en la nube y pruebas para los clientes\nFormacion", &langs), Some("spa"));
        assert_eq!(guess("Expérience professionnelle\nCampagnes de presse et gestion des réseaux\nFormation", &langs), Some("fra"));
        assert_eq!(guess("Experience\nLed a team of four engineers and built pipelines for the bank\nEducation", &langs), Some("eng"));
    }

    #[test]
    fn too_little_text_or_a_language_not_offered_says_nothing() {
        assert_eq!(guess("Jane Doe", &all()), None);
        let only = vec!["eng".to_string(), "deu".to_string()];
        assert_eq!(guess("Experiencia profesional y formación en la universidad", &only), None);
    }
}
