//! `cvshield parse`: the JSON Resume profile of each input (or a readable text view).

use clap::{Args, ValueEnum};
use serde_json::{json, Map};

use super::batch::{self, Outcome, Output};
use super::{inputs, InputArgs, OcrArgs, EXIT_USAGE};
use cvshield::profile::{parse, ParseOptions, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    Json,
    Text,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Indent the JSON of a single input (batch lines are always one line each).
    #[arg(long)]
    pub pretty: bool,
    /// `json` (JSON Resume) or `text` (a readable view: name, contacts, jobs, schools).
    #[arg(long, value_enum, default_value = "json")]
    pub format: ParseFormat,
    /// Rules only: do not run the parser model.
    #[arg(long)]
    pub no_model: bool,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &ParseArgs) -> i32 {
    let (inputs, batch_mode) = match inputs::collect(&args.input.inputs) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return EXIT_USAGE;
        }
    };
    let limits = args.input.limits.to_limits();
    let process = |bytes: &[u8], hint: Option<String>| {
        let ocr = args.ocr.result(bytes, hint.as_deref(), &limits)?;
        let opts = ParseOptions { limits: limits.clone(), hint, use_model: !args.no_model, ocr };
        let profile = parse(bytes, &opts)?;
        let mut summary = Map::new();
        summary.insert("format".into(), json!(profile.meta.source_format));
        summary.insert("pages".into(), json!(profile.meta.pages));
        summary.insert("jobs".into(), json!(profile.work.len()));
        summary.insert("schools".into(), json!(profile.education.len()));
        let output = match (args.format, batch_mode) {
            (ParseFormat::Text, _) => Output::Text(text_view(&profile)),
            (ParseFormat::Json, true) => Output::Profile(serde_json::to_value(&profile).unwrap_or_default()),
            (ParseFormat::Json, false) => {
                let mut s = if args.pretty { serde_json::to_string_pretty(&profile) } else { serde_json::to_string(&profile) }
                    .unwrap_or_default();
                s.push('\n');
                Output::Text(s)
            }
        };
        Ok(Outcome { summary, output })
    };
    batch::run_collected(inputs, batch_mode, &args.input, process)
}

/// A readable view of a profile.
pub fn text_view(p: &Profile) -> String {
    let mut out = String::new();
    let b = &p.basics;
    out.push_str(b.name.as_deref().unwrap_or("(no name found)"));
    out.push('\n');
    if let Some(label) = &b.label {
        out.push_str(&format!("{label}\n"));
    }
    let place: Vec<&str> = [&b.location.city, &b.location.region].iter().filter_map(|s| s.as_deref()).collect();
    let contacts: Vec<String> = b.emails.iter().chain(&b.phones).chain(&b.urls).cloned().chain((!place.is_empty()).then(|| place.join(", "))).collect();
    if !contacts.is_empty() {
        out.push_str(&format!("{}\n", contacts.join(" · ")));
    }
    let range = |s: &Option<String>, e: &Option<String>| match (s, e) {
        (Some(s), Some(e)) if s == e => s.clone(),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("{s} – present"),
        (None, Some(e)) => e.clone(),
        (None, None) => String::new(),
    };
    if !p.work.is_empty() {
        out.push_str("\nExperience\n");
        for w in &p.work {
            let head: Vec<&str> = [&w.position, &w.name, &w.location].iter().filter_map(|s| s.as_deref()).collect();
            out.push_str(&format!("  {}  [{}]\n", head.join(" · "), range(&w.start_date, &w.end_date)));
        }
    }
    if !p.education.is_empty() {
        out.push_str("\nEducation\n");
        for e in &p.education {
            let head: Vec<&str> = [&e.study_type, &e.area, &e.institution].iter().filter_map(|s| s.as_deref()).collect();
            out.push_str(&format!("  {}  [{}]\n", head.join(" · "), range(&e.start_date, &e.end_date)));
        }
    }
    let skills: Vec<&str> = p.skills.iter().flat_map(|s| s.keywords.iter().map(String::as_str)).collect();
    if !skills.is_empty() {
        out.push_str(&format!("\nSkills: {}\n", skills.join(", ")));
    }
    let langs: Vec<String> = p
        .languages
        .iter()
        .filter_map(|l| l.language.as_ref().map(|n| l.fluency.as_ref().map_or(n.clone(), |f| format!("{n} ({f})"))))
        .collect();
    if !langs.is_empty() {
        out.push_str(&format!("Languages: {}\n", langs.join(", ")));
    }
    out
}
