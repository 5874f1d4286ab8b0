//! How well anonymisation removes what it must and keeps what it should.
//!
//! Per level and per label group: the *leak rate* (labelled identifying strings still present in
//! the anonymised text) and the *kept rate* (skills, titles, degrees and — where the level keeps
//! them — employers and schools still present). Matching follows the corpus README
//! ([`MatchText`]) with one tightening: a label must stand as whole words, so the
//! surname "Doe" is not found inside "does" nor "Java" inside "JavaScript". Only labels found
//! (by the same rule) in the extracted input text count: a label extraction never produced can
//! neither leak nor be kept, and would measure the extractor instead of the anonymiser.
//!
//! On the synthetic set, gold values the policy keeps on purpose (a date given only as a year, a
//! bare country name) are not counted as leaks, nor is a string at a level below that of another
//! gold entity with the same text (a referee's employer that is also the candidate's).
//!
//! Outputs of other tools (the Presidio side-by-side) are scored by the same code from a folder
//! of their anonymised texts, so both columns use one matcher.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::corpus::{self, Breakdown, Truth};
use super::matching::MatchText;
use super::ocr::EvalOcr;
use crate::anonymize::{AnonymizeOptions, Level};
use crate::pipeline::anonymize_document;
use crate::extract::{extract, ExtractOptions};
use crate::text_view::TextView;

/// Hits out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub hits: usize,
    pub total: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
    fn add(&mut self, hit: bool) {
        self.total += 1;
        if hit {
            self.hits += 1;
        }
    }
}

/// Leak tallies (hit = still present) and kept tallies (hit = still present), per system
/// ("basic", "moderate", "thorough", or an external tool's name) and label group.
#[derive(Debug, Clone, Default)]
pub struct AnonymizeReport {
    pub leaks: BTreeMap<(String, String), Tally>,
    pub kept: BTreeMap<(String, String), Tally>,
    pub documents: usize,
    pub failures: usize,
    /// (system, document id, label group + leaked/lost) for every group with a miss (`--misses`).
    pub misses: Vec<(String, String, String)>,
}

impl AnonymizeReport {
    pub fn leak(&self, system: &str, group: &str) -> Tally {
        self.leaks.get(&(system.to_string(), group.to_string())).copied().unwrap_or_default()
    }
    pub fn kept(&self, system: &str, group: &str) -> Tally {
        self.kept.get(&(system.to_string(), group.to_string())).copied().unwrap_or_default()
    }

