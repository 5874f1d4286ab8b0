//! URLs and handles.
//!
//! URL: `http(s)://…`, `www.…`, well-known profile sites without a scheme (`linkedin.com/in/x`,
//! `github.com/x`, even a bare `linkedin.com`) and other bare domains only with a path
//! (`janedoe.dev/blog`), so "Node.js" or "ASP.NET" never count. HANDLE: `@user` not preceded by
//! a word character (that would be an e-mail), starting with a letter or `_`, or with a digit
//! when it reads as a user name ("@2_71828", not "@2x"). [`profile_in_url`] names the network and the
//! username inside a profile URL, which the parser turns into `basics.profiles`.

use std::sync::OnceLock;

use regex::Regex;

use super::common::{cached, char_before};
use super::{Entity, EntityKind};

const SCHEMED: &str = r"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>\x22'`|]+";
const PROFILE_SITES: &str = r"(?i)(?-u:\b)(?:[a-z]{2,3}\.)?(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|xing\.com|stackoverflow\.com|medium\.com|behance\.net|dribbble\.com|kaggle\.com|bitbucket\.org)(?:/[^\s<>\x22'`|]*)?";
const BARE_WITH_PATH: &str = r"(?-u:\b)(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:com|org|net|io|dev|me|de|fr|es|it|nl|pt|pl|uk|in|br|co|eu|edu|info|app|ai|ch|at|be|page|site|tech)/[^\s<>\x22'`|]+";
const HANDLE: &str = r"@[A-Za-z0-9_][A-Za-z0-9_.]{0,38}[A-Za-z0-9_]";

static SCHEMED_RE: OnceLock<Option<Regex>> = OnceLock::new();
static PROFILE_RE: OnceLock<Option<Regex>> = OnceLock::new();
static BARE_RE: OnceLock<Option<Regex>> = OnceLock::new();
static HANDLE_RE: OnceLock<Option<Regex>> = OnceLock::new();
/// "LinkedIn: jdoe", "GitHub\tjdoe", "LinkedIn:\njdoe", "LinkedIn  jdoe" (a table's cells): a
/// username after a network's label.
/// The network may also be named by its icon: the LinkedIn, GitHub and Twitter glyphs of the
/// Font Awesome icon font (U+F08C, U+F0E1, U+F09B, U+F092, U+F113, U+F099, U+F081), which the CV
/// classes and templates that use that font put before the username.
const LABELLED_HANDLE: &str = r"(?im)(?:^|[\s|•·,;])(?:(?:linkedin|github|gitlab|twitter|xing|instagram|telegram|skype|mastodon|bitbucket)(?:[ \t]*(?::|\t)[ \t]*\n?| {2,})|[\x{f08c}\x{f0e1}\x{f09b}\x{f092}\x{f113}\x{f099}\x{f081}])[ \t]*(@?[a-z0-9][a-z0-9_.\-]{1,38}[a-z0-9_])";
static LABELLED_HANDLE_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// Every URL in `text` (spans may overlap; [`super::rules`] keeps the longest).
pub fn detect_urls(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    for (cell, pattern, confidence) in [(&SCHEMED_RE, SCHEMED, 0.99), (&PROFILE_RE, PROFILE_SITES, 0.95), (&BARE_RE, BARE_WITH_PATH, 0.85)] {
        let Some(re) = cached(cell, pattern) else { continue };
        for m in re.find_iter(text) {
            // Not the domain of an e-mail address, nor part of a longer host name.
            if matches!(char_before(text, m.start()), Some('@' | '.' | '-' | '/')) {
                continue;
            }
            let end = wrapped_rest(text, m.start() + trim_url_tail(m.as_str()).len());
            if end > m.start() {
                found.push(Entity::new(EntityKind::Url, m.start(), end, confidence, "url"));
            }
        }
    }
    found
}

