//! Every written variant of the candidate's name.
//!
//! Once the candidate's name is known (from the caller, the parsed profile or the header), it is
//! not enough to remove that exact string: CVs repeat the surname alone in footers, write it in
//! capitals, as "J. Smith" or "Smith, John", letter-spaced ("J O H N"), and inside e-mail local
//! parts, handles and profile URLs ("jsmith@…", "linkedin.com/in/john-smith"), user names built
//! from the initials and surnames ("jbeldareyes", "lvandekooij2"), and German names spelt out
//! without umlauts ("Müller" → "mueller"). This finds them all, case- and accent-insensitively,
//! on the folded text.

use crate::fold::{fold_str, Folded};
use crate::entities::candidate::NAME_VARIANT_DETECTOR as DETECTOR;
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::limits::Budget;

/// Name particles that are never matched alone ("de", "van"…).
const PARTICLES: &[&str] = &["de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "ter", "ten", "la", "le", "du", "des", "bin", "al", "el", "y", "e", "zu"];

/// Tokens shorter than this are only matched as initials.
const MIN_TOKEN_CHARS: usize = 2;
/// Tokens at least this long are also looked for inside e-mail addresses, handles and URLs.
const MIN_EMBEDDED_CHARS: usize = 3;

/// The candidate's name, prepared for matching.
#[derive(Debug, Clone)]
pub struct NameVariants {
    /// Folded tokens matched as words (first, middle, last names).
    tokens: Vec<Vec<char>>,
    /// Folded first letters of every token, for "J. Smith".
    initials: Vec<char>,
}

impl NameVariants {
    /// `None` when the name has no token worth matching.
    pub fn new(name: &str) -> Option<Self> {
        let words = despace(name);
        let mut tokens: Vec<Vec<char>> = Vec::new();
        let mut initials = Vec::new();
        for word in words.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '.') {
            let folded = fold_str(word);
            let Some(&first) = folded.first() else { continue };
            if !first.is_alphanumeric() {
                continue;
            }
            initials.push(first);
            let as_string: String = folded.iter().collect();
            if folded.len() >= MIN_TOKEN_CHARS && !PARTICLES.contains(&as_string.as_str()) {
                for spelling in [folded, transliterated(word)] {
                    if !tokens.contains(&spelling) {
                        tokens.push(spelling);
                    }
                }
            }
        }
        (!tokens.is_empty()).then_some(NameVariants { tokens, initials })
    }

    /// Every variant in the text behind `folded`.
    pub fn find(&self, text: &str, folded: &Folded, budget: &mut Budget) -> Result<Vec<Entity>> {
        let mut found = Vec::new();
        for token in &self.tokens {
            for (s, e) in folded.find_all(token, budget)? {
                budget.spend(1)?;
                let (cs, ce) = chunk_around(folded, s, e);
                let linky = linky_kind(folded, cs, ce, e).map(|kind| (kind, trim_chunk(folded, cs, ce)));
                let chunk = linky.or_else(|| {
                    let (hs, he) = handle_around(folded, s, e);
                    self.handle_like(text, folded, hs, he, token.len()).map(|kind| (kind, (hs, he)))
                });
                if let Some((kind, (cs, ce))) = chunk.filter(|_| token.len() >= MIN_EMBEDDED_CHARS) {
                    if let Some((start, end)) = folded.byte_range(cs, ce) {
                        found.push(Entity::new(kind, start, end, 0.9, DETECTOR));
                    }
                    continue;
                }
                if !folded.is_whole_word(s, e) || !starts_upper(text, folded, s) {
                    continue;
                }
                let s = self.extend_left(folded, s);
                let e = self.extend_right(folded, e);
                if let Some((start, end)) = folded.byte_range(s, e) {
                    found.push(Entity::new(EntityKind::Person, start, end, 0.95, DETECTOR));
                }
            }
            self.find_letter_spaced(token, folded, budget, &mut found)?;
        }
        crate::sort::sort_by_key(&mut found, |e| (e.start, e.end));
        found.dedup_by(|a, b| a.start == b.start && a.end == b.end);
        Ok(join_across_particles(text, found))
    }

    /// "J O H N": the token's letters separated by spaces, as a whole word.
    fn find_letter_spaced(&self, token: &[char], folded: &Folded, budget: &mut Budget, found: &mut Vec<Entity>) -> Result<()> {
        let Some(&first) = token.first() else { return Ok(()) };
        if token.len() < 3 {
            return Ok(());
        }
        budget.spend(folded.chars.len() as u64 / 8)?;
        for i in 0..folded.chars.len() {
            if folded.chars.get(i) != Some(&first) || (i > 0 && folded.is_word_char(i - 1)) {
                continue;
            }
            let mut t = i + 1;
            let mut ok = true;
            for want in token.iter().skip(1) {
                let gap = t;
                while folded.chars.get(t) == Some(&' ') {
                    t += 1;
                }
                if t == gap || folded.chars.get(t) != Some(want) {
                    ok = false;
                    break;
                }
                t += 1;
            }
            if ok && !folded.is_word_char(t) {
                if let Some((start, end)) = folded.byte_range(i, t) {
                    found.push(Entity::new(EntityKind::Person, start, end, 0.9, DETECTOR));
                }
            }
        }
        Ok(())
    }

    /// Take in preceding initials: "J. Smith", "J.K. Smith", "J Smith".
    fn extend_left(&self, folded: &Folded, mut s: usize) -> usize {
        for _ in 0..3 {
            let mut t = s;
            while t > 0 && folded.chars.get(t - 1) == Some(&' ') {
                t -= 1;
            }
            let dot = t > 0 && folded.chars.get(t - 1) == Some(&'.');
            if dot {
                t -= 1;
            }
            if (t == s) || t == 0 {
                return s;
            }
            let letter = t - 1;
            let is_initial = folded.chars.get(letter).is_some_and(|c| self.initials.contains(c))
                && (letter == 0 || !folded.is_word_char(letter - 1));
            if !is_initial {
                return s;
            }
            s = letter;
        }
        s
    }

    /// Take in a trailing initial after a comma, "Smith, J.", or a surname's initial with its
    /// full stop after a space, "Jane R." (how a CV signs off or shortens its author's name).
    fn extend_right(&self, folded: &Folded, e: usize) -> usize {
        let mut t = e;
        if folded.chars.get(t) == Some(&' ') && folded.chars.get(t + 1).is_some_and(|c| self.initials.contains(c)) && folded.chars.get(t + 2) == Some(&'.') && !folded.is_word_char(t + 3) {
            return t + 3;
        }
        if folded.chars.get(t) != Some(&',') {
            return e;
        }
        t += 1;
        while folded.chars.get(t) == Some(&' ') {
            t += 1;
        }
        let initial = folded.chars.get(t).is_some_and(|c| self.initials.contains(c)) && !folded.is_word_char(t + 1);
        if !initial {
            return e;
        }
        if folded.chars.get(t + 1) == Some(&'.') {
            t + 2
        } else {
            t + 1
        }
    }
}

