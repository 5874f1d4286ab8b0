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
    if let Some((lang, rest)) = t.split_once('(') {
        let fluency = rest.trim_end_matches(')').trim();
        return language(lang, fluency);
    }
    for sep in [" – ", " — ", " - ", ":", " -", "–"] {
        if let Some((lang, fluency)) = t.split_once(sep) {
            return language(lang, fluency);
        }
    }
    language(t, "")
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
        // "Fluent in Spanish" stays one item; lists split at commas outside brackets.
        for item in list_items(line) {
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
