"""Reference solution: im2col and a convolution that is one matrix multiply."""

import numpy as np


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every kernel window of x as a row: (N·H_out·W_out, C·kH·kW); rows (n, i, j), columns (c, a, d)."""
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, c, kh, kw, h_out, w_out), dtype=x.dtype)
    for a in range(kh):  # one strided slice per kernel offset, not one per output value
        for d in range(kw):
            cols[:, :, a, d] = xp[:, :, a : a + stride * h_out : stride, d : d + stride * w_out : stride]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * h_out * w_out, c * kh * kw)


def conv2d_im2col(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """conv2d as a single matmul: (N, C_in, H, W) * (C_out, C_in, kH, kW) -> (N, C_out, H_out, W_out)."""
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    cols = im2col(x, kh, kw, stride, padding)
    out = cols @ w.reshape(c_out, -1).T + b  # (N·H_out·W_out, C_out)
    return out.reshape(n, h_out, w_out, c_out).transpose(0, 3, 1, 2)