    /// Markdown tables: leak rates, then kept rates, one column per system.
    pub fn table(&self, title: &str) -> String {
        let mut systems: Vec<String> = self.leaks.keys().chain(self.kept.keys()).map(|(s, _)| s.clone()).collect();
        systems.sort_by_key(|s| (system_order(s), s.clone()));
        systems.dedup();
        let mut out = format!("### {title}\n\n{} documents, {} failed\n\n", self.documents, self.failures);
        for (name, map, note) in [("Leak rate (lower is better)", &self.leaks, "still present"), ("Kept rate (higher is better)", &self.kept, "still present")] {
            let mut groups: Vec<&String> = map.keys().map(|(_, g)| g).collect();
            groups.sort();
            groups.dedup();
            out.push_str(&format!("{name}: labelled strings {note}\n\n| group |"));
            for s in &systems {
                out.push_str(&format!(" {s} |"));
            }
            out.push_str("\n|---|");
            out.push_str(&"---|".repeat(systems.len()));
            out.push('\n');
            for g in groups {
                out.push_str(&format!("| {g} |"));
                for s in &systems {
                    match map.get(&(s.clone(), g.clone())) {
                        Some(t) if t.total > 0 => out.push_str(&format!(" {:.1} % ({}/{}) |", t.rate() * 100.0, t.hits, t.total)),
                        _ => out.push_str(" – |"),
                    }
                }
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

/// Label groups of a corpus truth file: (group, strings, leak or kept, from which level a leak
/// counts / until which level keeping counts).
fn corpus_groups(t: &Truth) -> Vec<Group> {
    let name_tokens: Vec<String> = {
        let parts: Vec<&String> = if t.name_parts.is_empty() { t.name.iter().collect() } else { t.name_parts.iter().collect() };
        parts.iter().flat_map(|p| p.split_whitespace().map(str::to_string)).filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= 2).collect()
    };
    let groups = vec![
        ("pii_strings", t.pii_strings.clone(), Check::Leak(Level::Basic)),
        ("emails", t.emails.clone(), Check::Leak(Level::Basic)),
        ("phones", t.phones.clone(), Check::Leak(Level::Basic)),
        ("name_tokens", name_tokens, Check::Leak(Level::Basic)),
        ("date_of_birth", t.date_of_birth.clone().into_iter().collect(), Check::Leak(Level::Basic)),
        ("profile_handles", t.profile_handles.clone(), Check::Leak(Level::Basic)),
        ("sensitive_attributes", strings_of(&t.sensitive_attributes), Check::Leak(Level::Moderate)),
        ("third_party_names", t.third_party_names.clone(), Check::Leak(Level::Basic)),
        ("employers (removed)", t.employers.clone(), Check::Leak(Level::Thorough)),
        ("schools (removed)", t.schools.clone(), Check::Leak(Level::Thorough)),
        ("employers", t.employers.clone(), Check::Kept(Some(Level::Moderate))),
        ("schools", t.schools.clone(), Check::Kept(Some(Level::Moderate))),
        ("job_titles", t.job_titles.clone(), Check::Kept(None)),
        ("degrees", t.degrees.clone(), Check::Kept(None)),
        ("skills", t.skills_sample.clone(), Check::Kept(None)),
    ];
    groups.into_iter().map(|(g, labels, check)| (g.to_string(), labels, check)).collect()
}

/// A label group: name, labels, how they are scored.
type Group = (String, Vec<String>, Check);

/// A document's extracted text and its anonymised text per level (`None`: that level failed).
type LevelRun = (String, Vec<(Level, Option<String>)>);

/// How a label group is scored.
#[derive(Debug, Clone, Copy)]
enum Check {
    /// Must be gone from this level on.
    Leak(Level),
    /// Must stay up to this level (every level for `None`).
    Kept(Option<Level>),
}

fn strings_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings_of).collect(),
        Value::Object(map) => map.values().flat_map(strings_of).collect(),
        _ => Vec::new(),
    }
}

/// Score one anonymised `output` of `system` against label groups; `level` decides which groups
/// apply (`None`: an external tool without levels, scored on every group as at `basic`, plus the
/// thorough-only leak groups for information).
fn score(report: &mut AnonymizeReport, id: &str, system: &str, level: Option<Level>, input: &MatchText, output: &str, groups: &[Group]) {
    let text = MatchText::new(output);
    for (group, labels, check) in groups {
        let (map, applies, leak) = match (*check, level) {
            (Check::Leak(from), Some(l)) => (&mut report.leaks, l >= from, true),
            (Check::Leak(_), None) => (&mut report.leaks, true, true),
            (Check::Kept(until), Some(l)) => (&mut report.kept, until.is_none_or(|u| l <= u), false),
            (Check::Kept(_), None) => (&mut report.kept, true, false),
        };
        if !applies {
            continue;
        }
        let tally = map.entry((system.to_string(), group.clone())).or_default();
        let mut missed = false;
        for label in labels.iter().filter(|l| !l.trim().is_empty() && input.contains_word(l)) {
            let present = text.contains_word(label);
            tally.add(present);
            missed |= present == leak;
        }
        if missed {
            let what = if leak { "leaked" } else { "lost" };
            report.misses.push((system.to_string(), id.to_string(), format!("{group} {what}")));
        }
    }
}

/// Extract a file (its scans read as `ocr` says) and anonymise it at every level: (input text,
/// output per level or `None`).
fn run_levels(bytes: &[u8], hint: Option<String>, base: &AnonymizeOptions, ocr: &EvalOcr) -> Option<LevelRun> {
    let ocr = ocr.result(bytes, hint.as_deref(), &base.limits).ok()?;
    let doc = extract(bytes, &ExtractOptions { hint, limits: base.limits.clone(), ocr }).ok()?;
    let input = TextView::new(&doc).text().to_string();
    let outputs = Level::ALL
        .iter()
        .map(|&level| (level, anonymize_document(&doc, &AnonymizeOptions { level, ..base.clone() }).ok().and_then(|o| o.text)))
        .collect();
    Some((input, outputs))
}

