//! BIO decoding: per-token tag probabilities → labelled spans.
//!
//! The twin of `onnx/train/spans.py::decode`; both must give the same spans, because the figures
//! the recipe records are checked against this code by `tests/integration/model_int8.rs`. Rules: each token
//! takes its most probable tag (ties → lowest index); `B-X` opens an X span; `I-X` continues an
//! open X span and opens one otherwise; `O` closes. Confidence is the mean probability of the
//! chosen tags over the span's tokens.

/// A decoded span in token indices (`first..=last`).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSpan {
    /// Index into the model's labels.
    pub label: usize,
    pub first: usize,
    pub last: usize,
    pub confidence: f32,
}

/// `probs` is row-major `[tokens × classes]`, classes = 1 + 2 × labels.
pub fn decode(probs: &[f32], classes: usize) -> Vec<TokenSpan> {
    let mut spans = Vec::new();
    if classes == 0 {
        return spans;
    }
    // (label, first, last, probability sum, tokens)
    let mut open: Option<(usize, usize, usize, f32, u32)> = None;
    for (token, row) in probs.chunks_exact(classes).enumerate() {
        let (tag, p) = argmax(row);
        if tag == 0 {
            if let Some(span) = open.take() {
                spans.push(finish(span));
            }
            continue;
        }
        let label = (tag - 1) / 2;
        let begins = (tag - 1) % 2 == 0;
        match open.as_mut() {
            Some(span) if !begins && span.0 == label => {
                span.2 = token;
                span.3 += p;
                span.4 = span.4.saturating_add(1);
            }
            _ => {
                if let Some(span) = open.take() {
                    spans.push(finish(span));
                }
                open = Some((label, token, token, p, 1));
            }
        }
    }
    if let Some(span) = open.take() {
        spans.push(finish(span));
    }
    spans
}

fn finish((label, first, last, sum, count): (usize, usize, usize, f32, u32)) -> TokenSpan {
    TokenSpan { label, first, last, confidence: (sum / count.max(1) as f32).clamp(0.0, 1.0) }
}

/// Index and value of the first maximum (NaN never wins).
fn argmax(row: &[f32]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &p) in row.iter().enumerate() {
        if p > best.1 {
            best = (i, p);
        }
    }
    if best.1.is_finite() {
        best
    } else {
        (0, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-hot-ish rows for tags (C = 5: O, B-A, I-A, B-B, I-B).
    fn rows(tags: &[usize]) -> Vec<f32> {
        tags.iter()
            .flat_map(|&t| (0..5).map(move |c| if c == t { 0.8 } else { 0.05 }))
            .collect()
    }

    #[test]
    fn bio_sequences_become_spans() {
        // O B-A I-A O I-B I-B B-A B-A I-B
        let spans = decode(&rows(&[0, 1, 2, 0, 4, 4, 1, 1, 4]), 5);
        let got: Vec<_> = spans.iter().map(|s| (s.label, s.first, s.last)).collect();
        assert_eq!(got, [(0, 1, 2), (1, 4, 5), (0, 6, 6), (0, 7, 7), (1, 8, 8)]);
        assert!((spans[0].confidence - 0.8).abs() < 1e-6);
    }

    #[test]
    fn ties_pick_the_lowest_tag_and_nan_is_outside() {
        assert!(decode(&[0.5, 0.5, 0.0, 0.0, 0.0], 5).is_empty());
        assert!(decode(&[f32::NAN; 5], 5).is_empty());
        assert!(decode(&[0.1, 0.2], 0).is_empty());
    }
}
