"""Backward pass of scaled dot-product attention (reference)."""

import numpy as np


def attention_forward(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    peak = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(np.isfinite(peak), peak, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    p = e / np.where(total > 0, total, 1.0)
    return p @ v, p


def attention_backward(dout, q, k, v, mask=None):
    _, p = attention_forward(q, k, v, mask)
    scale = 1 / np.sqrt(q.shape[-1])
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    # Softmax backward, one row at a time: dS_j = P_j (dP_j - sum_i P_i dP_i).
    ds = p * (dp - np.sum(p * dp, axis=-1, keepdims=True))
    dq = ds @ k * scale
    dk = np.swapaxes(ds, -1, -2) @ q * scale
    return dq, dk, dv
