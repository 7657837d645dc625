"""Scaled dot-product attention in NumPy (reference)."""

import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)
    if mask is not None:
        allowed = np.broadcast_to(mask, scores.shape)
        scores = np.where(allowed, scores, -np.inf)
    # Subtract each row's maximum for stability; a fully blocked row has max -inf, so use 0 there.
    peak = scores.max(axis=-1, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    e = np.exp(scores - peak)  # exp(-inf) = 0: blocked keys get no weight
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total > 0, total, 1.0)  # a row with nothing to attend to stays all zero
    return weights @ v, weights
