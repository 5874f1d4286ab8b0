//! Runs `cvshield::extract` on one input at a time and classifies the
//! outcome: a value, a typed error (by code), or a panic (caught, with its
//! message and location). Wall time is measured per call. A watchdog names the
//! input and aborts if one call hangs, since a hang cannot be caught.

use cvshield::{extract, ExtractOptions};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

/// Per-call wall-time ceiling, overridable with `CVSHIELD_MAX_CALL_MS`.
pub fn max_call() -> Duration {
    Duration::from_millis(env_usize("CVSHIELD_MAX_CALL_MS").unwrap_or(1000) as u64)
}

pub fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Print straight to stderr: the test harness captures `eprintln!`, and the
/// summary is the point of running this test.
pub fn report(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// True while this thread runs a case, whose panic is expected and recorded.
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}

/// Replace the default hook (which prints every caught panic) with one that
/// remembers the message and location for this thread's current case. The
/// hook is process-wide and the other tests share this process, so a panic
/// outside a case still goes to the hook that was there before.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CASE.with(Cell::get) {
                return previous(info);
            }
            let payload = info.payload();
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".into());
            let at = info.location().map(|l| l.to_string()).unwrap_or_else(|| "unknown location".into());
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg} (at {at})")));
        }));
    });
}

pub struct Finding {
    pub label: String,
    pub detail: String,
    pub saved: Option<PathBuf>,
}

/// Counts over many calls; merged across worker threads.
#[derive(Default)]
pub struct Stats {
    pub runs: usize,
    pub ok: usize,
    pub errors: BTreeMap<&'static str, usize>,
    pub by_format: BTreeMap<String, (usize, usize)>,
    pub panics: Vec<Finding>,
    pub slow: Vec<Finding>,
    pub max: (Duration, String),
    pub total_time: Duration,
}

impl Stats {
    pub fn merge(&mut self, other: Stats) {
        self.runs += other.runs;
        self.ok += other.ok;
        for (code, n) in other.errors {
            *self.errors.entry(code).or_default() += n;
        }
        for (fmt, (ok, err)) in other.by_format {
            let e = self.by_format.entry(fmt).or_default();
            e.0 += ok;
            e.1 += err;
        }
        self.panics.extend(other.panics);
        self.slow.extend(other.slow);
        if other.max.0 > self.max.0 {
            self.max = other.max;
        }
        self.total_time += other.total_time;
    }

    /// Run one input and record its outcome. `format` groups the summary (the seed's extension).
    pub fn run(&mut self, label: &str, format: &str, bytes: &[u8], hint: Option<String>, watch: &Watch, slot: usize) {
        install_panic_hook();
        let options = ExtractOptions { hint, ..ExtractOptions::default() };
        watch.begin(slot, label);
        let start = Instant::now();
        let outcome = catch_case(|| extract(bytes, &options).map(|_| ()));
        let elapsed = start.elapsed();
        watch.end(slot);

        self.runs += 1;
        self.total_time += elapsed;
        if elapsed > self.max.0 {
            self.max = (elapsed, label.to_string());
        }
        let counts = self.by_format.entry(format.to_string()).or_default();
        match outcome {
            Ok(Ok(())) => {
                self.ok += 1;
                counts.0 += 1;
            }
            Ok(Err(e)) => {
                *self.errors.entry(e.code.as_str()).or_default() += 1;
                counts.1 += 1;
            }
            Err(_) => {
                let detail = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
                let saved = save_failure(format, bytes);
                self.panics.push(Finding { label: label.to_string(), detail, saved });
            }
        }
        if elapsed > max_call() {
            // On a shared machine one call can stall for reasons of its own; a
            // real slow path is slow every time, so the fastest of three counts.
            let retimed = (0..2).map(|_| timed(|| extract(bytes, &options))).min().unwrap_or(elapsed).min(elapsed);
            if retimed > max_call() {
                let saved = save_failure(format, bytes);
                let detail = format!("{elapsed:?}, fastest of 3 runs {retimed:?}");
                self.slow.push(Finding { label: label.to_string(), detail, saved });
            }
        }
    }

