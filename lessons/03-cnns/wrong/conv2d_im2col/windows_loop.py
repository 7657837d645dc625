# expect: Python loop over the images, the output positions
# One column per (i, j) window, gathered in a Python loop over output positions: right
# values, and only a few times slower than slicing on a small batch.
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, ho, wo, c * kh * kw))
    for i in range(ho):
        for j in range(wo):
            cols[:, i, j] = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(n, -1)
    return cols.reshape(n * ho * wo, c * kh * kw)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = im2col(x, kh, kw, stride, padding) @ w.reshape(c_out, -1).T + b
    return out.reshape(n, ho, wo, c_out).transpose(0, 3, 1, 2)
