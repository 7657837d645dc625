# expect: uniform average
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    # The classic tutorial line: masked_fill(mask == 0, -1e9).
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    w = e / e.sum(axis=-1, keepdims=True)
    return w @ v, w
