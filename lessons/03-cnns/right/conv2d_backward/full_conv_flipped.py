# The textbook route: dw correlates the input with dout; dx is a "full" convolution of the
# stride-dilated dout with the 180°-rotated kernel.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    _, _, ho, wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    hp, wp = xp.shape[2:]

    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :ho, :wo]
    dw = np.einsum("nfij,ncijab->fcab", dout, windows)
    db = dout.sum(axis=(0, 2, 3))

    dilated = np.zeros((n, f, (ho - 1) * stride + 1, (wo - 1) * stride + 1))
    dilated[:, :, ::stride, ::stride] = dout
    full = np.pad(dilated, ((0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))
    rotated = w[:, :, ::-1, ::-1]
    dxp = np.zeros((n, c, hp, wp))
    covered = np.einsum("nfijab,fcab->ncij", sliding_window_view(full, (kh, kw), axis=(2, 3)), rotated)
    dxp[:, :, :covered.shape[2], :covered.shape[3]] = covered  # rows no window reached get 0
    dx = dxp[:, :, padding:padding + h, padding:padding + wd]
    return dx, dw, db
