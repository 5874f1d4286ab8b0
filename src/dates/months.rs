//! Month and season words of the CV languages (en, de, fr, es, it, nl, pt, pl), in one place.
//!
//! Every stage that needs to know whether a word is a month (date parsing, the featurizer's
//! membership feature, the parser's heuristics) asks here instead of keeping its own list.
//! Words are compared after [`fold`]: lower case, diacritics removed, `ß` → `ss`, `ł` → `l`, a
//! trailing full stop dropped, so "März", "MÄRZ", "marz" and "Mär." all hit the same entry.

use std::collections::HashMap;
use std::sync::LazyLock;

/// (folded word, month 1..=12). Full names, genitive forms (pl) and the usual abbreviations.
const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
    ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // German (and Austrian Jänner)
    ("januar", 1), ("janner", 1), ("februar", 2), ("marz", 3), ("maerz", 3), ("mai", 5), ("juni", 6),
    ("juli", 7), ("oktober", 10), ("dezember", 12), ("mrz", 3), ("okt", 10), ("dez", 12),
    // French
    ("janvier", 1), ("fevrier", 2), ("mars", 3), ("avril", 4), ("juin", 6), ("juillet", 7), ("aout", 8),
    ("septembre", 9), ("octobre", 10), ("novembre", 11), ("decembre", 12), ("janv", 1), ("fevr", 2),
    ("fev", 2), ("avr", 4), ("juil", 7),
    // Spanish
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11),
    ("diciembre", 12), ("ene", 1), ("abr", 4), ("ago", 8), ("dic", 12),
    // Italian
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12), ("gen", 1), ("mag", 5), ("giu", 6), ("lug", 7),
    ("set", 9), ("ott", 10),
    // Dutch
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8), ("mrt", 3),
    // Portuguese
    ("janeiro", 1), ("fevereiro", 2), ("marco", 3), ("maio", 5), ("junho", 6), ("julho", 7),
    ("setembro", 9), ("outubro", 10), ("novembro", 11), ("dezembro", 12), ("out", 10),
    // Polish: nominative, genitive ("15 stycznia 1990") and abbreviations
    ("styczen", 1), ("luty", 2), ("marzec", 3), ("kwiecien", 4), ("maj", 5), ("czerwiec", 6),
    ("lipiec", 7), ("sierpien", 8), ("wrzesien", 9), ("pazdziernik", 10), ("listopad", 11),
    ("grudzien", 12), ("stycznia", 1), ("lutego", 2), ("marca", 3), ("kwietnia", 4), ("maja", 5),
    ("czerwca", 6), ("lipca", 7), ("sierpnia", 8), ("wrzesnia", 9), ("pazdziernika", 10),
    ("listopada", 11), ("grudnia", 12), ("sty", 1), ("lut", 2), ("kwi", 4), ("cze", 6), ("lip", 7),
    ("sie", 8), ("wrz", 9), ("paz", 10), ("lis", 11), ("gru", 12),
];

/// Season words; "Summer 2019" normalises to the year.
const SEASONS: &[&str] = &[
    "spring", "summer", "autumn", "fall", "winter", // en
    "fruhling", "fruhjahr", "sommer", "herbst", // de (winter shared)
    "printemps", "ete", "automne", "hiver", // fr
    "primavera", "verano", "otono", "invierno", // es (primavera shared with it/pt)
    "estate", "autunno", "inverno", // it (inverno shared with pt)
    "lente", "zomer", "herfst", // nl
    "verao", "outono", // pt
    "wiosna", "lato", "jesien", "zima", // pl
];

/// Lower case, without diacritics or a trailing full stop: the form the tables hold. The
/// folding itself is [`crate::fold::fold`], shared with the section finder and featurizer.
pub fn fold(word: &str) -> String {
    let word = word.strip_suffix('.').unwrap_or(word);
    let folded = crate::fold::fold(word);
    if folded.contains('\u{2019}') { folded.replace('\u{2019}', "'") } else { folded }
}

/// The month (1..=12) a word names in any of the languages, abbreviations included.
pub fn month_number(word: &str) -> Option<u8> {
    // Asked of every word of a CV: most are refused before folding.
    if word.len() > LONGEST_MONTH_BYTES || !word.starts_with(char::is_alphabetic) {
        return None;
    }
    static BY_WORD: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| MONTHS.iter().copied().collect());
    BY_WORD.get(fold(word).as_str()).copied()
}

/// No month or season word, in any case and with a full stop, is longer ("Październik." in capitals).
const LONGEST_MONTH_BYTES: usize = 24;

/// True when `word` is a month name or abbreviation in one of the CV languages.
pub fn is_month_word(word: &str) -> bool {
    month_number(word).is_some()
}

/// True when `word` names a season ("Summer", "Sommer", "été"…).
pub fn is_season_word(word: &str) -> bool {
    if word.len() > LONGEST_MONTH_BYTES || !word.starts_with(char::is_alphabetic) {
        return false;
    }
    let folded = fold(word);
    SEASONS.contains(&folded.as_str()) || folded == "winter"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_every_language() {
        for (word, month) in [
            ("January", 1), ("Jan.", 1), ("März", 3), ("Mär.", 3), ("MÄRZ", 3), ("Jänner", 1),
            ("janvier", 1), ("janv.", 1), ("février", 2), ("août", 8), ("déc.", 12), ("enero", 1),
            ("ene.", 1), ("septiembre", 9), ("gennaio", 1), ("giu", 6), ("januari", 1), ("mrt", 3),
            ("janeiro", 1), ("março", 3), ("styczeń", 1), ("stycznia", 1), ("październik", 10),
            ("września", 9), ("Dez", 12),
        ] {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
    }

    #[test]
    fn non_months_are_refused() {
        for word in ["Java", "marry", "janu", "", "2020", "decade", "mayor"] {
            assert!(!is_month_word(word), "{word}");
        }
    }

    #[test]
    fn seasons() {
        for word in ["Summer", "Sommer", "été", "verão", "Winter", "jesień"] {
            assert!(is_season_word(word), "{word}");
        }
        assert!(!is_season_word("summary"));
    }
}
