//! The deploy gate's check on real CVs: what a model version does through the whole pipeline on
//! hand-labelled real documents, in a few figures where higher is better.
//!
//! A tagger's span F1 on synthetic validation documents says little about real CVs (the parser
//! scored 98 there while it found under half the employers of real ones), so `models deploy`
//! also runs the candidate and the active version over the real dev sets and refuses a candidate
//! that loses more than the tolerance on any figure of any set. The figures are whole-pipeline
//! ones, as a user meets them: the parser is judged by the profile fields it fills, the
//! anonymiser by what basic and thorough leave and what basic keeps.

use std::path::{Path, PathBuf};

use crate::anonymize::AnonymizeOptions;
use crate::model::{catalog, Tagger};
use crate::profile::ParseOptions;

use super::{anonymize_eval, parse_eval};

/// Profile fields whose F1 the parser's figure averages: identity, contact and the career
/// fields the model's spans decide (skills and dates are left out: their labels are partial).
pub const PARSE_FIELDS: [&str; 7] = ["name", "email", "phone", "employers", "titles", "schools", "degrees"];

/// Label groups counted as career content that basic must keep.
pub const KEPT_GROUPS: [&str; 5] = ["skills", "job_titles", "employers", "schools", "degrees"];

/// One real set's figures for one model version.
#[derive(Debug, Clone, PartialEq)]
pub struct RealScore {
    /// The set's folder name.
    pub set: String,
    pub documents: usize,
    /// (figure, value in points 0–100), higher is better.
    pub figures: Vec<(&'static str, f64)>,
}

/// The real dev sets to gate on: `$CVSHIELD_REAL_SETS` (folders joined by the platform's path
/// separator), else every `realworld*` folder of `../shared/corpus` beside `repo_root`.
pub fn default_sets(repo_root: &Path) -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os("CVSHIELD_REAL_SETS") {
        return std::env::split_paths(&list).filter(|p| p.is_dir()).collect();
    }
    let base = repo_root.join("../shared/corpus");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&base)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("realworld")))
                .collect()
        })
        .unwrap_or_default();
    sets.sort();
    sets
}

/// `tagger`'s figures on the real set `dir`, with every other model at its current version.
pub fn score(tagger: &'static Tagger, dir: &Path) -> std::io::Result<RealScore> {
    let set = dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    catalog::with_selected(&[tagger], || match tagger.name() {
        "parser" => {
            let report = parse_eval::evaluate_corpus(dir, &ParseOptions::default())?;
            Ok(RealScore { set, documents: report.documents, figures: parse_figures(&report) })
        }
        _ => {
            let report = anonymize_eval::evaluate_corpus(dir, &AnonymizeOptions::default())?;
            Ok(RealScore { set, documents: report.documents, figures: anonymize_figures(&report) })
        }
    })
}

/// The parser's figure: the mean F1 of [`PARSE_FIELDS`], in points.
pub fn parse_figures(report: &parse_eval::ParseReport) -> Vec<(&'static str, f64)> {
    let mean = PARSE_FIELDS.iter().map(|f| report.field(f).f1()).sum::<f64>() / PARSE_FIELDS.len() as f64;
    vec![("profile field F1", 100.0 * mean)]
}

/// The anonymiser's figures: PII strings removed at basic and at thorough, career content kept
/// at basic, in points.
pub fn anonymize_figures(report: &anonymize_eval::AnonymizeReport) -> Vec<(&'static str, f64)> {
    let removed = |level: &str| {
        let t = report.leak(level, "pii_strings");
        100.0 * (1.0 - t.rate())
    };
    let (hits, total) = KEPT_GROUPS.iter().map(|g| report.kept("basic", g)).fold((0, 0), |(h, t), k| (h + k.hits, t + k.total));
    let kept = if total == 0 { 100.0 } else { 100.0 * hits as f64 / total as f64 };
    vec![("basic PII removed %", removed("basic")), ("thorough PII removed %", removed("thorough")), ("basic career kept %", kept)]
}

/// The figures where `candidate` is more than `tolerance` points below `active` on the same set:
/// (set, figure, candidate, active). Empty when the candidate may be deployed.
pub fn regressions(candidate: &[RealScore], active: &[RealScore], tolerance: f64) -> Vec<(String, &'static str, f64, f64)> {
    let mut worse = Vec::new();
    for new in candidate {
        let Some(old) = active.iter().find(|o| o.set == new.set) else { continue };
        for &(figure, value) in &new.figures {
            let Some(&(_, before)) = old.figures.iter().find(|(f, _)| *f == figure) else { continue };
            if value < before - tolerance {
                worse.push((new.set.clone(), figure, value, before));
            }
        }
    }
    worse
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, figures: Vec<(&'static str, f64)>) -> RealScore {
        RealScore { set: name.into(), documents: 10, figures }
    }

    #[test]
    fn a_drop_beyond_the_tolerance_on_any_set_is_a_regression() {
        let active = [set("a", vec![("f", 80.0), ("g", 90.0)]), set("b", vec![("f", 50.0), ("g", 60.0)])];
        let same_or_better = [set("a", vec![("f", 80.0), ("g", 95.0)]), set("b", vec![("f", 49.6), ("g", 60.0)])];
        assert!(regressions(&same_or_better, &active, 0.5).is_empty());
        let worse_on_b = [set("a", vec![("f", 85.0), ("g", 95.0)]), set("b", vec![("f", 48.0), ("g", 60.0)])];
        assert_eq!(regressions(&worse_on_b, &active, 0.5), vec![("b".to_string(), "f", 48.0, 50.0)]);
    }

    #[test]
    fn sets_or_figures_only_one_side_has_are_not_compared() {
        let active = [set("a", vec![("f", 80.0)])];
        let candidate = [set("a", vec![("g", 10.0)]), set("c", vec![("f", 0.0)])];
        assert!(regressions(&candidate, &active, 0.0).is_empty());
    }

    #[test]
    fn the_parser_figure_is_the_mean_field_f1() {
        let mut report = parse_eval::ParseReport::default();
        for f in PARSE_FIELDS {
            report.fields.insert(f, parse_eval::FieldCounts { predicted: 4, correct: 2, truth: 4, found: 2 });
        }
        let figures = parse_figures(&report);
        assert_eq!(figures.len(), 1);
        assert!((figures[0].1 - 50.0).abs() < 1e-9, "{figures:?}");
    }
}