/// "P E T A R   F L A N T Z" → "PETAR FLANTZ": single letters separated by single spaces are one
/// word, two or more spaces separate words.
fn despace(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    if parts.len() < 3 || !parts.iter().all(|p| p.chars().count() == 1) {
        return name.to_string();
    }
    name.split("  ").map(|w| w.split_whitespace().collect::<String>()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The whitespace-delimited run of folded chars around `s..e`.
fn chunk_around(folded: &Folded, s: usize, e: usize) -> (usize, usize) {
    let mut cs = s;
    while cs > 0 && folded.chars.get(cs - 1).is_some_and(|c| !c.is_whitespace()) {
        cs -= 1;
    }
    let mut ce = e;
    while folded.chars.get(ce).is_some_and(|c| !c.is_whitespace()) {
        ce += 1;
    }
    (cs, ce)
}

/// The user-name-like run around folded chars `s..e`: letters, digits and `.` `_` `-` inside, so
/// a handle in a field or in brackets ("[Name:j.doe]", "(jdoe42)") stands alone.
fn handle_around(folded: &Folded, s: usize, e: usize) -> (usize, usize) {
    let part = |i: usize| folded.chars.get(i).is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let mut hs = s;
    while hs > 0 && part(hs - 1) {
        hs -= 1;
    }
    let mut he = e;
    while part(he) {
        he += 1;
    }
    while he > e && folded.chars.get(he - 1).is_some_and(|c| matches!(c, '.' | '_' | '-')) {
        he -= 1;
    }
    (hs, he)
}

/// What a chunk is when it is an e-mail address, handle or URL; `token_end` is where the name
/// token found in it ends.
fn linky_kind(folded: &Folded, cs: usize, ce: usize, token_end: usize) -> Option<EntityKind> {
    let whole: String = folded.chars.get(cs..ce)?.iter().collect();
    let chunk = whole.trim_start_matches(['(', '<', '[']);
    if chunk.starts_with('@') {
        Some(EntityKind::Handle)
    } else if chunk.contains('@') {
        Some(EntityKind::Email)
    } else if chunk.contains('/') || chunk.starts_with("www.") || has_domain(chunk) || named_domain(&whole, token_end.saturating_sub(cs)) {
        Some(EntityKind::Url)
    } else {
        None
    }
}

impl NameVariants {
    /// A bare user name built on the name: "gmancuso15", "jsmith" (lower case, and with digits or
    /// at most two letters more than the name token), or made of the name's parts alone
    /// ([`NameVariants::composed`]).
    fn handle_like(&self, text: &str, folded: &Folded, cs: usize, ce: usize, token_len: usize) -> Option<EntityKind> {
        let (start, end) = folded.byte_range(cs, ce)?;
        let word = text.get(start..end)?;
        let chars = word.chars().count();
        let plain = word.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let composed = || folded.chars.get(cs..ce).is_some_and(|w| self.composed(w));
        (plain && chars > token_len && (has_digit || chars <= token_len + 2 || composed())).then_some(EntityKind::Handle)
    }

    /// Whether `word` (folded) is written with the name's parts only: an initial first, then
    /// names and particles, the last one possibly cut short, then digits ("jbeldareyes",
    /// "lvandekooij", "lvieirasampai58", "smith.j"), with at least two parts and one whole name.
    fn composed(&self, word: &[char]) -> bool {
        let core_len = word.len() - word.iter().rev().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '-')).count();
        let core = word.get(..core_len).unwrap_or(&[]);
        core.len() >= 4 && self.composed_from(core, 0, 0, false)
    }

    fn composed_from(&self, core: &[char], mut at: usize, parts: usize, whole: bool) -> bool {
        let separated = at > 0 && core.get(at - 1).is_some_and(|c| matches!(c, '.' | '_' | '-'));
        while core.get(at).is_some_and(|c| matches!(c, '.' | '_' | '-')) {
            at += 1;
        }
        let rest = core.get(at..).unwrap_or(&[]);
        if rest.is_empty() {
            return parts >= 2 && whole;
        }
        if parts >= 6 {
            return false;
        }
        for token in &self.tokens {
            if rest.starts_with(token) && self.composed_from(core, at + token.len(), parts + 1, whole || token.len() >= MIN_EMBEDDED_CHARS) {
                return true;
            }
            // A long surname cut short at the end ("sampai" for "Sampaio").
            if whole && rest.len() >= 4 && rest.len() < token.len() && token.starts_with(rest) {
                return true;
            }
        }
        for particle in PARTICLES {
            let p: Vec<char> = particle.chars().collect();
            if rest.starts_with(&p) && self.composed_from(core, at + p.len(), parts + 1, whole) {
                return true;
            }
        }
        // An initial opens the name, or closes it after a separator ("smith.j").
        let initial_here = (at == 0 || (separated && rest.len() == 1)) && rest.first().is_some_and(|c| self.initials.contains(c));
        initial_here && self.composed_from(core, at + 1, parts + 1, whole)
    }
}

