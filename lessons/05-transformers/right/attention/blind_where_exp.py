import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    q = np.asarray(q, dtype=float); k = np.asarray(k, dtype=float); v = np.asarray(v, dtype=float)
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) * (1.0 / np.sqrt(q.shape[-1]))
    allowed = np.ones(scores.shape, dtype=bool) if mask is None else np.broadcast_to(np.asarray(mask, bool), scores.shape)
    if mask is not None and scores.shape != np.broadcast_shapes(scores.shape, np.shape(mask)):
        scores = np.broadcast_to(scores, np.broadcast_shapes(scores.shape, np.shape(mask)))
        allowed = np.broadcast_to(np.asarray(mask, bool), scores.shape)
    peak = np.max(np.where(allowed, scores, -np.inf), axis=-1, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    e = np.zeros(scores.shape)
    np.exp(scores - peak, out=e, where=allowed)
    total = e.sum(axis=-1, keepdims=True)
    w = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return np.matmul(w, v), w
