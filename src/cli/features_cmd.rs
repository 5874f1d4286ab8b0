//! `cvshield features`: the featurizer's tokens and ids for each input, for the training recipe.
//!
//! The Python recipe (`onnx/data`, `onnx/train`) never re-implements tokenization or features:
//! it reads this command's JSON lines, so training sees exactly what the library computes at run
//! time. Offsets are Unicode code points (Python string indices) into `text`, the TextView text.

use clap::Args;
use serde_json::{json, Map, Value};

use super::batch::{self, Outcome, Output};
use super::InputArgs;
use cvshield::featurize::{featurize, FEATURIZER_VERSION};
use cvshield::limits::Budget;
use cvshield::sections::find_sections;
use cvshield::extract::extract_within;
use cvshield::TextView;

#[derive(Args, Debug)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &FeaturesArgs) -> i32 {
    let limits = args.input.limits.to_limits();
    let process = |bytes: &[u8], hint: Option<String>| {
        let mut budget = Budget::new(&limits);
        let doc = extract_within(bytes, hint.as_deref(), &mut budget)?;
        let view = TextView::new(&doc);
        let sections = find_sections(&view, &mut budget)?;
        let features = featurize(&view, &sections, &mut budget)?;
        let tokens: Vec<Value> = features
            .tokens
            .iter()
            .map(|t| json!([view.char_index(t.start), view.char_index(t.end), t.line]))
            .collect();
        let ids: Vec<Value> = features.ids.chunks(features.slots.max(1)).map(|row| json!(row)).collect();
        let section_list: Vec<Value> = sections
            .sections
            .iter()
            .map(|s| json!([s.kind.as_str(), s.heading, s.lines.start, s.lines.end]))
            .collect();
        let mut fields = Map::new();
        fields.insert("format".into(), json!(doc.format.as_str()));
        fields.insert("featurizerVersion".into(), json!(FEATURIZER_VERSION));
        fields.insert("slots".into(), json!(features.slots));
        fields.insert("buckets".into(), json!(features.buckets));
        fields.insert("text".into(), json!(view.text()));
        fields.insert("tokens".into(), Value::Array(tokens));
        fields.insert("ids".into(), Value::Array(ids));
        fields.insert("sections".into(), Value::Array(section_list));
        Ok(Outcome { summary: Map::new(), output: Output::Fields(fields) })
    };
    batch::run_inputs(&args.input, process)
}
