//! Scaling benchmark: every stage (see `common::STAGES`) on the 1, 2, 5, 10, 50 and 100-page
//! benchmark documents, natively: median wall time and peak heap (a counting global
//! allocator: the live-bytes high-water mark during one run, above what was live before it).
//! Also: what loading the two embedded models keeps resident, and a batch of documents on one
//! thread against all cores (rayon, as `cvshield … --jobs`).
//!
//!   node bench/make-docs.mjs && cargo bench --bench scaling [-- --quick] [--max-pages N]
//! Writes target/reports/scaling-native.json; the report (scripts/report.sh) fits the lines.

mod common;

use std::time::Instant;

use common::{doc_bytes, extract_doc, peak, reset_peak, Counting, Prepared, PAGE_COUNTS, STAGES};
use cvshield::model::Tagger;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Timed runs per stage: at least MIN_REPS, then more until about BUDGET_MS of runs, at most MAX_REPS.
const MIN_REPS: usize = 3;
const MAX_REPS: usize = 30;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 { xs[m] } else { (xs[m - 1] + xs[m]) / 2.0 }
}

fn time_ms(run: impl Fn()) -> f64 {
    let t = Instant::now();
    run();
    t.elapsed().as_secs_f64() * 1e3
}

/// Median milliseconds and peak heap bytes of `run` (after one warm-up run).
fn measure(run: impl Fn(), budget_ms: f64) -> (f64, usize) {
    run();
    let base = reset_peak();
    run();
    let peak_bytes = peak().saturating_sub(base);
    let mut times = Vec::new();
    let mut spent = 0.0;
    while times.len() < MIN_REPS || (spent < budget_ms && times.len() < MAX_REPS) {
        let ms = time_ms(&run);
        spent += ms;
        times.push(ms);
    }
    (median(times), peak_bytes)
}

/// Bytes the two embedded models keep live once loaded (they are loaded once per process).
fn models_resident() -> usize {
    let before = reset_peak();
    Tagger::parser().expect("parser model");
    Tagger::anonymizer().expect("anonymizer model");
    let after = common::reset_peak();
    after.saturating_sub(before)
}

/// Documents per second for `docs` copies of the 2-page CV through the full pipeline on `threads`.
fn batch(docs: usize, threads: usize) -> f64 {
    let bytes = doc_bytes(2);
    let prepared_doc = extract_doc(&bytes);
    let pipeline = STAGES.iter().find(|s| s.name == "pipeline_thorough").expect("pipeline stage");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let ms = time_ms(|| {
        pool.install(|| {
            (0..docs).into_par_iter().for_each(|_| (pipeline.run)(&Prepared::new(&bytes, &prepared_doc)));
        })
    });
    docs as f64 / (ms / 1e3)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let budget_ms = if quick { 300.0 } else { 1500.0 };
    let args: Vec<String> = std::env::args().collect();
    let max_pages: usize = args.iter().position(|a| a == "--max-pages").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
    let page_counts: Vec<usize> = PAGE_COUNTS.into_iter().filter(|&n| n <= max_pages).collect();
    let resident = models_resident();
    println!("models resident after loading: {:.1} MB", resident as f64 / 1e6);

    let mut stages: Map<String, Value> = Map::new();
    let mut docs = Vec::new();
    println!("{:<20} {}", "stage (ms | peak MB)", page_counts.iter().map(|n| format!("{n:>14}p")).collect::<String>());
    let mut rows: Vec<(String, Vec<(f64, usize)>)> = STAGES.iter().map(|s| (s.name.to_string(), Vec::new())).collect();
    for &pages in &page_counts {
        let bytes = doc_bytes(pages);
        let doc = extract_doc(&bytes);
        docs.push(json!({"pages": pages, "bytes": bytes.len(), "chars": cvshield::TextView::new(&doc).text().len()}));
        let prepared = Prepared::new(&bytes, &doc);
        for (stage, row) in STAGES.iter().zip(rows.iter_mut()) {
            row.1.push(measure(|| (stage.run)(&prepared), budget_ms));
        }
    }
    for (name, row) in &rows {
        let cells: String = row.iter().map(|(ms, b)| format!("{:>8.2}|{:>6.1}", ms, *b as f64 / 1e6)).collect();
        println!("{name:<20} {cells}");
        stages.insert(
            name.clone(),
            json!({"ms": row.iter().map(|r| r.0).collect::<Vec<_>>(), "peakBytes": row.iter().map(|r| r.1).collect::<Vec<_>>()}),
        );
    }

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let batch_docs = if quick { 8 } else { 40 };
    let one = batch(batch_docs, 1);
    let all = batch(batch_docs, cores);
    println!("batch of {batch_docs} × 2-page CV, full pipeline: 1 thread {one:.1} docs/s, {cores} threads {all:.1} docs/s ({:.2}×)", all / one);

    let report = json!({
        "kind": "scaling-native",
        "pages": page_counts,
        "docs": docs,
        "stages": stages,
        "modelsResidentBytes": resident,
        "batch": {"docs": batch_docs, "threads": [1, cores], "docsPerSec": [one, all]},
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/reports");
    std::fs::create_dir_all(&dir).expect("target/reports");
    let path = dir.join("scaling-native.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).expect("json")).expect("write report");
    println!("wrote {}", path.display());
}
