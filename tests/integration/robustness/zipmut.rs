//! Mutations that respect a zip container (DOCX, ODT), so the damage reaches
//! the XML readers instead of stopping at the zip directory: bytes changed
//! inside one member's deflated data (offsets stay valid, inflate or the CRC
//! check must fail cleanly), and the decompressed XML mutated and repacked
//! into a well-formed zip (the XML reader itself meets the damage).

use super::mutate::{apply, mutate_in_place, tokens_for, ByteMutation};
use super::prng::SplitMix64;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Most bytes read from one member of a seed; the seeds are small CVs.
const MAX_MEMBER: u64 = 16 * 1024 * 1024;

struct Member {
    name: String,
    bytes: Vec<u8>,
    stored: bool,
}

/// Damage the deflated bytes of one member in place.
pub fn mutate_member_bytes(zip: &[u8], rng: &mut SplitMix64) -> Option<(Vec<u8>, String)> {
    let mut archive = ZipArchive::new(Cursor::new(zip)).ok()?;
    let mut spans = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).ok()?;
        let start = file.data_start()? as usize;
        let size = file.compressed_size() as usize;
        if size > 0 && start.checked_add(size)? <= zip.len() {
            spans.push((file.name().ok()?.to_string(), start, size));
        }
    }
    let (name, start, size) = pick_weighted(&spans, |(n, _, _)| n, rng)?.clone();
    let mut out = zip.to_vec();
    let what = mutate_in_place(&mut out[start..start + size], rng);
    Some((out, format!("member {name} deflated bytes: {what}")))
}

/// Inflate, damage one XML member (or drop a member), and write a fresh zip.
pub fn mutate_repacked(zip: &[u8], other: &[u8], rng: &mut SplitMix64) -> Option<(Vec<u8>, String)> {
    let mut members = read_members(zip)?;
    let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
    let desc = if rng.below(12) == 0 && members.len() > 1 {
        let i = rng.below(members.len());
        let gone = members.remove(i);
        format!("dropped member {}", gone.name)
    } else {
        let i = pick_weighted_index(&names, |n| n, rng)?;
        let member = &mut members[i];
        let kind = *rng.pick(&[
            ByteMutation::Truncate,
            ByteMutation::BitFlips,
            ByteMutation::OverwriteRun,
            ByteMutation::Splice,
            ByteMutation::DuplicateRange,
            ByteMutation::InsertToken,
            ByteMutation::InsertToken,
        ]);
        let (bytes, what) = apply(kind, &member.bytes, other, tokens_for("xml"), rng);
        member.bytes = bytes;
        format!("repacked, member {}: {what}", member.name)
    };
    Some((write_members(&members)?, desc))
}

fn read_members(zip: &[u8]) -> Option<Vec<Member>> {
    let mut archive = ZipArchive::new(Cursor::new(zip)).ok()?;
    let mut members = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let file = archive.by_index(i).ok()?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().ok()?.to_string();
        let stored = file.compression() == CompressionMethod::Stored;
        let mut bytes = Vec::new();
        file.take(MAX_MEMBER).read_to_end(&mut bytes).ok()?;
        members.push(Member { name, bytes, stored });
    }
    Some(members)
}

fn write_members(members: &[Member]) -> Option<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for m in members {
        let method = if m.stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        writer.start_file(m.name.as_str(), SimpleFileOptions::default().compression_method(method)).ok()?;
        writer.write_all(&m.bytes).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

/// The main document parts get most of the damage; the rest some of it.
fn weight(name: &str) -> usize {
    match name {
        "word/document.xml" | "content.xml" => 8,
        n if n.ends_with(".xml") || n.ends_with(".rels") => 2,
        _ => 1,
    }
}

fn pick_weighted_index<T>(items: &[T], name: impl Fn(&T) -> &String, rng: &mut SplitMix64) -> Option<usize> {
    let total: usize = items.iter().map(|it| weight(name(it))).sum();
    if total == 0 {
        return None;
    }
    let mut r = rng.below(total);
    for (i, it) in items.iter().enumerate() {
        let w = weight(name(it));
        if r < w {
            return Some(i);
        }
        r -= w;
    }
    None
}

fn pick_weighted<'a, T>(items: &'a [T], name: impl Fn(&T) -> &String, rng: &mut SplitMix64) -> Option<&'a T> {
    pick_weighted_index(items, name, rng).map(|i| &items[i])
}
