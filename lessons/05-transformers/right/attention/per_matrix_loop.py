import math

import numpy as np


def _one(q, k, v, mask):
    scores = q.dot(k.T) / math.sqrt(q.shape[1])
    weights = np.zeros_like(scores)
    for i in range(scores.shape[0]):
        keep = mask[i]
        if not keep.any():
            continue
        row = scores[i, keep]
        e = np.exp(row - row.max())
        weights[i, keep] = e / e.sum()
    return weights.dot(v), weights


def scaled_dot_product_attention(q, k, v, mask=None):
    lead = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    lq, lk = q.shape[-2], k.shape[-2]
    if mask is None:
        mask = np.ones((lq, lk), dtype=bool)
    mask = np.broadcast_to(mask, (*lead, lq, lk))
    q = np.broadcast_to(q, (*lead, *q.shape[-2:]))
    k = np.broadcast_to(k, (*lead, *k.shape[-2:]))
    v = np.broadcast_to(v, (*lead, *v.shape[-2:]))
    out = np.zeros((*lead, lq, v.shape[-1]))
    weights = np.zeros((*lead, lq, lk))
    for idx in np.ndindex(*lead):
        out[idx], weights[idx] = _one(q[idx], k[idx], v[idx], mask[idx])
    return out, weights
