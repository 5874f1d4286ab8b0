//! `cvshield extract`: the text, or the layout document, of each input.

use clap::Args;
use serde_json::{json, Map};

use super::batch::{self, Outcome, Output};
use super::{InputArgs, OcrArgs};
use cvshield::{extract, ExtractOptions};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Print the layout document (pages, lines with boxes and styles, links) as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &ExtractArgs) -> i32 {
    let limits = args.input.limits.to_limits();
    let process = |bytes: &[u8], hint: Option<String>| {
        let ocr = args.ocr.result(bytes, hint.as_deref(), &limits)?;
        let doc = extract(bytes, &ExtractOptions { hint, limits: limits.clone(), ocr })?;
        let mut summary = Map::new();
        summary.insert("format".into(), json!(doc.format.as_str()));
        summary.insert("pages".into(), json!(doc.metadata.pages));
        summary.insert("lines".into(), json!(doc.lines().count()));
        let output = if args.json {
            Output::Json(serde_json::to_value(&doc).unwrap_or_default())
        } else {
            Output::Text(doc.text())
        };
        summary.insert("chars".into(), json!(doc.lines().map(|l| l.text.chars().count()).sum::<usize>()));
        Ok(Outcome { summary, output })
    };
    batch::run_inputs(&args.input, process)
}
