//! Robustness: `extract` must never panic and never take more than a second,
//! whatever the bytes. Every fixture and real-world CV is damaged in
//! thousands of deterministic ways (truncation, bit flips, overwritten,
//! zeroed, spliced and duplicated ranges, format tokens; for DOCX/ODT also
//! damage inside deflated members and inside the repacked XML), and each
//! result must be a document or a typed error.
//!
//! Knobs: `CVSHIELD_MUTATIONS` (total inputs, default 3600),
//! `CVSHIELD_MAX_CALL_MS` (per-call ceiling, default 1000; a call over it is
//! timed twice more and the fastest run counts, so a stalled machine is not a failure),
//! `CVSHIELD_THREADS` (default: up to 2), `CVSHIELD_ROBUSTNESS_TRACE` (print
//! each input before running it). Panicking or slow inputs are written to
//! `target/robustness-failures/<format>/<hash>.bin`.

mod mutate;
mod prng;
mod runner;
mod seeds;
mod zipmut;

use mutate::{mutate_bytes, tokens_for};
use prng::{fnv1a, SplitMix64};
use runner::{env_usize, report, Stats, Watch};
use seeds::Seed;
use zipmut::{mutate_member_bytes, mutate_repacked};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const DEFAULT_MUTATIONS: usize = 3600;

/// Offsets near the end matter most: PDF's xref/trailer and the zip directory live there.
const TAIL_CUTS: [usize; 5] = [1, 7, 64, 512, 4096];

/// Variant `v` of `seed`: 0 is the original, then truncations at spread
/// offsets, then random (sometimes stacked) mutations.
fn variant(seed: &Seed, other: &Seed, v: usize, per_seed: usize) -> (Vec<u8>, String) {
    let data = &seed.bytes;
    let truncations = (per_seed / 6).max(TAIL_CUTS.len());
    if v == 0 {
        return (data.clone(), "original".into());
    }
    if v <= truncations {
        let k = v - 1;
        let at = match TAIL_CUTS.get(k) {
            Some(cut) => data.len().saturating_sub(*cut),
            None => data.len() * (k + 1 - TAIL_CUTS.len()) / (truncations - TAIL_CUTS.len() + 1),
        };
        return (data[..at].to_vec(), format!("truncated at {at}"));
    }
    let mut rng = SplitMix64::new(fnv1a(seed.name.as_bytes()) ^ (v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let tokens = tokens_for(seed.token_family());
    let stacked = if rng.below(3) == 0 { rng.range(2, 3) } else { 1 };
    let mut bytes = data.clone();
    let mut steps = Vec::new();
    for _ in 0..stacked {
        let zip_choice = if seed.is_zip() && bytes.starts_with(b"PK") { rng.below(3) } else { 2 };
        let mutated = match zip_choice {
            0 => mutate_member_bytes(&bytes, &mut rng),
            1 => mutate_repacked(&bytes, &other.bytes, &mut rng),
            _ => None,
        };
        let (next, what) = mutated.unwrap_or_else(|| mutate_bytes(&bytes, &other.bytes, tokens, &mut rng));
        bytes = next;
        steps.push(what);
    }
    (bytes, steps.join(" + "))
}

fn hint_for(seed: &Seed) -> Option<String> {
    (!seed.ext.is_empty()).then(|| format!("input.{}", seed.ext))
}

#[test]
fn mutated_inputs_never_panic_and_stay_fast() {
    let seeds = seeds::collect();
    assert!(!seeds.is_empty(), "no seed documents found");
    let total = env_usize("CVSHIELD_MUTATIONS").unwrap_or(DEFAULT_MUTATIONS).max(seeds.len());
    let per_seed = total.div_ceil(seeds.len());
    let workers = env_usize("CVSHIELD_THREADS")
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(2))
        .max(1);
    report(&format!(
        "robustness: {} seeds ({} from the corpus), {per_seed} inputs each, {workers} threads",
        seeds.len(),
        seeds.iter().filter(|s| s.name.starts_with("corpus/")).count()
    ));

    let next = AtomicUsize::new(0);
    let jobs = seeds.len() * per_seed;
    let watch = Watch::new(workers);
    let started = Instant::now();
    let mut stats = Stats::default();
    std::thread::scope(|scope| {
        let guard = scope.spawn(|| watch.guard(Duration::from_secs(60)));
        let handles: Vec<_> = (0..workers)
            .map(|slot| {
                let (seeds, next, watch) = (&seeds, &next, &watch);
                std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, move || {
                        let mut stats = Stats::default();
                        loop {
                            let job = next.fetch_add(1, Ordering::Relaxed);
                            if job >= jobs {
                                break stats;
                            }
                            let (s, v) = (job / per_seed, job % per_seed);
                            let seed = &seeds[s];
                            let other = &seeds[(s + 1 + v % (seeds.len().max(2) - 1)) % seeds.len()];
                            let (bytes, what) = variant(seed, other, v, per_seed);
                            let label = format!("{} #{v} [{what}]", seed.name);
                            stats.run(&label, &seed.ext, &bytes, hint_for(seed), watch, slot);
                        }
                    })
                    .expect("spawning a worker thread")
            })
            .collect();
        for h in handles {
            stats.merge(h.join().expect("worker threads catch their panics"));
        }
        watch.done.store(true, Ordering::Relaxed);
        guard.join().expect("watchdog");
    });
    stats.summary(&format!("mutated inputs ({:.1} s wall)", started.elapsed().as_secs_f64()));
    assert!(stats.runs >= jobs, "every generated input must run");
    stats.assert_clean();
}

/// Inputs that once panicked or hung, saved under `tests/regressions/<format>/`.
#[test]
fn saved_regression_inputs_never_panic() {
    let dir = seeds::repo_root().join("tests/regressions");
    let files = seeds::files_under(&dir);
    let watch = Watch::new(1);
    let mut stats = Stats::default();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let rel = path.strip_prefix(&dir).unwrap_or(path).to_string_lossy().to_string();
        let format = rel.split('/').next().unwrap_or("unknown").to_string();
        // A regression is filed under its format; the hint keeps markdown/text apart.
        let hint = Some(format!("input.{format}"));
        stats.run(&rel, &format, &bytes, hint, &watch, 0);
    }
    stats.summary(&format!("saved regression inputs ({} files)", files.len()));
    stats.assert_clean();
}

/// The harness itself: variants must really differ from their seed, and the
/// repacked zips must still be zips (else the XML readers are never reached).
#[test]
fn variants_are_real_mutations() {
    let seeds = seeds::collect();
    let docx = seeds.iter().find(|s| s.name == "seeds/minimal.docx").expect("docx seed");
    let pdf = seeds.iter().find(|s| s.name == "seeds/minimal.pdf").expect("pdf seed");
    let per_seed = 200;
    let changed = (1..per_seed).filter(|&v| variant(pdf, docx, v, per_seed).0 != pdf.bytes).count();
    assert!(changed * 100 >= (per_seed - 1) * 95, "only {changed} of {} pdf variants differ", per_seed - 1);

    let mut repacked = 0;
    for v in 0..100u64 {
        let mut rng = SplitMix64::new(v);
        if let Some((bytes, _)) = mutate_repacked(&docx.bytes, &pdf.bytes, &mut rng) {
            assert!(zip::ZipArchive::new(std::io::Cursor::new(&bytes)).is_ok(), "repacked zip must open");
            repacked += 1;
        }
    }
    assert_eq!(repacked, 100, "every repack of a valid docx must succeed");
}
