# mistake: recomputes P without the mask
# expect: the backward ignores the mask: it recomputes P without it
import numpy as np


def attention_forward(q, k, v, mask=None):
    """Returns (out, P). Complete: use it in your backward."""
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    peak = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(np.isfinite(peak), peak, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    p = e / np.where(total > 0, total, 1.0)
    return p @ v, p


def attention_backward(dout, q, k, v, mask=None):
    """Gradients of L with respect to q, k and v, given dout = dL/d(out)."""
    _, P = attention_forward(q, k, v)
    T = lambda a: np.swapaxes(a, -1, -2)
    scale = 1.0 / np.sqrt(q.shape[-1])
    dv = T(P) @ dout
    dP = dout @ T(v)
    dS = P * (dP - (P * dP).sum(axis=-1, keepdims=True))
    dq = dS @ k * scale
    dk = T(dS) @ q * scale
    return dq, dk, dv
