# expect: the mask is applied AFTER the softmax: zeroing weights
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    """Attention of every query over the keys; returns (out, weights)."""
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    s = e.sum(axis=-1, keepdims=True)
    w = e / np.where(s > 0, s, 1.0)
    if mask is not None:
        w = np.where(mask, w, 0.0)
    return w @ v, w
