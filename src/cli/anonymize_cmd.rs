//! `cvshield anonymize`: the anonymised text (or, with `--format json`, everything) of each input.

use clap::{Args, ValueEnum};
use serde_json::{json, Map};

use super::batch::{self, Outcome, Output};
use super::{inputs, InputArgs, OcrArgs, EXIT_USAGE};
use cvshield::anonymize::{AnonymizeOptions, Key, Level, Operator};
use cvshield::pipeline::{anonymize, AnonymizeInput};
use cvshield::entities::EntityKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The anonymised text only.
    Text,
    /// Profile, text, redactions, counts and meta as JSON.
    Json,
}

#[derive(Args, Debug)]
pub struct AnonymizeArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// What is removed and how: shared by `anonymize` and `redact`, which make the same plan.
#[derive(Args, Debug)]
pub struct PlanArgs {
    /// What to remove: basic (direct identifiers), moderate (+ sensitive attributes, references,
    /// photos), thorough (+ organisations, schools, exact dates, places, awards, publications).
    #[arg(long, value_name = "LEVEL", default_value = "basic", value_parser = parse_level)]
    pub level: Level,
    /// Reversible mode: seal each removed value with this 32-byte key (raw, or 64 hex digits).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<std::path::PathBuf>,
    /// Per-type operator override, e.g. `PERSON=pseudonym` or `DATE=remove` (repeatable).
    #[arg(long = "operator", value_name = "TYPE=OP", value_parser = parse_override)]
    pub operators: Vec<(EntityKind, Operator)>,
    /// The candidate's name, when known, so every variant of it is removed.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

impl PlanArgs {
    /// The options these arguments say; a usage error (already reported) when the key file
    /// cannot be used.
    pub fn options(&self, input: &InputArgs) -> Result<AnonymizeOptions, i32> {
        Ok(AnonymizeOptions {
            level: self.level,
            operators: self.operators.iter().copied().collect(),
            candidate_name: self.name.clone(),
            limits: input.limits.to_limits(),
            key: load_key(self.key_file.as_deref())?,
            ..AnonymizeOptions::default()
        })
    }
}

/// The key in `path`, if any; a usage error (already reported) when it cannot be used.
fn load_key(path: Option<&std::path::Path>) -> Result<Option<Key>, i32> {
    let Some(path) = path else { return Ok(None) };
    match std::fs::read(path).map_err(|e| e.kind().to_string()).and_then(|b| Key::from_file_bytes(&b).map_err(|e| e.message)) {
        Ok(key) => Ok(Some(key)),
        Err(message) => {
            eprintln!("cvshield: cannot use the key file: {message}");
            Err(EXIT_USAGE)
        }
    }
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse().map_err(|e: cvshield::Error| e.message)
}

fn parse_override(s: &str) -> Result<(EntityKind, Operator), String> {
    let (kind, op) = s.split_once('=').ok_or("expected TYPE=OPERATOR, e.g. PERSON=pseudonym")?;
    let kind = EntityKind::from_label(&kind.trim().to_ascii_uppercase()).ok_or("unknown entity type (use PERSON, EMAIL, ORG…)")?;
    let op = op.trim().parse::<Operator>().map_err(|e| e.message)?;
    Ok((kind, op))
}

pub fn run(args: &AnonymizeArgs) -> i32 {
    let (inputs, batch_mode) = match inputs::collect(&args.input.inputs) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    let opts = match args.plan.options(&args.input) {
        Ok(opts) => opts,
        Err(code) => return code,
    };
    let process = |bytes: &[u8], hint: Option<String>| {
        let ocr = args.ocr.result(bytes, hint.as_deref(), &opts.limits)?;
        let out = match ocr {
            Some(ocr) => anonymize(AnonymizeInput::Bytes { bytes, hint }, &AnonymizeOptions { ocr: Some(ocr), ..opts.clone() })?,
            None => anonymize(AnonymizeInput::Bytes { bytes, hint }, &opts)?,
        };
        let mut summary = Map::new();
        summary.insert("level".into(), json!(opts.level.as_str()));
        summary.insert("redactions".into(), json!(out.redactions.len()));
        summary.insert("counts".into(), json!(out.counts));
        let output = match args.format {
            Format::Text => Output::Text(out.text.clone().unwrap_or_default()),
            Format::Json => Output::Json(serde_json::to_value(&out).unwrap_or_default()),
        };
        Ok(Outcome { summary, output })
    };
    batch::run_collected(inputs, batch_mode, &args.input, process)
}

/// `cvshield eval anonymize`.
#[derive(Args, Debug)]
pub struct AnonymizeEvalArgs {
    #[command(flatten)]
    pub sets: super::eval_sets::SetArgs,
    /// Also score another tool's anonymised corpus texts (`DIR/<corpus file stem>.txt`), e.g.
    /// bench/presidio's output, as a column named after the folder's last component (with one
    /// corpus only: the texts are that corpus's).
    #[arg(long, value_name = "DIR")]
    pub external: Vec<std::path::PathBuf>,
    /// Also list, per system, the document ids with a leaked label group.
    #[arg(long)]
    pub misses: bool,
}

pub fn run_eval(args: &AnonymizeEvalArgs) -> i32 {
    use super::eval_sets::{collect, print_columns, read_failed};
    use cvshield::eval::anonymize_eval::{evaluate_corpus_ocr, evaluate_synthetic_ocr, score_external_corpus, side_by_side, AnonymizeReport};
    let base = AnonymizeOptions::default();
    let sets = &args.sets;
    let (corpora, ocr) = match sets.corpora_and_ocr(false) {
        Ok(both) => both,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    if !args.external.is_empty() && corpora.len() != 1 {
        eprintln!("cvshield: --external scores one corpus's texts: give exactly one corpus");
        return EXIT_USAGE;
    }
    let corpus = |dir: &std::path::Path| {
        let mut report = evaluate_corpus_ocr(dir, &base, &ocr)?;
        for external in &args.external {
            let system = external.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "external".into());
            score_external_corpus(&mut report, dir, external, &system)?;
        }
        Ok(report)
    };
    let runs = collect(
        sets,
        &corpora,
        ("Anonymisation, synthetic set", "Anonymisation, real-world corpus"),
        |dir, by| evaluate_synthetic_ocr(dir, sets.split.as_deref(), sets.limit, by, &base, &ocr),
        corpus,
    );
    let runs = match runs {
        Ok(runs) => runs,
        Err(e) => return read_failed(&e),
    };
    let several = runs.len() > 1;
    let heading = "Anonymisation evaluation: leak rate (lower is better) and kept rate (higher is better) per level and label group";
    let printed = print_columns(&runs, sets.json, heading, AnonymizeReport::to_json, side_by_side);
    for (name, title, report) in &runs {
        if !printed {
            print!("{}", report.table(title));
        }
        if args.misses {
            for (system, id, group) in &report.misses {
                if several {
                    println!("miss\t{name}\t{system}\t{id}\t{group}");
                } else {
                    println!("miss\t{system}\t{id}\t{group}");
                }
            }
        }
    }
    super::EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_levels_parse() {
        assert_eq!(parse_override("person=pseudonym").unwrap(), (EntityKind::Person, Operator::Pseudonym));
        assert!(parse_override("PERSON").is_err());
        assert!(parse_override("NOPE=mask").is_err());
        assert!(parse_override("PERSON=shred").is_err());
        assert_eq!(parse_level("thorough").unwrap(), Level::Thorough);
        assert!(parse_level("max").is_err());
    }
}