/// Two parts of the name with only a particle between them on one line ("M A R I A  D A
/// C O S T A", letter-spaced, where each part is found on its own) are one name.
fn join_across_particles(text: &str, found: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(found.len());
    for e in found {
        if let Some(last) = out.last_mut() {
            let between = text.get(last.end..e.start).unwrap_or("\n");
            let letters: String = between.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
            let joins = last.kind == EntityKind::Person && e.kind == EntityKind::Person && e.start >= last.end && !between.contains('\n');
            if joins && PARTICLES.contains(&letters.as_str()) {
                last.end = e.end;
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// German names spelt without umlauts: "Müller" → "mueller", "Weiß" → "weiss" (folded).
fn transliterated(word: &str) -> Vec<char> {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            _ => out.push(c),
        }
    }
    fold_str(&out)
}

/// A host name built on the name under any top-level domain ("doe.blog", "jane-doe.design"):
/// the name stands before the last dot, and after it 2 to 12 letters. ("j.doe" is the name
/// with an initial, not a domain.)
fn named_domain(chunk: &str, token_end: usize) -> bool {
    let trimmed = chunk.trim_end_matches(['.', ',', ';', ')']);
    let Some((host, tld)) = trimmed.rsplit_once('.') else { return false };
    (2..=12).contains(&tld.chars().count()) && tld.chars().all(|c| c.is_ascii_lowercase()) && host.chars().count() >= token_end
}

fn has_domain(chunk: &str) -> bool {
    [".com", ".org", ".net", ".io", ".dev", ".me", ".de", ".fr", ".es", ".it", ".nl", ".pl", ".in", ".br", ".co.uk", ".uk"]
        .iter()
        .any(|tld| chunk.trim_end_matches(['.', ',', ';', ')']).ends_with(tld))
}

/// Drop surrounding brackets and trailing punctuation from a chunk.
fn trim_chunk(folded: &Folded, mut cs: usize, mut ce: usize) -> (usize, usize) {
    while cs < ce && folded.chars.get(cs).is_some_and(|c| matches!(c, '(' | '<' | '[' | '"' | '\'')) {
        cs += 1;
    }
    while ce > cs && folded.chars.get(ce - 1).is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | ')' | '>' | ']' | '"' | '\'' | '|')) {
        ce -= 1;
    }
    (cs, ce)
}

