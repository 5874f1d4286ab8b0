//! A byte-exact scan of the XML inside DOCX and ODT, for rewriting it in place.
//!
//! The extractors' reader ([`crate::extract`]) decodes; a rewriter needs the opposite: where each
//! tag, attribute value and character sits in the bytes, so that an edit changes exactly those
//! bytes and leaves every other one as the writer of the file left it. The scan is flat (no
//! tree), charges its tokens to the budget and never fails: malformed markup ends the scan, and
//! the safety check on the re-read output catches whatever that leaves.

use super::locate::{apply, Edit, Needles, Source};
use crate::error::Result;
use crate::extract::resolve_xml_reference;
use crate::limits::Budget;

/// One token of the scan; ranges are byte offsets into the XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag (`empty` for `<a/>`); `name` is the qualified name.
    Open { name: &'a str, start: usize, end: usize, empty: bool },
    Close { name: &'a str, start: usize, end: usize },
    Text { start: usize, end: usize },
    /// Comments, processing instructions, DOCTYPE, CDATA.
    Other { start: usize, end: usize },
}

/// All tokens of `xml`.
pub fn tokens<'a>(xml: &'a str, budget: &mut Budget) -> Result<Vec<Token<'a>>> {
    scan(xml, false, budget)
}

/// All tokens of an HTML page: the content of `script` and `style` is one `Other` token (it may
/// hold `<` that opens no tag).
pub fn html_tokens<'a>(html: &'a str, budget: &mut Budget) -> Result<Vec<Token<'a>>> {
    scan(html, true, budget)
}

fn scan<'a>(xml: &'a str, html: bool, budget: &mut Budget) -> Result<Vec<Token<'a>>> {
    let bytes = xml.as_bytes();
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < bytes.len() {
        if bytes[at] != b'<' {
            let end = memchr(bytes, b'<', at).unwrap_or(bytes.len());
            out.push(Token::Text { start: at, end });
            at = end;
            continue;
        }
        let rest = &xml[at..];
        let close = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<![CDATA[") {
            rest.find("]]>").map(|i| i + 3)
        } else {
            tag_end(bytes, at).map(|e| e - at)
        };
        let Some(len) = close else { break };
        let end = at + len;
        let tag = &xml[at..end];
        if tag.starts_with("<!") || tag.starts_with("<?") {
            out.push(Token::Other { start: at, end });
        } else if let Some(name) = tag.strip_prefix("</") {
            out.push(Token::Close { name: name.trim_end_matches('>').trim(), start: at, end });
        } else {
            let inner = &tag[1..tag.len() - 1];
            let empty = inner.ends_with('/');
            let name_end = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
            let name = &inner[..name_end];
            out.push(Token::Open { name, start: at, end, empty });
            if html && !empty && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
                let close = format!("</{}", name.to_ascii_lowercase());
                let raw_end = xml[end..].to_ascii_lowercase().find(&close).map_or(xml.len(), |i| end + i);
                out.push(Token::Other { start: end, end: raw_end });
                at = raw_end;
                continue;
            }
        }
        at = end;
    }
    budget.spend(out.len() as u64 + xml.len() as u64 / 64)?;
    Ok(out)
}

fn memchr(bytes: &[u8], b: u8, from: usize) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&c| c == b).map(|i| i + from)
}

/// The end (exclusive) of the tag starting at `at`, skipping `>` inside quoted attribute values.
fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(at + 1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// The attributes of the tag at `start..end`: qualified name, the whole attribute's range
/// (with its leading space) and the value's range (inside the quotes).
pub fn attributes(xml: &str, start: usize, end: usize) -> Vec<(&str, (usize, usize), (usize, usize))> {
    let bytes = xml.as_bytes();
    let mut out = Vec::new();
    let mut i = start + 1;
    while i < end && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    loop {
        let space = i;
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let name_start = i;
        while i < end && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == name_start {
            break;
        }
        let name = &xml[name_start..i];
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&q) = bytes.get(i).filter(|q| **q == b'"' || **q == b'\'') else { break };
        let Some(close) = memchr(bytes, q, i + 1).filter(|&c| c < end) else { break };
        out.push((name, (space, close + 1), (i + 1, close)));
        i = close + 1;
    }
    out
}

/// The characters of XML text (or an attribute value) at `start..end`, references decoded, each
/// with its source range; unknown references stay as written.
pub fn decode(xml: &str, start: usize, end: usize, into: &mut Source) {
    let Some(text) = xml.get(start..end) else { return };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '&' {
            let window = &text.as_bytes()[i..(i + 13).min(text.len())];
            if let Some(semi) = window.iter().position(|&b| b == b';') {
                if let Some(decoded) = text.get(i + 1..i + semi).and_then(resolve_xml_reference) {
                    into.push(decoded, start + i, start + i + semi + 1);
                    while iter.peek().is_some_and(|&(j, _)| j <= i + semi) {
                        iter.next();
                    }
                    continue;
                }
            }
        }
        into.push(c, start + i, start + i + c.len_utf8());
    }
}

