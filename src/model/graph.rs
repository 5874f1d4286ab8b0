//! The tract side: load an ONNX tagger once, optimise it, run it over a document's ids.
//!
//! tract's pipeline is load → type → optimise → plan; the plan is immutable and shared, each run
//! gets its own state. The token axis `T` stays symbolic, so one plan serves every document.
//! The taggers are convolutional: a token's probabilities depend on its neighbours within the
//! model's receptive radius (its spec says which, at most [`MARGIN`]; loading proves it) and on
//! nothing further. So long documents run in windows of [`WINDOW`] tokens with that much context
//! each side, keeping only each window's centre: the result equals one whole-document run while
//! memory stays bounded. The same machinery runs a model over chosen token ranges only
//! ([`Graph::probabilities_over`]), tokens outside every range reading as `O`. The kept tokens get bit-identical probabilities, not
//! just close ones: tract's kernels give a row a result that depends on where the run starts
//! modulo the SIMD width (seen natively: the start modulo 16 tokens), so every run starts on a
//! multiple of [`ALIGN`] tokens, as windows always did.
//!
//! The embedding bag each tagger opens with is summed by our code (`bag`), and the plan starts
//! after it: the same additions in the same order, at a fraction of tract's cost.
//!
//! Shipped models are NNEF archives (tract's own format, read by tract-nnef with only the ops the
//! taggers use, see `nnef_reader`), which keeps tract's ONNX front end and its other ops out of the
//! wasm module (see `convert`). Native builds also read the ONNX originals, to convert them and to
//! measure them against onnxruntime.

use std::ops::Range;

use tract_nnef::prelude::*;

use super::bag::{split, Bag};
use crate::error::{Error, Result};

/// Tokens per model run (a 2-page CV has ~1,000).
pub const WINDOW: usize = 2048;
/// The widest receptive radius a model may have (the context a run adds each side).
pub const MARGIN: usize = 64;
/// Every run starts on a multiple of this many tokens (see the module docs): a multiple of the
/// widest SIMD vector in f32 lanes (16, AVX-512) keeps a row's arithmetic where a whole run has it.
pub const ALIGN: usize = 16;
/// What one more run costs beyond its tokens (tract's per-run set-up), in tokens of work: two
/// ranges closer than their context and this run as one.
const RUN_COST_TOKENS: usize = 32;

type Plan = Arc<TypedRunnableModel>;

/// An optimised, runnable graph `ids int64 [T, slots] → probs f32 [T, classes]`.
pub struct Graph {
    plan: Plan,
    /// The embedding bag the plan starts after, when the model opens with one (see `bag`).
    bag: Option<Bag>,
    slots: usize,
    classes: usize,
    /// Context tokens a range runs with on each side: the model's receptive radius.
    context: usize,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph").field("slots", &self.slots).field("classes", &self.classes).field("context", &self.context).finish()
    }
}

