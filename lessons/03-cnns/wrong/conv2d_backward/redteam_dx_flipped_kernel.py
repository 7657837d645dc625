# expect: needs w AS IT IS, unrotated
"""2-D convolution, backward."""

import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    O, _, kH, kW = w.shape
    Ho, Wo = dout.shape[2], dout.shape[3]
    S, P = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    dxp = np.zeros(np.pad(x, ((0, 0), (0, 0), (P, P), (P, P))).shape)
    dw = np.zeros_like(w, dtype=float)
    db = dout.sum(axis=(0, 2, 3))
    for a in range(kH):
        for d in range(kW):
            rows = slice(a, a + S * (Ho - 1) + 1, S)
            cols = slice(d, d + S * (Wo - 1) + 1, S)
            dw[:, :, a, d] = np.einsum('noij,ncij->oc', dout, xp[:, :, rows, cols])
            dxp[:, :, rows, cols] += np.einsum('noij,oc->ncij', dout, w[:, :, kH - 1 - a, kW - 1 - d])
    return dxp[:, :, P:P + H, P:P + W], dw, db
