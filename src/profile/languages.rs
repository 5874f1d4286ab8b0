//! Spoken languages: "German – native", "English (C1)", "Arabisch: verhandlungssicher",
//! several per line or one per line.
//!
//! A line may also open with a label for the languages after it, as the Europass CV and many
//! national forms do: "Mother tongue(s): Italian", "Muttersprache: Deutsch", "Langue maternelle :
//! arabe" (the label is the fluency), "Other language(s): English", "Fremdsprachen: Englisch (C1)"
//! (the label only names the list).

use crate::fold::fold;

use super::lines::strip_bullet;
use super::skills::list_items;
use super::types::Language;

/// Split "Deutsch – Muttersprache" / "English (Native)" / "Français : courant" into language and fluency.
pub fn split_language(item: &str) -> Language {
    let t = item.trim();
    // The earliest separator splits: "English (Native)", "Inglés: nivel C1 (Cambridge)".
    let separator = [" – ", " — ", " - ", ":", " -", "–"].iter().filter_map(|sep| t.find(sep).map(|at| (at, sep.len()))).min();
    match (t.find('('), separator) {
        (Some(open), sep) if sep.is_none_or(|(at, _)| open < at) => {
            let (lang, rest) = (t.get(..open).unwrap_or(""), t.get(open + 1..).unwrap_or(""));
            language(lang, rest.trim_end_matches(')').trim())
        }
        (_, Some((at, len))) => language(t.get(..at).unwrap_or(""), t.get(at + len..).unwrap_or("")),
        _ => language(t, ""),
    }
}

fn language(lang: &str, fluency: &str) -> Language {
    let lang = lang.trim().trim_end_matches([',', ':']).trim();
    let fluency = fluency.trim();
    Language {
        language: (!lang.is_empty()).then(|| lang.to_string()),
        fluency: (!fluency.is_empty()).then(|| fluency.to_string()),
    }
}

/// Folded labels naming the first language: what follows them is spoken natively.
const NATIVE_LABELS: [&str; 13] = [
    "mother tongue", "mother tongues", "native language", "native languages", "first language", "muttersprache",
    "langue maternelle", "lengua materna", "madrelingua", "lingua madre", "moedertaal", "lingua materna",
    "jezyk ojczysty",
];

/// Folded labels that only name a list of languages (plural markers such as "(s)" dropped).
const LIST_LABELS: [&str; 22] = [
    "other language", "other languages", "foreign languages", "fremdsprachen", "weitere sprache", "weitere sprachen",
    "autre langue", "autres langues", "langues etrangeres", "otro idioma", "otros idiomas", "idiomas extranjeros",
    "altra lingua", "altre lingue", "lingue straniere", "andere talen", "outra lingua", "outras linguas", "jezyki obce",
    "inne jezyki", "jezyk obcy", "foreign language",
];

/// Plural markers written inside labels: "Mother tongue(s)", "Muttersprache(n)", "Lingua(e) madre".
const PLURAL_MARKERS: [&str; 4] = ["(s)", "(n)", "(e)", "(i)"];

/// A line's label before its colon, folded, without plural markers: `Some(true)` for a
/// native-language label, `Some(false)` for a list label; and the text after the colon.
fn labelled(line: &str) -> Option<(bool, &str, &str)> {
    let (label, rest) = line.split_once(':')?;
    let key = fold(&PLURAL_MARKERS.iter().fold(label.to_string(), |l, m| l.replace(m, "")));
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let native = NATIVE_LABELS.contains(&key.as_str());
    (native || LIST_LABELS.contains(&key.as_str())).then_some((native, label.trim(), rest))
}

/// Languages from the lines of a languages section.
pub fn parse_languages(lines: &[&str]) -> Vec<Language> {
    let mut out = Vec::new();
    for raw in lines {
        let mut line = strip_bullet(raw).trim();
        let mut native_label = None;
        if let Some((native, label, rest)) = labelled(line) {
            line = rest.trim();
            native_label = native.then_some(label);
        }
        if line.is_empty() {
            continue;
        }
        // "Fluent in Spanish" stays one item; lists split at commas outside brackets, and at
        // sentence ends ("Basque: native. English: C1 (Advanced). French: B1.").
        for item in sentences(line).flat_map(list_items) {
            let mut l = split_language(&item);
            if l.fluency.is_none() {
                l.fluency = native_label.map(str::to_string);
            }
            if l.language.as_deref().is_some_and(|n| n.split_whitespace().count() <= 4) {
                out.push(l);
            }
        }
    }
    out
}

/// The sentences of a line: cut after a full stop followed by a capital, the stop dropped.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = rest.match_indices(". ").map(|(at, _)| at).find(|&at| rest.get(at + 2..).is_some_and(|r| r.starts_with(char::is_uppercase)));
        let (head, tail) = match cut {
            Some(at) => (rest.get(..at).unwrap_or(""), rest.get(at + 2..).unwrap_or("")),
            None => (rest, ""),
        };
        rest = tail;
        Some(head.trim().trim_end_matches('.'))
    })
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_in_several_languages() {
        let l = parse_languages(&["• Deutsch – Muttersprache", "English (Native), Italian (Conversational)", "Arabisch: verhandlungssicher", "Français"]);
        let pairs: Vec<(Option<&str>, Option<&str>)> = l.iter().map(|l| (l.language.as_deref(), l.fluency.as_deref())).collect();
        assert_eq!(pairs, [
            (Some("Deutsch"), Some("Muttersprache")),
            (Some("English"), Some("Native")),
            (Some("Italian"), Some("Conversational")),
            (Some("Arabisch"), Some("verhandlungssicher")),
            (Some("Français"), None),
        ]);
    }

    #[test]
    fn languages_written_as_sentences() {
        let l = parse_languages(&["Basque: nativo. Inglés: nivel C1 (Cambridge Advanced). Francés: nivel B1."]);
        let pairs: Vec<(Option<&str>, Option<&str>)> = l.iter().map(|l| (l.language.as_deref(), l.fluency.as_deref())).collect();
        assert_eq!(pairs, [(Some("Basque"), Some("nativo")), (Some("Inglés"), Some("nivel C1 (Cambridge Advanced)")), (Some("Francés"), Some("nivel B1"))]);
    }

    #[test]
    fn a_label_before_the_languages_names_the_list_or_the_fluency() {
        let l = parse_languages(&["Mother tongue(s): Basque", "Other language(s):", "Korean (B2), Dutch", "Langue maternelle : wolof", "Fremdsprachen: Schwedisch", "Lingua(e) madre: Sardo", "Altra(e) lingua(e): Maltese"]);
        let pairs: Vec<(Option<&str>, Option<&str>)> = l.iter().map(|l| (l.language.as_deref(), l.fluency.as_deref())).collect();
        assert_eq!(pairs, [
            (Some("Basque"), Some("Mother tongue(s)")),
            (Some("Korean"), Some("B2")),
            (Some("Dutch"), None),
            (Some("wolof"), Some("Langue maternelle")),
            (Some("Schwedisch"), None),
            (Some("Sardo"), Some("Lingua(e) madre")),
            (Some("Maltese"), None),
        ]);
    }
}
