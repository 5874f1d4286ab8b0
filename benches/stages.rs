//! Criterion benchmarks of each stage on the 2-page benchmark CV (see `common`), plus loading
//! a model from its bytes against reusing the loaded one (`model_load/*` vs `stage/*_model`).
//!
//!   node bench/make-docs.mjs && cargo bench --bench stages
//! Estimates land in target/criterion/<group>/<name>/new/estimates.json (read by the report).

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{doc_bytes, extract_doc, Prepared, STAGES};
use criterion::{criterion_group, criterion_main, Criterion};
use cvshield::model::{embedded, Tagger};

fn stages(c: &mut Criterion) {
    let bytes = doc_bytes(2);
    let doc = extract_doc(&bytes);
    let prepared = Prepared::new(&bytes, &doc);
    let mut group = c.benchmark_group("stage");
    for stage in STAGES {
        group.bench_function(stage.name, |b| b.iter(|| (stage.run)(&prepared)));
    }
    group.finish();
}

/// Each rule detector alone on the 2-page CV's text: where `stage/rules` spends its time.
fn detectors(c: &mut Criterion) {
    use cvshield::entities::{address, attributes, dob, email, finance, ids, phone, url};
    let bytes = doc_bytes(2);
    let doc = extract_doc(&bytes);
    let view = cvshield::TextView::new(&doc);
    let text = view.text();
    let all: &[(&str, fn(&str) -> Vec<cvshield::entities::Entity>)] = &[
        ("email", email::detect),
        ("urls", url::detect_urls),
        ("handles", url::detect_handles),
        ("phone", phone::detect),
        ("iban", finance::detect_iban),
        ("cards", finance::detect_cards),
        ("ids", ids::detect),
        ("dob", dob::detect),
        ("addresses", address::detect_addresses),
        ("postcodes", address::detect_postcodes),
        ("attributes", attributes::detect),
    ];
    let mut group = c.benchmark_group("detector");
    for (name, detect) in all {
        group.bench_function(*name, |b| b.iter(|| black_box(detect(black_box(text)))));
    }
    group.finish();
}

/// What every call would pay if the embedded models were not loaded once and kept.
fn model_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_load");
    group.sample_size(10);
    for model in embedded::ALL {
        group.bench_function(model.name, |b| {
            b.iter(|| black_box(Tagger::from_bytes(model.onnx, model.spec).expect("embedded model loads")))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = stages, detectors, model_load
}
criterion_main!(benches);
