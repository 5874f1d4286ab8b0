//! Serialising the redacted file whole: every object reachable from the catalogue, renumbered,
//! with a fresh cross-reference table and no incremental update, so no earlier revision, no
//! orphaned object and no encryption dictionary survives. Strings holding removed data are
//! emptied on the way out (titles of bookmarks, page labels, form values, alternate text).

use super::scrub::Removed;
use crate::error::{Error, Result};
use crate::extract::pdf::objects::malformed;
use crate::limits::Budget;
use pdf::object::{PlainRef, Resolve};
use pdf::primitive::{Dictionary, Primitive};
use std::collections::{HashMap, VecDeque};
use std::io::Write;

/// An object the redactor replaces or adds.
pub enum Replacement {
    Object(Primitive),
    /// A stream given by its dictionary (without `/Length`) and its encoded data.
    Stream(Dictionary, Vec<u8>),
}

/// Most objects written; more than a CV ever needs, and a bound on a hostile file's graph.
const MAX_OBJECTS: usize = 500_000;

/// Write the file reachable from `root`, with `replacements` taking the place of (or adding)
/// the objects they are keyed by.
pub fn write(
    r: &impl Resolve,
    root: PlainRef,
    replacements: &HashMap<PlainRef, Replacement>,
    removed: &Removed,
    budget: &mut Budget,
) -> Result<Vec<u8>> {
    let mut numbers: HashMap<PlainRef, u64> = HashMap::new();
    let mut order: Vec<PlainRef> = Vec::new();
    let mut queue: VecDeque<PlainRef> = VecDeque::new();
    numbers.insert(root, 1);
    order.push(root);
    queue.push_back(root);
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    while let Some(reference) = queue.pop_front() {
        budget.spend(16)?;
        let fetched = match replacements.get(&reference) {
            Some(Replacement::Object(p)) => Fetched::Object(p.clone()),
            Some(Replacement::Stream(dict, data)) => Fetched::Stream(dict.clone(), data.clone()),
            None => match r.resolve(reference) {
                Ok(Primitive::Stream(s)) => {
                    let data = s.raw_data(r).map_err(|_| malformed())?;
                    budget.spend(data.len() as u64 / 64)?;
                    Fetched::Stream(s.info, data.to_vec())
                }
                Ok(p) => Fetched::Object(p),
                // Unreadable objects become null, as readers treat them.
                Err(_) => Fetched::Object(Primitive::Null),
            },
        };
        let mut refs = Vec::new();
        match &fetched {
            Fetched::Object(p) => collect_refs(p, &mut refs),
            Fetched::Stream(dict, _) => dict.iter().for_each(|(_, v)| collect_refs(v, &mut refs)),
        }
        for target in refs {
            if !numbers.contains_key(&target) && exists(r, target, replacements)? {
                if order.len() >= MAX_OBJECTS {
                    return Err(Error::limit(format!("the PDF has more than {MAX_OBJECTS} objects")));
                }
                numbers.insert(target, order.len() as u64 + 1);
                order.push(target);
                queue.push_back(target);
            }
        }
        let mut body = Vec::new();
        match &fetched {
            Fetched::Object(p) => serialize(p, &mut body, removed, &numbers)?,
            Fetched::Stream(dict, data) => stream(dict, data, &mut body, removed, &numbers)?,
        }
        bodies.push(body);
    }
    assemble(&bodies)
}

/// A whole file of `bodies` (objects 1, 2…; object 1 the catalogue) with a fresh
/// cross-reference table.
pub fn assemble(bodies: &[Vec<u8>]) -> Result<Vec<u8>> {
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(bodies.len());
    for (index, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", index + 1).map_err(io)?;
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).map_err(io)?;
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").map_err(io)?;
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", bodies.len() + 1).map_err(io)?;
    Ok(out)
}

fn io(_: std::io::Error) -> Error {
    Error::malformed("the redacted PDF could not be written")
}

/// Whether a referenced object is there to write. A reference to nothing (a free or absent
/// entry) is `null`, as readers treat it; an object that is there but cannot be read would be
/// lost from the page, so it fails the write (as malformed, which retries on a rebuilt xref).
fn exists(r: &impl Resolve, target: PlainRef, replacements: &HashMap<PlainRef, Replacement>) -> Result<bool> {
    if replacements.contains_key(&target) {
        return Ok(true);
    }
    match r.resolve(target) {
        Ok(p) => Ok(!matches!(p, Primitive::Null)),
        Err(e) if is_absent(&e) => Ok(false),
        Err(_) => Err(Error::malformed("an object of the PDF cannot be read, so the file cannot be rewritten whole")),
    }
}

fn is_absent(e: &pdf::PdfError) -> bool {
    match e {
        pdf::PdfError::FreeObject { .. } | pdf::PdfError::NullRef { .. } | pdf::PdfError::UnspecifiedXRefEntry { .. } => true,
        pdf::PdfError::Try { source, .. } => is_absent(source),
        _ => false,
    }
}

enum Fetched {
    Object(Primitive),
    Stream(Dictionary, Vec<u8>),
}