/// XML escaping for text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The local part of a qualified name (`p` for `w:p`).
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Index of the close token matching the open at `open` (the last token if the part is cut).
pub fn matching_close(toks: &[Token], open: usize) -> usize {
    let Token::Open { name, .. } = toks[open] else { return open };
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match *t {
            Token::Open { name: n, empty: false, .. } if n == name => depth += 1,
            Token::Close { name: n, .. } if n == name => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    toks.len() - 1
}

/// An edit deleting the element opening at token `open` (its content too), and the index of
/// the token after it.
pub fn delete_element(toks: &[Token], open: usize) -> (Edit, usize) {
    let (start, empty) = match toks[open] {
        Token::Open { start, empty, .. } => (start, empty),
        _ => return (Edit::delete(0, 0), open + 1),
    };
    let close = if empty { open } else { matching_close(toks, open) };
    (Edit::delete(start, token_end(&toks[close])), close + 1)
}

/// Where a token ends.
pub fn token_end(t: &Token) -> usize {
    match *t {
        Token::Open { end, .. } | Token::Close { end, .. } | Token::Text { end, .. } | Token::Other { end, .. } => end,
    }
}

/// The value, as written, of the first attribute named one of `names`.
pub fn attribute(xml: &str, start: usize, end: usize, names: &[&str]) -> Option<String> {
    attributes(xml, start, end).into_iter().find(|a| names.contains(&a.0)).and_then(|a| xml.get(a.2 .0..a.2 .1)).map(str::to_string)
}

/// Text of the elements named in `fields` (every element when `None`) deleted, and the removed
/// strings searched in the rest (a producer naming the company, say).
pub fn clear_fields(xml: &str, fields: Option<&[&str]>, needles: &mut Needles, budget: &mut Budget) -> Result<Vec<u8>> {
    let toks = tokens(xml, budget)?;
    let mut inside = 0usize;
    let mut edits = Vec::new();
    for t in &toks {
        match *t {
            Token::Open { name, empty: false, .. } if fields.is_none_or(|f| f.contains(&local(name))) => inside += 1,
            Token::Close { name, .. } if fields.is_none_or(|f| f.contains(&local(name))) => inside = inside.saturating_sub(1),
            Token::Text { start, end } if inside > 0 => edits.push(Edit::delete(start, end)),
            Token::Text { start, end } => {
                let mut source = Source::default();
                decode(xml, start, end, &mut source);
                edits.extend(needles.locate(&source, budget)?);
            }
            _ => {}
        }
    }
    Ok(apply(xml.as_bytes(), edits, escape))
}

/// `%40` → `@` and the like, for the check on link targets.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn tokens_and_attributes_keep_their_byte_ranges() {
        let xml = r#"<?xml version="1.0"?><w:p a="x>y" b='z'><w:t>A&amp;B</w:t><w:br/></w:p>"#;
        let toks = tokens(xml, &mut Budget::new(&Limits::default())).unwrap();
        let names: Vec<String> = toks
            .iter()
            .map(|t| match t {
                Token::Open { name, empty, .. } => format!("<{name}{}", if *empty { "/" } else { "" }),
                Token::Close { name, .. } => format!("</{name}"),
                Token::Text { start, end } => xml[*start..*end].to_string(),
                Token::Other { .. } => "?".into(),
            })
            .collect();
        assert_eq!(names, ["?", "<w:p", "<w:t", "A&amp;B", "</w:t", "<w:br/", "</w:p"]);
        let Token::Open { start, end, .. } = toks[1] else { panic!() };
        let attrs = attributes(xml, start, end);
        assert_eq!(attrs.iter().map(|a| (a.0, &xml[a.2 .0..a.2 .1])).collect::<Vec<_>>(), [("a", "x>y"), ("b", "z")]);
        let mut source = Source::default();
        let Token::Text { start, end } = toks[3] else { panic!() };
        decode(xml, start, end, &mut source);
        assert_eq!(source.chars.iter().map(|c| c.0).collect::<String>(), "A&B");
        assert_eq!((source.chars[1].1, source.chars[1].2), (start + 1, start + 6));
    }

    #[test]
    fn unterminated_markup_ends_the_scan_without_panicking() {
        for xml in ["<a b=\"", "<!-- x", "<a>text<", "&amp", "<![CDATA[x"] {
            let _ = tokens(xml, &mut Budget::new(&Limits::default())).unwrap();
        }
    }
}
