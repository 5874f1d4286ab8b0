//! Reading the real-world development corpora (`../shared/corpus/realworld*`) and the synthetic
//! set's splits.
//!
//! Each document sits beside a hand-checked `<name>.truth.json`. This module
//! finds the corpus and loads the labels the evaluations need; the documents
//! are never used for training. The corpora share one schema; the later one fills fields the
//! first leaves out (other people's names, handles, date of birth, certifications), so every
//! field here is optional and an absent one means "no such labels", never "none present".

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The labels of one corpus document that evaluations use.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Truth {
    pub format: String,
    pub name: Option<String>,
    pub name_parts: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    pub location: Option<String>,
    pub pii_strings: Vec<String>,
    pub sensitive_attributes: serde_json::Value,
    pub employers: Vec<String>,
    pub job_titles: Vec<String>,
    pub schools: Vec<String>,
    pub degrees: Vec<String>,
    pub skills_sample: Vec<String>,
    pub sections: Vec<String>,
    /// Other people named in the document (referees, supervisors, co-authors, relatives).
    pub third_party_names: Vec<String>,
    pub profile_handles: Vec<String>,
    pub date_of_birth: Option<String>,
    /// `None` where the truth file does not label certifications at all.
    pub certifications: Option<Vec<String>>,
}

impl Truth {
    /// The strings extraction must keep: name (or its parts), e-mails, phones,
    /// employers, job titles, schools, degrees and skills, each with its kind.
    pub fn extraction_labels(&self) -> Vec<(&'static str, &str)> {
        let mut labels = Vec::new();
        if self.name_parts.is_empty() {
            labels.extend(self.name.iter().map(|n| ("name", n.as_str())));
        } else {
            labels.extend(self.name_parts.iter().map(|n| ("name", n.as_str())));
        }
        let groups: [(&'static str, &Vec<String>); 7] = [
            ("email", &self.emails),
            ("phone", &self.phones),
            ("employer", &self.employers),
            ("job_title", &self.job_titles),
            ("school", &self.schools),
            ("degree", &self.degrees),
            ("skill", &self.skills_sample),
        ];
        for (kind, values) in groups {
            labels.extend(values.iter().map(|v| (kind, v.as_str())));
        }
        labels
    }
}

/// One corpus document: its path and labels.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    pub path: PathBuf,
    pub truth: Truth,
}

impl CorpusDoc {
    /// A short stable id (the file name's leading `hNN`), safe to print in reports.
    pub fn id(&self) -> String {
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        name.split('_').next().unwrap_or("").to_string()
    }
}

/// Where the corpus is: `$CVSHIELD_CORPUS`, else `../shared/corpus/realworld`
/// beside the repository (as CI lays it out), else `None`.
pub fn locate(repo_root: &Path) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CVSHIELD_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    Some(repo_root.join("../shared/corpus/realworld")).filter(|p| p.is_dir())
}

/// Where the real set `name` (e.g. `realworld-2`) is: beside `$CVSHIELD_CORPUS`, else in
/// `../shared/corpus` beside the repository, else `None`.
pub fn locate_set(repo_root: &Path, name: &str) -> Option<PathBuf> {
    let base = match std::env::var_os("CVSHIELD_CORPUS") {
        Some(dir) => PathBuf::from(dir).parent()?.to_path_buf(),
        None => repo_root.join("../shared/corpus"),
    };
    Some(base.join(name)).filter(|p| p.is_dir())
}

/// Load every document that has a truth file, sorted by name.
pub fn load(dir: &Path) -> std::io::Result<Vec<CorpusDoc>> {
    let mut docs = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(stem) = name.strip_suffix(".truth.json") else { continue };
        let truth: Truth = serde_json::from_slice(&std::fs::read(&path)?)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let doc = entries_with_stem(dir, stem)?;
        if let Some(doc_path) = doc {
            docs.push(CorpusDoc { path: doc_path, truth });
        }
    }
    Ok(docs)
}

