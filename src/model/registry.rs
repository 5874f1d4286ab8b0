//! `onnx/registry.json`: which version of each model is active, and how it came to be.
//!
//! The registry is the one record of deployment: the `active` map (read by `build.rs` to embed
//! those versions), the deploy tolerance, and an append-only `history` of deploys and rollbacks.
//! Rollback needs no extra state: replaying the history gives, per model, the stack of versions
//! each deploy replaced (a deploy pushes the version it replaced, a rollback pops), so "the
//! previous active version" is always the top of that stack. This module is pure (no files, no
//! clock) so that the CLI, tests and any other front end share one set of rules; the CLI does
//! the I/O and the atomic write.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The registry format this build reads and writes.
pub const SCHEMA: u32 = 2;

/// Default: a candidate may score at most this many F1 points below the active version.
pub const DEFAULT_TOLERANCE_F1_POINTS: f64 = 0.5;

/// Default: a candidate may score at most this many points below the active version on any
/// real-set figure. A real set has a few dozen documents, where one document's field is worth
/// about a point, so the allowance is one document's worth.
pub const DEFAULT_TOLERANCE_REAL_POINTS: f64 = 1.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Registry {
    pub schema: u32,
    /// How much worse (span micro F1 points on the evaluation sample) a deploy may be without `--force`.
    #[serde(default = "default_tolerance")]
    pub tolerance_f1_points: f64,
    /// How much worse (points of a whole-pipeline figure on a real dev set) a deploy may be
    /// without `--force`.
    #[serde(default = "default_real_tolerance")]
    pub tolerance_real_points: f64,
    /// Model name → active semantic version.
    pub active: BTreeMap<String, String>,
    /// Every deploy and rollback, oldest first.
    #[serde(default)]
    pub history: Vec<Event>,
}

fn default_tolerance() -> f64 {
    DEFAULT_TOLERANCE_F1_POINTS
}

fn default_real_tolerance() -> f64 {
    DEFAULT_TOLERANCE_REAL_POINTS
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Deploy,
    Rollback,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Deploy => "deploy",
            Action::Rollback => "rollback",
        }
    }
}

/// One change of a model's active version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Event {
    /// UTC time, RFC 3339.
    pub at: String,
    pub model: String,
    pub action: Action,
    /// The version active before (absent for a model's first deploy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    pub to: String,
    /// Figures measured when the change was made (absent when none were measured).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<EventEvaluation>,
    /// A deploy that was worse than the tolerance allows, or changed the major version, made anyway.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
}

/// Span micro F1 of the new and the replaced version on the same evaluation documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventEvaluation {
    /// Which committed sample the documents came from (`"validation"`; absent in events recorded
    /// before deploys used the validation sample, which scored the test split's eval sample).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    pub documents: usize,
    pub f1: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_f1: Option<f64>,
    /// Whole-pipeline figures on the real dev sets, new and replaced version (absent when no
    /// real set was at hand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub real_sets: Vec<RealSetEvaluation>,
}

/// One figure of one real dev set (higher is better), for the new and the replaced version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RealSetEvaluation {
    pub set: String,
    pub documents: usize,
    pub figure: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
}

