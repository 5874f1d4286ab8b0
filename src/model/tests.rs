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
    let windowed = tagger.graph.probabilities_over(&features.ids, &[0..tokens]).unwrap();
    let whole = tagger.graph.run_window(&features.ids, tokens).unwrap();
    assert!(bits(&windowed) == bits(&whole), "windowed and whole-document probabilities differ");
}

fn bits(probs: &[f32]) -> Vec<u32> {
    probs.iter().map(|p| p.to_bits()).collect()
}

#[test]
fn range_runs_equal_a_whole_run_on_the_kept_tokens() {
    for tagger in [Tagger::parser().unwrap(), Tagger::anonymizer().unwrap()] {
        let tokens = 700;
        let features = fake_features(tagger, tokens);
        let classes = tagger.graph.classes();
        let whole = tagger.graph.run_window(&features.ids, tokens).unwrap();
        // Unaligned starts, one-token ranges, the document's edges, ranges close enough to merge.
        for ranges in [vec![0..1], vec![3..4, 101..140], vec![37..38, 45..50, 333..420], vec![650..700], vec![0..700], vec![17..18, 690..699]] {
            let ranges = tagger.graph.merge_ranges(&ranges, tokens);
            let mut budget = Budget::new(&Limits::default());
            let probs = tagger.probabilities_over(&features, &ranges, &mut budget).unwrap();
            assert_eq!(probs.len(), whole.len());
            for (t, (got, want)) in probs.chunks(classes).zip(whole.chunks(classes)).enumerate() {
                if ranges.iter().any(|r| r.contains(&t)) {
                    assert!(bits(got) == bits(want), "{} token {t} of {ranges:?} differs from the whole run", tagger.name());
                } else {
                    assert!(got.first() == Some(&1.0) && got.iter().skip(1).all(|&p| p == 0.0), "token {t} outside {ranges:?} is not O");
                }
            }
            let charged = budget.work_spent() / tagger.spec.runtime.work_per_token;
            assert_eq!(charged as usize, tagger.graph.tokens_run(&ranges, tokens));
        }
    }
}

#[test]
fn ranges_merge_when_the_gap_is_cheaper_than_another_run() {
    let graph = &Tagger::parser().unwrap().graph;
    assert_eq!(graph.merge_ranges(&[100..110, 0..2, 112..113, 108..109, 600..610, 990..2000], 1000), [0..2, 100..113, 600..610, 990..1000]);
    assert!(graph.merge_ranges(&[5..5, 2000..2100], 1000).is_empty());
    // Runs start aligned and take their context; what two runs share is charged once.
    assert_eq!(graph.tokens_run(&[0..1000], 1000), 1000);
    let radius = Tagger::parser().unwrap().spec.runtime.receptive_radius;
    assert_eq!(graph.tokens_run(&[100..110], 1000), 110 + radius - (100 - radius) / graph::ALIGN * graph::ALIGN);
}

/// A made-up CV long enough for spans everywhere.
fn made_up_cv() -> crate::document::Document {
    let mut text = String::from("Jane Example\nSenior Software Engineer\njane@example.org | Springfield, IL\n\nExperience\n");
    for i in 0..12 {
        text += &format!("Developer, Example Corp {i}, Riverton\n2015 - 2019\n• Built a billing service in Rust and Go for clients\n• Led a team of four engineers\n");
    }
    text += "\nEducation\nBSc Computer Science, University of Example, 2011 - 2015\n\nSkills\nRust, Go, SQL, Kubernetes, Terraform\n";
    crate::extract::extract(text.as_bytes(), &crate::extract::ExtractOptions { hint: Some("cv.txt".into()), ..Default::default() }).unwrap()
}

#[test]
fn spans_within_ranges_are_the_whole_runs_spans_touching_them() {
    let doc = made_up_cv();
    let view = TextView::new(&doc);
    let mut budget = Budget::new(&Limits::default());
    let sections = crate::sections::find_sections(&view, &mut budget).unwrap();
    let features = crate::featurize::featurize(&view, &sections, &mut budget).unwrap();
    let tagger = Tagger::parser().unwrap();
    let whole = tagger.tag(&view, &features, &mut budget).unwrap();
    assert!(whole.len() > 20);
    let token_of = |offset: usize| features.tokens.iter().position(|t| t.start <= offset && offset < t.end).unwrap();
    let longest = whole.iter().max_by_key(|e| e.end - e.start).unwrap();
    let n = features.tokens.len();
    // The last token of the longest span alone (the run must grow to decode it whole), lines, nothing.
    for keep in [vec![token_of(longest.end - 1)..token_of(longest.end - 1) + 1], vec![0..12, n / 2..n / 2 + 9, n - 3..n], vec![40..41], vec![]] {
        let touching: Vec<&Entity> = whole
            .iter()
            .filter(|e| {
                let (first, last) = (token_of(e.start), token_of(e.end - 1));
                keep.iter().any(|k| first < k.end && k.start <= last)
            })
            .collect();
        let within = tagger.tag_within(&view, &features, &keep, &mut budget).unwrap();
        assert_eq!(within.iter().collect::<Vec<_>>(), touching, "keep {keep:?}");
    }
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
fn a_spec_that_understates_the_receptive_radius_is_refused() {
    let mut spec: serde_json::Value = serde_json::from_str(embedded::PARSER.spec).unwrap();
    let radius = spec["runtime"]["receptiveRadius"].as_u64().unwrap();
    assert!(Tagger::from_bytes(embedded::PARSER.nnef, &spec.to_string()).is_ok());
    spec["runtime"]["receptiveRadius"] = serde_json::Value::from(radius - 1);
    let err = Tagger::from_bytes(embedded::PARSER.nnef, &spec.to_string()).unwrap_err();
    assert!(err.message.contains("receptive radius"), "{}", err.message);
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

