//! Rebuilding a broken cross-reference table.
//!
//! Truncated downloads and hand-edited files often lose or corrupt the xref
//! table at the end of the file, which the `pdf` crate cannot read past.
//! Viewers recover by scanning for `N G obj` headers; we do the same and
//! append a fresh classic xref table and trailer, then let the crate read
//! the result. Objects stored inside object streams cannot be recovered
//! this way (their index lives in the lost xref stream).

use crate::error::Result;
use crate::limits::Budget;
use std::collections::BTreeMap;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// Digits ending just before `end` (exclusive): (start, value).
fn digits_before(bytes: &[u8], end: usize) -> Option<(usize, u32)> {
    let mut start = end;
    while start > 0 && bytes.get(start - 1).is_some_and(u8::is_ascii_digit) {
        start -= 1;
    }
    if start == end || end - start > 10 {
        return None;
    }
    let text = std::str::from_utf8(bytes.get(start..end)?).ok()?;
    Some((start, text.parse().ok()?))
}

fn skip_space_back(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && bytes.get(end - 1).copied().is_some_and(is_space) {
        end -= 1;
    }
    end
}

fn find_all<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    haystack.windows(needle.len()).enumerate().filter(move |(_, w)| *w == needle).map(|(i, _)| i)
}

/// The bytes with a rebuilt xref table and trailer appended, or `None`
/// when no objects or no catalog can be found.
pub fn rebuild(bytes: &[u8], budget: &mut Budget) -> Result<Option<Vec<u8>>> {
    budget.spend(bytes.len() as u64 / 16)?;
    let header = find_all(bytes, b"%PDF-").next().unwrap_or(0);
    // Object number → (generation, offset); later definitions win.
    let mut objects: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    let mut catalog: Option<(u32, u32)> = None;
    for at in find_all(bytes, b"obj") {
        if bytes.get(at + 3).is_some_and(|b| !is_space(*b) && *b != b'<' && *b != b'[') {
            continue; // "objx", "obj1": not an object header
        }
        let Some((gen_start, generation)) = digits_before(bytes, skip_space_back(bytes, at)) else { continue };
        let num_end = skip_space_back(bytes, gen_start);
        if num_end == gen_start {
            continue;
        }
        let Some((num_start, number)) = digits_before(bytes, num_end) else { continue };
        if num_start > 0 && !bytes.get(num_start - 1).copied().is_some_and(is_space) {
            continue;
        }
        if number == 0 || number > 8_000_000 || num_start < header {
            continue;
        }
        objects.insert(number, (generation, num_start - header));
        let body = bytes.get(at..(at + 200).min(bytes.len())).unwrap_or_default();
        let squeezed: Vec<u8> = body.iter().copied().filter(|b| !is_space(*b)).collect();
        if find_all(&squeezed, b"/Type/Catalog").next().is_some() {
            catalog = Some((number, generation));
        }
    }
    let (Some((root, root_gen)), Some(&last)) = (catalog, objects.keys().last()) else { return Ok(None) };
    budget.spend(u64::from(last))?;
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len() - header;
    let size = last + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for n in 1..size {
        let line = match objects.get(&n) {
            Some((generation, offset)) => format!("{offset:010} {generation:05} n \n"),
            None => "0000000000 65535 f \n".to_string(),
        };
        out.extend_from_slice(line.as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root {root} {root_gen} R >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes(),
    );
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn rebuilds_a_table_from_object_headers() {
        let pdf =
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages >>\nendobj\n";
        let mut budget = Budget::new(&Limits::default());
        let fixed = rebuild(pdf, &mut budget).unwrap().unwrap();
        let tail = String::from_utf8_lossy(&fixed[pdf.len()..]).into_owned();
        assert!(tail.contains("0000000009 00000 n"), "{tail}");
        assert!(tail.contains("/Root 1 0 R"));
        assert!(rebuild(b"%PDF-1.4 nothing here", &mut budget).unwrap().is_none());
    }
}
