//! The tract side: load an ONNX tagger once, optimise it, run it over a document's ids.
//!
//! tract's pipeline is load → type → optimise → plan; the plan is immutable and shared, each run
//! gets its own state. The token axis `T` stays symbolic, so one plan serves every document.
//! Long documents run in windows of [`WINDOW`] tokens with [`MARGIN`] tokens of context each side
//! (more than any model's receptive radius), keeping only each window's centre: the result equals
//! one whole-document run while memory stays bounded.
//!
//! Shipped models are NNEF archives (tract's own format, read by tract-nnef with only the ops the
//! taggers use, see `nnef_reader`), which keeps tract's ONNX front end and its other ops out of the
//! wasm module (see `convert`). Native builds also read the ONNX originals, to convert them and to
//! measure them against onnxruntime.

use tract_nnef::prelude::*;

use crate::error::{Error, Result};

/// Tokens per model run (a 2-page CV has ~1,000).
pub const WINDOW: usize = 2048;
/// Context tokens added on each side of a window; a model's receptive radius must not exceed it.
pub const MARGIN: usize = 64;

type Plan = Arc<TypedRunnableModel>;

/// An optimised, runnable graph `ids int64 [T, slots] → probs f32 [T, classes]`.
pub struct Graph {
    plan: Plan,
    slots: usize,
    classes: usize,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph").field("slots", &self.slots).field("classes", &self.classes).finish()
    }
}

impl Graph {
    /// Parse and optimise `bytes` (NNEF archive or, natively, ONNX); then run it once on a tiny
    /// input to prove the shapes hold.
    pub fn load(bytes: &[u8], slots: usize, classes: usize) -> Result<Graph> {
        let plan = read_model(bytes)?
            .into_optimized()
            .and_then(|model| model.into_runnable())
            .map_err(|e| Error::invalid_model(format!("the model graph cannot be loaded: {}", short(&e))))?;
        let graph = Graph { plan, slots, classes };
        graph.run_window(&vec![0; slots.saturating_mul(2)], 2)?;
        Ok(graph)
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Probabilities `[tokens × classes]` for `ids` (`[tokens × slots]`, already range-checked).
    pub fn probabilities(&self, ids: &[i64]) -> Result<Vec<f32>> {
        let tokens = ids.len() / self.slots.max(1);
        if tokens == 0 {
            return Ok(Vec::new());
        }
        if tokens <= WINDOW + 2 * MARGIN {
            return self.run_window(ids, tokens);
        }
        let mut out = Vec::with_capacity(tokens.saturating_mul(self.classes));
        let mut start = 0;
        while start < tokens {
            let end = start.saturating_add(WINDOW).min(tokens);
            let from = start.saturating_sub(MARGIN);
            let to = end.saturating_add(MARGIN).min(tokens);
            let window = ids.get(from * self.slots..to * self.slots).ok_or_else(internal)?;
            let probs = self.run_window(window, to - from)?;
            let keep = probs.get((start - from) * self.classes..(end - from) * self.classes).ok_or_else(internal)?;
            out.extend_from_slice(keep);
            start = end;
        }
        Ok(out)
    }

    pub(super) fn run_window(&self, ids: &[i64], tokens: usize) -> Result<Vec<f32>> {
        let input = Tensor::from_shape(&[tokens, self.slots], ids).map_err(|_| internal())?;
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
