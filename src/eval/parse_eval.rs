//! Field-level evaluation of the parser: precision, recall and F1 per field on the real-world
//! corpus (`*.truth.json`) and on the synthetic set's gold profiles.
//!
//! Matching follows the corpus README: both sides normalised by [`normalise`] (NFC, ligatures,
//! spaces, dashes, soft hyphens, case) and compared whole. Per document, predictions and truth
//! items are de-duplicated; a truth item is found when a prediction matches it (recall), a
//! prediction is right when it matches a truth item (precision). Field definitions:
//! - name: `basics.name`; e-mail: `basics.emails`; phone: `basics.phones` (same digits also
//!   match); URLs: `basics.urls` (scheme, `www.` and trailing `/` ignored).
//! - employers: `work[].name` and `volunteer[].organization`; titles: `work[].position` and
//!   `volunteer[].position` (the corpus labels volunteer hosts as employers).
//! - schools: `education[].institution`; degrees: `education[].studyType` with `area` — a truth
//!   degree matches when it equals the study type and area together, or either alone (the corpus
//!   labels split degrees as "B.S." and "Computer Science"), ignoring the joining "in"/","/"–".
//! - dates (synthetic only; the corpus has no date labels): each job's and school's
//!   "start..end" (open end = ""), compared at the precision both sides give (the synthetic
//!   gold keeps months where a layout may print years only).
//! - skills: every `skills[].keywords` item (the corpus's `skills_sample` holds at most 10, so
//!   real-world skill precision is a lower bound).
//! - certificates: `certificates[].name` against the corpus's `certifications` (labelled in
//!   some truth files only: a corpus without them shows no figure rather than a false zero).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::corpus::{self, Breakdown, Truth};
use super::matching::normalise;
use super::ocr::EvalOcr;
use crate::profile::{parse, ParseOptions, Profile};

/// Fields in report order.
pub const FIELDS: [&str; 11] = ["name", "email", "phone", "urls", "employers", "titles", "dates", "schools", "degrees", "skills", "certificates"];

/// Counts for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldCounts {
    pub predicted: usize,
    pub correct: usize,
    pub truth: usize,
    pub found: usize,
}

impl FieldCounts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 1.0 } else { self.correct as f64 / self.predicted as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.truth == 0 { 1.0 } else { self.found as f64 / self.truth as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, other: FieldCounts) {
        self.predicted += other.predicted;
        self.correct += other.correct;
        self.truth += other.truth;
        self.found += other.found;
    }
}

/// The result of an evaluation run.
#[derive(Debug, Clone, Default)]
pub struct ParseReport {
    pub documents: usize,
    /// Documents whose parse failed (counted with empty predictions).
    pub failures: usize,
    /// Documents whose name was exactly right (normalised).
    pub names_exact: usize,
    pub fields: BTreeMap<&'static str, FieldCounts>,
    /// Per document: id and the fields with a miss, for debugging (no content).
    pub misses: Vec<(String, Vec<&'static str>)>,
}

impl ParseReport {
    pub fn field(&self, name: &str) -> FieldCounts {
        self.fields.get(name).copied().unwrap_or_default()
    }

