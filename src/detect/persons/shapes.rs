//! How names are written, read from a line's tokens without knowing the names.
//!
//! A name is a run of capitalised words that are no known vocabulary ("Jane Q. Doe", "J.-P.
//! Roe", "Ana de la Cruz"), a surname with initials ("Doe JM", "Ste-Croix A-M", "Doe, J."), and
//! authors come in lists ("Doe J, Roe RM and Poe A") followed by what follows an author list: a
//! year, a quoted title, "et al.", a full stop. These shapes are what the person detector
//! ([`super`]) looks for after role cues, in author lists and on referee lines.

use crate::fold::fold;
use crate::lexicon::{headings, person_words as pw, words};

/// One token of a line: a word (letters and digits, with the dots, hyphens and apostrophes of
/// initials and names: "J.-P.", "Ste-Marie", "O'Neil") or one other character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub word: bool,
}

/// The tokens of `line`; whitespace separates and is dropped.
pub fn tokenize(line: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(line.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while let Some(&(_, ch)) = chars.get(j) {
                let prev = chars.get(j - 1).map_or(' ', |&(_, p)| p);
                let next_is_letter = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic());
                let inside = ch.is_alphanumeric()
                    || (ch == '.' && prev.is_alphabetic())
                    || (matches!(ch, '-' | '\'' | '’') && (prev.is_alphabetic() || prev == '.') && next_is_letter);
                if !inside {
                    break;
                }
                j += 1;
            }
        }
        let end = at(j);
        out.push(Tok { start, end, text: line.get(start..end).unwrap_or(""), word: c.is_alphanumeric() });
        i = j;
    }
    out
}

/// The folded word of a token, without a final dot or apostrophes ("Father's" → "fathers").
pub fn folded(t: &Tok) -> String {
    let f = fold(t.text.trim_end_matches('.'));
    if f.contains(['\'', '’']) {
        f.replace(['\'', '’'], "")
    } else {
        f
    }
}

/// "J", "J.", "RM", "A-S", "J.-P.", "É": one to three capital letters.
pub fn is_initials(t: &Tok) -> bool {
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    t.word && (1..=3).contains(&letters) && t.text.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
}

/// Initials written with a dot ("J.", "J.-P."), which cannot be an acronym.
fn is_dotted_initials(t: &Tok) -> bool {
    is_initials(t) && t.text.contains('.')
}

/// A lowercase name particle ("van", "de", "del").
pub fn is_particle(t: &Tok) -> bool {
    t.word && t.text.chars().all(char::is_lowercase) && pw::PARTICLES.contains(&t.text)
}

/// Longest honorific token ("Dipl.-Ing.").
const MAX_HONORIFIC_BYTES: usize = 10;

/// "Dr.", "Prof", "Frau": an honorific written before a name. Undotted capitals ("MS Office",
/// "DR Congo") are abbreviations of something else.
pub fn is_honorific(t: &Tok) -> bool {
    if !t.word || t.text.len() > MAX_HONORIFIC_BYTES {
        return false;
    }
    let f = folded(t);
    let dotted = t.text.ends_with('.');
    let capital = t.text.chars().next().is_some_and(char::is_uppercase);
    if !(capital || dotted && pw::LOWERCASE_HONORIFICS.contains(&f.as_str())) {
        return false;
    }
    pw::HONORIFICS.contains(&f.as_str())
        && (dotted || t.text.chars().skip(1).any(char::is_lowercase))
        && (dotted || !pw::HONORIFICS_NEEDING_DOT.contains(&f.as_str()))
}

/// A word that can be part of a name: capitalised, letters only, at least two of them, and no
/// word the lexicons know (a month, a job title, a school, a heading, a venue).
pub fn is_name_word(t: &Tok) -> bool {
    let core = t.text.trim_end_matches('.');
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let lower = core.chars().any(char::is_lowercase);
    t.word
        && core.chars().next().is_some_and(char::is_uppercase)
        && core.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && letters >= 2
        && (lower || letters >= 4)
        && !is_known_word(&folded(t))
}

/// "Roe's", "Roe’s": a name owning what follows, which is no part of the name.
pub fn is_possessive(t: &Tok) -> bool {
    t.text.ends_with("'s") || t.text.ends_with("’s")
}

fn is_known_word(f: &str) -> bool {
    pw::is_not_name_word(f) || words::word_class(f).is_some() || headings::key_word_kind(f).is_some()
}

