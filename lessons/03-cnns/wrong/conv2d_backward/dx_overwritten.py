# expect: windows overlap
# expect: accumulate with `+=`
# `=` where overlapping windows need `+=`: every pixel keeps only the last window's share.
import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    _, _, kh, kw = w.shape
    _, _, ho, wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for nn in range(n):
        for i in range(ho):
            for j in range(wo):
                win = xp[nn, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                dw += dout[nn, :, i, j][:, None, None, None] * win[None]
                dxp[nn, :, i * stride:i * stride + kh, j * stride:j * stride + kw] = np.einsum(
                    "o,ocad->cad", dout[nn, :, i, j], w)
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
