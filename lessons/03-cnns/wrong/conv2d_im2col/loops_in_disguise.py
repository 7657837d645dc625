# expect: Python loop over the images, the output positions
# im2col is right, but the convolution never uses it.
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, c, kh, kw, ho, wo))
    for a in range(kh):
        for d in range(kw):
            cols[:, :, a, d] = xp[:, :, a:a + stride * ho:stride, d:d + stride * wo:stride]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * ho * wo, -1)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c_out, ho, wo))
    for nn in range(n):
        for o in range(c_out):
            for i in range(ho):
                for j in range(wo):
                    out[nn, o, i, j] = np.sum(
                        xp[nn, :, i * stride:i * stride + kh, j * stride:j * stride + kw] * w[o]) + b[o]
    return out