/// Token index range and whether the name carries initials.
pub type Name = (usize, usize, bool);

/// A full name from token `i`: name words, inner initials and particles, the first a name word
/// or dotted initials, the last a name word, two to five of them ("Jane Q. Doe", "J. Doe").
pub fn full_name(toks: &[Tok], i: usize) -> Option<Name> {
    let mut j = i;
    while toks.get(j).is_some_and(is_particle) {
        j += 1;
    }
    let (mut count, mut last, mut initials) = (0usize, None, false);
    while let Some(t) = toks.get(j) {
        if count >= 5 {
            break;
        }
        if is_name_word(t) {
            last = Some((j + 1, count + 1, initials));
            // "Roe. A title": a full stop ends the name, and so does a possessive ("Ana Roe's
            // series").
            if t.text.ends_with('.') || is_possessive(t) {
                break;
            }
        } else if is_initials(t) && (count > 0 || is_dotted_initials(t)) {
            initials = true;
        } else if !(is_particle(t) && count > 0) {
            break;
        }
        if !is_particle(t) {
            count += 1;
        }
        j += 1;
    }
    let (end, count, initials) = last?;
    (count >= 2).then_some((i, end, initials))
}

/// A surname run: one to three name words, particles between or before them; a full stop ends
/// it ("Cruz. A title" is no "Cruz A").
fn surname(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = i;
    let mut names = 0;
    while let Some(t) = toks.get(j) {
        if is_name_word(t) && names < 3 {
            names += 1;
            if t.text.ends_with('.') || is_possessive(t) {
                return None;
            }
        } else if !is_particle(t) {
            break;
        }
        j += 1;
    }
    while j > i && toks.get(j - 1).is_some_and(is_particle) {
        j -= 1;
    }
    (names > 0).then_some(j)
}

/// Initials from token `i`, one or two tokens ("R A", "RM", "J.-P."); their end.
fn initials_run(toks: &[Tok], i: usize, dotted_or_single: bool) -> Option<usize> {
    let ok = |t: &Tok| is_initials(t) && (!dotted_or_single || is_dotted_initials(t) || t.text.chars().count() == 1);
    let mut j = i;
    while j < i + 2 && toks.get(j).is_some_and(ok) {
        j += 1;
    }
    (j > i).then_some(j)
}

/// "Doe JM", "Ste-Croix A-M", "Doe J.-P.": a surname then initials, not followed by another
/// name word ("Mary J. Blige" is a full name).
pub fn surname_initials(toks: &[Tok], i: usize) -> Option<Name> {
    surname_then_initials(toks, i).filter(|n| !toks.get(n.1).is_some_and(is_name_word))
}

fn surname_then_initials(toks: &[Tok], i: usize) -> Option<Name> {
    let j = surname(toks, i)?;
    let k = initials_run(toks, j, false)?;
    Some((i, k, true))
}

/// "Doe, J.", "Winter, A", "van Dijk, J. R.": a surname, a comma, initials.
pub fn surname_comma_initials(toks: &[Tok], i: usize) -> Option<Name> {
    let j = surname(toks, i)?;
    if toks.get(j).map(|t| t.text) != Some(",") {
        return None;
    }
    let k = initials_run(toks, j + 1, true)?;
    (!toks.get(k).is_some_and(is_name_word)).then_some((i, k, true))
}

/// "Roe, Jane;" / "Roe, Jane:" / "Roe, Jane (2020)": surname, comma, given name, as German
/// citation styles list authors; the semicolon, colon or bracket after the given name is what
/// tells it from a list of words ("Python, Java, SQL").
pub fn surname_comma_given(toks: &[Tok], i: usize) -> Option<Name> {
    let j = surname(toks, i)?;
    if toks.get(j).map(|t| t.text) != Some(",") || !toks.get(j + 1).is_some_and(is_name_word) {
        return None;
    }
    let closed = toks.get(j + 2).is_some_and(|t| matches!(t.text, ";" | ":" | "("));
    closed.then_some((i, j + 2, false))
}

/// One author: surname and initials in either order, "Surname, Given;", or a full name.
pub fn author(toks: &[Tok], i: usize) -> Option<Name> {
    surname_initials(toks, i).or_else(|| surname_comma_initials(toks, i)).or_else(|| surname_comma_given(toks, i)).or_else(|| full_name(toks, i))
}

