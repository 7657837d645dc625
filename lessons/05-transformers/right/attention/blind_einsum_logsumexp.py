import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(d)
    if mask is not None:
        scores = np.where(np.broadcast_to(mask, scores.shape), scores, -np.inf)
    peak = np.max(scores, axis=-1, keepdims=True)
    finite = np.isfinite(peak)
    peak = np.where(finite, peak, 0.0)
    lse = peak + np.log(np.sum(np.exp(scores - peak), axis=-1, keepdims=True) + (~finite))
    w = np.where(finite, np.exp(scores - lse), 0.0)
    out = np.einsum("...qk,...kv->...qv", w, v)
    return out, w
