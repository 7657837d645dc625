"""Reference solution: conv2d backward by scattering each kernel tap."""

import numpy as np


def conv2d_backward(
    dout: np.ndarray, x: np.ndarray, w: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dw, db) of a loss, given dout = dL/d(conv2d(x, w, b, stride, padding))."""
    n, c, h, wd = x.shape
    _, _, kh, kw = w.shape
    _, _, h_out, w_out = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp, dtype=np.float64)
    dw = np.zeros(w.shape)
    for a in range(kh):
        for d in range(kw):
            # Tap (a, d) multiplied xp[:, :, a + S*i, d + S*j] for every output (i, j).
            rows = slice(a, a + stride * (h_out - 1) + 1, stride)
            cols = slice(d, d + stride * (w_out - 1) + 1, stride)
            dw[:, :, a, d] = np.einsum("noij,ncij->oc", dout, xp[:, :, rows, cols])
            dxp[:, :, rows, cols] += np.einsum("noij,oc->ncij", dout, w[:, :, a, d])
    db = dout.sum(axis=(0, 2, 3))
    dx = dxp[:, :, padding : padding + h, padding : padding + wd]
    return dx, dw, db
