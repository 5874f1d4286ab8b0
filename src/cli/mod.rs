//! Command-line interface: argument parsing and dispatch to the subcommands.
//!
//! Every subcommand takes inputs the same way (`FILE...`, `DIR` or `-` for
//! stdin) and behaves the same way with several of them: one JSON line per
//! input, in input order, with status, error code and timing; parallel
//! across cores; a progress bar when stderr is a terminal; exit status 1 when
//! any input failed. Later subcommands (`parse`, `anonymize`, `redact`, `models`)
//! keep these conventions.

mod anonymize_cmd;
mod batch;
mod eval_cmd;
mod eval_sets;
mod extract_cmd;
mod features_cmd;
mod inputs;
mod models_cmd;
mod models_html;
mod parse_cmd;
mod redact_cmd;

use clap::{Args, Parser, Subcommand};
use cvshield::ocr::native::{ocr_for, ocr_with_images, OcrMode};
use cvshield::ocr::tesseract::{parse_languages, DEFAULT_LANGUAGES};
use cvshield::ocr::OcrResult;
use cvshield::Limits;

/// Exit status when every input succeeded.
pub const EXIT_OK: i32 = 0;
/// Exit status when at least one input failed.
pub const EXIT_FAILED: i32 = 1;
/// Exit status for usage errors (bad flags, unreadable paths).
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(name = "cvshield", version, about = "Read, structure and anonymise CVs, entirely on your machine.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A model folder (registry.json + models/): `models` works on it [default: ./onnx]; the other
    /// commands run its active model versions (verified) instead of the embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    models_dir: Option<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the text (or, with --json, the layout document) of CVs.
    Extract(extract_cmd::ExtractArgs),
    /// Anonymise CVs at a level (basic, moderate, thorough); prints the anonymised text or, with --format json, everything.
    Anonymize(anonymize_cmd::AnonymizeArgs),
    /// Anonymise CVs in their own format (DOCX in, DOCX out; ODT, RTF, HTML, TXT, Markdown too).
    Redact(redact_cmd::RedactArgs),
    /// Parse CVs into JSON Resume profiles (`--format text` for a readable view).
    Parse(parse_cmd::ParseArgs),
    /// Evaluate a stage on labelled data and print its figures.
    Eval(eval_cmd::EvalArgs),
    /// For the training recipe: tokens, sections and hashed feature ids of each input as JSON lines.
    Features(features_cmd::FeaturesArgs),
    /// Model versions: list, show, verify, eval, deploy, rollback, history.
    Models(models_cmd::ModelsArgs),
}

/// Input and batch options shared by every document subcommand.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    pub inputs: Vec<String>,
    /// A file name or MIME type hint for standard input (e.g. `cv.md`); content decides the format otherwise.
    #[arg(long, value_name = "NAME")]
    pub hint: Option<String>,
    /// Parallel jobs in batch mode (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// In batch mode, write each result to this folder instead of embedding it in the JSON lines.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<std::path::PathBuf>,
    /// Never draw the progress bar.
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Processing limits; each maps to a field of [`Limits`].
#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// Largest accepted input in bytes [default: 20 MB].
    #[arg(long, value_name = "BYTES")]
    pub max_input_bytes: Option<usize>,
    /// Most pages read [default: 100].
    #[arg(long, value_name = "N")]
    pub max_pages: Option<usize>,
    /// Most bytes produced by decompression [default: 256 MiB].
    #[arg(long, value_name = "BYTES")]
    pub max_decompressed_bytes: Option<u64>,
    /// Time limit per document in milliseconds, 0 for none [default: 10000].
    #[arg(long, value_name = "MS")]
    pub max_millis: Option<u64>,
    /// Work limit per document in abstract units [default: 50000000].
    #[arg(long, value_name = "UNITS")]
    pub max_work: Option<u64>,
    /// Time limit of OCR per document in milliseconds [default: 300000].
    #[arg(long, value_name = "MS")]
    pub max_ocr_millis: Option<u64>,
}

/// When and how scans are read (natively, through tesseract).
#[derive(Args, Debug, Clone)]
pub struct OcrArgs {
    /// OCR: `auto` reads images and pages without a text layer, `always` every page, `never` none.
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = parse_ocr_mode)]
    pub ocr: OcrMode,
    /// Tesseract languages joined by '+' (each needs its tesseract-ocr-LANG pack).
    #[arg(long, value_name = "LANGS", default_value = DEFAULT_LANGUAGES)]
    pub ocr_lang: String,
}

pub(crate) fn parse_ocr_mode(s: &str) -> Result<OcrMode, String> {
    s.parse()
}

impl OcrArgs {
    /// What OCR reads of one input, when it needs OCR (see [`ocr_for`]).
    pub fn result(&self, bytes: &[u8], hint: Option<&str>, limits: &Limits) -> cvshield::Result<Option<OcrResult>> {
        if self.ocr == OcrMode::Never {
            return Ok(None);
        }
        ocr_for(bytes, hint, self.ocr, &parse_languages(&self.ocr_lang)?, limits)
    }

    /// [`OcrArgs::result`] with the page images OCR read.
    pub fn result_with_images(
        &self,
        bytes: &[u8],
        hint: Option<&str>,
        limits: &Limits,
    ) -> cvshield::Result<Option<(OcrResult, Vec<cvshield::ocr::PageImage>)>> {
        if self.ocr == OcrMode::Never {
            return Ok(None);
        }
        ocr_with_images(bytes, hint, self.ocr, &parse_languages(&self.ocr_lang)?, limits)
    }
}

impl LimitArgs {
    pub fn to_limits(&self) -> Limits {
        let mut limits = Limits::default();
        if let Some(v) = self.max_input_bytes {
            limits.max_input_bytes = v;
        }
        if let Some(v) = self.max_pages {
            limits.max_pages = v;
        }
        if let Some(v) = self.max_decompressed_bytes {
            limits.max_decompressed_bytes = v;
        }
        if let Some(v) = self.max_millis {
            limits.max_millis = (v > 0).then_some(v);
        }
        if let Some(v) = self.max_work {
            limits.max_work = v;
        }
        if let Some(v) = self.max_ocr_millis {
            limits.max_ocr_millis = v;
        }
        limits
    }
}

/// Parse the command line and run; returns the process exit status.
pub fn run() -> i32 {
    end_quietly_on_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    // `models` works on the folder; the document commands run its active versions.
    if let Some(dir) = cli.models_dir.as_deref().filter(|_| !matches!(cli.command, Command::Models(_))) {
        if let Err(e) = models_cmd::use_registry_models(dir) {
            eprintln!("cvshield: {}: {}", e.code, e.message);
            return EXIT_USAGE;
        }
    }
    match cli.command {
        Command::Models(args) => models_cmd::run(&args, cli.models_dir.as_deref()),
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Anonymize(args) => anonymize_cmd::run(&args),
        Command::Redact(args) => redact_cmd::run(&args),
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Eval(args) => eval_cmd::run(&args),
        Command::Features(args) => features_cmd::run(&args),
    }
}

/// Rust ignores SIGPIPE, so once a reader such as `head` closes the pipe every
/// later `print!` panics. Unix tools end quietly instead; so does the CLI.
#[cfg(unix)]
fn end_quietly_on_closed_pipe() {
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn end_quietly_on_closed_pipe() {}
