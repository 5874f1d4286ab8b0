//! Byte-level mutations of a whole file: the damage real files suffer
//! (truncated downloads, flipped bits, overwritten or zeroed blocks, pieces of
//! another file pasted in, duplicated ranges) plus format tokens dropped in at
//! random, which reach parser states that random bytes rarely do.

use super::prng::SplitMix64;

/// The kinds of byte damage, chosen at random by [`mutate_bytes`].
#[derive(Clone, Copy, Debug)]
pub enum ByteMutation {
    Truncate,
    BitFlips,
    OverwriteRun,
    Splice,
    DuplicateRange,
    ZeroRange,
    InsertToken,
}

const ALL: [ByteMutation; 7] = [
    ByteMutation::Truncate,
    ByteMutation::BitFlips,
    ByteMutation::OverwriteRun,
    ByteMutation::Splice,
    ByteMutation::DuplicateRange,
    ByteMutation::ZeroRange,
    ByteMutation::InsertToken,
];

/// Tokens that steer parsers into their less travelled branches: huge or
/// negative numbers, unbalanced nesting, self-references, entity tricks.
pub fn tokens_for(format: &str) -> &'static [&'static [u8]] {
    match format {
        "pdf" => &[
            b" obj ", b"endobj", b"stream\n", b"endstream", b"<<", b">>", b"[", b"]", b" 1 0 R ",
            b" 0 0 R ", b"-1", b"99999999999", b"/Length 999999999", b"/Length -5", b"xref\n0 4294967295\n",
            b"trailer", b"startxref\n1\n", b"/Filter /FlateDecode", b"/Type /Pages /Kids [1 0 R]",
            b"/Count 2147483647", b"BT", b"ET", b" Tj ", b" TJ ", b"/F1 1e308 Tf", b" cm ", b" Do ",
            b"(\\", b"<FEFF", b"/ToUnicode", b"/Encrypt", b"%%EOF", b"/W [0 [", b"beginbfchar",
        ],
        "xml" => &[
            b"<w:p>", b"</w:p>", b"<w:r><w:t>", b"</w:t></w:r>", b"<text:p>", b"</text:p>",
            b"<text:span>", b"&#", b"&#x110000;", b"&amp", b"<![CDATA[", b"]]>", b"<!DOCTYPE a [<!ENTITY e \"x\">]>",
            b"&e;", b"<?xml", b"<!--", b"-->", b"\"", b"='", b"<a xmlns:w=\"\">", b"</", b"/>",
            b"<w:tbl><w:tr><w:tc>", b"<w:numPr><w:ilvl w:val=\"99999999999\"/>", b"w:val=\"-1\"",
        ],
        "rtf" => &[
            b"{", b"}", b"\\u-1?", b"\\u99999999 ", b"\\bin999999999 ", b"\\'", b"\\'zz", b"{\\*\\",
            b"\\par ", b"\\fs-40 ", b"\\f99999 ", b"{\\fonttbl", b"{\\pict ", b"\\uc9999 ", b"\\\\",
            b"\\field{\\*\\fldinst HYPERLINK ", b"\\ansicpg99999 ", b"\\b ", b"\\tab ",
        ],
        "html" => &[
            b"<table>", b"</table>", b"<td>", b"<script>", b"</script>", b"<style>", b"<!--", b"-->",
            b"&#x110000;", b"&#99999999999;", b"&amp", b"<br>", b"<li>", b"<ul>", b"<h1>", b"<a href=\"",
            b"<![CDATA[", b"<div><div><div><div>", b"</div>", b"<meta charset=\"utf-16\">", b"\xef\xbb\xbf",
        ],
        _ => &[
            b"\r", b"\n\n\n", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80",
            b"# ", b"- ", b"* ", b"**", b"[x](", b"\x00", b"\x0c", b"\xc2\xa0",
        ],
    }
}

/// Apply one random mutation to `data`. `other` is another document to splice from.
pub fn mutate_bytes(data: &[u8], other: &[u8], tokens: &[&[u8]], rng: &mut SplitMix64) -> (Vec<u8>, String) {
    let kind = *rng.pick(&ALL);
    apply(kind, data, other, tokens, rng)
}