/// Score `run_levels` results for one document.
fn score_levels(report: &mut AnonymizeReport, id: &str, run: Option<LevelRun>, groups: &[Group]) {
    report.documents += 1;
    let Some((input, outputs)) = run else {
        report.failures += 1;
        return;
    };
    let input = MatchText::new(&input);
    for (level, output) in outputs {
        match output {
            Some(text) => score(report, id, level.as_str(), Some(level), &input, &text, groups),
            None => report.failures += 1,
        }
    }
}

/// Run cvshield at every level on the corpus.
pub fn evaluate_corpus(dir: &Path, base: &AnonymizeOptions) -> std::io::Result<AnonymizeReport> {
    evaluate_corpus_ocr(dir, base, &EvalOcr::default())
}

/// [`evaluate_corpus`] with scans read as `ocr` says.
pub fn evaluate_corpus_ocr(dir: &Path, base: &AnonymizeOptions, ocr: &EvalOcr) -> std::io::Result<AnonymizeReport> {
    let mut report = AnonymizeReport::default();
    for doc in corpus::load(dir)? {
        let bytes = std::fs::read(&doc.path)?;
        let hint = doc.path.file_name().map(|n| n.to_string_lossy().into_owned());
        score_levels(&mut report, &doc.id(), run_levels(&bytes, hint, base, ocr), &corpus_groups(&doc.truth));
    }
    Ok(report)
}

/// Score another tool's anonymised texts (`outputs/<corpus file stem>.txt`, made from cvshield's
/// extracted text) as `system`.
pub fn score_external_corpus(report: &mut AnonymizeReport, dir: &Path, outputs: &Path, system: &str) -> std::io::Result<()> {
    for doc in corpus::load(dir)? {
        let stem = doc.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(&doc.path)?;
        let hint = doc.path.file_name().map(|n| n.to_string_lossy().into_owned());
        let (Ok(text), Ok(extracted)) = (std::fs::read_to_string(outputs.join(format!("{stem}.txt"))), extract(&bytes, &ExtractOptions { hint, ..ExtractOptions::default() })) else {
            report.failures += 1;
            continue;
        };
        let input = MatchText::new(TextView::new(&extracted).text());
        score(report, &doc.id(), system, None, &input, &text, &corpus_groups(&doc.truth));
    }
    Ok(())
}

/// Synthetic gold: every entity with a `level` must be gone from that level on (grouped by
/// type); skills, titles and degrees must stay, and organisations and schools until `moderate`.
fn synthetic_groups(gold: &Value) -> Vec<Group> {
    use crate::entities::EntityKind;
    let entities = gold["entities"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    // The latest level at which each string may still legitimately be present (`None`: kept at
    // every level): a referee's employer that is also the candidate's stays until `thorough`.
    let mut stays_until: BTreeMap<String, Option<Level>> = BTreeMap::new();
    for e in entities {
        let (Some(text), level) = (e["text"].as_str(), e["level"].as_str().and_then(|l| l.parse::<Level>().ok())) else { continue };
        let latest = stays_until.entry(text.to_lowercase()).or_insert(level);
        *latest = match (*latest, level) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(a.max(b)),
        };
    }
    let mut by: BTreeMap<(String, u8), (Vec<String>, Check)> = BTreeMap::new();
    for e in entities {
        let (Some(kind), Some(text)) = (e["type"].as_str(), e["text"].as_str()) else { continue };
        let Some(kind) = EntityKind::from_label(kind) else { continue };
        let level = e["level"].as_str().and_then(|l| l.parse::<Level>().ok());
        if kept_by_policy(kind, text) {
            continue;
        }
        let mut add = |group: String, order: u8, check: Check| by.entry((group, order)).or_insert_with(|| (Vec::new(), check)).0.push(text.to_string());
        let removable_at = stays_until.get(&text.to_lowercase()).copied().flatten();
        match level {
            // Only where the string is removed by `l` wherever it stands.
            Some(l) if removable_at == Some(l) => add(format!("{} ({})", kind.as_str(), l.as_str()), 0, Check::Leak(l)),
            Some(_) => {}
            None => add(kind.as_str().to_string(), 1, Check::Kept(None)),
        }
        if level == Some(Level::Thorough) && matches!(kind, EntityKind::Org | EntityKind::School) {
            add(kind.as_str().to_string(), 1, Check::Kept(Some(Level::Moderate)));
        }
    }
    by.into_iter().map(|((group, _), (labels, check))| (group, labels, check)).collect()
}

