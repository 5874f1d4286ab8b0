//! Running one command over many inputs: parallel, ordered, with progress.
//!
//! Work is spread over a rayon pool; results come back over a channel and
//! are printed in input order (a small reorder buffer), so output streams as
//! soon as the next input in order is done and stays deterministic. The
//! progress bar shows counts only — never file names, since CV file names
//! often carry the candidate's name.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value};

use super::inputs::Input;
use super::{InputArgs, EXIT_FAILED, EXIT_OK};
use cvshield::Error;

/// What a command produced for one input.
pub struct Outcome {
    /// Small summary fields for the JSON line (format, pages, counts).
    pub summary: Map<String, Value>,
    pub output: Output,
}

/// The main result of a command for one input.
pub enum Output {
    Text(String),
    Json(Value),
    /// A parsed profile (JSON, under the key `profile` in batch lines).
    Profile(Value),
    /// Fields merged into the JSON line itself (one compact JSON object when printed alone).
    Fields(Map<String, Value>),
    /// A file written as is (a redacted document), with its extension; batch mode needs
    /// `--out-dir` for it.
    Bytes(Vec<u8>, &'static str),
}

impl Output {
    fn extension(&self) -> &'static str {
        match self {
            Output::Text(_) => "txt",
            Output::Json(_) | Output::Profile(_) | Output::Fields(_) => "json",
            Output::Bytes(_, ext) => ext,
        }
    }
    fn key(&self) -> &'static str {
        match self {
            Output::Text(_) => "text",
            Output::Json(_) | Output::Fields(_) | Output::Bytes(..) => "document",
            Output::Profile(_) => "profile",
        }
    }
    fn into_value(self) -> Value {
        match self {
            Output::Text(t) => Value::String(t),
            Output::Json(v) | Output::Profile(v) => v,
            Output::Fields(m) => Value::Object(m),
            Output::Bytes(..) => Value::Null,
        }
    }
    pub fn render(self) -> Vec<u8> {
        let text = match self {
            Output::Bytes(bytes, _) => return bytes,
            Output::Text(t) => t,
            Output::Json(v) | Output::Profile(v) => {
                let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
                s.push('\n');
                s
            }
            Output::Fields(m) => {
                let mut s = Value::Object(m).to_string();
                s.push('\n');
                s
            }
        };
        text.into_bytes()
    }
}

/// Expand the command's `FILE...|DIR|-` arguments and run `process` on them: plainly for one
/// input, as ordered JSON lines for several or a folder. Returns the exit status.
pub fn run_inputs<F>(args: &InputArgs, process: F) -> i32
where
    F: Fn(&[u8], Option<String>) -> Result<Outcome, Error> + Sync,
{
    let (inputs, batch_mode) = match super::inputs::collect(&args.inputs) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("cvshield: {message}");
            return super::EXIT_USAGE;
        }
    };
    run_collected(inputs, batch_mode, args, process)
}

/// Run `process` on inputs already expanded by [`super::inputs::collect`]: plainly for one input,
/// as ordered JSON lines in batch mode. For commands whose processing depends on the mode.
pub fn run_collected<F>(inputs: Vec<Input>, batch_mode: bool, args: &InputArgs, process: F) -> i32
where
    F: Fn(&[u8], Option<String>) -> Result<Outcome, Error> + Sync,
{
    if batch_mode {
        run_batch(inputs, args, process)
    } else {
        match inputs.first() {
            Some(input) => run_single(input, args, process),
            None => super::EXIT_USAGE,
        }
    }
}

/// Run `process` on a single input and print its output plainly.
pub fn run_single<F>(input: &Input, args: &InputArgs, process: F) -> i32
where
    F: Fn(&[u8], Option<String>) -> Result<Outcome, Error>,
{
    let limits = args.limits.to_limits();
    let hint = args.hint.clone().or_else(|| input.hint());
    let result = input.read(&limits).and_then(|bytes| process(&bytes, hint));
    match result {
        Ok(outcome) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&outcome.output.render());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("cvshield: {}: {}", e.code, e.message);
            EXIT_FAILED
        }
    }
}

