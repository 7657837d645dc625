import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, _, _ = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    # win: (n, c, h_out, w_out, kh, kw) -> rows (n, i, j), columns (c, a, d)
    h_out, w_out = win.shape[2], win.shape[3]
    return win.transpose(0, 2, 3, 1, 4, 5).reshape(n * h_out * w_out, c * kh * kw)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    cols = im2col(x, kh, kw, stride, padding)
    out = w.reshape(f, -1) @ cols.T + b[:, None]  # (f, n*h_out*w_out)
    return out.reshape(f, n, h_out, w_out).transpose(1, 0, 2, 3)
