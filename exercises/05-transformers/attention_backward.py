"""The backward pass of scaled dot-product attention, in NumPy.

Forward (given below, the same as the `attention` exercise):
    S = q @ kᵀ / sqrt(d)   (blocked positions: -inf)
    P = softmax(S) over the last axis
    out = P @ v

Given dout = dL/d(out), of out's shape, return (dq, dk, dv) = (dL/dq, dL/dk, dL/dv), each the
shape of its input. Leading axes (batch, heads) may be present. A blocked position carries no
gradient; a fully blocked row neither. NumPy only. Run `dltutor check attention_backward`.
"""

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


def attention_backward(dout: np.ndarray, q: np.ndarray, k: np.ndarray, v: np.ndarray,
                       mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of L with respect to q, k and v, given dout = dL/d(out)."""
    # TODO: recompute P with attention_forward.
    # TODO: dv from P and dout; dP from dout and v.
    # TODO: back through the softmax, row by row (its Jacobian is not diagonal!), to dS.
    # TODO: back through S = q kᵀ / sqrt(d) to dq and dk (mind the transposes of the last two axes).
    raise NotImplementedError
