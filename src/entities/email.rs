//! E-mail addresses, plain (`ana@example.org`) and obfuscated with a bracketed at
//! (`ana [at] example [dot] org`, `ana (at) example dot org`), which CVs use to dodge scrapers and which still identify the person.

use std::sync::OnceLock;

use regex::Regex;

use super::common::cached;
use super::{Entity, EntityKind};

const PLAIN: &str = r"(?i)[\w.%+\-]*\w@\w(?:[\w\-]*\w)?(?:\.\w(?:[\w\-]*\w)?)*\.[a-z]{2,24}\b";
const OBFUSCATED: &str = r"(?i)\b[\w.+\-]*\w\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*\w[\w\-]*(?:\s*(?:[\[({<]\s*(?:dot|\.)\s*[\])}>]|\.|\s(?:dot)\s)\s*\w[\w\-]*)*\s*(?:[\[({<]\s*(?:dot|\.)\s*[\])}>]|\.|\s(?:dot)\s)\s*[a-z]{2,24}\b";

static PLAIN_RE: OnceLock<Option<Regex>> = OnceLock::new();
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
    if let Some(re) = cached(&OBFUSCATED_RE, OBFUSCATED) {
        for m in re.find_iter(text) {
            found.push(Entity::new(EntityKind::Email, m.start(), m.end(), 0.9, "email"));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        detect(text).iter().map(|e| e.text(text)).collect()
    }

    #[test]
    fn finds_plain_addresses() {
        assert_eq!(spans("Mail: john.smith@email.com | 555"), vec!["john.smith@email.com"]);
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
    fn refuses_non_addresses() {
        for text in ["@handle", "user@localhost", "price 5 at shop dot com", "a@b", "C# .NET @ Microsoft", "meet at 5 (dot) com"] {
            assert!(spans(text).is_empty(), "{text}");
        }
    }
}