    /// A Markdown table of the figures.
    pub fn table(&self, title: &str) -> String {
        let mut out = format!(
            "{title}: {} documents, {} parse failures, name exactly right in {}/{}\n\n| field | precision | recall | F1 | predicted | truth |\n|---|---|---|---|---|---|\n",
            self.documents, self.failures, self.names_exact, self.documents
        );
        for f in FIELDS {
            let c = self.field(f);
            if c.truth == 0 && c.predicted == 0 {
                continue;
            }
            out.push_str(&format!(
                "| {f} | {:.3} | {:.3} | {:.3} | {} | {} |\n",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.truth
            ));
        }
        out
    }
}

/// The items of each field of one document.
#[derive(Debug, Clone, Default)]
pub struct FieldItems {
    pub items: BTreeMap<&'static str, Vec<String>>,
}

impl FieldItems {
    fn set(&mut self, field: &'static str, values: impl IntoIterator<Item = String>) {
        self.items.insert(field, values.into_iter().filter(|v| !v.trim().is_empty()).collect());
    }
}

/// What a profile predicts, per field.
pub fn predicted(p: &Profile) -> FieldItems {
    let mut f = FieldItems::default();
    f.set("name", p.basics.name.clone());
    f.set("email", p.basics.emails.clone());
    f.set("phone", p.basics.phones.clone());
    f.set("urls", p.basics.urls.clone());
    f.set("employers", p.work.iter().filter_map(|w| w.name.clone()).chain(p.volunteer.iter().filter_map(|v| v.organization.clone())));
    f.set("titles", p.work.iter().filter_map(|w| w.position.clone()).chain(p.volunteer.iter().filter_map(|v| v.position.clone())));
    f.set("schools", p.education.iter().filter_map(|e| e.institution.clone()));
    f.set("degrees", p.education.iter().filter_map(|e| degree_text(e.study_type.as_deref(), e.area.as_deref())));
    let dates = p
        .work
        .iter()
        .map(|w| (w.start_date.clone(), w.end_date.clone()))
        .chain(p.education.iter().map(|e| (e.start_date.clone(), e.end_date.clone())))
        .filter(|(s, e)| s.is_some() || e.is_some())
        .map(|(s, e)| format!("{}..{}", s.unwrap_or_default(), e.unwrap_or_default()));
    f.set("dates", dates);
    f.set("skills", p.skills.iter().flat_map(|s| s.keywords.clone()));
    f.set("certificates", p.certificates.iter().filter_map(|c| c.name.clone()));
    f
}

/// Study type and area as one degree text, joined by a tab so matching can also try each part.
fn degree_text(study_type: Option<&str>, area: Option<&str>) -> Option<String> {
    match (study_type, area) {
        (Some(s), Some(a)) => Some(format!("{s}\t{a}")),
        (Some(s), None) => Some(s.to_string()),
        (None, Some(a)) => Some(a.to_string()),
        (None, None) => None,
    }
}

/// The corpus truth, per field (no dates: the corpus has none; no certificates where unlabelled).
pub fn truth_items(t: &Truth) -> FieldItems {
    let mut f = FieldItems::default();
    f.set("name", t.name.clone());
    f.set("email", t.emails.clone());
    f.set("phone", t.phones.clone());
    f.set("urls", t.urls.clone());
    f.set("employers", t.employers.clone());
    f.set("titles", t.job_titles.clone());
    f.set("schools", t.schools.clone());
    f.set("degrees", t.degrees.clone());
    f.set("skills", t.skills_sample.clone());
    f.set("certificates", t.certifications.clone().unwrap_or_default());
    f
}

/// The synthetic gold profile, per field.
pub fn gold_items(profile: &Value) -> FieldItems {
    let strings = |v: &Value, path: &[&str]| -> Vec<String> {
        let mut cur = v;
        for p in path {
            cur = &cur[*p];
        }
        cur.as_str().map(str::to_string).into_iter().collect()
    };
    let list = |key: &str| profile[key].as_array().cloned().unwrap_or_default();
    let mut f = FieldItems::default();
    f.set("name", strings(profile, &["basics", "name"]));
    f.set("email", strings(profile, &["basics", "email"]));
    f.set("phone", strings(profile, &["basics", "phone"]));
    let mut urls = strings(profile, &["basics", "url"]);
    for p in profile["basics"]["profiles"].as_array().cloned().unwrap_or_default() {
        urls.extend(p["url"].as_str().map(str::to_string));
    }
    f.set("urls", urls);
    f.set("employers", list("work").iter().filter_map(|w| w["name"].as_str().map(str::to_string)));
    f.set("titles", list("work").iter().filter_map(|w| w["position"].as_str().map(str::to_string)));
    f.set("schools", list("education").iter().filter_map(|e| e["institution"].as_str().map(str::to_string)));
    f.set("degrees", list("education").iter().filter_map(|e| degree_text(e["studyType"].as_str(), e["area"].as_str())));
    let date = |v: &Value| v.as_str().unwrap_or("").to_string();
    f.set(
        "dates",
        list("work").iter().chain(list("education").iter()).map(|w| format!("{}..{}", date(&w["startDate"]), date(&w["endDate"]))).collect::<Vec<_>>(),
    );
    f.set("skills", list("skills").iter().flat_map(|s| s["keywords"].as_array().cloned().unwrap_or_default()).filter_map(|k| k.as_str().map(str::to_string)));
    f.set("certificates", list("certificates").iter().filter_map(|c| c["name"].as_str().map(str::to_string)));
    f
}

/// Normalised comparison key of an item of `field`.
fn key(field: &str, s: &str) -> String {
    let n = normalise(s, "-");
    let n = n.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '|' | '(' | ')')).trim().to_string();
    match field {
        "phone" => n.chars().filter(char::is_ascii_digit).collect(),
        "urls" => n.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.").trim_end_matches('/').to_string(),
        "degrees" => degree_key(&n),
        _ => n,
    }
}