/// Like [`mutate_bytes`] but keeps the length, for damage inside a zip member
/// whose offsets must stay valid.
pub fn mutate_in_place(data: &mut [u8], rng: &mut SplitMix64) -> String {
    if data.is_empty() {
        return "empty".into();
    }
    match rng.below(3) {
        0 => flip_bits(data, rng),
        1 => {
            let (start, len) = random_range(data.len(), 64, rng);
            for b in &mut data[start..start + len] {
                *b = rng.byte();
            }
            format!("random run at {start}+{len}")
        }
        _ => {
            let (start, len) = random_range(data.len(), 256, rng);
            data[start..start + len].fill(0);
            format!("zeroed {start}+{len}")
        }
    }
}

pub fn apply(
    kind: ByteMutation,
    data: &[u8],
    other: &[u8],
    tokens: &[&[u8]],
    rng: &mut SplitMix64,
) -> (Vec<u8>, String) {
    let len = data.len();
    match kind {
        ByteMutation::Truncate => {
            let at = rng.below(len.max(1));
            (data[..at].to_vec(), format!("truncated at {at}"))
        }
        ByteMutation::BitFlips => {
            let mut out = data.to_vec();
            let desc = if out.is_empty() { "empty".into() } else { flip_bits(&mut out, rng) };
            (out, desc)
        }
        ByteMutation::OverwriteRun => {
            let mut out = data.to_vec();
            if out.is_empty() {
                return (out, "empty".into());
            }
            let (start, run) = random_range(len, 64, rng);
            let fill = rng.below(3);
            for (k, b) in out[start..start + run].iter_mut().enumerate() {
                *b = match fill {
                    0 => rng.byte(),
                    1 => 0xFF,
                    // Digits make lengths, counts and offsets huge.
                    _ => b"9876543210"[k % 10],
                };
            }
            (out, format!("overwrote {start}+{run} (fill {fill})"))
        }
        ByteMutation::Splice => {
            if other.is_empty() {
                return (data.to_vec(), "splice from empty".into());
            }
            let (from, chunk) = random_range(other.len(), 4096, rng);
            let at = rng.below(len + 1);
            let replace = rng.below(2) == 0;
            let end = if replace { (at + chunk).min(len) } else { at };
            let mut out = Vec::with_capacity(len + chunk);
            out.extend_from_slice(&data[..at]);
            out.extend_from_slice(&other[from..from + chunk]);
            out.extend_from_slice(&data[end..]);
            (out, format!("spliced other {from}+{chunk} at {at} (replace {replace})"))
        }
        ByteMutation::DuplicateRange => {
            if data.is_empty() {
                return (Vec::new(), "empty".into());
            }
            let (start, run) = random_range(len, 2048, rng);
            let at = rng.below(len + 1);
            let times = rng.range(1, 4);
            let mut out = Vec::with_capacity(len + run * times);
            out.extend_from_slice(&data[..at]);
            for _ in 0..times {
                out.extend_from_slice(&data[start..start + run]);
            }
            out.extend_from_slice(&data[at..]);
            (out, format!("duplicated {start}+{run} x{times} at {at}"))
        }
        ByteMutation::ZeroRange => {
            let mut out = data.to_vec();
            if out.is_empty() {
                return (out, "empty".into());
            }
            let (start, run) = random_range(len, 1024, rng);
            out[start..start + run].fill(0);
            (out, format!("zeroed {start}+{run}"))
        }
        ByteMutation::InsertToken => {
            let mut out = data.to_vec();
            let count = rng.range(1, 6);
            for _ in 0..count {
                let token = *rng.pick(tokens);
                let at = rng.below(out.len() + 1);
                out.splice(at..at, token.iter().copied());
            }
            (out, format!("inserted {count} tokens"))
        }
    }
}

fn flip_bits(data: &mut [u8], rng: &mut SplitMix64) -> String {
    let flips = rng.range(1, 8);
    for _ in 0..flips {
        let i = rng.below(data.len());
        data[i] ^= 1 << rng.below(8);
    }
    format!("{flips} bit flips")
}

/// A random non-empty range of at most `max_len` bytes inside `0..len` (`len` > 0).
fn random_range(len: usize, max_len: usize, rng: &mut SplitMix64) -> (usize, usize) {
    let start = rng.below(len);
    let run = rng.range(1, max_len.min(len - start));
    (start, run)
}