/// The labels LinkedIn's PDF export writes after a URL.
const URL_LABELS: &[&str] = &["LinkedIn", "GitHub", "Portfolio", "Personal", "Company", "Blog", "Other", "RSS Feed"];

/// Where a URL that a narrow column wrapped ends, after a hyphen ("…/okboard-" / "engine.git/")
/// or before a URL label ("…/in/jdoe8" / "6 (LinkedIn)"): its rest on the next line, up to the
/// first space, when that is written in URL characters and does not start with a capital (a new
/// sentence). `end` otherwise.
fn wrapped_rest(text: &str, end: usize) -> usize {
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix('\n')) else { return end };
    let token = trim_url_tail(rest.split(char::is_whitespace).next().unwrap_or(""));
    // LinkedIn's PDF export wraps a profile URL anywhere and labels it: "…/in/jdoe8" /
    // "6 (LinkedIn)".
    let labelled = rest.get(token.len()..).and_then(|r| r.strip_prefix(" (")).and_then(|r| r.split_once(')')).is_some_and(|(label, _)| URL_LABELS.contains(&label));
    if !text.get(..end).is_some_and(|before| before.ends_with('-')) && !labelled {
        return end;
    }
    let url_like = token.chars().all(|c| c.is_ascii_alphanumeric() || "-._~/%?#=&+:".contains(c));
    if token.is_empty() || !url_like || token.starts_with(|c: char| c.is_ascii_uppercase()) {
        return end;
    }
    end + 1 + token.len()
}

/// Drop sentence punctuation after a URL and a closing bracket that has no opening one inside.
fn trim_url_tail(url: &str) -> &str {
    let mut s = url;
    loop {
        let trimmed = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '»', '›', '…']);
        let trimmed = match trimmed.chars().last() {
            Some(')') if trimmed.matches('(').count() < trimmed.matches(')').count() => trimmed.get(..trimmed.len() - 1).unwrap_or(""),
            Some(']') if !trimmed.contains('[') => trimmed.get(..trimmed.len() - 1).unwrap_or(""),
            _ => trimmed,
        };
        if trimmed.len() == s.len() {
            return s;
        }
        s = trimmed;
    }
}

/// Every `@handle` in `text` that is not part of an e-mail address, and every username written
/// after a network's label.
pub fn detect_handles(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&HANDLE_RE, HANDLE) else { return Vec::new() };
    let mut found: Vec<Entity> = re
        .find_iter(text)
        .filter(|m| char_before(text, m.start()).is_none_or(|c| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '/')))
        .filter(|m| !text.get(m.end()..).is_some_and(|rest| rest.starts_with(|c: char| c == '@' || c.is_alphanumeric())))
        .filter(|m| user_name_shaped(m.as_str().trim_start_matches('@')))
        .map(|m| Entity::new(EntityKind::Handle, m.start(), m.end(), 0.85, "handle"))
        .collect();
    for h in labelled_handles(text) {
        if !found.iter().any(|f| f.start < h.end && h.start < f.end) {
            found.push(h);
        }
    }
    found
}

/// A user name may start with a digit ("@2_71828") when it reads as one: with an underscore or
/// three letters, unlike an image suffix ("@2x") or a resolution ("@1080p").
fn user_name_shaped(name: &str) -> bool {
    !name.starts_with(|c: char| c.is_ascii_digit()) || name.contains('_') || name.chars().filter(char::is_ascii_alphabetic).count() >= 3
}

