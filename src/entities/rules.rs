//! All rule detectors over one [`TextView`], with overlaps resolved.
//!
//! Overlap rule (documented contract): among overlapping rule spans the one kept is the one with
//! the higher *specificity* — validated identifiers (IBAN, payment card, ID number: checksums)
//! over contact data (e-mail, URL, phone, handle) over context-cued attributes and addresses —
//! then the longer span, then the higher confidence, then the earlier start. So an e-mail's
//! domain is never also a URL, a URL's `@` part never a handle, an IBAN's digits never a phone,
//! and a POSTCODE overlapping an ADDRESS is dropped in favour of the address (the street regexes
//! stop before the postcode, so "Hauptstraße 5, 10115 Berlin" yields both).

use crate::error::Result;
use crate::limits::Budget;
use crate::text_view::TextView;

use super::{address, attributes, dob, email, finance, ids, phone, url, Entity, EntityKind};

/// Every rule detector's spans over `view`, sorted by start, without overlaps.
pub fn detect_rules(view: &TextView, budget: &mut Budget) -> Result<Vec<Entity>> {
    let text = view.text();
    // Each detector scans the text once (regex scans are linear); charge one unit per 64 bytes each.
    let scan_cost = (text.len() as u64 / 64).saturating_add(1);
    let detectors: &[fn(&str) -> Vec<Entity>] = &[
        email::detect,
        url::detect_urls,
        url::detect_handles,
        phone::detect,
        finance::detect_iban,
        finance::detect_cards,
        ids::detect,
        dob::detect,
        attributes::detect,
    ];
    let mut all = Vec::new();
    for detect in detectors {
        budget.spend(scan_cost)?;
        let found = detect(text);
        budget.spend(found.len() as u64)?;
        all.extend(found);
    }
    // Postcodes are looked for after the streets, which are found once for both.
    budget.spend(scan_cost.saturating_mul(2))?;
    let streets = address::detect_addresses(text);
    let postcodes = address::postcodes_after(text, &streets);
    budget.spend((streets.len() + postcodes.len()) as u64)?;
    all.extend(streets);
    all.extend(postcodes);
    Ok(resolve_overlaps(all))
}

/// Higher wins when spans overlap.
fn specificity(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Iban | EntityKind::PaymentCard | EntityKind::IdNumber => 5,
        EntityKind::Email => 4,
        EntityKind::Url => 3,
        EntityKind::Phone | EntityKind::Handle => 2,
        EntityKind::DateOfBirth | EntityKind::Address => 1,
        _ => 0,
    }
}

/// Keep a non-overlapping subset, preferring specificity, then length, then confidence.
pub fn resolve_overlaps(mut spans: Vec<Entity>) -> Vec<Entity> {
    spans.retain(|e| !e.is_empty());
    crate::sort::sort_by(&mut spans, |a, b| {
        specificity(b.kind)
            .cmp(&specificity(a.kind))
            .then(b.len().cmp(&a.len()))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Entity> = Vec::new();
    for span in spans {
        if !kept.iter().any(|k| k.overlaps(&span)) {
            kept.push(span);
        }
    }
    crate::sort::sort_by_key(&mut kept, |e| (e.start, e.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format, Line, Metadata, Page};
    use crate::limits::Limits;

    pub(crate) fn doc(lines: &[&str]) -> Document {
        Document {
            format: Format::Txt,
            metadata: Metadata { pages: 1, ..Default::default() },
            pages: vec![Page { number: 1, width: 0.0, height: 0.0, lines: lines.iter().map(|t| Line::plain(*t)).collect() }],
            links: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn kinds(lines: &[&str]) -> Vec<(EntityKind, String)> {
        let d = doc(lines);
        let v = TextView::new(&d);
        let mut b = Budget::new(&Limits::default());
        detect_rules(&v, &mut b).unwrap().iter().map(|e| (e.kind, e.text(v.text()).to_string())).collect()
    }

    #[test]
    fn contact_line_yields_each_kind_once() {
        let got = kinds(&["ana@github.com | +49 171 1234567 | github.com/ana | @ana_dev", "2019 - 2021"]);
        assert_eq!(
            got,
            vec![
                (EntityKind::Email, "ana@github.com".into()),
                (EntityKind::Phone, "+49 171 1234567".into()),
                (EntityKind::Url, "github.com/ana".into()),
                (EntityKind::Handle, "@ana_dev".into()),
            ]
        );
    }

    #[test]
    fn overlaps_prefer_specific_then_long() {
        let e = |kind, start, end| Entity::new(kind, start, end, 0.9, "t");
        let kept = resolve_overlaps(vec![e(EntityKind::Phone, 0, 10), e(EntityKind::Iban, 0, 20), e(EntityKind::Url, 25, 30), e(EntityKind::Url, 22, 35)]);
        assert_eq!(kept.iter().map(|k| (k.kind, k.start)).collect::<Vec<_>>(), vec![(EntityKind::Iban, 0), (EntityKind::Url, 22)]);
    }

    #[test]
    fn never_panics_and_spans_fall_on_char_boundaries() {
        // Deterministic pseudo-random texts from the characters the detectors care about.
        let alphabet: Vec<char> = "0123456789 +-./()@:[]'’–—\u{ad}\u{a0}\naAzZéßłĄ€ DEGBrueStraße2019IBAN".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..120 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let d = doc(&[text.as_str()]);
            let v = TextView::new(&d);
            let mut b = Budget::new(&Limits::default());
            for e in detect_rules(&v, &mut b).unwrap() {
                assert!(v.text().get(e.start..e.end).is_some(), "span off a char boundary");
            }
            for f in crate::dates::find_dates(&text) {
                assert!(text.get(f.start..f.end).is_some());
            }
        }
    }

    #[test]
    fn work_is_charged_to_the_budget() {
        let d = doc(&["ana@x.org"]);
        let v = TextView::new(&d);
        let mut b = Budget::new(&Limits { max_work: 2, ..Limits::default() });
        assert!(detect_rules(&v, &mut b).is_err());
    }
}
