//! Model versions beyond the embedded ones, and which version a call runs with.
//!
//! Three layers decide which tagger `Tagger::parser()` / `Tagger::anonymizer()` return:
//! 1. a per-call selection ([`with_selected`]): the JS API and the worker pick a version per
//!    request this way, without threading a model through every stage's options;
//! 2. a process default ([`set_default`]): the native CLI's `--models-dir` runs the active
//!    versions of a registry folder instead of the embedded ones;
//! 3. the embedded active version (`embedded.rs`, from `onnx/registry.json` at build time).
//!
//! Versions loaded at run time ([`load`]) are verified by [`Tagger::from_bytes`] (sha256 against
//! the spec, featurizer compatibility, labels, a trial run) before they can be selected, live for
//! the rest of the process (a worker serves many requests with them) and are capped at
//! [`MAX_LOADED`] so a caller cannot grow memory without bound. Selection is per thread: in wasm
//! there is one; natively each call selects on the thread that runs it.

use std::cell::RefCell;
use std::sync::Mutex;

use serde::Serialize;

use super::{embedded, spec::ModelSpec, Tagger};
use crate::error::{Error, Result};

/// Most model versions loaded at run time per process.
pub const MAX_LOADED: usize = 8;

static LOADED: Mutex<Vec<&'static Tagger>> = Mutex::new(Vec::new());
static DEFAULTS: Mutex<Vec<&'static Tagger>> = Mutex::new(Vec::new());

thread_local! {
    static SELECTED: RefCell<Vec<&'static Tagger>> = const { RefCell::new(Vec::new()) };
}

/// A model version this process can run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Available {
    pub name: String,
    pub version: String,
    /// Compiled into this build (else loaded at run time).
    pub embedded: bool,
    /// What runs when a call selects no version.
    pub active: bool,
}

/// Verify and load a model version from its bytes; loading the same version again returns the
/// one already loaded (if the bytes are the same ones).
pub fn load(onnx: &[u8], spec_json: &str) -> Result<&'static Tagger> {
    let spec = ModelSpec::parse(spec_json)?;
    if let Some(existing) = find(&spec.name, &spec.version) {
        // Same name and version must mean the same graph: check the bytes against the loaded spec.
        existing.spec().check_bytes(onnx, super::Precision::Int8).map_err(|_| {
            Error::invalid_model(format!(
                "{}@{} is already loaded with other bytes; a changed model needs a new version",
                existing.name(),
                existing.version()
            ))
        })?;
        return Ok(existing);
    }
    let tagger = Tagger::from_bytes(onnx, spec_json)?;
    let mut loaded = LOADED.lock().map_err(|_| poisoned())?;
    if loaded.len() >= MAX_LOADED {
        return Err(Error::limit(format!("at most {MAX_LOADED} model versions can be loaded at run time")));
    }
    // Loaded versions are kept for the life of the process, so they can be handed out as 'static.
    let tagger: &'static Tagger = Box::leak(Box::new(tagger));
    loaded.push(tagger);
    Ok(tagger)
}

/// The tagger for `name@version`: the embedded one, a process default or a loaded one.
pub fn find(name: &str, version: &str) -> Option<&'static Tagger> {
    let matches = |t: &&'static Tagger| t.name() == name && t.version() == version;
    if let Some(t) = embedded_tagger(name).filter(matches) {
        return Some(t);
    }
    let defaults = DEFAULTS.lock().ok()?.iter().copied().find(matches);
    defaults.or_else(|| LOADED.lock().ok()?.iter().copied().find(matches))
}

/// Like [`find`], with an error that lists what is available.
pub fn resolve(name: &str, version: &str) -> Result<&'static Tagger> {
    find(name, version).ok_or_else(|| {
        let versions: Vec<String> = available().into_iter().filter(|a| a.name == name).map(|a| a.version).collect();
        Error::invalid_model(format!(
            "no {} model version {} is loaded (available: {})",
            plain(name),
            plain(version),
            if versions.is_empty() { "none".to_string() } else { versions.join(", ") }
        ))
    })
}

/// Run `f` with `taggers` as the versions of their models (other models keep their default).
pub fn with_selected<T>(taggers: &[&'static Tagger], f: impl FnOnce() -> T) -> T {
    struct Restore(Vec<&'static Tagger>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = std::mem::take(&mut self.0);
            SELECTED.with(|s| *s.borrow_mut() = previous);
        }
    }
    let previous = SELECTED.with(|s| s.replace(taggers.to_vec()));
    let _restore = Restore(previous);
    f()
}

/// Make `tagger` the version its model runs with when a call selects none (CLI `--models-dir`).
pub fn set_default(tagger: &'static Tagger) -> Result<()> {
    let mut defaults = DEFAULTS.lock().map_err(|_| poisoned())?;
    defaults.retain(|t| t.name() != tagger.name());
    defaults.push(tagger);
    Ok(())
}

/// Load a version (as [`load`]) and make it the default of its model.
pub fn load_default(onnx: &[u8], spec_json: &str) -> Result<&'static Tagger> {
    let spec = ModelSpec::parse(spec_json)?;
    let tagger = match embedded_tagger(&spec.name).filter(|t| t.version() == spec.version) {
        Some(t) => {
            t.spec().check_bytes(onnx, super::Precision::Int8)?;
            t
        }
        None => load(onnx, spec_json)?,
    };
    set_default(tagger)?;
    Ok(tagger)
}

/// The tagger a call to `name` runs with now, if a selection or default overrides the embedded one.
pub(super) fn current(name: &str) -> Option<&'static Tagger> {
    let selected = SELECTED.with(|s| s.borrow().iter().copied().find(|t| t.name() == name));
    selected.or_else(|| DEFAULTS.lock().ok()?.iter().copied().find(|t| t.name() == name))
}

/// Every version this process can run, embedded first.
pub fn available() -> Vec<Available> {
    let mut out: Vec<Available> = Vec::new();
    let mut push = |t: &'static Tagger, embedded: bool| {
        if !out.iter().any(|a| a.name == t.name() && a.version == t.version()) {
            let active = default_for(t.name()).is_some_and(|d| std::ptr::eq(d, t));
            out.push(Available { name: t.name().into(), version: t.version().into(), embedded, active });
        }
    };
    for model in embedded::ALL {
        if let Some(t) = embedded_tagger(model.name) {
            push(t, true);
        }
    }
    let others: Vec<&'static Tagger> = DEFAULTS
        .lock()
        .map(|d| d.clone())
        .unwrap_or_default()
        .into_iter()
        .chain(LOADED.lock().map(|l| l.clone()).unwrap_or_default())
        .collect();
    for t in others {
        push(t, false);
    }
    out
}

/// What runs for `name` when no version is selected.
fn default_for(name: &str) -> Option<&'static Tagger> {
    DEFAULTS.lock().ok()?.iter().copied().find(|t| t.name() == name).or_else(|| embedded_tagger(name))
}

fn embedded_tagger(name: &str) -> Option<&'static Tagger> {
    match name {
        "parser" => Tagger::embedded_parser().ok(),
        "anonymizer" => Tagger::embedded_anonymizer().ok(),
        _ => None,
    }
}

/// Names and versions may come from a request; keep them short and printable in messages.
fn plain(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).take(32).collect()
}

fn poisoned() -> Error {
    Error::invalid_model("the model catalog is unavailable after an earlier failure")
}