/// Gold values the level policy deliberately keeps, so that their presence is no leak: a date
/// given only as a year (thorough reduces dates *to* years) and a bare country name in any of the
/// supported languages (places are generalised *to* the country; "Deutschland" as much as
/// "Germany").
fn kept_by_policy(kind: crate::entities::EntityKind, text: &str) -> bool {
    use crate::entities::EntityKind;
    match kind {
        EntityKind::Date => crate::dates::parse_date(text).is_some_and(|d| d.month.is_none()),
        EntityKind::Location => crate::entities::country::is_country_name(text) || crate::entities::country::country_of_code(text).is_some(),
        _ => false,
    }
}

/// Run cvshield at every level on a synthetic split.
pub fn evaluate_synthetic(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, base: &AnonymizeOptions) -> std::io::Result<AnonymizeReport> {
    Ok(evaluate_synthetic_by(gold_dir, split, limit, None, base)?.pop().map(|(_, r)| r).unwrap_or_default())
}

/// [`evaluate_synthetic`] with one report per group of `by` (template, producer or locale; one
/// group "all" when `None`), groups in name order.
pub fn evaluate_synthetic_by(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, by: Option<Breakdown>, base: &AnonymizeOptions) -> std::io::Result<Vec<(String, AnonymizeReport)>> {
    evaluate_synthetic_ocr(gold_dir, split, limit, by, base, &EvalOcr::default())
}

/// [`evaluate_synthetic_by`] with scans read as `ocr` says.
pub fn evaluate_synthetic_ocr(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, by: Option<Breakdown>, base: &AnonymizeOptions, ocr: &EvalOcr) -> std::io::Result<Vec<(String, AnonymizeReport)>> {
    corpus::score_synthetic(gold_dir, split, limit, by, |report: &mut AnonymizeReport, id, gold, file, bytes| {
        score_levels(report, &id, run_levels(bytes, Some(file.to_string()), base, ocr), &synthetic_groups(gold));
    })
}