/// Direct objects nested deeper than this are written as `null` (each level is a native stack
/// frame; no real file nests arrays and dictionaries this deep).
const MAX_DEPTH: usize = 64;

fn collect_refs(p: &Primitive, out: &mut Vec<PlainRef>) {
    collect_refs_at(p, out, 0);
}

fn collect_refs_at(p: &Primitive, out: &mut Vec<PlainRef>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match p {
        Primitive::Reference(r) => out.push(*r),
        Primitive::Array(items) => items.iter().for_each(|i| collect_refs_at(i, out, depth + 1)),
        Primitive::Dictionary(d) => d.iter().for_each(|(_, v)| collect_refs_at(v, out, depth + 1)),
        Primitive::Stream(s) => s.info.iter().for_each(|(_, v)| collect_refs_at(v, out, depth + 1)),
        _ => {}
    }
}

fn stream(dict: &Dictionary, data: &[u8], out: &mut Vec<u8>, removed: &Removed, map: &HashMap<PlainRef, u64>) -> Result<()> {
    let mut dict = dict.clone();
    dict.insert("Length", Primitive::Integer(i32::try_from(data.len()).map_err(|_| Error::limit("a PDF stream is too long"))?));
    serialize(&Primitive::Dictionary(dict), out, removed, map)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    Ok(())
}

/// Keys dropped from every dictionary: XMP packets (`/Metadata`), application-private data
/// (`/PieceInfo`, which can hold a whole editable copy of the document) and page thumbnails
/// (`/Thumb`, a picture of the unredacted page).
const DROPPED_KEYS: &[&str] = &["Metadata", "PieceInfo", "Thumb"];

/// Write one direct object. References are renumbered through `map` (absent → `null`).
pub fn serialize(p: &Primitive, out: &mut Vec<u8>, removed: &Removed, map: &HashMap<PlainRef, u64>) -> Result<()> {
    serialize_at(p, out, removed, map, 0)
}

fn serialize_at(p: &Primitive, out: &mut Vec<u8>, removed: &Removed, map: &HashMap<PlainRef, u64>, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        out.extend_from_slice(b"null");
        return Ok(());
    }
    match p {
        Primitive::Null | Primitive::Stream(_) => out.extend_from_slice(b"null"),
        Primitive::Integer(i) => write!(out, "{i}").map_err(io)?,
        Primitive::Number(n) => out.extend_from_slice(number(*n).as_bytes()),
        Primitive::Boolean(b) => write!(out, "{b}").map_err(io)?,
        Primitive::String(s) => {
            let bytes = s.as_bytes();
            let bytes = if removed.holds(bytes) { &[][..] } else { bytes };
            hex_string(bytes, out);
        }
        Primitive::Name(n) => name(n.as_str(), out),
        Primitive::Reference(r) => match map.get(r) {
            Some(n) => write!(out, "{n} 0 R").map_err(io)?,
            None => out.extend_from_slice(b"null"),
        },
        Primitive::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize_at(item, out, removed, map, depth + 1)?;
            }
            out.push(b']');
        }
        Primitive::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (key, value) in d.iter() {
                if DROPPED_KEYS.contains(&key.as_str()) {
                    continue;
                }
                name(key.as_str(), out);
                out.push(b' ');
                serialize_at(value, out, removed, map, depth + 1)?;
                out.push(b'\n');
            }
            out.extend_from_slice(b">>");
        }
    }
    Ok(())
}

/// A real in PDF syntax (no exponent), non-finite values as 0.
pub fn number(n: f32) -> String {
    if !n.is_finite() {
        return "0".to_string();
    }
    let s = format!("{n:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "-0" { "0".to_string() } else { s.to_string() }
}

pub fn hex_string(bytes: &[u8], out: &mut Vec<u8>) {
    out.push(b'<');
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out.push(b'>');
}

/// A name, with every byte outside the regular printable set written as `#xx`.
fn name(n: &str, out: &mut Vec<u8>) {
    out.push(b'/');
    for &b in n.as_bytes() {
        if (b'!'..=b'~').contains(&b) && !b"/%()<>[]{}#".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02x}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_pdf_syntax_and_empties_strings_holding_removed_values() {
        let removed = Removed::new(["Ana Müller"]);
        let mut dict = Dictionary::new();
        dict.insert("Title", Primitive::String(pdf::primitive::PdfString::new(b"CV of Ana M\xfcller".as_slice().into())));
        dict.insert("Lang", Primitive::String(pdf::primitive::PdfString::new(b"de".as_slice().into())));
        dict.insert("Metadata", Primitive::Reference(PlainRef { id: 9, gen: 0 }));
        dict.insert("Odd Name", Primitive::Number(0.5));
        dict.insert("Next", Primitive::Reference(PlainRef { id: 7, gen: 0 }));
        let mut out = Vec::new();
        serialize(&Primitive::Dictionary(dict), &mut out, &removed, &HashMap::from([(PlainRef { id: 7, gen: 0 }, 3)])).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "<</Title <>\n/Lang <6465>\n/Odd#20Name 0.5\n/Next 3 0 R\n>>");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(f32::NAN), "0");
    }
}
