//! The sets one `cvshield eval …` run covers and how their figures print.
//!
//! One run can cover several sets — the synthetic split (whole, or per template, producer or
//! locale) and any number of real-world corpora — printed side by side, so a gap between the
//! templates the models were trained on and documents made elsewhere shows in one table.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::EXIT_FAILED;
use cvshield::eval::corpus::{self, Breakdown};

/// The sets one evaluation covers; each becomes a column when there are several.
#[derive(Args, Debug)]
pub struct SetArgs {
    /// A real-world corpus folder (repeatable: one column each) [default, when no --synthetic:
    /// $CVSHIELD_CORPUS or ../shared/corpus/realworld].
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    /// A synthetic gold folder (with splits.json); evaluated alone unless --corpus is also given.
    #[arg(long, value_name = "GOLD_DIR")]
    pub synthetic: Option<PathBuf>,
    /// The synthetic split to use (train, validation, test) [default: all].
    #[arg(long)]
    pub split: Option<String>,
    /// At most this many synthetic documents (in id order).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Break the synthetic set down into a column per template, producer or locale.
    #[arg(long, value_enum, value_name = "WHAT", requires = "synthetic")]
    pub by: Option<By>,
    /// Print the figures as JSON (`{"columns": [{"name", …figures}]}`) instead of tables.
    #[arg(long)]
    pub json: bool,
    /// OCR: `auto` reads images and pages without a text layer, `always` every page, `never` none.
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = super::parse_ocr_mode)]
    pub ocr: cvshield::ocr::native::OcrMode,
    /// Tesseract languages joined by '+'.
    #[arg(long, value_name = "LANGS", default_value = cvshield::ocr::tesseract::DEFAULT_LANGUAGES)]
    pub ocr_lang: String,
}

/// `--by`: what a synthetic breakdown groups documents by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Template,
    Producer,
    Locale,
}

impl From<By> for Breakdown {
    fn from(b: By) -> Self {
        match b {
            By::Template => Breakdown::Template,
            By::Producer => Breakdown::Producer,
            By::Locale => Breakdown::Locale,
        }
    }
}

impl SetArgs {
    /// The corpora (as [`Self::corpora`]) and how scans are read (as [`Self::eval_ocr`]): what
    /// every eval command checks before it runs; `Err`: the first of their messages.
    pub fn corpora_and_ocr(&self, also_default: bool) -> Result<(Vec<(String, PathBuf)>, cvshield::eval::ocr::EvalOcr), String> {
        Ok((self.corpora(also_default)?, self.eval_ocr()?))
    }

    /// How the evaluated documents' scans are read; `Err`: the languages are not valid.
    fn eval_ocr(&self) -> Result<cvshield::eval::ocr::EvalOcr, String> {
        let languages = cvshield::ocr::tesseract::parse_languages(&self.ocr_lang).map_err(|e| e.message)?;
        Ok(cvshield::eval::ocr::EvalOcr { mode: self.ocr, languages })
    }

    /// The corpora to evaluate, named for their columns: those given, else the located default
    /// when no synthetic set is given or `also_default` asks for it. `Err`: none can be found
    /// though one is needed.
    fn corpora(&self, also_default: bool) -> Result<Vec<(String, PathBuf)>, String> {
        if !self.corpus.is_empty() {
            return Ok(self.corpus.iter().map(|d| (corpus::name_of(d), d.clone())).collect());
        }
        if self.synthetic.is_some() && !also_default {
            return Ok(Vec::new());
        }
        let repo = std::env::current_dir().unwrap_or_default();
        match corpus::locate(&repo) {
            Some(dir) => Ok(vec![(corpus::name_of(&dir), dir)]),
            None if self.synthetic.is_none() => Err("no corpus folder (pass --corpus DIR or set CVSHIELD_CORPUS)".into()),
            None => Ok(Vec::new()),
        }
    }

    /// The synthetic column's name: "synthetic <split>", with the group after " · " when broken down.
    pub fn synthetic_name(&self, group: &str) -> String {
        let split = self.split.as_deref().unwrap_or("all");
        if self.by.is_some() { format!("synthetic {split} · {group}") } else { format!("synthetic {split}") }
    }
}

/// Evaluate every set `sets` names: the synthetic split (per group with `--by`), then each of
/// `corpora`. Returns (column name, detailed table title, report) per set; `titles` are the
/// synthetic and the corpus table titles' stems.
pub fn collect<R>(
    sets: &SetArgs,
    corpora: &[(String, PathBuf)],
    titles: (&str, &str),
    synthetic: impl Fn(&std::path::Path, Option<Breakdown>) -> std::io::Result<Vec<(String, R)>>,
    mut corpus: impl FnMut(&std::path::Path) -> std::io::Result<R>,
) -> std::io::Result<Vec<(String, String, R)>> {
    let mut runs = Vec::new();
    if let Some(dir) = &sets.synthetic {
        let title = format!("{}, split {}", titles.0, sets.split.as_deref().unwrap_or("all"));
        for (group, r) in synthetic(dir, sets.by.map(Breakdown::from))? {
            runs.push((sets.synthetic_name(&group), title.clone(), r));
        }
    }
    for (name, dir) in corpora {
        let title = if corpora.len() == 1 { titles.1.to_string() } else { format!("{} {name}", titles.1) };
        runs.push((name.clone(), title, corpus(dir)?));
    }
    Ok(runs)
}

/// Print the sets' figures side by side when there are several (under `heading`), or as JSON
/// when asked; returns whether it printed (otherwise the caller prints its one detailed table).
pub fn print_columns<R>(
    runs: &[(String, String, R)],
    json: bool,
    heading: &str,
    to_json: impl Fn(&R) -> serde_json::Value,
    side_by_side: impl Fn(&[(&str, &R)]) -> String,
) -> bool {
    let columns: Vec<(&str, &R)> = runs.iter().map(|(name, _, r)| (name.as_str(), r)).collect();
    if json {
        let columns: Vec<serde_json::Value> = columns
            .iter()
            .map(|(name, r)| {
                let mut v = to_json(r);
                if let Some(m) = v.as_object_mut() {
                    m.insert("name".into(), serde_json::json!(name));
                }
                v
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "columns": columns })).unwrap_or_default());
    } else if columns.len() > 1 {
        print!("{heading}\n\n{}", side_by_side(&columns));
    } else {
        return false;
    }
    true
}

/// Report unreadable evaluation data (the error's kind only: no paths or content).
pub fn read_failed(e: &std::io::Error) -> i32 {
    eprintln!("cvshield: could not read the evaluation data ({})", e.kind());
    EXIT_FAILED
}