/// Run `process` on every input in parallel; print one JSON line per input in order.
pub fn run_batch<F>(inputs: Vec<Input>, args: &InputArgs, process: F) -> i32
where
    F: Fn(&[u8], Option<String>) -> Result<Outcome, Error> + Sync,
{
    let limits = args.limits.to_limits();
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        Err(_) => {
            eprintln!("cvshield: could not start {jobs} worker threads");
            return super::EXIT_USAGE;
        }
    };
    let progress = progress_bar(inputs.len() as u64, args.no_progress);
    let (tx, rx) = mpsc::channel::<(usize, Value)>();
    let total = inputs.len();
    let mut failures = 0usize;

    std::thread::scope(|scope| {
        let process = &process;
        let inputs = &inputs;
        let limits = &limits;
        scope.spawn(move || {
            pool.scope(|s| {
                for (index, input) in inputs.iter().enumerate() {
                    let tx = tx.clone();
                    s.spawn(move |_| {
                        let started = Instant::now();
                        let hint = args.hint.clone().or_else(|| input.hint());
                        let result = input.read(limits).and_then(|b| process(&b, hint));
                        let ms = started.elapsed().as_secs_f64() * 1000.0;
                        let _ = tx.send((index, json_line(input, result, ms, args.out_dir.as_deref())));
                    });
                }
            });
        });

        // Print in input order as results arrive.
        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        let mut stdout = std::io::stdout().lock();
        for (index, line) in rx.iter() {
            if line.get("status").and_then(Value::as_str) != Some("ok") {
                failures += 1;
            }
            progress.inc(1);
            progress.set_message(format!("{failures} failed"));
            pending.insert(index, line);
            while let Some(line) = pending.remove(&next) {
                let _ = writeln!(stdout, "{line}");
                next += 1;
            }
            if next == total {
                break;
            }
        }
        let _ = stdout.flush();
    });
    progress.finish_and_clear();
    if failures > 0 {
        eprintln!("cvshield: {failures} of {total} inputs failed");
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

fn json_line(input: &Input, result: Result<Outcome, Error>, ms: f64, out_dir: Option<&Path>) -> Value {
    let ms = (ms * 100.0).round() / 100.0;
    let mut line = Map::new();
    line.insert("path".into(), Value::String(input.label()));
    match result {
        Ok(outcome) => {
            line.insert("status".into(), json!("ok"));
            line.extend(outcome.summary);
            line.insert("ms".into(), json!(ms));
            match out_dir {
                Some(dir) => {
                    let target = output_path(dir, input, outcome.output.extension());
                    let written = target
                        .parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .and_then(|_| std::fs::write(&target, outcome.output.render()));
                    match written {
                        Ok(()) => {
                            line.insert("output".into(), Value::String(target.display().to_string()));
                        }
                        Err(e) => {
                            line.insert("status".into(), json!("error"));
                            line.insert("code".into(), json!("io"));
                            line.insert("message".into(), json!(format!("could not write the output ({})", e.kind())));
                        }
                    }
                }
                None => match outcome.output {
                    Output::Fields(fields) => line.extend(fields),
                    output => {
                        let key = output.key();
                        line.insert(key.into(), output.into_value());
                    }
                },
            }
        }
        Err(e) => {
            line.insert("status".into(), json!("error"));
            line.insert("code".into(), json!(e.code.as_str()));
            line.insert("message".into(), json!(e.message));
            line.insert("ms".into(), json!(ms));
        }
    }
    Value::Object(line)
}

/// `out_dir/<input path made relative>.<ext>`: mirrors the input tree, so
/// inputs with the same file name in different folders do not collide.
fn output_path(out_dir: &Path, input: &Input, ext: &str) -> PathBuf {
    let relative: PathBuf = match input {
        Input::File(p) => p.components().filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        }).collect(),
        Input::Stdin => PathBuf::from("stdin"),
    };
    let mut name = relative.into_os_string();
    name.push(".");
    name.push(ext);
    out_dir.join(name)
}

fn progress_bar(len: u64, disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} [{elapsed_precise}, eta {eta}]") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_mirror_inputs_and_stay_inside_the_folder() {
        let out = Path::new("/tmp/out");
        let p = output_path(out, &Input::File(PathBuf::from("../cvs/a/b.pdf")), "txt");
        assert_eq!(p, PathBuf::from("/tmp/out/cvs/a/b.pdf.txt"));
        let p = output_path(out, &Input::File(PathBuf::from("/abs/c.docx")), "json");
        assert_eq!(p, PathBuf::from("/tmp/out/abs/c.docx.json"));
    }

    #[test]
    fn error_lines_carry_code_and_no_output() {
        let line = json_line(&Input::Stdin, Err(Error::malformed("broken")), 1.234, None);
        assert_eq!(line["status"], "error");
        assert_eq!(line["code"], "malformed");
        assert_eq!(line["ms"], 1.23);
        assert!(line.get("text").is_none());
    }
}
