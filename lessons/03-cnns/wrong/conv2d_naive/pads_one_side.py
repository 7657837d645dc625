# expect: one side
import numpy as np


def conv2d_naive(x, w, b, stride=1, padding=0):
    xp = np.pad(x, ((0, 0), (0, 0), (padding, 0), (padding, 0)))
    n, c, h, wd = xp.shape
    c_out, _, kh, kw = w.shape
    h_out = (h - kh) // stride + 1
    w_out = (wd - kw) // stride + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out
