//! What the benches share: the benchmark documents, the stages they time, and a counting
//! allocator for peak memory.
//!
//! The stages are defined once here so that the per-stage criterion bench (`stages.rs`) and
//! the scaling bench (`scaling.rs`) time exactly the same calls. Every stage gets its inputs
//! prepared beforehand ([`Prepared`]), so each figure is that stage alone. The documents are
//! written by `node bench/make-docs.mjs` (deterministic PDFs of 1..100 pages, see that file),
//! the same files the Node benchmark gives the wasm module and pdf.js.
#![allow(dead_code)] // each bench binary uses a different part

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use cvshield::anonymize::{AnonymizeOptions, Level};
use cvshield::pipeline::{anonymize, anonymize_document, AnonymizeInput};
use cvshield::entities::detect_rules;
use cvshield::featurize::{featurize, Features};
use cvshield::limits::Budget;
use cvshield::model::Tagger;
use cvshield::profile::{parse_document, ParseOptions};
use cvshield::sections::{find_sections, Sections};
use cvshield::{extract, Document, ExtractOptions, Limits, TextView};

/// Page counts of the benchmark documents (bench/make-docs.mjs writes the same list).
pub const PAGE_COUNTS: [usize; 6] = [1, 2, 5, 10, 50, 100];

/// Where the benchmark documents are: `$CVSHIELD_BENCH_DOCS` or `target/bench-docs`.
pub fn docs_dir() -> PathBuf {
    std::env::var_os("CVSHIELD_BENCH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-docs"))
}

/// The bytes of the `pages`-page benchmark PDF.
pub fn doc_bytes(pages: usize) -> Vec<u8> {
    let path = docs_dir().join(format!("cv-{pages}p.pdf"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run `node bench/make-docs.mjs` first", path.display()))
}

/// Default limits without the wall-clock limit: a busy shared machine must not turn a slow run
/// into a failure (work units still bound everything).
pub fn limits() -> Limits {
    Limits { max_millis: None, ..Limits::default() }
}

fn extract_options() -> ExtractOptions {
    ExtractOptions { hint: Some("cv.pdf".into()), limits: limits(), ocr: None }
}

pub fn extract_doc(bytes: &[u8]) -> Document {
    extract(bytes, &extract_options()).expect("benchmark document extracts")
}

/// The intermediate results later stages start from.
pub struct Prepared<'d> {
    pub bytes: &'d [u8],
    pub doc: &'d Document,
    pub view: TextView<'d>,
    pub sections: Sections,
    pub features: Features,
}

impl<'d> Prepared<'d> {
    pub fn new(bytes: &'d [u8], doc: &'d Document) -> Self {
        let view = TextView::new(doc);
        let mut budget = Budget::new(&limits());
        let sections = find_sections(&view, &mut budget).expect("sections");
        let features = featurize(&view, &sections, &mut budget).expect("features");
        Prepared { bytes, doc, view, sections, features }
    }
}

/// One timed stage: a name and the call, on prepared inputs.
pub struct Stage {
    pub name: &'static str,
    pub run: fn(&Prepared),
}

fn anonymize_at(p: &Prepared, level: Level) {
    let opts = AnonymizeOptions { level, limits: limits(), ..AnonymizeOptions::default() };
    black_box(anonymize_document(p.doc, &opts).expect("anonymize"));
}

/// The stages, in pipeline order. `parse` and `anonymize_*` run their own sections and rules
/// (that is what a caller pays); `pipeline_thorough` is one `anonymize` call on the bytes:
/// extract + parse + anonymize at thorough, the "full pipeline".
pub const STAGES: &[Stage] = &[
    Stage { name: "extract", run: |p| drop(black_box(extract(p.bytes, &extract_options()).expect("extract"))) },
    Stage {
        name: "sections",
        run: |p| {
            let view = TextView::new(p.doc);
            black_box(find_sections(&view, &mut Budget::new(&limits())).expect("sections"));
        },
    },
    Stage { name: "featurize", run: |p| drop(black_box(featurize(&p.view, &p.sections, &mut Budget::new(&limits())).expect("featurize"))) },
    Stage { name: "rules", run: |p| drop(black_box(detect_rules(&p.view, &mut Budget::new(&limits())).expect("rules"))) },
    Stage { name: "parser_model", run: |p| tag(Tagger::parser(), p) },
    Stage { name: "anonymizer_model", run: |p| tag(Tagger::anonymizer(), p) },
    Stage {
        name: "parse",
        run: |p| drop(black_box(parse_document(p.doc, &ParseOptions { limits: limits(), ..ParseOptions::default() }).expect("parse"))),
    },
    Stage { name: "anonymize_basic", run: |p| anonymize_at(p, Level::Basic) },
    Stage { name: "anonymize_moderate", run: |p| anonymize_at(p, Level::Moderate) },
    Stage { name: "anonymize_thorough", run: |p| anonymize_at(p, Level::Thorough) },
    Stage {
        name: "pipeline_thorough",
        run: |p| {
            let opts = AnonymizeOptions { level: Level::Thorough, limits: limits(), ..AnonymizeOptions::default() };
            let input = AnonymizeInput::Bytes { bytes: p.bytes, hint: Some("cv.pdf".into()) };
            black_box(anonymize(input, &opts).expect("pipeline"));
        },
    },
];

fn tag(tagger: cvshield::Result<&'static Tagger>, p: &Prepared) {
    let tagger = tagger.expect("embedded model loads");
    black_box(tagger.tag(&p.view, &p.features, &mut Budget::new(&limits())).expect("tag"));
}

/// A global allocator that counts live bytes and their high-water mark (native peak memory).
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        new
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

/// Start a new high-water mark at the current live bytes, which are returned.
pub fn reset_peak() -> usize {
    let live = LIVE.load(Ordering::Relaxed);
    PEAK.store(live, Ordering::Relaxed);
    live
}

/// The live-bytes high-water mark since the last [`reset_peak`].
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}