/// Usernames after "LinkedIn:"-style labels. The username must fill its cell (line end or a
/// separator after it), so "LinkedIn: available on request" is no handle, and must not be a URL
/// (those are the URL detector's).
fn labelled_handles(text: &str) -> Vec<Entity> {
    let Some(re) = cached(&LABELLED_HANDLE_RE, LABELLED_HANDLE) else { return Vec::new() };
    re.captures_iter(text)
        .filter_map(|caps| caps.get(1))
        .filter(|m| text.get(m.end()..).is_none_or(|rest| rest.is_empty() || rest.starts_with(['\n', '\u{c}', '\t', '|', '•', '·', ',', ';', ' '])))
        .filter(|m| text.get(m.end()..).is_none_or(|rest| !rest.trim_start_matches(' ').starts_with(|c: char| c.is_alphanumeric())))
        .filter(|m| !m.as_str().contains('.') || m.as_str().rsplit('.').next().is_some_and(|tail| tail.chars().any(|c| c.is_ascii_digit())))
        .filter(|m| !is_plain_word(m.as_str()))
        .map(|m| Entity::new(EntityKind::Handle, m.start(), m.end(), 0.8, "handle"))
        .collect()
}

/// "Actions", "Copilot": a capitalised dictionary-looking word is a product, not a username.
fn is_plain_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// A social profile named by a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// JSON Resume's network name: "LinkedIn", "GitHub", "GitLab", "Twitter", "X", "XING", "Stack Overflow"…
    pub network: &'static str,
    pub username: String,
    /// Byte range of the username inside the URL passed to [`profile_in_url`].
    pub username_range: std::ops::Range<usize>,
}

/// (host suffix, network, path prefix before the username).
const NETWORKS: &[(&str, &str, &[&str])] = &[
    ("linkedin.com", "LinkedIn", &["in/", "pub/"]),
    ("github.com", "GitHub", &[""]),
    ("gitlab.com", "GitLab", &[""]),
    ("twitter.com", "Twitter", &[""]),
    ("x.com", "X", &[""]),
    ("xing.com", "XING", &["profile/"]),
    ("stackoverflow.com", "Stack Overflow", &["users/"]),
    ("medium.com", "Medium", &["@"]),
    ("behance.net", "Behance", &[""]),
    ("dribbble.com", "Dribbble", &[""]),
    ("kaggle.com", "Kaggle", &[""]),
    ("bitbucket.org", "Bitbucket", &[""]),
];

