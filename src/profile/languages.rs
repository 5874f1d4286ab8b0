//! Spoken languages: "German – native", "English (C1)", "Arabisch: verhandlungssicher",
//! several per line or one per line.

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

/// Languages from the lines of a languages section.
pub fn parse_languages(lines: &[&str]) -> Vec<Language> {
    let mut out = Vec::new();
    for raw in lines {
        let line = strip_bullet(raw).trim();
        if line.is_empty() {
            continue;
        }
        // "Fluent in Spanish" stays one item; lists split at commas outside brackets.
        for item in list_items(line) {
            let l = split_language(&item);
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
}
