"""The tagger network in JAX: embedding bag over hashed feature slots → 1-D convolutions → tags.

Kept tiny on purpose (it must ship inside a wasm bundle, ≤ 1 MB int8): the featurizer already
did the linguistic work (word shape, lexicons, section, layout), the network mixes the K slot
embeddings of each token and looks a few tokens left and right.

Layouts follow ONNX so export is a copy: conv weights [out, in, k], cross-correlation with zero
padding k//2 each side. Batches are padded documents; activations are re-masked after every
layer so padding behaves exactly like the zero padding of a single-document ONNX run.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np


def init_params(key, rows: int, dim: int, hidden: int, kernels: list[int], classes: int) -> dict:
    keys = jax.random.split(key, 2 + len(kernels))
    params = {"emb": jax.random.normal(keys[0], (rows, dim)) * 0.05, "convs": []}
    fan_in = dim
    for i, k in enumerate(kernels):
        w = jax.random.normal(keys[1 + i], (hidden, fan_in, k)) * np.sqrt(2.0 / (fan_in * k))
        params["convs"].append((w, jnp.zeros(hidden)))
        fan_in = hidden
    w = jax.random.normal(keys[-1], (classes, fan_in, 1)) * np.sqrt(1.0 / fan_in)
    params["out"] = (w, jnp.zeros(classes))
    return params


def conv1d(x, w, b):
    """x [B, T, Cin], w [Cout, Cin, k] → [B, T, Cout], 'same' zero padding."""
    k = w.shape[2]
    y = jax.lax.conv_general_dilated(x, w, window_strides=(1,), padding=[(k // 2, k // 2)],
                                     dimension_numbers=("NWC", "OIW", "NWC"))
    return y + b


def forward(params, ids, mask, rows: int, key=None, slot_dropout: float = 0.0, dropout: float = 0.0):
    """ids int32 [B, T, K], mask float [B, T] → logits [B, T, C]."""
    vectors = params["emb"][ids % rows]                        # [B, T, K, D]
    if key is not None and slot_dropout > 0:
        key, sub = jax.random.split(key)
        keep = jax.random.bernoulli(sub, 1 - slot_dropout, ids.shape)[..., None]
        vectors = vectors * keep
    h = vectors.sum(axis=2) * mask[..., None]
    for w, b in params["convs"]:
        if key is not None and dropout > 0:
            key, sub = jax.random.split(key)
            h = h * jax.random.bernoulli(sub, 1 - dropout, h.shape) / (1 - dropout)
        h = jax.nn.relu(conv1d(h, w, b)) * mask[..., None]
    w, b = params["out"]
    return conv1d(h, w, b)


def to_numpy(params) -> dict:
    return jax.tree_util.tree_map(lambda a: np.asarray(a, dtype=np.float32), params)
