"""Scaled dot-product attention in NumPy.

    scores  = q @ kᵀ / sqrt(d)                 (..., Lq, Lk), d = q.shape[-1]
    weights = softmax(scores) over the keys    every query's row sums to one
    out     = weights @ v                      (..., Lq, dv)

q is (..., Lq, d), k is (..., Lk, d), v is (..., Lk, dv); the leading axes (batch, heads)
can be anything, or absent. `mask` is None or a boolean array that broadcasts to
(..., Lq, Lk): True means "this query may attend to this key", False blocks it. A query
row whose keys are ALL blocked gets weights of 0 and an output of 0 (not NaN).
Return (out, weights). NumPy only. Run `dltutor check attention`.
"""

import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                                 mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Attention of every query over the keys; returns (out, weights)."""
    # TODO: scores from q and the transposed keys (only the last two axes!), scaled.
    # TODO: blocked positions must get zero weight: change their scores BEFORE the softmax.
    # TODO: a stable softmax over the keys axis; rows with no allowed key become all zeros.
    raise NotImplementedError