/// One table with a column per evaluated set: a row per level and label group, leak rates first
/// (lower is better), then kept rates (higher is better); "–" where a set has no such labels.
/// The corpora and the synthetic set name their groups differently, so each row shows where it
/// applies.
pub fn side_by_side(columns: &[(&str, &AnonymizeReport)]) -> String {
    let mut out = super::table_head("level · group", columns.iter().map(|(name, _)| *name));
    let mut line = String::from("| documents (failures) |");
    for (_, r) in columns {
        line.push_str(&format!(" {} ({}) |", r.documents, r.failures));
    }
    out.push_str(&line);
    out.push('\n');
    for (what, pick) in [("leak", true), ("kept", false)] {
        fn tallies(r: &AnonymizeReport, leak: bool) -> &BTreeMap<(String, String), Tally> {
            if leak { &r.leaks } else { &r.kept }
        }
        let mut keys: Vec<(String, String)> = columns.iter().flat_map(|(_, r)| tallies(r, pick).keys().cloned().collect::<Vec<_>>()).collect();
        keys.sort_by_key(|(system, group)| (system_order(system), system.clone(), group.clone()));
        keys.dedup();
        for key in keys {
            let mut line = format!("| {what} {} · {} |", key.0, key.1);
            let mut any = false;
            for (_, r) in columns {
                match tallies(r, pick).get(&key) {
                    Some(t) if t.total > 0 => {
                        any = true;
                        line.push_str(&format!(" {:.1} % ({}/{}) |", t.rate() * 100.0, t.hits, t.total));
                    }
                    _ => line.push_str(" – |"),
                }
            }
            if any {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out
}

/// Levels in their order, then other systems by name.
fn system_order(system: &str) -> usize {
    Level::ALL.iter().position(|l| l.as_str() == system).unwrap_or(usize::MAX)
}

impl AnonymizeReport {
    /// The figures as JSON: documents, failures, and per system and group the leak and kept
    /// tallies with their rates.
    pub fn to_json(&self) -> Value {
        let tallies = |map: &BTreeMap<(String, String), Tally>| {
            let mut out = serde_json::Map::new();
            for ((system, group), t) in map {
                let entry = out.entry(system.clone()).or_insert_with(|| Value::Object(Default::default()));
                if let Value::Object(groups) = entry {
                    groups.insert(group.clone(), serde_json::json!({ "hits": t.hits, "total": t.total, "rate": t.rate() }));
                }
            }
            Value::Object(out)
        };
        serde_json::json!({
            "documents": self.documents, "failures": self.failures,
            "leak": tallies(&self.leaks), "kept": tallies(&self.kept),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_decide_which_groups_count() {
        let truth = Truth { name: Some("Ana Berg".into()), employers: vec!["Blue Fin".into()], skills_sample: vec!["Rust".into()], ..Truth::default() };
        let groups = corpus_groups(&truth);
        let mut r = AnonymizeReport::default();
        let input = MatchText::new("Ana Berg\nBlue Fin, Rust");
        score(&mut r, "h00", "basic", Some(Level::Basic), &input, "[NAME]\nBlue Fin, Rust", &groups);
        score(&mut r, "h00", "thorough", Some(Level::Thorough), &input, "[NAME]\nCompany A, Rust", &groups);
        // A label the input does not contain counts nowhere.
        let blank = MatchText::new("nothing");
        score(&mut r, "h01", "basic", Some(Level::Basic), &blank, "Ana", &groups);
        assert_eq!(r.leak("basic", "name_tokens"), Tally { hits: 0, total: 2 });
        assert_eq!(r.kept("basic", "employers"), Tally { hits: 1, total: 1 });
        assert_eq!(r.kept("thorough", "employers"), Tally::default());
        assert_eq!(r.leak("thorough", "employers (removed)"), Tally { hits: 0, total: 1 });
        assert_eq!(r.leak("basic", "employers (removed)"), Tally::default());
        assert_eq!(r.kept("thorough", "skills"), Tally { hits: 1, total: 1 });
        assert!(r.table("t").contains("| name_tokens | 0.0 % (0/2) |"));
    }

    #[test]
    fn side_by_side_puts_each_set_in_a_column() {
        let groups = corpus_groups(&Truth { name: Some("Ana Berg".into()), date_of_birth: Some("21.08.1971".into()), ..Truth::default() });
        let input = MatchText::new("Ana Berg, born 21.08.1971");
        let mut a = AnonymizeReport { documents: 1, ..AnonymizeReport::default() };
        score(&mut a, "h1", "basic", Some(Level::Basic), &input, "[NAME], born 21.08.1971", &groups);
        let mut b = AnonymizeReport { documents: 2, failures: 1, ..AnonymizeReport::default() };
        score(&mut b, "e1", "basic", Some(Level::Basic), &MatchText::new("Ana Berg"), "Ana [NAME]", &groups);
        let table = side_by_side(&[("realworld", &a), ("realworld-2", &b)]);
        assert!(table.contains("| documents (failures) | 1 (0) | 2 (1) |"), "{table}");
        assert!(table.contains("| leak basic · date_of_birth | 100.0 % (1/1) | – |"), "{table}");
        assert!(table.contains("| leak basic · name_tokens | 0.0 % (0/2) | 50.0 % (1/2) |"), "{table}");
        assert_eq!(a.to_json()["leak"]["basic"]["date_of_birth"]["hits"], 1);
    }
}
