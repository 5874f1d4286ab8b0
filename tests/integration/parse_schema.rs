//! The committed schema and TypeScript types match the Rust profile types.
//!
//! `CVSHIELD_UPDATE_SCHEMA=1 cargo test --test integration parse_schema::` rewrites both files.

use cvshield::profile::schema::{json_schema, typescript};
use serde_json::Value;

use crate::util::repo_root as repo;

fn check_or_update(path: &str, generated: &str) {
    let path = repo().join(path);
    if std::env::var_os("CVSHIELD_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date: run CVSHIELD_UPDATE_SCHEMA=1 cargo test --test integration parse_schema::",
        path.display()
    );
}

#[test]
fn committed_json_schema_is_the_generated_one() {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap();
    text.push('\n');
    check_or_update("schema/profile.schema.json", &text);
}

#[test]
fn committed_typescript_is_the_generated_one_and_names_every_property() {
    let ts = typescript();
    check_or_update("schema/profile.d.ts", &ts);
    let schema = json_schema();
    let mut objects: Vec<(&str, &Value)> = vec![("Profile", &schema)];
    for (name, def) in schema["$defs"].as_object().unwrap() {
        objects.push((name.as_str(), def));
    }
    for (name, def) in objects {
        let start = ts.find(&format!("export interface {name} {{")).unwrap_or_else(|| panic!("{name} missing"));
        let body = &ts[start..start + ts[start..].find("\n}\n").unwrap()];
        for prop in def["properties"].as_object().unwrap().keys() {
            assert!(
                body.contains(&format!("  {prop}?:")) || body.contains(&format!("  {prop}:")),
                "{name}.{prop} missing from profile.d.ts"
            );
        }
    }
}

#[test]
fn schema_uses_json_resume_names() {
    let schema = json_schema();
    let defs = &schema["$defs"];
    for (def, prop) in [
        ("Basics", "profiles"),
        ("Location", "postalCode"),
        ("Location", "countryCode"),
        ("Work", "startDate"),
        ("Education", "studyType"),
        ("Language", "fluency"),
        ("Meta", "parserVersion"),
    ] {
        assert!(defs[def]["properties"].get(prop).is_some(), "{def}.{prop}");
    }
    for prop in ["basics", "work", "education", "skills", "languages", "certificates", "meta"] {
        assert!(schema["properties"].get(prop).is_some(), "{prop}");
    }
}
