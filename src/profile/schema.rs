//! The published contract of the profile: a JSON Schema generated from the Rust types and
//! TypeScript declarations generated from that schema.
//!
//! Both are committed (`schema/profile.schema.json`, `schema/profile.d.ts`) so consumers need no
//! Rust; `tests/integration/parse_schema.rs` fails when the committed files drift from the types
//! (`CVSHIELD_UPDATE_SCHEMA=1 cargo test --test integration parse_schema::` rewrites them).

use serde_json::{Map, Value};

use super::types::Profile;

/// The JSON Schema (draft 2020-12) of [`Profile`].
pub fn json_schema() -> Value {
    let schema = schemars::schema_for!(Profile);
    serde_json::to_value(&schema).unwrap_or(Value::Null)
}

/// TypeScript declarations for every object of the schema (`Profile` and its parts).
pub fn typescript() -> String {
    let schema = json_schema();
    let mut out = String::from(
        "// Generated from schema/profile.schema.json by cvshield (src/profile/schema.rs); do not edit.\n\
         // JSON Resume v1 with cvshield's documented extensions.\n",
    );
    let root_name = schema.get("title").and_then(Value::as_str).unwrap_or("Profile");
    write_interface(&mut out, root_name, &schema);
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            write_interface(&mut out, name, def);
        }
    }
    out
}

fn write_interface(out: &mut String, name: &str, def: &Value) {
    out.push('\n');
    write_doc(out, def, "");
    out.push_str(&format!("export interface {name} {{\n"));
    let required: Vec<&str> = def
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let empty = Map::new();
    let properties = def.get("properties").and_then(Value::as_object).unwrap_or(&empty);
    for (prop, prop_schema) in properties {
        write_doc(out, prop_schema, "  ");
        let optional = if required.contains(&prop.as_str()) { "" } else { "?" };
        out.push_str(&format!("  {prop}{optional}: {};\n", ts_type(prop_schema)));
    }
    out.push_str("}\n");
}

fn write_doc(out: &mut String, schema: &Value, indent: &str) {
    if let Some(text) = schema.get("description").and_then(Value::as_str) {
        out.push_str(&format!("{indent}/**\n"));
        for line in text.lines() {
            out.push_str(&format!("{indent} * {line}\n").replace(" \n", "\n"));
        }
        out.push_str(&format!("{indent} */\n"));
    }
}

/// The TypeScript type of a property schema (nullable types become optional properties).
fn ts_type(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().unwrap_or("unknown").to_string();
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        if let Some(first) = all.first() {
            return ts_type(first);
        }
    }
    // An optional struct: its type or null, and null is what an optional property means.
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let parts: Vec<String> =
            any.iter().filter(|s| s.get("type").and_then(Value::as_str) != Some("null")).map(ts_type).collect();
        if !parts.is_empty() {
            return parts.join(" | ");
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ => Vec::new(),
    };
    let parts: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "string" => "string".to_string(),
            "integer" | "number" => "number".to_string(),
            "boolean" => "boolean".to_string(),
            "array" => {
                let item = schema.get("items").map_or_else(|| "unknown".to_string(), ts_type);
                format!("{item}[]")
            }
            "object" => {
                let value = schema.get("additionalProperties").map_or_else(|| "unknown".to_string(), ts_type);
                format!("Record<string, {value}>")
            }
            _ => "unknown".to_string(),
        })
        .collect();
    if parts.is_empty() {
        "unknown".to_string()
    } else {
        parts.join(" | ")
    }
}