/// Whether the original text at folded index `s` starts with an upper-case letter (or a digit):
/// a lower-case "will" or "rose" in a sentence is not the name Will or Rose.
fn starts_upper(text: &str, folded: &Folded, s: usize) -> bool {
    let Some(&(start, _)) = folded.spans.get(s) else { return false };
    text.get(start..).and_then(|t| t.chars().next()).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn variants(name: &str, text: &str) -> Vec<(EntityKind, String)> {
        let mut budget = Budget::new(&Limits::default());
        let folded = Folded::new(text, &mut budget).unwrap();
        NameVariants::new(name)
            .unwrap()
            .find(text, &folded, &mut budget)
            .unwrap()
            .into_iter()
            .map(|e| (e.kind, e.text(text).to_string()))
            .collect()
    }

    #[test]
    fn finds_tokens_initials_and_case_variants() {
        let found = variants("John Smith", "JOHN SMITH\nRef: J. Smith; Smith, J. and smith-work; John");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["JOHN", "SMITH", "J. Smith", "Smith, J.", "John"]);
    }

    #[test]
    fn takes_in_a_surname_initial_after_the_given_name() {
        let found = variants("Jane Roe", "Signed: Jane R.\nJane Rabbit; Jane R.D. Mayer; Jane A.");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Jane R.", "Jane", "Jane", "Jane"]);
    }

    #[test]
    fn finds_names_inside_emails_handles_and_urls() {
        let found = variants("John Smith", "Mail jsmith@example.org, see linkedin.com/in/john-smith or @johnsmith.");
        assert_eq!(
            found,
            [
                (EntityKind::Email, "jsmith@example.org".to_string()),
                (EntityKind::Url, "linkedin.com/in/john-smith".to_string()),
                (EntityKind::Handle, "@johnsmith".to_string()),
            ]
        );
    }

    #[test]
    fn finds_personal_domains_under_any_top_level_domain() {
        let found = variants("Ilse Marchetti", "Blog: marchetti.blog | ilse-marchetti.design | I. Marchetti");
        assert_eq!(found[0], (EntityKind::Url, "marchetti.blog".to_string()));
        assert_eq!(found[1], (EntityKind::Url, "ilse-marchetti.design".to_string()));
        assert!(!found.iter().any(|(k, t)| *k == EntityKind::Url && t.contains("I.")));
    }

    #[test]
    fn finds_bare_user_names_built_on_the_name() {
        let found = variants("Giusy Mancuso", "gmancuso15\nmancusoite\nMancusos Bakery");
        assert_eq!(found, [(EntityKind::Handle, "gmancuso15".to_string())]);
    }

    #[test]
    fn finds_user_names_made_of_the_name_parts() {
        let found = variants("Jorge Belda Reyes", "jbeldareyes\nreyes.j\nbeldareyesx\nreyesbelda\nreyesbeldas");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["jbeldareyes", "reyes.j", "reyesbelda"]);
        let found = variants("Lia van de Kooij", "lvandekooij7 and vandekooij");
        assert_eq!(found, [(EntityKind::Handle, "lvandekooij7".to_string()), (EntityKind::Handle, "vandekooij".to_string())]);
        let found = variants("Luca Vieira Sampaio", "lvieirasampai58 | vieirasam");
        assert_eq!(found, [(EntityKind::Handle, "lvieirasampai58".to_string())]);
        // A word that only holds the name is no user name built on it.
        assert!(variants("Ana Rose", "The roses bloomed; arosebush").iter().all(|(_, t)| t != "arosebush"));
    }

    #[test]
    fn finds_user_names_in_fields_and_brackets() {
        let found = variants("J. Doeberg", "[Name:j.doeberg]\n(doebergj), and jdoeberg.");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["j.doeberg", "doebergj", "jdoeberg"]);
    }

    #[test]
    fn finds_names_spelt_without_umlauts() {
        let found = variants("Jörg Müller", "MUELLER, J.\nmail: jmueller@x.de\nmueller_j");
        assert_eq!(
            found,
            [
                (EntityKind::Person, "MUELLER, J.".to_string()),
                (EntityKind::Email, "jmueller@x.de".to_string()),
                (EntityKind::Handle, "mueller_j".to_string()),
            ]
        );
    }

    #[test]
    fn finds_letter_spaced_and_accent_variants() {
        let found = variants("P E T A R   F L A N T Z", "P E T A R   F L A N T Z\nHerr Flantz");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["P E T A R", "F L A N T Z", "Flantz"]);
        let found = variants("Zoë Müller", "ZOE MULLER, zoe");
        assert_eq!(found.len(), 2);
        // A particle between the letter-spaced parts goes with them.
        let found = variants("Rita da Lomba", "R I T A  D A  L O M B A\nRita da Lomba");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts[0], "R I T A  D A  L O M B A");
    }

    #[test]
    fn lower_case_words_and_particles_are_left_alone() {
        assert!(variants("Will Rose van Dam", "I will grow a rose and go to the van.").is_empty());
        assert!(NameVariants::new(" . ").is_none());
    }
}