impl Registry {
    /// Parse and check a registry: known schema, semantic versions, a history that explains the
    /// active map (replaying it must end on exactly the active versions).
    pub fn parse(json: &str) -> Result<Registry> {
        let registry: Registry = serde_json::from_str(json).map_err(|e| {
            Error::invalid_model(format!("the model registry is not valid (line {}, column {}: {})", e.line(), e.column(), short(&e)))
        })?;
        registry.validate()?;
        Ok(registry)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and maps cannot fail.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    pub fn validate(&self) -> Result<()> {
        if self.schema != SCHEMA {
            return Err(Error::invalid_model(format!("the model registry has schema {}, this build reads {SCHEMA}", self.schema)));
        }
        if !(self.tolerance_real_points.is_finite() && self.tolerance_real_points >= 0.0) {
            return Err(Error::invalid_model("the model registry's real-set tolerance must be a number of points ≥ 0"));
        }
        if !(self.tolerance_f1_points.is_finite() && self.tolerance_f1_points >= 0.0) {
            return Err(Error::invalid_model("the model registry's tolerance must be a number of F1 points ≥ 0"));
        }
        for (name, version) in &self.active {
            check_name(name)?;
            Version::parse(version)?;
        }
        let mut replayed: BTreeMap<&str, &str> = BTreeMap::new();
        for event in &self.history {
            check_name(&event.model)?;
            Version::parse(&event.to)?;
            if replayed.get(event.model.as_str()).copied() != event.from.as_deref() {
                return Err(Error::invalid_model(format!(
                    "the model registry's history is inconsistent: a {} event for {} starts from a version that was not active",
                    event.action.as_str(),
                    event.model
                )));
            }
            replayed.insert(&event.model, &event.to);
        }
        let active: BTreeMap<&str, &str> = self.active.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if replayed != active {
            return Err(Error::invalid_model("the model registry's history does not end on its active versions"));
        }
        Ok(())
    }

    pub fn active(&self, name: &str) -> Option<&str> {
        self.active.get(name).map(String::as_str)
    }

    /// The versions a rollback of `name` would return to, most recent last.
    pub fn rollback_stack(&self, name: &str) -> Vec<&str> {
        let mut stack = Vec::new();
        for event in self.history.iter().filter(|e| e.model == name) {
            match event.action {
                Action::Deploy => stack.extend(event.from.as_deref()),
                Action::Rollback => {
                    stack.pop();
                }
            }
        }
        stack
    }

    /// Make `version` the active one (the caller has verified and evaluated it).
    pub fn deploy(&mut self, name: &str, version: &str, at: &str, evaluation: Option<EventEvaluation>, forced: bool) -> Result<()> {
        check_name(name)?;
        Version::parse(version)?;
        let from = self.active.get(name).cloned();
        if from.as_deref() == Some(version) {
            return Err(Error::invalid_model(format!("{name}@{version} is already the active version")));
        }
        self.apply(Event { at: at.into(), model: name.into(), action: Action::Deploy, from, to: version.into(), evaluation, forced })
    }

    /// The version a rollback of `name` returns to, or an error when there is none.
    pub fn rollback_target(&self, name: &str) -> Result<String> {
        if self.active(name).is_none() {
            return Err(Error::invalid_model(format!("no model named {} in the registry", safe(name))));
        }
        self.rollback_stack(name)
            .last()
            .map(|v| v.to_string())
            .ok_or_else(|| Error::invalid_model(format!("{name} has no earlier active version to roll back to")))
    }

    /// Return `name` to its previous active version; gives the version now active.
    pub fn rollback(&mut self, name: &str, at: &str, evaluation: Option<EventEvaluation>) -> Result<String> {
        let target = self.rollback_target(name)?;
        let from = self.active.get(name).cloned();
        self.apply(Event {
            at: at.into(),
            model: name.into(),
            action: Action::Rollback,
            from,
            to: target.clone(),
            evaluation,
            forced: false,
        })?;
        Ok(target)
    }

    fn apply(&mut self, event: Event) -> Result<()> {
        self.active.insert(event.model.clone(), event.to.clone());
        self.history.push(event);
        self.validate()
    }
}

/// A semantic version `MAJOR.MINOR.PATCH`: major = the model's input/output contract changed,
/// minor = retrained or improved, patch = metadata only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(v: &str) -> Result<Version> {
        let bad = || Error::invalid_model(format!("\"{}\" is not a MAJOR.MINOR.PATCH version", safe(v)));
        let mut parts = v.split('.').map(|p| {
            if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) || (p.len() > 1 && p.starts_with('0')) {
                None
            } else {
                p.parse::<u64>().ok()
            }
        });
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        Ok(Version { major, minor, patch })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Split `NAME@VERSION` (version optional).
pub fn parse_reference(reference: &str) -> Result<(&str, Option<&str>)> {
    let (name, version) = match reference.split_once('@') {
        Some((name, version)) => (name, Some(version)),
        None => (reference, None),
    };
    check_name(name)?;
    if let Some(version) = version {
        Version::parse(version)?;
    }
    Ok((name, version))
}

/// Model names are path components: lower-case ASCII letters, digits, `-` and `_`.
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty()
        || name.len() > 64
        || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Err(Error::invalid_model(format!("\"{}\" is not a model name (a-z, 0-9, - and _)", safe(name))));
    }
    Ok(())
}

/// Names and versions come from the command line or the registry; keep messages short and plain.
fn safe(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_graphic()).take(64).collect()
}

fn short(e: &serde_json::Error) -> String {
    e.to_string().chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut r = Registry { schema: SCHEMA, tolerance_f1_points: 0.5, tolerance_real_points: 1.0, active: BTreeMap::new(), history: Vec::new() };
        r.deploy("parser", "1.0.0", "t0", None, false).unwrap();
        r
    }

    #[test]
    fn deploy_then_rollback_replays_the_stack() {
        let mut r = registry();
        r.deploy("parser", "1.1.0", "t1", None, false).unwrap();
        r.deploy("parser", "1.2.0", "t2", None, false).unwrap();
        assert_eq!(r.rollback("parser", "t3", None).unwrap(), "1.1.0");
        assert_eq!(r.rollback("parser", "t4", None).unwrap(), "1.0.0");
        assert!(r.rollback("parser", "t5", None).is_err(), "nothing before the first deploy");
        r.deploy("parser", "1.2.0", "t6", None, false).unwrap();
        assert_eq!(r.rollback_target("parser").unwrap(), "1.0.0");
        assert_eq!(Registry::parse(&r.to_json()).unwrap(), r);
    }

    #[test]
    fn inconsistent_registries_are_refused() {
        let mut r = registry();
        r.active.insert("parser".into(), "9.9.9".into());
        assert!(Registry::parse(&r.to_json()).is_err());
        let mut r = registry();
        r.history[0].from = Some("0.1.0".into());
        assert!(Registry::parse(&r.to_json()).is_err());
        assert!(registry().deploy("parser", "1.0.0", "t", None, false).is_err(), "already active");
        assert!(Registry::parse("{\"schema\": 1, \"active\": {}}").is_err());
    }

    #[test]
    fn versions_and_references() {
        assert_eq!(Version::parse("1.10.0").unwrap(), Version { major: 1, minor: 10, patch: 0 });
        for bad in ["1.0", "1.0.0.0", "01.0.0", "1.0.x", "", "../1.0.0", "1.-1.0"] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_reference("parser@1.0.1").unwrap(), ("parser", Some("1.0.1")));
        assert_eq!(parse_reference("anonymizer").unwrap(), ("anonymizer", None));
        assert!(parse_reference("../x@1.0.0").is_err());
        assert!(parse_reference("parser@../../etc").is_err());
    }
}
