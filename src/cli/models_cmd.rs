//! `cvshield models …`: list, inspect, verify, evaluate, deploy and roll back model versions.
//!
//! The model folder (`--models-dir`, default `./onnx`) holds `registry.json` and
//! `models/<name>/<semver>/{model.int8.onnx, spec.json, metrics.json, card.md,
//! validation-sample.jsonl.gz, eval-sample.jsonl.gz}`. Every check is the library's:
//! [`Tagger::from_bytes`] (sha256 against the spec, featurizer compatibility, labels, a trial
//! run), [`Registry`] (history rules, rollback target) and [`evaluate::score`] (the real
//! featurize → tract → decode path on the committed samples, so a clean clone can deploy).
//! Deploy and rollback score on the validation sample — the split the recipe selects models on —
//! and keep the test split's eval sample as the untouched held-out check; a version without a
//! validation sample cannot be compared, so deploy refuses it (also with `--force`). Deploy also
//! runs both versions through the whole pipeline on the labelled real dev sets
//! ([`real_gate`]) and refuses a candidate worse on real CVs, however well it scores on
//! synthetic ones. This file only reads and writes files: the
//! registry is replaced atomically (temp file in the same folder, fsync, rename), so an
//! interrupted deploy or rollback leaves the old or the new registry, never a torn one.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use cvshield::eval::real_gate::{self, RealScore};
use cvshield::model::evaluate::{self, SampleDocument, SampleSplit, SpanScore};
use cvshield::model::registry::{parse_reference, EventEvaluation, RealSetEvaluation, Registry, Version};
use cvshield::model::spec::sha256_hex;
use cvshield::model::{catalog, embedded, Precision, Tagger};
use cvshield::Error;

#[derive(Args, Debug)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub what: ModelsCommand,
}

#[derive(Subcommand, Debug)]
pub enum ModelsCommand {
    /// Every model version in the folder, with its size, metrics and whether it is active.
    List,
    /// A version's metadata (spec: intent, I/O schema, labels, featurizer, training, dataset, metrics, files) as JSON.
    Show {
        /// NAME or NAME@VERSION (default: the active version).
        reference: String,
    },
    /// Check every version's files against its spec (sha256, size, featurizer compatibility, loadable graph) and the registry.
    Verify {
        /// Only these NAME or NAME@VERSION (default: all).
        references: Vec<String>,
    },
    /// Score a version on one of its committed samples through the real runtime (JSON).
    Eval {
        /// NAME or NAME@VERSION (default: the active version).
        reference: String,
        /// Which sample: the validation split's (what deploy compares on) or the test split's (unseen layouts).
        #[arg(long, value_enum, default_value = "validation")]
        on: OnSample,
    },
    /// Make a version active after checking it and comparing it with the active one on the same validation documents.
    Deploy {
        /// NAME@VERSION.
        reference: String,
        /// Deploy even if it scores worse than the tolerance allows or changes the major version.
        #[arg(long)]
        force: bool,
        /// Allowed F1 drop in points [default: the registry's toleranceF1Points].
        #[arg(long, value_name = "POINTS")]
        tolerance: Option<f64>,
        /// A labelled real dev set to compare on as well (repeatable) [default: $CVSHIELD_REAL_SETS, else every ../shared/corpus/realworld* folder].
        #[arg(long = "real", value_name = "DIR")]
        real_sets: Vec<PathBuf>,
        /// Allowed drop of any real-set figure, in points [default: the registry's toleranceRealPoints].
        #[arg(long, value_name = "POINTS")]
        real_tolerance: Option<f64>,
    },
    /// Return a model to its previous active version.
    Rollback {
        /// NAME.
        name: String,
    },
    /// The deploys and rollbacks, oldest first (`--html`: a self-contained timeline page with the metrics).
    History {
        /// Write HTML (inline SVG, no external requests) instead of text.
        #[arg(long)]
        html: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// `models eval --on`: which committed sample to score.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum OnSample {
    Validation,
    Test,
}

impl From<OnSample> for SampleSplit {
    fn from(on: OnSample) -> SampleSplit {
        match on {
            OnSample::Validation => SampleSplit::Validation,
            OnSample::Test => SampleSplit::Test,
        }
    }
}

/// The folder the `models` commands work on when `--models-dir` is not given.
pub const DEFAULT_DIR: &str = "onnx";

pub fn run(args: &ModelsArgs, dir: Option<&Path>) -> i32 {
    let store = Store { root: dir.map_or_else(|| PathBuf::from(DEFAULT_DIR), Path::to_path_buf) };
    if !store.registry_path().is_file() {
        eprintln!("cvshield: no registry.json in {} (use --models-dir DIR)", store.root.display());
        return EXIT_USAGE;
    }
    let outcome = match &args.what {
        ModelsCommand::List => list(&store),
        ModelsCommand::Show { reference } => show(&store, reference),
        ModelsCommand::Verify { references } => return verify(&store, references),
        ModelsCommand::Eval { reference, on } => eval(&store, reference, (*on).into()),
        ModelsCommand::Deploy { reference, force, tolerance, real_sets, real_tolerance } => {
            let sets = if real_sets.is_empty() { real_gate::default_sets(Path::new(".")) } else { real_sets.clone() };
            deploy(&store, reference, *force, Tolerances { f1: *tolerance, real: *real_tolerance }, &sets)
        }
        ModelsCommand::Rollback { name } => rollback(&store, name),
        ModelsCommand::History { html, output } => history(&store, *html, output.as_deref()),
    };
    match outcome {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("cvshield: {}: {}", e.code, e.message);
            EXIT_FAILED
        }
    }
}

