# expect: may attend to no key, and you gave it a uniform average
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    """Attention of every query over the keys; returns (out, weights)."""
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask == 0, -1e9, scores)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    s = e.sum(axis=-1, keepdims=True)
    w = e / np.where(s > 0, s, 1.0)
    return w @ v, w
