//! `cvshield anonymize`: the anonymised text (or, with `--format json`, everything) of each input.

use clap::{Args, ValueEnum};
use serde_json::{json, Map};

use super::batch::{self, Outcome, Output};
use super::{inputs, InputArgs, EXIT_USAGE};
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
        let out = anonymize(AnonymizeInput::Bytes { bytes, hint }, &opts)?;
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
    /// The real-world corpus folder [default: $CVSHIELD_CORPUS or ../shared/corpus/realworld].
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<std::path::PathBuf>,
    /// A synthetic gold folder (with splits.json) to evaluate instead of the corpus.
    #[arg(long, value_name = "GOLD_DIR")]
    pub synthetic: Option<std::path::PathBuf>,
    /// The synthetic split (train, validation, test) [default: all].
    #[arg(long)]
    pub split: Option<String>,
    /// At most this many synthetic documents (in id order).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Also score another tool's anonymised corpus texts (`DIR/<corpus file stem>.txt`), e.g.
    /// bench/presidio's output, as a column named after the folder's last component.
    #[arg(long, value_name = "DIR")]
    pub external: Vec<std::path::PathBuf>,
    /// Also list, per system, the document ids with a leaked label group.
    #[arg(long)]
    pub misses: bool,
}

pub fn run_eval(args: &AnonymizeEvalArgs) -> i32 {
    use cvshield::eval::anonymize_eval::{evaluate_corpus, evaluate_synthetic, score_external_corpus};
    let base = AnonymizeOptions::default();
    let (title, result) = match &args.synthetic {
        Some(dir) => {
            let title = format!("Anonymisation, synthetic set, split {}", args.split.as_deref().unwrap_or("all"));
            (title, evaluate_synthetic(dir, args.split.as_deref(), args.limit, &base))
        }
        None => {
            let repo = std::env::current_dir().unwrap_or_default();
            let Some(dir) = args.corpus.clone().or_else(|| cvshield::eval::corpus::locate(&repo)) else {
                eprintln!("cvshield: no corpus folder (pass --corpus DIR or set CVSHIELD_CORPUS)");
                return EXIT_USAGE;
            };
            let mut result = evaluate_corpus(&dir, &base);
            for external in &args.external {
                let name = external.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "external".into());
                if let Ok(report) = result.as_mut() {
                    if let Err(e) = score_external_corpus(report, &dir, external, &name) {
                        result = Err(e);
                        break;
                    }
                }
            }
            ("Anonymisation, real-world corpus".to_string(), result)
        }
    };
    match result {
        Ok(report) => {
            print!("{}", report.table(&title));
            if args.misses {
                for (system, id, group) in &report.misses {
                    println!("miss\t{system}\t{id}\t{group}");
                }
            }
            super::EXIT_OK
        }
        Err(e) => {
            eprintln!("cvshield: could not read the evaluation data ({})", e.kind());
            super::EXIT_FAILED
        }
    }
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
