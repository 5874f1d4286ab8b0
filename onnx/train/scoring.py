"""Scoring a tagger graph with onnxruntime: span P/R/F1 on documents, and file digests.

Training (train.py) and the committed samples (eval_sample.py) both score graphs and record
digests; both use this module, which needs neither of them.
"""

from __future__ import annotations

import hashlib

import numpy as np

from spans import SpanScore, decode


def ort_session(path):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


def evaluate(session, docs, labels, by_layout=False) -> dict:
    score = SpanScore(labels)
    layouts = {}
    for d in docs:
        probs = session.run(None, {"ids": d.ids})[0] if len(d.tags) else np.zeros((0, 1 + 2 * len(labels)))
        pred = decode(probs, d.offsets, labels)
        score.add(pred, d.gold)
        if by_layout:
            layouts.setdefault(d.layout, SpanScore(labels)).add(pred, d.gold)
    out = score.report()
    out["documents"] = len(docs)
    if by_layout:
        out["micro_f1_by_layout"] = {k: v.micro()["f1"] for k, v in sorted(layouts.items())}
    return out


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()