/// `--models-dir DIR` for the document commands: run the registry's active versions from `DIR`
/// (each verified like a deploy) instead of the embedded ones.
pub fn use_registry_models(dir: &Path) -> Result<(), Error> {
    let store = Store { root: dir.to_path_buf() };
    let registry = store.registry()?;
    for (name, version) in &registry.active {
        let (_, files) = store.load(name, version)?;
        catalog::load_default(files.nnef.as_deref().unwrap_or(&files.onnx), &files.spec_json)?;
    }
    Ok(())
}

/// A model folder on disk.
struct Store {
    root: PathBuf,
}

/// A version's files, read and checked against the folder layout.
struct VersionFiles {
    onnx: Vec<u8>,
    /// The NNEF archive the wasm build loads (`model.int8.nnef.tar`), when the version has one.
    nnef: Option<Vec<u8>>,
    spec_json: String,
    spec: Value,
}

impl Store {
    fn registry_path(&self) -> PathBuf {
        self.root.join("registry.json")
    }

    fn registry(&self) -> Result<Registry, Error> {
        let text = std::fs::read_to_string(self.registry_path()).map_err(|e| io_error("read the registry", &e))?;
        Registry::parse(&text)
    }

    /// Replace the registry atomically: write a temp file beside it, flush it to disk, rename.
    fn write_registry(&self, registry: &Registry) -> Result<(), Error> {
        registry.validate()?;
        let path = self.registry_path();
        let temp = self.root.join(format!(".registry.json.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(registry.to_json().as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)?;
            // Persist the rename itself where the platform allows opening a folder.
            if let Ok(folder) = std::fs::File::open(&self.root) {
                let _ = folder.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            io_error("write the registry", &e)
        })
    }

    fn version_dir(&self, name: &str, version: &str) -> PathBuf {
        self.root.join("models").join(name).join(version)
    }

    /// Model names with a folder, sorted.
    fn names(&self) -> Vec<String> {
        subfolders(&self.root.join("models")).into_iter().filter(|n| cvshield::model::registry::check_name(n).is_ok()).collect()
    }

    /// A model's versions, oldest first (folders that are not semantic versions are ignored).
    fn versions(&self, name: &str) -> Vec<String> {
        let mut versions: Vec<(Version, String)> = subfolders(&self.root.join("models").join(name))
            .into_iter()
            .filter_map(|v| Version::parse(&v).ok().map(|parsed| (parsed, v)))
            .collect();
        versions.sort();
        versions.into_iter().map(|(_, v)| v).collect()
    }

    fn files(&self, name: &str, version: &str) -> Result<VersionFiles, Error> {
        let dir = self.version_dir(name, version);
        if !dir.is_dir() {
            return Err(Error::invalid_model(format!("there is no {name}@{version} in {}", self.root.display())));
        }
        let onnx = std::fs::read(dir.join("model.int8.onnx")).map_err(|e| io_error(&format!("read {name}@{version}'s model"), &e))?;
        let spec_json =
            std::fs::read_to_string(dir.join("spec.json")).map_err(|e| io_error(&format!("read {name}@{version}'s spec"), &e))?;
        let spec: Value = serde_json::from_str(&spec_json)
            .map_err(|_| Error::invalid_model(format!("{name}@{version}: spec.json is not JSON")))?;
        if spec["name"] != name || spec["version"] != version {
            return Err(Error::invalid_model(format!("{name}@{version}: spec.json names another model or version")));
        }
        let nnef = std::fs::read(dir.join("model.int8.nnef.tar")).ok();
        Ok(VersionFiles { onnx, nnef, spec_json, spec })
    }

    /// The files, then the library's checks: sha256 of the ONNX graph and of the NNEF archive
    /// (which the spec must list when the file exists and vice versa), featurizer compatibility,
    /// loadable graph. Natively the ONNX graph is run; wasm runs the NNEF conversion of it.
    /// A version loaded for the process's pipeline (as `--models-dir` loads active versions), so
    /// a whole-pipeline run can select it.
    fn runtime_tagger(&self, name: &str, version: &str) -> Result<&'static Tagger, Error> {
        let (_, files) = self.load(name, version)?;
        catalog::load(files.nnef.as_deref().unwrap_or(&files.onnx), &files.spec_json)
    }

