# expect: ordered by position first
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, c * kh * kw, ho * wo))
    k = 0
    for cc in range(c):
        for a in range(kh):
            for d in range(kw):
                cols[:, k] = xp[:, cc, a:a + stride * ho:stride, d:d + stride * wo:stride].reshape(n, -1)
                k += 1
    # (N, CKK, L) -> (CKK, L, N): the column order of a well-known assignment, then transposed
    return cols.transpose(1, 2, 0).reshape(c * kh * kw, -1).T


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = im2col(x, kh, kw, stride, padding) @ w.reshape(c_out, -1).T + b
    return out.reshape(ho, wo, n, c_out).transpose(2, 3, 0, 1)