/// One author of a list whose previous author was `previous`: after "Doe J," a surname and
/// initials keep that style even before a capitalised title ("Roe P. Ecological …"), which
/// alone would read as a full name.
pub fn author_in_list(toks: &[Tok], i: usize, previous: Option<Name>) -> Option<Name> {
    let surname_first = previous.is_some_and(|(s, e, _)| toks.get(s).is_some_and(is_name_word) && e > 0 && toks.get(e - 1).is_some_and(is_initials));
    match surname_first {
        true => surname_then_initials(toks, i).or_else(|| author(toks, i)).or_else(|| word_surname_initials(toks, i)),
        false => author(toks, i),
    }
}

/// "Formation J" inside a list of "Doe J" authors: a capitalised word the lexicons know (a
/// heading, a title word) is a surname too when initials follow it and a separator or the
/// list's tail follows them; the list's style vouches for it.
fn word_surname_initials(toks: &[Tok], i: usize) -> Option<Name> {
    let t = toks.get(i)?;
    let letters_only = t.text.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    let capitalised = t.text.chars().next().is_some_and(char::is_uppercase) && t.text.chars().any(char::is_lowercase);
    if !(t.word && letters_only && capitalised && !pw::is_not_name_word(&folded(t))) {
        return None;
    }
    let k = initials_run(toks, i + 1, false)?;
    let closes = separator(toks, k).is_some() || tail(toks, k) == Tail::Strong;
    closes.then_some((i, k, true))
}

/// Words that join the names of a list.
const AND_WORDS: [&str; 9] = ["and", "und", "et", "y", "e", "en", "i", "og", "och"];

/// "and", "und", "et"…: a word joining the last name of a list.
pub fn is_and_word(t: &Tok) -> bool {
    t.word && AND_WORDS.contains(&t.text)
}

fn is_et_al(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.text == "et") && toks.get(i + 1).is_some_and(|t| t.text.trim_end_matches('.') == "al")
}

/// The token after a list separator at `i` (", ", "; ", " & ", " and ", ", and "), if one is there.
pub fn separator(toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    let and_word = |j: usize| toks.get(j).is_some_and(is_and_word) && !is_et_al(toks, j);
    if matches!(t.text, "," | ";" | "&" | "/") {
        return Some(if and_word(i + 1) || toks.get(i + 1).is_some_and(|t| t.text == "&") { i + 2 } else { i + 1 });
    }
    and_word(i).then_some(i + 1)
}

/// What follows a list of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tail {
    /// Something no author list is followed by.
    None,
    /// The end of the line, or a full stop or colon and then a title.
    Weak,
    /// A year, a parenthesis, a quoted title or "et al.".
    Strong,
}

fn is_opening(t: &Tok) -> bool {
    matches!(t.text, "(" | "[" | "“" | "\"" | "«" | "„" | "‘" | "'" | "”") || (t.word && t.text.starts_with(|c: char| c.is_ascii_digit()))
}

/// What follows a list whose last token ends before token `e`.
pub fn tail(toks: &[Tok], e: usize) -> Tail {
    let ended_with_dot = e > 0 && toks.get(e - 1).is_some_and(|t| t.text.ends_with('.'));
    let Some(t) = toks.get(e) else { return Tail::Weak };
    if is_et_al(toks, e) || is_opening(t) {
        return Tail::Strong;
    }
    if matches!(t.text, "." | ":" | "," | ";") {
        return match toks.get(e + 1) {
            None => Tail::Weak,
            Some(n) if is_opening(n) || is_et_al(toks, e + 1) => Tail::Strong,
            Some(_) if matches!(t.text, "." | ":") => Tail::Weak,
            Some(_) => Tail::None,
        };
    }
    if ended_with_dot && t.word && t.text.starts_with(char::is_uppercase) {
        return Tail::Weak;
    }
    Tail::None
}

/// A list of names read by `item` (given the name before) from token `i`, and what follows it.
pub fn name_list(toks: &[Tok], i: usize, item: impl Fn(&[Tok], usize, Option<Name>) -> Option<Name>) -> (Vec<Name>, Tail) {
    let mut names = Vec::new();
    let mut at = i;
    let mut previous = None;
    while let Some(name) = item(toks, at, previous) {
        names.push(name);
        previous = Some(name);
        match separator(toks, name.1).filter(|&next| item(toks, next, previous).is_some()) {
            Some(next) => at = next,
            None => break,
        }
    }
    let end = names.last().map_or(i, |n| n.1);
    let tail = if names.is_empty() { Tail::None } else { tail(toks, end) };
    (names, tail)
}

