//! `cvshield eval …`: evaluations that print their figures (and can write them into a card).
//!
//! One run can cover several sets — the synthetic split (whole, or per template, producer or
//! locale) and any number of real-world corpora — printed side by side, so a gap between the
//! templates the models were trained on and documents made elsewhere shows in one table.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use cvshield::eval::corpus::{self, Breakdown};
use cvshield::eval::parse_eval::{evaluate_corpus, evaluate_synthetic_by, side_by_side, ParseReport};
use cvshield::profile::ParseOptions;

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub what: EvalCommand,
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Field-level precision/recall/F1 of `parse` (name, e-mail, phone, URLs, employers, titles, dates, schools, degrees, skills).
    Parse(ParseEvalArgs),
    /// Leak and kept rates of `anonymize` per level and label group (optionally beside another tool's outputs).
    Anonymize(super::anonymize_cmd::AnonymizeEvalArgs),
}

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
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<By>,
    /// Print the figures as JSON (`{"columns": [{"name", …figures}]}`) instead of tables.
    #[arg(long)]
    pub json: bool,
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
    /// The corpora to evaluate, named for their columns: those given, else the located default
    /// when no synthetic set is given or `also_default` asks for it. `Err`: none can be found
    /// though one is needed.
    pub fn corpora(&self, also_default: bool) -> Result<Vec<(String, PathBuf)>, String> {
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

#[derive(Args, Debug)]
pub struct ParseEvalArgs {
    #[command(flatten)]
    pub sets: SetArgs,
    /// Rules only: do not run the parser model.
    #[arg(long)]
    pub no_model: bool,
    /// Also list, per document id, the fields with a miss.
    #[arg(long)]
    pub misses: bool,
    /// Write the table into this model card's "Pipeline evaluation" section (replacing that
    /// section's table of the same title, appending it otherwise).
    #[arg(long, value_name = "CARD.md")]
    pub card: Option<PathBuf>,
}

pub fn run(args: &EvalArgs) -> i32 {
    match &args.what {
        EvalCommand::Parse(a) => run_parse(a),
        EvalCommand::Anonymize(a) => super::anonymize_cmd::run_eval(a),
    }
}

fn run_parse(args: &ParseEvalArgs) -> i32 {
    let opts = ParseOptions { use_model: !args.no_model, ..ParseOptions::default() };
    let sets = &args.sets;
    // A card holds the synthetic and the real-world tables, so writing one also evaluates the corpus.
    let corpora = match sets.corpora(args.card.is_some()) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    let runs = collect(
        sets,
        &corpora,
        ("Synthetic set", "Real-world corpus"),
        |dir, by| evaluate_synthetic_by(dir, sets.split.as_deref(), sets.limit, by, &opts),
        |dir| evaluate_corpus(dir, &opts),
    );
    let runs = match runs {
        Ok(runs) => runs,
        Err(e) => return read_failed(&e),
    };
    let model = if args.no_model { " (rules only)".to_string() } else { model_suffix() };
    let several = runs.len() > 1;
    let printed = print_columns(&runs, sets.json, &format!("Parse evaluation{model}"), ParseReport::to_json, side_by_side);
    for (name, title, report) in &runs {
        let title = format!("{title}{model}");
        let table = report.table(&title);
        if !printed {
            print!("{table}");
        }
        if args.misses {
            if several {
                println!("\nmisses in {name}:");
            }
            print_misses(report);
        }
        if let Some(card) = &args.card {
            if let Err(e) = write_card(card, &title, &table) {
                eprintln!("cvshield: could not write the card ({})", e.kind());
                return EXIT_FAILED;
            }
        }
    }
    EXIT_OK
}

/// Report unreadable evaluation data (the error's kind only: no paths or content).
pub fn read_failed(e: &std::io::Error) -> i32 {
    eprintln!("cvshield: could not read the evaluation data ({})", e.kind());
    EXIT_FAILED
}

/// " (parser 1.0.0)": the parser model the figures were measured with.
fn model_suffix() -> String {
    match cvshield::model::Tagger::parser() {
        Ok(t) => format!(" ({} {})", t.name(), t.version()),
        Err(_) => " (parser model unavailable)".to_string(),
    }
}

fn print_misses(report: &ParseReport) {
    for (id, fields) in &report.misses {
        println!("{id}: {}", fields.join(", "));
    }
}

const SECTION: &str = "## Pipeline evaluation";

/// Put `table` under the card's "Pipeline evaluation" section, replacing an older table with the
/// same title; the rest of the card is left as it is.
fn write_card(card: &std::path::Path, title: &str, table: &str) -> std::io::Result<()> {
    let mut text = std::fs::read_to_string(card).unwrap_or_default();
    if !text.contains(SECTION) {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!(
            "\n{SECTION}\n\nField-level figures of `cvshield parse` (written by `cvshield eval parse --card …`; matching rules in src/eval/parse_eval.rs).\n"
        ));
    }
    let block = format!("\n### {title}\n\n{table}");
    let start_marker = format!("\n### {title}\n");
    if let Some(start) = text.find(&start_marker) {
        let after = start + start_marker.len();
        let end = text[after..].find("\n### ").map_or(text.len(), |i| after + i);
        let end = text[after..end].find("\n## ").map_or(end, |i| after + i);
        text.replace_range(start..end, block.trim_end_matches('\n'));
        if !text.ends_with('\n') {
            text.push('\n');
        }
    } else {
        text.push_str(&block);
    }
    std::fs::write(card, text)
}
