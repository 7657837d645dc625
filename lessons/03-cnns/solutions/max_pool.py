"""Reference solution: max pooling forward and backward."""

import numpy as np


def maxpool_forward(x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """Max over each size×size window of x (N, C, H, W); stride defaults to size."""
    stride = size if stride is None else stride
    n, c, h, w = x.shape
    h_out = (h - size) // stride + 1
    w_out = (w - size) // stride + 1
    out = np.empty((n, c, h_out, w_out), dtype=np.result_type(x, np.float64))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i * stride : i * stride + size, j * stride : j * stride + size]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out


def maxpool_backward(dout: np.ndarray, x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """dL/dx given dout = dL/d(maxpool_forward(x, size, stride)): each window's gradient goes to its argmax."""
    stride = size if stride is None else stride
    n, c, _, _ = x.shape
    _, _, h_out, w_out = dout.shape
    dx = np.zeros(x.shape, dtype=np.float64)
    nn, cc = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i * stride : i * stride + size, j * stride : j * stride + size]
            flat = np.argmax(window.reshape(n, c, -1), axis=2)  # first maximum: ties go to one entry
            a, d = np.unravel_index(flat, (size, size))
            # += : with overlapping windows one pixel can be the maximum of several
            np.add.at(dx, (nn, cc, i * stride + a, j * stride + d), dout[:, :, i, j])
    return dx