    fn load(&self, name: &str, version: &str) -> Result<(Tagger, VersionFiles), Error> {
        let files = self.files(name, version)?;
        let refused = |e: Error| Error::invalid_model(format!("{name}@{version} refused: {}", e.message));
        let tagger = Tagger::from_bytes(&files.onnx, &files.spec_json).map_err(refused)?;
        match (&files.nnef, &tagger.spec().files.nnef) {
            (Some(nnef), _) => tagger.spec().check_bytes(nnef, Precision::Int8).map_err(refused)?,
            (None, Some(_)) => return Err(refused(Error::invalid_model("the spec lists an NNEF archive but model.int8.nnef.tar is missing"))),
            (None, None) => {}
        }
        Ok((tagger, files))
    }

    /// A version's committed sample of `split`; a missing file is an `invalid_model` error that
    /// says how to write it.
    fn sample(&self, name: &str, version: &str, split: SampleSplit) -> Result<Vec<SampleDocument>, Error> {
        let path = self.version_dir(name, version).join(split.file_name());
        let gz = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::invalid_model(format!(
                "{name}@{version} has no {} sample ({}), so it cannot be evaluated on the {} data; write it with \
                 `onnx/train/.venv/bin/python onnx/train/eval_sample.py {name} --version {version} --data DATASET` (metadata only)",
                split.as_str(),
                split.file_name(),
                split.as_str()
            )),
            _ => io_error(&format!("read {name}@{version}'s {} sample", split.as_str()), &e),
        })?;
        evaluate::read_sample(&gz)
    }

    /// A version's `metrics.json` (`Null` when missing or unreadable: it only adds recorded figures).
    fn metrics(&self, name: &str, version: &str) -> Value {
        std::fs::read_to_string(self.version_dir(name, version).join("metrics.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null)
    }

    /// The validation sample is present, parses, and matches what `metrics.json` recorded of it
    /// (sha256, document count) when it recorded it.
    fn check_validation_sample(&self, name: &str, version: &str) -> Result<String, Error> {
        let split = SampleSplit::Validation;
        let sample = self.sample(name, version, split)?;
        let recorded = &self.metrics(name, version)[split.metrics_key()];
        if let Some(sha) = recorded["sha256"].as_str() {
            let gz = std::fs::read(self.version_dir(name, version).join(split.file_name()))
                .map_err(|e| io_error(&format!("read {name}@{version}'s validation sample"), &e))?;
            if sha256_hex(&gz) != sha {
                return Err(Error::invalid_model(format!("{name}@{version}: {} does not match the sha256 metrics.json records", split.file_name())));
            }
        }
        if recorded["documents"].as_u64().is_some_and(|n| n != sample.len() as u64) {
            return Err(Error::invalid_model(format!("{name}@{version}: {} holds another number of documents than metrics.json records", split.file_name())));
        }
        Ok(format!(" ({} documents)", sample.len()))
    }

    /// `NAME` or `NAME@VERSION` → (name, version), defaulting to the active version.
    fn resolve(&self, registry: &Registry, reference: &str) -> Result<(String, String), Error> {
        let (name, version) = parse_reference(reference)?;
        let version = match version {
            Some(v) => v.to_string(),
            None => registry
                .active(name)
                .ok_or_else(|| Error::invalid_model(format!("{name} has no active version; name one as {name}@VERSION")))?
                .to_string(),
        };
        Ok((name.to_string(), version))
    }
}

fn list(store: &Store) -> Result<(), Error> {
    let registry = store.registry()?;
    println!(
        "{:<12} {:<9} {:<7} {:>10}  {:>6}  {:>9}  {:>7}  {:<10} {}",
        "MODEL", "VERSION", "ACTIVE", "BYTES", "VAL F1", "SAMPLE F1", "TEST F1", "FEATURIZER", "CREATED"
    );
    for name in store.names() {
        for version in store.versions(&name) {
            let active = registry.active(&name) == Some(version.as_str());
            let spec = store.files(&name, &version).map(|f| f.spec).unwrap_or(Value::Null);
            println!(
                "{:<12} {:<9} {:<7} {:>10}  {:>6}  {:>9}  {:>7}  {:<10} {}",
                name,
                version,
                if active { "*" } else { "" },
                figure(&spec["files"]["int8"]["bytes"]),
                figure(&store.metrics(&name, &version)[SampleSplit::Validation.metrics_key()]["int8"]["f1"]),
                figure(&spec["metrics"]["evalSample"]["int8"]["f1"]),
                figure(&spec["metrics"]["int8"]["test"]["f1"]),
                spec["input"]["featurizerVersion"].as_str().unwrap_or("?"),
                spec["created"].as_str().unwrap_or("?"),
            );
        }
    }
    Ok(())
}

fn show(store: &Store, reference: &str) -> Result<(), Error> {
    let registry = store.registry()?;
    let (name, version) = store.resolve(&registry, reference)?;
    let files = store.files(&name, &version)?;
    let dir = store.version_dir(&name, &version);
    let out = json!({
        "name": name,
        "version": version,
        "active": registry.active(&name) == Some(version.as_str()),
        "path": dir.display().to_string(),
        "card": dir.join("card.md").is_file().then(|| dir.join("card.md").display().to_string()),
        "spec": files.spec,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(())
}

fn verify(store: &Store, references: &[String]) -> i32 {
    let mut failures = 0usize;
    let mut report = |what: &str, outcome: Result<String, Error>| match outcome {
        Ok(detail) => println!("ok    {what}{detail}"),
        Err(e) => {
            failures += 1;
            println!("FAIL  {what}: {}: {}", e.code, e.message);
        }
    };
    let registry = store.registry();
    let targets: Vec<(String, String)> = if references.is_empty() {
        store.names().into_iter().flat_map(|n| store.versions(&n).into_iter().map(move |v| (n.clone(), v))).collect()
    } else {
        let mut targets = Vec::new();
        for reference in references {
            match registry.as_ref().map_err(Clone::clone).and_then(|r| store.resolve(r, reference)) {
                Ok(t) => targets.push(t),
                Err(e) => report(reference, Err(e)),
            }
        }
        targets
    };
    report("registry.json", registry.as_ref().map(|r| format!(" ({} models, {} events)", r.active.len(), r.history.len())).map_err(Clone::clone));
    if let Ok(registry) = &registry {
        for (name, version) in &registry.active {
            let present = store.version_dir(name, version).is_dir();
            report(
                &format!("active {name}@{version}"),
                if present { Ok(String::new()) } else { Err(Error::invalid_model("the active version has no folder")) },
            );
            if let Some(model) = embedded::ALL.iter().find(|m| m.name == name) {
                if model.version != version {
                    println!("note  this binary embeds {name}@{}; rebuild to embed the active {version}", model.version);
                }
            }
        }
    }
    for (name, version) in targets {
        let outcome = store.load(&name, &version).and_then(|(tagger, files)| {
            if let Ok(float) = std::fs::read(store.version_dir(&name, &version).join("model.float.onnx")) {
                tagger.spec().check_bytes(&float, Precision::Float)?;
            }
            Ok(format!(" ({} bytes, featurizer {})", files.onnx.len(), tagger.spec().input.featurizer_version))
        });
        report(&format!("{name}@{version}"), outcome);
        report(&format!("{name}@{version} validation sample"), store.check_validation_sample(&name, &version));
    }
    if failures == 0 {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}

fn eval(store: &Store, reference: &str, split: SampleSplit) -> Result<(), Error> {
    let registry = store.registry()?;
    let (name, version) = store.resolve(&registry, reference)?;
    let (tagger, files) = store.load(&name, &version)?;
    let score = evaluate::score(&tagger, &store.sample(&name, &version, split)?)?;
    let key = split.metrics_key();
    let recorded = match &store.metrics(&name, &version)[key]["int8"]["f1"] {
        Value::Null => files.spec["metrics"][key]["int8"]["f1"].clone(),
        f1 => f1.clone(),
    };
    let out = json!({
        "score": score,
        // What onnxruntime scored on the same documents when the sample was written.
        "recordedF1": recorded,
        "meta": {
            "models": [{ "name": tagger.name(), "version": tagger.version() }],
            "sample": { "split": split.as_str(), "file": split.file_name(), "documents": score.documents },
        },
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(())
}

/// The allowed drops a deploy was given (`None`: the registry's).
struct Tolerances {
    f1: Option<f64>,
    real: Option<f64>,
}

fn deploy(store: &Store, reference: &str, force: bool, tolerances: Tolerances, real_sets: &[PathBuf]) -> Result<(), Error> {
    let mut registry = store.registry()?;
    let (name, version) = parse_reference(reference)?;
    let version = version.ok_or_else(|| Error::invalid_model(format!("deploy needs a version: {name}@MAJOR.MINOR.PATCH")))?;
    let tolerance = tolerances.f1.unwrap_or(registry.tolerance_f1_points);
    let real_tolerance = tolerances.real.unwrap_or(registry.tolerance_real_points);
    if !(tolerance.is_finite() && tolerance >= 0.0 && real_tolerance.is_finite() && real_tolerance >= 0.0) {
        return Err(Error::invalid_model("the tolerance must be a number of points ≥ 0"));
    }
    if registry.active(name) == Some(version) {
        return Err(Error::invalid_model(format!("{name}@{version} is already the active version")));
    }
    let (candidate, _) = store.load(name, version)?;
    let active = registry.active(name).map(str::to_string);
    let current = match &active {
        Some(v) => match store.load(name, v) {
            Ok((tagger, _)) => Some(tagger),
            Err(e) => {
                eprintln!("warning: the active {name}@{v} does not load ({}); deploying without a comparison", e.message);
                None
            }
        },
        None => None,
    };
    if let Some(current) = &current {
        check_contract(&candidate, current, force)?;
    }
    // Both versions on the same validation documents: the candidate's sample and the active one's.
    let split = SampleSplit::Validation;
    let mut sample = store.sample(name, version, split)?;
    if let Some(v) = &active {
        let seen: BTreeSet<String> = sample.iter().map(|d| d.id.clone()).collect();
        match store.sample(name, v, split) {
            Ok(theirs) => sample.extend(theirs.into_iter().filter(|d| !seen.contains(&d.id))),
            Err(e) => eprintln!("note: {} (comparing on the candidate's sample only)", e.message),
        }
    }
    let described = format!("{} sample, {} documents", split.as_str(), sample.len());
    let new_score = evaluate::score(&candidate, &sample)?;
    let old_score = current.as_ref().map(|t| evaluate::score(t, &sample)).transpose()?;
    print_comparison(name, version, &new_score, active.as_deref(), old_score.as_ref(), &described);
    let worse_f1 = old_score.as_ref().is_some_and(|old| new_score.f1 < old.f1 - tolerance);
    if let (true, Some(old)) = (worse_f1, &old_score) {
        if !force {
            return Err(Error::invalid_model(format!(
                "{name}@{version} scores {:.2} F1, {:.2} points below the active {} ({:.2}) on the {described}; the tolerance is {tolerance} (use --force to deploy anyway)",
                new_score.f1,
                old.f1 - new_score.f1,
                active.as_deref().unwrap_or("?"),
                old.f1
            )));
        }
        eprintln!("warning: deploying a version worse than the tolerance allows (--force)");
    }
    let real = match (&active, current.is_some()) {
        (Some(v), true) => compare_on_real_sets(store, name, version, v, real_sets)?,
        _ => Vec::new(),
    };
    let worse_real = real_regressions(&real, real_tolerance);
    if !worse_real.is_empty() {
        let list = worse_real.join("; ");
        if !force {
            return Err(Error::invalid_model(format!(
                "{name}@{version} is worse than the active {} on real CVs: {list}; the tolerance is {real_tolerance} points (use --force to deploy anyway)",
                active.as_deref().unwrap_or("?")
            )));
        }
        eprintln!("warning: deploying a version worse on real CVs than the tolerance allows (--force)");
    }
    let forced = force && (worse_f1 || !worse_real.is_empty() || is_major_change(&candidate, current.as_ref()));
    let evaluation = EventEvaluation {
        sample: Some(split.as_str().to_string()),
        documents: new_score.documents,
        f1: new_score.f1,
        previous_f1: old_score.map(|s| s.f1),
        real_sets: real,
    };
    registry.deploy(name, version, &now_utc(), Some(evaluation), forced)?;
    store.write_registry(&registry)?;
    println!("deployed {name}@{version} (was {}); rebuild to embed it", active.as_deref().unwrap_or("none"));
    Ok(())
}

/// The candidate and the active version through the whole pipeline on each real dev set, one
/// row per figure, printed as they are measured.
fn compare_on_real_sets(store: &Store, name: &str, version: &str, active: &str, sets: &[PathBuf]) -> Result<Vec<RealSetEvaluation>, Error> {
    if sets.is_empty() {
        eprintln!("note: no real dev set found (--real DIR or $CVSHIELD_REAL_SETS); compared on the validation sample only");
        return Ok(Vec::new());
    }
    let new = store.runtime_tagger(name, version)?;
    let old = store.runtime_tagger(name, active)?;
    let mut rows = Vec::new();
    for dir in sets {
        let read = |t| real_gate::score(t, dir).map_err(|e| io_error(&format!("evaluate on the real set {}", dir.display()), &e));
        let (after, before): (RealScore, RealScore) = (read(new)?, read(old)?);
        for (&(figure, value), &(_, previous)) in after.figures.iter().zip(&before.figures) {
            println!("{name}@{version}: {figure} {value:.2} on {} ({} documents); {name}@{active} (active): {previous:.2}", after.set, after.documents);
            let round = |v: f64| (v * 100.0).round() / 100.0;
            rows.push(RealSetEvaluation {
                set: after.set.clone(),
                documents: after.documents,
                figure: figure.to_string(),
                value: round(value),
                previous: Some(round(previous)),
            });
        }
    }
    Ok(rows)
}

/// The real-set rows where the candidate lost more than `tolerance` points, described.
fn real_regressions(rows: &[RealSetEvaluation], tolerance: f64) -> Vec<String> {
    rows.iter()
        .filter(|r| r.previous.is_some_and(|p| r.value < p - tolerance))
        .map(|r| format!("{} {:.2} against {:.2} on {}", r.figure, r.value, r.previous.unwrap_or_default(), r.set))
        .collect()
}

/// Same major version = same input and output contract; a new major needs `--force` (the code
/// reading its labels must change with it).
fn check_contract(candidate: &Tagger, active: &Tagger, force: bool) -> Result<(), Error> {
    let (a, b) = (candidate.spec(), active.spec());
    let same_io = a.input.slots == b.input.slots && a.input.buckets == b.input.buckets && a.output.labels == b.output.labels;
    if is_major_change(candidate, Some(active)) {
        if !force {
            return Err(Error::invalid_model(format!(
                "{}@{} is a new major version (its input/output contract changed); deploying it needs --force",
                a.name, a.version
            )));
        }
    } else if !same_io {
        return Err(Error::invalid_model(format!(
            "{}@{} changes the input layout or labels of {}@{} without a new major version",
            a.name, a.version, b.name, b.version
        )));
    }
    Ok(())
}

fn is_major_change(candidate: &Tagger, active: Option<&Tagger>) -> bool {
    let major = |t: &Tagger| Version::parse(t.version()).map(|v| v.major).ok();
    active.is_some_and(|active| major(candidate) != major(active))
}

fn print_comparison(name: &str, version: &str, new: &SpanScore, active: Option<&str>, old: Option<&SpanScore>, sample: &str) {
    println!("{name}@{version}: F1 {:.2} (P {:.2}, R {:.2}) on the {sample}", new.f1, new.precision, new.recall);
    if let (Some(active), Some(old)) = (active, old) {
        println!("{name}@{active} (active): F1 {:.2} (P {:.2}, R {:.2}) on the same documents", old.f1, old.precision, old.recall);
    }
}

fn rollback(store: &Store, name: &str) -> Result<(), Error> {
    let mut registry = store.registry()?;
    cvshield::model::registry::check_name(name)?;
    let target = registry.rollback_target(name)?;
    // The version returned to must still be intact and compatible with this build. Rolling back
    // is the way out of a bad deploy, so a version without a validation sample is not refused:
    // the event then records no figures.
    let (tagger, _) = store.load(name, &target)?;
    let split = SampleSplit::Validation;
    let evaluation = match store.sample(name, &target, split) {
        Ok(sample) => {
            let score = evaluate::score(&tagger, &sample)?;
            Some(EventEvaluation { sample: Some(split.as_str().to_string()), documents: score.documents, f1: score.f1, previous_f1: None, real_sets: Vec::new() })
        }
        Err(e) => {
            eprintln!("note: {}; rolling back without figures", e.message);
            None
        }
    };
    let from = registry.active(name).unwrap_or("none").to_string();
    let figures = evaluation.as_ref().map_or(String::new(), |ev| format!(" (F1 {:.2} on the validation sample, {} documents)", ev.f1, ev.documents));
    registry.rollback(name, &now_utc(), evaluation)?;
    store.write_registry(&registry)?;
    println!("rolled {name} back from {from} to {target}{figures}; rebuild to embed it");
    Ok(())
}

fn history(store: &Store, html: bool, output: Option<&Path>) -> Result<(), Error> {
    let registry = store.registry()?;
    let text = if html {
        let versions: Vec<super::models_html::VersionRow> = store
            .names()
            .into_iter()
            .flat_map(|name| {
                store.versions(&name).into_iter().map(move |version| (name.clone(), version))
            })
            .map(|(name, version)| {
                let spec = store.files(&name, &version).map(|f| f.spec).unwrap_or(Value::Null);
                super::models_html::VersionRow::from_spec(&name, &version, &spec)
            })
            .collect();
        super::models_html::render(&registry, &versions)
    } else {
        let mut text = String::new();
        for e in &registry.history {
            let figures = e.evaluation.as_ref().map_or(String::new(), |ev| {
                // Events from before deploys used the validation sample name none.
                let on = ev.sample.as_deref().map_or(format!("{} docs", ev.documents), |s| format!("{s} sample, {} docs", ev.documents));
                match ev.previous_f1 {
                    Some(prev) => format!("  F1 {:.2} (was {prev:.2}) on {on}", ev.f1),
                    None => format!("  F1 {:.2} on {on}", ev.f1),
                }
            });
            text.push_str(&format!(
                "{}  {:<8}  {:<11} {} -> {}{}{}\n",
                e.at,
                e.action.as_str(),
                e.model,
                e.from.as_deref().unwrap_or("-"),
                e.to,
                figures,
                if e.forced { "  (forced)" } else { "" }
            ));
        }
        for (name, version) in &registry.active {
            text.push_str(&format!("active {name}@{version}\n"));
        }
        text
    };
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| io_error("write the history", &e)),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn subfolders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn figure(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        _ => "-".to_string(),
    }
}

fn io_error(what: &str, e: &std::io::Error) -> Error {
    Error::invalid_model(format!("could not {what}: {}", e.kind()))
}

/// The current UTC time as RFC 3339 (`2026-11-25T03:04:05Z`).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}
