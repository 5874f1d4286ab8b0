"""Random but learnable tagging data for `train.py --smoke`: checks train → export → quantize → run.

Not a benchmark: the tag of a token is a fixed function of its own and its left neighbour's
ids, which the conv tagger can learn in a few epochs.
"""

from __future__ import annotations

import numpy as np

from data import Doc
from spans import decode, tag_names

META = {"buckets": 1 << 18}
SLOTS = 8


def _doc(rng, n_labels: int, idx: int) -> Doc:
    t = int(rng.integers(50, 600))
    # a small vocabulary per slot, so ids recur; slots use disjoint ranges like the featurizer's hashes
    ids = rng.integers(0, 500, (t, SLOTS)).astype(np.int64) + 500 * np.arange(SLOTS)
    tags = np.zeros(t, dtype=np.int32)
    for i in range(t):
        if ids[i, 0] % 5 == 0:
            tags[i] = 1 + 2 * int(ids[i, 1] % n_labels)
        elif i > 0 and tags[i - 1] != 0 and ids[i, 2] % 2 == 0:
            tags[i] = tags[i - 1] + (1 if tags[i - 1] % 2 == 1 else 0)
    offsets = [(4 * i, 4 * i + 3) for i in range(t)]
    one_hot = np.eye(1 + 2 * n_labels)[tags]
    return Doc(id=f"smoke-{idx}", layout="smoke", locale="xx", offsets=offsets, ids=ids, tags=tags,
               gold=[(s[0], s[1], s[2]) for s in decode(one_hot, offsets, [str(j) for j in range(n_labels)])],
               featurizer_version="0.0.0")


def make(labels: list[str], seed: int) -> dict:
    rng = np.random.default_rng(seed)
    splits = {name: [_doc(rng, len(labels), i) for i in range(n)] for name, n in
              (("train", 200), ("validation", 30), ("test", 30))}
    for docs in splits.values():
        for d in docs:
            d.gold = [(labels[int(g[0])], g[1], g[2]) for g in d.gold]
    assert len(tag_names(labels)) == 1 + 2 * len(labels)
    return splits
