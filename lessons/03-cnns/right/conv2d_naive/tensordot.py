import numpy as np


def conv2d_naive(x, w, b, stride=1, padding=0):
    n, c, h, wd = x.shape
    co, _, kh, kw = w.shape
    if padding:
        xp = np.zeros((n, c, h + 2 * padding, wd + 2 * padding), dtype=float)
        xp[:, :, padding:padding + h, padding:padding + wd] = x
    else:
        xp = x
    ho = (xp.shape[2] - kh) // stride + 1
    wo = (xp.shape[3] - kw) // stride + 1
    out = np.empty((n, co, ho, wo))
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b[None, :, None, None]
