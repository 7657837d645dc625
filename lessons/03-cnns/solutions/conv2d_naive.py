"""Reference solution: conv2d_naive."""

import numpy as np


def conv2d_naive(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Cross-correlate x (N, C_in, H, W) with w (C_out, C_in, kH, kW), add b (C_out,)."""
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            top, left = i * stride, j * stride
            window = xp[:, :, top : top + kh, left : left + kw]  # (N, C_in, kH, kW)
            for o in range(c_out):
                out[:, o, i, j] = np.sum(window * w[o], axis=(1, 2, 3)) + b[o]
    return out