/// A degree without its joining words and punctuation: "b.s. in computer science" → "b.s. computer science".
fn degree_key(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '–' | '—' | ':' | '\t'))
        .filter(|w| !w.is_empty() && !matches!(*w, "in" | "en" | "im" | "em" | "-" | "of" | "de"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys a predicted item can match: for degrees, the whole and each part.
fn prediction_keys(field: &str, s: &str) -> Vec<String> {
    let mut keys = vec![key(field, s)];
    if field == "degrees" && s.contains('\t') {
        keys.extend(s.split('\t').map(|part| key(field, part)));
    }
    keys
}

/// Two "start..end" periods agree at the precision both give ("2017..2018" and
/// "2017-05..2018-11" agree: the CV may show years where the gold profile keeps months).
fn same_period(a: &str, b: &str) -> bool {
    let (Some((a1, a2)), Some((b1, b2))) = (a.split_once(".."), b.split_once("..")) else { return a == b };
    let agree = |x: &str, y: &str| {
        let n = x.len().min(y.len());
        if x.is_empty() || y.is_empty() { x == y } else { x.get(..n) == y.get(..n) }
    };
    agree(a1, b1) && agree(a2, b2)
}

/// Count one document's field.
pub fn count(field: &'static str, predicted: &[String], truth: &[String]) -> FieldCounts {
    let mut preds: Vec<Vec<String>> = Vec::new();
    for p in predicted {
        let k = prediction_keys(field, p);
        if !k.first().is_some_and(|f| f.is_empty()) && !preds.iter().any(|q| q.first() == k.first()) {
            preds.push(k);
        }
    }
    let mut truths: Vec<String> = Vec::new();
    for t in truth {
        let k = key(field, t);
        if !k.is_empty() && !truths.contains(&k) {
            truths.push(k);
        }
    }
    let same = |k: &String, t: &String| if field == "dates" { same_period(k, t) } else { k == t };
    let correct = preds.iter().filter(|p| p.iter().any(|k| truths.iter().any(|t| same(k, t)))).count();
    let found = truths.iter().filter(|t| preds.iter().any(|p| p.iter().any(|k| same(k, t)))).count();
    FieldCounts { predicted: preds.len(), correct, truth: truths.len(), found }
}

/// Score one document into `report`.
pub fn score_document(report: &mut ParseReport, id: String, pred: &FieldItems, truth: &FieldItems, fields: &[&'static str]) {
    report.documents += 1;
    let mut missed = Vec::new();
    for &field in fields {
        let empty = Vec::new();
        let c = count(field, pred.items.get(field).unwrap_or(&empty), truth.items.get(field).unwrap_or(&empty));
        if c.found < c.truth || c.correct < c.predicted {
            missed.push(field);
        }
        if field == "name" && c.truth > 0 && c.found == c.truth && c.correct == c.predicted {
            report.names_exact += 1;
        }
        report.fields.entry(field).or_default().add(c);
    }
    if !missed.is_empty() {
        report.misses.push((id, missed));
    }
}

/// Evaluate on the real-world corpus folder.
pub fn evaluate_corpus(dir: &Path, opts: &ParseOptions) -> std::io::Result<ParseReport> {
    evaluate_corpus_ocr(dir, opts, &EvalOcr::default())
}

/// The parse of one evaluated document, its scans read as `ocr` says.
fn parse_with_ocr(bytes: &[u8], hint: Option<String>, opts: &ParseOptions, ocr: &EvalOcr) -> crate::error::Result<Profile> {
    let ocr = ocr.result(bytes, hint.as_deref(), &opts.limits)?;
    parse(bytes, &ParseOptions { hint, ocr, ..opts.clone() })
}

/// [`evaluate_corpus`] with scans read as `ocr` says.
pub fn evaluate_corpus_ocr(dir: &Path, opts: &ParseOptions, ocr: &EvalOcr) -> std::io::Result<ParseReport> {
    let mut report = ParseReport::default();
    for doc in corpus::load(dir)? {
        let labelled = |f: &&str| *f != "dates" && (*f != "certificates" || doc.truth.certifications.is_some());
        let fields: Vec<&'static str> = FIELDS.iter().copied().filter(labelled).collect();
        let bytes = std::fs::read(&doc.path)?;
        let hint = doc.path.file_name().map(|n| n.to_string_lossy().into_owned());
        let pred = match parse_with_ocr(&bytes, hint, opts, ocr) {
            Ok(p) => predicted(&p),
            Err(_) => {
                report.failures += 1;
                FieldItems::default()
            }
        };
        score_document(&mut report, doc.id(), &pred, &truth_items(&doc.truth), &fields);
    }
    Ok(report)
}

/// Evaluate on the synthetic set: documents of `split` in `gold_dir/splits.json` (all when
/// `split` is None), at most `limit`.
pub fn evaluate_synthetic(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, opts: &ParseOptions) -> std::io::Result<ParseReport> {
    Ok(evaluate_synthetic_by(gold_dir, split, limit, None, opts)?.pop().map(|(_, r)| r).unwrap_or_default())
}

/// [`evaluate_synthetic`] with one report per group of `by` (template, producer or locale; one
/// group "all" when `None`), groups in name order.
pub fn evaluate_synthetic_by(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, by: Option<Breakdown>, opts: &ParseOptions) -> std::io::Result<Vec<(String, ParseReport)>> {
    evaluate_synthetic_ocr(gold_dir, split, limit, by, opts, &EvalOcr::default())
}

/// [`evaluate_synthetic_by`] with scans read as `ocr` says.
pub fn evaluate_synthetic_ocr(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, by: Option<Breakdown>, opts: &ParseOptions, ocr: &EvalOcr) -> std::io::Result<Vec<(String, ParseReport)>> {
    corpus::score_synthetic(gold_dir, split, limit, by, |report: &mut ParseReport, id, gold, file, bytes| {
        let pred = match parse_with_ocr(bytes, Some(file.to_string()), opts, ocr) {
            Ok(p) => predicted(&p),
            Err(_) => {
                report.failures += 1;
                FieldItems::default()
            }
        };
        score_document(report, id, &pred, &gold_items(&gold["profile"]), &FIELDS);
    })
}

/// One table with a column per evaluated set (a corpus, a synthetic split or one of its groups),
/// so a gap between them shows at a glance: per field "precision / recall", "–" where a set has
/// no labels for the field.
pub fn side_by_side(columns: &[(&str, &ParseReport)]) -> String {
    let mut out = super::table_head("", columns.iter().map(|(name, _)| *name));
    let row = |label: &str, cell: &dyn Fn(&ParseReport) -> String| {
        let mut line = format!("| {label} |");
        for (_, r) in columns {
            line.push_str(&format!(" {} |", cell(r)));
        }
        line.push('\n');
        line
    };
    out.push_str(&row("documents (parse failures)", &|r| format!("{} ({})", r.documents, r.failures)));
    out.push_str(&row("name exact", &|r| format!("{:.3} ({}/{})", ratio(r.names_exact, r.documents), r.names_exact, r.documents)));
    for f in FIELDS {
        if columns.iter().all(|(_, r)| r.field(f).truth == 0) {
            continue;
        }
        out.push_str(&row(&format!("{f} P / R"), &|r| {
            let c = r.field(f);
            if c.truth == 0 { "–".to_string() } else { format!("{:.3} / {:.3}", c.precision(), c.recall()) }
        }));
    }
    out
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl ParseReport {
    /// The figures as JSON: documents, failures, names exact, and per field the counts with
    /// precision, recall and F1 (fields without labels or predictions left out).
    pub fn to_json(&self) -> Value {
        let fields: serde_json::Map<String, Value> = FIELDS
            .iter()
            .map(|&f| (f, self.field(f)))
            .filter(|(_, c)| c.truth > 0 || c.predicted > 0)
            .map(|(f, c)| {
                let v = serde_json::json!({
                    "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                    "predicted": c.predicted, "correct": c.correct, "truth": c.truth, "found": c.found,
                });
                (f.to_string(), v)
            })
            .collect();
        serde_json::json!({
            "documents": self.documents, "failures": self.failures, "names_exact": self.names_exact,
            "fields": fields,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn degrees_match_whole_or_by_part() {
        let c = count("degrees", &v(&["B.S.\tComputer Science"]), &v(&["B.S.", "Computer Science"]));
        assert_eq!((c.correct, c.predicted, c.found, c.truth), (1, 1, 2, 2));
        let c = count("degrees", &v(&["Bachelor of Arts\tBusiness Administration"]), &v(&["Bachelor of Arts, Business Administration"]));
        assert_eq!((c.correct, c.found), (1, 1));
        let c = count("degrees", &v(&["Master of Science\tInformation Technology"]), &v(&["Bachelor of Science in Computer Science"]));
        assert_eq!((c.correct, c.found), (0, 0));
    }

    #[test]
    fn periods_agree_at_common_precision() {
        assert!(same_period("2017..2018", "2017-05..2018-11"));
        assert!(same_period("2021-06..", "2021..") && !same_period("2021-06..", "2021-06..2022"));
        assert!(!same_period("2017-04..2018", "2017-05..2018-11"));
    }

    #[test]
    fn phones_match_by_digits_and_items_are_deduplicated() {
        let c = count("phone", &v(&["(909) 555-\u{ad}\u{2010}5555"]), &v(&["(909) 555-5555"]));
        assert_eq!((c.correct, c.found), (1, 1));
        let c = count("employers", &v(&["Larkspur Wealth Partners", "larkspur wealth partners", "Acme"]), &v(&["Larkspur Wealth Partners"]));
        assert_eq!((c.predicted, c.correct, c.truth, c.found), (2, 1, 1, 1));
        assert!((c.precision() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn side_by_side_has_a_column_per_set_and_dashes_where_unlabelled() {
        let mut a = ParseReport::default();
        score_document(&mut a, "s1".into(), &items(&[("name", "Ana Berg"), ("employers", "Acme"), ("dates", "2020..2021")]), &items(&[("name", "Ana Berg"), ("employers", "Acme"), ("dates", "2020..2021")]), &FIELDS);
        let mut b = ParseReport::default();
        score_document(&mut b, "h1".into(), &items(&[("name", "Ana"), ("employers", "Acme")]), &items(&[("name", "Ana Berg"), ("employers", "Other")]), &["name", "employers"]);
        let table = side_by_side(&[("synthetic test", &a), ("realworld", &b)]);
        assert!(table.starts_with("| | synthetic test | realworld |\n|---|---|---|\n"), "{table}");
        assert!(table.contains("| name exact | 1.000 (1/1) | 0.000 (0/1) |"), "{table}");
        assert!(table.contains("| employers P / R | 1.000 / 1.000 | 0.000 / 0.000 |"), "{table}");
        assert!(table.contains("| dates P / R | 1.000 / 1.000 | – |"), "{table}");
        assert!(!table.contains("skills"), "{table}");
        let json = b.to_json();
        assert_eq!(json["documents"], 1);
        assert_eq!(json["fields"]["employers"]["precision"], 0.0);
        assert!(json["fields"].get("dates").is_none());
    }

    fn items(pairs: &[(&'static str, &str)]) -> FieldItems {
        let mut f = FieldItems::default();
        for (field, value) in pairs {
            f.set(field, [value.to_string()]);
        }
        f
    }
}
