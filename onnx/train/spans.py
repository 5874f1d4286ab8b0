"""BIO decoding and span-level scoring, the Python twin of `src/model/decode.rs`.

The Rust runtime and this recipe must turn per-token probabilities into the same spans, or the
figures recorded at training time would not describe what the library does. The rules (kept
identical on both sides, and checked by `tests/integration/model_int8.rs` through the recorded sample F1):

- each token takes its most probable tag (ties: the lowest tag index);
- `B-X` opens a span of X; `I-X` continues an open X span and opens one otherwise; `O` closes;
- a span runs from its first token's start to its last token's end (character offsets here,
  byte offsets in Rust, converted to characters for scoring);
- confidence = mean over its tokens of the chosen tag's probability.

Scoring is exact span match on (label, start, end), micro-averaged over all labels and per label.
"""

from __future__ import annotations

import numpy as np


def tag_names(labels: list[str]) -> list[str]:
    """Tags in model output order: O, then B-X, I-X for each label X in order."""
    out = ["O"]
    for label in labels:
        out += [f"B-{label}", f"I-{label}"]
    return out


def decode(probs: np.ndarray, token_offsets: list, labels: list[str]) -> list[tuple[str, int, int, float]]:
    """Per-token probabilities [T, C] → [(label, start, end, confidence)] in token order."""
    spans = []
    if len(token_offsets) == 0:
        return spans
    best = probs.argmax(axis=1)  # numpy argmax returns the first maximum, like the Rust side
    current = None  # [label_index, start, end, prob_sum, count]
    for i, tag in enumerate(best.tolist()):
        p = float(probs[i, tag])
        start, end = int(token_offsets[i][0]), int(token_offsets[i][1])
        if tag == 0:
            if current:
                spans.append(current)
            current = None
            continue
        label_index, is_begin = (tag - 1) // 2, (tag - 1) % 2 == 0
        if current and not is_begin and current[0] == label_index:
            current[2] = end
            current[3] += p
            current[4] += 1
        else:
            if current:
                spans.append(current)
            current = [label_index, start, end, p, 1]
    if current:
        spans.append(current)
    return [(labels[s[0]], s[1], s[2], s[3] / s[4]) for s in spans]


class SpanScore:
    """Exact-match span counts per label; micro and per-label precision/recall/F1."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        self.tp = {label: 0 for label in labels}
        self.fp = {label: 0 for label in labels}
        self.fn = {label: 0 for label in labels}

    def add(self, predicted, gold) -> None:
        """predicted / gold: iterables of (label, start, end[, ...])."""
        pred = {(p[0], p[1], p[2]) for p in predicted}
        want = {(g[0], g[1], g[2]) for g in gold}
        for label, _, _ in pred & want:
            self.tp[label] += 1
        for label, _, _ in pred - want:
            self.fp[label] += 1
        for label, _, _ in want - pred:
            self.fn[label] += 1

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> dict:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2),
                "support": tp + fn, "predicted": tp + fp}

    def micro(self) -> dict:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def report(self) -> dict:
        return {"micro": self.micro(),
                "per_label": {label: self._prf(self.tp[label], self.fp[label], self.fn[label])
                              for label in self.labels}}
