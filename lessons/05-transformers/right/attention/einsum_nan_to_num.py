import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    with np.errstate(invalid="ignore"):
        shifted = scores - scores.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
        weights = np.nan_to_num(e / e.sum(axis=-1, keepdims=True), nan=0.0)
    out = np.einsum("...qk,...kv->...qv", weights, v)
    return out, weights
