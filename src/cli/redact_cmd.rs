//! `cvshield redact`: each input anonymised in its own format (DOCX in, DOCX out).
//!
//! One input goes to standard output, or to `-o FILE`; several inputs or a folder follow the
//! batch conventions of the other commands, each document written under `--out-dir`. A scan is
//! OCR'd (`--ocr`) and repainted: an image comes back as a PNG, an image-only PDF as a PDF of
//! painted page images.

use clap::Args;
use serde_json::{json, Map};

use super::anonymize_cmd::PlanArgs;
use super::batch::{self, Outcome, Output};
use super::{inputs, InputArgs, OcrArgs, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use cvshield::anonymize::AnonymizeOptions;
use cvshield::error::ErrorCode;
use cvshield::extract::read_within;
use cvshield::limits::Budget;
use cvshield::ocr::native::{ocr_for, OcrMode};
use cvshield::redact::{redact_reread, redact_with_images};
use cvshield::{Format, Limits};

#[derive(Args, Debug)]
pub struct RedactArgs {
    /// With one input: write the redacted document here instead of to standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// The file extension of a redacted document.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Pdf => "redacted.pdf",
        Format::Docx => "redacted.docx",
        Format::Odt => "redacted.odt",
        Format::Rtf => "redacted.rtf",
        Format::Html => "redacted.html",
        Format::Txt => "redacted.txt",
        Format::Markdown => "redacted.md",
        Format::Image => "redacted.png",
    }
}

/// The text native OCR reads in a redacted scan, with the languages the scan was read with;
/// empty when it reads nothing.
fn reread_text(bytes: &[u8], format: Format, languages: &[String], limits: &Limits) -> cvshield::Result<String> {
    let hint = extension(format);
    let Some(ocr) = ocr_for(bytes, Some(hint), OcrMode::Auto, languages, limits)? else { return Ok(String::new()) };
    match read_within(bytes, Some(hint), Some(&ocr), &mut Budget::new(limits)) {
        Ok(doc) => Ok(doc.text()),
        Err(e) if e.code == ErrorCode::NoTextLayer => Ok(String::new()),
        Err(e) => Err(e),
    }
}

pub fn run(args: &RedactArgs) -> i32 {
    let (inputs, batch_mode) = match inputs::collect(&args.input.inputs) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    if batch_mode && (args.input.out_dir.is_none() || args.output.is_some()) {
        eprintln!("cvshield: redact writes documents: with several inputs pass --out-dir DIR (not -o)");
        return EXIT_USAGE;
    }
    let opts = match args.plan.options(&args.input) {
        Ok(opts) => opts,
        Err(code) => return code,
    };
    let process = |bytes: &[u8], hint: Option<String>| {
        // A scan is repainted in the very page images OCR read (a PDF's pages as poppler renders
        // them), whose pixels the OCR boxes point into, and the result is OCR'd again.
        let out = match args.ocr.result_with_images(bytes, hint.as_deref(), &opts.limits)? {
            Some((ocr, images)) => {
                let (languages, limits) = (ocr.languages.clone(), opts.limits.clone());
                let reread = move |out: &[u8], format: Format| reread_text(out, format, &languages, &limits);
                let opts = AnonymizeOptions { ocr: Some(ocr), ..opts.clone() };
                redact_reread(bytes, hint.as_deref(), &opts, Some(&images), Some(&reread))?
            }
            None => redact_with_images(bytes, hint.as_deref(), &opts, None)?,
        };
        let mut summary = Map::new();
        summary.insert("format".into(), json!(out.format.as_str()));
        summary.insert("level".into(), json!(opts.level.as_str()));
        summary.insert("redactions".into(), json!(out.redactions.len()));
        summary.insert("counts".into(), json!(out.counts));
        summary.insert("photosRemoved".into(), json!(out.meta.photos_removed));
        Ok(Outcome { summary, output: Output::Bytes(out.bytes, extension(out.format)) })
    };
    match (&args.output, inputs.first()) {
        (Some(path), Some(input)) if !batch_mode => {
            let limits = args.input.limits.to_limits();
            let hint = args.input.hint.clone().or_else(|| input.hint());
            match input.read(&limits).and_then(|bytes| process(&bytes, hint)) {
                Ok(outcome) => match std::fs::write(path, outcome.output.render()) {
                    Ok(()) => EXIT_OK,
                    Err(e) => {
                        eprintln!("cvshield: could not write the output ({})", e.kind());
                        EXIT_FAILED
                    }
                },
                Err(e) => {
                    eprintln!("cvshield: {}: {}", e.code, e.message);
                    EXIT_FAILED
                }
            }
        }
        _ => batch::run_collected(inputs, batch_mode, &args.input, process),
    }
}