fn entries_with_stem(dir: &Path, stem: &str) -> std::io::Result<Option<PathBuf>> {
    for ext in ["pdf", "docx", "txt", "odt", "rtf", "html", "md"] {
        let p = dir.join(format!("{stem}.{ext}"));
        if p.is_file() {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// A corpus folder's short name for column headings: its last component ("realworld-2").
pub fn name_of(dir: &Path) -> String {
    dir.components().next_back().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_else(|| "corpus".into())
}

/// The document ids of the synthetic set in `gold_dir/splits.json` that belong to `split` (all
/// when `None`), sorted, at most `limit`. The file maps ids to splits under `documents` (beside
/// the per-split template and producer lists), or at its top level in the older form.
pub fn synthetic_ids(gold_dir: &Path, split: Option<&str>, limit: Option<usize>) -> std::io::Result<Vec<String>> {
    let splits: serde_json::Value = serde_json::from_slice(&std::fs::read(gold_dir.join("splits.json"))?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let assignment = if splits["documents"].is_object() { &splits["documents"] } else { &splits };
    let mut ids: Vec<String> = assignment
        .as_object()
        .map(|m| m.iter().filter(|(_, s)| split.is_none_or(|want| s.as_str() == Some(want))).map(|(id, _)| id.clone()).collect())
        .unwrap_or_default();
    ids.sort();
    if let Some(n) = limit {
        ids.truncate(n);
    }
    Ok(ids)
}

/// What a synthetic breakdown groups documents by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// The rendering template (the gold's `template`, else its layout).
    Template,
    /// The tool that made the file.
    Producer,
    Locale,
}

impl Breakdown {
    pub fn as_str(self) -> &'static str {
        match self {
            Breakdown::Template => "template",
            Breakdown::Producer => "producer",
            Breakdown::Locale => "locale",
        }
    }

    /// The group of a synthetic gold file ("?" when the gold does not say).
    pub fn key(self, gold: &serde_json::Value) -> String {
        let field = |k: &str| gold[k].as_str().filter(|s| !s.is_empty()).map(str::to_string);
        match self {
            Breakdown::Template => field("template").or_else(|| field("layout")),
            Breakdown::Producer => field("producer"),
            Breakdown::Locale => field("locale"),
        }
        .unwrap_or_else(|| "?".to_string())
    }
}

/// Score the synthetic documents of `split` (at most `limit`) into one report per group of `by`
/// (one group "all" when `None`), groups in name order: `score(report, id, gold, file bytes)`
/// for every document whose gold names its file.
pub fn score_synthetic<R: Default>(
    gold_dir: &Path,
    split: Option<&str>,
    limit: Option<usize>,
    by: Option<Breakdown>,
    mut score: impl FnMut(&mut R, String, &serde_json::Value, &str, &[u8]),
) -> std::io::Result<Vec<(String, R)>> {
    let mut out = Vec::new();
    for (group, docs) in synthetic_groups(gold_dir, split, limit, by)? {
        let mut report = R::default();
        for (id, gold) in docs {
            let Some(file) = gold["file"].as_str() else { continue };
            let bytes = std::fs::read(gold_dir.join(file))?;
            score(&mut report, id, &gold, file, &bytes);
        }
        out.push((group, report));
    }
    Ok(out)
}

/// The synthetic documents of `split` (at most `limit`) with their gold, grouped by `by` (one
/// group named "all" when `None`), groups in name order.
fn synthetic_groups(gold_dir: &Path, split: Option<&str>, limit: Option<usize>, by: Option<Breakdown>) -> std::io::Result<Vec<(String, Vec<(String, serde_json::Value)>)>> {
    let mut groups: std::collections::BTreeMap<String, Vec<(String, serde_json::Value)>> = Default::default();
    for id in synthetic_ids(gold_dir, split, limit)? {
        let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(gold_dir.join(format!("{id}.gold.json")))?)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let key = by.map_or_else(|| "all".to_string(), |b| b.key(&gold));
        groups.entry(key).or_default().push((id, gold));
    }
    Ok(groups.into_iter().collect())
}