    pub fn summary(&self, title: &str) {
        report(&format!("== {title}"));
        report(&format!(
            "inputs run: {}  ok: {}  errors: {}  panics: {}  over {:?}: {}",
            self.runs,
            self.ok,
            self.errors.values().sum::<usize>(),
            self.panics.len(),
            max_call(),
            self.slow.len()
        ));
        let codes: Vec<String> = self.errors.iter().map(|(c, n)| format!("{c}={n}")).collect();
        report(&format!("errors by code: {}", if codes.is_empty() { "none".into() } else { codes.join(" ") }));
        let formats: Vec<String> = self.by_format.iter().map(|(f, (ok, err))| format!("{f}: {ok} ok/{err} err")).collect();
        report(&format!("by seed format: {}", formats.join(", ")));
        let mean = if self.runs > 0 { self.total_time / self.runs as u32 } else { Duration::ZERO };
        report(&format!("max time: {:?} ({})  mean: {mean:?}", self.max.0, self.max.1));
        for p in self.panics.iter().take(30) {
            report(&format!("PANIC {} :: {} :: saved {:?}", p.label, p.detail, p.saved));
        }
        for s in self.slow.iter().take(30) {
            report(&format!("SLOW {} :: {} :: saved {:?}", s.label, s.detail, s.saved));
        }
    }

    /// Fail the test with the list of panics and slow inputs, if any.
    pub fn assert_clean(&self) {
        let panics: Vec<String> = self.panics.iter().map(|p| format!("{} :: {}", p.label, p.detail)).collect();
        let slow: Vec<String> = self.slow.iter().map(|s| format!("{} :: {}", s.label, s.detail)).collect();
        assert!(panics.is_empty(), "{} inputs panicked:\n{}", panics.len(), panics.join("\n"));
        assert!(slow.is_empty(), "{} inputs took longer than {:?}:\n{}", slow.len(), max_call(), slow.join("\n"));
    }
}

/// Wall time of one call whose outcome is already known (a panic would have been counted).
fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let _ = catch_case(f);
    start.elapsed()
}

/// Run one case with its panic caught, recorded by the hook rather than printed.
fn catch_case<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    IN_CASE.with(|c| c.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    IN_CASE.with(|c| c.set(false));
    outcome
}

/// Keep a failing input for reproduction: `target/robustness-failures/<format>/<hash>.bin`.
fn save_failure(format: &str, bytes: &[u8]) -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::seeds::repo_root().join("target"));
    let dir = target.join("robustness-failures").join(format);
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{:016x}.bin", super::prng::fnv1a(bytes)));
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}

/// Names the input a worker is on, so a hang can be reported before aborting.
pub struct Watch {
    slots: Mutex<Vec<Option<(Instant, String)>>>,
    trace: bool,
    pub done: AtomicBool,
}

impl Watch {
    pub fn new(workers: usize) -> Self {
        Watch {
            slots: Mutex::new(vec![None; workers]),
            trace: std::env::var_os("CVSHIELD_ROBUSTNESS_TRACE").is_some(),
            done: AtomicBool::new(false),
        }
    }

    fn begin(&self, slot: usize, label: &str) {
        if self.trace {
            report(&format!("run {label}"));
        }
        if let Ok(mut s) = self.slots.lock() {
            s[slot] = Some((Instant::now(), label.to_string()));
        }
    }

    fn end(&self, slot: usize) {
        if let Ok(mut s) = self.slots.lock() {
            s[slot] = None;
        }
    }

    /// Poll until `done`; abort the process if any call runs past `hang`.
    pub fn guard(&self, hang: Duration) {
        while !self.done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            let Ok(slots) = self.slots.lock() else { return };
            for (started, label) in slots.iter().flatten() {
                if started.elapsed() > hang {
                    report(&format!("HANG: {label} has run for {:?}; aborting", started.elapsed()));
                    std::process::abort();
                }
            }
        }
    }
}
