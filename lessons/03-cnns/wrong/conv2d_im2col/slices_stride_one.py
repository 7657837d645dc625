# expect: stride
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, c, kh, kw, h_out, w_out), dtype=x.dtype)
    for a in range(kh):
        for d in range(kw):
            cols[:, :, a, d] = xp[:, :, a:a + h_out, d:d + w_out]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * h_out * w_out, c * kh * kw)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    out = im2col(x, kh, kw, stride, padding) @ w.reshape(c_out, -1).T + b
    return out.reshape(n, h_out, w_out, c_out).transpose(0, 3, 1, 2)
