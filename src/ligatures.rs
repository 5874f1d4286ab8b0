//! The Latin typographic ligatures U+FB00–FB06 and the letters they stand for.
//!
//! PDFs often carry "ﬁ" as one code; every consumer (extraction, matching,
//! later the featurizer) must see "fi", so the table lives in one place.

/// The letters a ligature stands for, or `None` for any other character.
pub fn letters(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
}

/// `text` with every ligature expanded (borrowed unchanged when it has none).
pub fn expand(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| letters(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match letters(c) {
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn expands_every_latin_ligature() {
        assert_eq!(super::expand("\u{FB00}\u{FB01}\u{FB02}\u{FB03}\u{FB04}\u{FB06}"), "fffiflffifflst");
        assert!(matches!(super::expand("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
