# expect: rotation the wrong way round
# expect: needs the kernel ROTATED
# "dx is a full convolution of dout with the kernel" -- but the kernel was never rotated.
import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    _, _, ho, wo = dout.shape
    # dilate dout by the stride, then pad it by k-1 on each side for the "full" convolution
    dil = np.zeros((n, c_out, stride * (ho - 1) + 1, stride * (wo - 1) + 1))
    dil[:, :, ::stride, ::stride] = dout
    full = np.pad(dil, ((0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))
    hp, wp = h + 2 * padding, wd + 2 * padding
    dxp = np.zeros((n, c, hp, wp))
    for i in range(full.shape[2] - kh + 1):
        for j in range(full.shape[3] - kw + 1):
            win = full[:, :, i:i + kh, j:j + kw]          # (N, C_out, kh, kw)
            dxp[:, :, i, j] = np.einsum("noad,ocad->nc", win, w)  # should use w[:, :, ::-1, ::-1]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dw = np.zeros_like(w)
    for a in range(kh):
        for d in range(kw):
            sl = xp[:, :, a:a + stride * (ho - 1) + 1:stride, d:d + stride * (wo - 1) + 1:stride]
            dw[:, :, a, d] = np.einsum("noij,ncij->oc", dout, sl)
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