impl Graph {
    /// Parse and optimise `bytes` (NNEF archive or, natively, ONNX); then run it once on a tiny
    /// input to prove the shapes hold and that no output reaches further than `radius` tokens
    /// (the spec's receptive radius, at most [`MARGIN`]), which every run's context relies on.
    pub fn load(bytes: &[u8], slots: usize, buckets: usize, classes: usize, radius: usize) -> Result<Graph> {
        let (bag, plan) = read_model(bytes)?
            .into_decluttered()
            .map(|model| split(model, slots, buckets))
            .and_then(|(bag, model)| Ok((bag, model.into_optimized()?.into_runnable()?)))
            .map_err(|e| Error::invalid_model(format!("the model graph cannot be loaded: {}", short(&e))))?;
        let context = radius.min(MARGIN);
        let graph = Graph { plan, bag, slots, classes, context };
        // The middle token of 2·radius + 3 is radius + 1 away from both ends: changing the ends
        // must leave its probabilities exactly as they were.
        let tokens = 2 * context + 3;
        let plain = vec![0; slots.saturating_mul(tokens)];
        let mut ends = plain.clone();
        let last = slots.saturating_mul(tokens - 1);
        for (i, id) in ends.iter_mut().enumerate() {
            if i < slots || i >= last {
                *id = 1;
            }
        }
        let middle = |probs: Vec<f32>| probs.get((context + 1) * classes..(context + 2) * classes).map(|row| row.iter().map(|p| p.to_bits()).collect::<Vec<_>>());
        if middle(graph.run_window(&plain, tokens)?) != middle(graph.run_window(&ends, tokens)?) {
            return Err(Error::invalid_model("the model's outputs reach further than its receptive radius"));
        }
        Ok(graph)
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Probabilities `[tokens × classes]` for `ids` (`[tokens × slots]`, already range-checked),
    /// computed over `ranges` only (sorted, disjoint, as [`Graph::merge_ranges`] gives them):
    /// inside them exactly as over `0..tokens`, outside them `O` (probability 1 for tag 0).
    pub fn probabilities_over(&self, ids: &[i64], ranges: &[Range<usize>]) -> Result<Vec<f32>> {
        let tokens = ids.len() / self.slots.max(1);
        let mut out = vec![0.0; tokens.saturating_mul(self.classes)];
        for row in out.chunks_exact_mut(self.classes.max(1)) {
            if let Some(o) = row.first_mut() {
                *o = 1.0;
            }
        }
        for range in ranges {
            let end = range.end.min(tokens);
            let mut start = range.start.min(end);
            // One run when it fits a window with its margins (a whole 2-page CV), else windows.
            let step = if end - start <= WINDOW + 2 * MARGIN { end - start } else { WINDOW };
            while start < end {
                let stop = start.saturating_add(step).min(end);
                let run = self.run_extent(start..stop, tokens);
                let window = ids.get(run.start * self.slots..run.end * self.slots).ok_or_else(internal)?;
                let probs = self.run_window(window, run.len())?;
                let keep = probs.get((start - run.start) * self.classes..(stop - run.start) * self.classes).ok_or_else(internal)?;
                out.get_mut(start * self.classes..stop * self.classes).ok_or_else(internal)?.copy_from_slice(keep);
                start = stop;
            }
        }
        Ok(out)
    }

    /// The tokens a run computing `keep` covers: its context each side, the start aligned down.
    fn run_extent(&self, keep: Range<usize>, tokens: usize) -> Range<usize> {
        let start = keep.start.saturating_sub(self.context) / ALIGN * ALIGN;
        start..keep.end.saturating_add(self.context).min(tokens)
    }

    /// `wanted` token ranges sorted, clipped to `tokens` and merged wherever the gap between two
    /// costs less to run than a second run's context, alignment and set-up.
    pub fn merge_ranges(&self, wanted: &[Range<usize>], tokens: usize) -> Vec<Range<usize>> {
        let gap = 2 * self.context + ALIGN + RUN_COST_TOKENS;
        let mut sorted: Vec<Range<usize>> = wanted.iter().map(|r| r.start.min(tokens)..r.end.min(tokens)).filter(|r| !r.is_empty()).collect();
        crate::sort::sort_by_key(&mut sorted, |r| r.start);
        let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
        for r in sorted {
            match out.last_mut() {
                Some(last) if r.start <= last.end.saturating_add(gap) => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }

    /// How many distinct tokens running `ranges` (merged) feeds the model: the work to charge.
    pub fn tokens_run(&self, ranges: &[Range<usize>], tokens: usize) -> usize {
        let mut total = 0;
        let mut covered = 0;
        for r in ranges {
            let run = self.run_extent(r.start.min(tokens)..r.end.min(tokens), tokens);
            total += run.end.saturating_sub(run.start.max(covered));
            covered = covered.max(run.end);
        }
        total
    }

    pub(super) fn run_window(&self, ids: &[i64], tokens: usize) -> Result<Vec<f32>> {
        let input = match &self.bag {
            Some(bag) => bag.sums(ids, self.slots).ok_or_else(internal)?,
            None => Tensor::from_shape(&[tokens, self.slots], ids).map_err(|_| internal())?,
        };
        // tract's run errors describe the graph, not the text; still, report them without detail.
        let outputs = self
            .plan
            .run(tvec!(input.into_tvalue()))
            .map_err(|_| Error::invalid_model("the model failed to run on this input"))?;
        let output = outputs.first().ok_or_else(|| Error::invalid_model("the model produced no output"))?;
        let view = output
            .to_plain_array_view::<f32>()
            .map_err(|_| Error::invalid_model("the model's output is not float32 probabilities"))?;
        if view.shape() != [tokens, self.classes] {
            return Err(Error::invalid_model(format!(
                "the model's output has shape {:?}, expected [{tokens}, {}]",
                view.shape(),
                self.classes
            )));
        }
        Ok(view.iter().map(|&p| if p.is_finite() { p } else { 0.0 }).collect())
    }
}

/// How a model file is encoded, told from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An NNEF archive: a tar holding `graph.nnef` and the tensors.
    Nnef,
    /// Anything else is taken for an ONNX protobuf.
    Onnx,
}

impl Format {
    pub fn of(bytes: &[u8]) -> Format {
        // Every tar header (POSIX or GNU) carries "ustar" at offset 257.
        if bytes.get(257..262) == Some(b"ustar") {
            Format::Nnef
        } else {
            Format::Onnx
        }
    }
}

fn read_model(bytes: &[u8]) -> Result<TypedModel> {
    let model = match Format::of(bytes) {
        Format::Nnef => super::nnef_reader::read(bytes),
        #[cfg(not(target_arch = "wasm32"))]
        Format::Onnx => {
            use tract_onnx::prelude::InferenceModelExt;
            tract_onnx::onnx().model_for_read(&mut std::io::Cursor::new(bytes)).and_then(|model| model.into_typed())
        }
        #[cfg(target_arch = "wasm32")]
        Format::Onnx => {
            return Err(Error::invalid_model(
                "this build runs NNEF model archives (model.int8.nnef.tar), not ONNX graphs",
            ))
        }
    };
    model.map_err(|e| Error::invalid_model(format!("the model graph cannot be loaded: {}", short(&e))))
}

fn internal() -> Error {
    Error::invalid_model("the model input could not be laid out")
}

/// The first line of tract's error chain, bounded: it names ops and shapes, never document text.
fn short(e: &TractError) -> String {
    let text = format!("{e}");
    text.lines().next().unwrap_or("").chars().take(200).collect()
}
