"""Convolution as one matrix multiply (im2col).

im2col(x, kH, kW, stride, padding) lays every window the kernel visits out as a row:
    shape (N·H_out·W_out, C·kH·kW)
    rows in (n, i, j) order: image n, output row i, output column j
    each row is the window x_padded[n, :, i*S : i*S+kH, j*S : j*S+kW] flattened in (c, a, d) order,
    the same order as w.reshape(C_out, -1)

Then conv2d is cols @ w.reshape(C_out, -1).T + b, reshaped back to (N, C_out, H_out, W_out).
It must be fast: no Python loop over output positions of a whole batch (a loop over the kH·kW
kernel offsets is fine). NumPy only. Run `dltutor check conv2d_im2col`.
"""

import numpy as np


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every kernel window of x as a row: (N·H_out·W_out, C·kH·kW); rows (n, i, j), columns (c, a, d)."""
    # TODO: pad x, then fill an array (N, C, kH, kW, H_out, W_out) with one strided slice per
    #       kernel offset (a, d); transpose and reshape it to (N·H_out·W_out, C·kH·kW).
    raise NotImplementedError


def conv2d_im2col(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1,
                  padding: int = 0) -> np.ndarray:
    """conv2d as a single matmul: (N, C_in, H, W) * (C_out, C_in, kH, kW) -> (N, C_out, H_out, W_out)."""
    # TODO: cols = im2col(...); out = cols @ w.reshape(C_out, -1).T + b; reshape to
    #       (N, H_out, W_out, C_out) and move the channels to axis 1.
    raise NotImplementedError
