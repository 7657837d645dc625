# expect: QUERIES axis
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = np.max(scores, axis=-2, keepdims=True)
    e = np.exp(scores - m)
    w = e / e.sum(axis=-2, keepdims=True)
    return w @ v, w
