//! Small helpers every rule detector uses: compiled-once regexes, neighbour characters and
//! context cues ("Tel.", "DOB", "SSN" just before a match).

use std::sync::OnceLock;

use regex::Regex;

/// The regex in `cell`, compiled on first use. Patterns are constants checked by the tests, so
/// `None` (a pattern that does not compile) only disables that detector instead of panicking.
pub(crate) fn cached(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| {
        let compiled = Regex::new(pattern);
        // Patterns are constants: a failure is a programming error the tests must see.
        debug_assert!(compiled.is_ok(), "a rule pattern does not compile: {:?}", compiled.err());
        compiled.ok()
    })
    .as_ref()
}

/// The character just before byte `at`, if any.
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`, if any.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Up to `max_bytes` of the same line before byte `at`, lower-cased.
pub(crate) fn line_before(text: &str, at: usize, max_bytes: usize) -> String {
    let Some(head) = text.get(..at) else { return String::new() };
    let line_start = head.rfind(['\n', '\u{c}']).map_or(0, |i| i + 1);
    let mut from = at.saturating_sub(max_bytes).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("").to_lowercase()
}

/// True when one of `cues` (lower case) ends a word within `window` bytes before `at` on the
/// same line, e.g. "Tel.:" or "SSN #" before a number.
pub(crate) fn has_cue(text: &str, at: usize, window: usize, cues: &[&str]) -> bool {
    let before = line_before(text, at, window);
    cues.iter().any(|cue| {
        before.match_indices(cue).any(|(i, _)| {
            let starts_word = before.get(..i).and_then(|h| h.chars().next_back()).is_none_or(|c| !c.is_alphanumeric());
            let after = before.get(i + cue.len()..).and_then(|t| t.chars().next());
            starts_word && after.is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// The ASCII digits of `s`, in order.
pub(crate) fn digits(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_must_be_whole_words_on_the_same_line() {
        let text = "Phone\nTel.: 030 1234\nTelegram 5";
        let at = text.find("030").unwrap();
        assert!(has_cue(text, at, 20, &["tel"]));
        assert!(!has_cue(text, at, 20, &["phone"]));
        let at5 = text.rfind('5').unwrap();
        assert!(!has_cue(text, at5, 20, &["tel"]));
    }

    #[test]
    fn neighbours_are_safe_at_the_edges() {
        assert_eq!(char_before("é1", 0), None);
        assert_eq!(char_before("é1", 2), Some('é'));
        assert_eq!(char_before("é1", 1), None);
        assert_eq!(char_at("é1", 5), None);
        assert_eq!(line_before("aé", 3, 1), "");
    }
}
