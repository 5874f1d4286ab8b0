//! `cvshield eval …`: evaluations that print their figures (and can write them into a card).
//!
//! One run can cover several sets (see `eval_sets`), printed side by side.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use super::eval_sets::{collect, print_columns, read_failed, SetArgs};
use cvshield::eval::parse_eval::{evaluate_corpus_ocr, evaluate_synthetic_ocr, side_by_side, ParseReport};
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
    let (corpora, ocr) = match sets.corpora_and_ocr(args.card.is_some()) {
        Ok(both) => both,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    let runs = collect(
        sets,
        &corpora,
        ("Synthetic set", "Real-world corpus"),
        |dir, by| evaluate_synthetic_ocr(dir, sets.split.as_deref(), sets.limit, by, &opts, &ocr),
        |dir| evaluate_corpus_ocr(dir, &opts, &ocr),
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
        // The table ends its line; the blank line before the next heading stays.
        text.replace_range(start..end, &format!("{}\n", block.trim_end_matches('\n')));
    } else {
        text.push_str(&block);
    }
    std::fs::write(card, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_table_is_replaced_in_place_and_the_card_keeps_its_layout() {
        let card = std::env::temp_dir().join(format!("cvshield-card-{}.md", std::process::id()));
        let before = format!("# Card\n\n{SECTION}\n\nIntro.\n\n### Set A\n\n| a |\n|---|\n| 1 |\n\n### Set B\n\n| b |\n\n## Later\n\nText.\n");
        std::fs::write(&card, &before).unwrap();
        write_card(&card, "Set A", "| a |\n|---|\n| 2 |\n").unwrap();
        let after = std::fs::read_to_string(&card).unwrap();
        assert_eq!(after, before.replace("| 1 |", "| 2 |"));
        write_card(&card, "Set B", "| c |\n").unwrap();
        write_card(&card, "Set C", "| d |\n").unwrap();
        let after = std::fs::read_to_string(&card).unwrap();
        std::fs::remove_file(&card).ok();
        assert!(after.contains("### Set B\n\n| c |\n\n## Later\n"), "{after}");
        assert!(after.ends_with("### Set C\n\n| d |\n"), "{after}");
    }
}
