//! `cvshield eval …`: evaluations that print their figures (and can write them into a card).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use cvshield::eval::corpus;
use cvshield::eval::parse_eval::{evaluate_corpus, evaluate_synthetic, ParseReport};
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

#[derive(Args, Debug)]
pub struct ParseEvalArgs {
    /// The real-world corpus folder [default: $CVSHIELD_CORPUS or ../shared/corpus/realworld].
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// A synthetic gold folder (with splits.json) to evaluate instead of the corpus.
    #[arg(long, value_name = "GOLD_DIR")]
    pub synthetic: Option<PathBuf>,
    /// The synthetic split to use (train, validation, test) [default: all].
    #[arg(long)]
    pub split: Option<String>,
    /// At most this many synthetic documents (in id order).
    #[arg(long)]
    pub limit: Option<usize>,
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
    // What to evaluate: the synthetic split when given; the real-world corpus when no synthetic
    // set is given, and also beside it when writing a card (a card holds both tables).
    let mut runs: Vec<(String, std::io::Result<ParseReport>)> = Vec::new();
    if let Some(dir) = &args.synthetic {
        let title = format!("Synthetic set, split {}", args.split.as_deref().unwrap_or("all"));
        runs.push((title, evaluate_synthetic(dir, args.split.as_deref(), args.limit, &opts)));
    }
    if args.synthetic.is_none() || args.card.is_some() {
        let repo = std::env::current_dir().unwrap_or_default();
        match args.corpus.clone().or_else(|| corpus::locate(&repo)) {
            Some(dir) => runs.push(("Real-world corpus".to_string(), evaluate_corpus(&dir, &opts))),
            None if args.synthetic.is_none() => {
                eprintln!("cvshield: no corpus folder (pass --corpus DIR or set CVSHIELD_CORPUS)");
                return EXIT_USAGE;
            }
            None => eprintln!("cvshield: no corpus folder; the card gets the synthetic table only"),
        }
    }
    let model = if args.no_model { " (rules only)".to_string() } else { model_suffix() };
    for (title, result) in runs {
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cvshield: could not read the evaluation data ({})", e.kind());
                return EXIT_FAILED;
            }
        };
        let title = format!("{title}{model}");
        let table = report.table(&title);
        print!("{table}");
        if args.misses {
            print_misses(&report);
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