/// Byte range of a name in its line: its tokens, without the full stop of a last name word.
pub fn byte_range(toks: &[Tok], name: Name) -> Option<(usize, usize)> {
    let first = toks.get(name.0)?;
    let last = toks.get(name.1.checked_sub(1)?)?;
    let end = if is_initials(last) {
        last.end
    } else if is_possessive(last) {
        // "Roe’s": the name without the possessive ending.
        last.end - last.text.chars().rev().take(2).map(char::len_utf8).sum::<usize>()
    } else {
        last.end - (last.text.len() - last.text.trim_end_matches('.').len())
    };
    Some((first.start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str, names: &[Name]) -> Vec<String> {
        let toks = tokenize(line);
        names.iter().filter_map(|&n| byte_range(&toks, n)).map(|(s, e)| line[s..e].to_string()).collect()
    }

    fn list(line: &str) -> (Vec<String>, Tail) {
        let toks = tokenize(line);
        let (names, tail) = name_list(&toks, 0, author_in_list);
        (texts(line, &names), tail)
    }

    #[test]
    fn tokens_keep_initials_and_compound_names_whole() {
        let toks: Vec<&str> = tokenize("Doe J.-P., Ste-Croix A-M & O'Neil (2019).").iter().map(|t| t.text).collect();
        assert_eq!(toks, ["Doe", "J.-P.", ",", "Ste-Croix", "A-M", "&", "O'Neil", "(", "2019", ")", "."]);
    }

    #[test]
    fn author_lists_in_the_usual_styles() {
        assert_eq!(list("Doe J, Roe RM, Poe A-S (2020) A title"), (vec!["Doe J".into(), "Roe RM".into(), "Poe A-S".into()], Tail::Strong));
        assert_eq!(list("Doe, J., Roe, R. & Van Poe, A. (2019). Title."), (vec!["Doe, J.".into(), "Roe, R.".into(), "Van Poe, A.".into()], Tail::Strong));
        assert_eq!(list("J. Doe and R. Roe, “A title,” Journal"), (vec!["J. Doe".into(), "R. Roe".into()], Tail::Strong));
        assert_eq!(list("Jane Doe, Richard Roe and Ana de la Cruz. A title"), (vec!["Jane Doe".into(), "Richard Roe".into(), "Ana de la Cruz".into()], Tail::Weak));
        assert_eq!(list("Doe, A et al. (2015). Title"), (vec!["Doe, A".into()], Tail::Strong));
        assert_eq!(list("Quist R A, Brûlé É"), (vec!["Quist R A".into(), "Brûlé É".into()], Tail::Weak));
        assert_eq!(list("Quist R, Varga T. Tidal Flats Revisited."), (vec!["Quist R".into(), "Varga T.".into()], Tail::Weak));
        assert_eq!(list("Quist R, Varga T. L’estran. Oikos."), (vec!["Quist R".into(), "Varga T.".into()], Tail::Weak));
        // A known word is a surname inside a list of that style, not at its head.
        assert_eq!(list("Quist E, Varga RM, Formation J, Okafor P (2023) Title"), (vec!["Quist E".into(), "Varga RM".into(), "Formation J".into(), "Okafor P".into()], Tail::Strong));
        assert!(list("Formation J, Quist E (2023) Title").0.len() < 2);
    }

    #[test]
    fn titles_venues_and_sentences_are_not_names() {
        assert_eq!(list("Journal of Applied Things, 12(3)").0, Vec::<String>::new());
        assert_eq!(list("Senior Engineer at Acme").1, Tail::None);
        assert!(list("Python, Java, SQL").0.is_empty());
        assert_eq!(list("Climate Change, Ocean Warming and more").1, Tail::None);
        let toks = tokenize("University of Lyon");
        assert!(full_name(&toks, 0).is_none());
        let toks = tokenize("Ana Roe's Dental Care");
        assert_eq!(full_name(&toks, 0), Some((0, 2, false)));
        let toks = tokenize("Mary J. Blige");
        assert!(surname_initials(&toks, 0).is_none() && full_name(&toks, 0) == Some((0, 3, true)));
    }

    #[test]
    fn honorifics_need_their_dot_when_ambiguous() {
        let toks = tokenize("Dr Prof. Pr Pr. Sig MS MR.");
        let got: Vec<bool> = toks.iter().map(is_honorific).collect();
        assert_eq!(got, [true, true, false, true, false, false, true]);
    }
}
