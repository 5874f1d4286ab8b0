//! E-mail addresses, plain (`ana@example.org`) and obfuscated with a bracketed at
//! (`ana [at] example [dot] org`, `ana (at) example dot org`), which CVs use to dodge scrapers and which still identify the person.
//!
//! Narrow columns wrap long addresses inside the domain ("ana@googlemail.co" / "m"). Such an
//! address is joined across the line break only when both halves are unambiguous: the first line
//! ends right after the `@…` part, the next line holds nothing but the lowercase rest of the
//! domain, the first line alone is not an address with a common top-level domain (`.com`, `.de`;
//! `.co` is not counted, it is mostly a cut `.com`), and together they make one that is.
//! The span then covers the break; readers drop the `\n` from the value.

use std::sync::OnceLock;

use regex::Regex;

use super::common::cached;
use super::{Entity, EntityKind};

const PLAIN: &str = r"(?i)[\w.%+\-]*\w@\w(?:[\w\-]*\w)?(?:\.\w(?:[\w\-]*\w)?)*\.[a-z]{2,24}(?-u:\b)";
// No leading boundary, as in PLAIN: the leftmost match already starts where the local part does.
const OBFUSCATED: &str = r"(?i)[\w.+\-]*\w\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*\w[\w\-]*(?:\s*(?:[\[({<]\s*(?:dot|\.)\s*[\])}>]|\.|\s(?:dot)\s)\s*\w[\w\-]*)*\s*(?:[\[({<]\s*(?:dot|\.)\s*[\])}>]|\.|\s(?:dot)\s)\s*[a-z]{2,24}(?-u:\b)";

const WRAPPED: &str = r"(?m)[\w.%+\-]*\w@[\w.\-]+\n[a-z0-9.\-]{1,24}$";
/// Top-level domains a wrapped address may end in; a rare one could be a word on its own line.
const COMMON_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "info", "biz", "io", "eu", "de", "fr", "uk", "it", "nl", "es", "br", "pl", "in",
    "ch", "at", "be", "pt", "ie", "us", "ca", "au", "se", "dk", "no", "fi", "cz",
];

static PLAIN_RE: OnceLock<Option<Regex>> = OnceLock::new();
static WRAPPED_RE: OnceLock<Option<Regex>> = OnceLock::new();
static OBFUSCATED_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// Every e-mail address in `text`.
pub fn detect(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    if let Some(re) = cached(&PLAIN_RE, PLAIN) {
        for m in re.find_iter(text) {
            // A local part must not start with a dot or dash left over from surrounding text.
            let start = m.start() + m.as_str().len() - m.as_str().trim_start_matches(['.', '-', '+', '%']).len();
            found.push(Entity::new(EntityKind::Email, start, m.end(), 0.99, "email"));
        }
    }
    if let Some(re) = cached(&WRAPPED_RE, WRAPPED) {
        for m in re.find_iter(text) {
            let start = m.start() + m.as_str().len() - m.as_str().trim_start_matches(['.', '-', '+', '%']).len();
            let wrapped = text.get(start..m.end()).unwrap_or("");
            let first_line = wrapped.split('\n').next().unwrap_or("");
            let rest = wrapped.split('\n').nth(1).unwrap_or("");
            // After a complete-looking "….co" the next line may only finish that label ("m",
            // "om.br"), not start a new name ("linkedin.com").
            let domain = first_line.rsplit('@').next().unwrap_or("");
            let label_cut = domain.contains('.') && !domain.ends_with(['.', '-']);
            let fits = !label_cut || rest.split('.').next().is_some_and(|l| l.len() <= 3);
            if fits && is_whole_address(&wrapped.replace('\n', "")) && !is_whole_address(first_line) {
                found.retain(|e: &Entity| e.end <= start || e.start >= m.end());
                found.push(Entity::new(EntityKind::Email, start, m.end(), 0.9, "email"));
            }
        }
    }
    if let Some(re) = cached(&OBFUSCATED_RE, OBFUSCATED) {
        for m in re.find_iter(text) {
            found.push(Entity::new(EntityKind::Email, m.start(), m.end(), 0.9, "email"));
        }
    }
    found
}

/// True when `s` is exactly one plain address ending in a common top-level domain.
fn is_whole_address(s: &str) -> bool {
    let whole = cached(&PLAIN_RE, PLAIN).and_then(|re| re.find(s)).is_some_and(|m| m.start() == 0 && m.end() == s.len());
    let tld = s.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    whole && COMMON_TLDS.contains(&tld.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        detect(text).iter().map(|e| e.text(text)).collect()
    }

    #[test]
    fn finds_plain_addresses() {
        assert_eq!(spans("Mail: john.smith@example.org | 555"), vec!["john.smith@example.org"]);
        assert_eq!(spans("(anna-lena.müller+cv@uni-köln.de)."), vec!["anna-lena.müller+cv@uni-köln.de"]);
        assert_eq!(spans("x.y@sub.example.co.uk,"), vec!["x.y@sub.example.co.uk"]);
    }

    #[test]
    fn finds_obfuscated_addresses() {
        assert_eq!(spans("ana [at] example [dot] com"), vec!["ana [at] example [dot] com"]);
        assert_eq!(spans("ana(at)example(dot)org"), vec!["ana(at)example(dot)org"]);
        assert_eq!(spans("jan.kowalski [at] gmail [.] com"), vec!["jan.kowalski [at] gmail [.] com"]);
        assert_eq!(spans("ana (at) example.org"), vec!["ana (at) example.org"]);
    }

    #[test]
    fn joins_an_address_wrapped_inside_its_domain() {
        assert_eq!(spans("Contact\nana.berg@googlemail.co\nm\n+49 171"), vec!["ana.berg@googlemail.co\nm"]);
        assert_eq!(spans("ana.berg@googlemail\n.com\nlinkedin"), vec!["ana.berg@googlemail\n.com"]);
        assert_eq!(spans("x ana@uni-\nkoeln.de"), vec!["ana@uni-\nkoeln.de"]);
        assert_eq!(spans("ana@outlook.c\nom.br"), vec!["ana@outlook.c\nom.br"]);
    }

    #[test]
    fn keeps_an_address_apart_from_the_next_line() {
        for (text, want) in [
            ("ana@example.com\nlinkedin", "ana@example.com"),
            ("ana@example.co\nSkills", "ana@example.co"),
            ("ana@example.co\nm and more", "ana@example.co"),
            ("ana@example.de\nx.com", "ana@example.de"),
            ("ana@example.co\nlinkedin.com", "ana@example.co"),
        ] {
            assert_eq!(spans(text), vec![want], "{text:?}");
        }
    }

    #[test]
    fn refuses_non_addresses() {
        for text in ["@handle", "user@localhost", "price 5 at shop dot com", "a@b", "C# .NET @ Microsoft", "meet at 5 (dot) com"] {
            assert!(spans(text).is_empty(), "{text}");
        }
    }
}
