# expect: that is the transpose
# The layout many course notes print: one COLUMN per output position.
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((c, kh, kw, n, ho, wo))
    for a in range(kh):
        for d in range(kw):
            cols[:, a, d] = xp[:, :, a:a + stride * ho:stride, d:d + stride * wo:stride].transpose(1, 0, 2, 3)
    return cols.reshape(c * kh * kw, n * ho * wo)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = w.reshape(c_out, -1) @ im2col(x, kh, kw, stride, padding) + b[:, None]
    return out.reshape(c_out, n, ho, wo).transpose(1, 0, 2, 3)
