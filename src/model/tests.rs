use super::*;
use crate::featurize::Token;
use crate::limits::Limits;

/// Deterministic pseudo-random features shaped for `tagger` (no document needed).
fn fake_features(tagger: &Tagger, tokens: usize) -> Features {
    let slots = tagger.spec.input.slots;
    let buckets = tagger.spec.input.buckets;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let ids = (0..tokens * slots)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % u64::from(buckets)) as i64
        })
        .collect();
    let tokens = (0..tokens).map(|i| Token { start: i * 4, end: i * 4 + 3, line: i / 10 }).collect();
    Features { tokens, ids, slots, buckets }
}

#[test]
fn windowed_runs_equal_one_whole_run() {
    let tagger = Tagger::parser().unwrap();
    let tokens = graph::WINDOW * 2 + 300;
    let features = fake_features(tagger, tokens);
    let windowed = tagger.graph.probabilities(&features.ids).unwrap();
    let whole = tagger.graph.run_window(&features.ids, tokens).unwrap();
    assert_eq!(windowed.len(), whole.len());
    let worst = windowed.iter().zip(&whole).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
    // int8 activations are quantized per run (DynamicQuantizeLinear), so windows differ slightly.
    assert!(worst < 0.1, "windowed and whole-document probabilities differ by {worst}");
}

#[test]
fn empty_documents_have_no_spans_and_cost_nothing() {
    let tagger = Tagger::anonymizer().unwrap();
    let features = fake_features(tagger, 0);
    let mut budget = Budget::new(&Limits::default());
    assert!(tagger.probabilities(&features, &mut budget).unwrap().is_empty());
    assert_eq!(budget.work_spent(), 0);
}

#[test]
fn features_that_do_not_fit_the_model_are_refused() {
    let tagger = Tagger::parser().unwrap();
    let mut budget = Budget::new(&Limits::default());
    let mut features = fake_features(tagger, 10);
    features.ids[3] = i64::from(features.buckets);
    assert_eq!(tagger.probabilities(&features, &mut budget).unwrap_err().code, crate::error::ErrorCode::InvalidModel);
    let mut features = fake_features(tagger, 10);
    features.ids.pop();
    assert!(tagger.probabilities(&features, &mut budget).is_err());
    let mut features = fake_features(tagger, 10);
    features.slots += 1;
    assert!(tagger.probabilities(&features, &mut budget).is_err());
}

#[test]
fn tagging_is_charged_to_the_budget() {
    let tagger = Tagger::parser().unwrap();
    let features = fake_features(tagger, 500);
    let mut budget = Budget::new(&Limits { max_work: 10, ..Limits::default() });
    let err = tagger.probabilities(&features, &mut budget).unwrap_err();
    assert_eq!(err.code, crate::error::ErrorCode::LimitExceeded);
}

#[test]
fn probabilities_are_distributions_over_the_tags() {
    let tagger = Tagger::anonymizer().unwrap();
    let features = fake_features(tagger, 50);
    let mut budget = Budget::new(&Limits::default());
    let probs = tagger.probabilities(&features, &mut budget).unwrap();
    let classes = tagger.spec.output.tags.len();
    assert_eq!(probs.len(), 50 * classes);
    for row in probs.chunks(classes) {
        let sum: f32 = row.iter().sum();
        assert!((sum - 1.0).abs() < 1e-3, "row sums to {sum}");
    }
}

/// The embedded parser's spec with another version (same graph: a patch).
fn patch_spec(version: &str) -> String {
    let mut spec: serde_json::Value = serde_json::from_str(embedded::PARSER.spec).unwrap();
    spec["version"] = serde_json::Value::from(version);
    spec.to_string()
}

#[test]
fn loaded_versions_are_selected_per_call_and_named_in_meta() {
    let loaded = catalog::load(embedded::PARSER.onnx, &patch_spec("1.0.99")).unwrap();
    assert_eq!(loaded.version(), "1.0.99");
    // Same version again: the one already loaded; other bytes under that version: refused.
    assert!(std::ptr::eq(catalog::load(embedded::PARSER.onnx, &patch_spec("1.0.99")).unwrap(), loaded));
    let mut other = embedded::PARSER.onnx.to_vec();
    other[100] ^= 1;
    assert!(catalog::load(&other, &patch_spec("1.0.99")).is_err());
    let available = catalog::available();
    assert!(available.iter().any(|a| a.version == "1.0.99" && !a.embedded && !a.active));
    assert!(available.iter().any(|a| a.name == "parser" && a.version == embedded::PARSER.version && a.embedded && a.active));

    let doc = crate::extract::extract(
        b"Jane Example\nSoftware Engineer\n\nExperience\nDeveloper, Acme Corp, Berlin\n2019 - 2023\n",
        &crate::extract::ExtractOptions::default(),
    )
    .unwrap();
    let inside = catalog::with_selected(&[catalog::resolve("parser", "1.0.99").unwrap()], || {
        let tagger = Tagger::parser().unwrap();
        tagging::tag_document(&doc, tagger, &mut Budget::new(&Limits::default())).unwrap()
    });
    assert_eq!(inside.meta.models[0].version, "1.0.99");
    let outside = tagging::tag_document(&doc, Tagger::parser().unwrap(), &mut Budget::new(&Limits::default())).unwrap();
    assert_eq!(outside.meta.models[0].version, embedded::PARSER.version, "the selection ends with the call");
    assert_eq!(
        inside.spans.iter().map(|s| (&s.label, s.start, s.end)).collect::<Vec<_>>(),
        outside.spans.iter().map(|s| (&s.label, s.start, s.end)).collect::<Vec<_>>()
    );
    assert!(catalog::resolve("parser", "9.9.9").unwrap_err().message.contains("1.0.99"));
}