/// The network and username of a profile URL ("https://www.linkedin.com/in/jane-doe/" →
/// LinkedIn, "jane-doe"); `None` for other URLs and for site pages that are no profile.
pub fn profile_in_url(url: &str) -> Option<Profile> {
    let lower = url.to_ascii_lowercase();
    let mut rest_at = 0;
    for scheme in ["https://", "http://"] {
        if lower.starts_with(scheme) {
            rest_at = scheme.len();
        }
    }
    let host_end = lower.get(rest_at..)?.find('/').map_or(lower.len(), |i| rest_at + i);
    let host = lower.get(rest_at..host_end)?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    for (suffix, network, prefixes) in NETWORKS {
        let on_site = host == *suffix || host.strip_suffix(suffix).is_some_and(|h| h.ends_with('.') && h.len() <= 4);
        if !on_site {
            continue;
        }
        let path_start = host_end.checked_add(1)?;
        let path = lower.get(path_start..)?;
        for prefix in *prefixes {
            let Some(after) = path.strip_prefix(prefix) else { continue };
            let name_len = after.find(['/', '?', '#']).unwrap_or(after.len());
            let start = path_start + prefix.len();
            let username = url.get(start..start + name_len)?;
            let reserved = ["in", "company", "jobs", "orgs", "about", "features", "search", "home", "pub", "school", "groups", "feed", "topics", "explore", "settings", "login", "share", "intent", "hashtag", "i"];
            let valid = !username.is_empty() && username.chars().all(|c| c.is_alphanumeric() || "-_.%".contains(c));
            if valid && !reserved.contains(&username.to_ascii_lowercase().as_str()) {
                return Some(Profile { network, username: username.to_string(), username_range: start..start + name_len });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = detect_urls(text).iter().map(|e| e.text(text)).collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn usernames_after_network_labels_are_handles() {
        let found = |text: &str| -> Vec<String> { detect_handles(text).iter().map(|e| e.text(text).to_string()).collect() };
        assert_eq!(found("E-mail: a@b.de • LinkedIn: avanbovenen • GitHub: avan_b2"), ["avanbovenen", "avan_b2"]);
        assert_eq!(found("LinkedIn\tafidan\nGitHub:\nmvanham\nLinkedIn  jdoe1"), ["afidan", "mvanham", "jdoe1"]);
        assert_eq!(found("\u{f0e0} ana@b.de\n\u{f08c} avanbovenen \u{f09b} avan_b2"), ["avanbovenen", "avan_b2"]);
        for text in ["\u{f08c} linkedin.com/in/x", "\u{f095} 0171 1234567", "LinkedIn: available on request", "LinkedIn: linkedin.com/in/x", "Experience with GitHub: Actions", "GitHub  Actions", "LinkedIn Learning", "linkedin-profile: x"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_url_wrapped_after_a_hyphen_goes_on_on_the_next_line() {
        let text = "see https://example.org/tools/word-\nlist-maker.git/ for it\nhttps://example.org/a-\nNext line\nhttps://example.org/b\nc";
        assert_eq!(urls(text), ["https://example.org/a-", "https://example.org/b", "https://example.org/tools/word-\nlist-maker.git/"]);
        let text = "www.linkedin.com/in/jroe-example8\n4 (LinkedIn)\nwww.example.org/jroe\n2019 (Blog)";
        assert_eq!(urls(text), ["www.example.org/jroe\n2019", "www.linkedin.com/in/jroe-example8\n4"]);
    }

    #[test]
    fn finds_schemed_www_and_profile_urls() {
        assert_eq!(urls("See https://janedoe.dev/blog?x=1."), vec!["https://janedoe.dev/blog?x=1"]);
        assert_eq!(urls("(www.resumementor.com)"), vec!["www.resumementor.com"]);
        assert_eq!(urls("linkedin.com/in/john-doe | github.com/jdoe"), vec!["github.com/jdoe", "linkedin.com/in/john-doe"]);
        assert_eq!(urls("LinkedIn: linkedin.com"), vec!["linkedin.com"]);
        assert_eq!(urls("portfolio: janedoe.dev/work"), vec!["janedoe.dev/work"]);
    }

    #[test]
    fn refuses_tech_names_and_email_domains() {
        for text in ["Node.js, ASP.NET, Vue.js", "ana@github.com", "version 1.2.3", "e.g. this", "Microsoft.com"] {
            assert!(urls(text).is_empty(), "{text}: {:?}", urls(text));
        }
    }

    #[test]
    fn finds_handles_but_not_email_parts() {
        let text = "Twitter: @jane_doe, mail ana@x.org, @2x, retina@3x, @1080p, @3_14159";
        let handles: Vec<&str> = detect_handles(text).iter().map(|e| e.text(text)).collect();
        assert_eq!(handles, vec!["@jane_doe", "@3_14159"]);
    }

    #[test]
    fn names_profiles_in_urls() {
        let p = profile_in_url("https://www.linkedin.com/in/jane-doe-123/").unwrap();
        assert_eq!((p.network, p.username.as_str()), ("LinkedIn", "jane-doe-123"));
        assert_eq!(&"https://www.linkedin.com/in/jane-doe-123/"[p.username_range], "jane-doe-123");
        assert_eq!(profile_in_url("github.com/JDoe").map(|p| p.username), Some("JDoe".into()));
        assert_eq!(profile_in_url("de.linkedin.com/in/max").map(|p| p.network), Some("LinkedIn"));
        assert_eq!(profile_in_url("x.com/jd").map(|p| p.network), Some("X"));
        assert_eq!(profile_in_url("https://www.xing.com/profile/Max_Mustermann").map(|p| p.username), Some("Max_Mustermann".into()));
        for other in ["linkedin.com", "linkedin.com/company/acme", "https://janedoe.dev/x", "box.com/jd", "github.com/"] {
            assert_eq!(profile_in_url(other), None, "{other}");
        }
    }
}
