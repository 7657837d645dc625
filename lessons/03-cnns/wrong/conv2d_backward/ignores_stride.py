# expect: ignores the stride
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
                win = xp[nn, :, i:i + kh, j:j + kw]
                for o in range(w.shape[0]):
                    dw[o] += dout[nn, o, i, j] * win
                    dxp[nn, :, i:i + kh, j:j + kw] += dout[nn, o, i, j] * w[o]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
