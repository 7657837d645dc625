# expect: gradient of the PADDED input
import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    _, _, kh, kw = w.shape
    _, _, ho, wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for a in range(kh):
        for d in range(kw):
            rows = slice(a, a + stride * (ho - 1) + 1, stride)
            cols = slice(d, d + stride * (wo - 1) + 1, stride)
            dw[:, :, a, d] = np.einsum("noij,ncij->oc", dout, xp[:, :, rows, cols])
            dxp[:, :, rows, cols] += np.einsum("noij,oc->ncij", dout, w[:, :, a, d])
    return dxp, dw, dout.sum(axis=(0, 2, 3))
